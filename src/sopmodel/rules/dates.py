"""Date arithmetic for rules: constant time, and never past the ends of the calendar.

Rules also run on documents built in memory without validation (`model_construct`), so
they cannot rely on the model's bounds: every result that would fall outside
0001-01-01..9999-12-31 is reported as None (or clamped) instead of raising or looping.
"""

from __future__ import annotations

import datetime as dt

from sopmodel.model.values import add_interval

__all__ = ["add_days", "next_review", "plan_end"]


def add_days(day: dt.date, days: int) -> dt.date | None:
    """Return day + days, or None when that falls outside the calendar."""
    ordinal = day.toordinal() + days
    if not dt.date.min.toordinal() <= ordinal <= dt.date.max.toordinal():
        return None
    return dt.date.fromordinal(ordinal)


def next_review(last: dt.date, interval: str) -> dt.date | None:
    """Return the day a review is due one interval after `last`; None for an unreadable one."""
    try:
        return add_interval(last, interval)
    except (ValueError, TypeError):
        return None


def plan_end(start: dt.date, horizon_days: int) -> dt.date:
    """Return the last day of a plan, clamped to the last day of the calendar."""
    return add_days(start, horizon_days - 1) or (dt.date.max if horizon_days > 0 else start)
