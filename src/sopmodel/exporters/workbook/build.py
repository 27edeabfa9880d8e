"""Write tracker workbooks with openpyxl: tables, formulas, validation, charts, print set-up."""

from __future__ import annotations

import datetime as dt
import itertools
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, PatternFill
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.writer.excel import ExcelWriter

from sopmodel.exporters.base import Destination
from sopmodel.exporters.textsafety import xml_safe
from sopmodel.exporters.workbook import (
    DOCUMENT_PROPERTY,
    KPI_TABLE,
    TITLE_SEPARATOR,
    VERSION_PROPERTY,
    WEEKS_PROPERTY,
    WorkbookOptions,
)
from sopmodel.exporters.workbook.cells import (
    README_WIDTH,
    TOP,
    choice_list,
    fit_row,
    font,
    formula,
    frame_pages,
    header,
    print_setup,
    put,
    readable_paper,
    refusing,
    table,
    typeset_cells,
)
from sopmodel.exporters.workbook.charts import kpi_charts
from sopmodel.exporters.workbook.checklist import checklist_sheets, procedure_readme
from sopmodel.exporters.workbook.overview import overview_sheet
from sopmodel.exporters.workbook.tracker_readme import tracker_readme
from sopmodel.exporters.workbook.weeks import week_header, weeks_property
from sopmodel.exporters.writing import (
    document_properties,
    export_time,
    normalize_zip,
    printed_date,
    printed_line,
)
from sopmodel.i18n import Labels, format_date
from sopmodel.i18n import labels as labels_for
from sopmodel.model import KPI, Activity, Document, Plan
from sopmodel.views.kpi_status import (
    AT_RISK_MARGIN,
    MAINTAIN_TOLERANCE,
    plan_weeks,
    weekly_values,
)

__all__ = ["FIXED_COLUMNS", "KPI_TABLE", "LEADING_COLUMNS", "write_xlsx"]

LEADING_COLUMNS = 2
"""ID and KPI: the columns before the weeks, frozen with the header row."""
FIXED_COLUMNS = 8
"""After the weeks: latest, expected, status, owner, unit, direction, baseline, target."""
MAX_ID_WIDTH = 22.0
"""The widest the frozen ID column gets: a longer id wraps at its hyphens."""
FILLS = {"on_track": "C6EFCE", "at_risk": "FFEB9C", "off_track": "FFC7CE"}
INPUT = "FFFFF2"
"""The fill of the cells a person types the week's values in."""
RACI_LETTERS = ("R", "A", "C", "I")


def _status_formula(row: int, columns: dict[str, str], weeks: int, labels: Labels,
                    linear: bool) -> tuple[str, str, str]:  # fmt: skip
    """Return the formulas of Latest, Expected and Status for a KPI row."""
    first, last = columns["first"], columns["last"]
    base, target, latest_at, expected_at, flag = (
        f"{columns[name]}{row}" for name in ("baseline", "target", "latest", "expected", "flag")
    )
    values = f"{first}{row}:{last}{row}"
    start = f"COLUMN({first}{row})"
    position = f"SUMPRODUCT(MAX(ISNUMBER({values})*(COLUMN({values})-{start}+1)))"
    latest = f'=IF(COUNT({values})=0,"",INDEX({values},{position}))'
    if linear:
        expected = (
            f'=IF(OR({latest_at}="",{base}="",{target}=""),"",'
            f"{base}+({target}-{base})*{position}/{weeks})"
        )
    else:
        expected = f'=IF(OR({latest_at}="",{target}=""),"",{target})'
    on, risk, off = (labels[f"status_{s}"] for s in ("on_track", "at_risk", "off_track"))
    no_data, no_target = labels["status_no_data"], labels["status_no_target"]
    tolerance = f"MAX(ABS({target})*{MAINTAIN_TOLERANCE},1E-9)"
    maintain = (
        f'IF(ABS({latest_at}-{target})<={tolerance},"{on}",'
        f'IF(ABS({latest_at}-{target})<=2*{tolerance},"{risk}","{off}"))'
    )
    progress = f"({latest_at}-{expected_at})/({target}-{base})"
    moving = f'IF({progress}>=0,"{on}",IF({progress}>=-{AT_RISK_MARGIN},"{risk}","{off}"))'
    steady = f'OR({flag}="maintain",{base}="",{base}={target})'
    status = (
        f'=IF({target}="","{no_target}",IF({latest_at}="","{no_data}",'
        f"IF({steady},{maintain},{moving})))"
    )
    return latest, expected, status


def _week_labels(weeks: Sequence[tuple[str, dt.date | None]], labels: Labels) -> list[str]:
    """Return the header of each week column: S01 over 04/01 for a dated ISO week, S01 for the
    numbered weeks of a procedure."""
    found = []
    for index, (_key, monday) in enumerate(weeks, 1):
        number = monday.isocalendar()[1] if monday else index
        found.append(week_header(number, monday, labels))
    return found


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
    count = len(weeks)
    after = LEADING_COLUMNS + count
    names = ["ID", labels["kpi"], *_week_labels(weeks, labels)]
    names += [labels[key] for key in ("latest", "expected", "status", "owner", "unit")]
    names += [labels[key] for key in ("direction", "baseline", "target")]
    names.append("direction")
    widths = [min(MAX_ID_WIDTH, max([8.0] + [len(k.id) * 1.05 + 1 for k in kpis])), 26.0]
    widths += [7.0] * count + [8, 8, 13, 14, 7, 12, 9, 8, 10]
    header(sheet, names, widths)
    letter = {
        name: get_column_letter(after + offset)
        for offset, name in enumerate(
            ("latest", "expected", "status", "owner", "unit", "direction", "baseline", "target",
             "flag"), 1)
    }  # fmt: skip
    letter["first"] = get_column_letter(LEADING_COLUMNS + 1)
    letter["last"] = get_column_letter(after)
    column = {name: column_index_from_string(text) for name, text in letter.items()}
    for row, kpi in enumerate(kpis, 2):
        put(sheet, row, 1, kpi.id).alignment = TOP
        put(sheet, row, 2, kpi.name).alignment = TOP
        described = {
            "owner": roles.get(kpi.owner or "", kpi.owner or ""),
            "unit": kpi.unit or "",
            "direction": labels[f"direction_{kpi.direction.value}"],
            "baseline": kpi.baseline,
            "target": kpi.target,
            "flag": kpi.direction.value,
        }
        for name, value in described.items():
            put(sheet, row, column[name], value).alignment = TOP
        latest, expected, status = _status_formula(row, letter, count, labels, linear)
        formula(sheet, row, column["latest"], latest).number_format = "0.0##"
        formula(sheet, row, column["expected"], expected).number_format = "0.0"
        formula(sheet, row, column["status"], status)
        for name in ("latest", "expected", "status"):
            sheet.cell(row=row, column=column[name]).alignment = TOP
        for offset, (key, _monday) in enumerate(weeks):
            cell = sheet.cell(row=row, column=LEADING_COLUMNS + 1 + offset)
            cell.value = values.get((kpi.id, key))
            cell.number_format = "0.###"
            cell.fill = PatternFill("solid", fgColor=INPUT)
            cell.alignment = TOP
        fit_row(sheet, row)
    rows = max(len(kpis), 1)
    table(sheet, KPI_TABLE, len(names), rows)
    sheet.column_dimensions[letter["flag"]].hidden = True
    check = refusing(
        "decimal",
        labels["number_error_title"],
        labels["number_error"],
        operator="between",
        formula1="-1E+307",
        formula2="1E+307",
    )
    sheet.add_data_validation(check)
    check.add(f"{letter['first']}2:{letter['last']}{rows + 1}")
    status_range = f"{letter['status']}2:{letter['status']}{rows + 1}"
    for code, colour in FILLS.items():
        sheet.conditional_formatting.add(
            status_range,
            CellIsRule(
                operator="equal",
                formula=[f'"{labels[f"status_{code}"]}"'],
                fill=PatternFill("solid", fgColor=colour, bgColor=colour),
            ),
        )
    sheet.freeze_panes = f"{get_column_letter(LEADING_COLUMNS + 1)}2"
    print_setup(sheet)
    sheet.print_title_cols = f"A:{get_column_letter(LEADING_COLUMNS)}"
    readable_paper(sheet)
    return sheet


def _charts(book: Any, kpi_sheet: Any, kpis: list[KPI], weeks: int, labels: Labels) -> None:
    kpi_charts(book, kpi_sheet, kpis, weeks, labels, LEADING_COLUMNS + 1)


def _raci_letters(activity: Activity, role: str) -> str:
    """Return the RACI letters of a role in an activity: R, A, R/A..."""
    groups = (activity.raci.responsible, activity.raci.accountable, activity.raci.consulted,
              activity.raci.informed)  # fmt: skip
    return "/".join(letter for letter, group in zip(RACI_LETTERS, groups, strict=True)
                    if role in group)  # fmt: skip


def _raci(book: Any, plan: Plan, labels: Labels, roles: dict[str, str], language: str) -> None:
    sheet = book.create_sheet(labels["sheet_raci"])
    names = [labels["phase"], labels["activity"], labels["due_date"], *roles.values()]
    header(sheet, names, [20, 40, 13] + [9] * len(roles))
    row = 1
    for phase in plan.phases:
        for activity in phase.activities:
            row += 1
            put(sheet, row, 1, phase.name).alignment = TOP
            put(sheet, row, 2, activity.title).alignment = TOP
            due = format_date(activity.due, language, "medium") if activity.due else ""
            put(sheet, row, 3, due).alignment = TOP
            for column, role in enumerate(roles, 4):
                cell = put(sheet, row, column, _raci_letters(activity, role))
                cell.alignment = Alignment(horizontal="center", vertical="top")
            fit_row(sheet, row)
    table(sheet, "RACI", len(names), row - 1)
    if roles:
        combinations = [
            "/".join(chosen)
            for size in range(1, 5)
            for chosen in itertools.combinations(RACI_LETTERS, size)
        ]
        letters = choice_list(sheet, combinations, labels)
        letters.add(f"D2:{get_column_letter(3 + len(roles))}{max(row, 2)}")
    sheet.freeze_panes = "C2"
    print_setup(sheet)
    readable_paper(sheet)


def _calendar(
    book: Any, plan: Plan, weeks: list[tuple[str, dt.date]], labels: Labels, language: str
) -> None:
    sheet = book.create_sheet(labels["sheet_calendar"])
    names = ["", *_week_labels(weeks, labels)]
    header(sheet, names, [40] + [7] * len(weeks))

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
            put(sheet, row, 1, activity.title).alignment = Alignment(indent=1, wrap_text=True)
            due = week_of(activity.due) if activity.due else None
            if due is not None:
                cell = put(sheet, row, due + 2, "■")
                cell.fill = PatternFill("solid", fgColor=colours[number % 4])
                cell.alignment = Alignment(horizontal="center")
            fit_row(sheet, row, indent=1)
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
    sheet.print_title_cols = "A:A"
    readable_paper(sheet)


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
    header(sheet, names, [12, 46, 22, 12, 14, 36])
    statuses = [labels[f"action_{s}"] for s in ("open", "in_progress", "done", "blocked")]
    status = choice_list(sheet, statuses, labels)
    status.add(f"E2:E{rows + 1}")
    if roles:
        owners = choice_list(sheet, list(roles.values()), labels)
        owners.add(f"C2:C{rows + 1}")
    dates = refusing(
        "date",
        labels["date_error_title"],
        labels["date_error"],
        operator="greaterThan",
        formula1="1",
    )
    sheet.add_data_validation(dates)
    dates.add(f"A2:A{rows + 1}")
    dates.add(f"D2:D{rows + 1}")
    for row in range(2, rows + 2):
        for column in (1, 4):
            sheet.cell(row=row, column=column).number_format = "yyyy-mm-dd"
    table(sheet, "Actions", len(names), rows)
    sheet.freeze_panes = "A2"
    print_setup(sheet)
    readable_paper(sheet)


def _readme(book: Any, title: str, labels: Labels) -> None:
    sheet = book.active
    sheet.title = labels["sheet_readme"]
    put(sheet, 1, 1, title).font = font(bold=True, size=14)
    sheet.column_dimensions["A"].width = README_WIDTH
    print_setup(sheet, landscape=False, title_row=None)


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
    _readme(book, title, labels)
    book.custom_doc_props.append(StringProperty(name=DOCUMENT_PROPERTY, value=document.id))
    if document.version:
        book.custom_doc_props.append(StringProperty(name=VERSION_PROPERTY, value=document.version))
    if isinstance(document, Plan):
        weeks = plan_weeks(document)
        values = {
            (kpi.id, week): m.value
            for kpi in document.kpis
            for week, m in weekly_values(document.measurements, kpi.id).items()
        }
        book.custom_doc_props.append(
            StringProperty(name=WEEKS_PROPERTY, value=weeks_property([w for w, _ in weeks]))
        )
        sheet = _kpi_sheet(book, list(document.kpis), weeks, labels, roles, values, language, True)
        if document.kpis:
            _charts(book, sheet, list(document.kpis), len(weeks), labels)
        _raci(book, document, labels, roles, language)
        _calendar(book, document, weeks, labels, language)
        _actions(book, labels, roles, options.action_rows)
        overview_sheet(book, document, labels)
        tracker_readme(book.worksheets[0], document, labels)
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
    identity = document.id + (f" · {labels['version']} {document.version}"
                              if document.version else "")  # fmt: skip
    frame_pages(book, identity, labels.format("page_n_of_m", page="&P", pages="&N"))
    typeset_cells(book, language)
    said = document_properties(document)
    book.properties.title, book.properties.subject, book.properties.creator = said
    book.properties.created = book.properties.modified = when.replace(tzinfo=None)
    book.properties.lastModifiedBy = None
    book.properties.language = options.language_tag(document)
    _save(book, destination.path)
    normalize_zip(destination.path, when)
