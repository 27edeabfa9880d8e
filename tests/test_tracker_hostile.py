"""Hostile or wrong trackers: one line naming the file, exit 2, within 10 s and 300 MB."""

from __future__ import annotations

import io
import os
import re
import resource
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from openpyxl import load_workbook

from sopmodel.cli import main
from sopmodel.exporters import export
from sopmodel.exporters.workbook.read import MAX_PART, MAX_ROWS, TrackerError, read_tracker
from sopmodel.source import load
from tests.conftest import EXAMPLES

PLAN = EXAMPLES / "plan-sop-90-jours.fr.yaml"
MEMORY_LIMIT_KB = 300 * 1024
TIME_LIMIT_S = 10
RUNNER = """
import re, resource, sys
from pathlib import Path
from sopmodel.cli import main
code = main(sys.argv[1:])
# The peak of this program alone: Linux's ru_maxrss also counts the parent's pages at fork.
status = Path("/proc/self/status")
found = re.search(r"VmHWM:\\s+(\\d+) kB", status.read_text()) if status.exists() else None
peak = int(found.group(1)) if found else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
sys.stderr.write(f"\\nPEAK_KB={peak}\\n")
raise SystemExit(code)
"""


@pytest.fixture(scope="module")
def tracker(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tracker written by sopmodel for the French example plan."""
    [path] = export(load(PLAN), "xlsx", tmp_path_factory.mktemp("tracker"))
    return path


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _kpi_part(members: dict[str, bytes]) -> str:
    return next(n for n, d in members.items() if n.startswith("xl/worksheets/sheet")
                and b"SUMPRODUCT" in d)  # fmt: skip


def _rezip(source: Path, target: Path, change: Callable[[dict[str, bytes]], None]) -> Path:
    members = _members(source)
    change(members)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return target


def _entity_declaration(source: Path, target: Path) -> Path:
    def change(members: dict[str, bytes]) -> None:
        part = _kpi_part(members)
        body = members[part].replace(b"<t>otd</t>", b"<t>&id;</t>", 1)
        members[part] = b'<!DOCTYPE worksheet [<!ENTITY id "otd">]>' + body

    return _rezip(source, target, change)


def _billion_laughs(source: Path, target: Path) -> Path:
    entities = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    doctype = f'<!DOCTYPE worksheet [<!ENTITY l0 "ha">{entities}]>'.encode()

    def change(members: dict[str, bytes]) -> None:
        part = _kpi_part(members)
        members[part] = doctype + members[part].replace(b"<t>otd</t>", b"<t>&l9;</t>", 1)

    return _rezip(source, target, change)


def _entity_in_workbook(source: Path, target: Path) -> Path:
    def change(members: dict[str, bytes]) -> None:
        members["xl/workbook.xml"] = (
            b'<!DOCTYPE workbook [<!ENTITY e "x">]>'
            + members["xl/workbook.xml"].split(b"?>", 1)[-1]
        )

    return _rezip(source, target, change)


def _shared_string_out_of_range(source: Path, target: Path) -> Path:
    def change(members: dict[str, bytes]) -> None:
        part = _kpi_part(members)
        members[part] = re.sub(
            rb'<c r="D3"[^>]*?(/>|>.*?</c>)',
            b'<c r="D3" t="s"><v>99999</v></c>',
            members[part],
            count=1,
        )
        members["xl/sharedStrings.xml"] = (
            b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>a</t></si></sst>'
        )
        members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
            b"</Types>",
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        )

    return _rezip(source, target, change)


def _malformed_sheet(source: Path, target: Path) -> Path:
    def change(members: dict[str, bytes]) -> None:
        part = _kpi_part(members)
        members[part] = members[part][: len(members[part]) // 2]

    return _rezip(source, target, change)


def _million_rows(source: Path, target: Path) -> Path:
    def change(members: dict[str, bytes]) -> None:
        part = _kpi_part(members)
        xml = re.sub(
            rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:BZ1000000"/>', members[part]
        )
        members[part] = xml.replace(
            b"</sheetData>",
            b'<row r="1000000"><c r="A1000000" t="inlineStr"><is><t>otd</t></is></c>'
            b'<c r="D1000000"><v>1</v></c></row></sheetData>',
        )
        table = next(n for n in members if n.startswith("xl/tables/") and b'"KPIs"' in members[n])
        members[table] = re.sub(rb'ref="A1:[A-Z]+\d+"', b'ref="A1:BZ1000000"', members[table])

    return _rezip(source, target, change)


def _zip_bomb(source: Path, target: Path) -> Path:
    """A tracker whose KPI sheet inflates to 1.5 GB (written in chunks, never held in memory)."""
    members = _members(source)
    part = _kpi_part(members)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            if name != part:
                archive.writestr(name, data)
        with archive.open(part, "w", force_zip64=True) as handle:
            handle.write(members[part].split(b"<sheetData>")[0] + b"<sheetData>")
            chunk = b" " * (16 * 1024 * 1024)
            for _ in range(96):
                handle.write(chunk)
    return target


def _dense_row(source: Path, target: Path) -> Path:
    """A KPI sheet as large as a part may be, all in one row of distinct cells."""

    def change(members: dict[str, bytes]) -> None:
        part = _kpi_part(members)
        room = (MAX_PART - len(members[part])) // 12
        cells = b"".join(b'<c x="%02x"/>' % (i * 7919 % 256) for i in range(room))
        members[part] = members[part].replace(b'<row r="2">', b'<row r="2">' + cells, 1)

    return _rezip(source, target, change)


def _large_part(source: Path, target: Path) -> Path:
    def change(members: dict[str, bytes]) -> None:
        part = _kpi_part(members)
        rows = b"".join(b'<row r="%d"><c r="Z%d"><v>%d</v></c></row>' % (r, r, r * 7919)
                        for r in range(6, 60_000))  # fmt: skip
        members[part] = members[part].replace(b"</sheetData>", rows + b"</sheetData>", 1)

    return _rezip(source, target, change)


def _not_a_zip(source: Path, target: Path) -> Path:
    target.write_bytes(zlib.compress(os.urandom(4096)))
    return target


def _truncated(source: Path, target: Path) -> Path:
    data = source.read_bytes()
    target.write_bytes(data[: len(data) // 2])
    return target


def _renamed_csv(source: Path, target: Path) -> Path:
    target.write_text("ID,2027-W01\notd,84\n", encoding="utf-8")
    return target


def _word_file(source: Path, target: Path) -> Path:
    [docx] = export(load(PLAN), "docx", target.parent)
    return docx


def _text_file(source: Path, target: Path) -> Path:
    text = target.with_suffix(".txt")
    text.write_text("not a workbook\n", encoding="utf-8")
    return text


def _folder(source: Path, target: Path) -> Path:
    target.mkdir()
    return target


def _dev_zero(source: Path, target: Path) -> Path:
    return Path("/dev/zero")


def _fifo(source: Path, target: Path) -> Path:
    os.mkfifo(target)
    return target


HOSTILE: dict[str, tuple[Callable[[Path, Path], Path], str]] = {
    "bad zip": (_not_a_zip, "not a readable Office file"),
    "truncated zip": (_truncated, "not a readable Office file"),
    "renamed CSV": (_renamed_csv, "not a readable Office file"),
    "Word file": (_word_file, "has no xl/workbook.xml"),
    "text file": (_text_file, "not a readable Office file"),
    "folder": (_folder, "is a folder"),
    "/dev/zero": (_dev_zero, "not a regular file"),
    "FIFO": (_fifo, "not a regular file"),
    "entity declaration": (_entity_declaration, "declares XML entities"),
    "billion laughs": (_billion_laughs, "declares XML entities"),
    "entity in the workbook part": (_entity_in_workbook, "part xl/workbook.xml"),
    "shared string out of range": (_shared_string_out_of_range, "refers to something"),
    "malformed sheet": (_malformed_sheet, "XML is malformed"),
    "1.5 GB zip bomb": (_zip_bomb, "zip bomb"),
    "a part too large": (_large_part, "more than the 2,097,152 a tracker's part may have"),
}


def _run(tmp_path: Path, *args: str) -> tuple[int, str, str, int]:
    """Run `sopmodel ARGS` in a fresh process; return exit code, stdout, stderr, peak KB."""

    def bounded() -> None:  # a broken guard must not take the shared machine down with it
        resource.setrlimit(resource.RLIMIT_AS, (4 * 1024**3, 4 * 1024**3))

    try:
        done = subprocess.run(
            [sys.executable, "-c", RUNNER, *args],
            capture_output=True,
            text=True,
            timeout=TIME_LIMIT_S,
            cwd=tmp_path,
            preexec_fn=bounded,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"sopmodel {' '.join(args)} did not end within {TIME_LIMIT_S} s")
    found = re.search(r"\nPEAK_KB=(\d+)\n$", done.stderr)
    assert found, f"the process died: {done.returncode} {done.stderr[-2000:]}"
    return done.returncode, done.stdout, done.stderr[: found.start()], int(found.group(1))


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_tracker_ends_in_one_line_within_time_and_memory(
    tmp_path: Path, tracker: Path, case: str
) -> None:
    make, expected = HOSTILE[case]
    path = make(tracker, tmp_path / "hostile.xlsx")
    code, out, err, peak = _run(tmp_path, "status", str(PLAN), "--tracker", str(path))
    lines = err.strip().splitlines()
    assert code == 2, (code, out, err)
    assert len(lines) == 1 and "Traceback" not in err, err
    assert lines[0].startswith(f"sopmodel: {path}: ") and expected in lines[0], lines[0]
    assert peak < MEMORY_LIMIT_KB, f"{case}: {peak // 1024} MB"


def test_a_tracker_declaring_a_million_rows_reads_only_its_rows(
    tmp_path: Path, tracker: Path
) -> None:
    path = _million_rows(tracker, tmp_path / "million.xlsx")
    code, out, err, peak = _run(tmp_path, "status", str(PLAN), "--tracker", str(path))
    assert "Traceback" not in err and peak < MEMORY_LIMIT_KB, (err, peak // 1024)
    assert code == 0, (out, err)
    assert "Livraisons à l\u2019heure\u00a0: 79 " in out  # the plan's own value, from the tracker


def test_a_dense_tracker_within_the_limits_is_read_within_time_and_memory(
    tmp_path: Path, tracker: Path
) -> None:
    path = _dense_row(tracker, tmp_path / "dense.xlsx")
    code, out, err, peak = _run(tmp_path, "status", str(PLAN), "--tracker", str(path))
    assert (code, err) == (0, ""), (out, err)
    assert peak < MEMORY_LIMIT_KB, f"{peak // 1024} MB"


def test_rows_past_the_maximum_are_reported_not_read(tmp_path: Path, tracker: Path) -> None:
    book = load_workbook(tracker)
    sheet = next(s for s in book.worksheets if "KPIs" in s.tables)
    sheet.tables["KPIs"].ref = f"A1:X{MAX_ROWS + 50}"
    for row in range(6, MAX_ROWS + 50):
        sheet.cell(row=row, column=1).value = f"extra-{row}"
    path = tmp_path / "many.xlsx"
    book.save(path)
    read = read_tracker(path)
    assert f"Indicateurs!A{MAX_ROWS + 2}: only the first 1,000 KPI rows are read" in read.problems
    assert len(read.rows) == MAX_ROWS


def test_defusedxml_guards_openpyxl() -> None:
    from defusedxml import EntitiesForbidden
    from openpyxl.reader.strings import read_string_table

    assert openpyxl.DEFUSEDXML, "install defusedxml: openpyxl uses it against entity attacks"
    strings = (
        b'<!DOCTYPE sst [<!ENTITY e "boom">]><sst xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><si><t>&e;</t></si></sst>'
    )
    with pytest.raises(EntitiesForbidden):
        read_string_table(io.BytesIO(strings))  # what reads cells when our own check is bypassed


def test_an_edited_kpi_id_is_a_located_problem(
    tmp_path: Path, tracker: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = load_workbook(tracker)
    sheet = next(s for s in book.worksheets if "KPIs" in s.tables)
    sheet["A3"] = "otd-edited"  # a KPI the plan does not know
    sheet["A4"] = "not an id!"
    sheet["A5"] = None
    sheet["D5"] = 3.5
    path = tmp_path / "edited.xlsx"
    book.save(path)
    assert main(["status", str(PLAN), "--tracker", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}: Indicateurs!A3: KPI 'otd-edited' is not in plan PLAN-2027-T1" in out
    assert f"{path}: Indicateurs!A4: 'not an id!' is not a KPI id" in out
    assert f"{path}: Indicateurs!A5: no KPI id; the values of row 5 are not read" in out


@pytest.mark.parametrize(
    ("typed", "shown", "why"),
    [
        (b"1e400", "inf", "is not a finite number"),
        (b"-1E999", "-inf", "is not a finite number"),
        (b"9" * 400, "99999", "is not a finite number"),
        (b"1e16", "1e+16", "is larger than the 1e+15 sopmodel accepts"),
        (b"-2000000000000000", "-2000000000000000", "is larger than the 1e+15 sopmodel accepts"),
    ],
)
def test_a_number_too_large_is_a_problem_not_infinity(
    tmp_path: Path, tracker: Path, typed: bytes, shown: str, why: str
) -> None:
    def change(members: dict[str, bytes]) -> None:
        part = _kpi_part(members)
        members[part] = re.sub(
            rb'<c r="D3"[^>]*?(/>|>.*?</c>)', b'<c r="D3"><v>' + typed + b"</v></c>",
            members[part], count=1,
        )  # fmt: skip

    read = read_tracker(_rezip(tracker, tmp_path / "huge.xlsx", change))
    [problem] = read.problems
    assert problem.startswith("Indicateurs!D3: ") and f"{why} (otd, 2027-W02)" in problem
    assert shown in problem
    assert all(m.period != "2027-W02" or m.kpi != "otd" for m in read.measurements)


def test_library_errors_are_one_line_tracker_errors(tmp_path: Path, tracker: Path) -> None:
    for make, expected in HOSTILE.values():
        if make in (_zip_bomb, _fifo, _folder):
            continue
        target = tmp_path / f"{make.__name__}.xlsx"
        path = make(tracker, target)
        with pytest.raises(TrackerError) as caught:
            read_tracker(path)
        assert "\n" not in str(caught.value) and expected in str(caught.value)
