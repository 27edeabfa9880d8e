"""Read the values people typed in a tracker back into measurements, and merge them into a plan.

A tracker comes back from other hands, so it is read as an untrusted file: checked as an
Office container first (special files refused unopened, zip bombs refused by their declared
sizes), its XML parsed by openpyxl with defusedxml (entity declarations refused), in
read-only mode (cells streamed, never all loaded), and only the first `MAX_ROWS` rows and
`MAX_COLUMNS` columns of the KPI table are read, whatever the sheet or the table declares.
Every failure is a `TrackerError` whose message is one line naming the file.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import warnings
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Any

from sopmodel.exporters.base import ExportError
from sopmodel.exporters.officefile import TRACKER_LIMITS, check_office_file
from sopmodel.exporters.workbook import (
    DOCUMENT_PROPERTY,
    KPI_TABLE,
    TITLE_SEPARATOR,
    WEEKS_PROPERTY,
)
from sopmodel.exporters.workbook.weeks import week_number, weeks_read
from sopmodel.model import Measurement, Plan
from sopmodel.model.bounds import MAX_NUMBER
from sopmodel.views.kpi_status import merge_measurements, plan_weeks, week_of

__all__ = [
    "MAX_COLUMNS",
    "MAX_PART",
    "MAX_ROWS",
    "MAX_XML",
    "Tracker",
    "TrackerError",
    "TrackerMerge",
    "check_workbook",
    "find_table",
    "merge_tracker",
    "read_tracker",
]

MAX_ROWS = 1_000
"""KPI rows read at most; rows past them are reported, never read."""
MAX_COLUMNS = 128
"""Columns of the KPI table read at most: eleven fixed ones and one per week (54 at most)."""
_LOOK_AHEAD = 8
"""How many weeks past the last one read a week column's number is looked for (columns deleted)."""
MAX_PART = 2 * 1024 * 1024
"""The largest XML part of a tracker, in bytes (a filled tracker's are ~10 kB)."""
MAX_XML = 4 * 1024 * 1024
"""All XML parts of a tracker together, in bytes: what bounds the time openpyxl may take."""

_WEEK = re.compile(r"^(\d{4}-W\d{2})\b")
_TABLE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table"


class TrackerError(ExportError):
    """A tracker that cannot be read, or that was written for another document."""


@dataclass
class Tracker:
    """What a filled tracker holds: measurements, and the cells that could not be read."""

    measurements: list[Measurement] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """One line per cell typed wrong: Sheet!K5: why."""
    document: str | None = None
    """The id of the document the tracker was written for, or None when it does not say."""
    weeks: list[str] = field(default_factory=list)
    """The ISO weeks of the week columns, in order, as the tracker's property lists them."""
    file: str = ""
    """The tracker's path."""
    cells: dict[tuple[str, str], str] = field(default_factory=dict)
    """Where each measurement was read: (kpi, period) -> Sheet!K5."""
    rows: dict[str, str] = field(default_factory=dict)
    """Where each KPI id was read: kpi -> Sheet!A3."""


@dataclass(frozen=True)
class TrackerMerge:
    """A plan's measurements with a tracker's merged in."""

    measurements: list[Measurement]
    """Every measurement after the merge: the plan's, with the tracker's values."""
    changes: list[Measurement]
    """The new or changed measurements: what `sopmodel status --update` writes into the plan."""
    problems: list[str]
    """The tracker's cells that could not be read or do not belong to the plan: Sheet!K5: why."""


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        try:
            return float(value)
        except OverflowError:
            return math.inf
    if isinstance(value, str):
        text = value.strip().replace("\u202f", "").replace("\xa0", "").replace(" ", "")
        if re.fullmatch(r"[-+]?\d{1,300}([.,]\d{1,300})?", text):
            return float(text.replace(",", "."))
    return None


def _reason(error: BaseException) -> str:
    """Return one line saying what is wrong, from the deepest cause of a library's error."""
    from defusedxml import DefusedXmlException

    while error.__cause__ is not None:
        error = error.__cause__
    kind = type(error).__name__
    if isinstance(error, DefusedXmlException):
        return "it declares XML entities or a DTD, which are refused (an entity attack?)"
    text = " ".join(str(error).split())[:200]
    if isinstance(error, SyntaxError) or "XMLSyntax" in kind:
        return f"its XML is malformed ({text})"
    if isinstance(error, IndexError):
        return f"a cell refers to something the file does not hold ({text or kind})"
    return f"{kind}: {text}" if text else kind


def check_workbook(name: str, what: str = "tracker") -> None:
    """Refuse what is not a bounded Office workbook free of DTDs before openpyxl opens it;
    what names the workbook in messages (tracker, checklist)."""
    check_office_file(name, what, TRACKER_LIMITS, required=["xl/workbook.xml"])
    with zipfile.ZipFile(name) as archive:
        parts = [m for m in archive.infolist() if m.filename.endswith((".xml", ".rels"))]
        for member in parts:
            if member.file_size > MAX_PART:
                raise TrackerError(
                    f"{name}: part {member.filename} of the {what} is {member.file_size:,}"
                    f" bytes, more than the {MAX_PART:,} a {what}'s part may have"
                )
        total = sum(member.file_size for member in parts)
        if total > MAX_XML:
            raise TrackerError(
                f"{name}: the {what}'s XML is {total:,} bytes, more than the {MAX_XML:,} allowed"
            )
        for member in parts:
            try:
                xml = archive.read(member).replace(b"\0", b"")  # UTF-16 reads as ASCII
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as error:
                raise TrackerError(
                    f"{name}: part {member.filename} of the {what} is damaged: {error}"
                ) from None
            if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:  # Office files never declare one
                raise TrackerError(
                    f"{name}: part {member.filename} of the {what} declares XML entities or a"
                    " DTD, which are refused (an entity attack?)"
                )


def read_tracker(path: str | os.PathLike[str]) -> Tracker:
    """Return the measurements typed in a tracker written by sopmodel (`--to xlsx`).

    Raise TrackerError (one line naming the file) when it is not a tracker that can be read.
    """
    from openpyxl import load_workbook

    name = os.fspath(path)
    try:
        check_workbook(name)
    except TrackerError:
        raise
    except ExportError as error:
        raise TrackerError(str(error)) from None
    step = ""
    try:
        with open(name, "rb") as handle, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = load_workbook(handle, read_only=True, data_only=True)
            try:
                tracker = Tracker(file=name, document=_document_id(book), weeks=_weeks(book))
                found = _kpi_table(book)
                if found is None:
                    raise TrackerError(
                        f"{name}: no table named {KPI_TABLE!r}: is it a tracker written by"
                        " sopmodel?"
                    )
                sheet, ref = found
                step = f" (sheet {sheet.title!r})"
                _read_rows(sheet, ref, tracker)
            finally:
                book.close()
    except TrackerError:
        raise
    except Exception as error:  # openpyxl raises anything on a damaged file
        reason = _reason(error)
        raise TrackerError(f"{name}: the tracker cannot be read{step}: {reason}") from None
    return tracker


def _document_id(book: Any) -> str | None:
    """Return the id the tracker says it was written for: its property, else its title cell."""
    for prop in book.custom_doc_props:
        if prop.name == DOCUMENT_PROPERTY and isinstance(prop.value, str):
            return prop.value.strip() or None
    if not book.worksheets:
        return None
    # Trackers written before the property existed begin with "ID · title" in their first cell.
    first = next(book.worksheets[0].iter_rows(1, 1, 1, 1, values_only=True), (None,))[0]
    if isinstance(first, str) and TITLE_SEPARATOR in first:
        return first.split(TITLE_SEPARATOR, 1)[0].strip() or None
    return None


def _weeks(book: Any) -> list[str]:
    """Return the ISO weeks the tracker's property lists for its week columns, in order."""
    for prop in book.custom_doc_props:
        if prop.name == WEEKS_PROPERTY:
            return weeks_read(prop.value)
    return []


def _kpi_table(book: Any) -> tuple[Any, str] | None:
    """Return the sheet holding the KPI table and the table's range."""
    return find_table(book, KPI_TABLE)


def find_table(book: Any, name: str) -> tuple[Any, str] | None:
    """Return the sheet holding the table of that name and the table's range, read from its
    parts.

    openpyxl's read-only mode does not load tables: they are read from the sheets' relations,
    through the archive and part names the read-only workbook keeps.
    """
    from openpyxl.packaging.relationship import get_dependents, get_rels_path
    from openpyxl.worksheet.table import Table
    from openpyxl.xml.functions import fromstring

    archive = book._archive
    present = set(archive.namelist())
    for sheet in book.worksheets:
        rels = get_rels_path(getattr(sheet, "_worksheet_path", ""))
        if rels not in present:
            continue
        for rel in get_dependents(archive, rels).find(_TABLE_REL):
            if rel.target not in present:
                continue
            table = Table.from_tree(fromstring(archive.read(rel.target)))
            if name in (table.displayName, table.name):
                return sheet, str(table.ref)
    return None


def _read_rows(sheet: Any, ref: str, tracker: Tracker) -> None:
    """Read the KPI table's rows into the tracker, bounded whatever the table declares."""
    from openpyxl.utils import get_column_letter, range_boundaries

    first_col, first_row, last_col, last_row = range_boundaries(ref)
    if None in (first_col, first_row, last_col, last_row):
        raise ValueError(f"the KPI table's range {ref!r} is not a range")
    last_col = min(last_col, first_col + MAX_COLUMNS - 1)
    bound = min(last_row, first_row + MAX_ROWS)
    rows = sheet.iter_rows(first_row, bound + 1, first_col, last_col, values_only=True)
    header = next(rows, ())
    weeks = _week_columns(header, tracker.weeks)
    labelled = [o for o, title in enumerate(header) if week_number(title) is not None]
    if labelled and not tracker.weeks:
        where = f"{sheet.title}!{get_column_letter(first_col + labelled[0])}{first_row}"
        tracker.problems.append(
            f"{where}: the week columns cannot be dated: the tracker lost the list of its weeks"
            f" (document property {WEEKS_PROPERTY}); write a new one and copy the values in"
        )
    for offset, title in enumerate(header):
        found = _WEEK.match(title) if isinstance(title, str) else None
        if found and week_of(found.group(1)) == found.group(1):
            weeks[offset] = found.group(1)
        elif found:
            where = f"{sheet.title}!{get_column_letter(first_col + offset)}{first_row}"
            tracker.problems.append(f"{where}: {found.group(1)} is not a week of the calendar")
    for row, values in enumerate(rows, first_row + 1):
        if row > bound:
            if row <= last_row and not all(map(_blank, values)):
                tracker.problems.append(
                    f"{sheet.title}!A{row}: only the first {MAX_ROWS:,} KPI rows are read"
                )
            break
        _read_row(sheet.title, row, first_col, values, weeks, tracker)


def _week_columns(header: Any, listed: list[str]) -> dict[int, str]:
    """Return the ISO week of each column labelled S05 · 1er févr. (W05 · 1 Feb): the next week
    the tracker's property lists with that number, so a deleted column shifts nothing."""
    found: dict[int, str] = {}
    following = 0
    for offset, title in enumerate(header):
        number = week_number(title)
        if number is None or not listed:
            continue
        for index in range(following, min(following + _LOOK_AHEAD, len(listed))):
            if int(listed[index][-2:]) == number:
                found[offset] = listed[index]
                following = index + 1
                break
    return found


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _read_row(
    title: str, row: int, first_col: int, values: Any, weeks: dict[int, str], tracker: Tracker
) -> None:
    from openpyxl.utils import get_column_letter

    def where(offset: int) -> str:
        return f"{title}!{get_column_letter(first_col + offset)}{row}"

    typed = [(o, values[o]) for o in weeks if o < len(values) and not _blank(values[o])]
    typed_id = values[0] if values else None
    if _blank(typed_id):
        if typed:
            tracker.problems.append(f"{where(0)}: no KPI id; the values of row {row} are not read")
        return
    typed_id = typed_id.strip() if isinstance(typed_id, str) else typed_id
    try:
        kpi = Measurement(kpi=typed_id, period="2027-W01", value=0).kpi
    except ValueError:
        tracker.problems.append(f"{where(0)}: {typed_id!r} is not a KPI id; the row is not read")
        return
    if kpi in tracker.rows:
        tracker.problems.append(
            f"{where(0)}: {kpi} is listed again (first at {tracker.rows[kpi]}); the row is not read"
        )
        return
    tracker.rows[kpi] = where(0)
    for offset, value in typed:
        period, cell = weeks[offset], where(offset)
        number = _number(value)
        if number is not None and not math.isfinite(number):
            tracker.problems.append(f"{cell}: {value!r} is not a finite number ({kpi}, {period})")
        elif number is not None and abs(number) > MAX_NUMBER:
            tracker.problems.append(
                f"{cell}: {value!r} is larger than the {MAX_NUMBER:.0e} sopmodel accepts"
                f" ({kpi}, {period})"
            )
        elif number is not None:
            tracker.measurements.append(Measurement(kpi=kpi, period=period, value=number))
            tracker.cells[(kpi, period)] = cell
        elif isinstance(value, dt.date | dt.datetime):
            tracker.problems.append(f"{cell}: a date ({value:%Y-%m-%d}) where a number is"
                                    f" expected for {kpi} in {period}")  # fmt: skip
        else:
            shown = value if not isinstance(value, str) or len(value) <= 80 else value[:80] + "…"
            tracker.problems.append(f"{cell}: {shown!r} is not a number ({kpi}, {period});"
                                    " type the measured value only")  # fmt: skip


def merge_tracker(plan: Plan, tracker: Tracker | str | os.PathLike[str]) -> TrackerMerge:
    """Return the plan's measurements with a tracker's values merged in, and what changed.

    Raise TrackerError when the tracker was written for another document or does not say
    for which. Values of KPIs the plan does not have, or of weeks outside the plan, are
    problems, not measurements.
    """
    if not isinstance(tracker, Tracker):
        tracker = read_tracker(tracker)
    if tracker.document is None:
        raise TrackerError(
            f"{tracker.file}: the tracker does not say which plan it was written for;"
            f" write a new one with `sopmodel export PLAN --to xlsx`"
        )
    if tracker.document != plan.id:
        raise TrackerError(
            f"{tracker.file}: the tracker was written for {tracker.document!r},"
            f" not for plan {plan.id!r}"
        )
    known = {kpi.id for kpi in plan.kpis}
    weeks = [label for label, _ in plan_weeks(plan)]
    problems = list(tracker.problems)
    taken: list[Measurement] = []
    outside: set[str] = set()
    for kpi, cell in tracker.rows.items():
        if kpi not in known:
            problems.append(f"{cell}: KPI {kpi!r} is not in plan {plan.id}; the row is not read")
    for measurement in tracker.measurements:
        if measurement.kpi not in known:
            continue
        if measurement.period not in weeks:
            if measurement.period not in outside:
                outside.add(measurement.period)
                problems.append(
                    f"{tracker.cells.get((measurement.kpi, measurement.period), '?')}:"
                    f" {measurement.period} is outside the plan ({weeks[0]} to {weeks[-1]});"
                    " the values of that week are not read"
                )
            continue
        taken.append(measurement)
    merged = merge_measurements(plan, taken)
    return TrackerMerge(merged.measurements, merged.changes, problems)
