"""The DOT source of a plan's chart: phases and milestones on a time line, objectives to KPIs."""

from __future__ import annotations

import html

from sopmodel.exporters.flowchart.text import cell, new_chart
from sopmodel.i18n import Labels, format_date
from sopmodel.model import Plan

__all__ = ["plan_source"]

MAX_ACTIVITIES = 8
"""Activities listed in a phase box; the others are counted."""


def plan_source(plan: Plan, labels: Labels, language: str, font: str, size: float) -> str:
    """Return the DOT source of a plan's chart."""
    title = cell(f"{plan.id} · {plan.title}", 90, bold=True, size=12)
    span = f"{format_date(plan.start, language)} – {format_date(plan.end, language)}"
    chart = new_chart(
        "plan",
        font,
        size,
        rankdir="LR",
        nodesep="0.3",
        ranksep="0.5",
        label=f"<{title}{html.escape(span)}>",
    )
    with chart.subgraph(name="cluster_timeline") as line:
        line.attr(
            label=f"<<B>{html.escape(labels['phases'])}</B>>",
            style="filled",
            fillcolor="#f4f7fb",
            color="#c9d3e0",
        )
        previous = None
        for p, phase in enumerate(plan.phases):
            first, last = (format_date(d, language, "medium") for d in (phase.start, phase.end))
            dates = f"{first} – {last}"
            rows = [cell(phase.name, 32, bold=True), cell(dates, 40, color="#555555")]
            for activity in phase.activities[:MAX_ACTIVITIES]:
                due = (
                    f" ({labels.format('due', date=format_date(activity.due, language, 'short'))})"
                    if activity.due
                    else ""
                )
                rows.append(cell(f"• {activity.title}{due}", 34))
            if len(phase.activities) > MAX_ACTIVITIES:
                rows.append(
                    cell(labels.format("more", count=len(phase.activities) - MAX_ACTIVITIES), 34)
                )
            body = "".join(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{row}</TD></TR>' for row in rows)
            line.node(
                f"phase{p}",
                label=f'<<TABLE BORDER="0" CELLSPACING="0">{body}</TABLE>>',
                group="timeline",
            )
            if previous:
                line.edge(previous, f"phase{p}", penwidth="2")
            previous = f"phase{p}"
        for m, milestone in enumerate(sorted(plan.milestones, key=lambda item: item.date)):
            text = cell(milestone.title, 24, bold=milestone.kind == "retrospective")
            when = cell(format_date(milestone.date, language, "medium"), 24, color="#555555")
            line.node(
                f"milestone{m}",
                label=f"<{text}{when}>",
                shape="diamond",
                fillcolor="#fff4d6",
                margin="0.02",
            )
            phase_index = next(
                (
                    p
                    for p, phase in enumerate(plan.phases)
                    if phase.start <= milestone.date <= phase.end
                ),
                None,
            )
            if phase_index is not None:
                line.edge(f"phase{phase_index}", f"milestone{m}", style="dashed", arrowhead="none")
    with chart.subgraph(name="cluster_objectives") as goals:
        heading = f"{labels['objectives']} → {labels['kpis']}"
        goals.attr(
            label=f"<<B>{html.escape(heading)}</B>>",
            style="filled",
            fillcolor="#eef3ea",
            color="#c9d3e0",
        )
        for o, objective in enumerate(sorted(plan.objectives, key=lambda item: item.priority)):
            head = cell(labels.format("priority", priority=objective.priority), 30, color="#555555")
            goals.node(f"objective{o}", label=f"<{head}{cell(objective.statement, 30, bold=True)}>")
            for kpi_id in objective.kpis:
                goals.edge(f"objective{o}", f"kpi_{kpi_id}")
        for kpi in plan.kpis:
            unit = f" {kpi.unit}" if kpi.unit else ""
            values = " → ".join(f"{v:g}{unit}" for v in (kpi.baseline, kpi.target) if v is not None)
            text = f"{cell(kpi.name, 30, bold=True)}{cell(values, 30)}"
            goals.node(f"kpi_{kpi.id}", label=f"<{text}>", fillcolor="#ffffff")
    source: str = chart.source
    return source
