"""Numbers with their unit, written the local way by every output.

- a percentage: "12%" in English, "12 %" in French (with a no-break space);
- an ISO 4217 currency code: the local currency format, "€48,000" and "48 000 €";
- a word that only says "this is a count" (count, number, nombre, nb, #): no unit at all,
  so "14 → 6" and not "14 nombre → 6 nombre";
- any other unit (min, k€, visits, °C): after the number with a no-break space, so that a line
  never ends between them.

Thousands are grouped the local way (48,000 and 48 000) by babel.
"""

from __future__ import annotations

import math
import re

from sopmodel.i18n import LOCALES, SCIENTIFIC_FROM, format_number

__all__ = ["COUNT_WORDS", "format_quantity", "shown_unit"]

NBSP = "\u00a0"
COUNT_WORDS = frozenset(
    {"count", "number", "numbers", "nb", "nbre", "#", "nombre", "nombres", "quantity", "qty"}
)
"""Units that name no unit, only that the value is a count: never printed after a value."""
_CURRENCY_CODE = re.compile(r"[A-Z]{3}")


def shown_unit(unit: str | None) -> str:
    """Return the unit as a document prints it after a value ('' for a count word)."""
    text = (unit or "").strip()
    return "" if text.casefold().rstrip(".") in COUNT_WORDS else text


def _currency(value: float, code: str, language: str) -> str | None:
    """Return value as an amount of the currency code, or None if code is not a currency."""
    if not _CURRENCY_CODE.fullmatch(code):
        return None
    from babel import Locale
    from babel.numbers import format_currency, is_currency

    if not is_currency(code):
        return None
    locale = LOCALES.get(language, language)
    pattern = str(Locale.parse(locale).currency_formats["standard"].pattern)
    if float(value).is_integer():
        pattern = pattern.replace(".00", "")
    return str(format_currency(value, code, format=pattern, locale=locale, currency_digits=False))


def format_quantity(value: float, unit: str | None, language: str) -> str:
    """Return a value with its unit the local way: 12%, 12 %, €48,000, 48 000 €, 30 min."""
    unit = shown_unit(unit)
    finite = math.isfinite(value) and abs(value) < SCIENTIFIC_FROM
    if unit and finite:
        amount = _currency(value, unit, language)
        if amount is not None:
            return amount
    number = format_number(value, language)
    if not unit:
        return number
    if unit == "%" and language == "en":
        return f"{number}%"
    return f"{number}{NBSP}{unit}"
