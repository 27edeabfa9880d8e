"""The spaces of a language's typography, applied to any text an output shows.

French sets a non-breaking space before : ; ! ? and inside « » (Lexique des règles
typographiques en usage à l'Imprimerie nationale); English sets none. Only a space already
written is replaced, so times (10:30), addresses (https://) and code stay as they are; the
space inside guillemets is added when it is missing, since « and » are never code.
"""

from __future__ import annotations

import re

__all__ = ["NBSP", "typeset"]

NBSP = "\u00a0"
_BEFORE = re.compile(r"[ \u202f]+([:;!?»])")
_GUILLEMET_OPEN = re.compile(r"«[ \u202f]*(?=\S)")
_GUILLEMET_CLOSE = re.compile(r"(?<=\S)[ \u202f]*»")


def typeset(text: str, language: str) -> str:
    """Return text with its language's non-breaking spaces (French: before : ; ! ? », after «)."""
    if language != "fr" or not text:
        return text
    text = _BEFORE.sub(NBSP + r"\1", text)
    text = _GUILLEMET_OPEN.sub("«" + NBSP, text)
    return _GUILLEMET_CLOSE.sub(NBSP + "»", text)
