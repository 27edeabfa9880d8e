"""What the YAML and JSON parsers share: their limits, their position tree and their error."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sopmodel.errors import SopmodelError
from sopmodel.model.bounds import MAX_TEXT_CHARS

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_NODES",
    "MAX_NUMBER_CHARS",
    "MAX_TEXT_CHARS",
    "Mark",
    "ParseError",
    "Pos",
    "too_big",
]

MAX_BYTES = 2 * 1024 * 1024
"""Files larger than this are refused before they are parsed."""
MAX_DEPTH = 64
"""Deeper nesting than this is refused."""
MAX_NODES = 500_000
"""More values than this, counting each alias as a full copy, are refused."""
MAX_NUMBER_CHARS = 100
"""Longer numbers are refused: no quantity needs them, and Python refuses to convert or
print integers of more than 4,300 digits."""

Pos = tuple[Any, Any]
"""A value's (mark, children): the mark has 0-based line and column; children is None for a
scalar, a list of Pos for a sequence, and a dict key -> (key mark, Pos) for a mapping."""


class Mark:
    """A 0-based line and column in a file, as the YAML parser's marks have them."""

    __slots__ = ("column", "line")

    def __init__(self, line: int, column: int) -> None:
        self.line = line
        self.column = column

    def __reduce__(self) -> tuple[type[Mark], tuple[int, int]]:
        return (Mark, (self.line, self.column))

    def __repr__(self) -> str:
        return f"Mark(line={self.line}, column={self.column})"


@dataclass(frozen=True, slots=True)
class ParseError(SopmodelError):
    """A file that cannot be read as one YAML or JSON document; code says why."""

    code: str
    message: str
    line: int | None = None
    col: int | None = None


def too_big(text: str, what: str = "value") -> str | None:
    """Return why a scalar's text is refused (too long), or None when it is within the limits."""
    if len(text) > MAX_TEXT_CHARS:
        return f"a {what} of {len(text):,} characters is refused: the limit is {MAX_TEXT_CHARS:,}"
    return None
