"""The DOT source of a procedure's flowchart pages: lanes as columns, steps flowing down."""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sopmodel.exporters.flowchart.callouts import BAND, callout_rows, reference_rows
from sopmodel.exporters.flowchart.step_box import (
    CHECK_COLOR,
    GUARD_COLOR,
    REPEAT_COLOR,
    WRAP,
    StepEntry,
    box_labels,
    step_tree,
)
from sopmodel.exporters.flowchart.text import Row, Ruler, cell, grid, new_chart
from sopmodel.i18n import Labels
from sopmodel.model import NoteLevel, Procedure
from sopmodel.views import (
    FlowGraph,
    FlowNode,
    callouts,
    link_texts,
    plain,
    role_names,
    step_texts,
)

__all__ = ["ProcedurePage", "page_source", "step_entries", "step_weights"]

LANE_COLORS = ("#f4f7fb", "#eef3ea", "#fbf4ea", "#f3eefa", "#eaf6f6", "#faeef0")
HANDOFF_COLOR = "#d9480f"
DANGER_COLOR = BAND[NoteLevel.danger][0]
LANE_WRAP = {1: 48, 2: 40}
"""Characters on a line of a step's box when a page has one or two lanes side by side:
wider boxes keep a page of few lanes from growing tall and narrow."""
HEADER_WRAP = 84
"""Characters on a line of the notes under a chart's title."""


@dataclass(frozen=True)
class ProcedurePage:
    """Which steps one page holds, and where the steps of the other pages are."""

    number: int
    count: int
    steps: Sequence[int]
    page_of: dict[int, int]
    """The page of every step."""
    brief: bool = False
    """A section of a projected chart (a slide): no title (the slide has its own), boxes
    that say a step's number, title, condition and hazards (its own slide says the rest),
    and connectors that name the step they lead to."""
    wrap: int | None = None
    """Characters on a line of a step's box; None: as many as suit the page's lanes."""


def _legend(labels: Labels, ruler: Ruler) -> str:
    """Return the line that explains the marks of the chart."""
    word = html.escape(labels["chart_conditional"])
    width, height = math.ceil(ruler.width(word) + 8), math.ceil(ruler.size * 1.3 + 6)
    dashed = (  # of a fixed size, so that it keeps its shape when the title is wider
        f'<TABLE BORDER="1" STYLE="dashed" CELLBORDER="0" CELLPADDING="1" CELLSPACING="0"'
        f' COLOR="#5b6b7f" BGCOLOR="{GUARD_COLOR}" FIXEDSIZE="TRUE" WIDTH="{width}"'
        f' HEIGHT="{height}"><TR><TD FIXEDSIZE="TRUE" WIDTH="{width - 2}"'
        f' HEIGHT="{height - 2}">{word}</TD></TR></TABLE>'
    )
    items = [
        f'<FONT COLOR="{HANDOFF_COLOR}"><B>━━▶</B></FONT> {html.escape(labels["handoff"])}',
        f'<FONT COLOR="{CHECK_COLOR}">✔ {html.escape(labels["check"])}</FONT>',
        f'<FONT COLOR="{REPEAT_COLOR}"><B>↻</B> {html.escape(labels["chart_repeated"])}</FONT>',
    ]
    cells = "".join(f"<TD>{item}</TD>" for item in items) + f"<TD>{dashed}</TD>"
    return f'<TABLE BORDER="0" CELLSPACING="6" CELLPADDING="0"><TR>{cells}</TR></TABLE>'


def _header_rows(procedure: Procedure, labels: Labels) -> list[Row]:
    """Return what the whole procedure says beside its steps: roles, notes, references."""
    language = labels.language
    rows = []
    if procedure.roles:
        names = " · ".join(plain(role.name, language) for role in procedure.roles)
        rows.append(
            Row(0, cell(labels.format("labelled", label=labels["roles"], text=names), HEADER_WRAP))
        )
    rows += [
        Row(0, inside, background=background)
        for inside, background in callout_rows(
            callouts(procedure.notes, language), labels, HEADER_WRAP
        )
    ]
    references = reference_rows(
        link_texts(procedure.links, labels), list(procedure.attachments), labels, HEADER_WRAP
    )
    return rows + [Row(0, inside) for inside in references]


def _title(procedure: Procedure, labels: Labels, page: ProcedurePage, ruler: Ruler) -> str:
    heading = cell(
        f"{procedure.id} · {plain(procedure.title, labels.language)}", 90, bold=True, size=12
    )
    pages = labels.format("page_of", page=page.number, pages=page.count) if page.count > 1 else ""
    rows = [heading, html.escape(pages), _legend(labels, ruler)]
    if page.steps and page.steps[0] == 0:
        header = _header_rows(procedure, labels)
        if header:
            rows.append(grid(header, padding=2, ruler=ruler))
    body = "".join(f"<TR><TD>{row}</TD></TR>" for row in rows if row)
    return f'<<TABLE BORDER="0" CELLSPACING="2">{body}</TABLE>>'


def _draw_step(
    cluster: Any,
    node: FlowNode,
    entry: StepEntry,
    labels: Labels,
    ruler: Ruler,
    wrap: int,
    brief: bool,
) -> None:
    """Add a step's box to its lane: dashed when conditional, red-edged when it holds a danger,
    with a loop when repeated, and a note beside it when it is a decision."""
    label, note = box_labels(entry, node.number, node.is_decision, labels, wrap, ruler, brief)
    attributes = (
        {"shape": "diamond", "fillcolor": "#fffbe6", "margin": "0.02"} if node.is_decision else {}
    )
    if node.step.when:
        attributes["style"] = "rounded,filled,dashed" if not node.is_decision else "filled,dashed"
        attributes["penwidth"] = "1.6"
    if NoteLevel.danger in entry.levels():
        attributes.update(color=DANGER_COLOR, penwidth="2.4")
    cluster.node(node.key, label=label, **attributes)
    if node.step.repeat:
        cluster.edge(
            node.key, node.key, label="<<B>↻</B>>", color=REPEAT_COLOR, fontcolor=REPEAT_COLOR
        )
    if note:
        cluster.node(f"note{node.index}", label=note, shape="note", fillcolor="#fffdf3")
        cluster.edge(node.key, f"note{node.index}", style="dotted", arrowhead="none")
        with cluster.subgraph() as row:
            row.attr(rank="same")
            row.node(node.key)
            row.node(f"note{node.index}")


def _connector(labels: Labels, page: ProcedurePage, way: str, index: int, number: str) -> str:
    """Return what a connector to ("to") or from ("from") a step on another page says."""
    if page.brief:
        return labels.format(f"chart_{way}_step", step=number)
    key = "continued_on" if way == "to" else "continued_from"
    return labels.format(key, page=page.page_of[index], step=number)


def _arrivals(graph: FlowGraph, on_page: set[int]) -> list[tuple[int, list[int], bool]]:
    """Return each step of a page entered from other pages: the steps it is entered from,
    and whether any of those arrows is a handoff."""
    found: dict[int, tuple[list[int], list[bool]]] = {}
    for edge in graph.edges:
        if edge.target in on_page and edge.source not in on_page:
            sources, handoffs = found.setdefault(edge.target, ([], []))
            if edge.source not in sources:
                sources.append(edge.source)
            handoffs.append(edge.handoff)
    return [(target, sources, any(handoffs)) for target, (sources, handoffs) in found.items()]


def step_entries(procedure: Procedure, labels: Labels) -> list[StepEntry]:
    """Return the procedure's top-level steps with what their boxes say, sub-steps nested."""
    return step_tree(step_texts(procedure, labels))


RANK_LINES = 3
"""The space between two steps one under the other, in lines of text."""


def step_weights(
    procedure: Procedure, graph: FlowGraph, labels: Labels, options: Any
) -> tuple[list[int], int]:
    """Return how many lines of text each step's box (or the note beside it) draws, with
    the space under it; then how many more the title of the first page has than the others'."""
    ruler = Ruler(options.font, options.font_size)
    entries = step_entries(procedure, labels)
    weights = []
    for node in graph.nodes:
        label, note = box_labels(
            entries[node.index], node.number, node.is_decision, labels, brief=options.brief
        )
        weights.append(max(label.count("<BR"), (note or "").count("<BR")) + RANK_LINES)
    if options.brief:
        return weights, 0
    pages = {step: 1 for step in range(len(graph.nodes))}
    first = _title(procedure, labels, ProcedurePage(1, 2, range(1), pages), ruler)
    other = _title(procedure, labels, ProcedurePage(2, 2, range(1, 2), pages), ruler)
    return weights, max(0, first.count("<BR") - other.count("<BR"))


def page_source(
    procedure: Procedure,
    graph: FlowGraph,
    page: ProcedurePage,
    labels: Labels,
    options: Any,
    entries: Sequence[StepEntry] | None = None,
) -> str:
    """Return the DOT source of one page of a procedure's flowchart.

    Steps flow top to bottom with a column per role (direction TB, for paper), or left to
    right with a row per role (LR, for slides). `entries` are the procedure's steps as
    `step_entries` gives them, worked out once for many pages.
    """
    font, size = options.font, options.font_size
    ruler = Ruler(font, size)
    layout = {"rankdir": options.direction, "nodesep": "0.2", "ranksep": "0.25"}
    if not page.brief:
        layout["label"] = _title(procedure, labels, page, ruler)
    chart = new_chart(f"page{page.number}", font, size, **layout, outputorder="edgesfirst")
    chart.attr("node", margin="0.08,0.05")
    on_page = set(page.steps)
    entries = entries if entries is not None else step_entries(procedure, labels)
    lanes_here = len({graph.nodes[index].role for index in page.steps})
    wrap = page.wrap or (LANE_WRAP.get(lanes_here, WRAP) if options.direction == "TB" else WRAP)
    lane_of = {node.index: graph.roles.index(node.role) for node in graph.nodes}
    members: dict[int, list[int]] = {}
    extra: dict[int, list[tuple[str, dict[str, str]]]] = {}

    def add(lane: int, name: str, **attributes: str) -> None:
        extra.setdefault(lane, []).append((name, attributes))

    for index in page.steps:
        members.setdefault(lane_of[index], []).append(index)
    if graph.start in on_page:
        add(
            lane_of[graph.start],
            "start",
            label=f"<{html.escape(labels['start'])}>",
            shape="oval",
            fillcolor="#dde7f3",
        )
        chart.edge("start", graph.nodes[graph.start].key)
    connectors: dict[tuple[str, int], str] = {}
    for index in page.steps:
        node = graph.nodes[index]
        if node.is_end:
            end = f"end{index}"
            add(
                lane_of[index],
                end,
                label=f"<{html.escape(labels['end'])}>",
                shape="oval",
                fillcolor="#dde7f3",
            )
            chart.edge(node.key, end)
        for edge in graph.outgoing(index):
            attributes = {}
            if edge.label:
                attributes["label"] = f"<{html.escape(plain(edge.label, labels.language))}>"
            if edge.handoff:
                attributes.update(color=HANDOFF_COLOR, penwidth="2.6", arrowsize="0.9")
            target = graph.nodes[edge.target]
            if edge.target in on_page:
                chart.edge(node.key, target.key, **attributes)
                continue
            key = ("out", edge.target)
            if key not in connectors:
                connectors[key] = f"to{edge.target}"
                text = _connector(labels, page, "to", edge.target, target.number)
                add(
                    lane_of[index],
                    connectors[key],
                    label=f"<{html.escape(text)}>",
                    shape="invhouse",
                    fillcolor="#fff4d6",
                )
            chart.edge(node.key, connectors[key], **attributes)
    if page.brief:
        for entered, sources, handoff in _arrivals(graph, on_page):
            numbers = ", ".join(graph.nodes[origin].number for origin in sources)
            said = "chart_from_step" if len(sources) == 1 else "chart_from_steps"
            add(
                lane_of[entered],
                f"into{entered}",
                label=f"<{cell(labels.format(said, step=numbers), WRAP)}>",
                shape="house",
                fillcolor="#fff4d6",
            )
            attributes = {"color": HANDOFF_COLOR, "penwidth": "2.6"} if handoff else {}
            chart.edge(f"into{entered}", graph.nodes[entered].key, **attributes)
    for edge in graph.edges:
        if edge.target in on_page and edge.source not in on_page and not page.brief:
            key = ("in", edge.source)
            if key not in connectors:
                connectors[key] = f"from{edge.source}"
                source = graph.nodes[edge.source]
                text = _connector(labels, page, "from", edge.source, source.number)
                add(
                    lane_of[edge.target],
                    connectors[key],
                    label=f"<{html.escape(text)}>",
                    shape="house",
                    fillcolor="#fff4d6",
                )
            attributes = {"color": HANDOFF_COLOR, "penwidth": "2.6"} if edge.handoff else {}
            chart.edge(connectors[key], graph.nodes[edge.target].key, **attributes)
    lanes = sorted(set(members) | set(extra))
    for lane in lanes:
        role = graph.roles[lane]
        name = role_names((role,), procedure, labels) if role else None
        with chart.subgraph(name=f"cluster_lane{lane}") as cluster:
            cluster.attr(
                label=f"<{cell(name or labels['no_role'], 40, bold=True)}>",
                style="filled",
                fillcolor=LANE_COLORS[lane % len(LANE_COLORS)],
                color="#c9d3e0",
                fontsize=str(size + 1),
                labeljust="l",
            )
            for name_, attributes in extra.get(lane, []):
                cluster.node(name_, **attributes)
            for index in members.get(lane, []):
                node = graph.nodes[index]
                _draw_step(cluster, node, entries[index], labels, ruler, wrap, page.brief)
    dot_source: str = chart.source
    return dot_source
