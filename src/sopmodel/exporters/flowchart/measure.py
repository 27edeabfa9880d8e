"""How wide Graphviz draws the text of a cell, from the metrics of the font it uses.

A box's rows are given widths that end at one right edge: left to itself, Graphviz spreads
the spare width of a narrow row over all its columns, and a sub-step's number drifts away
from its title.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from sopmodel.exporters.fonts import font_metrics

__all__ = ["Ruler"]

_BREAK = re.compile(r"<BR[^>]*>")
_TAG = re.compile(r"<[^>]*>")
MARGIN = 1.06
"""Drawn text is a little wider than the sum of advance widths (hinting, rounding)."""


@dataclass(frozen=True)
class Ruler:
    """Measures cell texts in one font family at one size."""

    font: str
    size: float

    def width(self, inside: str) -> float:
        """Return the width in points of the widest line of a cell's inside (from `cell`)."""
        metrics = font_metrics(self.font, "<B>" in inside)
        sizes = re.findall(r'POINT-SIZE="([\d.]+)"', inside)
        size = float(sizes[0]) if sizes else self.size
        lines = (html.unescape(_TAG.sub("", part)) for part in _BREAK.split(inside))
        return max((metrics.width(line, size) for line in lines), default=0.0) * MARGIN
