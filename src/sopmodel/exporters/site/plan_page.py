"""A plan's page: timeline of phases, activities and milestones, KPI status from the
measurements, RACI matrix, objectives by priority, meetings and retrospectives."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sopmodel.exporters.site.entries import LoadedFile, safe_name
from sopmodel.exporters.site.html import rich
from sopmodel.exporters.site.pages import SiteContext
from sopmodel.exporters.site.procedure_page import link_html
from sopmodel.exporters.word.raci_matrix import raci_rows
from sopmodel.i18n import format_date, format_number, weekday_name
from sopmodel.markup import plain
from sopmodel.model import Plan
from sopmodel.model.plan import Weekday
from sopmodel.views import link_texts, signal_word
from sopmodel.views.kpi_status import plan_status
from sopmodel.views.timeline import plan_timeline

__all__ = ["context", "render"]


def context(plan: Plan, site: SiteContext) -> dict[str, Any]:
    """Return the template values of a plan's page."""
    language = plan.language.value
    labels = site.labels(language)
    roles = {r.id: plain(r.name, language) for r in plan.roles}

    def number(value: float | None) -> str:
        return format_number(round(value, 2), language) if value is not None else "—"

    timeline = plan_timeline(plan, language)
    titles = {e.id: e.title for e in site.book.entries()}
    kinds = {
        "phase": labels["phase"],
        "activity": labels["activity"],
        "milestone": labels["milestone_milestone"],
    }
    kpis = {k.id: k for k in plan.kpis}
    status = [
        {
            "name": s.name,
            "unit": kpis[s.kpi].unit or "" if s.kpi in kpis else "",
            "latest": number(s.latest),
            "period": s.period or "",
            "expected": number(s.expected),
            "target": number(kpis[s.kpi].target) if s.kpi in kpis else "—",
            "status": s.status,
            "status_label": labels[f"status_{s.status}"],
            "trend": labels[f"trend_{s.trend}"] if s.trend else "",
        }
        for s in plan_status(plan)
    ]
    matrix = raci_rows(plan, labels)
    objectives = sorted(plan.objectives, key=lambda o: o.priority)
    meetings = [
        {
            "title": plain(m.title, language),
            "cadence": labels[f"frequency_{m.cadence.value}"],
            "weekday": weekday_name(list(Weekday).index(m.weekday), language) if m.weekday else "",
            "duration": m.duration or "",
            "owner": roles.get(m.owner or "", m.owner or ""),
            "participants": ", ".join(roles.get(p, p) for p in m.participants),
        }
        for m in plan.meetings
    ]
    retrospectives = [
        {"title": plain(m.title, language), "date": format_date(m.date, language)}
        for m in plan.milestones
        if m.kind.value == "retrospective"
    ]
    title = plain(plan.title, language)
    facts = [(labels["document_id"], plan.id)]
    if plan.version:
        facts.append((labels["version"], plan.version))
    if plan.status:
        facts.append((labels["status"], labels[f"status_{plan.status.value}"]))
    if plan.owner:
        facts.append((labels["owner"], roles.get(plan.owner, plan.owner)))
    if plan.organization:
        facts.append((labels["organization"], plan.organization))
    days = f"{plan.horizon_days} j" if language == "fr" else f"{plan.horizon_days} days"
    facts.append((labels["period"], f"{format_date(plan.start, language)} · {days}"))
    return {
        "doc": plan,
        "lang": language,
        "l": labels,
        "title": title,
        "facts": facts,
        "timeline": timeline,
        "rows": [
            {
                "kind": r.kind,
                "kind_label": kinds.get(r.kind, r.kind),
                "label": r.label,
                "when": r.when,
                "x": r.first if r.first is not None else None,
                "w": (r.last - r.first + 1) if r.first is not None and r.last is not None else None,
            }
            for r in timeline.rows
        ],
        "status": status,
        "raci": matrix,
        "objectives": [
            {
                "priority": labels.format("priority", priority=o.priority),
                "statement": plain(o.statement, language),
                "owner": roles.get(o.owner or "", o.owner or ""),
                "kpis": ", ".join(
                    plain(kpis[k].name, language) if k in kpis else k for k in o.kpis
                ),
            }
            for o in objectives
        ],
        "meetings": meetings,
        "retrospectives": retrospectives,
        "procedures": [
            {
                "id": titles.get(p, p),
                "url": "../" + site.known[p] if p in site.known else None,
                "label": labels.format("site_not_in_site", id=p),
            }
            for p in plan.procedures
        ],
        "roles": [
            {"name": roles[r.id], "url": f"../roles/{safe_name(r.id)}.html"} for r in plan.roles
        ],
        "notes": [
            {
                "level": n.level.value,
                "label": signal_word(n.level, labels),
                "html": rich(n.text, language),
            }
            for n in sorted(plan.notes, key=lambda n: n.level.rank)
        ],
        "links": [link_html(item, site, labels) for item in link_texts(plan.links, labels)],
        "findings": [],
    }


def render(plan: Plan, loaded: LoadedFile, site: SiteContext) -> Iterator[tuple[str, bytes]]:
    """Yield the plan's page."""
    values = context(plan, site)
    if site.book.options.findings:
        values["findings"] = loaded.problems
    page = site.page("plan", values["title"], values["lang"])
    yield loaded.url, site.render("plan.html", page=page, **values)
