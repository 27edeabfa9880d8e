"""Open Office files with a real client: LibreOffice headless, as a person's computer would."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader

_PROFILE = Path(tempfile.gettempdir()) / f"sopmodel-tests-libreoffice-{os.getpid()}"
"""A LibreOffice profile of this test run's own: a profile another running LibreOffice holds
makes a conversion wait for it, or hand the file to it."""


def soffice() -> str:
    """Return the LibreOffice program; the test environment must have it (.ci/run installs it)."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    assert program, "LibreOffice is not installed: apt-get install libreoffice-writer-nogui"
    return program


def to_pdf(files: list[Path], folder: Path, timeout: float = 300) -> list[Path]:
    """Convert Office files to PDF with LibreOffice headless; return the PDFs, in order."""
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [soffice(), f"-env:UserInstallation=file://{_PROFILE}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(folder), *map(str, files)],
        capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip
    pdfs = [folder / f"{f.stem}.pdf" for f in files]
    missing = [p.name for p in pdfs if not p.exists()]
    assert not missing, f"LibreOffice wrote no {missing}: {done.stdout} {done.stderr}"
    return pdfs


def pdf_text(path: Path) -> str:
    """Return the text of every page of a PDF."""
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def edited_copy(source: Path, target: Path, edit: Callable[[str, bytes], bytes]) -> Path:
    """Return target: a copy of an Office file with each part passed through edit(name, data)."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as out:
        for item in original.infolist():
            out.writestr(item, edit(item.filename, original.read(item.filename)))
    return target
