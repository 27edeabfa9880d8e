"""Types shared by procedures and plans: identifiers, durations, roles, KPIs."""

from __future__ import annotations

import re
from datetime import date, timedelta
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    WithJsonSchema,
)

__all__ = [
    "KPI",
    "Direction",
    "Duration",
    "Frequency",
    "Id",
    "Interval",
    "Language",
    "Role",
    "Strict",
    "Text",
    "add_interval",
    "format_duration",
    "parse_duration",
]


class Strict(BaseModel):
    """Base of every model: unknown keys are errors, docstrings document fields."""

    model_config = ConfigDict(
        extra="forbid",
        use_attribute_docstrings=True,
        str_strip_whitespace=True,
        validate_default=False,
    )


Id = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"),
    Field(
        description="An identifier: a lowercase slug (order-intake) or a code (SALES-001).",
        examples=["SALES-001", "book-meeting"],
    ),
]
"""An identifier that other parts of the file refer to."""

Text = Annotated[str, StringConstraints(min_length=1, pattern=r"\S")]
"""Non-empty free text."""


class Language(StrEnum):
    """A language the documents and their labels can be written in."""

    en = "en"
    fr = "fr"


class Direction(StrEnum):
    """Which way a KPI should move."""

    increase = "increase"
    decrease = "decrease"
    maintain = "maintain"


class Frequency(StrEnum):
    """How often a KPI is measured or a meeting is held."""

    daily = "daily"
    weekly = "weekly"
    biweekly = "biweekly"
    monthly = "monthly"
    quarterly = "quarterly"


_DURATION_UNITS = {
    "s": 1,
    "sec": 1,
    "min": 60,
    "m": 60,
    "h": 3600,
    "d": 86400,
    "j": 86400,
    "w": 604800,
}
_SHORT_DURATION = re.compile(
    r"^\s*(\d+(?:[.,]\d+)?)\s*(s|sec|min|m|h|d|j|w)\s*$", re.IGNORECASE | re.ASCII
)
_ISO_DURATION = re.compile(
    r"^P(?:(?P<w>\d+)W)?(?:(?P<d>\d+)D)?"
    r"(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<m>\d+(?:\.\d+)?)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?$",
    re.ASCII,
)


_N = "[0-9]{1,6}"
_DURATION_PATTERN = (
    rf"^( *{_N}([.,][0-9]{{1,6}})? *([sS]|[sS][eE][cC]|[mM][iI][nN]|[mM]|[hH]|[dD]|[jJ]|[wW]) *"
    rf"|P(({_N}W)?{_N}D|{_N}W)(T({_N}H)?({_N}M)?({_N}S)?)?"
    rf"|PT({_N}H({_N}M)?({_N}S)?|{_N}M({_N}S)?|{_N}S))$"
)


def parse_duration(value: Any) -> Any:
    """Return a timedelta for '30min', '2h', '1d', '1w' or ISO 8601 'PT30M'; pass others on."""
    if not isinstance(value, str):
        return value
    try:
        return _parse_duration_text(value)
    except OverflowError:
        raise ValueError(f"{value!r} is too long for a duration") from None


def _parse_duration_text(value: str) -> timedelta:
    short = _SHORT_DURATION.match(value)
    if short:
        amount = float(short.group(1).replace(",", "."))
        return timedelta(seconds=amount * _DURATION_UNITS[short.group(2).lower()])
    iso = _ISO_DURATION.match(value.strip().upper())
    if iso and value.strip().upper() not in ("P", "PT"):
        parts = {k: float(v) for k, v in iso.groupdict().items() if v}
        return timedelta(
            weeks=parts.get("w", 0),
            days=parts.get("d", 0),
            hours=parts.get("h", 0),
            minutes=parts.get("m", 0),
            seconds=parts.get("s", 0),
        )
    raise ValueError(f"{value!r} is not a duration: write 30min, 2h, 1d, 1w or ISO 8601 (PT30M)")


def format_duration(value: timedelta) -> str:
    """Return the shortest of '1w', '1d', '2h', '30min', '45s' that says the duration exactly."""
    seconds = value.total_seconds()
    for unit, size in (("w", 604800), ("d", 86400), ("h", 3600), ("min", 60)):
        if seconds and seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return (
        f"{value.days * 86400 + value.seconds}.{value.microseconds:06d}".rstrip("0").rstrip(".")
        + "s"
    )


Duration = Annotated[
    timedelta,
    BeforeValidator(parse_duration),
    PlainSerializer(format_duration, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": _DURATION_PATTERN,
            "description": "A duration: 30min, 2h, 1d, 1w or ISO 8601 (PT30M).",
        }
    ),
]
"""How long something takes."""

_NAMED_INTERVALS = {"monthly": (1, 0), "quarterly": (3, 0), "semiannual": (6, 0), "annual": (12, 0)}
_ISO_INTERVAL = re.compile(
    r"^P(?:(?P<y>\d+)Y)?(?:(?P<mo>\d+)M)?(?:(?P<w>\d+)W)?(?:(?P<d>\d+)D)?$", re.ASCII
)


def _interval_parts(value: str) -> tuple[int, int]:
    """Return (months, days) of a named or ISO 8601 review interval."""
    if value in _NAMED_INTERVALS:
        return _NAMED_INTERVALS[value]
    match = _ISO_INTERVAL.match(value)
    if not match or value == "P":
        raise ValueError(
            f"{value!r} is not an interval: write monthly, quarterly, semiannual, annual"
            " or ISO 8601 (P3M, P1Y, P6W)"
        )
    parts = {k: int(v) for k, v in match.groupdict().items() if v}
    months = parts.get("y", 0) * 12 + parts.get("mo", 0)
    days = parts.get("w", 0) * 7 + parts.get("d", 0)
    if months == 0 and days == 0:
        raise ValueError("a review interval must be longer than zero")
    return months, days


def _check_interval(value: str) -> str:
    _interval_parts(value)
    return value


Interval = Annotated[
    str,
    AfterValidator(_check_interval),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^(monthly|quarterly|semiannual|annual"
            r"|P([1-9][0-9]{0,3}Y([1-9][0-9]{0,3}M)?([1-9][0-9]{0,3}W)?([1-9][0-9]{0,3}D)?"
            r"|[1-9][0-9]{0,3}M([1-9][0-9]{0,3}W)?([1-9][0-9]{0,3}D)?"
            r"|[1-9][0-9]{0,3}W([1-9][0-9]{0,3}D)?|[1-9][0-9]{0,3}D))$",
            "description": "monthly, quarterly, semiannual, annual, or ISO 8601 (P3M).",
        }
    ),
]
"""A review interval: a named cadence or an ISO 8601 period."""


def add_interval(start: date, interval: str) -> date:
    """Return the date one review interval after start (month ends are clamped)."""
    months, days = _interval_parts(interval)
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = start.day
    while True:
        try:
            shifted = start.replace(year=year, month=month, day=day)
            break
        except ValueError:
            day -= 1
    return shifted + timedelta(days=days)


class Role(Strict):
    """A role that performs, owns or approves work."""

    id: Id
    """The role's identifier, used by steps, owners and RACI entries."""
    name: Text
    """The role's name as readers know it (Account executive, Responsable logistique)."""
    holder: str | None = None
    """The person who currently holds the role, if it is worth naming."""
    responsibilities: list[Text] = Field(default_factory=list)
    """What the role is responsible for, one short sentence each."""


class KPI(Strict):
    """A key performance indicator: what is measured, which way it should go, and its target."""

    id: Id
    """The KPI's identifier, used by objectives and measurements."""
    name: Text
    """What is measured (On-time delivery)."""
    unit: str | None = None
    """The unit of the values (%, days, visits, EUR)."""
    direction: Direction = Direction.increase
    """Whether a higher value (increase), a lower value (decrease) or a steady value is better."""
    baseline: float | None = None
    """The value measured before the work started."""
    target: float | None = None
    """The value to reach."""
    frequency: Frequency = Frequency.weekly
    """How often the KPI is measured."""
    owner: Id | None = None
    """The role that measures and reports the KPI."""
    definition: str | None = None
    """How the value is computed, so that everyone measures it the same way."""
