"""Deck speed: building a 200-step training deck, next to LibreOffice opening it.

Prints sopmodel's time to write the deck (in process, and as a whole `sopmodel export`
process), the time LibreOffice headless takes to convert the same deck to PDF (the check a
user does), and sopmodel's import time. Run: python benchmarks/slides.py
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

BIN = Path(sys.executable).parent


def main() -> None:
    """Print the figures."""
    start = time.perf_counter()
    from sopmodel.exporters import export
    from sopmodel.model import Procedure
    from sopmodel.source import dump_yaml, load

    imported = time.perf_counter() - start
    logging.getLogger("sopmodel.export").setLevel(logging.ERROR)  # notes such as session length
    office = shutil.which("soffice")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        source = folder / "deck.yaml"
        source.write_text(dump_yaml(Procedure.model_validate(procedure(1, 200))), encoding="utf-8")
        document = load(source)
        export(document, "pptx", folder / "warm", flowchart=False)  # fonts and template cached
        start = time.perf_counter()
        [deck] = export(document, "pptx", folder, flowchart=False)
        in_process = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run(
            [
                str(BIN / "sopmodel"),
                "export",
                str(source),
                "--to",
                "pptx",
                "-O",
                "flowchart=false",
                "-o",
                str(folder / "cli"),
                "-q",
            ],
            check=True,
            capture_output=True,
        )
        whole = time.perf_counter() - start
        from pptx import Presentation

        slides = len(Presentation(str(deck)).slides)
        print(f"200-step procedure -> {slides} slides ({deck.stat().st_size / 1e6:.1f} MB)")
        print(f"  sopmodel import time                 {imported:6.2f} s")
        print(f"  sopmodel writes the deck (in process) {in_process:6.2f} s")
        print(f"  sopmodel export, whole process        {whole:6.2f} s")
        if office is None:
            print("  LibreOffice is not installed: apt-get install libreoffice-impress-nogui")
            return
        start = time.perf_counter()
        subprocess.run(
            [
                office,
                f"-env:UserInstallation=file://{folder}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder / "pdf"),
                str(deck),
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )
        print(f"  LibreOffice converts it to PDF        {time.perf_counter() - start:6.2f} s")


if __name__ == "__main__":
    main()
