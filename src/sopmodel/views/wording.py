"""Two wordings of one text side by side, as `sopmodel.changes` compares them: which words
changed, and whether anything did (a typo fixed is no change)."""

from __future__ import annotations

from dataclasses import dataclass

from sopmodel.changes import word_diff
from sopmodel.changes.words import text_words

__all__ = ["Piece", "same_meaning", "word_changes"]


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of a text, and whether it is what changed between two wordings."""

    text: str
    changed: bool = False


def same_meaning(old: str, new: str) -> bool:
    """Return whether two wordings say the same to a reader: the same words but for spaces,
    case, punctuation and typo-level slips (the comparison's fingerprint threshold)."""
    return text_words(old) == text_words(new)


def _add(into: list[Piece], text: str, changed: bool) -> None:
    """Add text to a side; a changed stretch leaves its spaces unmarked."""
    parts: tuple[tuple[str, bool], ...]
    if changed:
        body = text.strip()
        start = text.index(body[0]) if body else len(text)
        parts = ((text[:start], False), (body, True), (text[start + len(body) :], False))
    else:
        parts = ((text, False),)
    for part, mark in parts:
        if not part:
            continue
        if into and into[-1].changed == mark:
            into[-1] = Piece(into[-1].text + part, mark)
        else:
            into.append(Piece(part, mark))


def word_changes(old: str, new: str) -> tuple[tuple[Piece, ...], tuple[Piece, ...]]:
    """Return both wordings cut into pieces, the words one has and the other has not marked
    as changed (a word kept with a typo fixed is shown kept, in its new spelling)."""
    was: list[Piece] = []
    now: list[Piece] = []
    for op, text in word_diff(old, new):
        if op in "=-":
            _add(was, text, op == "-")
        if op in "=+":
            _add(now, text, op == "+")
    return tuple(was), tuple(now)
