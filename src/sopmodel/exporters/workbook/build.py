"""Write tracker workbooks with openpyxl: tables, formulas, validation, charts, print set-up."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import LineChart, Reference
from openpyxl.formatting.rule import CellIsRule
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.writer.excel import ExcelWriter

from sopmodel.exporters.base import Destination
from sopmodel.exporters.textsafety import xml_safe
from sopmodel.exporters.workbook import (
    DOCUMENT_PROPERTY,
    KPI_TABLE,
    TITLE_SEPARATOR,
    WorkbookOptions,
)
from sopmodel.exporters.workbook.cells import (
    README_WIDTH,
    fit_row,
    font,
    formula,
    header,
    print_setup,
    put,
    table,
)
from sopmodel.exporters.workbook.checklist import checklist_sheets, procedure_readme
from sopmodel.exporters.workbook.overview import overview_sheet
from sopmodel.exporters.writing import (
    document_properties,
    export_time,
    normalize_zip,
    printed_date,
    printed_line,
)
from sopmodel.i18n import Labels, format_date
from sopmodel.i18n import labels as labels_for
from sopmodel.model import KPI, Document, Plan
from sopmodel.views.kpi_status import (
    AT_RISK_MARGIN,
    MAINTAIN_TOLERANCE,
    plan_weeks,
    weekly_values,
)

__all__ = ["FIXED_COLUMNS", "KPI_TABLE", "write_xlsx"]

FIXED_COLUMNS = 10
"""ID, KPI, owner, unit, direction, baseline, target, latest, expected, status."""
FILLS = {"on_track": "C6EFCE", "at_risk": "FFEB9C", "off_track": "FFC7CE"}


def _status_formula(
    row: int, first: str, last: str, weeks: int, labels: Labels, linear: bool
) -> tuple[str, str, str]:
    """Return the formulas of Latest, Expected and Status for a KPI row."""
    values = f"{first}{row}:{last}{row}"
    start = f"COLUMN({first}{row})"
    position = f"SUMPRODUCT(MAX(ISNUMBER({values})*(COLUMN({values})-{start}+1)))"
    latest = f'=IF(COUNT({values})=0,"",INDEX({values},{position}))'
    if linear:
        expected = (
            f'=IF(OR(H{row}="",F{row}="",G{row}=""),"",F{row}+(G{row}-F{row})*{position}/{weeks})'
        )
    else:
        expected = f'=IF(OR(H{row}="",G{row}=""),"",G{row})'
    on, risk, off = (labels[f"status_{s}"] for s in ("on_track", "at_risk", "off_track"))
    no_data, no_target = labels["status_no_data"], labels["status_no_target"]
    tolerance = f"MAX(ABS(G{row})*{MAINTAIN_TOLERANCE},1E-9)"
    maintain = (
        f'IF(ABS(H{row}-G{row})<={tolerance},"{on}",'
        f'IF(ABS(H{row}-G{row})<=2*{tolerance},"{risk}","{off}"))'
    )
    progress = f"(H{row}-I{row})/(G{row}-F{row})"
    moving = f'IF({progress}>=0,"{on}",IF({progress}>=-{AT_RISK_MARGIN},"{risk}","{off}"))'
    steady = f'OR({FLAG}{row}="maintain",F{row}="",F{row}=G{row})'
    status = (
        f'=IF(G{row}="","{no_target}",IF(H{row}="","{no_data}",IF({steady},{maintain},{moving})))'
    )
    return latest, expected, status


FLAG = "HIDDEN_DIRECTION_COLUMN"


def _kpi_sheet(
    book: Any,
    kpis: list[KPI],
    weeks: Sequence[tuple[str, dt.date | None]],
    labels: Labels,
    roles: dict[str, str],
    values: dict[tuple[str, str], float],
    language: str,
    linear: bool,
) -> Any:
    sheet = book.create_sheet(labels["sheet_kpis"])
    names = [
        "ID",
        labels["kpi"],
        labels["owner"],
        labels["unit"],
        labels["direction"],
        labels["baseline"],
        labels["target"],
        labels["latest"],
        labels["expected"],
        labels["status"],
    ]
    names += [
        f"{label} · {format_date(monday, language, 'short')}" if monday else label
        for label, monday in weeks
    ]
    direction_column = len(names) + 1
    names.append("direction")
    widths = [12, 34, 20, 8, 16, 11, 11, 11, 11, 14] + [13] * len(weeks) + [10]
    header(sheet, names, widths)
    first = get_column_letter(FIXED_COLUMNS + 1)
    last = get_column_letter(FIXED_COLUMNS + len(weeks))
    flag = get_column_letter(direction_column)
    for row, kpi in enumerate(kpis, 2):
        cells = [
            kpi.id,
            kpi.name,
            roles.get(kpi.owner or "", kpi.owner or ""),
            kpi.unit or "",
            labels[f"direction_{kpi.direction.value}"],
            kpi.baseline,
            kpi.target,
        ]
        for column, value in enumerate(cells, 1):
            put(sheet, row, column, value)
        latest, expected, status = _status_formula(row, first, last, len(weeks), labels, linear)
        formula(sheet, row, 8, latest).number_format = "0.0##"
        formula(sheet, row, 9, expected).number_format = "0.0"
        formula(sheet, row, 10, status.replace(FLAG, flag))
        put(sheet, row, direction_column, kpi.direction.value)
        for offset, (label, _monday) in enumerate(weeks):
            value = values.get((kpi.id, label))
            cell = sheet.cell(row=row, column=FIXED_COLUMNS + 1 + offset)
            cell.value = value
            cell.number_format = "0.###"
            cell.fill = PatternFill("solid", fgColor="FFFFF2")
    rows = max(len(kpis), 1)
    table(sheet, KPI_TABLE, len(names), rows)
    sheet.column_dimensions[flag].hidden = True
    check = DataValidation(
        type="decimal",
        operator="between",
        formula1="-1E+307",
        formula2="1E+307",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=labels["sheet_kpis"],
        error=labels["readme_lines"].split("|")[0],
    )
    sheet.add_data_validation(check)
    check.add(f"{first}2:{last}{rows + 1}")
    status_range = f"J2:J{rows + 1}"
    for code, colour in FILLS.items():
        sheet.conditional_formatting.add(
            status_range,
            CellIsRule(
                operator="equal",
                formula=[f'"{labels[f"status_{code}"]}"'],
                fill=PatternFill("solid", fgColor=colour, bgColor=colour),
            ),
        )
    sheet.freeze_panes = f"{get_column_letter(FIXED_COLUMNS + 1)}2"
    print_setup(sheet)
    return sheet


def _charts(book: Any, kpi_sheet: Any, kpis: list[KPI], weeks: int, labels: Labels) -> None:
    data = book.create_sheet(labels["sheet_chart_data"])
    charts = book.create_sheet(labels["sheet_charts"])
    for index, kpi in enumerate(kpis):
        row = 2 * index + 1
        put(data, row, 1, kpi.name)
        put(data, row + 1, 1, labels["target"])
        for week in range(weeks):
            source = f"'{kpi_sheet.title}'!{get_column_letter(FIXED_COLUMNS + 1 + week)}{index + 2}"
            formula(data, row, week + 2, f'=IF({source}="",NA(),{source})')
            data.cell(row=row + 1, column=week + 2).value = kpi.target
        chart = LineChart()
        chart.title = kpi.name
        chart.height, chart.width = 6.5, 16
        chart.y_axis.title = kpi.unit or ""
        chart.add_data(
            Reference(data, min_col=1, max_col=weeks + 1, min_row=row, max_row=row + 1),
            from_rows=True,
            titles_from_data=True,
        )
        charts.add_chart(chart, f"{'A' if index % 2 == 0 else 'K'}{1 + (index // 2) * 14}")
    data.sheet_state = "hidden"


def _raci(book: Any, plan: Plan, labels: Labels, roles: dict[str, str], language: str) -> None:
    sheet = book.create_sheet(labels["sheet_raci"])
    names = [labels["phase"], labels["activity"], labels["due_date"], *roles.values()]
    header(sheet, names, [22, 44, 14] + [14] * len(roles))
    row = 1
    for phase in plan.phases:
        for activity in phase.activities:
            row += 1
            put(sheet, row, 1, phase.name)
            put(sheet, row, 2, activity.title)
            put(
                sheet, row, 3, format_date(activity.due, language, "medium") if activity.due else ""
            )
            for column, role in enumerate(roles, 4):
                letters = "/".join(
                    letter
                    for letter, group in (
                        ("R", activity.raci.responsible),
                        ("A", activity.raci.accountable),
                        ("C", activity.raci.consulted),
                        ("I", activity.raci.informed),
                    )
                    if role in group
                )
                cell = put(sheet, row, column, letters)
                cell.alignment = Alignment(horizontal="center")
    table(sheet, "RACI", len(names), row - 1)
    sheet.freeze_panes = "D2"
    print_setup(sheet)


def _calendar(
    book: Any, plan: Plan, weeks: list[tuple[str, dt.date]], labels: Labels, language: str
) -> None:
    sheet = book.create_sheet(labels["sheet_calendar"])
    names = [
        "",
        *(f"{label} · {format_date(monday, language, 'short')}" for label, monday in weeks),
    ]
    header(sheet, names, [46] + [11] * len(weeks))

    def week_of(day: dt.date) -> int | None:
        for index, (_label, monday) in enumerate(weeks):
            if monday <= day <= monday + dt.timedelta(days=6):
                return index
        return None

    row = 1
    colours = ("9DC3E6", "A9D08E", "F4B183", "C9C9FF")
    for number, phase in enumerate(plan.phases):
        row += 1
        put(sheet, row, 1, phase.name).font = font(bold=True)
        for index, (_label, monday) in enumerate(weeks):
            if monday <= phase.end and monday + dt.timedelta(days=6) >= phase.start:
                sheet.cell(row=row, column=index + 2).fill = PatternFill(
                    "solid", fgColor=colours[number % 4]
                )
        for activity in phase.activities:
            row += 1
            put(sheet, row, 1, f"   {activity.title}")
            due = week_of(activity.due) if activity.due else None
            if due is not None:
                cell = put(sheet, row, due + 2, "■")
                cell.fill = PatternFill("solid", fgColor=colours[number % 4])
                cell.alignment = Alignment(horizontal="center")
    for milestone in sorted(plan.milestones, key=lambda m: m.date):
        row += 1
        put(sheet, row, 1, f"◆ {milestone.title}").font = font(bold=True)
        when = week_of(milestone.date)
        if when is not None:
            cell = put(sheet, row, when + 2, "◆")
            cell.fill = PatternFill("solid", fgColor="FFD966")
            cell.alignment = Alignment(horizontal="center")
    sheet.freeze_panes = "B2"
    print_setup(sheet)


def _actions(book: Any, labels: Labels, roles: dict[str, str], rows: int) -> None:
    sheet = book.create_sheet(labels["sheet_actions"])
    names = [
        labels["date"],
        labels["action"],
        labels["owner"],
        labels["due_date"],
        labels["status"],
        labels["remarks"],
    ]
    header(sheet, names, [13, 50, 24, 13, 16, 40])
    owners = DataValidation(
        type="list",
        formula1='"' + ",".join(v.replace(",", " ") for v in roles.values())[:250] + '"',
        allow_blank=True,
    )
    statuses = ",".join(labels[f"action_{s}"] for s in ("open", "in_progress", "done", "blocked"))
    status = DataValidation(type="list", formula1=f'"{statuses}"', allow_blank=True)
    dates = DataValidation(type="date", allow_blank=True)
    for validation in (owners, status, dates):
        sheet.add_data_validation(validation)
    owners.add(f"C2:C{rows + 1}")
    status.add(f"E2:E{rows + 1}")
    dates.add(f"A2:A{rows + 1}")
    dates.add(f"D2:D{rows + 1}")
    for row in range(2, rows + 2):
        for column in (1, 4):
            sheet.cell(row=row, column=column).number_format = "yyyy-mm-dd"
    table(sheet, "Actions", len(names), rows)
    sheet.freeze_panes = "A2"
    print_setup(sheet)


def _readme(book: Any, title: str, labels: Labels, plan: bool) -> None:
    sheet = book.active
    sheet.title = labels["sheet_readme"]
    put(sheet, 1, 1, title).font = font(bold=True, size=14)
    sheet.column_dimensions["A"].width = README_WIDTH
    print_setup(sheet, landscape=False, title_row=None)
    if not plan:
        return
    put(sheet, 2, 1, labels["readme_title"]).font = font(bold=True)
    for row, line in enumerate(labels["readme_lines"].split("|"), 3):
        put(sheet, row, 1, f"• {line}").alignment = Alignment(wrap_text=True, vertical="top")
        fit_row(sheet, row)


def _save(book: Any, path: Path) -> None:
    """Save a workbook keeping its modified date (openpyxl's `save` sets it to now)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(book, archive).save()


def write_xlsx(document: Document, destination: Destination, options: WorkbookOptions) -> None:
    """Write the workbook of a plan (tracker) or a procedure (checklist and KPIs)."""
    source = document
    document = xml_safe(document)
    language = str(options.lang or document.language)
    labels = labels_for(language)
    roles = {role.id: role.name for role in document.roles}
    when = export_time(source)
    book = Workbook()
    title = f"{document.id}{TITLE_SEPARATOR}{document.title}"
    _readme(book, title, labels, isinstance(document, Plan))
    book.custom_doc_props.append(StringProperty(name=DOCUMENT_PROPERTY, value=document.id))
    if isinstance(document, Plan):
        weeks = plan_weeks(document)
        values = {
            (kpi.id, week): m.value
            for kpi in document.kpis
            for week, m in weekly_values(document.measurements, kpi.id).items()
        }
        sheet = _kpi_sheet(book, list(document.kpis), weeks, labels, roles, values, language, True)
        _charts(book, sheet, list(document.kpis), len(weeks), labels)
        _raci(book, document, labels, roles, language)
        _calendar(book, document, weeks, labels, language)
        _actions(book, labels, roles, options.action_rows)
        overview_sheet(book, document, labels)
    else:
        # a procedure has no calendar: its weeks are numbered, not dated
        numbered = [(labels.format("week_number", n=n), None) for n in range(1, 14)]
        checklist_sheets(book, document, labels)
        kpis = list(document.quality.kpis)
        sheet = _kpi_sheet(book, kpis, numbered, labels, roles, {}, language, False)
        if kpis:
            _charts(book, sheet, kpis, len(numbered), labels)
        procedure_readme(book.active, document, labels, 1, book.sheetnames)
    if options.printed:
        readme = book.worksheets[0]
        put(readme, readme.max_row + 2, 1, printed_line(labels, printed_date()))
    said = document_properties(document)
    book.properties.title, book.properties.subject, book.properties.creator = said
    book.properties.created = book.properties.modified = when.replace(tzinfo=None)
    book.properties.lastModifiedBy = None
    book.properties.language = options.language_tag(document)
    _save(book, destination.path)
    normalize_zip(destination.path, when)
