"""Rules on conditional steps: a `when` that repeats what a decision already says."""

from __future__ import annotations

from collections.abc import Iterator

from sopmodel.diagnostics import Severity
from sopmodel.model import Procedure
from sopmodel.rules.engine import Context, Finding, rule


@rule("FLOW007", "condition-on-branch-target", Severity.warning, ("procedure",))
def condition_on_branch_target(document: Procedure, context: Context) -> Iterator[Finding]:
    """A step reached only through decision branches also has a `when`.

    The branch that leads to the step already says when it runs; a second condition on the
    step leaves the reader wondering whether to check it again, and what to do when it does
    not hold. Put the condition in the branch's answer and remove `when`, or make the
    question a decision of its own. A step also reached in sequence (or the first step) may
    keep its `when`: there it is the only thing that says when the step is done.
    """
    incoming: dict[int, list[tuple[int, str | None]]] = {}
    for source, targets in enumerate(document.transitions()):
        for target, label in targets:
            incoming.setdefault(target, []).append((source, label))
    for index, step in enumerate(document.steps):
        ways = incoming.get(index, [])
        if not step.when or index == 0 or not ways:
            continue
        if any(label is None for _, label in ways):
            continue
        source, label = ways[0]
        asker = document.steps[source]
        name = repr(asker.id) if asker.id else str(source + 1)
        yield Finding(
            ("steps", index, "when"),
            f"step {step.id or index + 1!r} is reached only through decision branches"
            f" (answer {label!r} of step {name}), which already say when it runs:"
            " remove when, or put the condition in the branch",
        )
