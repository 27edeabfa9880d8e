"""A plan's Overview sheet: its notes, links, risks and the goals of each phase."""

from __future__ import annotations

from typing import Any

from openpyxl.styles import PatternFill

from sopmodel.exporters.workbook.cells import (
    TOP,
    callout_text,
    fit_row,
    font,
    link_cell,
    note_style,
    print_setup,
    put,
    row_height,
    web_address,
)
from sopmodel.i18n import Labels, format_date
from sopmodel.model import Plan
from sopmodel.views import callouts, link_texts, plain

__all__ = ["overview_sheet"]

SEVERITY_FILLS = {"low": "E2EFDA", "medium": "FFF2CC", "high": "FCE4D6", "critical": "F4CFD5"}
SECTION = PatternFill("solid", fgColor="D9E1F2")


def overview_sheet(book: Any, plan: Plan, labels: Labels) -> None:
    """Add the Overview sheet, last (the sheets before it keep their places), when the plan has
    notes, links, risks or goals."""
    if not (plan.notes or plan.links or plan.risks or any(p.goal or p.goals for p in plan.phases)):
        return
    language = labels.language
    sheet = book.create_sheet(labels["sheet_overview"])
    for letter, width in zip("ABC", (38, 80, 22), strict=True):
        sheet.column_dimensions[letter].width = width
    put(sheet, 1, 1, f"{plan.id} · {plan.title}").font = font(bold=True, size=14)
    row = 2

    def section(*names: str) -> None:
        nonlocal row
        row += 2
        for column, name in enumerate(names, 1):
            cell = put(sheet, row, column, name)
            cell.font = font(bold=True)
            cell.fill = SECTION

    if plan.notes:
        section(labels["notes"], "", "")
        for note in callouts(plan.notes, language):
            row += 1
            cell = put(sheet, row, 1, callout_text([note], labels))
            note_style(cell, note.level)
            cell.alignment = TOP
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
            sheet.row_dimensions[row].height = row_height([str(cell.value)], 138)
    if plan.links:
        section(labels["links"], labels["address"], "")
        for link in link_texts(plan.links, labels):
            row += 1
            put(sheet, row, 1, link.label).alignment = TOP
            cell = put(sheet, row, 2, link.address)
            cell.alignment = TOP
            link_cell(cell, target=web_address(link.url))
            fit_row(sheet, row)
    if plan.risks:
        section(labels["risk"], labels["mitigation"], labels["severity"])
        for risk in plan.risks:
            row += 1
            put(sheet, row, 1, plain(risk.risk, language)).alignment = TOP
            put(sheet, row, 2, plain(risk.mitigation, language)).alignment = TOP
            cell = put(sheet, row, 3, labels[f"severity_{risk.severity.value}"])
            cell.alignment = TOP
            cell.fill = PatternFill("solid", fgColor=SEVERITY_FILLS[risk.severity.value])
            cell.font = font(bold=risk.severity.value in ("high", "critical"))
            fit_row(sheet, row)
    if any(phase.goal or phase.goals for phase in plan.phases):
        section(labels["phase"], labels["goals"], labels["period"])
        for phase in plan.phases:
            row += 1
            put(sheet, row, 1, plain(phase.name, language)).font = font(bold=True)
            sheet.cell(row=row, column=1).alignment = TOP
            goals = [plain(phase.goal, language)] if phase.goal else []
            goals += [f"• {plain(goal, language)}" for goal in phase.goals]
            put(sheet, row, 2, "\n".join(goals)).alignment = TOP
            period = (
                f"{format_date(phase.start, language, 'medium')} – "
                f"{format_date(phase.end, language, 'medium')}"
            )
            put(sheet, row, 3, period).alignment = TOP
            fit_row(sheet, row)
    print_setup(sheet, title_row=None)
