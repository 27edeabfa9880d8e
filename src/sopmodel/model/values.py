"""The value types of the file format: identifiers, text, numbers, dates, durations, intervals.

Each type validates exactly what its JSON Schema says, so that the schema and the loader
agree; dates and intervals are bounded so that no computation on them can overflow.
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
)
from pydantic import Strict as StrictMode

from sopmodel.model.bounds import (
    DATE,
    FIRST_DATE,
    LAST_DATE,
    MAX_NUMBER,
    SPACE,
    SPACES,
    date_pattern,
    spaced,
)

__all__ = [
    "Date",
    "Duration",
    "DurationRange",
    "FilePath",
    "Flag",
    "Id",
    "Interval",
    "Number",
    "Text",
    "TimeRange",
    "WholeNumber",
    "add_interval",
    "format_duration",
    "format_range",
    "parse_date",
    "parse_duration",
    "parse_range",
]


_ID = r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}"

Id = Annotated[
    str,
    StringConstraints(pattern=rf"^{_ID}$"),
    Field(
        description="An identifier: a lowercase slug (order-intake) or a code (SALES-001).",
        examples=["SALES-001", "book-meeting"],
        json_schema_extra={"pattern": spaced(_ID)},
    ),
]
"""An identifier that other parts of the file refer to."""

Text = Annotated[
    str,
    StringConstraints(min_length=1, pattern=r"\S"),
    Field(json_schema_extra={"pattern": SPACE.replace("[", "[^", 1)}),
]
"""Non-empty free text."""

_NOT_CONTROL = r"[^\u0000-\u001f]"
_PATH_CORE = _NOT_CONTROL + "*" + SPACE.replace("[", r"[^\u0000-\u001f", 1) + _NOT_CONTROL + "*"

FilePath = Annotated[
    str,
    StringConstraints(min_length=1, pattern=rf"^{_NOT_CONTROL}+$"),
    Field(json_schema_extra={"pattern": spaced(_PATH_CORE)}),
]
"""A file path: non-empty text without control characters (no file name holds them)."""


def _number(value: Any) -> Any:
    """Accept only real numbers: not true/false, not text."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("a number is expected here: write it without quotes")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(
            f"a finite number is expected here, from {-MAX_NUMBER:g} to {MAX_NUMBER:g}"
        )
    return value


Number = Annotated[
    float,
    BeforeValidator(_number),
    Field(allow_inf_nan=False, ge=-MAX_NUMBER, le=MAX_NUMBER),
    WithJsonSchema({"type": "number", "minimum": -MAX_NUMBER, "maximum": MAX_NUMBER}),
]
"""A finite number between -1e15 and 1e15 (a KPI value)."""


def _whole(value: Any) -> Any:
    """Accept only whole numbers (3 or 3.0): not true/false, not text."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("a whole number is expected here: write it without quotes")
    return value


WholeNumber = Annotated[int, BeforeValidator(_whole)]
"""A whole number, written 3 (3.0 is the same number in JSON)."""

Flag = Annotated[bool, StrictMode()]
"""true or false, and nothing else (not yes, no, on, off, 0 or 1)."""


def parse_date(value: Any) -> date:
    """Return the date of an ISO 8601 text (2027-01-04) or a date, within the accepted years.

    Raise ValueError for anything else: another form, a day the calendar does not have,
    or a date before 1900-01-01 or after 2999-12-31.
    """
    if type(value) is date:
        if not FIRST_DATE <= value <= LAST_DATE:
            raise ValueError(_out_of_range(value.isoformat()))
        return value
    if not isinstance(value, str):
        raise ValueError("a date is written year-month-day, such as 2027-01-04")
    text = value.strip(SPACES)
    if DATE.fullmatch(text):
        return date.fromisoformat(text)
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        try:
            date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"{text} is not a day of the calendar") from None
        raise ValueError(_out_of_range(text))
    raise ValueError(f"{text!r} is not a date: write year-month-day, such as 2027-01-04")


def _out_of_range(text: str) -> str:
    return f"{text} is outside the dates sopmodel accepts ({FIRST_DATE} to {LAST_DATE})"


Date = Annotated[
    date,
    BeforeValidator(parse_date),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": spaced(date_pattern()),
            "description": f"A date, year-month-day (2027-01-04), from {FIRST_DATE} to"
            f" {LAST_DATE}.",
        }
    ),
]
"""A calendar date between 1900-01-01 and 2999-12-31."""


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


def _unnamed(pattern: str) -> str:
    """Return a pattern with its named groups unnamed, as JSON Schema (ECMA-262) writes them."""
    return re.sub(r"\?P<[a-z0-9]+>", "?:", pattern)


_N = "[0-9]{1,6}"
_DURATION_CORE = (
    rf"(?P<amount>{_N}(?:[.,][0-9]{{1,6}})?) *"
    r"(?P<unit>[sS]|[sS][eE][cC]|[mM][iI][nN]|[mM]|[hH]|[dD]|[jJ]|[wW])"
    rf"|P(?:(?:(?P<w>[0-9]{{1,7}})W)?(?P<d>{_N})D|(?P<w2>[0-9]{{1,7}})W)"
    rf"(?:T(?:(?P<h>{_N})H)?(?:(?P<m>{_N})M)?(?:(?P<s>{_N}(?:[.,][0-9]{{1,6}})?)S)?)?"
    rf"|PT(?:(?P<h2>{_N})H(?:(?P<m2>{_N})M)?(?:(?P<s2>{_N}(?:[.,][0-9]{{1,6}})?)S)?"
    rf"|(?P<m3>{_N})M(?:(?P<s3>{_N}(?:[.,][0-9]{{1,6}})?)S)?"
    rf"|(?P<s4>{_N}(?:[.,][0-9]{{1,6}})?)S)"
)
_DURATION = re.compile(_DURATION_CORE)
_ISO_PARTS = {"w": 604800, "d": 86400, "h": 3600, "m": 60, "s": 1}


def parse_duration(value: Any) -> Any:
    """Return a timedelta for '30min', '2h', '1d', '1w' or ISO 8601 'PT30M' (or a timedelta).

    Raise ValueError for anything else; every number has at most six digits.
    """
    if isinstance(value, timedelta):
        return value
    if not isinstance(value, str):
        raise ValueError("a duration is text: write 30min, 2h, 1d, 1w or ISO 8601 (PT30M)")
    found = _DURATION.fullmatch(value.strip(SPACES))
    if found is None:
        raise ValueError(
            f"{value!r} is not a duration: write 30min, 2h, 1d, 1w or ISO 8601 (PT30M)"
        )
    if found.group("unit"):
        amount = float(found.group("amount").replace(",", "."))
        return timedelta(seconds=amount * _DURATION_UNITS[found.group("unit").lower()])
    whole, micro = 0, 0
    for name, number in found.groupdict().items():
        if number and name[0] in _ISO_PARTS:
            integer, _, fraction = number.replace(",", ".").partition(".")
            whole += int(integer) * _ISO_PARTS[name[0]]
            micro += int(fraction.ljust(6, "0")) if fraction else 0
    return timedelta(seconds=whole, microseconds=micro)


def format_duration(value: timedelta) -> str:
    """Return the shortest of '1w', '1d', '2h', '30min', '45s' that says the duration exactly
    (ISO 8601, P2WT1S, when none does in six digits); parse_duration reads it back."""
    whole = value.days * 86400 + value.seconds
    fraction = f".{value.microseconds:06d}".rstrip("0").rstrip(".")
    for unit, size in (("w", 604800), ("d", 86400), ("h", 3600), ("min", 60)):
        if whole and not fraction and whole % size == 0 and whole // size < 1_000_000:
            return f"{whole // size}{unit}"
    if whole < 1_000_000:
        return f"{whole}{fraction}s"
    weeks, rest = divmod(whole, 604800)
    days, rest = divmod(rest, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"P{weeks}W{days}DT{hours}H{minutes}M{seconds}{fraction}S"


Duration = Annotated[
    timedelta,
    BeforeValidator(parse_duration),
    PlainSerializer(format_duration, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": spaced(_unnamed(_DURATION_CORE)),
            "description": "A duration: 30min, 2h, 1d, 1w or ISO 8601 (PT30M).",
        }
    ),
]
"""How long something takes."""


@dataclass(frozen=True, slots=True)
class TimeRange:
    """A duration that may vary: from low to high (equal when the duration is fixed)."""

    low: timedelta
    high: timedelta

    @property
    def fixed(self) -> bool:
        """Return True when the duration does not vary."""
        return self.low == self.high

    def __str__(self) -> str:
        return format_range(self)


_AMOUNT = rf"{_N}(?:[.,][0-9]{{1,6}})?"
_UNIT = r"[sS]|[sS][eE][cC]|[mM][iI][nN]|[mM]|[hH]|[dD]|[jJ]|[wW]"
_ANY = _unnamed(_DURATION_CORE)
_RANGE_CORE = (
    rf"(?P<low>{_ANY}) *[-–] *(?P<high>{_ANY})"
    rf"|(?P<bare>{_AMOUNT}) *[-–] *(?P<amount>{_AMOUNT}) *(?P<unit>{_UNIT})"
)
_RANGE = re.compile(_RANGE_CORE)


def parse_range(value: Any) -> TimeRange:
    """Return the TimeRange of a duration (30min, PT30M) or a range (10-15min, 1h-90min).

    The ends of a range written high first are put in order; a lone duration is a range
    whose ends are equal.
    """
    if isinstance(value, TimeRange):
        return value
    if isinstance(value, str):
        found = _RANGE.fullmatch(value.strip(SPACES))
        if found is not None:
            if found.group("bare") is not None:
                unit = found.group("unit")
                low = parse_duration(found.group("bare") + unit)
                high = parse_duration(found.group("amount") + unit)
            else:
                low, high = parse_duration(found.group("low")), parse_duration(found.group("high"))
            return TimeRange(min(low, high), max(low, high))
    try:
        single = parse_duration(value)
    except ValueError:
        raise ValueError(
            f"{value!r} is not a duration: write 30min, 2h, 30s, a range such as 10-15min,"
            " or ISO 8601 (PT30M)"
            if isinstance(value, str)
            else "a duration is text: write 30min, 2h, 30s or a range such as 10-15min"
        ) from None
    return TimeRange(single, single)


def format_range(value: TimeRange) -> str:
    """Return '30min' or '10min-15min' (parse_range reads it back)."""
    if value.fixed:
        return format_duration(value.low)
    return f"{format_duration(value.low)}-{format_duration(value.high)}"


DurationRange = Annotated[
    TimeRange,
    PlainValidator(parse_range),
    PlainSerializer(format_range, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": spaced(f"(?:{_unnamed(_RANGE_CORE)}|{_unnamed(_DURATION_CORE)})"),
            "description": "A duration (30min, 2h, 30s, PT30M) or a range (10-15min).",
        }
    ),
]
"""How long a step takes: one duration, or a range from the shortest to the longest."""

_NAMED_INTERVALS = {"monthly": (1, 0), "quarterly": (3, 0), "semiannual": (6, 0), "annual": (12, 0)}
_COUNT = "[1-9][0-9]{0,2}"
_INTERVAL_CORE = (
    rf"monthly|quarterly|semiannual|annual"
    rf"|P(?:(?P<y>{_COUNT})Y)?(?:(?P<mo>{_COUNT})M)?(?:(?P<w>{_COUNT})W)?(?:(?P<d>{_COUNT})D)?"
)
_INTERVAL = re.compile(_INTERVAL_CORE)


def _interval_parts(value: str) -> tuple[int, int]:
    """Return (months, days) of a named or ISO 8601 review interval."""
    if value in _NAMED_INTERVALS:
        return _NAMED_INTERVALS[value]
    match = _INTERVAL.fullmatch(value)
    if not match or value == "P":
        raise ValueError(
            f"{value!r} is not an interval: write monthly, quarterly, semiannual, annual"
            " or ISO 8601 (P3M, P1Y, P6W), each number from 1 to 999"
        )
    parts = {k: int(v) for k, v in match.groupdict().items() if v}
    months = parts.get("y", 0) * 12 + parts.get("mo", 0)
    days = parts.get("w", 0) * 7 + parts.get("d", 0)
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
            "pattern": spaced(_unnamed(_INTERVAL_CORE).replace("|P(", "|P(?=[0-9])(", 1)),
            "description": "monthly, quarterly, semiannual, annual, or ISO 8601 (P3M);"
            " each number from 1 to 999.",
        }
    ),
]
"""A review interval: a named cadence or an ISO 8601 period (each number at most 999)."""


def add_interval(start: date, interval: str) -> date:
    """Return the date one review interval after start (month ends are clamped).

    Never raises for a valid interval: a result past 9999-12-31 is date.max.
    """
    months, days = _interval_parts(interval)
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    if year > date.max.year:
        return date.max
    day = min(start.day, calendar.monthrange(year, month)[1])
    shifted = date(year, month, day)
    if (date.max - shifted).days < days:
        return date.max
    return shifted + timedelta(days=days)
