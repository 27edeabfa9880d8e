"""A procedure's flowchart inline in its page: the SVG of every chart page, each step box a
link to the step's anchor.

The chart is the one `sopmodel export --to flowchart` draws (`chart_pages`); the links are
added to the SVG here, around each step's node group, so that other outputs' bytes never change.
"""

from __future__ import annotations

import re
import shutil
from functools import lru_cache

from markupsafe import Markup, escape

from sopmodel.i18n import Labels
from sopmodel.model import Procedure

__all__ = ["inline_chart", "linked_svg"]

_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.S)
_NODE = re.compile(r'(<g id="[^"]*" class="node">\s*<title>s(\d+)</title>)(.*?)(</g>)', re.S)
_GRAPH_TITLE = re.compile(r'(<g id="graph\d+" class="graph"[^>]*>\s*)<title>[^<]*</title>', re.S)
_SVG_OPEN = re.compile(r"<svg\b")


def linked_svg(svg: str, anchors: dict[int, str], title: str, number: int) -> str:
    """Return a chart page's SVG ready to inline: no XML prologue, a title and role for
    screen readers, and each step box (node s<index>) wrapped in a link to its anchor."""
    svg = _PROLOGUE.sub("", svg, count=1)

    def wrap(found: re.Match[str]) -> str:
        target = anchors.get(int(found.group(2)))
        if target is None:
            return found.group(0)
        href = f"#{target}"
        return (
            f'{found.group(1)}<a href="{href}" xlink:href="{href}" class="chart-step">'
            f"{found.group(3)}</a>{found.group(4)}"
        )

    svg = _NODE.sub(wrap, svg)
    svg = _GRAPH_TITLE.sub(r"\1", svg, count=1)
    label = str(escape(title))
    return _SVG_OPEN.sub(
        f'<svg role="img" aria-labelledby="chart-title-{number}" class="chart-page"',
        svg,
        count=1,
    ).replace(">", f'><title id="chart-title-{number}">{label}</title>', 1)


@lru_cache(maxsize=256)
def _drawn(source_key: str, document_json: str, language: str) -> tuple[str, ...]:
    from sopmodel.exporters.flowchart import FlowchartOptions
    from sopmodel.exporters.flowchart.render import chart_pages
    from sopmodel.model import Procedure as Model

    procedure = Model.model_validate_json(document_json)
    options = FlowchartOptions(lang=language, brief=True)
    return tuple(page.decode("utf-8") for page in chart_pages(procedure, "svg", options))


def inline_chart(procedure: Procedure, labels: Labels, title: str) -> Markup:
    """Return the flowchart's pages as inline SVG, or '' when Graphviz is not installed or
    the chart cannot be drawn."""
    if shutil.which("dot") is None:
        return Markup("")
    from sopmodel.views import flow_graph

    try:
        pages = _drawn(procedure.id, procedure.model_dump_json(), labels.language)
    except Exception:  # a chart that cannot be drawn leaves the page without it
        return Markup("")
    anchors = {
        node.index: "step-" + node.number.replace(".", "-") for node in flow_graph(procedure).nodes
    }
    heading = labels.format("site_flowchart_title", title=title)
    return Markup("").join(
        Markup(linked_svg(page, anchors, heading, n)) for n, page in enumerate(pages, 1)
    )
