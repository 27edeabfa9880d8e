"""A procedure's flowchart inline in its page: one SVG picture, each step box a link to the
step's anchor.

The chart is the one `sopmodel export --to flowchart` draws, on one page (`whole_chart`); the
links are added to the SVG here, around each step's node group, so that other outputs' bytes
never change.
"""

from __future__ import annotations

import re
import shutil
from typing import Any

from markupsafe import Markup, escape

from sopmodel.exporters.site.html import step_anchor
from sopmodel.i18n import Labels
from sopmodel.model import Procedure
from sopmodel.views.references import step_reference

__all__ = ["inline_chart", "linked_svg"]

_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.S)
_NODE = re.compile(r'(<g id="[^"]*" class="node">\s*<title>s(\d+)</title>)(.*?)(</g>)', re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_GRAPH_TITLE = re.compile(r'(<g id="graph\d+" class="graph"[^>]*>\s*)<title>[^<]*</title>', re.S)
_SVG_OPEN = re.compile(r"<svg\b")


def linked_svg(svg: str, anchors: dict[int, tuple[str, str]], title: str, number: int) -> str:
    """Return a chart page's SVG ready to inline: no XML prologue nor comments, ids made
    unique to the page, a title and role for screen readers, and each step box (node
    s<index>) wrapped in a link to its anchor, titled 'Go to step N'."""
    svg = _COMMENT.sub("", _PROLOGUE.sub("", svg, count=1))

    def wrap(found: re.Match[str]) -> str:
        target = anchors.get(int(found.group(2)))
        if target is None:
            return found.group(0)
        href, label = f"#{target[0]}", escape(target[1])
        opening = found.group(1).replace(f"<title>s{found.group(2)}</title>", "")
        return (
            f'{opening}<a href="{href}" xlink:href="{href}" class="chart-step">'
            f"<title>{label}</title>{found.group(3)}</a>{found.group(4)}"
        )

    svg = _NODE.sub(wrap, svg)
    svg = _GRAPH_TITLE.sub(r"\1", svg, count=1).replace(' id="', f' id="chart{number}-')
    label = str(escape(title))
    return _SVG_OPEN.sub(
        f'<svg role="group" aria-labelledby="chart-title-{number}" class="chart-page"',
        svg,
        count=1,
    ).replace(">", f'><title id="chart-title-{number}">{label}</title>', 1)


_CACHE: dict[tuple[str, str], str] = {}
"""Drawn charts by (what the chart shows, language): a save that changes only what the
chart does not show (details, checks, the text of notes) redraws nothing."""


def _shown(step: Any) -> dict[str, Any]:
    """Return what a brief chart box shows of a step, and of its sub-steps."""
    return {
        "id": step.id,
        "title": step.title,
        "role": step.role,
        "when": step.when,
        "repeat": step.repeat,
        "levels": sorted({n.level.value for n in step.all_notes()}),
        "decision": [b.model_dump() for b in getattr(step, "decision", None) or ()],
        "next": getattr(step, "next", None),
        "end": getattr(step, "end", False),
        "substeps": [_shown(sub) for sub in step.substeps],
    }


def _chart_key(procedure: Procedure) -> str:
    """Return what a procedure's brief chart depends on, as JSON (cold builds always draw,
    so a warm chart may be paged as the previous text weighed it)."""
    import json

    return json.dumps(
        {
            "roles": [[r.id, r.name] for r in procedure.roles],
            "steps": [_shown(step) for step in procedure.steps],
        },
        sort_keys=True,
        default=str,
    )


_CACHE_SIZE = 512


def _drawn(procedure: Procedure, language: str) -> str:
    """Return the chart as one picture the page scrolls through: a web page has no sheet to
    cut it for, so one `dot` run draws it, with no pages to measure (a save shows sooner)."""
    from sopmodel.exporters.flowchart import FlowchartOptions
    from sopmodel.exporters.flowchart.render import whole_chart

    key = (_chart_key(procedure), language)
    found = _CACHE.get(key)
    if found is None:
        options = FlowchartOptions(lang=language, brief=True)
        found = whole_chart(procedure, "svg", options).decode("utf-8")
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = found
    return found


def inline_chart(procedure: Procedure, labels: Labels, title: str) -> Markup:
    """Return the flowchart as inline SVG, or '' when Graphviz is not installed or
    the chart cannot be drawn."""
    if shutil.which("dot") is None:
        return Markup("")
    from sopmodel.views import flow_graph

    try:
        drawn = _drawn(procedure, labels.language)
    except Exception:  # a chart that cannot be drawn leaves the page without it
        return Markup("")
    anchors = {
        node.index: (
            step_anchor(node.number),
            labels.format("site_goes_to", number=step_reference(node.number, procedure.layout)),
        )
        for node in flow_graph(procedure).nodes
    }
    heading = labels.format("site_flowchart_title", title=title)
    return Markup(linked_svg(drawn, anchors, heading, 1))
