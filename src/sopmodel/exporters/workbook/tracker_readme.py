"""The Read me of a plan's tracker, written for the person who fills it in: what each sheet of
this workbook is for, how to fill in the weeks, what the colours mean, whom to send it back to."""

from __future__ import annotations

from typing import Any

from openpyxl.styles import Alignment, PatternFill

from sopmodel.exporters.workbook.cells import fit_row, font, put
from sopmodel.exporters.workbook.weeks import week_label
from sopmodel.i18n import Labels, format_date
from sopmodel.model import Plan
from sopmodel.views.kpi_status import plan_weeks

__all__ = ["SHEETS", "tracker_readme"]

SHEETS = ("kpis", "charts", "raci", "calendar", "actions", "overview")
"""The sheets a tracker may have, by label key (sheet_kpis...), in the order they come."""
_STATUS_FILLS = {"on_track": "C6EFCE", "at_risk": "FFEB9C", "off_track": "FFC7CE"}
_INPUT_FILL = "FFFFF2"
_WRAP = Alignment(wrap_text=True, vertical="top")


def tracker_readme(sheet: Any, plan: Plan, labels: Labels) -> None:
    """Write the tracker's Read me under its title row, naming only the sheets it has."""
    present = {s.title for s in sheet.parent.worksheets if s.sheet_state == "visible"}
    row = 1

    def title(text: str) -> None:
        nonlocal row
        row += 2
        put(sheet, row, 1, text).font = font(bold=True, size=12)

    def line(text: str, fill: str | None = None) -> None:
        nonlocal row
        row += 1
        cell = put(sheet, row, 1, text if fill else f"• {text}")
        cell.alignment = _WRAP
        if fill:
            cell.fill = PatternFill("solid", fgColor=fill)
        fit_row(sheet, row)

    put(sheet, 2, 1, labels["readme_title"]).font = font(bold=True, size=12)
    row = 2
    weeks = plan_weeks(plan)
    _key, monday = weeks[0]
    described = {
        "week": week_label(monday.isocalendar()[1], monday, labels),
        "monday": format_date(monday, labels.language, "long"),
    }
    title(labels["tracker_sheets"])
    for key in SHEETS:
        name = labels[f"sheet_{key}"]
        if name in present:
            line(labels.format(f"tracker_sheet_{key}", sheet=name, **described))
    title(labels["tracker_weeks"])
    computed = {key: labels[key] for key in ("latest", "expected", "status")}
    for text in labels.format("tracker_weeks_lines", **computed).split("|"):
        line(text)
    title(labels["tracker_colours"])
    line(labels["tracker_colour_input"], _INPUT_FILL)
    for status, colour in _STATUS_FILLS.items():
        words = labels[f"status_{status}"]
        line(labels.format(f"tracker_colour_{status}", status=words), colour)
    title(labels["tracker_send_back"])
    owner = next((role for role in plan.roles if role.id == plan.owner), None)
    if owner:
        who = f"{owner.holder} ({owner.name})" if owner.holder else owner.name
        line(labels.format("tracker_send_to", who=who))
    else:
        line(labels["tracker_send_to_owner"])
