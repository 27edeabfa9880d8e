"""What a plan's kick-off deck says, slide by slide."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sopmodel.exporters.slides.deck import (
    Fonts,
    Geometry,
    Para,
    Sizes,
    Slide,
    para,
)
from sopmodel.exporters.slides.paras import (
    kpi_text,
    labelled_text,
    notes_paras,
    references,
    risk_paras,
    role_list,
    styled,
)
from sopmodel.exporters.slides.session import MINUTES
from sopmodel.exporters.slides.writer import SlideWriter
from sopmodel.exporters.writing import printed_line
from sopmodel.i18n import Labels, format_date, weekday_name
from sopmodel.model import Plan
from sopmodel.model.plan import Weekday
from sopmodel.views import (
    plain,
)
from sopmodel.views.lengths import written_length

__all__ = ["plan_deck"]


def plan_deck(
    plan: Plan,
    labels: Labels,
    geometry: Geometry,
    sizes: Sizes,
    fonts: Fonts,
    printed: dt.date | None,
) -> list[Slide]:
    """Return the slides of a plan's kick-off deck: notes, objectives and KPIs, the calendar,
    each phase's activities with owner and due date, owners, meetings, risks, references."""
    language = labels.language
    deck = SlideWriter(geometry, sizes, fonts, labels)
    roles = {role.id: role.name for role in plan.roles}
    span = f"{format_date(plan.start, language)} – {format_date(plan.end, language)}"
    subtitle = [plan.organization] if plan.organization else []
    subtitle += [f"{labels['kickoff']} · {plan.id} · {span}"]
    subtitle += [printed_line(labels, printed)] if printed else []
    deck.cover(plan.title, subtitle)
    if plan.notes:
        deck.content(labels["notes"], notes_paras(plan.notes, labels))
    kpis = {k.id: k for k in plan.kpis}
    shown: set[str] = set()
    paras: list[Para] = []
    for objective in sorted(plan.objectives, key=lambda o: o.priority):
        owner = f" · {role_list([objective.owner], roles)}" if objective.owner else ""
        statement = plain(objective.statement, language)
        paras.append(para(0, f"{objective.priority}. {statement}{owner}"))
        for kpi_id in objective.kpis:
            if kpi_id in kpis:
                paras.append(para(1, kpi_text(kpis[kpi_id], labels)))
                shown.add(kpi_id)
    others = [k for k in plan.kpis if k.id not in shown]
    if others:
        paras.append(para(0, labels["indicators"], bullet=False, bold=True, keep=True))
        paras += [para(1, kpi_text(k, labels)) for k in others]
    if paras:
        deck.content(labels["objectives"], paras)
    _calendar(deck, plan)
    for phase in plan.phases:
        if phase.activities:
            deck.content(
                labels.format("activities_of", phase=plain(phase.name, language)),
                [_activity(a, roles, labels) for a in phase.activities],
                notes="\n".join(f"{a.title}: {a.notes}" for a in phase.activities if a.notes),
            )
    owners: list[tuple[str, str]] = []
    for role in plan.roles:
        owned = [o.statement for o in plan.objectives if o.owner == role.id]
        owned += [
            a.title for p in plan.phases for a in p.activities if role.id in a.raci.accountable
        ]
        if owned:
            owners.append((role.name, "; ".join(owned)))
    if owners:
        deck.cards(labels["who_owns_what"], owners)
    if plan.meetings:
        rhythm = [p for m in plan.meetings for p in _meeting(m, roles, labels)]
        deck.content(labels["meeting_rhythm"], rhythm)
    if plan.risks:
        deck.content(labels["risks"], risk_paras(plan.risks, labels))
    references(deck, plan.links, [])
    if plan.procedures:
        deck.content(
            labels["procedures_used"],
            [para(0, labels.format("procedure_link", id=p)) for p in plan.procedures],
            minutes=MINUTES["references"],
        )
    return deck.slides


def _calendar(deck: SlideWriter, plan: Plan) -> None:
    """Add the calendar: each phase with its dates, goals and milestones, then the others."""
    labels, language = deck.labels, deck.labels.language
    calendar: list[Para] = []
    placed: set[str] = set()
    for phase in plan.phases:
        first, last = (format_date(d, language, "medium") for d in (phase.start, phase.end))
        name = plain(phase.name, language)
        calendar.append(para(0, f"{name} ({first} – {last})", bold=True, keep=True))
        goals = [phase.goal] if phase.goal else []
        goals += phase.goals
        if goals:
            calendar.append(para(1, labels["goals"], bullet=False, bold=True, keep=True))
            calendar += [para(2, plain(goal, language)) for goal in goals]
        for milestone in plan.milestones:
            if phase.start <= milestone.date <= phase.end and milestone.id not in placed:
                placed.add(milestone.id)
                when = format_date(milestone.date, language, "medium")
                title = plain(milestone.title, language)
                calendar.append(styled(1, f"◆ {title} · {when}", "facts"))
    rest = [m for m in plan.milestones if m.id not in placed]
    if rest:
        calendar.append(para(0, labels["other_milestones"], bullet=False, bold=True, keep=True))
        calendar += [
            styled(
                1,
                f"◆ {plain(m.title, language)} · {format_date(m.date, language, 'medium')}",
                "facts",
            )
            for m in rest
        ]
    if calendar:
        deck.content(labels["calendar"], calendar)


def _activity(activity: Any, roles: dict[str, str], labels: Labels) -> Para:
    """Return an activity as 'title · owner · due date' (the accountable, else responsible)."""
    owner = activity.raci.accountable or activity.raci.responsible
    parts = [plain(activity.title, labels.language)]
    parts += [role_list(owner, roles)] if owner else []
    if activity.due is not None:
        due = format_date(activity.due, labels.language, "medium")
        parts.append(labels.format("due", date=due))
    if activity.procedure:
        parts.append(labels.format("procedure_link", id=activity.procedure))
    return para(0, " · ".join(parts))


def _meeting(meeting: Any, roles: dict[str, str], labels: Labels) -> list[Para]:
    parts = [labels[f"frequency_{meeting.cadence.value}"]]
    if meeting.weekday is not None:
        day = list(Weekday).index(meeting.weekday)
        parts.append(weekday_name(day, labels.language))
    parts += [written_length(meeting.duration, labels.language)] if meeting.duration else []
    parts += [role_list([meeting.owner], roles)] if meeting.owner else []
    title = plain(meeting.title, labels.language)
    shown = para(0, labels.format("labelled", label=title, text=" · ".join(parts)))
    if not meeting.participants:
        return [shown]
    return [shown, para(1, labelled_text(labels, labels["participants"],
                                          role_list(meeting.participants, roles)))]  # fmt: skip
