"""Rules on a 90-day S&OP plan: few priorities, measurable objectives, clear RACI, dates."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from sopmodel.diagnostics import Loc, Severity, format_loc
from sopmodel.model import Activity, Plan
from sopmodel.model.plan import period_days
from sopmodel.rules.dates import add_days, plan_end
from sopmodel.rules.engine import Context, Finding, rule

PLAN = ("plan",)


@rule("PLAN201", "too-many-priorities", Severity.warning, PLAN, max_priorities=3)
def too_many_priorities(document: Plan, context: Context) -> Iterator[Finding]:
    """The plan has more objectives than a small team can pursue at once.

    Too many simultaneous priorities is the first cause of failure of a 90-day plan:
    keep what is vital (the `max-priorities` option, 3 by default) and park the rest.
    """
    limit = context.option("max-priorities")
    if len(document.objectives) > limit:
        yield Finding(
            ("objectives", limit),
            f"{len(document.objectives)} objectives: keep at"
            f" most {limit} priorities and park the others for the next plan",
        )


@rule("PLAN202", "objective-without-target", Severity.error, PLAN)
def objective_without_target(document: Plan, context: Context) -> Iterator[Finding]:
    """An objective has no KPI with a target.

    An objective nobody can measure cannot be steered. Link it (`kpis`) to at least
    one KPI that has a `target`.
    """
    targets = {kpi.id for kpi in document.kpis if kpi.target is not None}
    for i, objective in enumerate(document.objectives):
        if not targets.intersection(objective.kpis):
            yield Finding(
                ("objectives", i),
                f"objective {objective.id!r} has no KPI with a"
                " target: link it to a KPI and give that KPI a target",
            )


def _activities(document: Plan) -> Iterator[tuple[Loc, Activity]]:
    for p, phase in enumerate(document.phases):
        for a, activity in enumerate(phase.activities):
            yield ("phases", p, "activities", a), activity


@rule("PLAN203", "raci-accountable", Severity.error, PLAN)
def raci_accountable(document: Plan, context: Context) -> Iterator[Finding]:
    """An activity does not have exactly one accountable role.

    With none, nobody answers for the result; with several, each one thinks another
    does. Name exactly one role under `raci.accountable`.
    """
    for loc, activity in _activities(document):
        count = len(activity.raci.accountable)
        if count != 1:
            where = (*loc, "raci", "accountable") if count else (*loc, "raci")
            said = "no accountable role" if not count else f"{count} accountable roles"
            yield Finding(
                where,
                f"activity {activity.id!r} has {said}: name exactly one under raci.accountable",
            )


@rule("PLAN204", "raci-responsible", Severity.error, PLAN)
def raci_responsible(document: Plan, context: Context) -> Iterator[Finding]:
    """An activity has no responsible role.

    Somebody must do the work. Name the roles that do it under `raci.responsible`.
    """
    for loc, activity in _activities(document):
        if not activity.raci.responsible:
            yield Finding(
                (*loc, "raci"),
                f"activity {activity.id!r} has no responsible role:"
                " name who does the work under raci.responsible",
            )


def _dated(document: Plan) -> Iterator[tuple[Loc, dt.date, dt.date]]:
    """Yield (path, first day, last day) of everything in the plan that has a date."""
    for p, phase in enumerate(document.phases):
        yield ("phases", p, "start"), phase.start, phase.start
        yield ("phases", p, "end"), phase.end, phase.end
        for a, activity in enumerate(phase.activities):
            if activity.due:
                yield ("phases", p, "activities", a, "due"), activity.due, activity.due
    for i, milestone in enumerate(document.milestones):
        yield ("milestones", i, "date"), milestone.date, milestone.date
    for i, measurement in enumerate(document.measurements):
        try:
            first, last = period_days(measurement.period)
        except (ValueError, TypeError):
            continue
        yield ("measurements", i, "period"), first, last


@rule("PLAN205", "date-outside-horizon", Severity.error, PLAN)
def date_outside_horizon(document: Plan, context: Context) -> Iterator[Finding]:
    """A phase, activity, milestone or measurement lies outside the plan's horizon.

    The plan runs from `start` for `horizon_days` days; anything dated outside it is
    either a typo or belongs to another plan. Correct the date or the horizon.
    """
    start, end = document.start, plan_end(document.start, document.horizon_days)
    for loc, first, last in _dated(document):
        if last < start or first > end:
            yield Finding(
                loc,
                f"{format_loc(loc)} ({first.isoformat()}) is outside the plan,"
                f" which runs from {start.isoformat()} to {end.isoformat()}",
            )


_RETRO = re.compile(r"r[ée]tro|bilan|lessons|retour d.exp", re.IGNORECASE)


@rule("PLAN206", "no-retrospective", Severity.warning, PLAN, retrospective_window_days=14)
def no_retrospective(document: Plan, context: Context) -> Iterator[Finding]:
    """No retrospective is planned near the end of the plan.

    The closing review of what worked, what to fix and what becomes the new normal is
    what makes the next 90 days better. Add a milestone with `kind: retrospective`
    in the last days of the plan (`retrospective-window-days`, 14 by default).
    """
    days = context.option("retrospective-window-days")
    end = plan_end(document.start, document.horizon_days)
    opens = add_days(end, -days) or dt.date.min
    for milestone in document.milestones:
        is_retro = milestone.kind == "retrospective" or _RETRO.search(
            f"{milestone.id} {milestone.title}"
        )
        if is_retro and opens <= milestone.date <= end:
            return
    yield Finding(
        ("milestones",) if document.milestones else (),
        "no retrospective in the"
        f" last {days} days of the plan: add a milestone with kind:"
        f" retrospective before {end.isoformat()}",
        key=True,
    )


@rule("PLAN207", "too-many-kpis", Severity.warning, PLAN, max_kpis=7)
def too_many_kpis(document: Plan, context: Context) -> Iterator[Finding]:
    """The plan follows more KPIs than a small team can track every week.

    Few indicators that serve beat many that nobody reads. Keep at most `max-kpis`
    (7 by default) and drop or merge the others.
    """
    limit = context.option("max-kpis")
    if len(document.kpis) > limit:
        yield Finding(
            ("kpis", limit),
            f"{len(document.kpis)} KPIs: a small team can follow"
            f" about {limit}; keep the ones that drive a decision",
        )


@rule("PLAN208", "duplicate-priority", Severity.warning, PLAN)
def duplicate_priority(document: Plan, context: Context) -> Iterator[Finding]:
    """Two objectives share the same priority.

    When time runs short the team must know which comes first. Give each objective its
    own priority (1, 2, 3).
    """
    seen: dict[int, str] = {}
    for i, objective in enumerate(document.objectives):
        if objective.priority in seen:
            yield Finding(
                ("objectives", i, "priority"),
                f"priority {objective.priority} is also"
                f" that of {seen[objective.priority]!r}: rank the objectives 1, 2, 3",
            )
        seen.setdefault(objective.priority, objective.id)


@rule("PLAN209", "phase-dates", Severity.error, PLAN)
def phase_dates(document: Plan, context: Context) -> Iterator[Finding]:
    """A phase ends before it starts, or starts before the previous phase ends.

    Phases follow each other (diagnostic, planning, actions). List them in order, with
    dates that do not overlap.
    """
    for p, phase in enumerate(document.phases):
        if phase.end < phase.start:
            yield Finding(
                ("phases", p, "end"),
                f"phase {phase.id!r} ends"
                f" ({phase.end.isoformat()}) before it starts ({phase.start.isoformat()})",
            )
        elif p and phase.start <= document.phases[p - 1].end:
            before = document.phases[p - 1]
            yield Finding(
                ("phases", p, "start"),
                f"phase {phase.id!r} starts"
                f" {phase.start.isoformat()}, before {before.id!r} ends"
                f" ({before.end.isoformat()}): list phases in order without overlap",
            )


@rule("PLAN210", "activity-outside-phase", Severity.warning, PLAN)
def activity_outside_phase(document: Plan, context: Context) -> Iterator[Finding]:
    """An activity is due outside the dates of its phase.

    The calendar and the phase reviews would disagree. Move the activity to the phase
    it belongs to, or correct its due date.
    """
    for p, phase in enumerate(document.phases):
        for a, activity in enumerate(phase.activities):
            if activity.due and not phase.start <= activity.due <= phase.end:
                yield Finding(
                    ("phases", p, "activities", a, "due"),
                    f"activity {activity.id!r}"
                    f" is due {activity.due.isoformat()}, outside phase {phase.id!r}"
                    f" ({phase.start.isoformat()} to {phase.end.isoformat()})",
                )
