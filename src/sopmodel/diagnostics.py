"""Diagnostics: what every check of sopmodel reports, with its code and location."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

__all__ = ["Diagnostic", "InternalError", "Loc", "Severity", "format_loc"]

Loc = tuple[str | int, ...]
"""A path into a document: keys and list indexes, such as ("steps", 2, "role")."""


class Severity(IntEnum):
    """How serious a diagnostic is; higher is worse."""

    info = 1
    warning = 2
    error = 3

    def __str__(self) -> str:
        return self.name


def format_loc(loc: Loc) -> str:
    """Return a path as people write it: steps[2].role."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in a document: a code, a severity, a message and where it is."""

    code: str
    """The stable code of the check (SOP101, SCHEMA001)."""
    name: str
    """The check's kebab-case name (missing-quality)."""
    severity: Severity
    """How serious it is."""
    message: str
    """What is wrong and what to do about it."""
    file: str | None = None
    """The file, as given by the user, or None for an in-memory document."""
    line: int | None = None
    """The 1-based line, when known."""
    col: int | None = None
    """The 1-based column, when known."""
    loc: Loc = field(default=())
    """The path of the offending key or value inside the document."""

    def __post_init__(self) -> None:
        for name in ("line", "col"):
            value = getattr(self, name)
            if value is not None and (type(value) is not int or value < 0):
                raise TypeError(f"Diagnostic.{name} must be an int >= 0 or None, not {value!r}")

    def location(self) -> str:
        """Return file:line:col (or the document path when there is no file position)."""
        where = self.file or "<document>"
        if self.line is not None:
            return f"{where}:{self.line}:{self.col or 1}"
        return f"{where}:{format_loc(self.loc)}" if self.loc else where

    def to_dict(self) -> dict[str, Any]:
        """Return the diagnostic as plain JSON-ready data."""
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.name,
            "message": self.message,
            "path": format_loc(self.loc),
        }

    def __str__(self) -> str:
        return f"{self.location()} {self.code} {self.message}"


@dataclass(frozen=True, slots=True)
class InternalError:
    """A check that crashed on a document (a bug in sopmodel): the other checks still ran."""

    code: str | None
    """The code of the rule that crashed (SOP104), or None for another part (the loader)."""
    name: str
    """The rule's name (review-overdue), or what else crashed (the loader)."""
    error: str
    """The exception, as `OverflowError: date value out of range`."""
    file: str | None = None
    """The file being checked, when there is one."""

    @property
    def message(self) -> str:
        """Return the one line that says what crashed, without the file."""
        what = f"{self.name} ({self.code})" if self.code else self.name
        return f"internal error in {what}: {self.error}; please report it"

    def to_dict(self) -> dict[str, Any]:
        """Return the error as plain JSON-ready data."""
        return {"file": self.file, "code": self.code, "name": self.name, "message": self.message}

    def __str__(self) -> str:
        return f"{self.file}: {self.message}" if self.file else self.message
