"""The quiz page: the training deck's questions, answered in the page.

The questions are the deck's (`sopmodel.views.quiz`, six at most, the same for the same
procedure). Each is a fieldset of radio buttons; the right answer, the explanation and the
link to the step are in the page, shown by the script once the reader checks, or in a
"Show the answer" box when no script runs.
"""

from __future__ import annotations

from dataclasses import dataclass

from sopmodel.exporters.site.interactive.parts import step_link
from sopmodel.i18n import Labels
from sopmodel.model import Procedure
from sopmodel.views import quiz
from sopmodel.views.references import step_reference

__all__ = ["LETTERS", "QUESTIONS", "QuizQuestion", "quiz_questions"]

QUESTIONS = 6
"""How many questions the page asks at most: as many as the deck by default."""
LETTERS = "ABCDEFGH"


@dataclass(frozen=True)
class QuizQuestion:
    """A question ready to show."""

    number: int
    heading: str
    """Question 1"""
    text: str
    options: list[tuple[str, str]]
    """(letter, text) of each option."""
    answer: int
    right: str
    """'B. The right option', as the feedback shows it."""
    explanation: str
    step_href: str | None
    step_label: str


def quiz_questions(procedure: Procedure, labels: Labels) -> list[QuizQuestion]:
    """Return the deck's questions about a procedure, ready to show."""
    found = []
    for number, question in enumerate(quiz(procedure, labels, most=QUESTIONS), 1):
        options = list(zip(LETTERS, question.options, strict=False))
        letter, text = options[question.answer]
        found.append(
            QuizQuestion(
                number=number,
                heading=labels.format("question", number=number),
                text=question.text,
                options=options,
                answer=question.answer,
                right=f"{letter}. {text}",
                explanation=question.explanation,
                step_href=step_link(procedure.id, question.step) if question.step else None,
                step_label=labels.format(
                    "site_quiz_see_step", step=step_reference(question.step, procedure.layout)
                )
                if question.step
                else "",
            )
        )
    return found
