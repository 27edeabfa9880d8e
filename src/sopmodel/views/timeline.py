"""A plan's timeline to scale: its days, weeks and months, and a row per phase, activity and
milestone placed on them. Every output that draws the timeline reads this one view."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sopmodel.i18n import format_date
from sopmodel.model import Plan
from sopmodel.views.richtext import plain

__all__ = ["Month", "Timeline", "TimelineRow", "plan_timeline"]


@dataclass(frozen=True)
class TimelineRow:
    """One line of the timeline: a phase (a span), an activity or a milestone (a day)."""

    kind: str
    """phase, activity or milestone."""
    label: str
    first: int | None
    """The day it starts (0 is the plan's first day), None when it has no date."""
    last: int | None
    """The day it ends, the same as `first` for a single day."""
    when: str
    """Its date, or its first and last days, written short the language's way."""
    clipped: bool = False
    """True when its dates reach outside the plan and are drawn at the plan's edge."""


@dataclass(frozen=True)
class Month:
    """A calendar month, or the part of it the plan covers."""

    first: int
    last: int
    name: str
    """The month's name (and the year for the first month and January): janvier 2027."""
    short: str
    """The month's name abbreviated, for a narrow month: janv."""


@dataclass(frozen=True)
class Timeline:
    """A plan's days, its week and month scale, and its rows, first to last."""

    days: int
    weeks: tuple[tuple[int, str], ...]
    """(day of each Monday, its day of the month written the language's way)."""
    months: tuple[Month, ...]
    rows: tuple[TimelineRow, ...]


def _months(start: dt.date, days: int, language: str) -> tuple[Month, ...]:
    months: list[Month] = []
    for offset in range(days):
        day = start + dt.timedelta(days=offset)
        if not months or day.day == 1:
            name = format_date(day, language, "LLLL y" if not months or day.month == 1 else "LLLL")
            months.append(Month(offset, offset, name, format_date(day, language, "LLL")))
        else:
            months[-1] = replace(months[-1], last=offset)
    return tuple(months)


def plan_timeline(plan: Plan, language: str) -> Timeline:
    """Return the timeline of a plan in a language: milestones first, then each phase and
    its activities."""
    days = plan.horizon_days

    def short(day: dt.date) -> str:
        return format_date(day, language, "d MMM")

    def offset(day: dt.date) -> tuple[int, bool]:
        value = (day - plan.start).days
        return min(max(value, 0), days - 1), not 0 <= value < days

    def on_day(kind: str, label: str, day: dt.date | None) -> TimelineRow:
        if day is None:
            return TimelineRow(kind, plain(label, language), None, None, "")
        at, clipped = offset(day)
        return TimelineRow(kind, plain(label, language), at, at, short(day), clipped)

    rows = [
        on_day("milestone", m.title, m.date) for m in sorted(plan.milestones, key=lambda m: m.date)
    ]
    for phase in plan.phases:
        (first, early), (last, late) = offset(phase.start), offset(phase.end)
        when = f"{short(phase.start)} – {short(phase.end)}"
        name = plain(phase.name, language)
        rows.append(TimelineRow("phase", name, first, last, when, early or late))
        rows += [on_day("activity", a.title, a.due) for a in phase.activities]
    weeks = tuple(
        (offset, format_date(plan.start + dt.timedelta(days=offset), language, "d"))
        for offset in range(days)
        if (plan.start + dt.timedelta(days=offset)).weekday() == 0
    )
    return Timeline(days, weeks, _months(plan.start, days, language), tuple(rows))
