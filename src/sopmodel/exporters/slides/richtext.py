"""Rich text as slide paragraphs: the markup tree walked into runs and indented paragraphs.

Lists become indented paragraphs (bulleted, or with their numbers written out), tables
become rows "a | b" (the header in bold), bold/italic/code/links become run formatting.
"""

from __future__ import annotations

from dataclasses import replace

from sopmodel.exporters.slides.deck import Para, Run
from sopmodel.i18n import Labels
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
from sopmodel.views import Callout, LinkText, signal_word

__all__ = [
    "block_paras",
    "callout_paras",
    "inline_runs",
    "link_runs",
]


_PLAIN = Run("")


def inline_runs(inlines: tuple[Inline, ...], style: Run = _PLAIN) -> list[Run]:
    """Return inlines as runs; a line break is a space (the slide wraps its lines itself)."""
    runs: list[Run] = []
    for node in inlines:
        if isinstance(node, Text):
            runs.append(replace(style, text=node.text))
        elif isinstance(node, Code):
            runs.append(replace(style, text=node.text, code=True))
        elif isinstance(node, Strong):
            runs += inline_runs(node.children, replace(style, bold=True))
        elif isinstance(node, Emphasis):
            runs += inline_runs(node.children, replace(style, italic=True))
        elif isinstance(node, Link):
            runs += inline_runs(node.children, replace(style, url=node.url))
        elif isinstance(node, Break):  # markup makes soft breaks Breaks too: wrapped lines
            runs.append(replace(style, text=" "))
    return [run for run in runs if run.text]


def _lines_of(level: int, runs: list[Run], bullet: bool) -> list[Para]:
    """Return runs as one paragraph, its line breaks as spaces."""
    return [Para(level, tuple(replace(r, text=" ".join(r.text.split("\n"))) for r in runs), bullet)]


def block_paras(blocks: tuple[Block, ...], level: int) -> list[Para]:
    """Return blocks as paragraphs: text at `level`, list items one level deeper."""
    found: list[Para] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            found += _lines_of(level, inline_runs(block.inlines), bullet=False)
        elif isinstance(block, Heading):
            found += _lines_of(level, inline_runs(block.inlines, Run("", bold=True)), False)
        elif isinstance(block, ListBlock):
            for offset, item in enumerate(block.items):
                inner = block_paras(item, level + 1) or [Para(level + 1, ())]
                first = inner[0]
                if block.ordered:
                    number = Run(f"{block.start + offset}. ")
                    first = Para(first.level, (number, *first.runs), bullet=False)
                else:
                    first = replace(first, bullet=True)
                found += [first, *inner[1:]]
        elif isinstance(block, Table):
            for index, row in enumerate((block.header, *block.rows)):
                runs: list[Run] = []
                for column, cell in enumerate(row):
                    style = Run("", bold=index == 0)
                    runs += ([replace(style, text=" | ")] if column else []) + inline_runs(
                        cell, style
                    )
                found.append(Para(level + 1, tuple(runs), bullet=False))
        elif isinstance(block, Quote):
            found += block_paras(block.blocks, level + 1)
        elif isinstance(block, CodeBlock):
            found += [
                Para(level, (Run(line, code=True),) if line else (), bullet=False)
                for line in block.text.split("\n")
            ]
        elif isinstance(block, Rule):
            found.append(Para(level, (Run("—"),), bullet=False))
    return found


def callout_paras(callout: Callout, level: int, labels: Labels) -> list[Para]:
    """Return a note as paragraphs: its signal word on its colour, then its text."""
    name = callout.level.value
    band = Run(f"\u00a0{signal_word(name, labels)}\u00a0", bold=True, band=name)
    rest = block_paras(callout.blocks, level)
    if rest and not rest[0].bullet and rest[0].level == level:
        first = Para(level, (band, Run(" "), *rest[0].runs), bullet=False)
        return [first, *rest[1:]]
    return [Para(level, (band,), bullet=False), *rest]


def link_runs(links: list[LinkText], labels: Labels) -> list[Run]:
    """Return links as runs separated by semicolons: clickable titles, procedures by id."""
    runs: list[Run] = []
    for index, link in enumerate(links):
        if index:
            runs.append(Run(" ; " if labels.language == "fr" else "; "))
        runs.append(Run(link.shown, url=link.url))
    return runs
