"""The flowchart exporter: Graphviz charts of procedures (swimlanes) and plans (time line).

This module stays light: graphviz and the `dot` program are used only inside `export`.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field, PositiveFloat

from sopmodel.exporters.base import (
    Destination,
    ExportOptions,
    FontName,
    need_module,
    need_program,
)
from sopmodel.model import Document

__all__ = ["FlowchartExporter", "FlowchartOptions"]

INSTALL_DOT = (
    "install Graphviz (apt-get install graphviz, brew install graphviz, winget install graphviz)"
)


class FlowchartOptions(ExportOptions):
    """Options of the flowchart exporter."""

    steps_per_page: int = Field(default=14, ge=1, le=500)
    """The most steps on one page; pages are split further until each fits A4 at 8 pt."""
    font: FontName = "DejaVu Sans"
    """The font of every label (an installed font that covers the document's script)."""
    font_size: float = Field(default=10.0, ge=8.0, le=24.0)
    """The size of step text, in points."""
    timeout: float = Field(default=120.0, gt=0)
    """Seconds the `dot` program may take for one page."""
    dpi: int = Field(default=96, ge=36, le=600)
    """The resolution of PNG output, in dots per inch."""
    direction: Literal["TB", "LR"] = "TB"
    """TB: steps flow down, a column per role (paper); LR: steps flow right, a row per role."""
    brief: bool = False
    """Boxes that say a step's number, title, condition and hazards, and pages without a
    title: for a document that says the rest (a Word document's steps and captions)."""
    fit_within: tuple[PositiveFloat, PositiveFloat] | None = None
    """The width and height, in points, every page must fit at 8 pt text without turning
    (a Word page's text area); default: A4 paper either way round."""


class FlowchartExporter:
    """Graphviz flowcharts: swimlanes, decisions and handoffs, or a plan's time line."""

    name: ClassVar[str] = "flowchart"
    formats: ClassVar[tuple[str, ...]] = ("dot", "svg", "png", "pdf")
    kinds: ClassVar[tuple[str, ...]] = ("procedure", "plan")
    options: ClassVar[type[ExportOptions]] = FlowchartOptions
    description: ClassVar[str] = (
        "flowchart of a procedure (swimlanes, decisions, handoffs) or of a plan (time line)"
    )

    def missing(self, format: str) -> list[str]:
        """Return what the format needs and is not installed: graphviz, and `dot` to render."""
        found = need_module("graphviz", "pip install 'graphviz>=0.20'")
        if format != "dot":
            found += need_program("dot", INSTALL_DOT, ("svg", "png", "pdf"))
        return found

    def export(self, document: Document, destination: Destination, options: Any) -> None:
        """Write the chart of the document; a long procedure is written as several pages."""
        from sopmodel.exporters.flowchart.render import write_chart

        write_chart(document, destination, options)
