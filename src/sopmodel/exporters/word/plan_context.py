"""The template variables of a plan document (see docs/word-templates.md)."""

from __future__ import annotations

from typing import Any

from sopmodel.exporters.word.context import (
    RichParts,
    Words,
    kpi_values,
    printed_values,
    typeset_values,
)
from sopmodel.exporters.word.richtext import RichWriter
from sopmodel.i18n import Labels
from sopmodel.model import Plan
from sopmodel.views import plain

__all__ = ["plan_context"]


def plan_context(plan: Plan, labels: Labels, printed: Any, writer: RichWriter) -> dict[str, Any]:
    """Return the template variables of a plan document, typeset."""
    values = _plan_values(plan, labels, printed, writer)
    context: dict[str, Any] = typeset_values(values, labels.language)
    return context


def _plan_values(plan: Plan, labels: Labels, printed: Any, writer: RichWriter) -> dict[str, Any]:
    """Return the template variables of a plan document."""
    words = Words(labels)
    shown = RichParts(words, writer)
    roles = {role.id: role.name for role in plan.roles}
    kpis = {k.id: kpi_values(k, words, roles) for k in plan.kpis}

    def names(ids: list[str]) -> str:
        return ", ".join(roles.get(i, i) for i in ids)

    phases = []
    for phase in plan.phases:
        activities = [
            {
                "title": a.title,
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
            parts.append({"label": labels[key], "lines": lines or [labels["nothing"]]})
        sheets.append(
            {
                "title": labels.format("responsibility_sheet", role=role.name),
                "holder": words.labelled("holder", role.holder) if role.holder else "",
                "parts": parts,
            }
        )
    return {
        "labels": dict(labels),
        "doc": {
            "id": plan.id,
            "title": plan.title,
            "note": f"{words.date(plan.start, 'medium')} – {words.date(plan.end, 'medium')}",
            "organization": plan.organization or "",
            "period": (" · " if plan.organization else "")
            + labels.format(
                "horizon",
                start=words.date(plan.start),
                end=words.date(plan.end),
                days=plan.horizon_days,
            ),
            "owner": roles.get(plan.owner or "", plan.owner or ""),
        },
        "objectives": [
            {
                "priority": labels.format("priority", priority=o.priority),
                "statement": o.statement,
                "owner": words.labelled("owner", roles.get(o.owner or "", o.owner or "")),
                "kpis": [kpis[k] for k in o.kpis if k in kpis],
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
                + (f", {words.weekday(m.weekday)}" if m.weekday else ""),
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
        **printed_values(words, printed),
    }
