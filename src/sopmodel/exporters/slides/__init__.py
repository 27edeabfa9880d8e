"""The PowerPoint exporter: training decks of procedures and kick-off decks of plans.

This module stays light: python-pptx and fontTools are imported only inside `export`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from pydantic import Field

from sopmodel.exporters.base import (
    Destination,
    DocumentOptions,
    ExportOptions,
    FontName,
    need_module,
)
from sopmodel.model import Document

__all__ = ["DEFAULT_LAYOUTS", "TEMPLATE", "SlidesExporter", "SlidesOptions"]

TEMPLATE = Path(__file__).parent / "templates" / "deck.pptx"
"""The default 16:9 template shipped with sopmodel."""

DEFAULT_LAYOUTS = {
    "cover": "Title Slide",
    "content": "Title and Content",
    "section": "Section Header",
    "picture": "Title Only",
}
"""The slide layouts the deck uses, by role, as PowerPoint names them in English."""


class SlidesOptions(DocumentOptions):
    """Options of the PowerPoint exporter."""

    template_suffix: ClassVar[str | None] = ".pptx"

    template: Path | None = None
    """A .pptx whose master and layouts the deck uses (your branding)."""
    layouts: dict[str, str] = Field(default_factory=dict)
    """Layout names of your template, by role: cover, content, section, picture."""
    font: FontName = "Calibri"
    """The font of every text; it is measured with the metrics of the font drawn for it."""
    flowchart: bool = True
    """Add the flowchart slides when the procedure has decisions (needs Graphviz's `dot`)."""
    quiz_questions: int = Field(default=6, ge=0, le=20)
    """How many quiz questions to ask, at most (a short session may ask fewer)."""
    minutes: int | None = Field(default=None, ge=1, le=600)
    """The session length to fit the deck to, in minutes: simple steps share slides, details
    go to the speaker notes and the quiz gets shorter; every safety message and check stays
    on a slide. None: fitted to 15 minutes when that keeps details on the slides."""


class SlidesExporter:
    """PowerPoint decks that fit their slides: training decks with a quiz, plan kick-offs."""

    name: ClassVar[str] = "slides"
    formats: ClassVar[tuple[str, ...]] = ("pptx",)
    kinds: ClassVar[tuple[str, ...]] = ("procedure", "plan")
    options: ClassVar[type[ExportOptions]] = SlidesOptions
    description: ClassVar[str] = "training deck of a procedure (with a quiz) or a plan kick-off"

    def missing(self, format: str) -> list[str]:
        """Return what is not installed: python-pptx and fontTools."""
        return need_module("pptx", "pip install 'python-pptx>=1.0'") + need_module(
            "fontTools", "pip install 'fonttools>=4.40'"
        )

    def export(self, document: Document, destination: Destination, options: Any) -> None:
        """Build the deck, lay it out in the template and write the .pptx."""
        from sopmodel.exporters.slides.render import write_pptx

        write_pptx(document, destination, options)
