"""Read the values people typed in a tracker back into measurements, reporting bad cells."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from typing import Any

from sopmodel.exporters.base import ExportError
from sopmodel.exporters.workbook.build import KPI_TABLE
from sopmodel.model import Measurement

__all__ = ["Tracker", "read_tracker"]

_WEEK = re.compile(r"^(\d{4}-W\d{2})\b")


@dataclass
class Tracker:
    """What a filled tracker holds: measurements, and the cells that could not be read."""

    measurements: list[Measurement] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """One line per cell typed wrong: Sheet!K5: why."""


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        text = value.strip().replace("\u202f", "").replace("\xa0", "").replace(" ", "")
        if re.fullmatch(r"[-+]?\d+([.,]\d+)?", text):
            return float(text.replace(",", "."))
    return None


def read_tracker(path: str | os.PathLike[str]) -> Tracker:
    """Return the measurements typed in a tracker written by sopmodel (`--to xlsx`)."""
    from openpyxl import load_workbook
    from openpyxl.utils import range_boundaries

    try:
        book = load_workbook(path, data_only=True)
    except (OSError, ValueError, KeyError) as error:
        raise ExportError(f"{path}: cannot be read as an Excel workbook: {error}") from None
    found = [(sheet, sheet.tables[KPI_TABLE]) for sheet in book.worksheets
             if KPI_TABLE in sheet.tables]  # fmt: skip
    if not found:
        raise ExportError(
            f"{path}: no table named {KPI_TABLE!r}: is it a tracker written by sopmodel?"
        )
    sheet, table = found[0]
    first_col, first_row, last_col, last_row = range_boundaries(table.ref)
    header = [sheet.cell(row=first_row, column=c).value for c in range(first_col, last_col + 1)]
    weeks = {first_col + i: m.group(1) for i, name in enumerate(header)
             if isinstance(name, str) and (m := _WEEK.match(name))}  # fmt: skip
    tracker = Tracker()
    for row in range(first_row + 1, last_row + 1):
        kpi = sheet.cell(row=row, column=first_col).value
        if not kpi:
            continue
        for column, period in weeks.items():
            cell = sheet.cell(row=row, column=column)
            value = cell.value
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            number = _number(value)
            where = f"{sheet.title}!{cell.coordinate}"
            if number is not None:
                tracker.measurements.append(Measurement(kpi=str(kpi), period=period, value=number))
            elif isinstance(value, dt.date | dt.datetime):
                tracker.problems.append(f"{where}: a date ({value:%Y-%m-%d}) where a number is"
                                        f" expected for {kpi} in {period}")  # fmt: skip
            else:
                tracker.problems.append(f"{where}: {value!r} is not a number ({kpi}, {period});"
                                        " type the measured value only")  # fmt: skip
    return tracker
