"""What a procedure says about safety, as every output puts it up front: whether it must come
before the steps, its hazards by severity, the protective equipment, the steps that warn."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from sopmodel.model import Note, NoteLevel, Procedure, Requirement, SubStep
from sopmodel.model.content import Risk
from sopmodel.views.richtext import SIGNAL_COLOURS
from sopmodel.views.steps import StepText

__all__ = [
    "DANGER_LEVELS",
    "SEVERITY_BANDS",
    "SEVERITY_ORDER",
    "StepHazard",
    "danger_notes",
    "needs_safety_first",
    "protective_equipment",
    "severity_colours",
    "sorted_risks",
    "warned_steps",
]

SEVERITY_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3}
"""Risk severities, most serious first."""
SEVERITY_BANDS = {"critical": "danger", "high": "warning", "medium": "caution", "low": "notice"}
"""The colour a risk's severity is shown on: the note level of the same seriousness."""
DANGER_LEVELS = (NoteLevel.danger, NoteLevel.warning)
"""The note levels that put a step on the list of steps with a warning."""


def severity_colours(severity: str) -> tuple[str, str]:
    """Return the fill and the ink (RRGGBB) a severity is shown in: critical on red, high on
    orange, medium on yellow, low on blue, each with the text colour readable on it."""
    return SIGNAL_COLOURS[NoteLevel(SEVERITY_BANDS[severity])]


def _steps(steps: Sequence[SubStep]) -> Iterator[SubStep]:
    for step in steps:
        yield step
        yield from _steps(step.substeps)


def needs_safety_first(procedure: Procedure) -> bool:
    """Return whether the hazards come before the steps: an instructional procedure, a danger
    note anywhere, or a high or critical risk."""
    if procedure.category.value == "instructional":
        return True
    if any(risk.severity.value in ("high", "critical") for risk in procedure.risks):
        return True
    notes = [*procedure.notes, *(n for step in _steps(procedure.steps) for n in step.notes)]
    return any(note.level is NoteLevel.danger for note in notes)


AnyRisk = TypeVar("AnyRisk", bound=Risk)


def sorted_risks(risks: Sequence[AnyRisk]) -> list[AnyRisk]:
    """Return risks most severe first (source order within a severity)."""
    return sorted(risks, key=lambda risk: SEVERITY_ORDER[risk.severity.value])


def protective_equipment(procedure: Procedure) -> list[Requirement]:
    """Return the requirements of kind `ppe`, in source order."""
    return [item for item in procedure.requirements if item.kind.value == "ppe"]


@dataclass(frozen=True, slots=True)
class StepHazard:
    """A note of a step (or sub-step) that warns of a hazard."""

    text: StepText
    """The step that carries it."""
    note: Note
    """The note itself."""


def danger_notes(texts: Sequence[StepText]) -> list[StepHazard]:
    """Return the danger notes of every step and sub-step, in reading order."""
    return [
        StepHazard(text, note)
        for text in texts
        for note in text.step.all_notes()
        if note.level is NoteLevel.danger
    ]


def warned_steps(texts: Sequence[StepText]) -> list[tuple[StepText, NoteLevel]]:
    """Return each step or sub-step with a danger or warning note, with its most serious one."""
    found = []
    for text in texts:
        levels = [c.level for c in text.callouts if c.level in DANGER_LEVELS]
        if levels:
            found.append((text, min(levels, key=lambda level: level.rank)))
    return found
