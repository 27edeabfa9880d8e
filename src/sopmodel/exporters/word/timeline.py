"""The plan's timeline as pictures of the Word plan document, printed at the size they are
drawn: one picture, or one per part when the plan has too many rows for a page."""

from __future__ import annotations

from typing import Any

from sopmodel.exporters.timeline import WIDTH_MM, timeline_pngs
from sopmodel.exporters.word.figures import figures
from sopmodel.exporters.writing import graphviz_missing
from sopmodel.i18n import Labels
from sopmodel.model import Plan

__all__ = ["timeline_figures"]


def timeline_figures(plan: Plan, labels: Labels, template: Any) -> list[dict[str, Any]]:
    """Return the timeline as figures (`image`, `caption`) of the template, or [] when the
    plan has no phase and no milestone, or with one warning when Graphviz's `dot` is missing."""
    if not plan.phases and not plan.milestones:
        return []
    if graphviz_missing(plan.id, "timeline"):
        return []
    pictures = timeline_pngs(plan, labels, WIDTH_MM)
    return figures(template, pictures, "timeline", lambda _picture: WIDTH_MM, labels)
