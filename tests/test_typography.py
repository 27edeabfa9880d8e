"""The language's typography: French non-breaking spaces before high punctuation and in « »,
typographic apostrophes, and numbers with their unit written the local way."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sopmodel.i18n import format_date
from sopmodel.i18n.quantity import format_quantity
from sopmodel.i18n.typography import APOSTROPHE, NBSP, typeset


@pytest.mark.parametrize(
    ("written", "typeset_text"),
    [
        ("Durée : 1 h", f"Durée{NBSP}: 1 h"),
        ("Prêt ? Oui !", f"Prêt{NBSP}? Oui{NBSP}!"),
        ("a ; b", f"a{NBSP}; b"),
        ("« Stop »", f"«{NBSP}Stop{NBSP}»"),
        ("«Stop»", f"«{NBSP}Stop{NBSP}»"),
        ("Étape 3\u202f: fin", f"Étape 3{NBSP}: fin"),
        ("à 10:30, voir https://exemple.fr", "à 10:30, voir https://exemple.fr"),
        ("Attention  : double", f"Attention{NBSP}: double"),
        ("Note: collée", f"Note{NBSP}: collée"),
        ("besoin; livraison", f"besoin{NBSP}; livraison"),
        ("Vraiment?! Oui!", f"Vraiment{NBSP}?! Oui{NBSP}!"),
        ("Fin:", f"Fin{NBSP}:"),
        ("Quoi?»", f"Quoi{NBSP}?{NBSP}»"),
        ("ratio 3:1 et 10:30", "ratio 3:1 et 10:30"),
    ],
)
def test_french_typography(written: str, typeset_text: str) -> None:
    assert typeset(written, "fr") == typeset_text


def test_english_spaces_are_left_as_written() -> None:
    assert typeset("Duration : 1 h « x »", "en") == "Duration : 1 h « x »"


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("l'heure", f"l{APOSTROPHE}heure"),
        ("aujourd'hui, d'abord", f"aujourd{APOSTROPHE}hui, d{APOSTROPHE}abord"),
        ("the CRM's report", f"the CRM{APOSTROPHE}s report"),
        ("Check 'single' text", "Check 'single' text"),
        ("'quoted'", "'quoted'"),
        ("snake_'case", "snake_'case"),
    ],
)
def test_an_apostrophe_inside_a_word_is_the_typographic_one(
    language: str, written: str, shown: str
) -> None:
    assert typeset(written, language) == shown


@pytest.mark.parametrize("language", ["en", "fr"])
@given(text=st.text(max_size=80))
def test_typesetting_only_changes_spaces_and_apostrophes_and_is_idempotent(
    language: str, text: str
) -> None:
    once = typeset(text, language)
    assert typeset(once, language) == once

    def kept(value: str) -> list[str]:
        return [c for c in value.replace("'", APOSTROPHE) if not c.isspace()]

    assert kept(once) == kept(text)


@pytest.mark.parametrize(
    ("value", "unit", "english", "french"),
    [
        (12, "%", "12%", f"12{NBSP}%"),
        (0.5, "%", "0.5%", f"0,5{NBSP}%"),
        (48000, "EUR", "€48,000", f"48\u202f000{NBSP}€"),
        (48000.5, "EUR", "€48,000.50", f"48\u202f000,50{NBSP}€"),
        (14, "nombre", "14", "14"),
        (14, "count", "14", "14"),
        (30, "min", f"30{NBSP}min", f"30{NBSP}min"),
        (45, "k€", f"45{NBSP}k€", f"45{NBSP}k€"),
        (1234567, "visits", f"1,234,567{NBSP}visits", f"1\u202f234\u202f567{NBSP}visits"),
        (7, None, "7", "7"),
        (3, "ABC", f"3{NBSP}ABC", f"3{NBSP}ABC"),
    ],
)
def test_a_value_and_its_unit_are_written_the_local_way(
    value: float, unit: str | None, english: str, french: str
) -> None:
    assert format_quantity(value, unit, "en") == english
    assert format_quantity(value, unit, "fr") == french


@pytest.mark.parametrize(
    ("day", "width", "shown"),
    [
        (1, "long", "1er février 2027"),
        (1, "medium", "1er févr. 2027"),
        (1, "full", "lundi 1er février 2027"),
        (1, "short", "01/02/2027"),
        (11, "long", "11 février 2027"),
        (21, "long", "21 février 2027"),
    ],
)
def test_the_first_of_a_month_is_1er_in_french(day: int, width: str, shown: str) -> None:
    assert format_date(dt.date(2027, 2, day), "fr", width) == shown


def test_english_dates_keep_their_plain_day() -> None:
    assert format_date(dt.date(2027, 2, 1), "en") == "1 February 2027"


@given(
    st.one_of(
        st.integers(-(10**14), 10**14),
        st.floats(-1e14, 1e14, allow_nan=False),
        st.decimals(-(10**6), 10**6, places=5, allow_nan=False).map(float),
    ),
    st.sampled_from(["en", "fr"]),
)
def test_numbers_are_written_as_babel_writes_them(value: float, language: str) -> None:
    """English and French numbers skip babel's locale data: same text (1,234.5; 1 234,5)."""
    from babel.numbers import format_decimal

    from sopmodel.i18n import LOCALES, format_number

    assert format_number(value, language) == format_decimal(value, locale=LOCALES[language])


@pytest.mark.parametrize("language", ["en", "fr"])
def test_dates_are_written_as_babel_writes_them(language: str) -> None:
    """English and French dates skip babel's locale data: same text for every pattern used."""
    from babel.dates import format_date as babel_date
    from babel.dates import get_day_names

    from sopmodel.i18n import LOCALES, weekday_name
    from sopmodel.i18n.cldr import written_date

    locale = LOCALES[language]
    patterns = ["short", "medium", "long", "full", "LLLL y", "LLLL", "LLL", "d MMM", "dd/MM/yy"]
    day = dt.date(2027, 1, 1)
    while day.year < 2029:
        for pattern in patterns:
            assert written_date(day, language, pattern) == babel_date(day, pattern, locale=locale)
        day += dt.timedelta(days=1)
    for index in range(7):
        assert weekday_name(index, language) == get_day_names("wide", locale=locale)[index]
    assert written_date(day, language, "QQQ") is None  # a field it does not know: babel's
    assert written_date(day, "de", "long") is None
