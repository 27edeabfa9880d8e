"""Pictures drawn for a Word document (the flowchart, the plan's timeline) as numbered
figures with their captions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from io import BytesIO
from typing import Any

from docx.shared import Mm
from docxtpl import InlineImage

from sopmodel.i18n import Labels

__all__ = ["figures"]


def figures(
    template: Any,
    pictures: Sequence[bytes],
    title: str,
    width_mm: Callable[[bytes], float],
    labels: Labels,
) -> list[dict[str, Any]]:
    """Return pictures as figures (`image`, `caption`: "Figure 2 – Flowchart (page 2 of 3)"),
    each printed at the width `width_mm` gives it."""
    found = []
    for number, data in enumerate(pictures, 1):
        part = labels.format("page_of", page=number, pages=len(pictures))
        found.append(
            {
                "image": InlineImage(template, BytesIO(data), width=Mm(width_mm(data))),
                "caption": f"{labels['figure']} {number} – {labels[title]}"
                + (f" ({part})" if len(pictures) > 1 else ""),
            }
        )
    return found
