"""The procedure workbook as a person gets it: a read-me for them, a checklist to print as a form.

Workbooks are read back with openpyxl (cells, borders, drop-down lists, print set-up) and
printed to PDF by LibreOffice, where the text, the font sizes and the pages are checked.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from openpyxl import load_workbook
from pypdf import PdfReader

from sopmodel.cli import main
from sopmodel.exporters import ExportError, export
from sopmodel.exporters.textsafety import xml_safe
from sopmodel.exporters.workbook.checklist import CONDITIONAL
from sopmodel.i18n import labels
from sopmodel.markup import parse
from sopmodel.model import Procedure, SubStep
from sopmodel.model.schema import json_schema
from sopmodel.source import load
from sopmodel.views import lines, number_steps, plain
from tests.conftest import EXAMPLES
from tests.office import to_pdf
from tests.strategies import from_schema
from tests.svgtools import squeeze
from tests.test_workbook import recalculated
from tests.test_workbook_additions import Checklist

FORKLIFT = EXAMPLES / "forklift-battery-change.yaml"
COMMANDE = EXAMPLES / "prise-de-commande.fr.yaml"
SALES = EXAMPLES / "sales-opportunity.yaml"
SPILL = EXAMPLES / "lab-chemical-spill.yaml"
TICK, DONE, NOT_APPLICABLE = "☐", "✓", "—"


def _procedure(path: Path) -> Procedure:
    document = load(path)
    assert isinstance(document, Procedure)
    return document


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Return the workbooks of the examples, written by the real command line."""
    folder = tmp_path_factory.mktemp("workbooks")
    paths = [FORKLIFT, COMMANDE, SALES, SPILL]
    assert main(["export", *map(str, paths), "--to", "xlsx", "-o", str(folder), "-q"]) == 0
    return {path.name: folder / f"{_procedure(path).id}.xlsx" for path in paths}


def _readme(book: Any, language: str) -> str:
    sheet = book[labels(language)["sheet_readme"]]
    return "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)


@pytest.mark.parametrize("name", [FORKLIFT.name, COMMANDE.name, SPILL.name])
def test_the_read_me_is_written_for_the_procedure_workbook_and_a_person(
    workbooks: dict[str, Path], name: str
) -> None:
    procedure = _procedure(EXAMPLES / name)
    words = labels(procedure.language)
    book = load_workbook(workbooks[name])
    text = _readme(book, procedure.language)
    assert words["workbook_what_title"] in text and words["workbook_use_title"] in text
    assert words["workbook_send_title"] in text
    kpis = words.format("workbook_kpis_title", sheet=words["sheet_kpis"])
    assert kpis in text
    owner = next(role for role in procedure.roles if role.id == procedure.owner)
    assert plain(owner.name, procedure.language) in text.split(words["workbook_send_title"])[1]
    for gone in (r"sopmodel", r"command line", r"ligne de commande", r"terminal", r"\s--?\w",
                 r"\$ ", r"\btracker\b", r"\bsuivi\b"):  # fmt: skip
        assert not re.search(gone, text, re.IGNORECASE), gone
    named = {
        words[key]
        for key in words
        if key.startswith("sheet_") and re.search(rf"(?<!\w){re.escape(words[key])}(?!\w)", text)
    }
    assert words["sheet_checklist"] in named and words["sheet_kpis"] in named
    assert named <= set(book.sheetnames), named - set(book.sheetnames)


def test_the_read_me_names_the_references_only_when_the_sheet_exists(
    workbooks: dict[str, Path],
) -> None:
    forklift = load_workbook(workbooks[FORKLIFT.name])  # no link, no attachment
    assert "References" not in forklift.sheetnames
    assert "References" not in _readme(forklift, "en")
    piranha = export(load(EXAMPLES / "lab-piranha-clean.yaml"), "xlsx", tempfile.mkdtemp())
    book = load_workbook(piranha[0])
    assert "References" in book.sheetnames and "References:" in _readme(book, "en")


def test_a_procedure_with_no_owner_and_no_kpi_is_sent_back_to_whoever_gave_it(
    tmp_path: Path,
) -> None:
    source = tmp_path / "bare.yaml"
    source.write_text(
        "sopmodel: 1\nkind: procedure\nid: B-001\ntitle: Bare\nlanguage: fr\n"
        "steps: [{title: Faire}]\n",
        encoding="utf-8",
    )
    assert (
        main(["export", str(source), "--to", "xlsx", "-o", str(tmp_path), "-q", "--no-check"]) == 0
    )
    text = _readme(load_workbook(tmp_path / "B-001.xlsx"), "fr")
    words = labels("fr")
    assert words["workbook_send_anyone"] in text and words["workbook_no_kpis"] in text


def _above(table: Checklist) -> dict[str, Any]:
    """Return the cells above the checklist's header, by their text."""
    sheet = table.sheet
    return {
        str(cell.value): cell
        for row in sheet.iter_rows(max_row=table.top - 1)
        for cell in row
        if cell.value is not None
    }


@pytest.mark.parametrize(("name", "language"), [(FORKLIFT.name, "en"), (COMMANDE.name, "fr")])
def test_the_checklist_opens_with_a_title_block_and_fields_to_fill_in(
    workbooks: dict[str, Path], name: str, language: str
) -> None:
    procedure = _procedure(EXAMPLES / name)
    words = labels(language)
    table = Checklist(load_workbook(workbooks[name]), language)
    cells = _above(table)
    text = "\n".join(cells)
    assert f"{procedure.id} · {procedure.title}" in cells
    assert procedure.version in text and words[f"status_{procedure.status.value}"] in text
    assert procedure.effective is not None and str(procedure.effective.year) in text
    fields = [words["form_operator"], words["date"], words["signature"], words["form_verified_by"]]
    merged = {str(r): r for r in table.sheet.merged_cells.ranges}
    for field in fields:
        boxes = [cell for value, cell in cells.items() if value == field]
        assert boxes, f"no {field} field"
        for box in boxes:
            [span] = [r for r in merged.values() if box.coordinate in r]
            assert span.max_col > span.min_col, "a field is wide enough to write in"
            for row in range(span.min_row, span.max_row + 1):  # a box drawn all round
                left = table.sheet.cell(row, span.min_col).border.left.style
                right = table.sheet.cell(row, span.max_col).border.right.style
                assert left and right
            for column in range(span.min_col, span.max_col + 1):
                assert table.sheet.cell(span.min_row, column).border.top.style
                assert table.sheet.cell(span.max_row, column).border.bottom.style
            height = sum(
                table.sheet.row_dimensions[r].height or 15
                for r in range(span.min_row, span.max_row + 1)
            )
            assert height >= 28, "tall enough to write a name or sign"


def _validation(sheet: Any, cell: Any) -> Any:
    found = [v for v in sheet.data_validations.dataValidation if cell.coordinate in v.sqref]
    assert len(found) == 1, cell.coordinate
    return found[0]


@pytest.mark.parametrize(("name", "language"), [(FORKLIFT.name, "en"), (COMMANDE.name, "fr")])
def test_every_step_has_a_tick_box_whose_list_is_enforced_in_the_document_language(
    workbooks: dict[str, Path], name: str, language: str
) -> None:
    words = labels(language)
    table = Checklist(load_workbook(workbooks[name]), language)
    for row in table.rows:
        done = row[words["done"]]
        validation = _validation(table.sheet, done)
        assert validation.type == "list" and validation.showErrorMessage
        assert validation.errorStyle in (None, "stop")
        assert validation.errorTitle == words["done_error_title"]
        if str(done.value).count(TICK) == 1:
            assert done.value == TICK
            assert validation.formula1 == f'"{TICK},{DONE},{NOT_APPLICABLE}"'
            assert validation.error == words["done_error"]
        else:  # a question: one box per answer
            assert validation.error.startswith(words["answer_error"].split("{")[0])
    values = [v.formula1 for v in table.sheet.data_validations.dataValidation]
    assert f'"{words["yes_no"]}"' not in values, "no 'Done: Yes/No' on a question"


def test_a_question_lists_its_answers_and_the_steps_of_a_branch_say_so(
    workbooks: dict[str, Path],
) -> None:
    words = labels("en")
    table = Checklist(load_workbook(workbooks[FORKLIFT.name]), "en")
    rows = {row[words["number"]].value: row for row in table.rows}
    question = rows["3"]
    assert question[words["conditions_timing"]].value == (
        "If yes, go to step 4\nIf no, go to step 5"
    )
    assert question[words["done"]].value == f"{TICK} yes\n{TICK} no"
    assert _validation(table.sheet, question[words["done"]]).formula1 == (
        f'"yes,no,{NOT_APPLICABLE}"'
    )
    marks = {
        number: str(row[words["conditions_timing"]].value).split("\n")
        for number, row in rows.items()
        if "." not in number
    }
    assert "Only if “yes” at step 3" in marks["4"]
    for number in ("5", "6", "7", "8"):
        assert "Only if “no” at step 3" in marks[number], number
    for number in ("1", "2", "3"):
        assert not any(line.startswith("Only if") for line in marks[number])
    for number in ("4", "5"):
        assert rows[number][words["number"]].fill.fgColor.rgb.endswith(CONDITIONAL.fgColor.rgb[-6:])
    assert not rows["2"][words["number"]].fill.fgColor.rgb.endswith(CONDITIONAL.fgColor.rgb[-6:])


def test_a_branch_inside_a_branch_names_the_nearest_question(workbooks: dict[str, Path]) -> None:
    words = labels("en")
    table = Checklist(load_workbook(workbooks[SALES.name]), "en")
    steps = {
        row[words["number"]].value: str(row[words["conditions_timing"]].value).split("\n")
        for row in table.rows
    }
    assert "Only if “yes” at step 6" in steps["7"]  # approve the discount
    assert "Only if “yes” at step 3" in steps["8"]  # negotiate: after either answer of 6
    assert "Only if “no” at step 3" in steps["9"]


def test_a_question_that_loops_back_marks_no_step(tmp_path: Path) -> None:
    source = tmp_path / "loop.yaml"
    source.write_text(
        "sopmodel: 1\nkind: procedure\nid: L-001\ntitle: Loop\nroles: [{id: a, name: A}]\n"
        "steps:\n  - {id: try, title: Try, role: a}\n"
        "  - id: ok\n    title: Did it work?\n    role: a\n"
        "    decision: [{when: 'yes', goto: done}, {when: 'no', goto: try}]\n"
        "  - {id: done, title: Close, role: a, end: true}\n",
        encoding="utf-8",
    )
    [xlsx] = export(load(source), "xlsx", tmp_path)
    table = Checklist(load_workbook(xlsx), "en")
    steps = [str(value or "").split("\n") for value in table.column("conditions_timing")]
    assert steps[2] == ["Only if “yes” at step 2", "End of the procedure"]
    assert steps[0] == [""]


def _texts(step: SubStep, language: str) -> list[str]:
    """Return what a step says that a person must find on the checklist, at every depth."""
    found = [plain(step.title, language)]
    found += [plain(text, language) for text in (step.check, step.when, step.repeat) if text]
    for note in step.all_notes():
        found += lines(parse(note.text, language))
    if step.details:
        found += lines(parse(step.details, language))
    for branch in getattr(step, "decision", None) or []:
        found.append(plain(branch.when, language))
    for sub in step.substeps:
        found += _texts(sub, language)
    return [text for text in found if text.strip()]


def test_nothing_a_generated_procedure_says_is_lost_on_the_checklist() -> None:
    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(from_schema(json_schema("procedure")))
    def check(data: dict[str, Any]) -> None:
        with tempfile.TemporaryDirectory() as folder:
            try:  # text made only of characters an Office file cannot hold is refused
                procedure = xml_safe(Procedure.model_validate(data))
                [xlsx] = export(procedure, "xlsx", folder)
            except ExportError as error:
                assert "\n" not in str(error)
                return
            book = load_workbook(xlsx)
        assert isinstance(procedure, Procedure)
        language = procedure.language
        table = Checklist(book, language)
        seen = squeeze(
            "\n".join(
                str(cell.value)
                for row in table.sheet.iter_rows()
                for cell in row
                if cell.value is not None
            )
        )
        wanted = [text for step in procedure.steps for text in _texts(step, language)]
        wanted += [text for note in procedure.notes for text in lines(parse(note.text, language))]
        missing = [text for text in wanted if squeeze(text) not in seen]
        assert not missing
        assert table.column("number") == [item.label for item in number_steps(procedure)]

    check()


def _font_sizes(page: Any) -> list[float]:
    """Return the printed size of every piece of text on a PDF page, in points."""
    sizes: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if text.strip():
            sizes.append(size * abs(tm[3]) * abs(cm[3]))

    page.extract_text(visitor_text=visit)
    return sizes


def _layout(pdf: Path) -> list[str]:
    """Return each page of a PDF as pdftotext lays it out."""
    done = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout.split("\f")


@pytest.mark.parametrize(("name", "language"), [(FORKLIFT.name, "en"), (COMMANDE.name, "fr")])
def test_libreoffice_prints_the_checklist_as_a_form_that_fits_the_page(
    workbooks: dict[str, Path], tmp_path: Path, name: str, language: str
) -> None:
    procedure = _procedure(EXAMPLES / name)
    words = labels(language)
    [pdf] = to_pdf([workbooks[name]], tmp_path)
    pages = _layout(pdf)
    reader = PdfReader(pdf)
    header = re.compile(rf"^\s*{re.escape(words['number'])}\s+{re.escape(words['step'])}\s", re.M)
    form = [index for index, text in enumerate(pages) if header.search(text)]
    assert form, "the checklist is printed"
    assert form == list(range(form[0], form[-1] + 1))
    for index in form:
        page = reader.pages[index]
        assert page.mediabox.width > page.mediabox.height  # A4 landscape
        assert round(float(page.mediabox.width)) == 842
        assert words["remarks"] in pages[index], "every column on the page: fit to width"
        assert min(_font_sizes(page)) >= 9, "readable once printed"
    first = pages[form[0]]
    for field in (words["form_operator"], words["date"], words["signature"]):
        assert field in first
    assert words["form_verified_by"] in first
    text = "\n".join(pages[i] for i in form)
    flat = squeeze("\n".join(reader.pages[i].extract_text() for i in form))
    for item in number_steps(procedure):
        title = plain(item.step.title, language)
        assert squeeze(title) in flat, title
        assert re.search(rf"^\s*{re.escape(item.label)}\s+\S", text, re.M), item.label
    [question] = [s for s in procedure.steps if s.decision][:1]
    numbers = {step.id: str(n) for n, step in enumerate(procedure.steps, 1)}
    for branch in question.decision or []:
        step = numbers[branch.goto]
        assert squeeze(words.format("if_then", when=branch.when, step=step)) in flat
        assert squeeze(f"{TICK} {branch.when}") in flat
        only = words.format("branch_only", when=branch.when, step=numbers[question.id])
        assert squeeze(only) in flat
    for index, step in enumerate(procedure.steps):  # a warning is printed beside its step
        if not step.warning:
            continue
        block = text.split(plain(step.title, language)[:20])[1]
        following = procedure.steps[index + 1] if index + 1 < len(procedure.steps) else None
        if following is not None:
            block = block.split(plain(following.title, language)[:20])[0]
        signal = f"⚠ {words['note_warning']} {step.warning.split()[0]}"
        assert signal in block, (step.title, block)  # on the lines of its step, the next's above


def test_a_title_of_three_hundred_characters_wraps_and_keeps_the_print_readable(
    tmp_path: Path,
) -> None:
    [xlsx] = export(load(EXAMPLES / "hostile-text.yaml"), "xlsx", tmp_path)
    table = Checklist(load_workbook(xlsx), "en")
    [title] = [r for r in table.sheet.merged_cells.ranges if r.min_row == r.max_row == 1]
    assert title.max_col == len(table.names)
    assert table.sheet.cell(1, 1).alignment.wrap_text
    [pdf] = to_pdf([xlsx], tmp_path / "pdf")
    reader = PdfReader(pdf)
    landscape = [page for page in reader.pages if page.mediabox.width > page.mediabox.height]
    words = labels("en")
    form = [page for page in landscape if words["remarks"] in page.extract_text()]
    assert form and all(min(_font_sizes(page)) >= 9 for page in form)


def test_libreoffice_keeps_the_lists_and_their_messages(
    workbooks: dict[str, Path], tmp_path: Path
) -> None:
    [again] = recalculated([workbooks[COMMANDE.name]], tmp_path)
    words = labels("fr")
    table = Checklist(load_workbook(again), "fr")
    rows = {row[words["number"]].value: row for row in table.rows}
    tick = _validation(table.sheet, rows["1"][words["done"]])
    assert tick.type == "list" and tick.showErrorMessage and tick.error == words["done_error"]
    assert rows["1"][words["done"]].value == TICK
    question = _validation(table.sheet, rows["2"][words["done"]])
    assert question.formula1 == f'"oui,non,{NOT_APPLICABLE}"'
    assert question.error.startswith("Choisissez la réponse donnée\u00a0: oui, non")


def test_answers_too_long_for_a_list_keep_the_boxes_and_the_step_list(tmp_path: Path) -> None:
    answers = "".join(
        f"      - {{when: 'answer {n} with a long, long explanation', goto: end}}\n"
        for n in range(12)
    )
    source = tmp_path / "many.yaml"
    source.write_text(
        "sopmodel: 1\nkind: procedure\nid: M-001\ntitle: Many\nroles: [{id: a, name: A}]\n"
        "steps:\n  - id: ask\n    title: Which?\n    role: a\n    decision:\n"
        + answers
        + "  - {id: end, title: Close, role: a, end: true}\n",
        encoding="utf-8",
    )
    [xlsx] = export(load(source), "xlsx", tmp_path)
    table = Checklist(load_workbook(xlsx), "en")
    done = table.rows[0]["Done"]
    assert str(done.value).count(TICK) == 12 and "answer 11 with a long, long" in done.value
    validation = _validation(table.sheet, done)
    assert validation.formula1 == f'"{TICK},{DONE},{NOT_APPLICABLE}"'
    [pdf] = to_pdf([xlsx], tmp_path / "pdf")
    assert "answer 11" in "".join(page.extract_text() for page in PdfReader(pdf).pages)
