"""Step numbers as readers see them: 1, 2, 2.1, 2.2, 3."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sopmodel.diagnostics import Loc
from sopmodel.model import Procedure, SubStep

__all__ = ["NumberedStep", "number_steps"]


@dataclass(frozen=True, slots=True)
class NumberedStep:
    """A step or sub-step with its number, its depth and the role that does it."""

    number: str
    """1, 2, 2.1, 2.1.1."""
    depth: int
    """0 for a top-level step, 1 for its sub-steps, and so on."""
    loc: Loc
    """Where the step is in the document: ("steps", 1, "substeps", 0)."""
    step: SubStep
    """The step itself."""
    role: str | None
    """The role that does it: its own, or else its parent step's."""


def number_steps(procedure: Procedure) -> list[NumberedStep]:
    """Return every step and sub-step in reading order, numbered."""
    return list(_walk(procedure.steps, "", 0, ("steps",), None))


def _walk(
    steps: Sequence[SubStep], prefix: str, depth: int, loc: Loc, inherited: str | None
) -> Iterator[NumberedStep]:
    for index, step in enumerate(steps):
        number = f"{prefix}{index + 1}"
        here = (*loc, index)
        role = step.role or inherited
        yield NumberedStep(number, depth, here, step, role)
        yield from _walk(step.substeps, f"{number}.", depth + 1, (*here, "substeps"), role)
