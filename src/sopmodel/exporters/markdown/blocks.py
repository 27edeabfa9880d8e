"""Markdown blocks as lines: the rich-text tree re-emitted, paragraphs, lists, tables, quotes.

A block is a list of lines; containers (list items, quotes) prefix every line of the blocks
they hold, so that any block nests in any other. User text goes through `escape` on its way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import assert_never

from sopmodel.exporters.markdown.escape import code_span, escape, line_start, link_address
from sopmodel.markup import (
    Block,
    Break,
    Code,
    CodeBlock,
    Emphasis,
    Heading,
    Inline,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Rule,
    Strong,
    Table,
    Text,
)

__all__ = [
    "Lines",
    "bullets",
    "cell_text",
    "document",
    "heading",
    "inlines",
    "joined",
    "link",
    "plain_paragraph",
    "quoted",
    "rich_blocks",
    "table",
]

Lines = list[str]
"""One block of Markdown, a line each."""


def inlines(nodes: Sequence[Inline], in_cell: bool = False) -> str:
    """Return inline nodes as Markdown; a line break is a backslash break (a space in a
    table cell, which holds one line)."""
    parts: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            parts.append(escape(node.text) if node.text.strip() else " " * bool(node.text))
        elif isinstance(node, Strong):
            parts.append(_wrapped("**", inlines(node.children, in_cell)))
        elif isinstance(node, Emphasis):
            parts.append(_wrapped("*", inlines(node.children, in_cell)))
        elif isinstance(node, Code):
            parts.append(code_span(node.text, in_cell))
        elif isinstance(node, Link):
            parts.append(link(inlines(node.children, in_cell), node.url))
        elif isinstance(node, Break):
            parts.append(" " if in_cell else "\\\n")
        else:
            assert_never(node)
    return "".join(parts)


def _wrapped(mark: str, text: str) -> str:
    """Return text in emphasis marks, the spaces around it kept outside (where they count)."""
    core = text.strip(" ")
    if not core:
        return text
    lead, trail = text[: len(text) - len(text.lstrip(" "))], text[len(text.rstrip(" ")) :]
    return f"{lead}{mark}{core}{mark}{trail}"


def link(text: str, url: str | None) -> str:
    """Return a link to a web address, or its text alone when the address is not http,
    https or mailto."""
    address = link_address(url or "")
    if address is None:
        return text
    return f"[{text or escape(url or '')}]({address})"


def _paragraph(markdown: str) -> Lines:
    """Return a paragraph's Markdown as lines (hard breaks end lines), spaces trimmed."""
    lines = [line_start(line.strip(" ")) for line in markdown.split("\n")]
    return [line for line in lines if line] or []


def plain_paragraph(text: str) -> Lines:
    """Return a plain text (no Markdown) as a paragraph; its line breaks stay breaks."""
    pieces = [escape(line) for line in text.splitlines() if line.strip()]
    return _paragraph("\\\n".join(pieces))


def rich_blocks(blocks: Sequence[Block]) -> list[Lines]:
    """Return the blocks of a rich text as Markdown blocks (headings inside a text become
    bold lines: the document's own headings stay its outline)."""
    found: list[Lines] = []
    previous: Block | None = None
    for block in blocks:
        if isinstance(block, Paragraph):
            lines = _paragraph(inlines(block.inlines))
        elif isinstance(block, Heading):
            lines = _paragraph(_wrapped("**", inlines(block.inlines)))
        elif isinstance(block, ListBlock):
            same = isinstance(previous, ListBlock) and previous.ordered == block.ordered
            lines = _list(block, alternate=same)
        elif isinstance(block, Table):
            lines = table(
                [inlines(cell, True) for cell in block.header],
                [[inlines(cell, True) for cell in row] for row in block.rows],
                list(block.align),
            )
        elif isinstance(block, Quote):
            lines = quoted(rich_blocks(block.blocks))
        elif isinstance(block, CodeBlock):
            lines = _fenced(block.text)
        elif isinstance(block, Rule):
            lines = ["---"]
        else:
            assert_never(block)  # a new block kind must be written, never dropped
        if lines:
            found.append(lines)
        previous = block
    return found


def _list(block: ListBlock, alternate: bool) -> Lines:
    """Return a list; a list right after one of its kind changes its marker, or the two
    would merge into one."""
    items = []
    for offset, item in enumerate(block.items):
        if block.ordered:
            marker = f"{block.start + offset}{')' if alternate else '.'} "
        else:
            marker = "* " if alternate else "- "
        items.append((marker, rich_blocks(item)))
    return _items(items, loose=any(len(blocks) > 1 for _, blocks in items))


def _items(items: Sequence[tuple[str, list[Lines]]], loose: bool = False) -> Lines:
    lines: Lines = []
    for marker, blocks in items:
        body = joined(blocks) or [""]
        if loose and lines:
            lines.append("")
        lines.append((marker + body[0]).rstrip())
        lines += [" " * len(marker) + line if line else "" for line in body[1:]]
    return lines


def bullets(items: Sequence[list[Lines]]) -> Lines:
    """Return a bulleted list whose items are each made of blocks."""
    return _items([("- ", blocks) for blocks in items], any(len(b) > 1 for b in items))


def _fenced(text: str) -> Lines:
    longest = max((len(line) - len(line.lstrip("`")) for line in text.split("\n")), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence, *text.split("\n"), fence]


def table(header: Sequence[str], rows: Sequence[Sequence[str]], align: Sequence[str] = ()) -> Lines:
    """Return a table of cells already written as Markdown (one line each, `|` escaped)."""
    width = max([len(header), *(len(row) for row in rows)])
    header = [*header, *[""] * (width - len(header))]
    marks = {"left": ":---", "center": ":---:", "right": "---:"}
    rule = [marks.get(align[i] if i < len(align) else "", "---") for i in range(width)]
    lines = [_row(header), _row(rule)]
    lines += [_row([*row, *[""] * (width - len(row))]) for row in rows]
    return lines


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(" ".join(cell.split()) for cell in cells) + " |"


def quoted(blocks: list[Lines]) -> Lines:
    """Return blocks inside a block quote."""
    return [f"> {line}" if line else ">" for line in joined(blocks)]


def heading(level: int, text: str) -> Lines:
    """Return a heading of escaped text (a `#` at its end would close it: escaped too)."""
    return [f"{'#' * level} {text.replace('#', chr(92) + '#')}".rstrip()]


def joined(blocks: Sequence[Lines]) -> Lines:
    """Return blocks one after the other, a blank line between two."""
    lines: Lines = []
    for block in blocks:
        if block:
            if lines:
                lines.append("")
            lines += block
    return lines


def document(blocks: Sequence[Lines]) -> str:
    """Return the blocks of a whole file as its text, ending with one newline."""
    return "\n".join(joined(blocks)) + "\n"


def cell_text(blocks: Sequence[Block]) -> str:
    """Return a rich text as the Markdown of one table cell: inline marks kept, blocks on one
    line, list items after a bullet."""
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph | Heading):
            parts.append(inlines(block.inlines, True))
        elif isinstance(block, ListBlock):
            for item in block.items:
                parts.append("• " + cell_text(item))
        elif isinstance(block, Quote):
            parts.append(cell_text(block.blocks))
        elif isinstance(block, Table):
            for row in (block.header, *block.rows):
                parts.append(" / ".join(inlines(cell, True) for cell in row))
        elif isinstance(block, CodeBlock):
            parts.append(code_span(block.text, True))
        elif isinstance(block, Rule):
            parts.append("—")
    return " ".join(part for part in parts if part.strip())
