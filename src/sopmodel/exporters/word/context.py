"""What the Word templates see, the parts shared by procedures and plans: words, rich pieces.

Every name here is part of the template contract documented in docs/word-templates.md. A
value is plain text unless its name says otherwise: `*_rich` and `callouts` are Word
fragments (`{{p name }}`), `rich` of a link is a hyperlink run (`{{r link.rich }}`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docxtpl import RichText

from sopmodel.exporters.word.richtext import Fragment, RichWriter
from sopmodel.exporters.writing import printed_line
from sopmodel.i18n import Labels, format_date, weekday_name
from sopmodel.i18n.quantity import format_quantity, shown_unit
from sopmodel.i18n.typography import typeset
from sopmodel.model import KPI, Approval, Attachment, Link, Note
from sopmodel.views import (
    LinkText,
    StepText,
    callouts,
    lines,
    link_texts,
    plain,
    rich,
)

__all__ = [
    "Kept",
    "Picture",
    "RichParts",
    "Words",
    "approval_rows",
    "approved_by",
    "kpi_values",
    "printed_values",
    "typeset_values",
]

Picture = Callable[[Any, float | None], Any]
"""Make an embeddable picture from a file path and a width in millimetres (or None)."""

_VERBATIM = frozenset({"url", "path", "id", "language", "category", "layout"})
"""Values that are addresses or codes, never typeset."""


class Kept(str):
    """A text from Markdown, typeset when it was parsed: left as it is, so code in it stays
    exactly as written."""

    __slots__ = ()


def typeset_values(value: Any, language: str) -> Any:
    """Return the template variables with every text typeset the language's way (see typeset).

    Labels, titles, dates and table cells all pass here once; Word fragments, pictures and
    Markdown text (typeset when it is parsed) are left as they are.
    """
    if isinstance(value, Kept):
        return str(value)
    if isinstance(value, str):
        return typeset(value, language)
    if isinstance(value, dict):
        return {
            key: item if key in _VERBATIM else typeset_values(item, language)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [typeset_values(item, language) for item in value]
    return value


class Words:
    """Labels and local formats of one language."""

    def __init__(self, labels: Labels) -> None:
        self.labels = labels
        self.language = labels.language

    def date(self, value: Any, width: str = "long") -> str:
        return format_date(value, self.language, width) if value else ""

    def number(self, value: float | None, unit: str | None = None) -> str:
        if value is None:
            return ""
        return format_quantity(value, unit, self.language)

    def enum(self, prefix: str, value: Any) -> str:
        key = f"{prefix}_{value}"
        return self.labels[key] if key in self.labels else str(value)

    def weekday(self, value: Any) -> str:
        order = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        return weekday_name(order.index(str(value)), self.language)

    def labelled(self, label: str, text: str) -> str:
        return self.labels.format("labelled", label=self.labels[label], text=text)

    def labelled_text(self, label: str, text: Kept) -> Kept:
        """Return 'label: text' with the label typeset and the Markdown text as it is."""
        shape = typeset(self.labels["labelled"], self.language)
        return Kept(shape.format(label=typeset(label, self.language), text=text))


def kpi_values(kpi: KPI, words: Words, roles: dict[str, str]) -> dict[str, str]:
    baseline, target = words.number(kpi.baseline, kpi.unit), words.number(kpi.target, kpi.unit)
    direction = words.enum("direction", kpi.direction)
    frequency = words.enum("frequency", kpi.frequency)
    summary = f"{baseline} → {target} ({direction}, {frequency})"
    return {
        "id": kpi.id,
        "name": kpi.name,
        "unit": shown_unit(kpi.unit),
        "baseline": baseline,
        "target": target,
        "direction": direction,
        "frequency": frequency,
        "owner": roles.get(kpi.owner or "", kpi.owner or ""),
        "definition": Kept(plain(kpi.definition, words.language)) if kpi.definition else "",
        "summary": words.labels.format("labelled", label=kpi.name, text=summary),
    }


class RichParts:
    """The rich pieces of a document: notes as callout boxes, links, attachments."""

    def __init__(self, words: Words, writer: RichWriter) -> None:
        self.words = words
        self.labels = words.labels
        self.writer = writer

    def signal(self, level: Any) -> str:
        return self.labels[f"note_{level}"]

    def callouts(self, notes: list[Note]) -> Fragment:
        return self.writer.boxes(callouts(notes, self.words.language), self.signal)

    def notes(self, notes: list[Note]) -> list[str]:
        """Return notes as plain text: 'WARNING: text', most serious first."""
        return [
            self.words.labelled_text(self.signal(item.level), Kept("\n".join(lines(item.blocks))))
            for item in callouts(notes, self.words.language)
        ]

    def details(self, text: str | None) -> tuple[str, Fragment]:
        """Return a Markdown text as plain lines and as Word content."""
        blocks = rich(text, self.words.language)
        return Kept("\n".join(lines(blocks))), self.writer.rich(blocks)

    def link(self, link: LinkText) -> dict[str, Any]:
        shown = typeset(link.shown, self.words.language)
        url = link.url or ""
        return {
            "label": link.label,
            "url": url,
            "procedure": link.procedure or "",
            "shown": shown,
            "text": f"{shown} — {url}" if url and url != shown else shown,
            "address": f" — {url}" if url and url != shown else "",
            "rich": self.writer.hyperlink(shown, url),
        }

    def lead_links(self, links: list[LinkText]) -> Any:
        """Return 'References: a, b' as one run of hyperlinks for `{{r name }}` ('' if none)."""
        if not links:
            return ""
        line = RichText(typeset(self.words.labelled("links", ""), self.words.language))
        for index, link in enumerate(links):
            if index:
                line.add(", ")
            line.add(self.link(link)["rich"])
        return line

    def forms(
        self, own: list[Attachment], texts: list[StepText], shown_as: list[str]
    ) -> list[dict[str, str]]:
        """Return the procedure's attachments, then its steps', each once with its steps."""
        used: dict[tuple[str, str], list[str]] = {(a.title, str(a.path)): [] for a in own}
        kept = {(a.title, str(a.path)): a for a in own}
        for text, reference in zip(texts, shown_as, strict=True):
            for attachment in text.attachments:
                key = (attachment.title, str(attachment.path))
                kept.setdefault(key, attachment)
                used.setdefault(key, []).append(reference)
        return [
            self.attachment(
                kept[key], self.words.labelled("steps", ", ".join(steps)) if steps else ""
            )
            for key, steps in used.items()
        ]

    def links(self, links: list[Link]) -> list[dict[str, Any]]:
        return [self.link(item) for item in link_texts(links, self.labels)]

    def attachment(self, attachment: Attachment, used_in: str = "") -> dict[str, str]:
        title = plain(attachment.title, self.words.language)
        return {
            "title": title,
            "path": str(attachment.path),
            "text": f"{title} ({attachment.path})",
            "steps": used_in,
            "line": f"{title} ({attachment.path})" + (f" — {used_in}" if used_in else ""),
        }


def printed_values(words: Words, date: Any) -> dict[str, str]:
    """Return the "Printed on" line (empty without a date); `generated` is its old name."""
    line = printed_line(words.labels, date) if date else ""
    return {"printed": line, "generated": line}


def approval_rows(
    approvals: list[Approval], roles: dict[str, str], words: Words
) -> list[dict[str, str]]:
    """Return a document's approvals as rows: role, name, date, version, version_text."""
    return [
        {
            "role": roles.get(a.role, a.role),
            "name": a.name,
            "date": words.date(a.date),
            "version": a.version or "",
            "version_text": words.labels.format("approved_version", version=a.version)
            if a.version
            else "",
        }
        for a in approvals
    ]


def approved_by(rows: list[dict[str, str]]) -> str:
    """Return the approvals as one line: 'Name (Role, version 1.2.0), ...'."""
    return ", ".join(
        f"{a['name']} ({a['role']}{', ' + a['version_text'] if a['version'] else ''})" for a in rows
    )
