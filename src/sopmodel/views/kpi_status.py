"""KPI status of a plan from its measurements: on track, at risk or off track, and the trend.

The rule is the one the Excel tracker's formulas apply, so that both always agree: the
latest value is compared with the value expected by its week on a straight line from the
baseline (start of the plan) to the target (end of the plan).

A measurement's period is an ISO week (2027-W03) or a date (2027-01-20), counted in its ISO
week. A KPI has one value per week: when several measurements fall in the same week, the
latest wins, a measurement labelled by the week standing for the end of its week (its
Sunday), so it wins over the dates of that week; of two with the same period, the one listed
last wins. Impossible periods (2027-02-30, 2027-W53 in a year of 52 weeks) and values that
are not finite numbers are not counted.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from sopmodel.model import KPI, Measurement, Plan

__all__ = [
    "AT_RISK_MARGIN",
    "MAINTAIN_TOLERANCE",
    "KPIStatus",
    "MeasurementMerge",
    "kpi_status",
    "merge_measurements",
    "plan_status",
    "plan_weeks",
    "week_of",
    "weekly_values",
]

AT_RISK_MARGIN = 0.1
"""Behind the expected value by at most this share of the planned change: at risk."""
MAINTAIN_TOLERANCE = 0.05
"""For a KPI to keep steady: within this share of the target is on track, twice it at risk."""


def plan_weeks(plan: Plan) -> list[tuple[str, dt.date]]:
    """Return the ISO weeks the plan spans, as (2027-W01, its Monday)."""
    monday = plan.start - dt.timedelta(days=plan.start.weekday())
    weeks = []
    while monday <= plan.end:
        year, week, _ = monday.isocalendar()
        weeks.append((f"{year}-W{week:02d}", monday))
        monday += dt.timedelta(days=7)
    return weeks


@dataclass(frozen=True)
class KPIStatus:
    """Where a KPI stands."""

    kpi: str
    name: str
    latest: float | None
    period: str | None
    expected: float | None
    status: str
    """on_track, at_risk, off_track, no_data (nothing measured) or no_target."""
    trend: str | None
    """improving, worsening or steady, from the last two values; None with fewer."""
    values: tuple[tuple[str, float], ...]

    def to_dict(self) -> dict[str, object]:
        """Return the status as JSON-ready data (a number too large to compute becomes null)."""
        return {
            "kpi": self.kpi,
            "name": self.name,
            "latest": _finite(self.latest),
            "period": self.period,
            "expected": _finite(self.expected),
            "status": self.status,
            "trend": self.trend,
            "values": [{"period": p, "value": _finite(v)} for p, v in self.values],
        }


def _finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def status_of(
    direction: str,
    baseline: float | None,
    target: float | None,
    value: float,
    position: int,
    weeks: int,
) -> tuple[str, float | None]:
    """Return (status, expected value) of a value measured in week `position` of `weeks`."""
    if target is None:
        return "no_target", None
    if direction == "maintain" or baseline is None or baseline == target:
        tolerance = max(abs(target) * MAINTAIN_TOLERANCE, 1e-9)
        gap = abs(value - target)
        return (
            "on_track" if gap <= tolerance else "at_risk" if gap <= 2 * tolerance else "off_track"
        ), target
    expected = baseline + (target - baseline) * position / weeks
    progress = (value - expected) / (target - baseline)
    return (
        "on_track" if progress >= 0 else "at_risk" if progress >= -AT_RISK_MARGIN else "off_track"
    ), expected


def _trend(direction: str, target: float | None, values: list[float]) -> str | None:
    """Return improving, worsening or steady from the last two values."""
    if len(values) < 2:
        return None
    before, after = values[-2], values[-1]
    if direction == "maintain":
        if target is None:
            return None
        before, after = -abs(before - target), -abs(after - target)
    elif direction == "decrease":
        before, after = -before, -after
    return "steady" if after == before else "improving" if after > before else "worsening"


def week_of(period: str) -> str | None:
    """Return the ISO week (2027-W03) of a period given as a week or a date; None if impossible."""
    found = _when(period)
    return found[0] if found else None


_WEEK = re.compile(r"(\d{4})-W(\d{2})")


def _when(period: str) -> tuple[str, tuple[dt.date, bool]] | None:
    """Return the ISO week of a period and when it stands in it (a week: after its Sunday)."""
    try:
        if week := _WEEK.fullmatch(period):
            day = dt.date.fromisocalendar(int(week[1]), int(week[2]), 7)
        else:
            day = dt.date.fromisoformat(period)
    except ValueError:
        return None
    year, number, _ = day.isocalendar()
    return f"{year}-W{number:02d}", (day, week is not None)


def weekly_values(measurements: Iterable[Measurement], kpi: str) -> dict[str, Measurement]:
    """Return the measurement that counts for each ISO week of a KPI (the latest of the week)."""
    chosen: dict[str, tuple[tuple[dt.date, bool], Measurement]] = {}
    for measurement in measurements:
        if measurement.kpi != kpi or not math.isfinite(measurement.value):
            continue
        found = _when(measurement.period)
        if found is None:
            continue
        week, when = found
        if week not in chosen or when >= chosen[week][0]:
            chosen[week] = (when, measurement)
    return {week: measurement for week, (_day, measurement) in chosen.items()}


def kpi_status(plan: Plan, kpi: KPI, measurements: list[Measurement] | None = None) -> KPIStatus:
    """Return the status of one KPI of a plan from its measurements (by week or by date)."""
    weeks = plan_weeks(plan)
    index = {label: number for number, (label, _) in enumerate(weeks, 1)}
    chosen = weekly_values(measurements if measurements is not None else plan.measurements, kpi.id)
    values = sorted(
        ((week, m.value) for week, m in chosen.items() if week in index),
        key=lambda item: index[item[0]],
    )
    if not values:
        status = "no_target" if kpi.target is None else "no_data"
        return KPIStatus(kpi.id, kpi.name, None, None, None, status, None, ())
    period, latest = values[-1]
    status, expected = status_of(
        kpi.direction.value, kpi.baseline, kpi.target, latest, index[period], len(weeks)
    )
    trend = _trend(kpi.direction.value, kpi.target, [v for _, v in values])
    return KPIStatus(kpi.id, kpi.name, latest, period, expected, status, trend, tuple(values))


def plan_status(plan: Plan, measurements: list[Measurement] | None = None) -> list[KPIStatus]:
    """Return the status of every KPI of a plan."""
    return [kpi_status(plan, kpi, measurements) for kpi in plan.kpis]


@dataclass(frozen=True)
class MeasurementMerge:
    """A plan's measurements with new values merged in, and the measurements that changed."""

    measurements: list[Measurement]
    """Every measurement after the merge."""
    changes: list[Measurement] = field(default_factory=list)
    """The new or changed measurements: what to write into the plan file."""


def merge_measurements(plan: Plan, incoming: Iterable[Measurement]) -> MeasurementMerge:
    """Return the plan's measurements with incoming values merged in (a tracker's, say).

    A value for a week that equals the value that counts for that week (a measurement by
    date included) changes nothing; another value replaces the week's own measurement, or is
    added as one (it then wins over the dates of that week). A note already in the plan is kept.
    Raise ValueError for a value that is not a finite number.
    """
    current = list(plan.measurements)
    where = {(m.kpi, m.period): i for i, m in enumerate(current)}
    weekly: dict[str, dict[str, Measurement]] = {}
    changes: list[Measurement] = []
    for measurement in incoming:
        if not math.isfinite(measurement.value):
            raise ValueError(
                f"{measurement.kpi} {measurement.period}: {measurement.value}"
                " is not a finite number"
            )
        key = (measurement.kpi, measurement.period)
        if _WEEK.fullmatch(measurement.period):
            if measurement.kpi not in weekly:
                weekly[measurement.kpi] = weekly_values(current, measurement.kpi)
            counted = weekly[measurement.kpi].get(measurement.period)
        else:
            counted = current[where[key]] if key in where else None
        if counted is not None and counted.value == measurement.value:
            continue
        if key in where:
            known = current[where[key]]
            measurement = measurement.model_copy(update={"note": measurement.note or known.note})
            current[where[key]] = measurement
        else:
            where[key] = len(current)
            current.append(measurement)
        weekly.pop(measurement.kpi, None)
        changes.append(measurement)
    return MeasurementMerge(current, changes)
