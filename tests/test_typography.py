"""The language's spaces: French non-breaking spaces before high punctuation and in « »."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sopmodel.i18n import format_date
from sopmodel.i18n.typography import NBSP, typeset


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


def test_english_text_is_left_as_written() -> None:
    assert typeset("Duration : 1 h « x »", "en") == "Duration : 1 h « x »"


@given(st.text(max_size=80))
def test_typesetting_only_changes_spaces_and_is_idempotent(text: str) -> None:
    once = typeset(text, "fr")
    assert typeset(once, "fr") == once
    assert [c for c in once if not c.isspace()] == [c for c in text if not c.isspace()]


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
