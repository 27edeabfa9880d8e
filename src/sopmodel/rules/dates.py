"""Date arithmetic for rules: constant time, and never past the ends of the calendar.

Rules also run on documents built in memory without validation (`model_construct`), so
they cannot rely on the model's bounds: every result that would fall outside
0001-01-01..9999-12-31 is reported as None (or clamped) instead of raising or looping.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from sopmodel.model.common import _interval_parts

__all__ = ["add_days", "next_review", "period_range", "plan_end"]

_WEEK = re.compile(r"(\d{4})-W(\d{2})", re.ASCII)


def add_days(day: dt.date, days: int) -> dt.date | None:
    """Return day + days, or None when that falls outside the calendar."""
    ordinal = day.toordinal() + days
    if not dt.date.min.toordinal() <= ordinal <= dt.date.max.toordinal():
        return None
    return dt.date.fromordinal(ordinal)


def next_review(last: dt.date, interval: str) -> dt.date | None:
    """Return the day a review is due one interval after `last` (month ends clamped).

    None when the interval cannot be read or the day lies past the end of the calendar.
    """
    try:
        months, days = _interval_parts(interval)
    except (ValueError, TypeError):
        return None
    year, month = divmod(last.year * 12 + last.month - 1 + months, 12)
    if year > dt.MAXYEAR:
        return None
    month += 1
    shifted = dt.date(year, month, min(last.day, calendar.monthrange(year, month)[1]))
    return add_days(shifted, days)


def plan_end(start: dt.date, horizon_days: int) -> dt.date:
    """Return the last day of a plan, clamped to the last day of the calendar."""
    return add_days(start, horizon_days - 1) or (dt.date.max if horizon_days > 0 else start)


def period_range(period: str) -> tuple[dt.date, dt.date]:
    """Return the first and last day of an ISO week (2027-W02) or of a date.

    Raise ValueError for a period that is neither; the last day of week 52 of 9999 is
    clamped to 9999-12-31.
    """
    week = _WEEK.fullmatch(period)
    if week:
        monday = dt.date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
        return monday, add_days(monday, 6) or dt.date.max
    day = dt.date.fromisoformat(period)
    return day, day
