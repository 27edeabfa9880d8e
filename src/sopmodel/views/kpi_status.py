"""KPI status of a plan from its measurements: on track, at risk or off track, and the trend.

The rule is the one the Excel tracker's formulas apply, so that both always agree: the
latest value is compared with the value expected by its week on a straight line from the
baseline (start of the plan) to the target (end of the plan).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sopmodel.model import KPI, Measurement, Plan

__all__ = [
    "AT_RISK_MARGIN",
    "MAINTAIN_TOLERANCE",
    "KPIStatus",
    "kpi_status",
    "plan_status",
    "plan_weeks",
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
        """Return the status as JSON-ready data."""
        return {
            "kpi": self.kpi,
            "name": self.name,
            "latest": self.latest,
            "period": self.period,
            "expected": self.expected,
            "status": self.status,
            "trend": self.trend,
            "values": [{"period": p, "value": v} for p, v in self.values],
        }


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


def kpi_status(plan: Plan, kpi: KPI, measurements: list[Measurement] | None = None) -> KPIStatus:
    """Return the status of one KPI of a plan from its weekly measurements."""
    weeks = plan_weeks(plan)
    index = {label: number for number, (label, _) in enumerate(weeks, 1)}
    values = sorted(
        (
            (m.period, m.value)
            for m in (measurements if measurements is not None else plan.measurements)
            if m.kpi == kpi.id and m.period in index
        ),
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
