"""`sopmodel status --update` writes nothing unless it is safe, and keeps the file as it was."""

from __future__ import annotations

import codecs
import json
import os
import random
import re
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from sopmodel.cli import main
from sopmodel.exporters import export
from sopmodel.exporters.workbook.read import TrackerError, merge_tracker, read_tracker
from sopmodel.model import Measurement
from sopmodel.source import load, load_bytes
from sopmodel.source.update import (
    UpdateError,
    read_plan,
    update_measurements,
    write_measurements,
)
from sopmodel.source.writing import FileChangedError, atomic_write
from tests.conftest import EXAMPLES

PLAN = EXAMPLES / "plan-sop-90-jours.fr.yaml"
TEXT = PLAN.read_text(encoding="utf-8")
TAIL = "  - {kpi: otd, period: 2027-W03, value: 84}\n"


def _filled(folder: Path, plan: Path = PLAN, **cells: float | str) -> Path:
    """Export the plan's tracker and type values in it (E3 is otd in 2027-W03)."""
    [xlsx] = export(load(plan), "xlsx", folder)
    book = load_workbook(xlsx)
    sheet = next(s for s in book.worksheets if "KPIs" in s.tables)
    for cell, value in cells.items():
        sheet[cell] = value
    book.save(xlsx)
    return xlsx


@pytest.fixture
def tracker(tmp_path: Path) -> Path:
    """A tracker of the French plan with one value changed (D2) and one added (E3)."""
    return _filled(tmp_path / "tracker", D2=5.1, E3=84)


def _plan(tmp_path: Path, text: str = TEXT, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def _updated(text: str) -> str:
    """Return the French plan's text as the tracker fixture's update leaves it."""
    changed = text.replace("period: 2027-W02, value: 5.8}", "period: 2027-W02, value: 5.1}")
    return changed + TAIL


def _one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    return err.strip()


def test_a_tracker_of_another_plan_is_refused_before_anything_is_written(
    tmp_path: Path, tracker: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = _plan(tmp_path, TEXT.replace("id: PLAN-2027-T1", "id: PLAN-OTHER", 1))
    before = other.read_bytes()
    assert main(["status", str(other), "--tracker", str(tracker), "--update"]) == 2
    assert _one_line(capsys) == (
        f"sopmodel: {tracker}: the tracker was written for 'PLAN-2027-T1', not for plan"
        " 'PLAN-OTHER'"
    )
    assert other.read_bytes() == before
    with pytest.raises(TrackerError):
        merge_tracker(load(other), tracker)  # type: ignore[arg-type]


def _without_property(source: Path, target: Path, title: str | None = None) -> Path:
    """A tracker as sopmodel wrote them before the document property (or with another title)."""
    with zipfile.ZipFile(source) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    members["docProps/custom.xml"] = re.sub(  # the list of the weeks stays: only the id goes
        rb'<property [^>]*name="sopmodel.document"[^>]*>.*?</property>',
        b"",
        members["docProps/custom.xml"],
    )
    if title is not None:
        members["xl/worksheets/sheet1.xml"] = re.sub(
            rb"PLAN-2027-T1 (&#183;|\xc2\xb7) ", title.encode(), members["xl/worksheets/sheet1.xml"]
        )
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return target


def test_trackers_written_before_the_plan_id_are_known_by_their_title_cell(
    tmp_path: Path, tracker: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = _without_property(tracker, tmp_path / "old.xlsx")
    assert read_tracker(tracker).document == "PLAN-2027-T1"
    assert read_tracker(old).document == "PLAN-2027-T1"
    plan = _plan(tmp_path)
    assert main(["status", str(plan), "--tracker", str(old), "--update"]) == 0
    assert plan.read_text(encoding="utf-8") == _updated(TEXT)
    anonymous = _without_property(tracker, tmp_path / "anonymous.xlsx", title="Suivi du plan : ")
    before = plan.read_bytes()
    capsys.readouterr()
    assert main(["status", str(plan), "--tracker", str(anonymous), "--update"]) == 2
    assert "does not say which plan it was written for" in _one_line(capsys)
    assert plan.read_bytes() == before


def test_a_number_too_large_is_never_written_as_infinity(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    xlsx = _filled(tmp_path / "t", E3=84)
    with zipfile.ZipFile(xlsx) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    members["xl/worksheets/sheet2.xml"] = re.sub(
        rb'<c r="E3"([^>]*)><v>84</v>',
        rb'<c r="E3"\1><v>1e400</v>',
        members["xl/worksheets/sheet2.xml"],
    )
    with zipfile.ZipFile(xlsx, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    plan = _plan(tmp_path)
    assert main(["status", str(plan), "--tracker", str(xlsx), "--update"]) == 1
    out = capsys.readouterr().out
    assert "Indicateurs!E3: inf is not a finite number (otd, 2027-W03)" in out
    assert plan.read_text(encoding="utf-8") == TEXT  # nothing else changed, nothing written
    with pytest.raises(UpdateError, match="not a finite number"):
        write_measurements(
            plan,
            [Measurement.model_construct(kpi="otd", period="2027-W03", value=float("inf"))],
        )
    assert plan.read_text(encoding="utf-8") == TEXT


def test_a_plan_with_an_infinite_value_is_refused_where_it_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = _plan(tmp_path, TEXT + "  - {kpi: otd, period: 2027-W03, value: .inf}\n")
    line = TEXT.count("\n") + 1
    assert main(["status", str(plan), "-f", "json"]) == 2
    out = capsys.readouterr().out
    assert f"{plan}:{line}:" in out and "SCHEMA003" in out and "Infinity" not in out


def test_a_symlinked_plan_is_updated_through_its_link(tmp_path: Path, tracker: Path) -> None:
    (tmp_path / "plans").mkdir()
    real = _plan(tmp_path / "plans", name="real.yaml")
    link = tmp_path / "plan.yaml"
    link.symlink_to(Path("plans") / "real.yaml")
    assert main(["status", str(link), "--tracker", str(tracker), "--update"]) == 0
    assert link.is_symlink() and os.readlink(link) == str(Path("plans") / "real.yaml")
    assert real.read_text(encoding="utf-8") == _updated(TEXT)


VARIANTS: dict[str, Callable[[str], bytes]] = {
    "LF": lambda text: text.encode("utf-8"),
    "CRLF": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    "CR": lambda text: text.replace("\n", "\r").encode("utf-8"),
    "no final newline": lambda text: text.removesuffix("\n").encode("utf-8"),
    "CRLF without final newline": lambda text: (
        text.removesuffix("\n").replace("\n", "\r\n").encode()
    ),
    "UTF-8 BOM": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "UTF-16 LE": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "UTF-16 BE with CRLF": lambda text: (
        codecs.BOM_UTF16_BE + text.replace("\n", "\r\n").encode("utf-16-be")
    ),
}


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_the_update_keeps_the_file_byte_for_byte(
    tmp_path: Path, tracker: Path, variant: str
) -> None:
    encode = VARIANTS[variant]
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(encode(TEXT))
    assert main(["status", str(plan), "--tracker", str(tracker), "--update"]) == 0
    assert plan.read_bytes() == encode(_updated(TEXT))


@pytest.mark.parametrize("variant", ["CRLF", "no final newline", "UTF-16 LE"])
@pytest.mark.parametrize("empty", ["", "measurements: []\n"])
def test_a_plan_without_measurements_gets_a_list_in_its_own_style(
    tmp_path: Path, tracker: Path, variant: str, empty: str
) -> None:
    bare = TEXT[: TEXT.index("measurements:")].rstrip("\n") + "\n" + empty
    plan = tmp_path / "plan.yaml"
    plan.write_text(bare, encoding="utf-8")
    assert main(["status", str(plan), "--tracker", str(tracker), "--update"]) == 0
    reference = plan.read_text(encoding="utf-8")
    assert reference.startswith(bare.removesuffix(empty) + "measurements:\n  - {")
    assert len(load(plan).measurements) == 6  # type: ignore[union-attr]
    encode = VARIANTS[variant]
    plan.write_bytes(encode(bare))
    assert main(["status", str(plan), "--tracker", str(tracker), "--update"]) == 0
    assert plan.read_bytes() == encode(reference)


def test_a_plan_changed_since_it_was_read_is_not_written(tmp_path: Path, tracker: Path) -> None:
    plan_file = _plan(tmp_path)
    plan, original = read_plan(plan_file)
    merge = merge_tracker(plan, tracker)
    edited = TEXT.replace("title:", "# saved by an editor\ntitle:", 1)
    plan_file.write_text(edited, encoding="utf-8")
    with pytest.raises(UpdateError, match="changed on disk since it was read"):
        write_measurements(plan_file, merge.changes, original=original)
    assert plan_file.read_text(encoding="utf-8") == edited
    with pytest.raises(FileChangedError, match="changed on disk"):
        atomic_write(plan_file, "anything", expected=TEXT.encode())
    assert plan_file.read_text(encoding="utf-8") == edited
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml", "tracker"]


def test_measurements_by_date_are_shown_in_the_tracker_and_not_added_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = _plan(tmp_path, TEXT + "  - {kpi: otd, period: 2027-01-20, value: 84}\n")
    [xlsx] = export(load(plan), "xlsx", tmp_path / "t")
    sheet = next(s for s in load_workbook(xlsx).worksheets if "KPIs" in s.tables)
    assert sheet["E3"].value == 84  # otd in 2027-W03, the week of 20 January
    assert main(["status", str(plan), "--tracker", str(xlsx), "--update"]) == 0
    assert "Livraisons à l\u2019heure\u00a0: 84" in capsys.readouterr().out
    assert plan.read_text(encoding="utf-8").endswith("period: 2027-01-20, value: 84}\n")


def _sopmodel(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "sopmodel", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _duration(plan: Path, tracker: Path) -> float:
    plan.write_text(TEXT, encoding="utf-8")
    start = time.monotonic()
    assert _sopmodel("status", str(plan), "--tracker", str(tracker), "--update").wait(60) == 0
    plan.write_text(TEXT, encoding="utf-8")
    return time.monotonic() - start


def test_killing_the_update_leaves_the_old_or_the_new_file_and_nothing_else(
    tmp_path: Path, tracker: Path
) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    plan = folder / "plan.yaml"
    took = _duration(plan, tracker)
    rng = random.Random(4)
    for _run in range(16):
        plan.write_text(TEXT, encoding="utf-8")
        process = _sopmodel("status", str(plan), "--tracker", str(tracker), "--update")
        time.sleep(rng.uniform(0.5, 1.1) * took)
        process.kill()
        process.wait(60)
        text = plan.read_text(encoding="utf-8")
        assert text in (TEXT, _updated(TEXT)), "a partial plan file"
        assert sorted(p.name for p in folder.iterdir()) == ["plan.yaml"], "a file left behind"


KILLED_WHILE_WRITING = """
import os, signal, sys
from sopmodel.source.writing import atomic_write
os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGKILL)  # killed right after writing
atomic_write(sys.argv[1], "new content\\n" * 100_000)
"""


def test_a_process_killed_while_writing_leaves_no_file_behind(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    done = subprocess.run([sys.executable, "-c", KILLED_WHILE_WRITING, str(plan)], timeout=60)
    assert done.returncode == -9
    assert plan.read_text(encoding="utf-8") == TEXT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]


def test_update_without_a_tracker_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = _plan(tmp_path)
    assert main(["status", str(plan), "--update"]) == 2
    assert "--update writes a tracker's values" in _one_line(capsys)


def test_statuses_too_large_to_compute_are_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    huge = TEXT.replace("baseline: 78,", "baseline: -1e15,")
    huge = huge.replace("target: 90,", "target: 1e15,")
    assert huge != TEXT
    plan = _plan(tmp_path, huge + "  - {kpi: otd, period: 2027-W03, value: 1e15}\n")
    assert main(["status", str(plan)]) == 0
    assert main(["status", str(plan), "-f", "json"]) == 0
    assert "Infinity" not in capsys.readouterr().out


def _json_plan(tmp_path: Path, measurements: str) -> tuple[Path, dict[str, object]]:
    """The French plan as a JSON file, with its measurements, an empty list or none."""
    plan = load(PLAN)
    data = {"sopmodel": 1, "kind": "plan", **plan.model_dump(mode="json", exclude_defaults=True)}
    if measurements == "empty":
        data["measurements"] = []
    elif measurements == "none":
        del data["measurements"]
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path, data


def test_a_json_plan_is_updated_in_json(tmp_path: Path, tracker: Path) -> None:
    path, _ = _json_plan(tmp_path, "kept")
    before = path.read_text(encoding="utf-8")
    assert main(["status", str(path), "--tracker", str(tracker), "--update"]) == 0
    last = before.rindex("    }\n  ]")
    expected = before[: last + 5] + ',\n    {"kpi": "otd", "period": "2027-W03", "value": 84}'
    expected = (expected + before[last + 5 :]).replace('"value": 5.8', '"value": 5.1', 1)
    assert path.read_text(encoding="utf-8") == expected


@pytest.mark.parametrize("measurements", ["empty", "none"])
@pytest.mark.parametrize("indent", [2, None])
def test_a_json_plan_without_measurements_gets_a_json_list(
    tmp_path: Path, tracker: Path, measurements: str, indent: int | None
) -> None:
    path, data = _json_plan(tmp_path, measurements)
    path.write_text(json.dumps(data, indent=indent, ensure_ascii=False), encoding="utf-8")
    assert main(["status", str(path), "--tracker", str(tracker), "--update"]) == 0
    written = json.loads(path.read_text(encoding="utf-8"))
    assert {k: v for k, v in written.items() if k != "measurements"} == {
        k: v for k, v in data.items() if k != "measurements"
    }
    assert len(written["measurements"]) == 6
    assert {"kpi": "otd", "period": "2027-W03", "value": 84} in written["measurements"]


def test_a_plan_that_is_a_pipe_is_refused_without_waiting(tmp_path: Path, tracker: Path) -> None:
    pipe = tmp_path / "plan.yaml"
    os.mkfifo(pipe)
    done = subprocess.run(
        [sys.executable, "-m", "sopmodel", "status", str(pipe), "--tracker", str(tracker)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == (
        f"sopmodel: {pipe}: not a regular file (a folder, a pipe or a device?)"
    )


WEEKS = [f"2027-W{n:02d}" for n in range(1, 14)]
KPIS = ["taux-doublons", "otd", "stock-dormant", "precision-prevision"]


@settings(max_examples=40, deadline=None)
@given(
    changes=st.lists(
        st.builds(
            Measurement,
            kpi=st.sampled_from(KPIS),
            period=st.sampled_from(WEEKS),
            value=st.floats(-1e15, 1e15),
        ),
        max_size=8,
        unique_by=lambda m: (m.kpi, m.period),
    ),
    variant=st.sampled_from(sorted(VARIANTS)),
)
def test_any_update_commutes_with_the_file_s_encoding_and_line_endings(
    changes: list[Measurement], variant: str
) -> None:
    encode = VARIANTS[variant]
    reference, count = update_measurements(TEXT.encode(), changes, "plan.yaml")
    updated, again = update_measurements(encode(TEXT), changes, "plan.yaml")
    assert (updated, again) == (encode(reference.decode()), count)
    values = {(m.kpi, m.period): m.value for m in load_bytes(updated).measurements}  # type: ignore[union-attr]
    assert all(values[(m.kpi, m.period)] == m.value for m in changes)
