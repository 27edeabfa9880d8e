"""The language's spaces: French non-breaking spaces before high punctuation and in « »."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

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
