"""Markdown (CommonMark, with tables) parsed once into the tree, with the language's typography.

Raw HTML is never interpreted: it stays text, shown as written. As in CommonMark, a line
that wraps inside a paragraph joins the next with a space; a line ending with two spaces or
a backslash, or an empty line between paragraphs, breaks it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from sopmodel.i18n.typography import typeset
from sopmodel.markup.tree import (
    Align,
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

if TYPE_CHECKING:  # markdown-it is imported on first use: `sopmodel --version` never pays it
    from markdown_it import MarkdownIt
    from markdown_it.tree import SyntaxTreeNode

__all__ = ["links", "parse", "plain", "raw_html"]

_QUOTES = {
    "fr": ["«\u00a0", "\u00a0»", "“", "”"],
    "en": ["“", "”", "‘", "’"],
}
_ESCAPABLE = re.compile(r"([!-/:-@\[-`{-~])")
_WORDS_ONLY = re.compile(r"[^\W\d_](?:[^\W_]|[ .,;:?()/%°€$@+=\-–—’«»…])*(?<! )")
"""A line of words that no Markdown rule reads: it starts with a letter, holds letters,
digits, spaces and punctuation that marks nothing up, and does not end with a space."""
_NEEDS_PARSER = re.compile("[\"'\r\x00]")
"""What the parser changes in a plain text: quotes (curled), carriage returns, NUL."""


@lru_cache(maxsize=8)
def _markdown(language: str) -> MarkdownIt:
    from markdown_it import MarkdownIt

    options = {"html": False, "typographer": True, "quotes": _QUOTES.get(language, _QUOTES["en"])}
    return MarkdownIt("commonmark", options).enable(["table", "smartquotes"])


@lru_cache(maxsize=2)
def _html_finder() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable("table")


@lru_cache(maxsize=1)
def _link_finder() -> MarkdownIt:
    """Return a parser that reads every link as a link, even one whose address the renderer
    refuses (javascript:, data:, vbscript:): those are shown as text, and a rule names them."""
    from markdown_it import MarkdownIt

    finder = MarkdownIt("commonmark").enable("table")
    finder.validateLink = lambda url: True  # type: ignore[method-assign]
    return finder


def _inlines(node: SyntaxTreeNode, language: str) -> tuple[Inline, ...]:
    found: list[Inline] = []
    for child in node.children:
        kind = child.type
        if kind == "text":
            found.append(Text(typeset(child.content, language)))
        elif kind == "softbreak":
            found.append(Text(" "))
        elif kind == "hardbreak":
            found.append(Break())
        elif kind == "code_inline":
            found.append(Code(child.content))
        elif kind == "strong":
            found.append(Strong(_inlines(child, language)))
        elif kind == "em":
            found.append(Emphasis(_inlines(child, language)))
        elif kind == "link":
            found.append(Link(_inlines(child, language), str(child.attrs.get("href", ""))))
        elif kind == "image":
            alt = "".join(t.content for t in child.children if t.type == "text")
            found.append(Text(alt or str(child.attrs.get("src", ""))))
        else:  # anything else a future markdown-it adds: keep its text
            found.append(Text(child.content))
    return _merged(found)


def _merged(nodes: list[Inline]) -> tuple[Inline, ...]:
    """Return nodes with neighbouring Text nodes joined."""
    result: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text) and result and isinstance(result[-1], Text):
            result[-1] = Text(result[-1].text + node.text)
        elif not (isinstance(node, Text) and not node.text):
            result.append(node)
    return tuple(result)


def _cell(node: SyntaxTreeNode, language: str) -> tuple[Inline, ...]:
    return _inlines(node.children[0], language) if node.children else ()


def _align(node: SyntaxTreeNode) -> Align:
    style = str(node.attrs.get("style", ""))
    for side in ("left", "center", "right"):
        if side in style:
            return side
    return ""


def _table(node: SyntaxTreeNode, language: str) -> Table:
    rows = [row for part in node.children for row in part.children]
    header = rows[0].children if rows else []
    return Table(
        tuple(_cell(cell, language) for cell in header),
        tuple(tuple(_cell(cell, language) for cell in row.children) for row in rows[1:]),
        tuple(_align(cell) for cell in header),
    )


def _blocks(node: SyntaxTreeNode, language: str) -> tuple[Block, ...]:
    found: list[Block] = []
    for child in node.children:
        kind = child.type
        if kind == "paragraph":
            found.append(Paragraph(_cell(child, language)))
        elif kind == "heading":
            found.append(Heading(int(child.tag[1:]), _cell(child, language)))
        elif kind in ("bullet_list", "ordered_list"):
            start = child.attrs.get("start", 1) if kind == "ordered_list" else 1
            items = tuple(_blocks(item, language) for item in child.children)
            found.append(ListBlock(kind == "ordered_list", int(start), items))
        elif kind == "table":
            found.append(_table(child, language))
        elif kind == "blockquote":
            found.append(Quote(_blocks(child, language)))
        elif kind in ("code_block", "fence"):
            found.append(CodeBlock(child.content.rstrip("\n")))
        elif kind == "hr":
            found.append(Rule())
        elif child.content:  # anything else a future markdown-it adds: keep its text
            found.append(Paragraph((Text(child.content),)))
    return tuple(found)


@lru_cache(maxsize=4096)
def parse(text: str, language: str = "en") -> tuple[Block, ...]:
    """Return the blocks of a Markdown text, with the typography of language (en, fr)."""
    stripped = text.lstrip(" ")
    lines = stripped.rstrip(" ").split("\n")
    indent = len(text) - len(stripped)  # four spaces would start a code block
    if indent < 4 and all(_WORDS_ONLY.fullmatch(line) for line in lines):  # most texts
        words = " ".join(typeset(line, language) for line in lines)
        return (Paragraph((Text(words),)),)
    return _parsed(text, language)


def _parsed(text: str, language: str) -> tuple[Block, ...]:
    """Return `parse(text)` as the Markdown parser gives it."""
    tokens = _markdown(language).parse(text)
    from markdown_it.tree import SyntaxTreeNode

    return _blocks(SyntaxTreeNode(tokens), language)


def _escape(found: re.Match[str]) -> str:
    """Return a punctuation mark escaped for Markdown; quotes stay, for smart quotes."""
    mark = found.group(1)
    return mark if mark in "\"'" else "\\" + mark


@lru_cache(maxsize=4096)
def plain(text: str, language: str = "en") -> str:
    """Return a text that is not Markdown with the language's typography (quotes, spaces).

    Nothing in it is read as Markdown: `*`, `_`, `<` and the like stay as written.
    """
    if not _NEEDS_PARSER.search(text):  # no quote to curl: the parser would change nothing
        return typeset(text, language)
    return _parsed_plain(text, language)


def _parsed_plain(text: str, language: str) -> str:
    """Return `plain(text)` as the Markdown parser gives it (quotes curled)."""
    escaped = _ESCAPABLE.sub(
        lambda m: m.group(1) if m.group(1) in "\"'" else "\\" + m.group(1), text
    )
    lines = []
    for line in escaped.split("\n"):
        tokens = _markdown(language).parseInline(line)
        children = tokens[0].children or [] if tokens else []
        lines.append("".join(token.content for token in children))
    return typeset("\n".join(lines), language)


def _walk_tokens(text: str, parser: MarkdownIt) -> list[tuple[str, str, str]]:
    """Return (type, content, href) of every token of text, inline ones included."""
    found = []
    for token in parser.parse(text):
        found.append((token.type, token.content, ""))
        for child in token.children or []:
            found.append((child.type, child.content, str(child.attrs.get("href", ""))))
    return found


def raw_html(text: str) -> list[str]:
    """Return the raw HTML fragments a Markdown text holds (they are shown as text)."""
    if "<" not in text:  # every HTML fragment starts with one: no need to parse
        return []
    return [
        content.strip()
        for kind, content, _ in _walk_tokens(text, _html_finder())
        if kind in ("html_inline", "html_block")
    ]


def links(text: str) -> list[str]:
    """Return the address of every link a Markdown text holds, in order, those the renderer
    refuses to make links of (`javascript:`...) included."""
    if "[" not in text and "<" not in text:  # no link, reference or autolink can start
        return []
    return [href for kind, _, href in _walk_tokens(text, _link_finder()) if kind == "link_open"]
