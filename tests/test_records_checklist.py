"""A filled checklist read back into the record file: who performed and verified, and when."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from sopmodel.cli import main
from sopmodel.exporters.workbook.checklist_read import ChecklistError, read_checklist
from sopmodel.model import Reading, ReadingKind, Records
from sopmodel.source import load, load_bytes
from sopmodel.source.records_update import add_readings
from sopmodel.source.update import UpdateError

DATA = Path(__file__).parent / "data" / "records"
OLD = DATA / "hiring-2.0.0.yaml"
NEW = DATA / "hiring-2.1.0.yaml"
TEAM = DATA / "team.yaml"


def _checklist(procedure: Path, folder: Path) -> Path:
    """Export the procedure's checklist workbook with the real exporter."""
    out = folder / "out"
    assert main(["export", str(procedure), "--to", "xlsx", "-o", str(out), "--quiet"]) == 0
    (path,) = out.glob("*.xlsx")
    return path


def _fill(path: Path, boxes: dict[str, object]) -> Path:
    """Type into the checklist's boxes as someone would in Excel (over the box's label)."""
    book = load_workbook(path)
    sheet = next(ws for ws in book.worksheets if "Checklist" in ws.tables)
    for cell, value in boxes.items():
        sheet[cell] = value
    filled = path.with_name("filled.xlsx")
    book.save(filled)
    return filled


@pytest.fixture
def records(tmp_path: Path) -> Path:
    path = tmp_path / "team.yaml"
    shutil.copyfile(TEAM, path)
    return path


def test_the_form_boxes_are_where_the_reader_looks(tmp_path: Path) -> None:
    sheet = next(
        ws for ws in load_workbook(_checklist(NEW, tmp_path)).worksheets if "Checklist" in ws.tables
    )
    assert (sheet["A4"].value, sheet["E4"].value) == ("Operator", "Date")
    assert (sheet["A5"].value, sheet["E5"].value) == ("Verified by", "Date")


def test_checklist_round_trip_into_the_records(
    tmp_path: Path, records: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = records.read_text(encoding="utf-8")
    filled = _fill(
        _checklist(NEW, tmp_path),
        {
            "A4": "Operator: Noah Kim",
            "E4": dt.datetime(2026, 11, 20),
            "A5": "iris chen",
            "E5": "21/11/2026",
        },
    )
    args = ["status", str(NEW), "--records", str(records), "--checklist", str(filled)]
    assert main([*args, "--update", "--format", "json"]) == 1  # Rosa still must re-read
    out, err = capsys.readouterr()
    assert f"{records}: 2 readings written" in err
    people = {p["person"]: p for p in json.loads(out)["people"]}
    assert people["noah"]["standing"] == "current"
    assert people["noah"]["read"]["activity"] == "performed"
    after = records.read_text(encoding="utf-8")
    assert after.startswith(before)  # every comment and line kept, the entries added
    document = load(records)
    assert isinstance(document, Records)
    noah, iris = document.entries[-2:]
    expected = ("noah", "2.1.0", dt.date(2026, 11, 20), ReadingKind.performed)
    assert (noah.person, noah.version, noah.date, noah.activity) == expected
    assert (iris.person, iris.date, iris.activity) == ("iris", dt.date(2026, 11, 21), "verified")
    assert noah.source == "filled.xlsx"
    assert set(noah.steps) == {"post", "screen", "offer"}  # the recruiter's steps
    assert set(iris.steps) == {"interview"}
    # read again: nothing new is written
    assert main([*args, "--update"]) == 1
    assert "0 readings written" in capsys.readouterr().err
    assert records.read_text(encoding="utf-8") == after


def test_stored_fingerprints_tell_a_later_change(
    tmp_path: Path, records: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A reading written from a checklist of 2.0.0 carries the 2.0.0 fingerprints, which
    tell against 2.1.0 without any history."""
    filled = _fill(_checklist(OLD, tmp_path), {"A4": "Noah Kim", "E4": dt.date(2026, 3, 10)})
    main(["status", str(OLD), "--records", str(records), "--checklist", str(filled), "--update"])
    capsys.readouterr()
    main(["status", str(NEW), "--records", str(records), "--format", "json"])
    noah = {p["person"]: p for p in json.loads(capsys.readouterr().out)["people"]}["noah"]
    assert noah["standing"] == "must-reread"
    assert [s["step"] for s in noah["changed"]] == ["screen"]


def test_checklist_of_another_version_is_refused(
    tmp_path: Path, records: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filled = _fill(_checklist(OLD, tmp_path), {"A4": "Noah Kim", "E4": dt.date(2026, 3, 10)})
    before = records.read_bytes()
    args = ["status", str(NEW), "--records", str(records), "--checklist", str(filled), "--update"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1] + "\n" == (
        f"sopmodel: {filled}: the checklist was written for version 2.0.0 of HR-007, not for the"
        " current 2.1.0: have the current checklist filled (`sopmodel export HR-007 --to xlsx`)\n"
    )
    assert records.read_bytes() == before


def test_checklist_of_another_procedure_is_refused(
    tmp_path: Path, records: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = Path(__file__).parent.parent / "examples" / "sales-opportunity.yaml"
    filled = _fill(_checklist(other, tmp_path), {"A4": "Noah Kim", "E4": dt.date(2026, 3, 10)})
    args = ["status", str(NEW), "--records", str(records), "--checklist", str(filled)]
    assert main(args) == 2
    assert "the checklist was written for 'SALES-001', not for procedure HR-007" in (
        capsys.readouterr().err
    )


def test_unknown_names_and_missing_dates_are_located_problems(
    tmp_path: Path, records: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    boxes = {"A4": "Jules Verne", "E4": dt.date(2026, 11, 2), "A5": "Iris Chen", "E5": "soon"}
    filled = _fill(_checklist(NEW, tmp_path), boxes)
    before = records.read_bytes()
    args = ["status", str(NEW), "--records", str(records), "--checklist", str(filled), "--update"]
    assert main(args) == 1
    out, err = capsys.readouterr()
    assert f"{filled}: Checklist!E5: 'soon' is not a date: type 2026-11-20 or 20/11/2026 for" in out
    assert (
        f"{filled}: Checklist!A4: 'Jules Verne' is not among the people of WAREHOUSE-RECORDS:"
        " add them (with their roles) under people, or correct the name"
    ) in out
    assert "readings written" not in err
    assert records.read_bytes() == before


def test_an_empty_checklist_adds_nothing(
    tmp_path: Path, records: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _checklist(NEW, tmp_path)
    filled = read_checklist(path)
    assert (filled.document, filled.version) == ("HR-007", "2.1.0")
    assert (filled.signers, filled.problems) == ([], [])


def test_a_workbook_that_is_not_a_checklist(tmp_path: Path) -> None:
    plan = Path(__file__).parent.parent / "examples" / "plan-sop-90-jours.fr.yaml"
    out = tmp_path / "out"
    main(["export", str(plan), "--to", "xlsx", "-o", str(out), "--quiet"])
    (tracker,) = out.glob("*.xlsx")
    with pytest.raises(ChecklistError, match="no table named 'Checklist'"):
        read_checklist(tracker)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(ChecklistError, match=r"broken\.xlsx"):
        read_checklist(broken)


def test_update_needs_a_record_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", str(NEW), "--records", str(tmp_path), "--update"]) == 2
    assert "--update writes into one record file, not a folder" in capsys.readouterr().err


# --- writing readings keeps the file --------------------------------------------------------

_NAMES = st.sampled_from(["rosa", "iris", "noah"])
_READINGS = st.builds(
    Reading,
    person=_NAMES,
    procedure=st.just("HR-007"),
    version=st.sampled_from(["2.0.0", "2.1.0", "2", "1.0", "v3"]),
    date=st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)),
    activity=st.sampled_from(list(ReadingKind)),
    steps=st.dictionaries(
        st.sampled_from(["post", "screen", "2.1", "3"]),
        st.text("0123456789abcdef", min_size=16, max_size=16),
        max_size=3,
    ),
    source=st.one_of(st.none(), st.sampled_from(["filled.xlsx", "fiche signée: 3", "{x}"])),
)


@settings(max_examples=60)
@given(readings=st.lists(_READINGS, max_size=5), crlf=st.booleans(), final=st.booleans())
def test_added_readings_load_back_and_keep_the_text(
    readings: list[Reading], crlf: bool, final: bool
) -> None:
    text = TEAM.read_text(encoding="utf-8")
    if not final:
        text = text.rstrip("\n")
    if crlf:
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    updated, added = add_readings(data, readings, "team.yaml")
    again = load_bytes(updated, "team.yaml")
    assert isinstance(again, Records)
    original = load_bytes(data, "team.yaml")
    assert isinstance(original, Records)
    assert again.entries[: len(original.entries)] == original.entries
    assert len(again.entries) == len(original.entries) + added

    def key(r: Reading) -> tuple[object, ...]:
        return (r.person, r.procedure, r.version, r.date, r.activity)

    assert {key(r) for r in readings} <= {key(r) for r in again.entries}
    kept = updated.decode("utf-8")
    assert kept.startswith(text.rstrip("\r\n"))  # the original text stays as it was
    assert ("\r\n" in kept) == crlf
    assert kept.endswith("\n" if final else "}") or not added


def test_records_without_entries_get_a_list(tmp_path: Path) -> None:
    data = b"sopmodel: 1\nkind: records\nid: R\ntitle: R  # the team\npeople: []\nentries: []\n"
    reading = Reading(person="a", procedure="P", version="1", date=dt.date(2026, 1, 2))
    updated, added = add_readings(data, [reading], "r.yaml")
    assert added == 1
    assert updated.decode().startswith("sopmodel: 1\nkind: records\nid: R\ntitle: R  # the team\n")
    assert load_bytes(updated, "r.yaml").entries == [reading]  # type: ignore[union-attr]


def test_json_records_are_not_updated() -> None:
    reading = Reading(person="a", procedure="P", version="1", date=dt.date(2026, 1, 2))
    with pytest.raises(UpdateError, match="a JSON record file is not updated"):
        add_readings(b'{"sopmodel": 1, "kind": "records"}', [reading], "r.json")
