"""The look shared by every chart, and user text made safe for Graphviz HTML-like labels."""

from __future__ import annotations

import html
import math
import textwrap
import unicodedata
from dataclasses import dataclass
from typing import Any

import graphviz

from sopmodel.exporters.flowchart.measure import Ruler

__all__ = ["INK", "LABEL_WIDTH", "Row", "Ruler", "cell", "clean", "grid", "lines", "new_chart"]

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


def _widths(rows: list[Row], columns: int, padding: int, ruler: Ruler) -> list[float]:
    """Return the width of each column but the last: a number column is as wide as its
    widest number, at least LABEL_WIDTH; then the width of the whole table, last."""
    widths = [float(LABEL_WIDTH)] * (columns - 1)
    for row in rows:
        if row.label is not None:
            needed = ruler.width(row.label) + 2 * padding
            widths[row.indent] = max(widths[row.indent], needed)
    total = 0.0
    for row in rows:
        start = row.indent + (row.label is not None)
        total = max(total, sum(widths[:start]) + ruler.width(row.text) + 2 * padding)
    return [*widths, total]


def grid(rows: list[Row], padding: int = 1, ruler: Ruler | None = None) -> str:
    """Return rows as an HTML-like table where every text cell reaches the right edge.

    With a ruler, every cell is given its width, so that numbers stay next to their titles.
    """
    columns = max((row.indent + (row.label is not None) + 1 for row in rows), default=1)
    widths = _widths(rows, columns, padding, ruler) if ruler else None

    def width(first: int, last: int) -> str:
        if widths is None:
            return ""
        span = widths[-1] - sum(widths[:first]) if last == columns else sum(widths[first:last])
        return f' WIDTH="{math.ceil(span)}"'

    body = []
    for row in rows:
        cells = f'<TD COLSPAN="{row.indent}"{width(0, row.indent)}></TD>' if row.indent else ""
        if row.label is not None:
            least = width(row.indent, row.indent + 1) or f' WIDTH="{LABEL_WIDTH}"'
            cells += f'<TD ALIGN="LEFT" VALIGN="TOP" BALIGN="LEFT"{least}>{row.label}</TD>'
        start = row.indent + (row.label is not None)
        fill = f' BGCOLOR="{row.background}"' if row.background else ""
        cells += (
            f'<TD COLSPAN="{columns - start}" ALIGN="LEFT" BALIGN="LEFT"'
            f"{width(start, columns)}{fill}>{row.text}</TD>"
        )
        body.append(f"<TR>{cells}</TR>")
    return (
        f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="{padding}">'
        f"{''.join(body)}</TABLE>"
    )
