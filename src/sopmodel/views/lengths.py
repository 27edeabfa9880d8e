"""How long something lasts, as a document writes it."""

from __future__ import annotations

from sopmodel.i18n import format_duration
from sopmodel.model.values import parse_range

__all__ = ["written_length"]


def written_length(text: str, language: str) -> str:
    """Return a length written in a file ("30min", "1-2h") the local way ("30 min",
    "1–2 h"), or as written if it is not one."""
    try:
        length = parse_range(text)
    except ValueError:
        return text
    return format_duration(length.low, language, length.high)
