"""Where the order of a procedure's steps holds on every path through its flow."""

from __future__ import annotations

from sopmodel.model import Procedure

__all__ = ["fixed_successor"]


def fixed_successor(
    procedure: Procedure,
    index: int,
    transitions: list[list[tuple[int, str | None]]] | None = None,
) -> int | None:
    """Return the index of the step that comes right after step `index` on every path through
    the flow, or None when that depends on the case.

    It depends on the case after a decision, after a step done only in some case (`when`),
    before such a step (it may be skipped), and where the procedure can end. A `next:` jump is
    followed on every path, so the step it names is the one that comes.
    """
    transitions = procedure.transitions() if transitions is None else transitions
    step = procedure.steps[index]
    if step.when or step.decision or len(transitions[index]) != 1:
        return None
    target, label = transitions[index][0]
    if label is not None or target == index or procedure.steps[target].when:
        return None
    return target
