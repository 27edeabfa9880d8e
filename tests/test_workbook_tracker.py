"""The plan tracker as a client opens and prints it: charts LibreOffice and Excel draw the same
(gaps, straight lines, dated weeks, one chart per page), every sheet printable at a readable
size with its header and footer, panes that leave the screen to the weeks, lists that refuse
what they do not offer, weeks in the document's language, a read-me for a person, the same
bytes from the same input."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

import pytest
import time_machine
from openpyxl import load_workbook
from openpyxl.utils import range_boundaries
from pypdf import PdfReader

from sopmodel.cli import main
from sopmodel.exporters.workbook.read import read_tracker
from sopmodel.i18n import labels
from sopmodel.i18n.typography import typeset
from sopmodel.model import Plan
from sopmodel.source import load
from sopmodel.views.kpi_status import weekly_values
from tests.conftest import EXAMPLES
from tests.office import to_pdf

PLAN = EXAMPLES / "plan-sop-90-jours.fr.yaml"
PROCEDURE = EXAMPLES / "forklift-battery-change.yaml"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
LAPTOP_WIDTH = 1366
"""A laptop screen's width in pixels, at 100 %."""


def _export(folder: Path, *sources: Path, lang: str | None = None) -> list[Path]:
    """Export workbooks with the real command line; return them in the order of the sources."""
    args = ["export", *map(str, sources), "--to", "xlsx", "-o", str(folder), "-q", "-j", "1"]
    if lang:
        args += ["-O", f"lang={lang}"]
    assert main(args) == 0
    return [folder / f"{load(s).id}.xlsx" for s in sources]


@pytest.fixture(scope="module", params=["fr", "en"])
def tracker(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The French example plan's tracker, in French and in English."""
    folder = tmp_path_factory.mktemp(f"tracker-{request.param}")
    [path] = _export(folder, PLAN, lang=request.param)
    return path


@pytest.fixture(scope="module")
def tracker_pdf(tracker: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tracker printed by LibreOffice."""
    [pdf] = to_pdf([tracker], tmp_path_factory.mktemp("pdf"))
    return pdf


def _language(path: Path) -> str:
    return "fr" if load_workbook(path).worksheets[0].title == "Lisez-moi" else "en"


def _charts(path: Path) -> list[ElementTree.Element]:
    with zipfile.ZipFile(path) as archive:
        names = sorted(n for n in archive.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n))
        return [ElementTree.fromstring(archive.read(n)) for n in names]


def _cells(book: object, reference: str) -> list[object]:
    """Return the cells a chart's formula refers to ('Sheet'!$C$2:$O$2), in order."""
    sheet_name, cells = reference.rsplit("!", 1)
    sheet = book[sheet_name.strip("'").replace("''", "'")]  # type: ignore[index]
    first_col, first_row, last_col, last_row = range_boundaries(cells.replace("$", ""))
    return [
        sheet.cell(row=r, column=c)
        for r in range(first_row, last_row + 1)
        for c in range(first_col, last_col + 1)
    ]


def test_charts_leave_unmeasured_weeks_empty_and_draw_straight_lines(tracker: Path) -> None:
    plan = load(PLAN)
    assert isinstance(plan, Plan)
    book = load_workbook(tracker)
    words = labels(_language(tracker))
    charts = _charts(tracker)
    assert len(charts) == len(plan.kpis)
    for kpi, chart in zip(plan.kpis, charts, strict=True):
        assert chart.find(f".//{C}dispBlanksAs").get("val") == "gap"  # type: ignore[union-attr]
        series = chart.findall(f".//{C}ser")
        assert series, kpi.id
        measured = weekly_values(plan.measurements, kpi.id)
        for ser in series:
            assert ser.find(f"{C}smooth").get("val") == "0", kpi.id  # type: ignore[union-attr]
            cached = {
                int(pt.get("idx", "-1")): float(pt.findtext(f"{C}v") or "nan")
                for pt in ser.findall(f"{C}val/{C}numRef/{C}numCache/{C}pt")
            }
            cells = _cells(book, ser.findtext(f"{C}val/{C}numRef/{C}f") or "")
            categories = [
                pt.findtext(f"{C}v") for pt in ser.findall(f"{C}cat/{C}strRef/{C}strCache/{C}pt")
            ]
            assert categories[0] == {"fr": "S01\n04/01", "en": "W01\n4 Jan"}[words.language]
            assert len(categories) == len(cells) == 13
            name = ser.findtext(f"{C}tx//{C}v")
            if name == words["target"]:
                assert set(cached) == set(range(13)) and set(cached.values()) == {kpi.target}
                continue
            assert name == words["measured"]
            weeks = [f"2027-W{n:02d}" for n in range(1, 14)]
            for index, (week, cell) in enumerate(zip(weeks, cells, strict=True)):
                if week in measured:
                    assert cell.value == measured[week].value == cached[index]  # type: ignore[attr-defined]
                else:  # a gap: an empty cell, no formula, no "" and no 0, nothing cached
                    assert cell.value is None, (kpi.id, week, cell.value)  # type: ignore[attr-defined]
                    assert index not in cached, (kpi.id, week)
            assert len(cached) == len(measured)


def _pages(pdf: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(pdf).pages]


def test_libreoffice_prints_every_chart_inside_one_page(tracker: Path, tracker_pdf: Path) -> None:
    """Each chart has its title at the top, its week labels at the bottom and its legend under
    them: a page holding a chart's title but not as many last-week labels and legends as titles
    cuts a chart in two."""
    plan = load(PLAN)
    assert isinstance(plan, Plan)
    words = labels(_language(tracker))
    last_week = {"fr": "S13 29/03", "en": "W13 29 Mar"}[words.language]  # over two lines
    charts = [text for text in _pages(tracker_pdf) if text.endswith(words["sheet_charts"])
              or f" {words['sheet_charts']} " in text[:120]]  # fmt: skip
    assert charts, "no page of the Charts sheet"
    seen: Counter[str] = Counter()
    for text in charts:
        names = [typeset(kpi.name, words.language) for kpi in plan.kpis]
        titles = [name for name in names if name in text]
        seen.update(titles)
        assert len(titles) == text.count(last_week) == text.count(words["target"]) >= 1, text
    shown = Counter(typeset(kpi.name, words.language) for kpi in plan.kpis)
    assert seen == shown, "a chart is missing or printed twice"


def _font_sizes(page: object) -> list[float]:
    """Return the printed size of every run of text on a PDF page, in points."""
    sizes = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            sizes.append(size * abs(tm[3]) * abs(cm[3]) if tm[3] and cm[3] else size)

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return sizes


def test_the_kpi_sheet_prints_at_8_points_or_more(tracker: Path, tracker_pdf: Path) -> None:
    words = labels(_language(tracker))
    reader = PdfReader(tracker_pdf)
    pages = [p for p in reader.pages if words["baseline"].split()[0] in (p.extract_text() or "")
             and words["status"] in (p.extract_text() or "")]  # fmt: skip
    assert pages, "no page of the KPI sheet"
    for page in pages:
        sizes = _font_sizes(page)
        assert sizes and min(sizes) >= 7.95, sorted(set(sizes))[:5]


def test_a_plan_of_a_year_prints_its_kpis_at_8_points_or_more(tmp_path: Path) -> None:
    """53 weeks do not fit across an A3 page at 8 points: the sheet prints several A3 pages
    wide, the ID and KPI columns repeated on each."""
    text = PLAN.read_text(encoding="utf-8").replace("horizon_days: 90", "horizon_days: 366")
    source = tmp_path / "year.yaml"
    source.write_text(text, encoding="utf-8")
    [xlsx] = _export(tmp_path, source)
    sheet = load_workbook(xlsx)["Indicateurs"]
    assert sheet.print_title_cols == "$A:$B" and int(sheet.page_setup.fitToWidth) > 1
    [pdf] = to_pdf([xlsx], tmp_path / "pdf")
    pages = [p for p in PdfReader(pdf).pages if "Indicateurs" in (p.extract_text() or "")[-40:]
             or "Indicateurs" in (p.extract_text() or "")[:60]]  # fmt: skip
    assert len(pages) > 1
    for page in pages:
        assert min(_font_sizes(page)) >= 7.95
        assert "Livraisons à l\u2019heure" in (page.extract_text() or "")  # the KPI column repeated


def test_every_sheet_of_both_workbooks_has_its_print_frame(tmp_path: Path) -> None:
    for lang, page_word in (("fr", "sur"), ("en", "of")):
        for path in _export(tmp_path / lang, PLAN, PROCEDURE, lang=lang):
            document = load(PLAN if path.stem == "PLAN-2027-T1" else PROCEDURE)
            for sheet in load_workbook(path).worksheets:
                where = f"{path.name}:{sheet.title}"
                setup = sheet.page_setup
                assert sheet.sheet_properties.pageSetUpPr.fitToPage, where
                assert setup.fitToWidth and int(setup.fitToWidth) >= 1, where
                assert int(setup.fitToHeight) == 0, where
                assert document.id in (sheet.oddHeader.left.text or ""), where
                if path.stem != "PLAN-2027-T1":
                    assert document.version in sheet.oddHeader.left.text, where  # type: ignore[union-attr]
                footer = sheet.oddFooter.center.text or ""
                assert "&P" in footer and "&N" in footer and page_word in footer, where
                if sheet.tables:
                    assert sheet.print_title_rows, where


def test_headers_wrap_only_at_their_spaces(tracker: Path) -> None:
    """A header's longest word fits its column (bold: at most 1.15 digit widths a letter)."""
    for sheet in load_workbook(tracker).worksheets:
        for table in sheet.tables.values():
            first_col, top, last_col, _ = range_boundaries(table.ref)
            for column in range(first_col, last_col + 1):
                cell = sheet.cell(row=top, column=column)
                width = sheet.column_dimensions[cell.column_letter].width
                longest = max(len(word) for word in re.split(r"[ \n]+", str(cell.value)))
                assert width >= longest * 1.15 + 1, (sheet.title, cell.value, width)


def test_frozen_panes_leave_most_of_a_laptop_screen_to_the_weeks(tracker: Path) -> None:
    words = labels(_language(tracker))
    sheet = load_workbook(tracker)[words["sheet_kpis"]]
    assert sheet.freeze_panes == "C2"  # the header row, ID and KPI name
    assert sheet["A1"].value == "ID" and sheet["B1"].value == words["kpi"]
    assert re.match(r"[SW]01\n", str(sheet["C1"].value))
    frozen = sum(int(sheet.column_dimensions[c].width * 7 + 5) for c in "AB")
    assert frozen <= LAPTOP_WIDTH / 4, frozen


def test_every_list_refuses_what_it_does_not_offer(tracker: Path) -> None:
    words = labels(_language(tracker))
    book = load_workbook(tracker)
    lists = 0
    for sheet in book.worksheets:
        for check in sheet.data_validations.dataValidation:
            where = (sheet.title, check.sqref)
            assert check.showErrorMessage and check.errorStyle in (None, "stop"), where
            assert check.error and check.errorTitle, where
            if check.type == "list":
                lists += 1
                assert (check.errorTitle, check.error) == (
                    words["list_error_title"],
                    words["list_error"],
                ), where
    assert lists >= 3  # the owners and statuses of the actions, the RACI letters
    raci = book[words["sheet_raci"]]
    assert any(c.type == "list" and '"R,A,C,I,' in c.formula1
               for c in raci.data_validations.dataValidation)  # fmt: skip


def test_weeks_are_labelled_in_the_documents_language(tracker: Path) -> None:
    words = labels(_language(tracker))
    book = load_workbook(tracker)
    expected = {
        "fr": ["S01\n04/01", "S02\n11/01", "S05\n01/02"],
        "en": ["W01\n4 Jan", "W02\n11 Jan", "W05\n1 Feb"],
    }[words.language]
    for name, first in ((words["sheet_kpis"], 3), (words["sheet_calendar"], 2)):
        sheet = book[name]
        found = [sheet.cell(row=1, column=first + n).value for n in (0, 1, 4)]
        assert found == expected, name


def test_the_readme_is_written_for_a_person_and_names_only_sheets_it_has(tracker: Path) -> None:
    words = labels(_language(tracker))
    book = load_workbook(tracker)
    text = "\n".join(str(c.value) for c in book.worksheets[0]["A"] if c.value)
    assert "Anne Rivière" in text  # the plan's owner, by name
    assert "sopmodel" not in text.lower() and "--" not in text and "`" not in text
    names = {value for key, value in words.items() if key.startswith("sheet_")}
    visible = {s.title for s in book.worksheets if s.sheet_state == "visible"}
    for name in names:
        if re.search(rf"(^|[\s•]){re.escape(name)}\b", text):
            assert name in visible, f"the read-me names a sheet {name!r} the workbook lacks"
    for sheet in visible - {words["sheet_readme"]}:
        assert re.search(rf"• {re.escape(sheet)}[ \u00a0]?:", text), (
            f"the read-me does not say what {sheet!r} is for"
        )


def test_a_tracker_with_a_week_column_deleted_still_reads_its_weeks(tmp_path: Path) -> None:
    [xlsx] = _export(tmp_path, PLAN)
    book = load_workbook(xlsx)
    sheet = book["Indicateurs"]
    sheet["F3"] = 81  # otd, week 4
    book.save(xlsx)
    table = sheet.tables["KPIs"]
    sheet.delete_cols(4)  # week 2 is gone: week 4 moves to E
    _first, top, last, bottom = range_boundaries(table.ref)
    table.ref = f"A{top}:{chr(ord('A') + last - 2)}{bottom}"
    book.save(xlsx)
    read = read_tracker(xlsx)
    assert ("otd", "2027-W04", 81) in {(m.kpi, m.period, m.value) for m in read.measurements}
    assert all(m.period != "2027-W02" for m in read.measurements)


def test_a_tracker_that_lost_its_weeks_says_so(tmp_path: Path) -> None:
    [xlsx] = _export(tmp_path, PLAN)
    with zipfile.ZipFile(xlsx) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    members["docProps/custom.xml"] = re.sub(
        rb'<property [^>]*name="sopmodel.weeks"[^>]*>.*?</property>', b"",
        members["docProps/custom.xml"],
    )  # fmt: skip
    lost = tmp_path / "lost.xlsx"
    with zipfile.ZipFile(lost, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    read = read_tracker(lost)
    assert read.measurements == []
    assert read.problems == [
        "Indicateurs!C1: the week columns cannot be dated: the tracker lost the list of its"
        " weeks (document property sopmodel.weeks); write a new one and copy the values in"
    ]


def test_two_exports_a_minute_apart_are_the_same_bytes_in_both_languages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    for lang in ("fr", "en"):
        made = []
        for when in ("2026-11-26 09:00:00", "2026-11-26 09:01:00"):
            folder = tmp_path / lang / when[-8:].replace(":", "")
            with time_machine.travel(dt.datetime.fromisoformat(when + "+00:00"), tick=False):
                made.append(_export(folder, PLAN, PROCEDURE, lang=lang))
        for first, second in zip(*made, strict=True):
            assert first.read_bytes() == second.read_bytes(), f"{first.name} ({lang})"


def test_a_long_list_of_owners_is_offered_whole(tmp_path: Path) -> None:
    """Spreadsheets take 255 characters of choices inline: longer lists are read from cells."""
    text = PLAN.read_text(encoding="utf-8")
    roles = "".join(
        f"  - {{id: extra-{n}, name: Responsable régional numéro {n} de la zone}}\n"
        for n in range(12)
    )
    source = tmp_path / "many.yaml"
    source.write_text(text.replace("roles:\n", "roles:\n" + roles, 1), encoding="utf-8")
    [xlsx] = _export(tmp_path, source)
    sheet = load_workbook(xlsx)["Actions"]
    [owners] = [c for c in sheet.data_validations.dataValidation if "C2" in str(c.sqref)]
    cells = _cells(sheet.parent, f"'Actions'!{owners.formula1}")
    names = [c.value for c in cells]  # type: ignore[attr-defined]
    assert "Responsable régional numéro 11 de la zone" in names and "Dirigeante" in names
    assert sheet.column_dimensions[cells[0].column_letter].hidden  # type: ignore[attr-defined]
    assert owners.showErrorMessage


_UNTYPESET = re.compile(r"[^\W\d_]'[^\W\d_]| [:;!?»]|« |[^\s:;!?][:;!?](?=\s|$)")


def test_french_workbooks_are_typeset(tmp_path: Path) -> None:
    """Every text cell of a French workbook, titles and names from the source included, has
    its no-break spaces and typographic apostrophes; text that looks like a formula stays
    text."""
    names = ["plan-sop-90-jours.fr.yaml", "achats-fournisseurs.fr.yaml"]
    args = ["export", *(str(EXAMPLES / name) for name in names), "--to", "xlsx"]
    assert main([*args, "-o", str(tmp_path), "-q"]) == 0
    wrong = []
    for path in sorted(tmp_path.glob("*.xlsx")):
        for sheet in load_workbook(path).worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    text = cell.value
                    if not isinstance(text, str) or cell.data_type == "f" or "://" in text:
                        continue
                    if _UNTYPESET.search(text):
                        wrong.append(f"{path.name} {sheet.title}!{cell.coordinate}: {text}")
    assert wrong == []
    book = load_workbook(tmp_path / "PLAN-2027-T1.xlsx")
    assert book.worksheets[0]["A1"].value == "PLAN-2027-T1 · Plan S&OP du premier trimestre 2027"
    assert "Livraisons à l\u2019heure" in [c.value for c in book[labels("fr")["sheet_kpis"]]["B"]]
