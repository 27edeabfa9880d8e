"""Excel trackers as a person uses them: recalculated by LibreOffice, filled, read back."""

from __future__ import annotations

import os
import random
import subprocess
import tempfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sopmodel.cli import main
from sopmodel.exporters import ExportError, export
from sopmodel.exporters.workbook.read import read_tracker
from sopmodel.i18n import labels
from sopmodel.model import Measurement, Plan
from sopmodel.source import load
from sopmodel.views.kpi_status import plan_status, plan_weeks
from tests.conftest import EXAMPLES, valid_examples
from tests.office import soffice

PLAN = EXAMPLES / "plan-sop-90-jours.fr.yaml"
_PROFILE = Path(tempfile.gettempdir()) / f"sopmodel-tests-workbook-lo-{os.getpid()}"
"""A LibreOffice profile of this test process: a LibreOffice left running by another process
with another profile cannot take these conversions over."""


def recalculated(files: list[Path], folder: Path) -> list[Path]:
    """Open workbooks with LibreOffice and save them again: formulas are recalculated."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation=file://{_PROFILE}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(folder),
            *map(str, files),
        ],
        capture_output=True,
        timeout=300,
        check=False,
    )
    out = [folder / f.name for f in files]
    assert all(p.exists() for p in out), "LibreOffice did not save the workbooks"
    return out


def _kpi_sheet(book: object) -> object:
    return next(s for s in book.worksheets if "KPIs" in s.tables)  # type: ignore[attr-defined]


def _fill(path: Path, plan: Plan, seed: int) -> list[Measurement]:
    """Type values in the week cells, as a person would; return what was typed."""
    rng = random.Random(seed)
    book = load_workbook(path)
    sheet = _kpi_sheet(book)
    weeks = plan_weeks(plan)
    typed = []
    for row, kpi in enumerate(plan.kpis, 2):
        filled = rng.randint(0, len(weeks))
        for offset in range(filled):
            if rng.random() < 0.2:
                continue
            low, high = sorted((kpi.baseline or 0, kpi.target or 100))
            value = round(rng.uniform(low - 5, high + 5), 1)
            sheet.cell(row=row, column=3 + offset).value = value  # weeks follow ID and KPI
            typed.append(Measurement(kpi=kpi.id, period=weeks[offset][0], value=value))
    book.save(path)
    return typed


@pytest.mark.parametrize("path", valid_examples(), ids=lambda p: p.stem)
def test_every_example_exports_and_libreoffice_opens_it(tmp_path: Path, path: Path) -> None:
    [xlsx] = export(load(path), "xlsx", tmp_path)
    [again] = recalculated([xlsx], tmp_path / "lo")
    book = load_workbook(again, data_only=True)
    assert len(book.sheetnames) >= 3


def test_recalculated_statuses_agree_with_sopmodel(tmp_path: Path) -> None:
    plan = load(PLAN)
    assert isinstance(plan, Plan)
    words = labels(plan.language)
    files, fills = [], []
    for seed in range(6):
        [xlsx] = export(plan, "xlsx", tmp_path / f"fill{seed}")
        typed = _fill(xlsx, plan, seed)
        renamed = xlsx.with_name(f"fill{seed}.xlsx")
        xlsx.rename(renamed)
        files.append(renamed)
        fills.append(typed)
    for path, typed in zip(recalculated(files, tmp_path / "lo"), fills, strict=True):
        sheet = _kpi_sheet(load_workbook(path, data_only=True))
        merged = {(m.kpi, m.period): m for m in plan.measurements}
        merged.update({(m.kpi, m.period): m for m in typed})
        expected = plan_status(plan, list(merged.values()))
        heads = {cell.value: cell.column for cell in sheet[1]}
        for row, status in enumerate(expected, 2):
            assert (
                sheet.cell(row=row, column=heads[words["status"]]).value
                == words[f"status_{status.status}"]
            ), (
                path.name,
                status,
            )
            latest = sheet.cell(row=row, column=heads[words["latest"]]).value
            assert (
                latest in ("", None)
                if status.latest is None
                else latest == pytest.approx(status.latest)
            )


def test_round_trip_by_hand_and_through_libreoffice(tmp_path: Path) -> None:
    plan = load(PLAN)
    assert isinstance(plan, Plan)
    [xlsx] = export(plan, "xlsx", tmp_path)
    typed = _fill(xlsx, plan, 42)
    expected = {(m.kpi, m.period): m.value for m in plan.measurements}
    expected.update({(m.kpi, m.period): m.value for m in typed})
    read = read_tracker(xlsx)
    assert read.problems == []
    assert {(m.kpi, m.period): m.value for m in read.measurements} == expected
    [through] = recalculated([xlsx], tmp_path / "lo")
    again = read_tracker(through)
    assert again.document == plan.id  # LibreOffice keeps the custom document property
    assert {(m.kpi, m.period): m.value for m in again.measurements} == expected


def test_cells_typed_wrong_are_reported_with_sheet_and_cell(tmp_path: Path) -> None:
    import datetime as dt

    plan = load(PLAN)
    [xlsx] = export(plan, "xlsx", tmp_path)
    book = load_workbook(xlsx)
    sheet = _kpi_sheet(book)
    sheet["D3"] = "about eighty"
    sheet["E3"] = dt.datetime(2027, 1, 18)
    sheet["F3"] = " 81,5 "
    book.save(xlsx)
    read = read_tracker(xlsx)
    assert "Indicateurs!D3: 'about eighty' is not a number (otd, 2027-W02)" in read.problems[0]
    assert read.problems[1].startswith("Indicateurs!E3: a date (2027-01-18) where a number")
    assert Measurement(kpi="otd", period="2027-W04", value=81.5) in read.measurements


def test_formula_looking_text_stays_text(tmp_path: Path) -> None:
    [xlsx] = export(load(EXAMPLES / "hostile-text.yaml"), "xlsx", tmp_path)
    book = load_workbook(xlsx)
    cells = [
        c
        for s in book.worksheets
        for row in s.iter_rows()
        for c in row
        if isinstance(c.value, str)
        and c.value.startswith(("=", "+", "-", "@"))
        and s.title != "Indicateurs"
        and "KPIs" not in s.tables
    ]
    user = [c for c in cells if "@mention" in c.value]
    assert user, "the hostile example's step 4 is in the checklist"
    assert all(c.data_type == "s" and c.quotePrefix for c in user)
    [again] = recalculated([xlsx], tmp_path / "lo")
    values = {
        c.value
        for s in load_workbook(again, data_only=True).worksheets
        for row in s.iter_rows()
        for c in row
    }
    assert "+1 -1 @mention =1+1 all stay text" in values  # LibreOffice kept it as text


def test_two_exports_are_byte_identical(tmp_path: Path) -> None:
    [a] = export(load(PLAN), "xlsx", tmp_path / "a")
    [b] = export(load(PLAN), "xlsx", tmp_path / "b")
    assert a.read_bytes() == b.read_bytes()


def test_status_command_text_json_and_update(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json
    import shutil

    plan_file = tmp_path / "plan.yaml"
    shutil.copy(PLAN, plan_file)
    [xlsx] = export(load(plan_file), "xlsx", tmp_path)
    book = load_workbook(xlsx)
    sheet = _kpi_sheet(book)
    sheet["E3"] = 84  # otd, week 3
    sheet["D2"] = 5.1  # taux-doublons, week 2 (was 5.8)
    book.save(xlsx)
    assert main(["status", str(plan_file), "--tracker", str(xlsx)]) == 0
    out = capsys.readouterr().out
    assert "Livraisons à l\u2019heure\u00a0: 84" in out and "(2027-W03)" in out
    assert main(["status", str(plan_file), "--tracker", str(xlsx), "-f", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    otd = next(k for k in report["kpis"] if k["kpi"] == "otd")
    assert otd["latest"] == 84 and otd["trend"] == "improving"
    before = plan_file.read_text(encoding="utf-8")
    assert main(["status", str(plan_file), "--tracker", str(xlsx), "--update"]) == 0
    after = plan_file.read_text(encoding="utf-8")
    pairs = zip(before.splitlines(), after.splitlines(), strict=False)
    changed = [(a, b) for a, b in pairs if a != b]
    assert changed == [
        (
            "  - {kpi: taux-doublons, period: 2027-W02, value: 5.8}",
            "  - {kpi: taux-doublons, period: 2027-W02, value: 5.1}",
        )
    ]
    assert after.splitlines()[len(before.splitlines()) :] == [
        "  - {kpi: otd, period: 2027-W03, value: 84}"
    ]
    assert "# Plan S&OP à 90 jours" in after  # comments kept
    updated = load(plan_file)
    assert Measurement(kpi="otd", period="2027-W03", value=84) in updated.measurements  # type: ignore[union-attr]


def test_a_file_that_is_not_a_tracker_is_a_clear_error(tmp_path: Path) -> None:
    [docx_like] = export(load(EXAMPLES / "sales-opportunity.yaml"), "xlsx", tmp_path)
    book = load_workbook(docx_like)
    for sheet in book.worksheets:
        for name in list(sheet.tables):
            del sheet.tables[name]
    book.save(docx_like)
    with pytest.raises(ExportError, match="no table named 'KPIs'"):
        read_tracker(docx_like)


def test_procedure_workbook_has_a_checklist_and_kpis(tmp_path: Path) -> None:
    procedure = load(EXAMPLES / "prise-de-commande.fr.yaml")
    [xlsx] = export(procedure, "xlsx", tmp_path)
    book = load_workbook(xlsx)
    checklist = book["Check-list"]
    top = int(checklist.tables["Checklist"].ref.split(":")[0][1:])
    assert checklist.cell(row=top, column=1).value == "N°"
    rows = range(top + 1, checklist.max_row + 1)
    labels_shown = [checklist.cell(row=r, column=1).value for r in rows]
    numbers = [checklist.cell(row=r, column=11).value for r in rows]
    assert labels_shown[:3] == ["1", "a", "b"]  # a flowchart procedure numbers as a list
    assert numbers[:3] == ["1", "1.1", "1.2"]  # the full number stays beside it
    assert _kpi_sheet(book).title == "Indicateurs"
