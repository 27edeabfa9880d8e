"""The weeks of a tracker as people read them (S01 · 4 janv., W01 · 4 Jan; S01 over 04/01 in a
column's header) and as they are read back: the one place a week's label is made and
understood."""

from __future__ import annotations

import datetime as dt
import re

from sopmodel.i18n import Labels, format_date

__all__ = [
    "WEEK_DATE",
    "week_header",
    "week_label",
    "week_number",
    "weeks_property",
    "weeks_read",
]

WEEK_DATE = "d MMM"
"""How a week's Monday is written after its number: 4 janv., 4 Jan (1er févr. in French)."""
_NUMBER = re.compile(r"^\s*[^\W\d_]{1,3}\s?(\d{1,2})\b")
"""A week column's label as the tracker writes it: a letter or two, then the week's number."""


def week_label(number: int, monday: dt.date | None, labels: Labels) -> str:
    """Return a week column's label: S01 · 4 janv. in French, W01 · 4 Jan in English; the number
    alone (S01) for a week that has no date."""
    label = labels.format("week_short", n=number)
    if monday is None:
        return label
    return f"{label} · {format_date(monday, labels.language, WEEK_DATE)}"


def week_header(number: int, monday: dt.date | None, labels: Labels) -> str:
    """Return a week column's header on two lines, the week over its Monday: S01 over 04/01 in
    French, W01 over 4 Jan in English (short enough for a narrow column); the number alone
    for a week that has no date."""
    label = labels.format("week_short", n=number)
    if monday is None:
        return label
    return f"{label}\n{format_date(monday, labels.language, labels['week_header_date'])}"


def week_number(label: object) -> int | None:
    """Return the week number a column label starts with (S05 · 1er févr. -> 5), else None."""
    found = _NUMBER.match(label) if isinstance(label, str) else None
    return int(found.group(1)) if found else None


def weeks_property(weeks: list[str]) -> str:
    """Return the custom property value listing the ISO weeks of a tracker's week columns."""
    return " ".join(weeks)


def weeks_read(value: object) -> list[str]:
    """Return the ISO weeks a tracker's property lists (2027-W01 ...), [] when it lists none."""
    if not isinstance(value, str):
        return []
    return [w for w in value.split() if re.fullmatch(r"\d{4}-W\d{2}", w)][:60]
