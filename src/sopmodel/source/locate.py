"""Turn a path inside a document into the line and column where it is written."""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Any

from sopmodel.diagnostics import Loc
from sopmodel.source.yamlparse import Pos

__all__ = ["Origin", "origin_of", "remember_origin"]


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a document came from: its file and the positions of its keys and values."""

    file: str
    """The file as the user named it."""
    positions: Pos
    """The position tree of the document's values."""

    def locate(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Return the (line, column) of the value at loc, or of its key when key is True.

        A path that goes further than the file (a default value, a missing key) is
        located at the deepest part that is written in the file.
        """
        mark, children = self.positions
        for index, part in enumerate(loc):
            last = index == len(loc) - 1
            if isinstance(children, dict) and part in children:
                key_mark, child = children[part]
                if last and key:
                    return key_mark.line + 1, key_mark.column + 1
                mark, children = child
            elif isinstance(children, list) and isinstance(part, int) and part < len(children):
                mark, children = children[part]
            else:
                break
        return mark.line + 1, mark.column + 1


_ORIGINS: dict[int, tuple[weakref.ref[Any], Origin]] = {}


def remember_origin(document: Any, origin: Origin) -> None:
    """Record where a loaded document came from, for as long as the document lives."""
    key = id(document)
    _ORIGINS[key] = (weakref.ref(document, lambda _ref: _ORIGINS.pop(key, None)), origin)


def origin_of(document: Any) -> Origin | None:
    """Return where a document was loaded from, or None for a document built in memory."""
    entry = _ORIGINS.get(id(document))
    if entry is None or entry[0]() is not document:
        return None
    return entry[1]
