"""The spaces of a language's typography, applied to any text an output shows.

French sets a non-breaking space before : ; ! ? and inside « » (Lexique des règles
typographiques en usage à l'Imprimerie nationale); English sets none. A space written before
the sign becomes a non-breaking one, and one is added when the sign ends a word ("Note: x",
"besoin; livraison"); a sign inside a word stays as it is, so times (10:30) and addresses
(https://) are unchanged. Code is never given to this function.
"""

from __future__ import annotations

import re

__all__ = ["NBSP", "typeset"]

NBSP = "\u00a0"
_BEFORE = re.compile(r"[ \u202f]+([:;!?»])")
_GLUED = re.compile(r"(?<=[^\s:;!?«])([:;!?]+)(?=\s|$)")
_GUILLEMET_OPEN = re.compile(r"«[ \u202f]*(?=\S)")
_GUILLEMET_CLOSE = re.compile(r"(?<=\S)[ \u202f]*»")


def typeset(text: str, language: str) -> str:
    """Return text with its language's non-breaking spaces (French: before : ; ! ? », after «)."""
    if language != "fr" or not text:
        return text
    text = _GUILLEMET_OPEN.sub("«" + NBSP, text)
    text = _GUILLEMET_CLOSE.sub(NBSP + "»", text)
    text = _BEFORE.sub(NBSP + r"\1", text)
    return _GLUED.sub(NBSP + r"\1", text)
