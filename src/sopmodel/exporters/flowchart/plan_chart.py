"""The DOT source of a plan's chart: phases and milestones on a time line, objectives to KPIs."""

from __future__ import annotations

import html

from sopmodel.exporters.flowchart.callouts import callout_rows, reference_rows
from sopmodel.exporters.flowchart.text import Row, Ruler, cell, grid, new_chart
from sopmodel.i18n import Labels, format_date
from sopmodel.i18n.quantity import format_quantity
from sopmodel.model import Phase, Plan
from sopmodel.views import callouts, link_texts, plain

__all__ = ["plan_source"]

HEADER_WRAP = 84
"""Characters on a line of the notes under the chart's title."""
SEVERITY_COLORS = {"critical": "#b3261e", "high": "#b3261e", "medium": "#8a5a00", "low": "#555555"}


def _header(plan: Plan, labels: Labels, ruler: Ruler) -> str:
    """Return the plan's notes, risks and references as a table, or '' when it has none."""
    language = labels.language
    rows = [
        Row(0, inside, background=background)
        for inside, background in callout_rows(callouts(plan.notes, language), labels, HEADER_WRAP)
    ]
    if plan.risks:
        rows.append(Row(0, cell(labels["risks"], HEADER_WRAP, bold=True)))
    for risk in plan.risks:
        severity = labels.format(
            "labelled", label=labels["severity"], text=labels[f"severity_{risk.severity.value}"]
        )
        mitigation = labels.format(
            "labelled", label=labels["mitigation"], text=plain(risk.mitigation, language)
        )
        color = SEVERITY_COLORS[risk.severity.value]
        rows.append(Row(0, cell(f"⚠ {plain(risk.risk, language)}", HEADER_WRAP, color=color)))
        rows.append(Row(1, cell(f"{severity} · {mitigation}", HEADER_WRAP - 4, color="#555555")))
    rows += [
        Row(0, inside)
        for inside in reference_rows(link_texts(plan.links, labels), [], labels, HEADER_WRAP)
    ]
    return grid(rows, padding=2, ruler=ruler) if rows else ""


def _phase_rows(phase: Phase, labels: Labels, language: str) -> list[str]:
    """Return the lines of a phase's box: name, dates, goals and every activity."""
    first, last = (format_date(d, language, "medium") for d in (phase.start, phase.end))
    rows = [
        cell(plain(phase.name, language), 32, bold=True),
        cell(f"{first} – {last}", 40, color="#555555"),
    ]
    goals = [goal for goal in (phase.goal, *phase.goals) if goal]
    if goals:
        rows.append(cell(labels["goals"], 34, bold=True, color="#1b5e20"))
        rows += [cell(f"◎ {plain(goal, language)}", 34, color="#1b5e20") for goal in goals]
    for activity in phase.activities:
        due = (
            f" ({labels.format('due', date=format_date(activity.due, language, 'short'))})"
            if activity.due
            else ""
        )
        rows.append(cell(f"• {plain(activity.title, language)}{due}", 34))
    return rows


def plan_source(plan: Plan, labels: Labels, language: str, font: str, size: float) -> str:
    """Return the DOT source of a plan's chart."""
    title = cell(f"{plan.id} · {plain(plan.title, language)}", 90, bold=True, size=12)
    span = f"{format_date(plan.start, language)} – {format_date(plan.end, language)}"
    header = _header(plan, labels, Ruler(font, size))
    heading = f"{title}{html.escape(span)}"
    if header:
        heading = (
            f'<TABLE BORDER="0" CELLSPACING="2"><TR><TD>{title}{html.escape(span)}</TD></TR>'
            f"<TR><TD>{header}</TD></TR></TABLE>"
        )
    chart = new_chart(
        "plan",
        font,
        size,
        rankdir="LR",
        nodesep="0.3",
        ranksep="0.5",
        label=f"<{heading}>",
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
            rows = _phase_rows(phase, labels, language)
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
            values = " → ".join(
                format_quantity(v, kpi.unit, language)
                for v in (kpi.baseline, kpi.target)
                if v is not None
            )
            text = f"{cell(kpi.name, 30, bold=True)}{cell(values, 30)}"
            goals.node(f"kpi_{kpi.id}", label=f"<{text}>", fillcolor="#ffffff")
    source: str = chart.source
    return source
