"""Read Markdown as a person (through markdown-it-py) and as pandoc sees it."""

from __future__ import annotations

import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Return (the YAML front matter, the body) of a Markdown file."""
    if not text.startswith("---\n"):
        return {}, text
    head, _, body = text[4:].partition("\n---\n")
    return yaml.safe_load(head), body


def parser(html: bool = False) -> MarkdownIt:
    """Return a GitHub-flavoured CommonMark parser (tables, strikethrough)."""
    return MarkdownIt("commonmark", {"html": html}).enable(["table", "strikethrough"])


def tokens(text: str, html: bool = False) -> list[Token]:
    """Return every token of a Markdown body, inline ones after their block."""
    found = []
    for token in parser(html).parse(text):
        found.append(token)
        found += token.children or []
    return found


def shown_text(text: str) -> str:
    """Return the text a reader sees in Markdown (front matter left out), a line per block."""
    _, body = split_front_matter(text)
    lines = []
    for token in parser().parse(body):
        if token.type == "inline":
            parts = []
            for child in token.children or []:
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append(" ")
                elif child.type == "image":
                    parts.append(child.content)
            lines.append("".join(parts))
        elif token.type in ("fence", "code_block"):
            lines.append(token.content)
    return "\n".join(lines)


def headings(text: str) -> list[tuple[int, str]]:
    """Return (level, text) of every heading markdown-it finds."""
    _, body = split_front_matter(text)
    found = []
    stream = parser().parse(body)
    for index, token in enumerate(stream):
        if token.type == "heading_open":
            inline = stream[index + 1]
            text_parts = [
                c.content for c in inline.children or [] if c.type in ("text", "code_inline")
            ]
            found.append((int(token.tag[1:]), " ".join("".join(text_parts).split())))
    return found


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[int, str]] = []
        self._level: int | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self._level, self._text = int(tag[1]), []

    def handle_endtag(self, tag: str) -> None:
        if self._level is not None and tag == f"h{self._level}":
            self.found.append((self._level, " ".join("".join(self._text).split())))
            self._level = None

    def handle_data(self, data: str) -> None:
        if self._level is not None:
            self._text.append(data)


def pandoc_html(path: Path) -> str:
    """Return pandoc's HTML of a GitHub-flavoured Markdown file; a warning fails."""
    done = subprocess.run(
        ["pandoc", "-f", "gfm", "-t", "html", "--fail-if-warnings", str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0 and not done.stderr, done.stderr
    return done.stdout


def pandoc_headings(path: Path) -> list[tuple[int, str]]:
    """Return (level, text) of every heading in pandoc's HTML of a Markdown file."""
    reader = _Headings()
    reader.feed(pandoc_html(path))
    return reader.found
