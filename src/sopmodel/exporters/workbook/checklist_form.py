"""The top of the checklist as a paper form: a title block, then boxes to write and sign in.

The title block names the procedure (id, title), its version, status, category and date; the
boxes are the operator's and the verifier's: a name, a date and a signature each, drawn as
bordered cells tall enough to write in by hand, their label small in the top-left corner.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.styles import Alignment, Border, Side

from sopmodel.exporters.workbook.cells import TOP, font, put, row_height
from sopmodel.i18n import Labels, format_date
from sopmodel.model import Procedure

__all__ = ["FIELD_HEIGHT", "field_rows", "title_block"]

FIELD_HEIGHT = 34.0
"""The height of a row of boxes, in points: room for a handwritten name or a signature."""
_LINE = Side(style="thin", color="404040")
_LABEL = Alignment(horizontal="left", vertical="top", wrap_text=False)


def _facts(procedure: Procedure, labels: Labels) -> str:
    """Return 'Version: 3.0.1 · Approved · Category: General · Effective date: 1 June 2026'."""
    facts = [
        labels.format("labelled", label=labels["version"], text=procedure.version),
        labels[f"status_{procedure.status.value}"],
        labels.format(
            "labelled",
            label=labels["category"],
            text=labels[f"category_{procedure.category.value}"],
        ),
    ]
    reviewed = procedure.review.last_reviewed if procedure.review else None
    for key, day in (("effective", procedure.effective), ("last_reviewed", reviewed)):
        if day is not None:
            shown = format_date(day, labels.language)
            facts.append(labels.format("labelled", label=labels[key], text=shown))
            break
    return " · ".join(facts)


def title_block(sheet: Any, procedure: Procedure, labels: Labels, widths: Sequence[float]) -> int:
    """Write the procedure's id and title, then its version, status and date, each wrapped
    across the columns of `widths` (a long title never widens the page); return the last row
    written."""
    lines = (
        (f"{procedure.id} · {procedure.title}", font(bold=True, size=14), 14 / 11),
        (_facts(procedure, labels), font(italic=True, color="444444"), 1.0),
    )
    for row, (text, style, size) in enumerate(lines, 1):
        cell = put(sheet, row, 1, text)
        cell.font, cell.alignment = style, TOP
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(widths))
        sheet.row_dimensions[row].height = row_height([text], sum(widths) / size) * size
    return len(lines)


def _box(sheet: Any, row: int, first: int, last: int, label: str) -> None:
    """Draw a box over columns first..last of a row, its label in the top-left corner."""
    sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    cell = put(sheet, row, first, label)
    cell.font = font(color="595959")
    cell.alignment = _LABEL
    for column in range(first, last + 1):
        sheet.cell(row=row, column=column).border = Border(
            top=_LINE,
            bottom=_LINE,
            left=_LINE if column == first else None,
            right=_LINE if column == last else None,
        )


def field_rows(sheet: Any, row: int, labels: Labels, spans: Sequence[tuple[int, int]]) -> int:
    """Write the operator's and the verifier's boxes (name, date, signature) from `row`,
    over the three column spans; return the last row written."""
    people = (labels["form_operator"], labels["form_verified_by"])
    for offset, person in enumerate(people):
        here = row + offset
        names = (person, labels["date"], labels["signature"])
        for (first, last), label in zip(spans, names, strict=True):
            _box(sheet, here, first, last, label)
        sheet.row_dimensions[here].height = FIELD_HEIGHT
    return row + len(people) - 1
