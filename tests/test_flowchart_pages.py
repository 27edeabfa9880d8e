"""The flowchart in a Word document, and how often `dot` runs to draw a chart.

Sizes are measured, not taken on trust: the printed text size of a chart is the Graphviz
font size of its text times the picture's width in the .docx over the width `dot` drew it
at (the PNG's pixels at the resolution it was drawn at); the pages are landscape in the PDF
LibreOffice makes of the document.
"""

from __future__ import annotations

import io
import itertools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document as WordDocument
from docx.image.image import Image as ImageHeader
from docx.oxml.ns import qn
from pypdf import PdfReader

from sopmodel.cli import main
from sopmodel.exporters.flowchart import FlowchartOptions
from sopmodel.exporters.word.render import CHART_DPI
from sopmodel.i18n import labels as labels_for
from sopmodel.model import Procedure
from sopmodel.source import dump_yaml, load
from tests.conftest import EXAMPLES, ROOT
from tests.office import to_pdf

sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import procedure as corpus_procedure

EMU_PER_POINT = 12700
LEAST_PRINTED = 8.0


def _corpus_file(folder: Path) -> Path:
    """Write the benchmarks' 50-step procedure (six roles, decisions, sub-steps)."""
    path = folder / "corpus-50.yaml"
    path.write_text(dump_yaml(Procedure.model_validate(corpus_procedure(0, 50))), "utf-8")
    return path


def _procedures() -> list[Path]:
    return [
        path
        for path in sorted(EXAMPLES.glob("*.yaml"))
        if load(path).kind == "procedure" and path.name != "hostile-text.yaml"
    ]


def _counting_dot(folder: Path) -> tuple[dict[str, str], Path]:
    """Return an environment whose `dot` logs each run to a file, and that file."""
    real = shutil.which("dot")
    assert real, "Graphviz is not installed: apt-get install graphviz"
    bin_folder, log = folder / "bin", folder / "dot-runs.log"
    bin_folder.mkdir()
    script = bin_folder / "dot"
    script.write_text(f'#!/bin/sh\necho "$*" >> "{log}"\nexec "{real}" "$@"\n', "utf-8")
    script.chmod(0o755)
    return {**os.environ, "PATH": f"{bin_folder}{os.pathsep}{os.environ['PATH']}"}, log


def _runs(log: Path) -> int:
    return len(log.read_text("utf-8").splitlines()) if log.exists() else 0


def _chart_pictures(docx: Path, language: str) -> list[tuple[float, bytes]]:
    """Return the flowchart's pictures in a .docx: each one's width on the page, in points,
    and its PNG; a chart picture is the one its caption names the flowchart."""
    word = WordDocument(str(docx))
    caption = labels_for(language)["flowchart"]
    paragraphs = word.paragraphs
    found = []
    for paragraph, following in itertools.pairwise(paragraphs):
        if caption not in following.text:
            continue
        for inline in paragraph._p.iter(qn("wp:inline")):
            width = int(inline.find(qn("wp:extent")).get("cx")) / EMU_PER_POINT
            blip = next(inline.iter(qn("a:blip")))
            part = word.part.related_parts[blip.get(qn("r:embed"))]
            found.append((width, part.blob))
    return found


def _printed_sizes(docx: Path, language: str) -> list[float]:
    """Return the size the chart's text prints at, picture by picture."""
    font = FlowchartOptions().font_size
    sizes = []
    for width, png in _chart_pictures(docx, language):
        drawn = ImageHeader.from_blob(png).px_width * 72 / CHART_DPI
        sizes.append(font * width / drawn)
    return sizes


def test_a_50_step_procedure_runs_dot_once_per_page_and_once_to_measure(tmp_path: Path) -> None:
    source = _corpus_file(tmp_path)
    environment, log = _counting_dot(tmp_path)
    for format in ("docx", "svg", "png"):
        log.unlink(missing_ok=True)
        out = tmp_path / format
        subprocess.run(
            [sys.executable, "-m", "sopmodel", "export", str(source), "--to", format,
             "-o", str(out), "-q"],
            env=environment, check=True, capture_output=True, timeout=300,
        )  # fmt: skip
        if format == "docx":
            pages = len(_chart_pictures(out / "BENCH-0000.docx", "en"))
        else:
            pages = len(list(out.glob(f"*.{format}")))
        assert pages >= 2, format
        assert _runs(log) <= pages + 1, (format, _runs(log), pages)


@pytest.mark.parametrize("path", _procedures(), ids=lambda p: p.stem)
def test_the_flowchart_in_word_prints_at_8_points_at_least(path: Path, tmp_path: Path) -> None:
    assert main(["export", str(path), "--to", "docx", "-o", str(tmp_path), "-q"]) == 0
    document = load(path)
    sizes = _printed_sizes(tmp_path / f"{document.id}.docx", document.language)
    assert sizes, "no flowchart in the document"
    assert min(sizes) >= LEAST_PRINTED, sizes


def test_a_50_step_flowchart_in_word_prints_at_8_points_at_least(tmp_path: Path) -> None:
    source = _corpus_file(tmp_path)
    assert main(["export", str(source), "--to", "docx", "-o", str(tmp_path), "-q"]) == 0
    sizes = _printed_sizes(tmp_path / "BENCH-0000.docx", "en")
    assert len(sizes) > 1
    assert min(sizes) >= LEAST_PRINTED, sizes


def test_the_flowchart_pages_are_landscape_in_the_pdf(tmp_path: Path) -> None:
    paths = [EXAMPLES / name for name in ("forklift-battery-change.yaml", "sales-opportunity.yaml")]
    paths.append(EXAMPLES / "achats-fournisseurs.fr.yaml")
    assert main(["export", *map(str, paths), "--to", "docx", "-o", str(tmp_path), "-q"]) == 0
    for path in paths:
        document = load(path)
        [pdf] = to_pdf([tmp_path / f"{document.id}.docx"], tmp_path / "pdf")
        caption = f"– {labels_for(document.language)['flowchart']}"
        reader = PdfReader(io.BytesIO(pdf.read_bytes()))
        charted = [page for page in reader.pages if caption in (page.extract_text() or "")]
        assert charted, f"{path.name}: no page shows the flowchart"
        for page in charted:
            box = page.mediabox
            assert float(box.width) > float(box.height), (path.name, box)
        first_chart = reader.pages.index(charted[0])
        assert float(reader.pages[0].mediabox.width) < float(reader.pages[0].mediabox.height)
        assert first_chart > 0
        for number, page in enumerate(reader.pages, 1):  # more than a header and a footer
            lines = [line for line in (page.extract_text() or "").splitlines() if line.strip()]
            assert len(lines) > 2, f"{path.name}: page {number} is blank"
