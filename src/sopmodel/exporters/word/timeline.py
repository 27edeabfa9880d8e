"""The plan's timeline as a picture of the Word plan document, printed at the size it is drawn."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from docx.shared import Mm
from docxtpl import InlineImage

from sopmodel.exporters.base import LOG
from sopmodel.exporters.timeline import WIDTH_MM, timeline_png
from sopmodel.i18n import Labels
from sopmodel.model import Plan

__all__ = ["timeline_figure"]


def timeline_figure(plan: Plan, labels: Labels, template: Any, folder: Path) -> dict[str, Any]:
    """Return the timeline as a figure (`image`, `caption`) of the template, or {} with one
    warning when Graphviz's `dot` is not installed or the plan has no phase and no milestone."""
    if not plan.phases and not plan.milestones:
        return {}
    if shutil.which("dot") is None:
        LOG.warning(
            "%s: the timeline is left out of the Word document: install Graphviz"
            " (apt-get install graphviz) to include it",
            plan.id,
        )
        return {}
    path = folder / "timeline.png"
    path.write_bytes(timeline_png(plan, labels, WIDTH_MM))
    return {
        "image": InlineImage(template, str(path), width=Mm(WIDTH_MM)),
        "caption": f"{labels['figure']} 1 – {labels['timeline']}",
    }
