"""The limits of the values a document may hold, and exact patterns for its dates and weeks.

Every pattern here is used twice: by the model to validate, and in the JSON Schema, so
that the schema accepts exactly what the loader accepts.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = [
    "FIRST_DATE",
    "LAST_DATE",
    "MAX_NUMBER",
    "MAX_TEXT_CHARS",
    "SPACE",
    "SPACES",
    "date_pattern",
    "spaced",
    "week_pattern",
]

MAX_TEXT_CHARS = 100_000
"""Longer text values are refused: about 40 printed pages, more than any step or note
holds, and a bound on what exporters must lay out and Graphviz must measure."""
MAX_NUMBER = 1e15
"""Numbers (KPI values) are between -MAX_NUMBER and MAX_NUMBER: every whole number in that
range is exact in a float, and any unit can express a real business quantity within it."""
FIRST_DATE = dt.date(1900, 1, 1)
"""The earliest date accepted: spreadsheets (Excel) count days from 1900."""
LAST_DATE = dt.date(2999, 12, 31)
"""The latest date accepted: far enough for any plan, and so far from year 9999 (where
Python's dates end) that no review interval or plan horizon added to it can overflow."""

SPACES = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680"
    + "".join(chr(code) for code in range(0x2000, 0x200B))
    + "\u2028\u2029\u202f\u205f\u3000"
)
"""The characters stripped around text (Unicode White_Space, as the model strips them)."""
SPACE = r"[\t\n\u000b\u000c\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
"""A regular expression class of SPACES, written the same in Python, Rust and ECMA-262."""

_YEAR = r"(?:19[0-9]{2}|2[0-9]{3})"
_LEAP_YEAR = r"(?:(?:19|2[0-9])(?:0[48]|[2468][048]|[13579][26])|2[048]00)"
_MONTH_DAY = (
    r"(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    r"|02-(?:0[1-9]|1[0-9]|2[0-8]))"
)


def date_pattern() -> str:
    """Return a regular expression matching exactly the ISO dates from FIRST_DATE to LAST_DATE."""
    return rf"(?:{_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)"


def _long_years() -> str:
    """Return an alternation of the years that have an ISO week 53, grouped by century."""
    by_century: dict[int, list[str]] = {}
    for year in range(FIRST_DATE.year, LAST_DATE.year + 1):
        if dt.date(year, 12, 28).isocalendar().week == 53:
            by_century.setdefault(year // 100, []).append(f"{year % 100:02d}")
    return "|".join(f"{c}(?:{'|'.join(ys)})" for c, ys in sorted(by_century.items()))


def week_pattern() -> str:
    """Return a regular expression matching exactly the ISO weeks of the accepted years."""
    return rf"(?:{_YEAR}-W(?:0[1-9]|[1-4][0-9]|5[0-2])|(?:{_long_years()})-W53)"


def spaced(core: str) -> str:
    """Return a whole-value pattern for core that tolerates the spaces the model strips."""
    return rf"^{SPACE}*(?:{core}){SPACE}*$"


DATE = re.compile(date_pattern())
"""An accepted ISO date, exactly (use fullmatch)."""
WEEK = re.compile(week_pattern())
"""An accepted ISO week such as 2027-W02, exactly (use fullmatch)."""
