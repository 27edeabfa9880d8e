"""Rules on what a 90-day plan must hold: its sections, and phases that cover its horizon."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from sopmodel.diagnostics import Loc, Severity
from sopmodel.model import Phase, Plan
from sopmodel.rules.dates import add_days, plan_end
from sopmodel.rules.engine import Context, Finding, rule

PLAN = ("plan",)

_SECTIONS = (
    ("objectives", "objectives", "the few priorities, each measured by KPIs"),
    ("kpis", "KPIs", "what is measured every week"),
    ("phases", "phases", "diagnostic, planning, actions, with their dates"),
)


@rule("PLAN211", "incomplete-plan", Severity.error, PLAN)
def incomplete_plan(document: Plan, context: Context) -> Iterator[Finding]:
    """The plan has no objectives, no KPIs or no phases.

    A 90-day plan says what it pursues (objectives), how progress is measured (KPIs) and
    when the work happens (phases); without one of them it cannot be steered, and the
    Word report, the deck and the tracker have nothing to show there. Add the section.
    """
    for key, name, what in _SECTIONS:
        if getattr(document, key):
            continue
        written = key in document.model_fields_set
        yield Finding(
            (key,) if written else ("title",),
            f"the plan has no {name}: add {key} ({what})",
            key=written,
        )


def _has_weekday(first: dt.date, last: dt.date) -> bool:
    """Return True when a span of days holds a day from Monday to Friday."""
    return (last - first).days >= 2 or first.weekday() < 5 or last.weekday() < 5


def _span(first: dt.date, last: dt.date) -> str:
    days = (last - first).days + 1
    if days == 1:
        return first.isoformat()
    return f"{first.isoformat()} to {last.isoformat()} ({days} days)"


Gap = tuple[Loc, dt.date, dt.date, Phase | None, Phase | None]
"""Where to report it, its first and last day, the phase before it and the phase after it."""


def _gaps(document: Plan) -> Iterator[Gap]:
    """Yield each span of the horizon that no phase covers; phases that end before they
    start are left to PLAN209."""
    start, end = document.start, plan_end(document.start, document.horizon_days)
    phases = sorted(
        ((i, p) for i, p in enumerate(document.phases) if p.start <= p.end),
        key=lambda item: (item[1].start, item[1].end),
    )
    next_day = start  # the first day not yet covered
    before: tuple[int, Phase] | None = None
    for index, phase in phases:
        if next_day > end:
            return
        if phase.start > next_day:
            last = min(add_days(phase.start, -1) or phase.start, end)
            yield ("phases", index, "start"), next_day, last, before and before[1], phase
        if phase.end >= next_day:
            following = add_days(phase.end, 1)
            if following is None:
                return
            next_day, before = following, (index, phase)
    if before is not None and next_day <= end:
        yield ("phases", before[0], "end"), next_day, end, before[1], None


@rule("PLAN212", "uncovered-horizon", Severity.warning, PLAN)
def uncovered_horizon(document: Plan, context: Context) -> Iterator[Finding]:
    """Part of the plan's horizon falls in no phase: before, between or after the phases.

    Every day of the 90 days belongs to a phase, so that the team always knows what the
    current phase asks of it. Extend a phase or move its dates. A gap made only of a
    weekend (a phase ending on Friday, the next starting on Monday) is not reported.
    """
    for loc, first, last, before, after in _gaps(document):
        if not _has_weekday(first, last):
            continue
        if before is None and after is not None:
            fix = f"start phase {after.id!r} on {first.isoformat()}, or add a phase before it"
        elif after is None and before is not None:
            fix = f"end phase {before.id!r} on {last.isoformat()}, or add a phase after it"
        elif before is not None and after is not None:
            fix = f"extend phase {before.id!r} or start {after.id!r} earlier"
        else:
            fix = "give it a phase"
        yield Finding(loc, f"{_span(first, last)} falls in no phase: {fix}")
