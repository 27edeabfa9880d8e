"""Rich text and links as safe HTML: user text escaped, links only when their scheme is safe."""

from __future__ import annotations

from collections.abc import Iterable
from typing import assert_never

from markupsafe import Markup, escape

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
    followable,
    inline_text,
    parse,
)

__all__ = ["blocks_html", "inlines_html", "link", "plain_text", "rich", "safe_url", "step_anchor"]


def step_anchor(number: str) -> str:
    """Return a step's anchor in its procedure's page: step-2-1 for step 2.1."""
    return "step-" + number.replace(".", "-")


def safe_url(url: str) -> str | None:
    """Return the address if a reader may follow it (http, https, mailto), else None."""
    return url.strip() if followable(url) else None


def link(text: str | Markup, url: str | None) -> Markup:
    """Return `<a href>` when the address is safe, else the text alone (escaped)."""
    target = safe_url(url) if url else None
    if target is None:
        return Markup(escape(text))
    return Markup('<a href="{}" rel="noopener noreferrer">{}</a>').format(target, text)


def inlines_html(inlines: Iterable[Inline]) -> Markup:
    """Return inline nodes as HTML."""
    parts: list[Markup] = []
    for node in inlines:
        if isinstance(node, Text):
            parts.append(escape(node.text))
        elif isinstance(node, Strong):
            parts.append(Markup("<strong>{}</strong>").format(inlines_html(node.children)))
        elif isinstance(node, Emphasis):
            parts.append(Markup("<em>{}</em>").format(inlines_html(node.children)))
        elif isinstance(node, Code):
            parts.append(Markup("<code>{}</code>").format(node.text))
        elif isinstance(node, Link):
            parts.append(link(inlines_html(node.children), node.url))
        elif isinstance(node, Break):
            parts.append(Markup("<br>"))
        else:
            assert_never(node)  # a new inline kind must be written, never dropped
    return Markup("").join(parts)


def _cell(tag: str, inlines: tuple[Inline, ...], align: str) -> Markup:
    style = Markup(' class="align-{}"').format(align) if align else Markup("")
    return Markup("<{0}{1}>{2}</{0}>").format(Markup(tag), style, inlines_html(inlines))


def _table(block: Table) -> Markup:
    head = Markup("").join(
        _cell("th", c, a) for c, a in zip(block.header, block.align, strict=False)
    )
    rows = Markup("").join(
        Markup("<tr>{}</tr>").format(
            Markup("").join(_cell("td", c, a) for c, a in zip(row, block.align, strict=False))
        )
        for row in block.rows
    )
    return Markup(
        '<div class="table-wrap" tabindex="0"><table><thead><tr>{}</tr></thead>'
        "<tbody>{}</tbody></table></div>"
    ).format(head, rows)


def blocks_html(blocks: Iterable[Block]) -> Markup:
    """Return block nodes as HTML (headings inside a text become bold paragraphs)."""
    parts: list[Markup] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            parts.append(Markup("<p>{}</p>").format(inlines_html(block.inlines)))
        elif isinstance(block, Heading):
            parts.append(
                Markup('<p class="text-heading"><strong>{}</strong></p>').format(
                    inlines_html(block.inlines)
                )
            )
        elif isinstance(block, ListBlock):
            items = Markup("").join(
                Markup("<li>{}</li>").format(blocks_html(item)) for item in block.items
            )
            if block.ordered:
                start = Markup(' start="{}"').format(block.start) if block.start != 1 else ""
                parts.append(Markup("<ol{}>{}</ol>").format(start, items))
            else:
                parts.append(Markup("<ul>{}</ul>").format(items))
        elif isinstance(block, Table):
            parts.append(_table(block))
        elif isinstance(block, Quote):
            parts.append(Markup("<blockquote>{}</blockquote>").format(blocks_html(block.blocks)))
        elif isinstance(block, CodeBlock):
            parts.append(Markup("<pre><code>{}</code></pre>").format(block.text))
        elif isinstance(block, Rule):
            parts.append(Markup("<hr>"))
        else:
            assert_never(block)  # a new block kind must be written, never dropped
    return Markup("").join(parts)


def rich(text: str | None, language: str) -> Markup:
    """Return a Markdown text (a `details` or note) as safe HTML; '' for no text."""
    return blocks_html(parse(text, language)) if text else Markup("")


def plain_text(blocks: Iterable[Block]) -> str:
    """Return the words of blocks, for the search index."""
    words: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph | Heading):
            words.append(inline_text(block.inlines))
        elif isinstance(block, ListBlock):
            words += [plain_text(item) for item in block.items]
        elif isinstance(block, Table):
            words += [inline_text(cell) for row in (block.header, *block.rows) for cell in row]
        elif isinstance(block, Quote):
            words.append(plain_text(block.blocks))
        elif isinstance(block, CodeBlock):
            words.append(block.text)
    return " ".join(words)
