"""The deck's flowchart: the whole chart on one slide, then sections readable when projected.

A projected chart is only useful if its text can be read from the back of the room: every
section holds as many consecutive steps as fit the picture area with the chart's smallest
text at 14 pt on the slide, and all are drawn at one scale, the largest each fits at. An arrow
leaving a section ends on a marker naming the step it goes to. The boxes say a step's
number, title, condition and hazards; its own slide says the rest.
"""

from __future__ import annotations

import math
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeGuard

from sopmodel.exporters.base import LOG
from sopmodel.exporters.flowchart import FlowchartOptions
from sopmodel.exporters.flowchart.procedure_chart import ProcedurePage, page_source
from sopmodel.exporters.flowchart.render import run_dot, run_dot_many, svg_size
from sopmodel.exporters.slides import SlidesOptions
from sopmodel.exporters.slides.deck import Box, ChartPicture
from sopmodel.i18n import Labels
from sopmodel.i18n import labels as labels_for
from sopmodel.i18n.typography import typeset
from sopmodel.model import Document, Layout, Procedure
from sopmodel.views import FlowGraph, flow_graph

__all__ = ["ChartLayout", "Section", "chart_layout", "chart_pictures", "wants_chart"]

LEAST_TEXT = 14.0
"""The smallest size, in points, the chart's text may be seen at on a section's slide."""
MOST_TEXT = 24.0
"""The largest size the chart's text is shown at: a small chart is not blown up."""
CHART_FONT_SIZE = 14.0
"""The font size of the chart's source: sections are then drawn at their own size."""
DIRECTION = "TB"
"""Steps flow down with a column per role: more steps a section than rows across a 16:9
slide (measured on the examples: 13 sections instead of 21)."""
BOX_WRAPS = (28, 40)
"""Characters on a line of a box: narrow boxes put more lanes side by side, wide ones more
steps one under the other; each chart takes the width that needs the fewest slides."""
PIXELS_PER_INCH = 160
"""The resolution of a picture, per inch of the slide it is shown on."""
_FONT_SIZE = re.compile(r'(?:fontsize|POINT-SIZE)="?([\d.]+)')


@dataclass(frozen=True)
class Section:
    """Consecutive steps of the chart drawn as one picture."""

    steps: Sequence[int]
    source: str
    """Its DOT source."""
    size: tuple[float, float]
    """Its width and height as `dot` draws it, in points."""

    @property
    def smallest_font(self) -> float:
        """Return the smallest font size of its source, in points."""
        return min(float(size) for size in _FONT_SIZE.findall(self.source))


@dataclass(frozen=True)
class ChartLayout:
    """The whole chart, and the sections it is split into (none when it reads on one slide)."""

    overview: Section
    overview_scale: float
    sections: list[Section]
    scale: float
    """The scale of every section on its slide: the largest at which each fits the room."""

    @property
    def text_size(self) -> float:
        """Return the size the smallest text is seen at: on the sections, else the overview."""
        if self.sections:
            return self.scale * min(section.smallest_font for section in self.sections)
        return self.overview_scale * self.overview.smallest_font


def wants_chart(document: Document, options: SlidesOptions) -> TypeGuard[Procedure]:
    """Return whether the deck shows a flowchart: a procedure with decisions or laid out as
    a flowchart, with `dot` installed (else a warning says what to install)."""
    if not options.flowchart or not isinstance(document, Procedure):
        return False
    if document.layout is not Layout.flowchart and not any(s.decision for s in document.steps):
        return False
    if shutil.which("dot") is None:
        LOG.warning(
            "%s: the flowchart slide is left out: install Graphviz (apt-get install graphviz)"
            " to include it",
            document.id,
        )
        return False
    return True


class _Drawer:
    """Draws runs of consecutive steps as brief chart sections with `dot`."""

    def __init__(self, procedure: Procedure, labels: Labels, wrap: int) -> None:
        self.procedure = procedure
        self.labels = labels
        self.wrap = wrap
        self.graph: FlowGraph = flow_graph(procedure)
        self.options = FlowchartOptions(font_size=CHART_FONT_SIZE, direction=DIRECTION)
        self.drawn: dict[tuple[int, int], Section] = {}

    def section(self, first: int, count: int) -> Section:
        """Return the section of `count` steps from step index `first`, laid out by `dot`.

        The sections a step or two longer and shorter are laid out by the same `dot` run:
        the search for the longest that fits asks for them next.
        """
        key = (first, count)
        if key not in self.drawn:
            total = len(self.graph.nodes)
            around = (
                range(count - 2, count + 3) if first or count < total else range(count, count + 1)
            )
            counts = [
                c for c in around if c >= 1 and first + c <= total and (first, c) not in self.drawn
            ]
            sources = []
            for each in counts:
                steps = range(first, first + each)
                page = ProcedurePage(1, 1, steps, {}, brief=True, wrap=self.wrap)
                sources.append(
                    page_source(self.procedure, self.graph, page, self.labels, self.options)
                )
            drawn = run_dot_many(sources, "svg", self.options.timeout)
            for each, source, svg in zip(counts, sources, drawn, strict=True):
                self.drawn[(first, each)] = Section(
                    range(first, first + each), source, svg_size(svg)
                )
        return self.drawn[key]


def _fits(section: Section, room: Box, scale: float) -> bool:
    width, height = section.size
    return width * scale <= room.width and height * scale <= room.height


def _split(drawer: _Drawer, room: Box, scale: float) -> list[Section]:
    """Return the steps in consecutive sections, each as long as fits the room at the scale.

    Each section starts from the length of the one before, and grows or shrinks a step at
    a time; a single step too large for the room is a section of its own.
    """
    total = len(drawer.graph.nodes)
    sections: list[Section] = []
    first, guess = 0, 4
    while first < total:
        count = min(guess, total - first)
        if _fits(drawer.section(first, count), room, scale):
            while first + count < total and _fits(drawer.section(first, count + 1), room, scale):
                count += 1
        else:
            while count > 1 and not _fits(drawer.section(first, count), room, scale):
                count -= 1
        sections.append(drawer.section(first, count))
        first += count
        guess = count
    return sections


def _laid_out(procedure: Procedure, labels: Labels, room: Box, wrap: int) -> ChartLayout:
    """Return the chart with boxes of a given width: the overview alone when it is readable,
    else the sections at the largest scale at which each fits and the text is readable."""
    drawer = _Drawer(procedure, labels, wrap)
    whole = drawer.section(0, len(drawer.graph.nodes))
    width, height = whole.size
    readable = LEAST_TEXT / whole.smallest_font
    fitted = min(room.width / width, room.height / height, MOST_TEXT / whole.smallest_font)
    if fitted >= readable:
        return ChartLayout(whole, fitted, [], fitted)
    sections = _split(drawer, room, readable)
    largest = min(min(room.width / s.size[0], room.height / s.size[1]) for s in sections)
    return ChartLayout(whole, fitted, sections, min(largest, MOST_TEXT / whole.smallest_font))


def chart_layout(document: Procedure, options: SlidesOptions, room: Box) -> ChartLayout:
    """Return the overview of a procedure's chart and, unless it reads at LEAST_TEXT on one
    slide, its sections at one scale at which they do: with the box width (BOX_WRAPS) that
    keeps the text readable, then needs the fewest slides, then gives the largest text."""
    labels = labels_for(str(options.lang or document.language))
    layouts: list[ChartLayout] = []
    for wrap in BOX_WRAPS:
        layouts.append(_laid_out(document, labels, room, wrap))
        if not layouts[-1].sections:
            break
    best = min(
        layouts,
        key=lambda layout: (layout.text_size < LEAST_TEXT, len(layout.sections), -layout.text_size),
    )
    if best.sections and best.text_size < LEAST_TEXT:
        LOG.warning(
            "%s: a step's box is too large for a slide at %g pt: the chart's sections show"
            " %.1f pt text",
            document.id,
            LEAST_TEXT,
            best.text_size,
        )
    return best


def _pictures(
    sections: list[tuple[Section, float, Path, str]], timeout: float
) -> list[ChartPicture]:
    """Write sections (each with its scale, path and title) as PNGs sharp at their size on
    the slide, each drawn by a `dot` run of its own; return them as ChartPictures."""
    pictures = []
    for section, scale, path, title in sections:
        dpi = max(1, math.ceil(PIXELS_PER_INCH * scale))
        source = section.source.replace("{\n", f"{{\n\tdpi={dpi}\n", 1)
        path.write_bytes(run_dot(source, "png", timeout))
        width, height = section.size
        size = (math.ceil(width * scale * 100) / 100, math.ceil(height * scale * 100) / 100)
        pictures.append(ChartPicture(path, title, size, section.smallest_font * scale))
    return pictures


def chart_pictures(
    document: Procedure, options: SlidesOptions, folder: Path, room: Box
) -> list[ChartPicture]:
    """Write the chart's pictures into folder: the overview first, then every section."""
    language = str(options.lang or document.language)
    labels = labels_for(language)
    layout = chart_layout(document, options, room)
    timeout = FlowchartOptions().timeout
    if not layout.sections:
        title = typeset(labels["flowchart"], language)
        whole = (layout.overview, layout.overview_scale, folder / "flowchart.png", title)
        return _pictures([whole], timeout)
    overview = typeset(labels["chart_overview"], language)
    drawn = [(layout.overview, layout.overview_scale, folder / "flowchart-0.png", overview)]
    numbers = [node.number for node in flow_graph(document).nodes]
    for index, section in enumerate(layout.sections, 1):
        first, last = numbers[section.steps[0]], numbers[section.steps[-1]]
        if len(section.steps) == 1:
            title = labels.format("chart_step", step=first)
        else:
            key = "chart_two_steps" if len(section.steps) == 2 else "chart_steps"
            title = labels.format(key, first=first, last=last)
        path = folder / f"flowchart-{index}.png"
        drawn.append((section, layout.scale, path, typeset(title, language)))
    return _pictures(drawn, timeout)
