"""A 90-day plan as Markdown: objectives, KPIs and their status, the timeline, phases with
their activities, RACI, milestones, the retrospective, meetings, risks and measurements."""

from __future__ import annotations

from sopmodel.exporters.markdown.blocks import Lines, bullets, cell_text, heading
from sopmodel.exporters.markdown.escape import escape, line_start
from sopmodel.exporters.markdown.parts import Page
from sopmodel.exporters.markdown.procedure import kpi_table
from sopmodel.model import Plan
from sopmodel.model.plan import MilestoneKind
from sopmodel.views import rich
from sopmodel.views.kpi_status import plan_status

__all__ = ["plan_blocks"]


def plan_blocks(page: Page, plan: Plan) -> list[Lines]:
    """Return the blocks of a plan's Markdown file, its title first."""
    roles = {r.id: r.name for r in plan.roles}

    def role(ids: list[str] | str | None) -> str:
        chosen = [ids] if isinstance(ids, str) else ids or []
        return ", ".join(page.plain(roles.get(i, i)) for i in chosen)

    blocks: list[Lines] = [heading(1, page.plain(plan.title))]
    period = page.say(
        "horizon",
        start=page.date(plan.start),
        end=page.date(plan.end),
        days=str(plan.horizon_days),
    )
    approved = page.semicolon.join(
        ", ".join(x for x in (page.plain(a.name), role(a.role)) if x) for a in plan.approvals
    )
    facts = [
        ("document_id", escape(plan.id)),
        ("organization", page.plain(plan.organization)),
        ("period", period),
        ("owner", role(plan.owner)),
        ("version", page.plain(plan.version)),
        ("status", page.enum("status", plan.status.value) if plan.status else ""),
        ("approved_by", approved),
    ]
    blocks.append(bullets([[[page.labelled(key, text)]] for key, text in facts if text]))
    blocks += page.notes(plan.notes)
    kpi_names = {k.id: k.name for k in plan.kpis}
    sections: list[tuple[str, list[str], list[list[str]]]] = [
        (
            "objectives",
            ["md_priority", "objective", "owner", "kpis"],
            [
                [
                    str(o.priority),
                    page.plain(o.statement),
                    role(o.owner),
                    ", ".join(page.plain(kpi_names.get(k, k)) for k in o.kpis),
                ]
                for o in sorted(plan.objectives, key=lambda o: o.priority)
            ],
        ),
    ]
    blocks += _sections(page, sections)
    if plan.kpis:
        blocks += [heading(2, page.label("kpis")), kpi_table(page, plan.kpis, roles)]
        units = {k.id: k.unit for k in plan.kpis}
        status = [
            [
                page.plain(s.name),
                page.number(s.latest, units.get(s.kpi)),
                escape(s.period or ""),
                page.number(None if s.expected is None else round(s.expected, 1), units.get(s.kpi)),
                page.enum("status", s.status),
                page.enum("trend", s.trend) if s.trend else "",
            ]
            for s in plan_status(plan)
        ]
        keys = ["kpi", "latest", "period", "expected", "status", "trend"]
        blocks += [heading(3, page.label("latest_measurements")), page.table(keys, status)]
    chart = page.chart("timeline", "timeline")
    if chart:
        blocks += [heading(2, page.label("timeline")), chart]
    if plan.phases:
        blocks.append(heading(2, page.label("phases")))
    for phase in plan.phases:
        blocks.append(heading(3, page.plain(phase.name)))
        dates = page.say("md_period_dates", start=page.date(phase.start), end=page.date(phase.end))
        blocks.append([f"*{dates}*"])
        blocks += page.rich(phase.goal)
        if phase.goals:
            blocks.append(bullets([[[line_start(page.plain(g))]] for g in phase.goals]))
        rows = [
            [
                page.plain(a.title),
                page.date(a.due),
                page.enum("activity", a.status.value),
                f"[{escape(a.procedure)}]({a.procedure}.md)" if a.procedure else "",
                cell_text(rich(a.notes, page.language)),
            ]
            for a in phase.activities
        ]
        if rows:
            keys = ["activity", "due_date", "status", "md_procedure", "notes"]
            blocks.append(page.table(keys, rows))
    activities = [a for phase in plan.phases for a in phase.activities]
    raci = [
        [
            page.plain(a.title),
            role(a.raci.responsible),
            role(a.raci.accountable),
            role(a.raci.consulted),
            role(a.raci.informed),
        ]
        for a in activities
    ]
    milestones = sorted(plan.milestones, key=lambda m: m.date)
    sections = [
        ("raci_matrix", ["activity", "responsible", "accountable", "consulted", "informed"], raci),
        (
            "milestones",
            ["date", "milestone_milestone", "kind"],
            [
                [page.date(m.date), page.plain(m.title), page.enum("milestone", m.kind.value)]
                for m in milestones
            ],
        ),
    ]
    blocks += _sections(page, sections)
    retrospectives = [m for m in milestones if m.kind is MilestoneKind.retrospective]
    if retrospectives:
        items = [
            [[page.labelled_text(page.date(m.date), page.plain(m.title))]] for m in retrospectives
        ]
        blocks += [heading(2, page.label("retrospective")), bullets(items)]
    sections = [
        (
            "meetings",
            ["md_meeting", "cadence", "weekday", "duration", "owner", "participants"],
            [
                [
                    page.plain(m.title),
                    page.enum("frequency", m.cadence.value),
                    page.weekday(m.weekday.value) if m.weekday else "",
                    page.plain(m.duration),
                    role(m.owner),
                    role(m.participants),
                ]
                for m in plan.meetings
            ],
        ),
    ]
    blocks += _sections(page, sections)
    if plan.procedures:
        items = [[[f"[{escape(p)}]({p}.md)"]] for p in plan.procedures]
        blocks += [heading(2, page.label("linked_procedures")), bullets(items)]
    if plan.links:
        blocks += [
            heading(2, page.label("links")),
            bullets([[[line_start(s)]] for s in page.links(plan.links)]),
        ]
    sections = [
        (
            "risks",
            ["risk", "severity", "mitigation"],
            [
                [
                    page.plain(r.risk),
                    page.enum("severity", r.severity.value),
                    cell_text(rich(r.mitigation, page.language)),
                ]
                for r in plan.risks
            ],
        ),
        (
            "md_measurements",
            ["kpi", "period", "md_value", "notes"],
            [
                [
                    page.plain(kpi_names.get(m.kpi, m.kpi)),
                    escape(m.period),
                    page.number(m.value),
                    cell_text(rich(m.note, page.language)),
                ]
                for m in plan.measurements
            ],
        ),
        (
            "signoff",
            ["role", "name", "date", "version"],
            [
                [role(a.role), page.plain(a.name), page.date(a.date), page.plain(a.version)]
                for a in plan.approvals
            ],
        ),
    ]
    blocks += _sections(page, sections)
    return blocks


def _sections(page: Page, sections: list[tuple[str, list[str], list[list[str]]]]) -> list[Lines]:
    """Return each section that has rows as a heading and its table."""
    blocks: list[Lines] = []
    for title, keys, rows in sections:
        if rows:
            blocks += [heading(2, page.label(title)), page.table(keys, rows)]
    return blocks
