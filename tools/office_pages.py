"""Pages of an Office file as LibreOffice prints them: its PDF, and one page as a PNG."""

from __future__ import annotations

import subprocess
from pathlib import Path


def to_pdf(path: Path, folder: Path) -> Path:
    """Return the PDF LibreOffice makes of an Office file, written under folder."""
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(folder / "pdf"), str(path)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return folder / "pdf" / f"{path.stem}.pdf"


def page_png(pdf: Path, number: int, target: Path, dpi: int) -> None:
    """Write page `number` of a PDF as target.png."""
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-singlefile", "-f", str(number),
         "-l", str(number), str(pdf), str(target)],
        check=True,
    )  # fmt: skip
