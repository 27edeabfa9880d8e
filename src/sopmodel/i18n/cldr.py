"""Dates and numbers in English and French without babel's locale data (30 ms a process).

The names, patterns and symbols below are CLDR's for en_GB and fr_FR, as babel has them;
tests check them against babel: every date pattern sopmodel uses for every day of two
years, and numbers by property. Other languages, patterns and numbers are left to babel
(the functions return None for them).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

__all__ = ["weekday", "written_date", "written_number"]

_MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
}
_SHORT_MONTHS = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"],
    "fr": [
        "janv.",
        "févr.",
        "mars",
        "avr.",
        "mai",
        "juin",
        "juil.",
        "août",
        "sept.",
        "oct.",
        "nov.",
        "déc.",
    ],
}
_DAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
}
_WIDTHS = {
    "en": {"short": "dd/MM/y", "medium": "d MMM y", "long": "d MMMM y", "full": "EEEE, d MMMM y"},
    "fr": {"short": "dd/MM/y", "medium": "d MMM y", "long": "d MMMM y", "full": "EEEE d MMMM y"},
}
_FIELD = re.compile(r"d{1,2}|[ML]{1,4}|y+|EEEE|[A-Za-z]|'|[^A-Za-z']+")
"""The fields of a date pattern: d, dd, M to MMMM (L: stand-alone), y, EEEE; other letters
and quoted text are left to babel."""


def _field(token: str, value: dt.date, language: str) -> str | None:
    letter, size = token[0], len(token)
    if letter == "d":
        return f"{value.day:0{size}d}"
    if letter in "ML":
        if size <= 2:
            return f"{value.month:0{size}d}"
        names = _MONTHS if size == 4 else _SHORT_MONTHS
        return names[language][value.month - 1]
    if letter == "y":
        return f"{value.year:0{size}d}" if size != 2 else f"{value.year % 100:02d}"
    if token == "EEEE":
        return _DAYS[language][value.weekday()]
    if letter.isalpha() or letter == "'":
        return None
    return token


def written_date(value: dt.date, language: str, width: str = "long") -> str | None:
    """Return a date written with a CLDR width (long) or pattern (d MMM), or None when the
    language or a field of the pattern is not one this module knows."""
    patterns = _WIDTHS.get(language)
    if patterns is None:
        return None
    parts = []
    for token in _FIELD.findall(patterns.get(width, width)):
        part = _field(token, value, language)
        if part is None:
            return None
        parts.append(part)
    return "".join(parts)


def weekday(index: int, language: str) -> str | None:
    """Return the name of a weekday, 0 for Monday (Monday, lundi), or None if not known."""
    days = _DAYS.get(language)
    return None if days is None else days[index]


_SYMBOLS = {"en": (",", "."), "fr": ("\u202f", ",")}
"""The thousands separator and the decimal mark of each language."""
_THOUSANDTHS = Decimal("0.001")


def written_number(value: float, language: str) -> str | None:
    """Return a number as CLDR's decimal pattern writes it (#,##0.###: 1,234.5 and 1 234,5),
    or None for a language or a value (not finite, 1e15 or more) left to babel."""
    symbols = _SYMBOLS.get(language)
    if symbols is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or abs(number) >= 10**15:
        return None
    number = number.quantize(_THOUSANDTHS, ROUND_HALF_EVEN)
    whole, _, fraction = f"{abs(number):f}".partition(".")
    fraction = fraction.rstrip("0")
    grouped = f"{int(whole):,}".replace(",", symbols[0])
    sign = "-" if number.is_signed() else ""
    return sign + grouped + (symbols[1] + fraction if fraction else "")
