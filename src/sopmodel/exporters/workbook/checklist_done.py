"""The Done column of the checklist: a box to tick on paper, an enforced list on screen.

A step's cell prints an empty box (☐) and takes ✓ (done) or — (not applicable); a question's
cell prints one box per answer (☐ yes / ☐ no) and takes the answer given, or —. Anything else
typed is refused with a message in the document's language.
"""

from __future__ import annotations

from typing import Any

from openpyxl.worksheet.datavalidation import DataValidation

from sopmodel.exporters.workbook.cells import refusing
from sopmodel.i18n import Labels

__all__ = ["MAX_LIST", "NOT_APPLICABLE", "TICK", "TICKED", "TickBoxes"]

TICK, TICKED, NOT_APPLICABLE = "☐", "✓", "—"
"""What a Done cell holds: the empty box printed, done, not applicable."""
MAX_LIST = 255
"""The longest list of choices a spreadsheet's drop-down takes, in characters; the longest
message it shows, too."""


def _choice(text: str) -> str:
    """Return an answer as a drop-down choice: no comma, no double quote, one line."""
    return " ".join(text.replace(",", " ").replace('"', "'").split())


class TickBoxes:
    """Fills the Done cells and gathers their drop-down lists, added to the sheet at the end."""

    def __init__(self, labels: Labels) -> None:
        self.labels = labels
        self.steps = self._list([TICK, TICKED, NOT_APPLICABLE], labels["done_error"])
        self.questions: list[DataValidation] = []

    def _list(self, choices: list[str], error: str) -> DataValidation:
        return refusing(
            "list",
            self.labels["done_error_title"],
            error,
            formula1='"' + ",".join(choices) + '"',
            showInputMessage=True,
            prompt=self.labels["done_prompt"],
        )

    def step(self, cell: Any) -> None:
        """Make a cell a step's box: ☐, then ✓ or —."""
        cell.value = TICK
        self.steps.add(cell.coordinate)

    def question(self, cell: Any, answers: list[str]) -> None:
        """Make a cell a question's boxes, one per answer; its list takes the answer given."""
        cell.value = "\n".join(f"{TICK} {answer}" for answer in answers)
        choices = [*dict.fromkeys(c for c in map(_choice, answers) if c), NOT_APPLICABLE]
        shown = ", ".join(choices[:-1])
        error = self.labels.format("answer_error", answers=shown)
        if len(",".join(choices)) > MAX_LIST or len(error) > MAX_LIST or len(choices) < 2:
            self.steps.add(cell.coordinate)  # too long for a list: the step's own one
            return
        validation = self._list(choices, error)
        validation.prompt = shown
        validation.add(cell.coordinate)
        self.questions.append(validation)

    def attach(self, sheet: Any) -> None:
        """Add the lists to the sheet."""
        for validation in (self.steps, *self.questions):
            if validation.sqref:
                sheet.add_data_validation(validation)
