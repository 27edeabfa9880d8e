"""The tree rich text becomes on its way out: blocks of inlines, as every writer walks it.

Inlines: `Text`, `Strong`, `Emphasis`, `Code`, `Link`, `Break`. Blocks: `Paragraph`,
`Heading`, `ListBlock`, `Table`, `Quote`, `CodeBlock`, `Rule`. The nodes are frozen and
hashable, so that a parsed text can be cached and shared by every exporter.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "Block",
    "Break",
    "Code",
    "CodeBlock",
    "Emphasis",
    "Heading",
    "Inline",
    "Link",
    "ListBlock",
    "Paragraph",
    "Quote",
    "Rule",
    "Strong",
    "Table",
    "Text",
    "inline_text",
    "walk_inlines",
]


@dataclass(frozen=True, slots=True)
class Text:
    """Plain text, typography already applied."""

    text: str


@dataclass(frozen=True, slots=True)
class Strong:
    """Bold text."""

    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Emphasis:
    """Italic text."""

    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Code:
    """A code span: shown as written, in a fixed-width font."""

    text: str


@dataclass(frozen=True, slots=True)
class Link:
    """A hyperlink: its text and its address."""

    children: tuple[Inline, ...]
    url: str


@dataclass(frozen=True, slots=True)
class Break:
    """A line break inside a paragraph."""


Inline = Text | Strong | Emphasis | Code | Link | Break
"""Any inline node."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of inlines."""

    inlines: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading inside a text (level 1 to 6), shown as a bold line."""

    level: int
    inlines: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class ListBlock:
    """A bulleted or numbered list; each item is a tuple of blocks (lists nest)."""

    ordered: bool
    start: int
    items: tuple[tuple[Block, ...], ...]


Align = Literal["left", "center", "right", ""]


@dataclass(frozen=True, slots=True)
class Table:
    """A table: a header row, body rows, and each column's alignment."""

    header: tuple[tuple[Inline, ...], ...]
    rows: tuple[tuple[tuple[Inline, ...], ...], ...]
    align: tuple[Align, ...]


@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted passage."""

    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class CodeBlock:
    """Lines shown as written, in a fixed-width font."""

    text: str


@dataclass(frozen=True, slots=True)
class Rule:
    """A thematic break (a horizontal line)."""


Block = Paragraph | Heading | ListBlock | Table | Quote | CodeBlock | Rule
"""Any block node."""


def walk_inlines(inlines: tuple[Inline, ...]) -> Iterator[Inline]:
    """Yield every inline node, depth first, children after their parent."""
    for node in inlines:
        yield node
        if isinstance(node, Strong | Emphasis | Link):
            yield from walk_inlines(node.children)


def inline_text(inlines: tuple[Inline, ...]) -> str:
    """Return the text a reader sees in inlines (a link's text, not its address)."""
    parts = []
    for node in walk_inlines(inlines):
        if isinstance(node, Text | Code):
            parts.append(node.text)
        elif isinstance(node, Break):
            parts.append("\n")
    return "".join(parts)
