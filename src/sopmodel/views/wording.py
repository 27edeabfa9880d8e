"""Two wordings of one text side by side: which words changed, and whether anything did."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

__all__ = ["Piece", "same_meaning", "word_changes"]

_WORD = re.compile(r"\S+")
_LETTERS = re.compile(r"[^\w]+")
TYPO_RATIO = 0.75
"""Two words at least this alike (difflib's ratio: 'reciept' and 'receipt' are 0.86) and
of four letters or more are one word mistyped, not two words."""


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of a text, and whether it is what changed between two wordings."""

    text: str
    changed: bool = False


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _key(word: str) -> str:
    return _LETTERS.sub("", word.casefold())


def _typo(old: str, new: str) -> bool:
    """Return whether two words differ by a slip of the keyboard only."""
    a, b = _key(old), _key(new)
    if a == b:
        return True
    if min(len(a), len(b)) < 4 or a.isdigit() or b.isdigit():
        return False
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= TYPO_RATIO


def same_meaning(old: str, new: str) -> bool:
    """Return whether two wordings say the same to a reader: they differ only in spaces,
    case, punctuation or words mistyped (never in a number)."""
    before, after = _words(old), _words(new)
    before = [w for w in before if _key(w)]
    after = [w for w in after if _key(w)]
    if len(before) != len(after):
        return False
    return all(_typo(a, b) for a, b in zip(before, after, strict=True))


def word_changes(old: str, new: str) -> tuple[tuple[Piece, ...], tuple[Piece, ...]]:
    """Return both wordings cut into pieces, the words one has and the other has not
    marked as changed (a mistyped word is not a change)."""
    before, after = _words(old), _words(new)
    matcher = difflib.SequenceMatcher(
        None, [_key(w) for w in before], [_key(w) for w in after], autojunk=False
    )
    was: list[Piece] = []
    now: list[Piece] = []

    def add(into: list[Piece], words: list[str], changed: bool) -> None:
        if not words:
            return
        text = " ".join(words)
        if into and into[-1].changed == changed:
            into[-1] = Piece(f"{into[-1].text} {text}", changed)
        elif into and changed:  # the space between goes with the words that did not change
            into[-1] = Piece(into[-1].text + " ", False)
            into.append(Piece(text, True))
        else:
            into.append(Piece(f" {text}" if into else text, changed))

    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        olds, news = before[a0:a1], after[b0:b1]
        typos = tag == "replace" and len(olds) == len(news)
        typos = typos and all(_typo(a, b) for a, b in zip(olds, news, strict=True))
        changed = tag != "equal" and not typos
        add(was, olds, changed)
        add(now, news, changed)
    return tuple(was), tuple(now)
