"""Run `dot`: lay out pages, split them until each is readable on A4, write the formats."""

from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Sequence

from sopmodel.exporters.base import Destination, ExportError, MissingDependency
from sopmodel.exporters.flowchart import INSTALL_DOT, FlowchartOptions
from sopmodel.exporters.flowchart.plan_chart import plan_source
from sopmodel.exporters.flowchart.procedure_chart import ProcedurePage, page_source
from sopmodel.exporters.writing import export_time
from sopmodel.i18n import labels as labels_for
from sopmodel.model import Document, Plan, Procedure
from sopmodel.views import FlowGraph, flow_graph

__all__ = ["A4", "MAX_ASPECT", "MIN_PRINTED_POINTS", "printed_scale", "write_chart"]

A4 = (595.28, 841.89)
"""The A4 paper size in points, portrait: the page a chart must stay readable on."""
MIN_PRINTED_POINTS = 8.0
"""The smallest text size a printed page may have."""
MAX_ASPECT = 2.0
"""The longest side of a page is at most this many times its shortest side."""
FEW_STEPS = 6
"""A page of this many steps or fewer that does not fit loses one step at a time."""
_SIZE = re.compile(rb'<svg width="([\d.]+)pt" height="([\d.]+)pt"')


def run_dot(source: str, format: str, timeout: float) -> bytes:
    """Return the output of `dot -T<format>` on DOT source, or raise a one-line ExportError."""
    try:
        done = subprocess.run(
            ["dot", f"-T{format}"],
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError:
        raise MissingDependency(
            f"the {format} export needs the `dot` program: {INSTALL_DOT}"
        ) from None
    except subprocess.TimeoutExpired:
        raise ExportError(f"`dot` took more than {timeout:g} s: raise the timeout option") from None
    if done.returncode != 0:
        problem = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ExportError(f"`dot` failed: {problem[-1] if problem else done.returncode}")
    return done.stdout


def svg_size(svg: bytes) -> tuple[float, float]:
    """Return the (width, height) in points of an SVG written by `dot`."""
    match = _SIZE.search(svg[:2000])
    if not match:
        raise ExportError("`dot` wrote an SVG without a size")
    return float(match.group(1)), float(match.group(2))


def printed_scale(width: float, height: float) -> float:
    """Return how much a page is scaled to fit A4, in the better orientation."""
    short, long = A4
    return max(min(short / width, long / height), min(long / width, short / height))


def _with_ratio(source: str, ratio: float) -> str:
    """Return the source with a drawing ratio (height / width) that `dot` stretches to."""
    return source.replace("{\n", f"{{\n\tratio={ratio:.4f}\n", 1)


def _laid_out(source: str, options: FlowchartOptions) -> tuple[str, bytes, float]:
    """Return (source, svg, printed text size) after stretching a too narrow or flat page.

    `dot` stretches the space between nodes, not the nodes, so the ratio is tightened
    until the page's shape is within bounds (a few rounds at most). The printed text size
    is 0 when the shape could not be brought within bounds.
    """
    shaped = source
    svg = run_dot(source, "svg", options.timeout)
    width, height = svg_size(svg)
    ratio = height / width
    for _round in range(4):
        aspect = height / width
        if 1 / MAX_ASPECT <= aspect <= MAX_ASPECT:
            return shaped, svg, printed_scale(width, height) * options.font_size
        goal = MAX_ASPECT * 0.98 if aspect > MAX_ASPECT else 1 / (MAX_ASPECT * 0.98)
        ratio *= goal / aspect
        shaped = _with_ratio(source, ratio)
        svg = run_dot(shaped, "svg", options.timeout)
        width, height = svg_size(svg)
    return shaped, svg, 0.0


def _chunks(count: int, size: int) -> list[Sequence[int]]:
    """Return the steps 0..count-1 in consecutive runs of at most size."""
    return [range(i, min(i + size, count)) for i in range(0, count, size)]


def _paginate(
    procedure: Procedure, graph: FlowGraph, options: FlowchartOptions, language: str
) -> list[Sequence[int]]:
    """Return the steps of each page: as many as fit A4 at 8 pt, steps_per_page at most.

    Each page is laid out by `dot` and measured; a page that prints too small is retried
    with fewer steps, in proportion to how much too small it was (one fewer at a time once
    it holds only a few).
    """
    labels = labels_for(language)
    count = len(graph.nodes)
    page_of = {i: 88 for i in range(count)}  # wide enough to stand for any page number
    pages: list[Sequence[int]] = []
    first = 0
    while first < count:
        size = min(options.steps_per_page, count - first)
        while size > 1:
            probe = ProcedurePage(88, 88, range(first, first + size), page_of)
            source = page_source(procedure, graph, probe, labels, options)
            printed = _laid_out(source, options)[2]
            if printed >= MIN_PRINTED_POINTS:
                break
            shrink = printed / MIN_PRINTED_POINTS if printed else 0.5
            fewer = int(size * shrink) if size > FEW_STEPS else size - 1
            size = max(1, min(size - 1, fewer))
        pages.append(range(first, first + size))
        first += size
    return pages


def _sources(document: Document, options: FlowchartOptions, format: str) -> list[str]:
    """Return the DOT source of every page."""
    language = str(options.lang or document.language)
    labels = labels_for(language)
    if isinstance(document, Plan):
        return [plan_source(document, labels, language, options.font, options.font_size)]
    graph = flow_graph(document)
    if format == "dot":
        chunks = _chunks(len(graph.nodes), options.steps_per_page)
    else:
        chunks = _paginate(document, graph, options, language)
    page_of = {step: number for number, steps in enumerate(chunks, 1) for step in steps}
    return [
        page_source(
            document,
            graph,
            ProcedurePage(n, len(chunks), steps, page_of),
            labels,
            options,
        )
        for n, steps in enumerate(chunks, 1)
    ]


def write_chart(document: Document, destination: Destination, options: FlowchartOptions) -> None:
    """Write every page of the document's chart in the destination's format."""
    format = destination.format
    sources = _sources(document, options, format)
    if format == "dot":
        for number, source in enumerate(sources, 1):
            destination.page(number).write_text(source, encoding="utf-8")
        return
    rendered = []
    for source in sources:
        shaped, svg, _printed = _laid_out(source, options)
        if format == "png" and options.dpi != 96:
            shaped = shaped.replace("{\n", f"{{\n\tdpi={options.dpi}\n", 1)
        rendered.append(svg if format == "svg" else run_dot(shaped, format, options.timeout))
    if format == "pdf":
        destination.path.write_bytes(_merge_pdf(rendered, document))
        return
    for number, data in enumerate(rendered, 1):
        destination.page(number).write_bytes(data)


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
