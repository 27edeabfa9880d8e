"""How long a deck takes, and the ways of shortening it to fit a session."""

from __future__ import annotations

from dataclasses import dataclass, replace

__all__ = ["DEFAULT_SESSION", "GROUP_MOST", "MINUTES", "Fitting", "fittings"]


MINUTES = {
    "cover": 0.5,
    "divider": 0.25,
    "overview": 0.5,
    "problems": 0.75,
    "safety": 1.0,
    "step": 1.0,
    "grouped": 1.5,
    "continued": 0.5,
    "chart": 0.5,
    "question": 0.75,
    "answer": 0.25,
    "references": 0.25,
    "recap": 0.5,
}
"""The time model: minutes a trainer spends on a slide of each kind. "overview" is a slide of
the objective, notes, roles, requirements or glossary; "problems" of troubleshooting or
risks after the steps; "safety" of the safety-first part; "continued" is each
further slide of a long step or list; "chart" each flowchart slide; a quiz question and its
answer make one minute."""


DEFAULT_SESSION = 15
"""The session a deck is fitted to when no `minutes` is asked: about ten steps fit."""


GROUP_MOST = 3
"""The most simple steps one slide shows."""


@dataclass(frozen=True)
class Fitting:
    """How much a deck is shortened to fit a session."""

    group: bool = False
    """Simple consecutive steps share a slide (their details, if any, go to the notes)."""
    group_details: bool = False
    """A step with details may be grouped (else only steps without details are)."""
    details_in_notes: bool = False
    """Every step's details go to the speaker notes."""
    dividers: bool = True
    """Section dividers before the steps and the quiz."""
    questions: int = 6
    """How many quiz questions at most."""
    chart_sections: bool = True
    """The flowchart's zoomed sections are shown (else its overview only)."""


def fittings(questions: int, details: bool, fixed_quiz: bool) -> list[Fitting]:
    """Return the ways of fitting a deck, from the full deck to the shortest.

    By default simple steps are grouped, dividers dropped and the quiz cut to three
    questions at the least (unless `fixed_quiz`). Only when a session length was asked
    (`details`) do details go to the notes, the flowchart show its overview only and the quiz
    shrink to one question.
    """
    full = Fitting(questions=questions)
    found = [full, replace(full, group=True, group_details=details)]
    found.append(replace(found[-1], dividers=False))

    def fewer(*counts: int) -> None:
        for count in counts:
            if not fixed_quiz and count < found[-1].questions:
                found.append(replace(found[-1], questions=count))

    fewer(4, 3)
    if details:
        found.append(replace(found[-1], details_in_notes=True))
        found.append(replace(found[-1], chart_sections=False))
        fewer(2, 1)
    return found
