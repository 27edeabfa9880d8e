"""Render three slides of each example's deck to docs/images, for docs/slides.md.

For a procedure: the first step slide with a warning (a signal word), the first flowchart
section (else the overview, else the safety-first slide), and the first quiz question. For a
plan: the objectives, the calendar and the activities. Needs LibreOffice and pdftoppm.
Prints the rows of docs/slides.md's table. Run: python tools/slide_pictures.py [OUTDIR]
"""

from __future__ import annotations

import logging
import sys
import tempfile
from pathlib import Path

from office_pages import page_png, to_pdf
from pptx import Presentation

from sopmodel.exporters import export
from sopmodel.i18n import labels
from sopmodel.i18n.typography import typeset
from sopmodel.model import Plan
from sopmodel.source import load
from sopmodel.views import SIGNAL_COLOURS, signal_word

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = [
    "lab-piranha-clean.yaml",
    "forklift-battery-change.yaml",
    "sales-opportunity.yaml",
    "lab-chemical-spill.yaml",
    "achats-fournisseurs.fr.yaml",
    "prise-de-commande.fr.yaml",
    "plan-sop-90-jours.fr.yaml",
]


def _texts(deck: Path) -> list[tuple[str, str]]:
    """Return (title, all text) of each slide."""
    found = []
    for slide in Presentation(str(deck)).slides:
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        text = "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        found.append((title, text))
    return found


def _first(slides: list[tuple[str, str]], test: object) -> int | None:
    for number, (title, text) in enumerate(slides, 1):
        if test(title, text):  # type: ignore[operator]
            return number
    return None


def _chosen(document: object, slides: list[tuple[str, str]]) -> list[int]:
    """Return the slide numbers to show for a document."""
    language = str(document.language)  # type: ignore[attr-defined]
    words = labels(language)
    if isinstance(document, Plan):
        wanted = [words["objectives"], words["calendar"], words["activities"]]
        picks = [_first(slides, lambda t, _x, w=w: w.lower() in t.lower()) for w in wanted]
    else:
        signals = [signal_word(level, words) for level in SIGNAL_COLOURS]
        chart, overview = (
            typeset(words["flowchart"], language),
            typeset(words["chart_overview"], language),
        )
        safety = typeset(words["safety_first"], language)
        picks = [
            _first(
                slides,
                lambda t, x: t.startswith(words["step"]) and any(s in x for s in signals),
            ),
            _first(slides, lambda t, _x: t.startswith(chart) and t != overview)
            or _first(slides, lambda t, _x: t.startswith(chart))
            or _first(slides, lambda t, _x: t.startswith(safety)),
            _first(slides, lambda t, _x: t.startswith(words.format("question", number=1))),
        ]
    return [number for number in picks if number is not None]


def main() -> None:
    """Write the pictures."""
    logging.getLogger("sopmodel.export").setLevel(logging.ERROR)
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "images"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for example in EXAMPLES:
            document = load(ROOT / "examples" / example)
            [deck] = export(document, "pptx", folder / example)
            pdf = to_pdf(deck, folder)
            row = []
            for number in _chosen(document, _texts(deck)):
                target = out / f"slide-{document.id}-{number:02d}"
                row.append(f"![{document.id}, slide {number}](images/{target.name}.png)")
                page_png(pdf, number, target, 60)
            print(f"| {example} | {' | '.join(row)} |")


if __name__ == "__main__":
    main()
