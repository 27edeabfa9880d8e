"""What procedures and plans both show in Markdown: labels, callouts, links, attachments, the
chart and the pictures written beside the file as companions."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sopmodel.exporters.base import LOG, Destination
from sopmodel.exporters.images import MAX_IMAGE_BYTES, document_folder, named_file
from sopmodel.exporters.markdown.blocks import (
    Lines,
    link,
    plain_paragraph,
    quoted,
    rich_blocks,
    table,
)
from sopmodel.exporters.markdown.escape import escape, one_line
from sopmodel.i18n import Labels, format_date, weekday_name
from sopmodel.i18n.quantity import format_quantity
from sopmodel.markup import Paragraph
from sopmodel.model import Attachment, Document, Link, Note, NoteLevel
from sopmodel.views import Callout, callouts, link_texts, plain, rich, signal_word

__all__ = ["ALERTS", "Page"]

ALERTS = {
    NoteLevel.danger: "CAUTION",
    NoteLevel.warning: "WARNING",
    NoteLevel.caution: "WARNING",
    NoteLevel.notice: "IMPORTANT",
    NoteLevel.info: "NOTE",
}
"""The GitHub alert each note level is written as: the red CAUTION for a danger, the orange
WARNING for a warning or a caution, IMPORTANT for a notice, NOTE for information. The
localized signal word is written in the text too, so that a tool without alerts still
shows how serious the note is."""


@dataclass
class Page:
    """One Markdown file being written: its document, labels, options and destination."""

    document: Document
    labels: Labels
    destination: Destination
    options: Any

    @property
    def language(self) -> str:
        """Return the language of labels and dates (en, fr)."""
        return self.labels.language

    @property
    def semicolon(self) -> str:
        """Return what separates items of a list written on one line: '; ', in French with
        a no-break space before the semicolon."""
        return "\u00a0; " if self.language == "fr" else "; "

    def say(self, key: str, **values: str) -> str:
        """Return a label as Markdown, its {placeholders} filled with Markdown values."""
        marks = {name: f"\x00{number}\x00" for number, name in enumerate(values)}
        text = escape(self.labels[key].format(**marks))
        for name, mark in marks.items():
            text = text.replace(mark, values[name])
        return text

    def label(self, key: str) -> str:
        """Return a fixed label as Markdown."""
        return escape(self.labels[key])

    def plain(self, text: str | None) -> str:
        """Return a plain text (a title, a name) as Markdown on one line, typeset."""
        return escape(one_line(plain(text, self.language))) if text else ""

    def rich(self, text: str | None) -> list[Lines]:
        """Return a Markdown text of the document as blocks."""
        return rich_blocks(rich(text, self.language))

    def labelled(self, key: str, text: str) -> str:
        """Return '**Label**: text' (text already Markdown)."""
        return self.say("labelled", label=f"**{self.label(key)}**", text=text)

    def labelled_text(self, label: str, text: str) -> str:
        """Return '**label**: text' (both already Markdown)."""
        return self.say("labelled", label=f"**{label}**", text=text)

    def table(self, keys: list[str], rows: list[list[str]]) -> Lines:
        """Return a table with labelled columns, without the columns no row fills (the
        first column is always kept); cells are Markdown already."""
        kept = [i for i in range(len(keys)) if i == 0 or any(row[i] for row in rows)]
        return table([self.label(keys[i]) for i in kept], [[row[i] for i in kept] for row in rows])

    def weekday(self, value: str) -> str:
        """Return a day of the week's name (monday -> Monday, lundi)."""
        order = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        return escape(weekday_name(order.index(value), self.language))

    def date(self, value: Any) -> str:
        """Return a date written the local way, or ''."""
        return escape(format_date(value, self.language)) if value else ""

    def number(self, value: float | None, unit: str | None = None) -> str:
        """Return a number (with its unit) written the local way, or ''."""
        return "" if value is None else escape(format_quantity(value, unit, self.language))

    def enum(self, prefix: str, value: Any) -> str:
        """Return the label of an enumerated value (status_approved), else the value."""
        key = f"{prefix}_{value}"
        return self.label(key) if key in self.labels else escape(str(value))

    # --- callouts -----------------------------------------------------------------------

    def callout(self, note: Callout, nested: bool = False) -> Lines:
        """Return a note as a block quote starting with its signal word; at the top level, a
        GitHub alert too (inside a list item GitHub would not show it as one)."""
        word = f"**{escape(signal_word(note.level, self.labels))}**"
        blocks = rich_blocks(note.blocks)
        if blocks and note.blocks and isinstance(note.blocks[0], Paragraph):
            first = blocks[0]
            blocks[0] = [self.say("labelled", label=word, text=first[0]), *first[1:]]
        else:
            blocks.insert(0, [word])
        lines = quoted(blocks)
        if self.options.alerts and not nested:
            lines.insert(0, f"> [!{ALERTS[note.level]}]")
        return lines

    def notes(self, notes: list[Note], nested: bool = False) -> list[Lines]:
        """Return notes as callouts, most serious first."""
        return [self.callout(c, nested) for c in callouts(notes, self.language)]

    # --- links and attachments ----------------------------------------------------------

    def links(self, links: list[Link]) -> list[str]:
        """Return links as Markdown: a procedure's as a link to its Markdown file (ID.md), a
        web page's only when http, https or mailto (else its title and address as text)."""
        found = []
        for shown in link_texts(links, self.labels):
            text = escape(one_line(shown.shown))
            if shown.procedure:
                found.append(f"[{text}]({shown.procedure}.md)")
            else:
                made = link(text, shown.url)
                if made == text and shown.url and shown.url != shown.label:
                    made = f"{text} ({escape(one_line(shown.url))})"
                found.append(made)
        return found

    def attachment(self, attachment: Attachment) -> str:
        """Return an attachment as a link to its copy beside the Markdown file, or as its
        title and path when the file is not next to the document."""
        title = self.plain(attachment.title)
        found = self.local_file(attachment.path)
        if found is None:
            return f"{title} ({escape(one_line(attachment.path))})"
        name, path = found
        self.destination.companion(name).write_bytes(path.read_bytes())
        return f"[{title}]({self.destination.companion_link(name)})"

    def local_file(self, relative: str) -> tuple[str, Path] | None:
        """Return (its name under the companion folder, the file) of a file the document
        names, when it is a file inside the document's folder of a sane size."""
        path = named_file(self.document, relative)
        if path is None or path.stat().st_size > MAX_IMAGE_BYTES:
            return None
        return path.relative_to(document_folder(self.document)).as_posix(), path

    # --- the chart ----------------------------------------------------------------------

    def chart(self, name: str, caption_key: str) -> Lines:
        """Return the document's chart (the flowchart exporter's SVG pages, drawn directly)
        written beside the file, one picture a page; [] when off or when Graphviz is
        missing (with a warning)."""
        if not self.options.flowchart:
            return []
        if shutil.which("dot") is None:
            LOG.warning(
                "%s: the chart is left out of the Markdown file: install Graphviz"
                " (apt-get install graphviz) to include it",
                self.document.id,
            )
            return []
        from sopmodel.exporters.flowchart import FlowchartOptions
        from sopmodel.exporters.flowchart.render import chart_pages

        pages = chart_pages(self.document, "svg", FlowchartOptions(lang=self.options.lang))
        lines: Lines = []
        for number, data in enumerate(pages, 1):
            file = f"{name}.svg" if number == 1 else f"{name}-{number}.svg"
            self.destination.companion(file).write_bytes(data)
            caption = self.labels[caption_key]
            if len(pages) > 1:
                part = self.labels.format("page_of", page=number, pages=len(pages))
                caption = f"{caption} ({part})"
            if lines:
                lines.append("")
            lines.append(f"![{escape(caption)}]({self.destination.companion_link(file)})")
        return lines

    def paragraph(self, text: str | None) -> Lines:
        """Return a plain text as a paragraph (its line breaks kept)."""
        return plain_paragraph(plain(text, self.language)) if text else []
