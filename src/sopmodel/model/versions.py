"""Order the versions procedures carry: semantic versions, and what real procedures write.

`1.0.0-alpha < 1.0.0-alpha.1 < 1.0.0-beta < 1.0.0-rc.1 < 1.0.0 < 1.1 < 2` by semantic
version precedence (build metadata after `+` is ignored). Real procedures also write "2",
"1.2", "v3.1", "Rev. 4", "1.0rc1" and revision letters "A", "B", ..., "Z", "AA"; these are
read too. Two tolerances over SemVer: an identifier that mixes letters and digits compares
naturally (`rc2` before `rc10`, `rc1` the same as `rc.1`), and letters compare without case.
"""

from __future__ import annotations

import re

__all__ = ["VersionKey", "compare_versions", "version_key"]

VersionKey = tuple[int, tuple[object, ...], int, tuple[tuple[int, object], ...]]
"""A sortable key: (scheme, release numbers or letters, 1 for a release and 0 for a
pre-release, the pre-release's identifiers). Keys of two schemes do not compare."""

NUMBERED = 0
"""The scheme of versions made of numbers: 1, 1.2, 1.2.0-rc.1."""
LETTERED = 1
"""The scheme of revision letters: A, B, ..., Z, AA."""

_PREFIX = re.compile(
    r"(?:v|version|ver|rev|revision|révision|indice|ind|ed|edition|édition|éd)\b\.?\s*"
    r"|v(?=\d)",
    re.IGNORECASE,
)
"""A word written before the version itself: v3.1, Rev. 4, Version 2, Indice B, Éd. 3."""
_NUMBERED = re.compile(
    r"(?P<release>\d+(?:\.\d+)*)"
    r"(?:[-.\s]?(?P<pre>[0-9A-Za-z][0-9A-Za-z.-]*?))?"
    r"(?:\+[0-9A-Za-z.-]*)?\Z"
)
_LETTERED = re.compile(r"[A-Za-z]{1,3}\Z")
_IDENTIFIER_PART = re.compile(r"\d+|[^\d.]+")


def _identifiers(pre: str) -> tuple[tuple[int, object], ...]:
    """Return a pre-release's identifiers: numbers before words, as SemVer orders them."""
    parts: list[tuple[int, object]] = []
    for part in _IDENTIFIER_PART.findall(pre):
        part = part.strip("-")
        if not part:
            continue
        parts.append((0, int(part)) if part.isdigit() else (1, part.casefold()))
    return tuple(parts)


def version_key(version: str) -> VersionKey | None:
    """Return the sort key of a version, or None when it is not a version that can be ordered.

    Keys of the same scheme compare by precedence; numbered and lettered versions (1.2,
    B) are two schemes that do not compare with each other (compare the scheme first).
    """
    text = version.strip()
    prefix = _PREFIX.match(text)
    if prefix and prefix.end() < len(text):  # "V" alone is a revision letter, not a prefix
        text = text[prefix.end() :]
    numbered = _NUMBERED.match(text)
    if numbered:
        release = tuple(int(number) for number in numbered["release"].split("."))
        while len(release) > 1 and release[-1] == 0:  # 1.2 is 1.2.0
            release = release[:-1]
        pre = numbered["pre"]
        if pre is None:
            return (NUMBERED, release, 1, ())
        return (NUMBERED, release, 0, _identifiers(pre))
    if _LETTERED.match(text):
        letters = text.upper()
        return (LETTERED, (len(letters), letters), 1, ())
    return None


def compare_versions(first: str, second: str) -> int | None:
    """Return -1, 0 or 1 as first comes before, with, or after second by precedence.

    None when either is not a version that can be ordered, or when they follow two schemes
    (a number and a revision letter).
    """
    a, b = version_key(first), version_key(second)
    if a is None or b is None or a[0] != b[0]:
        return None
    return (a > b) - (a < b)
