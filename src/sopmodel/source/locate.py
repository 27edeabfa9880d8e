"""Turn a path inside a document into the line and column where it is written."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sopmodel.diagnostics import Loc
from sopmodel.model.common import SourceRef
from sopmodel.source.comments import CutValue
from sopmodel.source.parsed import Pos

__all__ = ["Origin", "origin_of", "remember_origin"]


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a document came from: its file and the positions of its keys and values."""

    file: str
    """The file as the user named it."""
    positions: Pos
    """The position tree of the document's values."""
    cuts: tuple[CutValue, ...] = ()
    """The unquoted values that a ` #text` comment cuts short (YAML004)."""

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


def remember_origin(document: Any, origin: Origin) -> None:
    """Record in a loaded document where it came from; copies of it keep the record."""
    if not isinstance(getattr(document, "_source", None), SourceRef):
        raise TypeError(f"{type(document).__name__} is not a sopmodel document")
    document._source = SourceRef(origin)


def origin_of(document: Any) -> Origin | None:
    """Return where a document was loaded from, or None for a document built in memory."""
    source = getattr(document, "_source", None)
    return source.origin if isinstance(source, SourceRef) else None
