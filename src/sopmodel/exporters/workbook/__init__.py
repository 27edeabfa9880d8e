"""The Excel exporter: a weekly KPI tracker for a plan, a checklist workbook for a procedure.

This module stays light: openpyxl is imported only inside `export`, and the tracker reader
(`read_tracker`, `merge_tracker`, from `sopmodel.exporters.workbook.read`) on first use.
"""

from __future__ import annotations

import importlib
from typing import Any, ClassVar

from sopmodel.exporters.base import Destination, DocumentOptions, ExportOptions, need_module
from sopmodel.model import Document

__all__ = [
    "DOCUMENT_PROPERTY",
    "KPI_TABLE",
    "TITLE_SEPARATOR",
    "VERSION_PROPERTY",
    "WEEKS_PROPERTY",
    "Tracker",
    "TrackerError",
    "TrackerMerge",
    "WorkbookExporter",
    "WorkbookOptions",
    "merge_tracker",
    "read_tracker",
]

KPI_TABLE = "KPIs"
"""The name of the KPI table, in every language: `read_tracker` finds the values by it."""
DOCUMENT_PROPERTY = "sopmodel.document"
"""The custom document property holding the id of the document a workbook was written for."""
VERSION_PROPERTY = "sopmodel.version"
"""The custom document property holding the version of the document a workbook was written for:
a filled checklist is read back only into the records of that version."""
WEEKS_PROPERTY = "sopmodel.weeks"
"""The custom document property listing the ISO week of each week column of a plan's tracker, in
order (2027-W01 2027-W02 ...): the columns are labelled S01 · 4 janv. for people."""
TITLE_SEPARATOR = " · "
"""Between the id and the title in the first cell of the Read me sheet (`PLAN-2027-Q1 · ...`)."""

_READER = ("Tracker", "TrackerError", "TrackerMerge", "merge_tracker", "read_tracker")


def __getattr__(name: str) -> Any:
    if name in _READER:
        return getattr(importlib.import_module("sopmodel.exporters.workbook.read"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class WorkbookOptions(DocumentOptions):
    """Options of the Excel exporter."""

    action_rows: int = 60
    """Empty rows of the action log, ready to fill."""


class WorkbookExporter:
    """Excel trackers filled in every week and read back with `sopmodel status`."""

    name: ClassVar[str] = "workbook"
    formats: ClassVar[tuple[str, ...]] = ("xlsx",)
    kinds: ClassVar[tuple[str, ...]] = ("procedure", "plan")
    options: ClassVar[type[ExportOptions]] = WorkbookOptions
    description: ClassVar[str] = "Excel KPI tracker of a plan, or checklist workbook of a procedure"

    def missing(self, format: str) -> list[str]:
        """Return what is not installed: openpyxl."""
        return need_module("openpyxl", "pip install 'openpyxl>=3.1'")

    def export(self, document: Document, destination: Destination, options: Any) -> None:
        """Write the workbook."""
        from sopmodel.exporters.workbook.build import write_xlsx

        write_xlsx(document, destination, options)
