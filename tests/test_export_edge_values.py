"""Valid documents with extreme values export in every format: far dates, huge numbers, odd text."""

from __future__ import annotations

import datetime as dt
import logging
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document as OpenDocx

from sopmodel.cli import main
from sopmodel.exporters import export, normalize_zip
from sopmodel.source import LoadError, load
from tests.office import pdf_text, to_pdf

BASE = """\
sopmodel: 1
kind: procedure
id: EDGE-001
title: {title}
version: 1.0.0
objective: Handle the edge.
roles:
  - {{id: a, name: Agent}}
steps:
  - {{id: first, title: Look at the case, role: a}}
  - id: decide
    title: Is it an edge case?
    role: a
    decision:
      - {{when: {when}, goto: yes-step}}
      - {{when: "no", goto: no-step}}
  - {{id: yes-step, title: Handle the edge, role: a, end: true}}
  - {{id: no-step, title: Handle the usual, role: a, end: true}}
quality:
  kpis:
    - {{id: size, name: Batch size, unit: units, direction: increase,
       baseline: {baseline}, target: {target}, frequency: monthly}}
troubleshooting:
  - {{problem: It breaks, solution: Start again.}}
revisions:
  - {{version: 1.0.0, date: {date}}}
"""


def document(folder: Path, **values: str) -> Path:
    """Write the edge-case procedure with some values replaced; return its file."""
    fields = {"title": "Edge cases", "when": '"yes"', "baseline": "1", "target": "2"}
    fields["date"] = "2026-01-05"
    path = folder / "edge.yaml"
    path.write_text(BASE.format(**{**fields, **values}), encoding="utf-8")
    return path


@pytest.mark.parametrize("format", ["docx", "pptx"])
def test_a_date_after_2107_exports(tmp_path: Path, format: str) -> None:
    source = document(tmp_path, date="2200-01-01")
    [written] = export(load(source), format, tmp_path / "out", flowchart=False)
    with zipfile.ZipFile(written) as archive:
        assert archive.testzip() is None
        assert {info.date_time[0] for info in archive.infolist()} == {2107}


def test_zip_times_are_clamped_to_what_zip_holds(tmp_path: Path) -> None:
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.xml", "<a/>")
    normalize_zip(path, dt.datetime(9999, 12, 31, tzinfo=dt.UTC))
    with zipfile.ZipFile(path) as archive:
        assert archive.infolist()[0].date_time == (2107, 12, 31, 23, 59, 58)


def test_the_largest_kpi_numbers_export_to_word(tmp_path: Path) -> None:
    source = document(tmp_path, baseline="-1e15", target="999999999999999")
    [docx] = export(load(source), "docx", tmp_path / "out", flowchart=False)
    text = "\n".join(
        cell.text for t in OpenDocx(str(docx)).tables for r in t.rows for cell in r.cells
    )
    assert "-1E15\u00a0units" in text and "999,999,999,999,999\u00a0units" in text


def test_a_kpi_number_past_the_bound_is_refused_where_it_is_written(tmp_path: Path) -> None:
    source = document(tmp_path, baseline="1e28", target="2.5e28")
    with pytest.raises(LoadError) as caught:
        load(source)
    assert [(d.code, d.line) for d in caught.value.diagnostics] == [("SCHEMA003", 22)] * 2


@pytest.mark.parametrize("format", ["dot", "svg", "docx", "pptx"])
@pytest.mark.parametrize(
    ("values", "line", "column", "code"),
    [
        ({"when": '"yes\\u0001"'}, 15, 16, "U+0001"),
        ({"title": '"Edge \\uFFFE cases"'}, 4, 8, "U+FFFE"),
    ],
    ids=["control character in a decision label", "U+FFFE in the title"],
)
def test_characters_no_output_can_hold_are_removed_with_their_location(
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    format: str,
    values: dict[str, str],
    line: int,
    column: int,
    code: str,
) -> None:
    source = document(tmp_path, **values)
    caplog.set_level(logging.WARNING, logger="sopmodel.export")
    written = export(load(source), format, tmp_path / "out")
    assert written and all(path.stat().st_size for path in written)
    located = [r.message for r in caplog.records if r.message.startswith(f"{source}:")]
    assert located and all(f"{source}:{line}:{column} " in m for m in located), located
    assert all(f"removed characters that exported files cannot hold: {code}" in m for m in located)


def test_the_cli_shows_the_located_warning_and_writes_the_chart(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = document(tmp_path, when='"yes\\u0001"')
    code = main(["export", str(source), "--to", "svg", "-o", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert code == 0, out
    assert f"{source}: warning: {source}:15:16 (steps[1].decision[0].when): removed" in out


def test_a_long_unbroken_word_fits_the_deck_quickly(tmp_path: Path) -> None:
    """Fitting a word of 20,000 letters took hours when each cut re-measured the whole word."""
    word = "Supercalifragilistic" * 1000
    source = document(tmp_path, title=f"A {word} title")
    text = (tmp_path / "edge.yaml").read_text(encoding="utf-8")
    (tmp_path / "edge.yaml").write_text(text.replace("Handle the edge.", word), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "sopmodel", "export", str(source), "--to", "pptx",
         "-O", "flowchart=false", "-o", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    [pdf] = to_pdf([tmp_path / "out" / "EDGE-001.pptx"], tmp_path / "pdf")
    assert "Supercalifragilistic" in pdf_text(pdf)


@pytest.mark.parametrize("format", ["svg", "pptx"])
def test_a_font_name_that_could_break_the_file_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, format: str
) -> None:
    source = document(tmp_path)
    code = main(["export", str(source), "--to", format, "-O", 'font=Bad"Font', "-o", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith(f"sopmodel: bad option for the {format} export: font: String should")
    assert err.count("\n") == 1
    assert not list(tmp_path.glob("EDGE-001*"))
