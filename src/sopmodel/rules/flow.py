"""Rules on the flow of a procedure's steps: branches, jumps, reachability and ends."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from sopmodel.diagnostics import Severity
from sopmodel.model import Procedure
from sopmodel.rules.engine import Context, Finding, rule

PROCEDURE = ("procedure",)


def successors(document: Procedure, context: Context) -> list[list[int]]:
    """Return, for each top-level step, the indexes of the steps that can follow it."""
    return context.derived(
        "successors", lambda: [[t for t, _ in out] for out in document.transitions()]
    )


def _reach(starts: list[int], edges: list[list[int]]) -> set[int]:
    seen, queue = set(starts), deque(starts)
    while queue:
        for nxt in edges[queue.popleft()]:
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


@rule("FLOW001", "unknown-branch-target", Severity.error, PROCEDURE)
def unknown_branch_target(document: Procedure, context: Context) -> Iterator[Finding]:
    """A decision branch goes to a step id that no top-level step has.

    The reader would be sent nowhere. Give the target step that `id`, or correct the
    `goto`.
    """
    known = [step.id for step in document.steps if step.id]
    for i, step in enumerate(document.steps):
        for b, branch in enumerate(step.decision or []):
            if branch.goto not in known:
                yield Finding(
                    ("steps", i, "decision", b, "goto"),
                    f"branch {branch.when!r} goes to unknown step {branch.goto!r}:"
                    f" use one of: {', '.join(known) or 'no step has an id yet'}",
                )


@rule("FLOW002", "unreachable-step", Severity.error, PROCEDURE)
def unreachable_step(document: Procedure, context: Context) -> Iterator[Finding]:
    """A step cannot be reached from the first step.

    Steps run in order unless a step branches (`decision`), jumps (`next`) or ends
    (`end: true`); a step that no path reaches is never done. Add a branch or a `next`
    that leads to it, or remove it.
    """
    edges = successors(document, context)
    reached = _reach([0], edges)
    for i, step in enumerate(document.steps):
        if i not in reached:
            name = repr(step.id) if step.id else f"{i + 1}"
            yield Finding(
                ("steps", i),
                f"step {name} ({step.title!r}) is never reached from"
                " the first step: lead a branch or a `next` to it, or remove it",
            )


@rule("FLOW003", "no-end", Severity.error, PROCEDURE)
def no_end(document: Procedure, context: Context) -> Iterator[Finding]:
    """The flow has a loop that no path leaves: the procedure never ends.

    Every path from the first step must reach a step with `end: true` or the last step.
    Add a branch out of the loop, or mark the final step with `end: true`.
    """
    edges = successors(document, context)
    terminal = [i for i, targets in enumerate(edges) if not targets]
    reversed_edges: list[list[int]] = [[] for _ in edges]
    for i, targets in enumerate(edges):
        for t in targets:
            reversed_edges[t].append(i)
    can_end = _reach(terminal, reversed_edges)
    stuck = sorted(_reach([0], edges) - can_end)
    if stuck:
        step = document.steps[stuck[0]]
        yield Finding(
            ("steps", stuck[0]),
            f"from step {step.id or stuck[0] + 1!r} the procedure"
            " can never end: add a branch out of the loop or a step with `end: true`",
        )


@rule("FLOW004", "conflicting-flow", Severity.error, PROCEDURE)
def conflicting_flow(document: Procedure, context: Context) -> Iterator[Finding]:
    """A step says both how to continue and that it ends, or has both `decision` and `next`.

    Only one of `end: true`, `decision` and `next` can say what follows a step. Keep the
    one you mean.
    """
    for i, step in enumerate(document.steps):
        said = [
            k for k, v in (("end", step.end), ("decision", step.decision), ("next", step.next)) if v
        ]
        if len(said) > 1:
            yield Finding(
                ("steps", i, said[1]),
                f"step {step.id or i + 1!r} has both {' and '.join(said)}: keep only one",
                key=True,
            )


@rule("FLOW005", "one-way-decision", Severity.warning, PROCEDURE)
def one_way_decision(document: Procedure, context: Context) -> Iterator[Finding]:
    """A decision has fewer than two branches.

    A decision with one way out is not a decision. Add the other outcome, or replace
    `decision` by `next`.
    """
    for i, step in enumerate(document.steps):
        if step.decision is not None and len(step.decision) < 2:
            yield Finding(
                ("steps", i, "decision"),
                f"decision {step.title!r} has"
                f" {len(step.decision)} branch: add the other outcome or use `next`",
                key=True,
            )


@rule("FLOW006", "duplicate-branch", Severity.error, PROCEDURE)
def duplicate_branch(document: Procedure, context: Context) -> Iterator[Finding]:
    """Two branches of one decision have the same `when`.

    The reader cannot tell which way to go. Make each outcome distinct.
    """
    for i, step in enumerate(document.steps):
        seen: set[str] = set()
        for b, branch in enumerate(step.decision or []):
            label = branch.when.casefold()
            if label in seen:
                yield Finding(
                    ("steps", i, "decision", b, "when"),
                    f"the outcome {branch.when!r} appears twice: make each outcome distinct",
                )
            seen.add(label)
