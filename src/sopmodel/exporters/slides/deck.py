"""The deck as plain data: slides with titles, bullets and notes, split to fit their boxes.

Built before any PowerPoint object exists, so tests can read exactly what each slide
should show; render.py then only lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sopmodel.exporters.slides.fit import FontMetrics, wrap

__all__ = ["Box", "Geometry", "Sizes", "Slide", "fit_bullets", "fit_title", "title_fit"]

INSETS = (7.2, 3.6)
"""Text frame insets, left/right and top/bottom, in points (PowerPoint's defaults)."""
SAFETY = 0.94
"""The share of a box that text may fill: room for rounding between renderers."""


@dataclass(frozen=True)
class Sizes:
    """Font sizes of the deck, in points."""

    title: float = 32.0
    subtitle: float = 20.0
    body: float = 20.0
    sub: float = 17.0
    box: float = 16.0
    space_before: float = 6.0


@dataclass(frozen=True)
class Box:
    """A text box: its size in points and the left margin of each bullet level."""

    width: float
    height: float
    margins: tuple[float, ...] = (0.0, 0.0)

    def text_width(self, level: int = 0) -> float:
        margin = self.margins[min(level, len(self.margins) - 1)]
        return (self.width - 2 * INSETS[0] - margin) * SAFETY

    @property
    def text_height(self) -> float:
        return (self.height - 2 * INSETS[1]) * SAFETY


@dataclass(frozen=True)
class Geometry:
    """The boxes of the layouts the deck uses, read from the template."""

    title: Box
    """The title of a content slide."""
    body: Box
    """The body of a content slide."""
    cover_title: Box
    cover_subtitle: Box
    section_title: Box
    section_text: Box
    picture_area: Box
    """The free space under the title of a title-only slide."""


@dataclass
class Slide:
    """One slide as the builder means it."""

    layout: str
    """cover, section, content, picture or cards."""
    title: str
    subtitle: str = ""
    bullets: list[tuple[int, str]] = field(default_factory=list)
    """(level, text): level 0 a bullet, level 1 under it."""
    notes: str = ""
    picture: Path | None = None
    cards: list[tuple[str, str]] = field(default_factory=list)
    """(heading, text) boxes of a cards slide (roles as a visual)."""
    minutes: float = 1.0
    """How long a trainer spends on the slide."""
    title_size: float = 32.0
    """The title's font size: long titles get a smaller size before they are shortened."""


def title_fit(
    text: str, box: Box, sizes: tuple[float, ...], metrics: FontMetrics
) -> tuple[str, float]:
    """Return the title and the largest of sizes at which it fits whole, else shortened."""
    for size in sizes:
        most = max(1, int(box.text_height // metrics.line_height(size)))
        if len(wrap(text, box.text_width(), size, metrics)) <= most:
            return text, size
    return fit_title(text, box, sizes[-1], metrics), sizes[-1]


def fit_title(text: str, box: Box, size: float, metrics: FontMetrics) -> str:
    """Return the title, shortened with an ellipsis if its lines would not fit the box."""
    most = max(1, int(box.text_height // metrics.line_height(size)))
    lines = wrap(text, box.text_width(), size, metrics)
    if len(lines) <= most:
        return text
    words = text.split()
    while words and len(wrap(" ".join(words) + " …", box.text_width(), size, metrics)) > most:
        words.pop()
    return (" ".join(words) + " …") if words else text[:10] + "…"


def _height(bullets: list[tuple[int, str]], box: Box, sizes: Sizes, metrics: FontMetrics) -> float:
    total = 0.0
    for level, text in bullets:
        size = sizes.body if level == 0 else sizes.sub
        lines = len(wrap(text, box.text_width(level), size, metrics))
        total += lines * metrics.line_height(size) + sizes.space_before
    return total


def _shorten(level: int, text: str, box: Box, sizes: Sizes, metrics: FontMetrics) -> str:
    """Return one bullet cut with an ellipsis so that it fits an empty box on its own."""
    words = text.split()
    while (
        len(words) > 1
        and _height([(level, " ".join(words) + " …")], box, sizes, metrics) > box.text_height
    ):
        words = words[: max(1, len(words) * 3 // 4)]
    shortened = " ".join(words) + " …"
    if _height([(level, shortened)], box, sizes, metrics) <= box.text_height:
        return shortened
    size = sizes.body if level == 0 else sizes.sub  # one word longer than the box: cut it
    lines = wrap(shortened, box.text_width(level), size, metrics)
    room = box.text_height - sizes.space_before
    kept = lines[: max(1, int(room // metrics.line_height(size)) - 1)]
    return shortened[: sum(map(len, kept)) + len(kept) - 1].rstrip() + " …"


def fit_bullets(
    bullets: list[tuple[int, str]], box: Box, sizes: Sizes, metrics: FontMetrics
) -> tuple[list[list[tuple[int, str]]], list[str]]:
    """Return the bullets split into slide-sized pages, and the texts that had to be cut.

    A bullet that does not fit an empty box alone is cut with an ellipsis; its whole text is
    returned so that it can go to the speaker notes.
    """
    pages: list[list[tuple[int, str]]] = [[]]
    cut: list[str] = []
    for level, text in bullets:
        if _height([(level, text)], box, sizes, metrics) > box.text_height:
            cut.append(text)
            text = _shorten(level, text, box, sizes, metrics)
        if (
            pages[-1]
            and _height([*pages[-1], (level, text)], box, sizes, metrics) > box.text_height
        ):
            pages.append([])
        pages[-1].append((level, text))
    return pages, cut
