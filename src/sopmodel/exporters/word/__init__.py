"""The Word exporter: procedure and plan documents from docx templates (docxtpl).

This module stays light: docxtpl is imported only inside `export`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from pydantic import Field

from sopmodel.exporters.base import Destination, DocumentOptions, ExportOptions, need_module
from sopmodel.model import Document

__all__ = ["TEMPLATES", "WordExporter", "WordOptions"]

TEMPLATES = Path(__file__).parent / "templates"
"""The default templates shipped with sopmodel: procedure.docx and plan.docx."""


class WordOptions(DocumentOptions):
    """Options of the Word exporter."""

    template_suffix: ClassVar[str | None] = ".docx"

    template: Path | None = None
    """A .docx template with your own styles, logo and header (see docs/word-templates.md)."""
    render_timeout: float = Field(default=10.0, gt=0, le=600)
    """Seconds a template may take to render before it is stopped."""
    flowchart: bool = True
    """Embed the procedure's flowchart (needs Graphviz's `dot`; left out with a warning)."""
    image_width_mm: float = Field(default=150.0, gt=10, le=400)
    """The widest an image is printed, in millimetres (smaller images keep their size)."""


class WordExporter:
    """Word documents: a procedure to hand to a client, or a 90-day plan with its RACI."""

    name: ClassVar[str] = "word"
    formats: ClassVar[tuple[str, ...]] = ("docx",)
    kinds: ClassVar[tuple[str, ...]] = ("procedure", "plan")
    options: ClassVar[type[ExportOptions]] = WordOptions
    description: ClassVar[str] = "Word document of a procedure or of a plan (custom templates)"

    def missing(self, format: str) -> list[str]:
        """Return what is not installed: docxtpl."""
        return need_module("docxtpl", "pip install 'docxtpl>=0.18'")

    def export(self, document: Document, destination: Destination, options: Any) -> None:
        """Render the document into its template and write the .docx."""
        from sopmodel.exporters.word.render import write_docx

        write_docx(document, destination, options)
