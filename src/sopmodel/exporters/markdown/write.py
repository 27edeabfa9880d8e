"""Write a document's Markdown file and its companions into the destination."""

from __future__ import annotations

from sopmodel.exporters.base import Destination
from sopmodel.exporters.markdown import MarkdownOptions
from sopmodel.exporters.markdown.blocks import Lines, document
from sopmodel.exporters.markdown.front_matter import front_matter
from sopmodel.exporters.markdown.parts import Page
from sopmodel.exporters.markdown.plan import plan_blocks
from sopmodel.exporters.markdown.procedure import procedure_blocks
from sopmodel.i18n import labels
from sopmodel.model import Document, Plan

__all__ = ["markdown_text", "write_markdown"]


def markdown_text(doc: Document, destination: Destination, options: MarkdownOptions) -> str:
    """Return the Markdown of a document; its companions are written into destination."""
    page = Page(doc, labels(str(options.lang or doc.language)), destination, options)
    body = plan_blocks(page, doc) if isinstance(doc, Plan) else procedure_blocks(page, doc)
    blocks: list[Lines] = [front_matter(doc)] if options.front_matter else []
    return document([*blocks, *body])


def write_markdown(doc: Document, destination: Destination, options: MarkdownOptions) -> None:
    """Write the Markdown file (UTF-8, LF line ends) and its companions."""
    destination.path.write_bytes(markdown_text(doc, destination, options).encode("utf-8"))
