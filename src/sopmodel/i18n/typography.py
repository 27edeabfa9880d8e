"""The spaces and apostrophes of a language's typography, applied to any text an output shows.

French sets a non-breaking space before : ; ! ? and inside « » (Lexique des règles
typographiques en usage à l'Imprimerie nationale); English sets none. A space written before
the sign becomes a non-breaking one, and one is added when the sign ends a word ("Note: x",
"besoin; livraison"); a sign inside a word stays as it is, so times (10:30) and addresses
(https://) are unchanged. Code is never given to this function.

Both languages write the apostrophe inside a word as the typographic one (l’heure, kit’s), as
the labels and the Markdown text (smart quotes) already do, so that one line never mixes both;
a straight quote that opens or closes a quotation ('single') is left as it is.
"""

from __future__ import annotations

import re

__all__ = ["APOSTROPHE", "NBSP", "typeset"]

NBSP = "\u00a0"
APOSTROPHE = "\u2019"
_INNER_APOSTROPHE = re.compile(r"(?<=[^\W_])'(?=[^\W_])")
_BEFORE = re.compile(r"[ \u202f]+([:;!?»])")
_GLUED = re.compile(r"(?<=[^\s:;!?«])([:;!?]+)(?=\s|$)")
_GUILLEMET_OPEN = re.compile(r"«[ \u202f]*(?=\S)")
_GUILLEMET_CLOSE = re.compile(r"(?<=\S)[ \u202f]*»")


_BREAKING = re.compile(r"[^\S\u00a0\u202f\u2007]+")
"""Whitespace a line may break at: every kind but the no-break spaces."""


def one_line(text: str) -> str:
    """Return text on one line: each run of breaking whitespace (newlines, tabs) is one
    space, the ends trimmed; the no-break spaces typography puts (before : ? ! ;, inside
    « », in numbers) stay as they are."""
    return _BREAKING.sub(" ", text).strip(" ")


def typeset(text: str, language: str) -> str:
    """Return text with its language's apostrophes and non-breaking spaces (French: before
    : ; ! ? », after «)."""
    if not text:
        return text
    if "'" in text:
        text = _INNER_APOSTROPHE.sub(APOSTROPHE, text)
    if language != "fr":
        return text
    text = _GUILLEMET_OPEN.sub("«" + NBSP, text)
    text = _GUILLEMET_CLOSE.sub(NBSP + "»", text)
    text = _BEFORE.sub(NBSP + r"\1", text)
    return _GLUED.sub(NBSP + r"\1", text)
