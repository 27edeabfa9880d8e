"""Signal-word bands and reference lists, as rows of Graphviz HTML-like tables.

A note is drawn as a safety label: a band with its signal word in the standard colour
(ISO 3864 / ANSI Z535.4), then its text on a light tint of that colour.
"""

from __future__ import annotations

import html

from sopmodel.exporters.flowchart.text import cell, lines
from sopmodel.i18n import Labels
from sopmodel.model import Attachment, NoteLevel
from sopmodel.views import SIGNAL_COLOURS, Callout, LinkText, plain, signal_word
from sopmodel.views import lines as plain_lines

__all__ = ["BAND", "callout_rows", "reference_rows", "rich_cell"]

_TINTS = {
    NoteLevel.danger: "#F9E3E6",
    NoteLevel.warning: "#FFEEDD",
    NoteLevel.caution: "#FFF8D6",
    NoteLevel.notice: "#E1ECF7",
    NoteLevel.info: "#ECEEF0",
}
BAND: dict[NoteLevel, tuple[str, str, str]] = {
    level: (f"#{band}", f"#{ink}", _TINTS[level]) for level, (band, ink) in SIGNAL_COLOURS.items()
}
"""The band colour, the colour of the signal word on it, and the tint under the text."""
LINK_COLOR = "#1f4e8c"


def _hanging(line: str, width: int) -> list[str]:
    """Return a plain line wrapped so that a list item's text hangs after its mark."""
    stripped = line.lstrip(" ")
    indent = " " * (len(line) - len(stripped))
    mark = ""
    head, _, rest = stripped.partition(" ")
    if head == "•" or (head.endswith(".") and head[:-1].isdigit()):
        mark = head + " "
        stripped = rest
    pad = indent + " " * len(mark)
    wrapped = lines(stripped, max(8, width - len(pad)))
    return [indent + mark + wrapped[0], *(pad + more for more in wrapped[1:])]


def rich_cell(blocks: tuple[object, ...], width: int, color: str | None = None) -> str:
    """Return Markdown blocks as the inside of a cell: plain lines, lists keep their marks."""
    shown: list[str] = []
    for line in plain_lines(blocks):  # type: ignore[arg-type]
        shown += _hanging(line, width)
    body = '<BR ALIGN="LEFT"/>'.join(html.escape(line, quote=True) for line in shown)
    if color:
        body = f'<FONT COLOR="{color}">{body}</FONT>'
    return body + '<BR ALIGN="LEFT"/>'


def callout_rows(callouts: list[Callout], labels: Labels, width: int) -> list[tuple[str, str]]:
    """Return two (text, background) rows per callout: its signal-word band, then its text."""
    rows = []
    for callout in callouts:
        band, ink, tint = BAND[callout.level]
        rows.append((cell(signal_word(callout.level, labels), width, bold=True, color=ink), band))
        rows.append((rich_cell(callout.blocks, width), tint))
    return rows


def reference_rows(
    links: list[LinkText], attachments: list[Attachment], labels: Labels, width: int
) -> list[str]:
    """Return the cell texts naming a step's links and attachments by their titles."""
    named = [
        (f"↗ {labels['links']}", [link.label for link in links]),
        (
            f"▤ {labels['attachments']}",
            [plain(attachment.title, labels.language) for attachment in attachments],
        ),
    ]
    return [
        cell(
            labels.format("labelled", label=label, text=" · ".join(names)), width, color=LINK_COLOR
        )
        for label, names in named
        if names
    ]
