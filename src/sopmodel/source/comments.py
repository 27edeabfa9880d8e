"""Find values that a YAML comment cuts short: `note: Ask on #purchasing-team` reads "Ask on".

In YAML, ` #` starts a comment, even in the middle of an unquoted value. A comment whose `#`
is followed directly by text (`#purchasing-team`, `#3`) is almost always text the writer
meant to keep; a comment written `# like this`, with a space, is a deliberate comment. The
parser drops comments, so the source lines are read again after each plain value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sopmodel.diagnostics import Loc

__all__ = ["CODE", "NAME", "CommentWatch", "CutValue", "source_lines"]

CODE = "YAML004"
"""The code of the check, a warning that rules can select, ignore or make more severe."""
NAME = "comment-cuts-value"

_CUT = re.compile(r"[ \t]+#(?=[^\s])(.*)")
"""After a plain value: blanks, then a comment whose `#` is followed by text."""
_DELIBERATE = re.compile(r"[ \t]+#(?:[ \t]|\Z)")
"""A comment written with a space after `#`, after the lost text: not quoted as lost."""
_CANDIDATE = re.compile(r"[ \t]#[^\s]")
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""The line breaks YAML counts lines with (YAML 1.1, as libyaml and PyYAML read)."""
MAX_SHOWN = 40
"""Characters of the lost text the message quotes."""


@dataclass(frozen=True, slots=True)
class CutValue:
    """A plain value followed on its line by a comment written without a space after `#`."""

    loc: Loc
    """The path of the value in the document."""
    line: int
    """The 1-based line of the ` #`."""
    col: int
    """The 1-based column of the `#`."""
    value: str
    """The value as YAML reads it (what is kept)."""
    lost: str
    """The text after ` #`, which YAML drops."""

    @property
    def dropped(self) -> str:
        """Return the text YAML drops, as the message quotes it (shortened)."""
        lost = "#" + _DELIBERATE.split(self.lost, maxsplit=1)[0].rstrip()
        return lost if len(lost) <= MAX_SHOWN else lost[: MAX_SHOWN - 1] + "…"

    @property
    def message(self) -> str:
        """Return the one-line report: what YAML keeps, what it drops, what to do."""
        kept = f"reads {self.value!r}" if self.value else "is empty"
        return (
            "the text after ' #' is a YAML comment: quote the value"
            f" (it {kept} and drops {self.dropped!r})"
        )


def source_lines(data: bytes | str) -> list[str]:
    """Return the lines of a YAML source as the parser counts them."""
    if isinstance(data, bytes):
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = data.decode("utf-16", "replace")
        else:
            text = data.decode("utf-8-sig", "replace")
    else:
        text = data.removeprefix("\ufeff")
    return _LINE_BREAK.split(text)


class CommentWatch:
    """Check the plain values of one parse for a comment that cuts them short."""

    __slots__ = ("found", "lines", "source")

    def __init__(self, source: list[str]) -> None:
        self.source = source
        self.lines = frozenset(i for i, line in enumerate(source) if _CANDIDATE.search(line))
        """The 0-based lines where a ` #text` comment may be: the only ones read again."""
        self.found: list[CutValue] = []

    @classmethod
    def of(cls, data: bytes | str) -> CommentWatch | None:
        """Return a watch for a YAML source, or None when no line can hold the trap."""
        if b"#" not in data if isinstance(data, bytes) else "#" not in data:
            return None
        watch = cls(source_lines(data))
        return watch if watch.lines else None

    def hint(self, line: int | None) -> str:
        """Return what to add to a parse error at a 1-based line that a ` #text` comment
        before it may explain (an unclosed `{` or `[`), or ''."""
        before = [cut for cut in self.found if line is None or cut.line <= line]
        if not before:
            return ""
        cut = before[-1]
        return (
            f"; on line {cut.line} the text after ' #' is a YAML comment: quote the value"
            f" (it drops {cut.dropped!r})"
        )

    def check(self, event: Any, loc: Loc) -> None:
        """Record the plain scalar event at loc if a ` #text` comment follows it."""
        end = event.end_mark
        line = self.source[end.line]
        cut = _CUT.match(line, end.column)
        if cut is not None:
            column = line.index("#", end.column)
            self.found.append(CutValue(loc, end.line + 1, column + 1, event.value, cut.group(1)))
