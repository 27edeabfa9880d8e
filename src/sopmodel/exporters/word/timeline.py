"""The plan's timeline as pictures of the Word plan document, printed at the size they are
drawn: one picture, or one per part when the plan has too many rows for a page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx.shared import Mm
from docxtpl import InlineImage

from sopmodel.exporters.timeline import WIDTH_MM, timeline_pngs
from sopmodel.exporters.writing import graphviz_missing
from sopmodel.i18n import Labels
from sopmodel.model import Plan

__all__ = ["timeline_figures"]


def timeline_figures(
    plan: Plan, labels: Labels, template: Any, folder: Path
) -> list[dict[str, Any]]:
    """Return the timeline as figures (`image`, `caption`) of the template, or [] when the
    plan has no phase and no milestone, or with one warning when Graphviz's `dot` is missing."""
    if not plan.phases and not plan.milestones:
        return []
    if graphviz_missing(plan.id, "timeline"):
        return []
    pictures = timeline_pngs(plan, labels, WIDTH_MM)
    figures = []
    for number, data in enumerate(pictures, 1):
        path = folder / f"timeline-{number}.png"
        path.write_bytes(data)
        part = labels.format("page_of", page=number, pages=len(pictures))
        figures.append(
            {
                "image": InlineImage(template, str(path), width=Mm(WIDTH_MM)),
                "caption": f"{labels['figure']} {number} – {labels['timeline']}"
                + (f" ({part})" if len(pictures) > 1 else ""),
            }
        )
    return figures
