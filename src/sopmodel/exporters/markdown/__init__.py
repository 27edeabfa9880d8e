"""The Markdown exporter: a procedure or a plan as GitHub-flavoured Markdown for knowledge
bases (Slite, Notion, Confluence), with a YAML front matter, GitHub alerts for notes, and its
pictures and chart written beside it (see docs/exporters.md and docs/knowledge-bases.md).

This module stays light: the writer is imported only inside `export`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from sopmodel.exporters.base import Destination, ExportOptions
from sopmodel.model import Document

__all__ = ["MarkdownExporter", "MarkdownOptions"]


class MarkdownOptions(ExportOptions):
    """Options of the Markdown exporter."""

    flowchart: bool = True
    """Write the chart (SVG, needs Graphviz's `dot`; left out with a warning) beside the file
    and show it: a procedure's flowchart, a plan's time line."""
    front_matter: bool = True
    """Start with a YAML front matter (id, title, version, status, dates...)."""
    alerts: bool = True
    """Mark notes as GitHub alerts (`> [!WARNING]`); off: plain quotes with the signal word."""


class MarkdownExporter:
    """GitHub-flavoured Markdown of a procedure or a plan, for knowledge bases."""

    name: ClassVar[str] = "markdown"
    formats: ClassVar[tuple[str, ...]] = ("md",)
    kinds: ClassVar[tuple[str, ...]] = ("procedure", "plan")
    options: ClassVar[type[ExportOptions]] = MarkdownOptions
    description: ClassVar[str] = (
        "Markdown of a procedure or a plan for knowledge bases (front matter, alerts,"
        " pictures and chart beside it)"
    )

    def missing(self, format: str) -> list[str]:
        """Return what is not installed: nothing (Graphviz is optional)."""
        return []

    def export(self, document: Document, destination: Destination, options: Any) -> None:
        """Write the document's Markdown, and its pictures and chart as companions."""
        from sopmodel.exporters.markdown.write import write_markdown

        write_markdown(document, destination, options)
