"""What the Word templates see: plain text values in the document's language.

Every name here is part of the template contract documented in docs/word-templates.md.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sopmodel.exporters.images import image_file
from sopmodel.i18n import Labels, format_date, format_duration, format_number, weekday_name
from sopmodel.model import KPI, Plan, Procedure
from sopmodel.model.common import add_interval
from sopmodel.views import flow_graph, number_steps

__all__ = ["Picture", "plan_context", "procedure_context"]

Picture = Callable[[Any, float | None], Any]
"""Make an embeddable picture from a file path and a width in millimetres (or None)."""


class _Words:
    """Labels and local formats of one language."""

    def __init__(self, labels: Labels) -> None:
        self.labels = labels
        self.language = labels.language

    def date(self, value: Any, width: str = "long") -> str:
        return format_date(value, self.language, width) if value else ""

    def number(self, value: float | None, unit: str | None = None) -> str:
        if value is None:
            return ""
        text = format_number(value, self.language)
        return f"{text} {unit}" if unit else text

    def enum(self, prefix: str, value: Any) -> str:
        key = f"{prefix}_{value}"
        return self.labels[key] if key in self.labels else str(value)

    def weekday(self, value: Any) -> str:
        order = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        return weekday_name(order.index(str(value)), self.language)

    def labelled(self, label: str, text: str) -> str:
        return self.labels.format("labelled", label=self.labels[label], text=text)


def _kpi(kpi: KPI, words: _Words, roles: dict[str, str]) -> dict[str, str]:
    baseline, target = words.number(kpi.baseline, kpi.unit), words.number(kpi.target, kpi.unit)
    direction = words.enum("direction", kpi.direction)
    frequency = words.enum("frequency", kpi.frequency)
    summary = f"{baseline} → {target} ({direction}, {frequency})"
    return {
        "id": kpi.id,
        "name": kpi.name,
        "unit": kpi.unit or "",
        "baseline": baseline,
        "target": target,
        "direction": direction,
        "frequency": frequency,
        "owner": roles.get(kpi.owner or "", kpi.owner or ""),
        "summary": words.labels.format("labelled", label=kpi.name, text=summary),
    }


def procedure_context(
    procedure: Procedure,
    labels: Labels,
    picture: Picture,
    flowchart: list[dict[str, Any]],
    today: Any,
) -> dict[str, Any]:
    """Return the template variables of a procedure document."""
    words = _Words(labels)
    roles = {role.id: role.name for role in procedure.roles}
    graph = flow_graph(procedure)
    numbers = {node.step.id: node.number for node in graph.nodes if node.step.id}
    review = procedure.review
    due = (
        add_interval(review.last_reviewed, review.interval)
        if review and review.last_reviewed
        else None
    )
    steps = []
    for index, item in enumerate(number_steps(procedure)):
        step = item.step
        meta = []
        who = item.roles if item.depth == 0 else step.role_ids  # a sub-step: only its own
        if who:
            meta.append(words.labelled("who", ", ".join(roles.get(r, r) for r in who)))
        if step.duration is not None:
            shown = format_duration(step.duration.low, words.language, step.duration.high)
            meta.append(words.labelled("duration", shown))
        ways: list[str] = []
        if item.depth == 0:
            node = next(n for n in graph.nodes if n.step is step)
            for edge in graph.outgoing(node.index):
                target = graph.nodes[edge.target].number
                if edge.label is not None:
                    ways.append(labels.format("if_then", when=edge.label, step=target))
                elif edge.target != node.index + 1:
                    ways.append(labels.format("then_go", step=target))
            if node.is_end and node.index != len(graph.nodes) - 1:
                ways.append(labels["end_of_procedure"])
        image = caption = None
        if step.image is not None:
            path = image_file(procedure, step.image.path, (*item.loc, "image", "path"))
            image = picture(path, None)
            caption = step.image.caption or step.image.alt or ""
        steps.append(
            {
                "number": item.number,
                "depth": item.depth,
                "title": step.title,
                "role": roles.get(item.role or "", item.role or ""),
                "meta": " · ".join(meta),
                "details": step.details or "",
                "check": words.labelled("check", step.check) if step.check else "",
                "warning": words.labelled("warning", step.warning) if step.warning else "",
                "ways": ways,
                "image": image,
                "caption": caption or "",
                "index": index,
            }
        )
    approvals = [
        {"role": roles.get(a.role, a.role), "name": a.name, "date": words.date(a.date)}
        for a in procedure.approvals
    ]
    return {
        "labels": dict(labels),
        "doc": {
            "id": procedure.id,
            "title": procedure.title,
            "version": procedure.version,
            "note": f"{labels['version']} {procedure.version}",
            "status": words.enum("status", procedure.status),
            "language": words.language,
            "category": procedure.category.value,
            "objective": procedure.objective or "",
            "scope": procedure.scope or "",
            "owner": roles.get(procedure.owner or "", procedure.owner or ""),
            "effective": words.date(procedure.effective),
            "last_reviewed": words.date(review.last_reviewed if review else None),
            "review_due": words.date(due),
            "approved_by": ", ".join(f"{a['name']} ({a['role']})" for a in approvals),
            "keywords": ", ".join(procedure.keywords),
        },
        "roles": [
            {
                "id": r.id,
                "name": r.name,
                "holder": r.holder or "",
                "holder_text": f" — {r.holder}" if r.holder else "",
                "responsibilities": "; ".join(r.responsibilities),
            }
            for r in procedure.roles
        ],
        "requirements": [
            {
                "name": r.name,
                "kind": words.enum("requirement", r.kind),
                "details": r.details or "",
                "details_text": f" — {r.details}" if r.details else "",
            }
            for r in procedure.requirements
        ],
        "glossary": [{"term": g.term, "definition": g.definition} for g in procedure.glossary],
        "steps": steps,
        "flowchart": flowchart,
        "quality": {
            "criteria": list(procedure.quality.criteria),
            "kpis": [_kpi(k, words, roles) for k in procedure.quality.kpis],
        },
        "risks": [
            {
                "risk": r.risk,
                "severity": words.enum("severity", r.severity),
                "mitigation": r.mitigation,
                "step": numbers.get(r.step or "", ""),
            }
            for r in procedure.risks
        ],
        "troubleshooting": [
            {
                "problem": t.problem,
                "cause": t.cause or "",
                "solution": t.solution,
                "step": numbers.get(t.step or "", ""),
            }
            for t in procedure.troubleshooting
        ],
        "revisions": [
            {
                "version": r.version,
                "date": words.date(r.date),
                "author": r.author or "",
                "changes": r.changes or "",
            }
            for r in procedure.revisions
        ],
        "approvals": approvals,
        "signoff": approvals
        or [{"role": roles.get(procedure.owner or "", ""), "name": "", "date": ""}],
        "generated": labels.format("generated", date=words.date(today)),
    }


def plan_context(plan: Plan, labels: Labels, today: Any) -> dict[str, Any]:
    """Return the template variables of a plan document."""
    words = _Words(labels)
    roles = {role.id: role.name for role in plan.roles}
    kpis = {k.id: _kpi(k, words, roles) for k in plan.kpis}

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
        "sheets": sheets,
        "generated": labels.format("generated", date=words.date(today)),
    }
