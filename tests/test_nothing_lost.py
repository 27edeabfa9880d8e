"""Nothing the source says is lost: every text of a document is in each output, as read.

Documents are generated with every key of the second edition (notes of every level, links,
attachments, several roles, conditions, ranges, time limits, repeats, Markdown details,
sub-steps three deep). Each is exported; the Word document and the deck are converted to PDF
by LibreOffice and read with pdftotext (for the deck: the slides, not the speaker notes), the
tracker is read back cell by cell, the chart's SVG pages by their <text> elements, and the
Markdown file as markdown-it-py reads it.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sopmodel.exporters import export
from sopmodel.model import Plan, Procedure
from sopmodel.source import load
from tests.mdtools import shown_text
from tests.office import to_pdf
from tests.svgtools import squeeze, visible_text

LEVELS = ["danger", "warning", "caution", "notice", "info"]
_WORDS = st.text("abcdefghijkmnoprstuvwyzéèàç", min_size=3, max_size=8)


@st.composite
def _phrase(draw: st.DrawFn, tag: str) -> str:
    """Return a short text that says where it belongs, so that a missing one is named."""
    words = draw(st.lists(_WORDS, min_size=1, max_size=3))
    return " ".join([f"{tag}{draw(st.integers(0, 99))}", *words])


@st.composite
def _markdown(draw: st.DrawFn, tag: str) -> str:
    """Return a Markdown text: a paragraph, and maybe a list and a table of short phrases."""
    text = draw(_phrase(tag))
    if draw(st.booleans()):
        items = draw(st.lists(_phrase(f"{tag}item"), min_size=1, max_size=3))
        text += f" **{draw(_WORDS)}**:\n\n" + "".join(f"- {item}\n" for item in items)
    if draw(st.booleans()):
        cells = [draw(_phrase(f"{tag}cell{i}x")) for i in range(4)]
        text += f"\n\n| {cells[0]} | {cells[1]} |\n|---|---|\n| {cells[2]} | {cells[3]} |\n"
    return text


def _shown(markdown: str) -> list[str]:
    """Return the phrases of a generated Markdown text as a reader sees them."""
    found = []
    for line in markdown.splitlines():
        if line.startswith("|"):
            found += [cell.strip() for cell in line.strip("|").split("|") if "---" not in cell]
        elif line.strip():
            found.append(line.lstrip("- ").split(" **")[0])
    return found


@st.composite
def _step(draw: st.DrawFn, path: str, depth: int, roles: list[str]) -> dict[str, Any]:
    step: dict[str, Any] = {"title": draw(_phrase(f"title{path}x"))}
    if draw(st.booleans()):
        step["role"] = draw(st.sampled_from([roles[0], roles[:2], roles[1:]]))
    if draw(st.booleans()):
        step["when"] = draw(_phrase(f"when{path}x"))
    if draw(st.booleans()):
        low = draw(st.integers(1, 50))
        step["duration"] = f"{low}-{low + draw(st.integers(1, 30))}min"
    if draw(st.booleans()):
        step["within"] = f"{draw(st.integers(1, 48))}h"
    if draw(st.booleans()):
        step["repeat"] = draw(_phrase(f"repeat{path}x"))
    if draw(st.booleans()):
        step["details"] = draw(_markdown(f"details{path}x"))
    if draw(st.booleans()):
        step["check"] = draw(_phrase(f"check{path}x"))
    if draw(st.booleans()):
        step["warning"] = draw(_phrase(f"warning{path}x"))
    notes = draw(st.lists(st.sampled_from(LEVELS), max_size=2))
    step["notes"] = [
        {"level": level, "text": draw(_markdown(f"note{path}x{n}x"))}
        for n, level in enumerate(notes)
    ]
    if draw(st.booleans()):
        step["links"] = [{"title": draw(_phrase(f"link{path}x")), "url": "https://example.org/a"}]
    if draw(st.booleans()):
        step["attachments"] = [{"title": draw(_phrase(f"form{path}x")), "path": "form.txt"}]
    if depth < 3:
        count = draw(st.integers(0, 2 if depth else 3))
        step["substeps"] = [draw(_step(f"{path}s{i}", depth + 1, roles)) for i in range(count)]
    return step


@st.composite
def procedures(draw: st.DrawFn) -> dict[str, Any]:
    """Return the data of a procedure that uses every key of the second edition."""
    roles = ["lead", "helper", "checker"]
    return {
        "sopmodel": 1,
        "kind": "procedure",
        "id": "GEN-001",
        "title": draw(_phrase("doctitle")),
        "language": draw(st.sampled_from(["en", "fr"])),
        "layout": draw(st.sampled_from(["steps", "hierarchical", "flowchart"])),
        "category": draw(st.sampled_from(["general", "instructional", "administrative"])),
        "roles": [{"id": r, "name": draw(_phrase(f"role{r}x"))} for r in roles],
        "notes": [
            {"level": level, "text": draw(_phrase(f"docnote{level}x"))}
            for level in draw(st.lists(st.sampled_from(LEVELS), min_size=1, max_size=3))
        ],
        "links": [
            {"title": draw(_phrase("doclinkx")), "url": "https://example.org/policy"},
            {"title": draw(_phrase("doclinky")), "procedure": "GEN-002"},
        ],
        "attachments": [{"title": draw(_phrase("docformx")), "path": "form.txt"}],
        "steps": [draw(_step(f"n{i}", 0, roles)) for i in range(draw(st.integers(1, 4)))],
    }


def _texts(data: Any, parent: str = "") -> list[str]:
    """Return every text a person must find in the outputs: titles, notes, checks, warnings,
    link and attachment titles, role names, conditions, repeats, details and their items."""
    wanted = {"title", "text", "check", "warning", "name", "when", "repeat", "details"}
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str) and key in wanted:
                if key in ("details", "text"):
                    found += _shown(value)
                else:
                    found.append(value)
            else:
                found += _texts(value, key)
    elif isinstance(data, list):
        for item in data:
            found += _texts(item, parent)
    return [text for text in found if text.strip()]


def _read(path: Path, folder: Path) -> str:
    """Return the text of an output as a person reads it."""
    if path.suffix in (".docx", ".pptx"):
        (pdf,) = to_pdf([path], folder / "pdf")
        done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
        return done.stdout
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path)
        return "\n".join(
            str(cell.value)
            for sheet in book.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if cell.value is not None
        )
    if path.suffix == ".md":
        return shown_text(path.read_text(encoding="utf-8"))
    return visible_text(path)


def _missing(texts: list[str], seen: str) -> list[str]:
    flat = squeeze(seen)
    return [text for text in texts if squeeze(text) not in flat]


@pytest.mark.parametrize("format", ["docx", "pptx", "xlsx", "svg", "md"])
def test_every_text_of_the_source_is_in_each_output(format: str) -> None:
    @settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
    @given(procedures())
    def check(data: dict[str, Any]) -> None:
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch)
            (folder / "form.txt").write_text("a form\n")
            source = folder / "doc.yaml"
            source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
            document = load(source)
            assert isinstance(document, Procedure | Plan)
            written = export(document, format, folder / "out")
            written = [path for path in written if path.parent == folder / "out"]  # companions
            seen = "\n".join(_read(path, folder) for path in written)
            missing = _missing(_texts(data), seen)
            assert not missing, f"{format} loses {missing}"

    check()
