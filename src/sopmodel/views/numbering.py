"""Step numbers as readers see them: 1, 2, 2.1, 2.1.1 in an outline, or 2, a, i in a list."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sopmodel.diagnostics import Loc
from sopmodel.model import Layout, Procedure, SubStep

__all__ = ["NumberedStep", "number_steps", "outline_label"]


@dataclass(frozen=True, slots=True)
class NumberedStep:
    """A step or sub-step with its number, its depth and the roles that do it."""

    number: str
    """The full outline number, the same in every layout: 1, 2, 2.1, 2.1.1."""
    label: str
    """What is printed before the title in the procedure's layout: 2.1.1 (hierarchical),
    or 2, then a, then i (a numbered list, as in the steps and flowchart layouts)."""
    depth: int
    """0 for a top-level step, 1 for its sub-steps, and so on."""
    loc: Loc
    """Where the step is in the document: ("steps", 1, "substeps", 0)."""
    step: SubStep
    """The step itself."""
    role: str | None
    """The role that leads it: its own, or else its parent step's."""
    roles: tuple[str, ...]
    """Every role that does it, the lead first: its own, or else its parent step's."""


_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def _letters(position: int) -> str:
    """Return a, b, ..., z, aa, ab, ... for 1, 2, ..."""
    text = ""
    while position:
        position, rest = divmod(position - 1, 26)
        text = chr(ord("a") + rest) + text
    return text


def _roman(position: int) -> str:
    text = ""
    for value, letters in _ROMAN:
        count, position = divmod(position, value)
        text += letters * count
    return text


def outline_label(number: str, layout: Layout) -> str:
    """Return what is printed before a step numbered `number` (2.1.3) in a layout."""
    if layout is Layout.hierarchical:
        return number
    parts = number.split(".")
    position, depth = int(parts[-1]), len(parts) - 1
    if depth == 0:
        return str(position)
    return (_letters, _roman, str)[(depth - 1) % 3](position)


def number_steps(procedure: Procedure) -> list[NumberedStep]:
    """Return every step and sub-step in reading order, numbered for the procedure's layout."""
    return list(_walk(procedure.steps, "", 0, ("steps",), (), procedure.layout))


def _walk(
    steps: Sequence[SubStep],
    prefix: str,
    depth: int,
    loc: Loc,
    inherited: tuple[str, ...],
    layout: Layout,
) -> Iterator[NumberedStep]:
    for index, step in enumerate(steps):
        number = f"{prefix}{index + 1}"
        here = (*loc, index)
        roles = step.role_ids or inherited
        lead = roles[0] if roles else None
        yield NumberedStep(number, outline_label(number, layout), depth, here, step, lead, roles)
        yield from _walk(step.substeps, f"{number}.", depth + 1, (*here, "substeps"), roles, layout)
