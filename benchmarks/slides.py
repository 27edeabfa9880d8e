"""Deck speed: training decks of 50, 500 and 2,000 steps, next to python-pptx alone.

For each size, prints the time sopmodel takes to write the deck (in process) and the time
per step, which stays flat when the time is linear in the steps. The peer is python-pptx
alone writing the same number of slides, each a title and the same body text without any
fitting: the least any python-pptx tool pays. Last, LibreOffice headless converting the
50-step deck to PDF (the check a user does). Run: python benchmarks/slides.py
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import procedure

SIZES = (50, 500, 2000)


def _plain_pptx(slides: list[tuple[str, str]], path: Path) -> float:
    """Return the seconds python-pptx alone takes to write titled slides of body text."""
    from pptx import Presentation
    from pptx.util import Inches

    start = time.perf_counter()
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    layout = deck.slide_layouts[1]
    for title, body in slides:
        slide = deck.slides.add_slide(layout)
        slide.shapes.title.text = title
        slide.placeholders[1].text_frame.text = body
        slide.notes_slide.notes_text_frame.text = body
    deck.save(str(path))
    return time.perf_counter() - start


def main() -> None:
    """Print the figures."""
    from pptx import Presentation

    from sopmodel.exporters import export
    from sopmodel.model import Procedure

    logging.getLogger("sopmodel.export").setLevel(logging.ERROR)  # notes such as session length
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        small = Procedure.model_validate(procedure(1, 10))
        export(small, "pptx", folder / "warm", flowchart=False)  # fonts and template cached
        print(f"{'steps':>6} {'slides':>7} {'sopmodel':>9} {'per step':>9} {'python-pptx':>18}")
        decks = {}
        for steps in SIZES:
            document = Procedure.model_validate(procedure(1, steps))
            start = time.perf_counter()
            [deck] = export(document, "pptx", folder / str(steps), flowchart=False)
            took = time.perf_counter() - start
            decks[steps] = deck
            written = Presentation(str(deck)).slides
            texts = [
                (
                    slide.shapes.title.text if slide.shapes.title is not None else "",
                    "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame),
                )
                for slide in written
            ]
            peer = _plain_pptx(texts, folder / f"plain-{steps}.pptx")
            print(
                f"{steps:>6} {len(texts):>7} {took:>8.2f}s {1000 * took / steps:>7.1f}ms"
                f" {peer:>17.2f}s"
            )
        office = shutil.which("soffice")
        if office is None:
            print("LibreOffice is not installed: apt-get install libreoffice-impress-nogui")
            return
        start = time.perf_counter()
        subprocess.run(
            [office, f"-env:UserInstallation=file://{folder}/profile", "--headless",
             "--convert-to", "pdf", "--outdir", str(folder / "pdf"), str(decks[SIZES[0]])],
            check=True, capture_output=True, timeout=600,
        )  # fmt: skip
        print(f"LibreOffice converts the {SIZES[0]}-step deck to PDF in"
              f" {time.perf_counter() - start:.2f} s")  # fmt: skip


if __name__ == "__main__":
    main()
