"""The DOT source of a procedure's flowchart pages: lanes as columns, steps flowing down."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sopmodel.exporters.flowchart.text import cell, new_chart
from sopmodel.i18n import Labels, format_duration
from sopmodel.model import Procedure, SubStep
from sopmodel.views import FlowGraph, FlowNode

__all__ = ["ProcedurePage", "page_source"]

LANE_COLORS = ("#f4f7fb", "#eef3ea", "#fbf4ea", "#f3eefa", "#eaf6f6", "#faeef0")
HANDOFF_COLOR = "#d9480f"
CHECK_COLOR = "#1b7a35"
WARNING_COLOR = "#b3261e"
WRAP = 30


@dataclass(frozen=True)
class ProcedurePage:
    """Which steps one page holds, and where the steps of the other pages are."""

    number: int
    count: int
    steps: Sequence[int]
    page_of: dict[int, int]
    """The page of every step."""


def _marks(step: SubStep, labels: Labels, width: int) -> list[str]:
    """Return the check and warning rows of a step, set apart by colour and sign."""
    rows = []
    if step.check:
        rows.append(cell(f"✔ {labels['check']}: {step.check}", width, color=CHECK_COLOR))
    if step.warning:
        rows.append(cell(f"⚠ {labels['warning']}: {step.warning}", width, color=WARNING_COLOR))
    return rows


def _details(node: FlowNode, labels: Labels, width: int) -> list[str]:
    """Return the rows under a step's title: duration, sub-steps, checks and warnings."""
    step = node.step
    rows = []
    if step.duration is not None:
        shown = format_duration(step.duration.low, labels.language, step.duration.high)
        rows.append(cell(f"{labels['duration']}: {shown}", width, color="#555555"))
    for offset, sub in enumerate(step.substeps[:4]):
        rows.append(cell(f"{node.number}.{offset + 1} {sub.title}", width, color="#333333"))
        rows += _marks(sub, labels, width)
    if len(step.substeps) > 4:
        rows.append(cell(labels.format("more", count=len(step.substeps) - 4), width))
    return rows + _marks(step, labels, width)


def _table(rows: list[str]) -> str:
    body = "".join(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{row}</TD></TR>' for row in rows)
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">{body}</TABLE>>'


def _step_labels(node: FlowNode, labels: Labels) -> tuple[str, str | None]:
    """Return the label of a step's box, and of the note beside a decision (or None).

    A decision's diamond holds only its number and question, so that it stays small;
    its duration, check and warning go in a note next to it.
    """
    width = 22 if node.is_decision else WRAP
    head = f"<B>{html.escape(node.number)}</B>  " + cell(node.step.title, width)
    details = _details(node, labels, WRAP)
    if node.is_decision:
        return _table([head]), _table(details) if details else None
    return _table([head, *details]), None


def _title(procedure: Procedure, labels: Labels, page: ProcedurePage) -> str:
    heading = cell(f"{procedure.id} · {procedure.title}", 90, bold=True, size=12)
    pages = labels.format("page_of", page=page.number, pages=page.count) if page.count > 1 else ""
    legend = (
        f'<FONT COLOR="{HANDOFF_COLOR}"><B>━━▶</B></FONT> {html.escape(labels["handoff"])}'
        f'    <FONT COLOR="{CHECK_COLOR}">✔ {html.escape(labels["check"])}</FONT>'
        f'    <FONT COLOR="{WARNING_COLOR}">⚠ {html.escape(labels["warning"])}</FONT>'
    )
    rows = [heading, html.escape(pages), legend]
    body = "".join(f"<TR><TD>{row}</TD></TR>" for row in rows if row)
    return f'<<TABLE BORDER="0" CELLSPACING="2">{body}</TABLE>>'


def page_source(
    procedure: Procedure, graph: FlowGraph, page: ProcedurePage, labels: Labels, options: Any
) -> str:
    """Return the DOT source of one page of a procedure's flowchart.

    Steps flow top to bottom with a column per role (direction TB, for paper), or left to
    right with a row per role (LR, for slides).
    """
    font, size = options.font, options.font_size
    chart = new_chart(
        f"page{page.number}",
        font,
        size,
        rankdir=options.direction,
        nodesep="0.25",
        ranksep="0.3",
        label=_title(procedure, labels, page),
        outputorder="edgesfirst",
    )
    chart.attr("node", margin="0.08,0.05")
    on_page = set(page.steps)
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
                attributes["label"] = f"<{html.escape(edge.label)}>"
            if edge.handoff:
                attributes.update(color=HANDOFF_COLOR, penwidth="2.6", arrowsize="0.9")
            target = graph.nodes[edge.target]
            if edge.target in on_page:
                chart.edge(node.key, target.key, **attributes)
                continue
            key = ("out", edge.target)
            if key not in connectors:
                connectors[key] = f"to{edge.target}"
                text = labels.format(
                    "continued_on", page=page.page_of[edge.target], step=target.number
                )
                add(
                    lane_of[index],
                    connectors[key],
                    label=f"<{html.escape(text)}>",
                    shape="invhouse",
                    fillcolor="#fff4d6",
                )
            chart.edge(node.key, connectors[key], **attributes)
    for edge in graph.edges:
        if edge.target in on_page and edge.source not in on_page:
            key = ("in", edge.source)
            if key not in connectors:
                connectors[key] = f"from{edge.source}"
                source = graph.nodes[edge.source]
                text = labels.format(
                    "continued_from", page=page.page_of[edge.source], step=source.number
                )
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
        name = next((r.name for r in procedure.roles if r.id == role), role) if role else None
        with chart.subgraph(name=f"cluster_lane{lane}") as cluster:
            cluster.attr(
                label=f"<{cell(name or labels['no_role'], 40, bold=True)}>",
                style="filled",
                fillcolor=LANE_COLORS[lane % len(LANE_COLORS)],
                color="#c9d3e0",
                fontsize=str(size + 1),
            )
            for name_, attributes in extra.get(lane, []):
                cluster.node(name_, **attributes)
            for index in members.get(lane, []):
                node = graph.nodes[index]
                label, note = _step_labels(node, labels)
                cluster.node(
                    node.key,
                    label=label,
                    **(
                        {"shape": "diamond", "fillcolor": "#fffbe6", "margin": "0.02"}
                        if node.is_decision
                        else {}
                    ),
                )
                if note:
                    cluster.node(f"note{index}", label=note, shape="note", fillcolor="#fffdf3")
                    cluster.edge(node.key, f"note{index}", style="dotted", arrowhead="none")
                    with cluster.subgraph() as row:
                        row.attr(rank="same")
                        row.node(node.key)
                        row.node(f"note{index}")
    dot_source: str = chart.source
    return dot_source
