"""The deck as plain data: slides with titles, formatted paragraphs and notes, split to fit.

Built before any PowerPoint object exists, so tests can read exactly what each slide
should show; render.py then only lays it out. Nothing is ever cut: a title too long for
its box continues in the body, and a body too long continues on the next slides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from sopmodel.exporters.slides.fit import FontMetrics, count_lines, wrap

__all__ = [
    "Box",
    "ChartPicture",
    "Fonts",
    "Geometry",
    "Para",
    "Run",
    "Sizes",
    "Slide",
    "fit_paras",
    "para",
    "split_title",
]

_BREAKS = re.compile(r"[\t\n\r\v\f\x85\u2028\u2029]+")
INSETS = (7.2, 3.6)
"""Text frame insets, left/right and top/bottom, in points (PowerPoint's defaults)."""
SAFETY = 0.94
"""The share of a box's width that text may fill: room for rounding between renderers."""
SAFETY_HEIGHT = 0.97
"""The share of a box's height that text may fill (lines are measured a little taller than
PowerPoint draws them, and within 1 % of LibreOffice)."""


@dataclass(frozen=True)
class Sizes:
    """Font sizes and paragraph spacing of the deck, in points: nothing on a content slide
    is under 18 pt (body 22, first sub-level 20, deeper levels and cards 18)."""

    title: float = 32.0
    subtitle: float = 20.0
    body: float = 22.0
    sub: float = 20.0
    deep: float = 18.0
    box: float = 18.0
    space_before: float = 6.0
    space_apart: float = 12.0
    """Before a paragraph set apart: a callout, a condition, a check, a branch, a heading."""

    def of(self, level: int) -> float:
        """Return the size of a body paragraph at a level."""
        return self.body if level == 0 else self.sub if level == 1 else self.deep

    def before(self, item: Para) -> float:
        """Return the space before a paragraph (none before the first of a frame)."""
        apart = item.keep or item.callout is not None or item.style not in (None, "facts")
        return self.space_apart if apart else self.space_before


@dataclass(frozen=True)
class Fonts:
    """The metrics of the faces a deck uses: regular, bold and fixed-width (code)."""

    regular: FontMetrics
    bold: FontMetrics
    mono: FontMetrics


@dataclass(frozen=True)
class Box:
    """A text box: its size in points and the left margin of each bullet level."""

    width: float
    height: float
    margins: tuple[float, ...] = (0.0, 0.0)

    def margin(self, level: int) -> float:
        """Return the left margin of a paragraph level, in points."""
        return self.margins[min(level, len(self.margins) - 1)]

    def text_width(self, level: int = 0) -> float:
        return (self.width - 2 * INSETS[0] - self.margin(level)) * SAFETY

    @property
    def text_height(self) -> float:
        return (self.height - 2 * INSETS[1]) * SAFETY_HEIGHT


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
    body_beside: Box | None = None
    """The body of a content slide that shows a picture beside it (`Slide.aside`); None
    means the same as `body`."""

    @property
    def beside(self) -> Box:
        """Return the body box of a slide with a picture beside its text."""
        return self.body_beside or self.body


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    """Shown in a fixed-width font."""
    url: str | None = None
    """A clickable address."""
    band: str | None = None
    """A note level (danger ... info): the run is a signal word on that level's colour."""
    mark: str | None = None
    """What a change did to the words (a refresher): "added" (on a green tint) or
    "removed" (struck through, on a red tint)."""

    def __post_init__(self) -> None:
        if _BREAKS.search(self.text):  # a paragraph is one flow of text: tabs, breaks as spaces
            object.__setattr__(self, "text", _BREAKS.sub(" ", self.text))


@dataclass(frozen=True)
class Para:
    """A paragraph of the body: its indent level, its runs, and whether it has a bullet."""

    level: int
    runs: tuple[Run, ...]
    bullet: bool = True
    """False for plain text, numbered items, callouts and table rows (no bullet mark)."""
    keep: bool = False
    """A heading kept on the same slide as the paragraph after it."""
    style: str | None = None
    """How the paragraph is set apart: "facts" (who, duration, time limit, repeat), "check",
    "condition", "branch"; None for ordinary text. Callouts carry a `band` run instead."""

    @property
    def text(self) -> str:
        """Return the text a person reads."""
        return "".join(run.text for run in self.runs)

    @property
    def bold(self) -> bool:
        """Return whether the paragraph is measured as bold: a condition, or a bold run."""
        return self.style == "condition" or any(run.bold for run in self.runs)

    @property
    def callout(self) -> str | None:
        """Return the note level of a callout's first paragraph (its signal word's band)."""
        return next((run.band for run in self.runs if run.band), None)

    def split(self, index: int) -> tuple[Para, Para]:
        """Return the paragraph cut at a character index, the second part without bullet."""
        head: list[Run] = []
        tail: list[Run] = []
        seen = 0
        for run in self.runs:
            if seen + len(run.text) <= index:
                head.append(run)
            elif seen >= index:
                tail.append(run)
            else:
                cut = index - seen
                head.append(replace(run, text=run.text[:cut]))
                tail.append(replace(run, text=run.text[cut:]))
            seen += len(run.text)
        tail = [replace(tail[0], text=tail[0].text.lstrip()), *tail[1:]] if tail else tail
        return replace(self, runs=tuple(head)), Para(self.level, tuple(tail), bullet=False)


def para(
    level: int, text: str, bullet: bool = True, bold: bool = False, keep: bool = False
) -> Para:
    """Return a paragraph of one run."""
    return Para(level, (Run(text, bold=bold),), bullet, keep)


@dataclass(frozen=True)
class ChartPicture:
    """A flowchart picture for a slide: the whole chart, or a section of it at one scale."""

    path: Path
    title: str
    """The slide title: "Flowchart", "Flowchart: steps 1 to 4"."""
    size: tuple[float, float] | None = None
    """Width and height on the slide, in points (every section at the same scale); None: as
    large as fits."""
    text_size: float | None = None
    """The size the chart's text is seen at on the slide, in points, when known."""


@dataclass
class Slide:
    """One slide as the builder means it."""

    layout: str
    """cover, section, content, picture or cards."""
    title: str
    subtitle: str = ""
    paras: list[Para] = field(default_factory=list)
    """The body paragraphs of a content slide."""
    notes: str = ""
    picture: Path | None = None
    picture_size: tuple[float, float] | None = None
    """Width and height of the picture on the slide, in points (None: as large as fits)."""
    aside: Path | None = None
    """A picture beside the body of a content slide (a step's image)."""
    cards: list[tuple[str, str]] = field(default_factory=list)
    """(heading, text) boxes of a cards slide (roles as a visual)."""
    minutes: float = 1.0
    """How long a trainer spends on the slide."""
    title_size: float = 32.0
    """The title's font size: long titles get a smaller size before they continue below."""
    subtitle_size: float = 20.0

    @property
    def bullets(self) -> list[tuple[int, str]]:
        """Return (level, text) of each body paragraph."""
        return [(p.level, p.text) for p in self.paras]


def _fits(text: str, box: Box, size: float, metrics: FontMetrics) -> bool:
    most = max(1, int(box.text_height // metrics.line_height(size)))
    return len(wrap(text, box.text_width(), size, metrics)) <= most


def split_title(
    text: str, box: Box, sizes: tuple[float, ...], metrics: FontMetrics
) -> tuple[str, float, str]:
    """Return (what the box shows, its size, the rest): the largest size at which the whole
    text fits, else the words that fit at the smallest size and the words left over."""
    for size in sizes:
        if _fits(text, box, size, metrics):
            return text, size, ""
    size = sizes[-1]
    words = text.split()
    low, high = 0, len(words)  # the most words that fit: at least one is kept
    while low < high:
        middle = (low + high + 1) // 2
        if _fits(" ".join(words[:middle]), box, size, metrics):
            low = middle
        else:
            high = middle - 1
    if low == 0:  # one word wider than the box: it is shown whole, on several lines
        return words[0], size, " ".join(words[1:])
    return " ".join(words[:low]), size, " ".join(words[low:])


def _segments(item: Para, fonts: Fonts) -> list[tuple[str, FontMetrics]]:
    face = fonts.bold if item.bold else fonts.regular
    return [(run.text, fonts.mono if run.code else face) for run in item.runs]


def height(paras: list[Para], box: Box, sizes: Sizes, fonts: Fonts) -> float:
    """Return the height paragraphs take in a box, in points (no space above the first)."""
    total = 0.0
    for index, item in enumerate(paras):
        size = sizes.of(item.level)
        face = fonts.bold if item.bold else fonts.regular
        lines = count_lines(_segments(item, fonts), box.text_width(item.level), size)
        total += lines * face.line_height(size) + (sizes.before(item) if index else 0.0)
    return total


def _pieces(item: Para, box: Box, sizes: Sizes, fonts: Fonts) -> list[Para]:
    """Return a paragraph taller than an empty box cut at word boundaries into parts that fit."""
    pieces = []
    while height([item], box, sizes, fonts) > box.text_height:
        text = item.text
        spaces = [i for i, ch in enumerate(text) if ch == " " and i > 0]
        low, high = 0, len(spaces)
        while low < high:
            middle = (low + high + 1) // 2
            head, _ = item.split(spaces[middle - 1])
            if height([head], box, sizes, fonts) <= box.text_height:
                low = middle
            else:
                high = middle - 1
        if low == 0:  # no space to cut at: cut between characters
            count = len(text)
            while count > 1 and height([item.split(count)[0]], box, sizes, fonts) > box.text_height:
                count = count * 3 // 4
            head, item = item.split(max(1, count))
        else:
            head, item = item.split(spaces[low - 1])
        pieces.append(head)
    return [*pieces, item]


def fit_paras(paras: list[Para], box: Box, sizes: Sizes, fonts: Fonts) -> list[list[Para]]:
    """Return the paragraphs split into slide-sized pages; nothing is cut.

    A paragraph taller than an empty box goes on at the top of the next page; a heading
    (`keep`) at the bottom of a page moves to the next one with the paragraph it introduces.
    """
    pages: list[list[Para]] = [[]]
    for whole in paras:
        for item in _pieces(whole, box, sizes, fonts):
            if pages[-1] and height([*pages[-1], item], box, sizes, fonts) > box.text_height:
                moved: list[Para] = []
                while len(pages[-1]) > 1 and pages[-1][-1].keep:
                    moved.insert(0, pages[-1].pop())
                pages.append(moved)
                if moved and height([*moved, item], box, sizes, fonts) > box.text_height:
                    pages[-2] += moved  # heading and paragraph cannot share a page anyway
                    pages[-1] = []
            pages[-1].append(item)
    return pages
