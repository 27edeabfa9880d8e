"""The template variables of a plan document (see docs/word-templates.md)."""

from __future__ import annotations

from typing import Any

from sopmodel.exporters.word.context import (
    RichParts,
    Words,
    approval_rows,
    approved_by,
    kpi_values,
    printed_values,
    typeset_values,
)
from sopmodel.exporters.word.plan_tables import activities_table
from sopmodel.exporters.word.raci_matrix import raci_matrix
from sopmodel.exporters.word.richtext import RichWriter
from sopmodel.i18n import Labels
from sopmodel.model import Plan
from sopmodel.model.plan import period_days
from sopmodel.views import plain
from sopmodel.views.kpi_status import KPIStatus, plan_status
from sopmodel.views.lengths import written_length

__all__ = ["STATUS_FILLS", "plan_context"]

STATUS_FILLS = {
    "on_track": "D9EAD3",
    "at_risk": "FCE8B2",
    "off_track": "F4CCCC",
    "no_data": "EEEEEE",
    "no_target": "EEEEEE",
}
"""The background of a KPI's status cell: green, amber, red, grey when nothing tells."""


def plan_context(
    plan: Plan,
    labels: Labels,
    printed: Any,
    writer: RichWriter,
    timeline: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Return the template variables of a plan document, typeset; `timeline` is its figures
    (`image`, `caption`), one per part, or None to leave it out."""
    statuses = plan_status(plan)
    values = _plan_values(plan, labels, printed, writer, statuses)
    values.update(_handover_values(plan, labels, writer, timeline or [], statuses))
    context: dict[str, Any] = typeset_values(values, labels.language)
    return context


def _status_values(status: KPIStatus, unit: str | None, words: Words) -> dict[str, str]:
    """Return where a KPI stands: its latest value, when, what was expected, and the status."""
    labels = words.labels
    expected = words.number(None if status.expected is None else round(status.expected, 1), unit)
    when = []
    if status.period:
        monday = period_days(status.period)[0]
        when.append(labels.format("week_of", date=words.date(monday, "medium")))
    if expected:
        when.append(labels.format("expected_value", value=expected))
    return {
        "latest": words.number(status.latest, unit),
        "latest_when": " · ".join(when),
        "expected": expected,
        "status": words.enum("status", status.status),
        "status_key": status.status,
        "status_fill": STATUS_FILLS.get(status.status, "EEEEEE"),
        "trend": words.enum("trend", status.trend) if status.trend else "",
    }


def _handover_values(
    plan: Plan,
    labels: Labels,
    writer: RichWriter,
    timeline: list[dict[str, Any]],
    statuses: list[KPIStatus],
) -> dict[str, Any]:
    """Return what a plan handed to a client adds: owner and approval, the latest
    measurements, the timeline, the RACI matrix and legend, the sign-off rows."""
    words = Words(labels)
    people = {role.id: role for role in plan.roles}

    def person(role_id: str | None) -> str:
        role = people.get(role_id or "")
        if role is None:
            return role_id or ""
        return f"{role.name} ({role.holder})" if role.holder else role.name

    owner = person(plan.owner)
    periods = [s.period for s in statuses if s.period]
    latest = max(periods, key=lambda p: period_days(p)[0]) if periods else None
    approvals = approval_rows(plan.approvals, {r.id: r.name for r in plan.roles}, words)
    approvers = {a.role for a in plan.approvals}
    signers = sorted(
        (role for role in plan.roles if role.id not in approvers),
        key=lambda role: role.id != plan.owner,
    )
    if approvals:
        approval = approved_by(approvals)
    elif owner:
        approval = labels.format("approval_by", who=owner, section=labels["signoff"])
    else:
        approval = ""
    version = " · ".join(
        part
        for part in (plan.version or "", words.enum("status", plan.status) if plan.status else "")
        if part
    )
    return {
        "doc": {
            **_plan_doc(plan, labels, words),
            "version": plan.version or "",
            "version_line": version,
            "status": words.enum("status", plan.status) if plan.status else "",
            "owner_line": owner,
            "approval": approval,
            "measured": labels.format("week_of", date=words.date(period_days(latest)[0]))
            if latest
            else "",
        },
        "timeline": timeline,
        "raci_legend": labels["raci_legend"],
        "raci_matrix": raci_matrix(plan, labels, writer),
        "approvals": approvals,
        "signoff": [{**row, "signature": ""} for row in approvals]
        + [
            {"role": role.name, "name": role.holder or "", "date": "", "signature": ""}
            for role in signers
        ]
        or [{"role": owner, "name": "", "date": "", "signature": ""}],
    }


def _plan_values(
    plan: Plan, labels: Labels, printed: Any, writer: RichWriter, statuses: list[KPIStatus]
) -> dict[str, Any]:
    """Return the template variables of a plan document."""
    words = Words(labels)
    shown = RichParts(words, writer)
    roles = {role.id: role.name for role in plan.roles}
    kpis = {
        k.id: {**kpi_values(k, words, roles), **_status_values(status, k.unit, words)}
        for k, status in zip(plan.kpis, statuses, strict=True)
    }

    def names(ids: list[str]) -> str:
        return ", ".join(roles.get(i, i) for i in ids)

    phases = []
    for phase in plan.phases:
        activities = [
            {
                "title": a.title,
                "cell": "\n".join(
                    [a.title]
                    + ([labels.format("procedure_link", id=a.procedure)] if a.procedure else [])
                    + ([plain(a.notes, words.language)] if a.notes else [])
                ),
                "due": words.date(a.due, "medium"),
                "status": words.enum("activity", a.status),
                "responsible": names(a.raci.responsible),
                "accountable": names(a.raci.accountable),
                "consulted": names(a.raci.consulted),
                "informed": names(a.raci.informed),
            }
            for a in phase.activities
        ]
        phases.append(
            {
                "activities_table": activities_table(activities, labels, writer),
                "name": phase.name,
                "dates": f"{words.date(phase.start)} – {words.date(phase.end)}",
                "goal": words.labelled("goal", phase.goal) if phase.goal else "",
                "goals": [plain(goal, words.language) for goal in phase.goals],
                "activities": activities,
            }
        )
    sheets = []
    for role in plan.roles:
        parts = []
        for key, letter in (
            ("owns", "accountable"),
            ("does", "responsible"),
            ("consulted_on", "consulted"),
            ("informed_of", "informed"),
        ):
            lines = [
                f"{a.title} ({words.date(a.due, 'medium')})" if a.due else a.title
                for phase in plan.phases
                for a in phase.activities
                if role.id in getattr(a.raci, letter)
            ]
            if key == "owns":
                lines = [o.statement for o in plan.objectives if o.owner == role.id] + lines
                lines += [k.name for k in plan.kpis if k.owner == role.id]
                lines += [m.title for m in plan.meetings if m.owner == role.id]
            if lines:
                parts.append({"label": labels[key], "lines": lines})
        if not parts:
            continue
        sheets.append(
            {
                "title": labels.format("responsibility_sheet", role=role.name),
                "holder": words.labelled("holder", role.holder) if role.holder else "",
                "parts": parts,
            }
        )
    return {
        "labels": dict(labels),
        "doc": _plan_doc(plan, labels, words),
        "objectives": [
            {
                "priority": labels.format("priority", priority=o.priority),
                "statement": o.statement,
                "owner": words.labelled("owner", roles.get(o.owner or "", o.owner or "")),
                "kpis": [kpis[k] for k in o.kpis if k in kpis],
                "rank": str(o.priority),
                "owner_name": roles.get(o.owner or "", o.owner or ""),
                "measured_by": "\n".join(kpis[k]["name"] for k in o.kpis if k in kpis),
            }
            for o in sorted(plan.objectives, key=lambda o: o.priority)
        ],
        "kpis": list(kpis.values()),
        "phases": phases,
        "milestones": [
            {"date": words.date(m.date), "title": m.title, "kind": words.enum("milestone", m.kind)}
            for m in sorted(plan.milestones, key=lambda m: m.date)
        ],
        "meetings": [
            {
                "title": m.title,
                "cadence": words.enum("frequency", m.cadence)
                + (f", {words.weekday(m.weekday)}" if m.weekday else "")
                + (f" · {written_length(m.duration, words.language)}" if m.duration else ""),
                "duration": written_length(m.duration, words.language) if m.duration else "",
                "owner": roles.get(m.owner or "", m.owner or ""),
                "participants": names(m.participants),
            }
            for m in plan.meetings
        ],
        "procedures": list(plan.procedures),
        "callouts": shown.callouts(plan.notes),
        "notes": shown.notes(plan.notes),
        "links": shown.links(plan.links),
        "risks": [
            {
                "risk": r.risk,
                "severity": words.enum("severity", r.severity),
                "mitigation": r.mitigation,
            }
            for r in plan.risks
        ],
        "sheets": sheets,
        "role_rows": _role_rows(plan),
        "kpi_notes": _measurement_notes(plan, words),
        **printed_values(words, printed),
    }


def _role_rows(plan: Plan) -> list[dict[str, str]]:
    """Return each role with its holder and responsibilities, when any role has some."""
    if not any(role.responsibilities for role in plan.roles):
        return []
    return [
        {
            "name": role.name,
            "holder": role.holder or "",
            "responsibilities": "\n".join(role.responsibilities),
        }
        for role in plan.roles
    ]


def _measurement_notes(plan: Plan, words: Words) -> list[str]:
    """Return the comments written on measurements: KPI, week, value, then the comment."""
    kpis = {kpi.id: kpi for kpi in plan.kpis}
    order = {kpi.id: index for index, kpi in enumerate(plan.kpis)}
    noted = [m for m in plan.measurements if m.note]
    lines = []
    for m in sorted(noted, key=lambda m: (order.get(m.kpi, len(order)), period_days(m.period))):
        kpi = kpis.get(m.kpi)
        first, last = period_days(m.period)
        when = words.date(first, "medium")
        if first != last:
            when = words.labels.format("week_of", date=when)
        value = words.number(m.value, kpi.unit if kpi else None)
        label = f"{kpi.name if kpi else m.kpi}, {when}"
        lines.append(words.labels.format("labelled", label=label, text=f"{value} — {m.note}"))
    return lines


def _plan_doc(plan: Plan, labels: Labels, words: Words) -> dict[str, str]:
    """Return the plan's identity: id, title, organization, period, owner."""
    span = labels.format(
        "horizon", start=words.date(plan.start), end=words.date(plan.end), days=plan.horizon_days
    )
    return {
        "id": plan.id,
        "title": plan.title,
        "note": f"{words.date(plan.start, 'medium')} – {words.date(plan.end, 'medium')}",
        "organization": plan.organization or "",
        "period": (" · " if plan.organization else "") + span,
        "span": span,
        "owner": next((r.name for r in plan.roles if r.id == plan.owner), plan.owner or ""),
    }
