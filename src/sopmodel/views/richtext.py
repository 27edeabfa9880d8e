"""Rich text as every exporter receives it: parsed once, typography applied, notes ordered.

Markdown fields (`details`, note texts) become blocks (`rich`); plain fields (titles, checks)
get the language's typography (`plain`); writers that can only show plain text (sheet cells,
chart labels) take `lines`, where lists keep their bullets and numbers and tables their cells.
"""

from __future__ import annotations

from dataclasses import dataclass

from sopmodel.i18n import Labels
from sopmodel.markup import (
    Block,
    CodeBlock,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Rule,
    Table,
    inline_text,
    parse,
    plain,
)
from sopmodel.model import Note, NoteLevel

__all__ = [
    "HAZARDS",
    "SIGNAL_COLOURS",
    "Callout",
    "callouts",
    "lines",
    "plain",
    "rich",
    "signal_word",
]

SIGNAL_COLOURS: dict[NoteLevel, tuple[str, str]] = {
    NoteLevel.danger: ("C8102E", "FFFFFF"),
    NoteLevel.warning: ("FF7900", "000000"),
    NoteLevel.caution: ("FFD100", "000000"),
    NoteLevel.notice: ("005EB8", "FFFFFF"),
    NoteLevel.info: ("5B6770", "FFFFFF"),
}
"""Per note level: the standard colour of its signal-word band (ANSI Z535.4 / ISO 3864) and
the colour of the word on it, as RRGGBB."""
HAZARDS = frozenset({NoteLevel.danger, NoteLevel.warning, NoteLevel.caution})
"""The levels whose signal word carries the warning sign (ISO 7010 W001)."""


def signal_word(level: NoteLevel | str, labels: Labels) -> str:
    """Return a level's signal word as every output shows it: '⚠ DANGER', 'NOTE'."""
    level = NoteLevel(level)
    word = labels[f"note_{level.value}"]
    return f"⚠ {word}" if level in HAZARDS else word


def rich(text: str | None, language: str) -> tuple[Block, ...]:
    """Return the blocks of a Markdown text ((): no text)."""
    return parse(text, language) if text else ()


def lines(blocks: tuple[Block, ...], indent: str = "") -> list[str]:
    """Return blocks as lines of plain text: `• ` and `1. ` before list items, ` | ` between
    table cells, link texts without their addresses."""
    found: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph | Heading):
            found += [indent + part for part in inline_text(block.inlines).split("\n")]
        elif isinstance(block, ListBlock):
            for offset, item in enumerate(block.items):
                mark = f"{block.start + offset}. " if block.ordered else "• "
                inner = lines(item, indent + " " * len(mark))
                first = inner[0][len(indent) + len(mark) :] if inner else ""
                found.append(indent + mark + first)
                found += inner[1:]
        elif isinstance(block, Table):
            for row in (block.header, *block.rows):
                found.append(indent + " | ".join(inline_text(cell) for cell in row))
        elif isinstance(block, Quote):
            found += lines(block.blocks, indent + "  ")
        elif isinstance(block, CodeBlock):
            found += [indent + part for part in block.text.split("\n")]
        elif isinstance(block, Rule):
            found.append(indent + "—")
    return found


@dataclass(frozen=True, slots=True)
class Callout:
    """A note ready to show: its level and its text as blocks."""

    level: NoteLevel
    blocks: tuple[Block, ...]


def callouts(notes: list[Note], language: str) -> list[Callout]:
    """Return notes as callouts, most serious first (source order within a level)."""
    ordered = sorted(notes, key=lambda note: note.level.rank)
    return [Callout(note.level, rich(note.text, language)) for note in ordered]
