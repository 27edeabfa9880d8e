"""Which top-level steps belong to one branch of a decision: done only when that answer is given.

A step belongs to the branch "no" of step 3 when every way from the first step to it passes
through that answer; when several branches hold it (a decision inside a branch), the nearest
one is kept, since it implies the others.
"""

from __future__ import annotations

from dataclasses import dataclass

from sopmodel.model import Procedure

__all__ = ["BranchMark", "branch_marks"]


@dataclass(frozen=True, slots=True)
class BranchMark:
    """The answer of a decision a step depends on."""

    decision: int
    """The index of the decision step among the top-level steps."""
    answer: str
    """The branch's `when`, as the source writes it."""


Transitions = list[list[tuple[int, str | None]]]


def _reached(transitions: Transitions, cut: tuple[int, int] | None) -> set[int]:
    """Return the steps reached from the first one, without the way `cut` (source, target)."""
    if not transitions:
        return set()
    seen, stack = {0}, [0]
    while stack:
        source = stack.pop()
        for target, _label in transitions[source]:
            if (source, target) != cut and target not in seen:
                seen.add(target)
                stack.append(target)
    return seen


def branch_marks(procedure: Procedure) -> dict[int, BranchMark]:
    """Return, by top-level step index, the branch each step is done in (only those in one)."""
    transitions = procedure.transitions()
    everywhere = _reached(transitions, None)
    held: dict[int, tuple[int, BranchMark]] = {}
    for source, targets in enumerate(transitions):
        if not procedure.steps[source].decision or source not in everywhere:
            continue
        ways = [target for target, _ in targets]
        for target, answer in targets:
            if answer is None or ways.count(target) > 1:  # two answers lead to the same step
                continue
            only_here = everywhere - _reached(transitions, (source, target))
            for step in only_here:
                if step not in held or len(only_here) < held[step][0]:
                    held[step] = (len(only_here), BranchMark(source, answer))
    return {step: mark for step, (_size, mark) in sorted(held.items())}
