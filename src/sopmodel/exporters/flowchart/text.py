"""The look shared by every chart, and user text made safe for Graphviz HTML-like labels."""

from __future__ import annotations

import html
import textwrap
import unicodedata
from dataclasses import dataclass
from typing import Any

import graphviz

__all__ = ["INK", "Row", "cell", "clean", "grid", "lines", "new_chart"]

INK = "#5b6b7f"
"""The colour of outlines and ordinary arrows."""


def new_chart(name: str, font: str, size: float, **graph: str) -> Any:
    """Return an empty Digraph with the house style for nodes and edges, and graph attributes."""
    chart = graphviz.Digraph(name=name)
    chart.attr(
        "graph", newrank="true", fontname=font, fontsize=str(size), labelloc="t", pad="0.2", **graph
    )
    chart.attr(
        "node",
        fontname=font,
        fontsize=str(size),
        shape="box",
        style="rounded,filled",
        fillcolor="white",
        color=INK,
    )
    chart.attr("edge", fontname=font, fontsize=str(size), color=INK, arrowsize="0.7")
    return chart


def clean(text: str) -> str:
    """Return text without control characters, which SVG and PDF cannot carry."""
    return "".join(
        ch if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs", "Co") else " "
        for ch in text
    )


def lines(text: str, width: int) -> list[str]:
    """Return text wrapped to lines of at most width characters (paragraphs kept)."""
    found: list[str] = []
    for paragraph in clean(text).splitlines() or [""]:
        found += textwrap.wrap(paragraph, width, break_on_hyphens=False) or [""]
    return found


def cell(
    text: str,
    width: int,
    *,
    bold: bool = False,
    italic: bool = False,
    color: str | None = None,
    size: float | None = None,
) -> str:
    """Return wrapped, escaped text as the inside of an HTML-like label cell."""
    body = '<BR ALIGN="LEFT"/>'.join(html.escape(line, quote=True) for line in lines(text, width))
    if italic:
        body = f"<I>{body}</I>"
    if bold:
        body = f"<B>{body}</B>"
    attributes = "".join(
        f' {name}="{value}"' for name, value in (("COLOR", color), ("POINT-SIZE", size)) if value
    )
    if attributes:
        body = f"<FONT{attributes}>{body}</FONT>"
    return body + '<BR ALIGN="LEFT"/>'


LABEL_WIDTH = 18
"""The least width of a step number's column, in points: each outline level is set in by it."""


@dataclass(frozen=True, slots=True)
class Row:
    """A row of a box: empty columns before it, an optional label cell, then its text."""

    indent: int
    """How many columns are left empty before it (one per outline level)."""
    text: str
    """The inside of its text cell (from `cell`)."""
    label: str | None = None
    """The inside of a cell before the text: a step's number, hanging in its own column."""
    background: str | None = None


def grid(rows: list[Row], padding: int = 1) -> str:
    """Return rows as an HTML-like table where every text cell reaches the right edge."""
    columns = max((row.indent + (row.label is not None) + 1 for row in rows), default=1)
    body = []
    for row in rows:
        cells = f'<TD COLSPAN="{row.indent}"></TD>' if row.indent else ""
        if row.label is not None:
            cells += (
                f'<TD ALIGN="LEFT" VALIGN="TOP" BALIGN="LEFT" WIDTH="{LABEL_WIDTH}">'
                f"{row.label}</TD>"
            )
        span = columns - row.indent - (row.label is not None)
        fill = f' BGCOLOR="{row.background}"' if row.background else ""
        cells += f'<TD COLSPAN="{span}" ALIGN="LEFT" BALIGN="LEFT"{fill}>{row.text}</TD>'
        body.append(f"<TR>{cells}</TR>")
    return (
        f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="{padding}">'
        f"{''.join(body)}</TABLE>"
    )
