"""The Excel exporter: a weekly KPI tracker for a plan, a checklist workbook for a procedure.

This module stays light: openpyxl is imported only inside `export`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from sopmodel.exporters.base import Destination, ExportOptions, need_module
from sopmodel.model import Document

__all__ = ["WorkbookExporter", "WorkbookOptions"]


class WorkbookOptions(ExportOptions):
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
