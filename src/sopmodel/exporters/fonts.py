"""Font metrics as this machine draws text (read with fontTools), for every exporter that
measures text: the deck fits its boxes with them, the flowchart sizes its columns."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["FontMetrics", "font_metrics"]


@dataclass(frozen=True)
class FontMetrics:
    """Advance widths and line height of one font face, in em."""

    widths: dict[int, float]
    """Advance width of each character, in em."""
    fallback: float
    """Width used for a character the font lacks (the widest glyph: never too small)."""
    line: float
    """Height of a line at single spacing, in em (ascender + descender + line gap)."""
    source: str

    def width(self, text: str, size: float) -> float:
        """Return the width of text at a size, in points."""
        get = self.widths.get
        return sum(get(ord(ch), self.fallback) for ch in text) * size

    def line_height(self, size: float) -> float:
        """Return the height of one line at a size, in points."""
        return self.line * size


def _font_file(family: str, bold: bool) -> Path | None:
    """Return the file fontconfig uses for a family (Calibri resolves to Carlito)."""
    if shutil.which("fc-match") is None:
        return None
    pattern = f"{family}:bold" if bold else f"{family}:regular"
    done = subprocess.run(
        ["fc-match", "-f", "%{file}", pattern],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    path = Path(done.stdout.strip())
    return path if done.returncode == 0 and path.is_file() else None


@lru_cache(maxsize=8)
def font_metrics(family: str, bold: bool = False) -> FontMetrics:
    """Return the metrics of a font family as this machine draws it.

    When the font cannot be read, conservative metrics are used (every character as wide
    as an M), so that text may be split more than needed but never overflows.
    """
    path = _font_file(family, bold)
    if path is not None:
        import logging

        from fontTools.ttLib import TTFont

        logging.getLogger("fontTools").setLevel(logging.ERROR)  # odd timestamps are harmless
        with TTFont(str(path), lazy=True) as font:  # closes the font file when read
            units = font["head"].unitsPerEm
            advances = font["hmtx"].metrics
            cmap = font.getBestCmap()
            widths = {code: advances[glyph][0] / units for code, glyph in cmap.items()}
            hhea = font["hhea"]
            line = (hhea.ascent - hhea.descent + hhea.lineGap) / units
        return FontMetrics(widths, max(widths.values(), default=1.0), line, str(path))
    return FontMetrics({}, 0.95 if bold else 0.9, 1.25, "fallback")
