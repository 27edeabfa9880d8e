"""Commented starter files for `sopmodel new`, dated from today so that they validate."""

from __future__ import annotations

import datetime as dt
from importlib.resources import files
from string import Template

__all__ = ["starter"]


def starter(kind: str, language: str, today: dt.date) -> str:
    """Return the starter file of a kind (procedure, plan) in a language (en, fr)."""
    text = files("sopmodel").joinpath("starters", f"{kind}.{language}.yaml").read_text("utf-8")
    start = today + dt.timedelta(days=(7 - today.weekday()) % 7 or 7)  # next Monday

    def day(offset: int) -> str:
        return (start + dt.timedelta(days=offset)).isoformat()

    year, week, _ = start.isocalendar()
    return Template(text).substitute(
        today=today.isoformat(),
        start=start.isoformat(),
        week=f"{year}-W{week:02d}",
        **{f"d{offset}": day(offset) for offset in (11, 18, 27, 28, 39, 46, 55, 56, 74, 87, 89)},
    )
