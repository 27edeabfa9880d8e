"""Render the pages docs/ shows of the examples' Word documents and workbooks, to docs/images.

Each picture is a page of LibreOffice's PDF of an export, given by its number or found by a
text printed on it (so that the picture follows the document when pages move). Needs
LibreOffice, pdftotext and pdftoppm. Run: python tools/page_pictures.py [OUTDIR]
"""

from __future__ import annotations

import logging
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

from office_pages import page_png, to_pdf

from sopmodel.exporters import export
from sopmodel.source import load

ROOT = Path(__file__).resolve().parent.parent


class Page(NamedTuple):
    """A page to show: the example, the format, the page (its number or a text on it), the
    picture's name."""

    example: str
    format: str
    where: str | int
    name: str


PAGES = [
    Page("forklift-battery-change.yaml", "docx", "Safety", "word-MAINT-004-page-1"),
    Page("achats-fournisseurs.fr.yaml", "docx", 3, "word-ACH-003-page-3"),
    Page("plan-sop-90-jours.fr.yaml", "docx", "Calendrier du plan", "word-PLAN-2027-T1-page-2"),
    Page("forklift-battery-change.yaml", "xlsx", 2, "checklist-form"),
    Page("plan-sop-90-jours.fr.yaml", "xlsx", 2, "tracker-kpis"),
    Page("plan-sop-90-jours.fr.yaml", "xlsx", 3, "tracker-charts"),
]


def _page_with(pdf: Path, text: str) -> int:
    """Return the number of the first page of pdf that shows text (1 if none does)."""
    count = int(
        next(
            line.split()[-1]
            for line in subprocess.run(
                ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True
            ).stdout.splitlines()
            if line.startswith("Pages:")
        )
    )
    for number in range(1, count + 1):
        shown = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        if text.casefold() in shown.casefold():
            return number
    return 1


def main() -> None:
    """Write the pictures and print where each comes from."""
    logging.getLogger("sopmodel.export").setLevel(logging.ERROR)
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "images"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for page in PAGES:
            [made] = export(load(ROOT / "examples" / page.example), page.format, folder / page.name)
            pdf = to_pdf(made, folder)
            number = page.where if isinstance(page.where, int) else _page_with(pdf, page.where)
            page_png(pdf, number, out / page.name, 80)
            print(f"{page.name}.png: {page.example} ({page.format}), page {number}")
            pdf.unlink()


if __name__ == "__main__":
    main()
