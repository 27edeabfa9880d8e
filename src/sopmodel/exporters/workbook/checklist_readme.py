"""The Read me of a procedure workbook, written for the person who receives it.

It says what the workbook is and which sheets it has (only those it has), how to use the
checklist on paper or on screen, what the KPI sheet is for, and whom to send it back to;
then the procedure's version, approvals, trials and roles. No command line, no tool name.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sopmodel.exporters.workbook.cells import TOP, fit_row, font, put
from sopmodel.i18n import Labels, format_date
from sopmodel.model import Procedure
from sopmodel.views import plain, step_texts

__all__ = ["procedure_readme"]

GAP = 8.0
"""The height of the blank row before a heading, in points: the Read me fits one page."""


class _Writer:
    """Writes headings and wrapped lines down column A of the Read me."""

    def __init__(self, sheet: Any, row: int) -> None:
        self.sheet, self.row = sheet, row

    def heading(self, text: str) -> None:
        """Write a heading after a thin blank row."""
        self.row += 1
        self.sheet.row_dimensions[self.row].height = GAP
        self.row += 1
        put(self.sheet, self.row, 1, text).font = font(bold=True, size=12)

    def line(self, text: str, bullet: bool = True) -> None:
        """Write a line, wrapped, its row as tall as its text."""
        self.row += 1
        put(self.sheet, self.row, 1, f"• {text}" if bullet else text).alignment = TOP
        fit_row(self.sheet, self.row)


def _owner(procedure: Procedure) -> str | None:
    """Return the owner's role name, with the person holding it: 'Maintenance lead (K. B.)'."""
    role = next((r for r in procedure.roles if r.id == procedure.owner), None)
    if procedure.owner is None:
        return None
    if role is None:
        return procedure.owner
    name = plain(role.name, procedure.language)
    return f"{name} ({plain(role.holder, procedure.language)})" if role.holder else name


def _how_to(out: _Writer, procedure: Procedure, labels: Labels, sheets: Sequence[str]) -> None:
    """Write what the workbook is, how to use its checklist and its KPIs, whom to send it to."""
    checklist, kpis = labels["sheet_checklist"], labels["sheet_kpis"]
    out.heading(labels["workbook_what_title"])
    what = labels.format(
        "workbook_what",
        id=procedure.id,
        title=plain(procedure.title, labels.language),
        version=procedure.version,
    )
    out.line(what, bullet=False)
    for key in ("checklist", "references", "kpis"):
        if labels[f"sheet_{key}"] in sheets:
            out.line(labels.format(f"workbook_sheet_{key}", sheet=labels[f"sheet_{key}"]))
    out.heading(labels["workbook_use_title"])
    names = {
        "checklist": checklist,
        "verified": labels["form_verified_by"],
        "done": labels["done"],
        "remarks": labels["remarks"],
    }
    for text in labels["workbook_use_lines"].split("|"):
        out.line(text.format(**names))
    if kpis in sheets:
        out.heading(labels.format("workbook_kpis_title", sheet=kpis))
        key = "workbook_kpis" if procedure.quality.kpis else "workbook_no_kpis"
        out.line(labels[key], bullet=False)
    out.heading(labels["workbook_send_title"])
    owner = _owner(procedure)
    if owner:
        out.line(labels.format("workbook_send_owner", owner=owner), bullet=False)
    else:
        out.line(labels["workbook_send_anyone"], bullet=False)


def _about(out: _Writer, procedure: Procedure, labels: Labels) -> None:
    """Write the procedure's version, category, approvals, trials and roles."""
    language = labels.language
    out.heading(labels["about_procedure"])
    status = labels[f"status_{procedure.status.value}"]
    version = f"{procedure.version} ({status})"
    out.line(labels.format("labelled", label=labels["version"], text=version), bullet=False)
    category = labels[f"category_{procedure.category.value}"]
    out.line(labels.format("labelled", label=labels["category"], text=category), bullet=False)
    roles = {role.id: role.name for role in procedure.roles}
    for approval in procedure.approvals:
        parts = (
            approval.name,
            roles.get(approval.role, approval.role),
            format_date(approval.date, language, "medium") if approval.date else "",
            labels.format("approved_version", version=approval.version) if approval.version else "",
        )
        who = ", ".join(part for part in parts if part)
        out.line(labels.format("labelled", label=labels["approved_by"], text=who), bullet=False)
    if procedure.trials:
        out.heading(labels["trials"])
    numbers = {text.item.step.id: text.item.number for text in step_texts(procedure, labels)}
    for trial in procedure.trials:
        said = [
            format_date(trial.date, language, "medium"),
            labels.format("labelled", label=labels["tester"], text=trial.tester),
            labels.format("labelled", label=labels["version"], text=trial.version)
            if trial.version
            else "",
            labels.format(
                "labelled", label=labels["outcome"], text=labels[f"outcome_{trial.outcome.value}"]
            ),
        ]
        if trial.steps:
            shown = ", ".join(numbers.get(step, step) for step in trial.steps)
            said.append(labels.format("labelled", label=labels["confusing_steps"], text=shown))
        text = " · ".join(part for part in said if part)
        out.line(text + (f"\n  {trial.remarks}" if trial.remarks else ""))
    out.heading(labels["roles"])
    for role in procedure.roles:
        name = plain(role.name, language) + (
            f" ({plain(role.holder, language)})" if role.holder else ""
        )
        duties = " · ".join(plain(duty, language) for duty in role.responsibilities)
        out.line(labels.format("labelled", label=name, text=duties) if duties else name)


def procedure_readme(
    sheet: Any, procedure: Procedure, labels: Labels, row: int, sheets: Sequence[str]
) -> int:
    """Write the Read me of a procedure workbook under its title (at `row`), naming only the
    `sheets` the workbook has; return the last row written."""
    sheet.cell(row=1, column=1).alignment = TOP  # a long title wraps, not widens the page
    fit_row(sheet, 1)
    out = _Writer(sheet, row)
    _how_to(out, procedure, labels, sheets)
    _about(out, procedure, labels)
    return out.row
