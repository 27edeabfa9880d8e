"""The one base exception of sopmodel: every error the library raises on purpose derives from it."""

from __future__ import annotations

__all__ = ["SopmodelError"]


class SopmodelError(Exception):
    """Base of every error sopmodel raises on purpose; its message says what and where."""
