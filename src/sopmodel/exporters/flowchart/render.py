"""Lay out a chart's pages with as few `dot` runs as can be, then write them in a format.

A procedure is first cut into pages by how many lines of text their steps draw; one `dot`
process lays out every page of that cut whole, in parts and joined to the next, and the
fewest pages readable (MIN_PRINTED_POINTS) on the sheet they are printed on are kept. The
pages are then drawn by one `dot` process each: several graphs in one run have the same
sizes every time, but their drawings not always the same bytes.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from sopmodel.exporters.base import Destination
from sopmodel.exporters.flowchart import FlowchartOptions
from sopmodel.exporters.flowchart.dot import (
    output_size,
    run_dot,
    run_dot_each,
    run_dot_many,
    svg_size,
)
from sopmodel.exporters.flowchart.paging import pack
from sopmodel.exporters.flowchart.plan_chart import plan_source
from sopmodel.exporters.flowchart.procedure_chart import (
    ProcedurePage,
    page_source,
    step_entries,
    step_weights,
)
from sopmodel.exporters.flowchart.step_box import StepEntry
from sopmodel.exporters.writing import document_properties, export_time
from sopmodel.i18n import Labels
from sopmodel.i18n import labels as labels_for
from sopmodel.model import Document, Plan, Procedure
from sopmodel.views import FlowGraph, flow_graph

__all__ = [
    "A4",
    "MAX_ASPECT",
    "MIN_PRINTED_POINTS",
    "Sheet",
    "chart_pages",
    "laid_out_pages",
    "printed_scale",
    "run_dot",
    "run_dot_many",
    "svg_size",
    "whole_chart",
    "write_chart",
]

A4 = (595.28, 841.89)
"""The A4 paper size in points, portrait: the page a chart must stay readable on."""
MIN_PRINTED_POINTS = 8.0
"""The smallest text size a printed page may have."""
MAX_ASPECT = 2.0
"""The longest side of a page is at most this many times its shortest side."""
TALL_GOAL, FLAT_GOAL = 1.75, 1 / 1.9
"""The drawing ratio (height / width) a too narrow or too flat page is stretched to: `dot`
stretches the drawing under the title, so a page ends about 0.1 to 0.2 taller than asked."""
LINE_SPACING = 1.25
"""The height of a line of text, in font sizes, as Graphviz draws it."""
TITLE_LINES = 10
"""The lines of text a page's title, legend and margins take, about."""
LEVELS = 4
"""The most parts a page of the first cut is measured cut into."""
RESHAPES = 3
"""How many times a page whose stretched shape missed is stretched again."""


def printed_scale(width: float, height: float) -> float:
    """Return how much a page is scaled to fit A4, in the better orientation."""
    short, long = A4
    return max(min(short / width, long / height), min(long / width, short / height))


@dataclass(frozen=True)
class Sheet:
    """Where a page is printed: A4 paper either way round (pages are kept within
    MAX_ASPECT), or a fixed area such as a Word page's text (pages keep their shape)."""

    area: tuple[float, float] | None = None

    def scale(self, width: float, height: float) -> float:
        """Return how much a page of this size is scaled to fit."""
        if self.area is None:
            return printed_scale(width, height)
        return min(self.area[0] / width, self.area[1] / height)

    def ratio(self, width: float, height: float) -> float | None:
        """Return the shape (height / width) to stretch a page to, or None to keep it."""
        aspect = height / width
        if self.area is not None or 1 / MAX_ASPECT <= aspect <= MAX_ASPECT:
            return None
        return TALL_GOAL if aspect > MAX_ASPECT else FLAT_GOAL

    def lines(self, font_size: float) -> float:
        """Return about how many lines of text a page may hold, one under the other."""
        tall = max(A4) if self.area is None else self.area[1]
        return tall * font_size / MIN_PRINTED_POINTS / (font_size * LINE_SPACING)

    def printed(self, width: float, height: float, font_size: float) -> float:
        """Return the size text of font_size prints at on a page, once it is stretched."""
        ratio = self.ratio(width, height)
        if ratio is not None:
            width, height = (
                (height / ratio, height) if height / width > ratio else (width, width * ratio)
            )
        return self.scale(width, height) * font_size


@dataclass(frozen=True)
class Page:
    """A page laid out: its DOT source, the shape it is stretched to, and its SVG drawing
    when the source was drawn as it is."""

    source: str
    ratio: float | None
    svg: bytes | None

    @property
    def shaped(self) -> str:
        """Return the source with its drawing ratio."""
        return _with(self.source, "ratio", f"{self.ratio:.4f}") if self.ratio else self.source


def _with(source: str, name: str, value: str) -> str:
    """Return the source with a graph attribute added."""
    return source.replace("{\n", f"{{\n\t{name}={value}\n", 1)


def _sheet(options: FlowchartOptions) -> Sheet:
    return Sheet(options.fit_within)


def _measured(sources: Sequence[str], options: FlowchartOptions) -> list[tuple[Page, float]]:
    """Return each source laid out by one `dot` run, with the size its text prints at."""
    sheet = _sheet(options)
    found = []
    for source, svg in zip(sources, run_dot_many(sources, "svg", options.timeout), strict=True):
        width, height = svg_size(svg)
        ratio = sheet.ratio(width, height)
        found.append((Page(source, ratio, svg), sheet.printed(width, height, options.font_size)))
    return found


PLACEHOLDER_PAGE = 88
"""The page number connectors name while pages are measured: as wide as most."""


@dataclass(frozen=True)
class _Cut:
    """What the pages of a procedure are made from, worked out once."""

    procedure: Procedure
    labels: Labels
    options: FlowchartOptions
    graph: FlowGraph
    entries: list[StepEntry]
    shapes: dict[range, float | None] = field(default_factory=dict)
    """The shape each page measured is to be drawn to (None: as it is)."""

    def sources(self, runs: Sequence[Sequence[int]], numbered: bool = True) -> list[str]:
        """Return the DOT source of each run of steps as a page; unless numbered, the pages
        name page PLACEHOLDER_PAGE of as many (a page is then the same wherever it falls)."""
        count = len(runs) if numbered else PLACEHOLDER_PAGE
        if numbered:
            page_of = {step: number for number, steps in enumerate(runs, 1) for step in steps}
        else:
            page_of = dict.fromkeys(range(len(self.graph.nodes)), PLACEHOLDER_PAGE)
        return [
            page_source(
                self.procedure,
                self.graph,
                ProcedurePage(
                    n if numbered else PLACEHOLDER_PAGE,
                    count,
                    steps,
                    page_of,
                    brief=self.options.brief,
                ),
                self.labels,
                self.options,
                self.entries,
            )
            for n, steps in enumerate(runs, 1)
        ]


def _parts(weights: Sequence[int], run: range, count: int) -> list[range]:
    """Return a run of steps cut in `count` consecutive runs of about equal weight."""
    total, load = sum(weights[i] for i in run), 0
    cuts: list[int] = []
    for index in run[:-1]:
        load += weights[index]
        if len(cuts) < count - 1 and load >= total * (len(cuts) + 1) / count:
            cuts.append(index + 1)
    bounds = [run.start, *cuts, run.stop]
    return [range(a, b) for a, b in itertools.pairwise(bounds) if b > a]


def _choices(weights: Sequence[int], region: range, most: int) -> list[list[range]]:
    """Return the ways to lay out a region of a first cut: whole, or in 2 to LEVELS parts."""
    found = []
    for count in range(1, min(LEVELS, len(region)) + 1):
        parts = _parts(weights, region, count)
        if all(len(part) <= most for part in parts) and parts not in found:
            found.append(parts)
    return found


def _cut(cut: _Cut, weights: Sequence[int], regions: list[range]) -> list[range]:
    """Return the pages for consecutive regions, the fewest found readable.

    One `dot` run lays out every way of drawing each region (whole, in two to LEVELS
    parts, or with the next region on the same page); the fewest readable pages win. A
    region not readable even in LEVELS parts has each of its parts cut again.
    """
    most = cut.options.steps_per_page
    choices = [_choices(weights, region, most) for region in regions]
    merged = [
        range(a.start, b.stop) if len(a) + len(b) <= most else None
        for a, b in itertools.pairwise(regions)
    ]
    # a region cut in parts may give its last part to the next region's page, so that a
    # short region does not end up alone on a page
    tails = [
        {
            len(way): joined
            for way in ways[1:]
            if len(joined := range(way[-1].start, after.stop)) <= most
        }
        for ways, after in zip(choices, regions[1:], strict=False)
    ]
    tried = list(
        dict.fromkeys(
            [p for ways in choices for way in ways for p in way]
            + [m for m in merged if m is not None]
            + [joined for found in tails for joined in found.values()]
        )
    )
    measured = _measured(cut.sources(tried, numbered=False), cut.options)
    readable = {
        run: page
        for run, (page, printed) in zip(tried, measured, strict=True)
        if printed >= MIN_PRINTED_POINTS or len(run) == 1
    }
    cut.shapes.update({run: page.ratio for run, page in readable.items()})
    best: list[list[range] | None] = [None] * (len(regions) + 2)
    best[len(regions)] = []
    for index in range(len(regions) - 1, -1, -1):
        options = [
            way + rest
            for way in choices[index]
            if all(part in readable for part in way) and (rest := best[index + 1]) is not None
        ]
        join = merged[index] if index < len(merged) else None
        if join is not None and join in readable and (after := best[index + 2]) is not None:
            options.append([join, *after])
        for way in choices[index][1:] if index < len(tails) else []:
            tail = tails[index].get(len(way))
            ready = tail in readable and all(part in readable for part in way[:-1])
            if tail is not None and ready and (after := best[index + 2]) is not None:
                options.append([*way[:-1], tail, *after])
        if not options:  # too small to read even in LEVELS parts: cut those parts again
            way = choices[index][-1]
            again = [part for part in way if part not in readable]
            redone = iter(_cut(cut, weights, again)) if again else iter(())
            fixed: dict[range, list[range]] = {part: [] for part in again}
            for page in redone:
                owner = next(part for part in again if page.start in part)
                fixed[owner].append(page)
            rest = best[index + 1] or []
            options.append([p for part in way for p in fixed.get(part, [part])] + rest)
        best[index] = min(options, key=len)
    return best[0] or []


def _procedure_pages(cut: _Cut) -> list[Page]:
    """Return the pages of a procedure's chart: as many steps on each as fit readable.

    A first cut gives each page about as many lines of text as the sheet holds; one `dot`
    run then measures each of its pages whole, in parts and joined to the next, and the
    fewest readable pages are kept. Pages are measured naming a placeholder page number,
    so that a page is the same whichever pages come before it.
    """
    options = cut.options
    weights, head = step_weights(cut.procedure, cut.graph, cut.labels, options)
    capacity = max(_sheet(options).lines(options.font_size) - TITLE_LINES, 1.0)
    first = pack(weights, capacity, options.steps_per_page, head)
    runs = _cut(cut, weights, [range(r.start, r.stop) for r in first])
    return [
        Page(source, cut.shapes[run], None)
        for run, source in zip(runs, cut.sources(runs), strict=True)
    ]


def laid_out_pages(document: Document, options: FlowchartOptions) -> list[Page]:
    """Return the pages of a document's chart, each laid out and readable on its sheet."""
    labels = labels_for(str(options.lang or document.language))
    if isinstance(document, Plan):
        language = str(options.lang or document.language)
        source = plan_source(document, labels, language, options.font, options.font_size)
        return [page for page, _printed in _measured([source], options)]
    graph = flow_graph(document)
    return _procedure_pages(_Cut(document, labels, options, graph, step_entries(document, labels)))


def _drawn(pages: list[Page], format: str, options: FlowchartOptions) -> list[bytes]:
    """Return every page drawn in the format, each by a `dot` run of its own (a run that
    draws several graphs may order the later ones' drawings differently from one time to
    the next), run side by side; a page stretched to a shape it missed is stretched again
    (a few times at most)."""
    dpi = f"{options.dpi}" if format == "png" and options.dpi != 96 else None
    todo = list(range(len(pages)))
    drawn: list[bytes] = [b""] * len(pages)
    for _round in range(RESHAPES + 1):
        ready = [n for n in todo if format == "svg" and pages[n].ratio is None and pages[n].svg]
        for n in ready:
            drawn[n] = pages[n].svg or b""
        rest = [n for n in todo if n not in ready]
        sources = [_with(pages[n].shaped, "dpi", dpi) if dpi else pages[n].shaped for n in rest]
        for n, data in zip(rest, run_dot_each(sources, format, options.timeout), strict=True):
            drawn[n] = data
        todo = []
        for n in rest:
            ratio = pages[n].ratio
            if ratio is None:
                continue
            width, height = output_size(drawn[n], format, options.dpi)
            if not 1 / MAX_ASPECT <= height / width <= MAX_ASPECT:
                aspect = height / width
                goal = TALL_GOAL if aspect > MAX_ASPECT else FLAT_GOAL
                pages[n] = Page(pages[n].source, ratio * goal / aspect, None)
                todo.append(n)
        if not todo:
            break
    return drawn


def chart_pages(document: Document, format: str, options: FlowchartOptions) -> list[bytes]:
    """Return every page of the document's chart drawn in a format (svg, png, pdf), page 1
    first: what the flowchart exporter writes, and what Word and other outputs embed."""
    return _drawn(laid_out_pages(document, options), format, options)


def whole_chart(document: Document, format: str, options: FlowchartOptions) -> bytes:
    """Return the document's whole chart as one picture, drawn by one `dot` run: for a
    screen, which scrolls and zooms, there is no sheet to cut it for nor to measure it on."""
    return run_dot(_dot_sources(document, options, whole=True)[0], format, options.timeout)


def write_chart(document: Document, destination: Destination, options: FlowchartOptions) -> None:
    """Write every page of the document's chart in the destination's format."""
    format = destination.format
    if format == "dot":
        for number, source in enumerate(_dot_sources(document, options), 1):
            destination.page(number).write_text(source, encoding="utf-8")
        return
    rendered = chart_pages(document, format, options)
    if format == "pdf":
        destination.path.write_bytes(_merge_pdf(rendered, document))
        return
    for number, data in enumerate(rendered, 1):
        destination.page(number).write_bytes(data)


def _dot_sources(document: Document, options: FlowchartOptions, whole: bool = False) -> list[str]:
    """Return the DOT source of every page, steps_per_page steps a page (not laid out), or
    of one page of every step when whole."""
    language = str(options.lang or document.language)
    labels = labels_for(language)
    if isinstance(document, Plan):
        return [plan_source(document, labels, language, options.font, options.font_size)]
    graph = flow_graph(document)
    count = len(graph.nodes)
    most = max(count, 1) if whole else options.steps_per_page
    runs = [range(i, min(i + most, count)) for i in range(0, count, most)]
    return _Cut(document, labels, options, graph, step_entries(document, labels)).sources(runs)


def _merge_pdf(pages: Sequence[bytes], document: Document) -> bytes:
    """Return one PDF with every page, dated reproducibly (cairo stamps the current time)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for data in pages:
        for page in PdfReader(io.BytesIO(data)).pages:
            writer.add_page(page)
    when = export_time(document).strftime("D:%Y%m%d%H%M%SZ")
    title, subject, author = document_properties(document)
    info = {"/Title": title, "/Subject": subject, "/Author": author, "/Producer": ""}
    writer.add_metadata({**info, "/CreationDate": when, "/ModDate": when})  # no tool credit
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
