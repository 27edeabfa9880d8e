"""Lay out a chart's pages with as few `dot` runs as can be, then write them in a format.

A procedure is cut into pages balanced by how tall their steps draw; every page of a cut
is laid out by one `dot` process, and the cut is made finer until each page is readable
(MIN_PRINTED_POINTS) on the sheet it is printed on. The pages are then drawn by one more
`dot` process (none for SVG, when the layouts measured are the pages).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from sopmodel.exporters.base import Destination
from sopmodel.exporters.flowchart import FlowchartOptions
from sopmodel.exporters.flowchart.dot import output_size, run_dot, run_dot_many, svg_size
from sopmodel.exporters.flowchart.paging import pack
from sopmodel.exporters.flowchart.plan_chart import plan_source
from sopmodel.exporters.flowchart.procedure_chart import ProcedurePage, page_source, step_weights
from sopmodel.exporters.writing import export_time
from sopmodel.i18n import Labels
from sopmodel.i18n import labels as labels_for
from sopmodel.model import Document, Plan, Procedure
from sopmodel.views import flow_graph

__all__ = [
    "A4",
    "MAX_ASPECT",
    "MIN_PRINTED_POINTS",
    "Sheet",
    "laid_out_pages",
    "printed_scale",
    "run_dot",
    "run_dot_many",
    "svg_size",
    "write_chart",
]

A4 = (595.28, 841.89)
"""The A4 paper size in points, portrait: the page a chart must stay readable on."""
MIN_PRINTED_POINTS = 8.0
"""The smallest text size a printed page may have."""
MAX_ASPECT = 2.0
"""The longest side of a page is at most this many times its shortest side."""
ASPECT_GOAL = MAX_ASPECT * 0.98
"""The shape a too narrow or too flat page is stretched to, a little within MAX_ASPECT."""
LINE_SPACING = 1.25
"""The height of a line of text, in font sizes, as Graphviz draws it."""
TITLE_LINES = 10
"""The lines of text a page's title, legend and margins take, about."""
SAFETY = 0.97
"""How much less than the measured sizes suggest a page is given to hold."""
GROWTH = 1.2
"""How much more a readable first cut's pages must be able to hold for fuller ones to be tried."""
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
        return ASPECT_GOAL if aspect > MAX_ASPECT else 1 / ASPECT_GOAL

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


def _procedure_sources(
    procedure: Procedure, labels: Labels, options: FlowchartOptions, runs: Sequence[Sequence[int]]
) -> list[str]:
    graph = flow_graph(procedure)
    page_of = {step: number for number, steps in enumerate(runs, 1) for step in steps}
    return [
        page_source(
            procedure,
            graph,
            ProcedurePage(n, len(runs), steps, page_of, brief=options.brief),
            labels,
            options,
        )
        for n, steps in enumerate(runs, 1)
    ]


def _held(
    weights: Sequence[int], head: int, run: Sequence[int], first: bool, printed: float
) -> float:
    """Return how many lines of steps a page of these steps would hold at the least size,
    from the size its text prints at: a page's height grows with its lines, title included."""
    lines = TITLE_LINES + sum(weights[i] for i in run) + (head if first else 0)
    return lines * printed / MIN_PRINTED_POINTS - TITLE_LINES


def _procedure_pages(procedure: Procedure, labels: Labels, options: FlowchartOptions) -> list[Page]:
    """Return the pages of a procedure's chart: as many steps on each as fit readable.

    A page holds steps up to a number of lines of text (a capacity); every page of a cut is
    laid out by one `dot` run, and the text sizes measured say how much less a page may
    hold for the next cut, until every page is readable (or holds a single step). When the
    first cut is readable with room to spare, one cut with fuller pages is tried.
    """
    graph = flow_graph(procedure)
    weights, head = step_weights(procedure, graph, labels, options)
    capacity = max(_sheet(options).lines(options.font_size) - TITLE_LINES, 1.0)
    readable: list[Page] | None = None
    while True:
        runs = pack(weights, capacity, options.steps_per_page, head)
        measured = _measured(_procedure_sources(procedure, labels, options, runs), options)
        held = [
            _held(weights, head, run, n == 0, printed)
            for n, (run, (_page, printed)) in enumerate(zip(runs, measured, strict=True))
        ]
        pages = [page for page, _printed in measured]
        if all(printed >= MIN_PRINTED_POINTS for _page, printed in measured):
            if readable is not None and len(pages) >= len(readable):
                return readable
            fuller = min(held[:-1], default=0.0) * SAFETY
            if readable is not None or fuller < capacity * GROWTH:
                return pages
            readable, capacity = pages, fuller
            continue
        if readable is not None:
            return readable
        if all(len(run) == 1 for run in runs):
            return pages
        failed = [
            lines
            for lines, (_page, p) in zip(held, measured, strict=True)
            if p < MIN_PRINTED_POINTS
        ]
        capacity = min(min(failed) * SAFETY, capacity - 1)


def laid_out_pages(document: Document, options: FlowchartOptions) -> list[Page]:
    """Return the pages of a document's chart, each laid out and readable on its sheet."""
    labels = labels_for(str(options.lang or document.language))
    if isinstance(document, Plan):
        language = str(options.lang or document.language)
        source = plan_source(document, labels, language, options.font, options.font_size)
        return [page for page, _printed in _measured([source], options)]
    return _procedure_pages(document, labels, options)


def _drawn(pages: list[Page], format: str, options: FlowchartOptions) -> list[bytes]:
    """Return every page drawn in the format by one `dot` run; a page stretched to a shape
    it missed is stretched again (a few times at most)."""
    dpi = f"{options.dpi}" if format == "png" and options.dpi != 96 else None
    todo = list(range(len(pages)))
    drawn: list[bytes] = [b""] * len(pages)
    for _round in range(RESHAPES + 1):
        ready = [n for n in todo if format == "svg" and pages[n].ratio is None and pages[n].svg]
        for n in ready:
            drawn[n] = pages[n].svg or b""
        rest = [n for n in todo if n not in ready]
        sources = [_with(pages[n].shaped, "dpi", dpi) if dpi else pages[n].shaped for n in rest]
        for n, data in zip(rest, run_dot_many(sources, format, options.timeout), strict=True):
            drawn[n] = data
        todo = []
        for n in rest:
            ratio = pages[n].ratio
            if ratio is None:
                continue
            width, height = output_size(drawn[n], format, options.dpi)
            if not 1 / MAX_ASPECT <= height / width <= MAX_ASPECT:
                aspect = height / width
                goal = ASPECT_GOAL if aspect > MAX_ASPECT else 1 / ASPECT_GOAL
                pages[n] = Page(pages[n].source, ratio * goal / aspect, None)
                todo.append(n)
        if not todo:
            break
    return drawn


def write_chart(document: Document, destination: Destination, options: FlowchartOptions) -> None:
    """Write every page of the document's chart in the destination's format."""
    format = destination.format
    if format == "dot":
        for number, source in enumerate(_dot_sources(document, options), 1):
            destination.page(number).write_text(source, encoding="utf-8")
        return
    rendered = _drawn(laid_out_pages(document, options), format, options)
    if format == "pdf":
        destination.path.write_bytes(_merge_pdf(rendered, document))
        return
    for number, data in enumerate(rendered, 1):
        destination.page(number).write_bytes(data)


def _dot_sources(document: Document, options: FlowchartOptions) -> list[str]:
    """Return the DOT source of every page, steps_per_page steps a page (not laid out)."""
    language = str(options.lang or document.language)
    labels = labels_for(language)
    if isinstance(document, Plan):
        return [plan_source(document, labels, language, options.font, options.font_size)]
    count = len(flow_graph(document).nodes)
    runs = [
        range(i, min(i + options.steps_per_page, count))
        for i in range(0, count, options.steps_per_page)
    ]
    return _procedure_sources(document, labels, options, runs)


def _merge_pdf(pages: Sequence[bytes], document: Document) -> bytes:
    """Return one PDF with every page, dated reproducibly (cairo stamps the current time)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for data in pages:
        for page in PdfReader(io.BytesIO(data)).pages:
            writer.add_page(page)
    when = export_time(document).strftime("D:%Y%m%d%H%M%SZ")
    title = f"{document.id} {document.title}"
    writer.add_metadata(
        {"/Title": title, "/Producer": "sopmodel", "/CreationDate": when, "/ModDate": when}
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
