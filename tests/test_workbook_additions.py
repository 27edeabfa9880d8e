"""The second edition in the Excel workbooks: every addition shown, as a person sees it.

Each workbook is read back with openpyxl (values, fills, fonts, hyperlinks, print set-up) and
opened by LibreOffice (printed to PDF, or saved again) to check what a person gets.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.utils import range_boundaries

from sopmodel.cli import main
from sopmodel.exporters import export
from sopmodel.exporters.workbook.cells import LEVEL_COLOURS
from sopmodel.exporters.workbook.checklist import CONDITIONAL
from sopmodel.exporters.workbook.read import read_tracker
from sopmodel.i18n import labels
from sopmodel.model import NoteLevel, Plan, Procedure
from sopmodel.source import load
from sopmodel.views import number_steps, plain
from tests.conftest import EXAMPLES
from tests.office import pdf_text, to_pdf
from tests.svgtools import squeeze
from tests.test_workbook import recalculated

PIRANHA = EXAMPLES / "lab-piranha-clean.yaml"
ACHATS = EXAMPLES / "achats-fournisseurs.fr.yaml"
PLAN = EXAMPLES / "plan-sop-90-jours.fr.yaml"


def _export(path: Path, folder: Path) -> Path:
    assert main(["export", str(path), "--to", "xlsx", "-o", str(folder), "--no-check"]) == 0
    [xlsx] = folder.glob("*.xlsx")
    return xlsx


class Checklist:
    """The checklist table of a workbook: its header row and one dict per step row."""

    def __init__(self, book: Any, language: str) -> None:
        words = labels(language)
        self.sheet = book[words["sheet_checklist"]]
        ref = self.sheet.tables["Checklist"].ref
        first_col, self.top, last_col, last_row = range_boundaries(ref)
        self.names = [self.sheet.cell(self.top, c).value for c in range(first_col, last_col + 1)]
        self.rows = [
            {name: self.sheet.cell(row, c) for c, name in enumerate(self.names, 1)}
            for row in range(self.top + 1, last_row + 1)
        ]
        self.words = words

    def column(self, key: str) -> list[Any]:
        """Return the values of a column, by label key."""
        return [row[self.words[key]].value for row in self.rows]


@pytest.fixture(scope="module")
def piranha(tmp_path_factory: pytest.TempPathFactory) -> Path:
    [xlsx] = export(load(PIRANHA), "xlsx", tmp_path_factory.mktemp("piranha"))
    return xlsx


@pytest.fixture(scope="module")
def achats(tmp_path_factory: pytest.TempPathFactory) -> Path:
    [xlsx] = export(load(ACHATS), "xlsx", tmp_path_factory.mktemp("achats"))
    return xlsx


def test_every_step_at_every_depth_with_its_label_and_full_number(
    piranha: Path, achats: Path
) -> None:
    for path, xlsx in ((PIRANHA, piranha), (ACHATS, achats)):
        procedure = load(path)
        assert isinstance(procedure, Procedure)
        table = Checklist(load_workbook(xlsx), procedure.language)
        items = number_steps(procedure)
        assert table.column("number") == [item.label for item in items]
        assert table.column("full_number") == [item.number for item in items]
        titles = [str(value).split("\n")[0] for value in table.column("step")]
        assert titles == [plain(item.step.title, procedure.language) for item in items]
        depths = [row[table.words["step"]].alignment.indent for row in table.rows]
        assert depths == [item.depth for item in items]
    french = Checklist(load_workbook(achats), "fr")
    assert french.column("number")[:4] == ["1", "2", "a", "i"]  # steps layout: 2, a, i
    assert french.column("full_number")[:4] == ["1", "2", "2.1", "2.1.1"]
    hidden = french.sheet.column_dimensions["K"].hidden
    assert not hidden, "the full number is shown beside a, i"
    english = Checklist(load_workbook(piranha), "en")
    assert english.column("number")[:3] == ["1", "1.1", "1.1.1"]  # hierarchical
    assert english.sheet.column_dimensions["K"].hidden  # the same as the label: kept, hidden


def test_conditional_rows_are_marked(achats: Path) -> None:
    table = Checklist(load_workbook(achats), "fr")
    conditional = {
        row[table.words["number"]].value: row
        for row in table.rows
        if "Uniquement si" in (row[table.words["conditions_timing"]].value or "")
    }
    assert set(conditional) == {"a", "i", "3"}
    assert (
        conditional["3"][table.words["conditions_timing"]].value.startswith(
            "Uniquement si\u00a0: Le montant dépasse 40\u202f000\u00a0€ HT"
        )
        or "Le montant dépasse 40" in conditional["3"][table.words["conditions_timing"]].value
    )
    for row in table.rows:
        marked = row[table.words["number"]].fill.fgColor.rgb.endswith(CONDITIONAL.fgColor.rgb[-6:])
        assert marked == (row[table.words["number"]].value in conditional)


def test_roles_timing_checks_and_details_as_plain_lines(piranha: Path) -> None:
    table = Checklist(load_workbook(piranha), "en")
    first = table.rows[0]
    assert first[table.words["who"]].value == "Researcher with Trained lab buddy"
    assert first[table.words["conditions_timing"]].value == "Duration: 5–10\u00a0min"
    assert first[table.words["check"]].value.startswith("The airflow alarm is silent")
    step = first[table.words["step"]].value
    assert "1. the sash closes to the marked height;" in step
    assert "Item | Where" in step and "Spill kit (acid) | Under the hood, left" in step
    assert "**" not in step and "|---" not in step
    soak = next(r for r in table.rows if r[table.words["number"]].value == "4")
    assert soak[table.words["conditions_timing"]].value.endswith(
        "Repeat for each piece of glassware"
    )
    mix = next(r for r in table.rows if r[table.words["number"]].value == "3")
    assert "Within 30\u00a0min of the start" in mix[table.words["conditions_timing"]].value
    sub = next(r for r in table.rows if r[table.words["number"]].value == "1.1.1")
    assert sub[table.words["who"]].value == "Researcher with Trained lab buddy"  # inherited


def test_notes_beside_the_step_most_serious_first_in_their_colours(piranha: Path) -> None:
    table = Checklist(load_workbook(piranha, rich_text=True), "en")
    mix = next(r for r in table.rows if r[table.words["number"]].value == "3")
    cell = mix[table.words["notes_column"]]
    text = str(cell.value)
    assert text.index("⚠ DANGER Always add the peroxide") < text.index("⚠ WARNING The mixture")
    standard, tint, word = LEVEL_COLOURS[NoteLevel.danger]
    assert cell.fill.fgColor.rgb.endswith(tint)
    assert cell.border.left.color.rgb.endswith(standard)
    signal = next(block for block in cell.value if not isinstance(block, str))
    assert signal.text == "⚠ DANGER" and signal.font.b and signal.font.color.rgb.endswith(word)
    dry = next(r for r in table.rows if r[table.words["number"]].value == "2")
    assert str(dry[table.words["notes_column"]].value) == (
        "⚠ WARNING Wet solvent in the bath can make it boil over."
    )  # the step's `warning:` is a warning note
    assert dry[table.words["notes_column"]].fill.fgColor.rgb.endswith(
        LEVEL_COLOURS[NoteLevel.warning][1]
    )


def test_links_are_hyperlinks_and_attachments_are_listed(piranha: Path) -> None:
    book = load_workbook(piranha)
    table = Checklist(book, "en")
    mix = next(r for r in table.rows if r[table.words["number"]].value == "3")
    link = mix[table.words["links"]]
    assert link.value == "Mixing video (internal)"
    assert link.hyperlink.target == "https://intranet.example.edu/piranha-video"
    dispose = next(r for r in table.rows if r[table.words["number"]].value == "5")
    assert dispose[table.words["links"]].value == (
        "Attachment: Piranha bath label (forms/piranha-label.txt)"
    )
    references = book["References"]
    rows = [[c.value for c in row] for row in references.iter_rows(min_row=2)]
    assert [
        "Whole document",
        "Respond to a chemical spill (procedure LAB-003)",
        "procedure LAB-003",
    ] in rows
    targets = {c.value: c.hyperlink.target for c in references["C"] if c.hyperlink}
    assert targets["mailto:safety@example.edu"] == "mailto:safety@example.edu"
    assert [
        "Step: 3",
        "Mixing video (internal)",
        "https://intranet.example.edu/piranha-video",
    ] in rows


def test_procedure_notes_links_and_attachments_open_the_checklist(piranha: Path) -> None:
    table = Checklist(load_workbook(piranha), "en")
    above = [
        str(table.sheet.cell(row, 1).value)
        for row in range(1, table.top)
        if table.sheet.cell(row, 1).value is not None
    ]
    assert above[0] == "LAB-012 · Clean glassware with piranha solution"
    assert "Category: Instructional" in above[1]
    notes = [line.split(" ")[0] for line in above if line.startswith(("⚠", "NOTICE", "NOTE"))]
    assert notes == ["⚠", "NOTICE", "NOTE"]  # most serious first
    assert any(line.startswith("⚠ DANGER Piranha solution reacts violently") for line in above)
    assert "NOTE The solution stays hot and active for hours. Label the bath with:" in "\n".join(
        above
    )
    assert "• “PIRANHA – DO NOT TOUCH”" in "\n".join(above) or '• "PIRANHA' in "\n".join(above)
    assert "References: Respond to a chemical spill (procedure LAB-003)" in above
    assert "Forms and attachments: Piranha bath label (forms/piranha-label.txt)" in above
    sds = next(
        table.sheet.cell(row, 1)
        for row in range(1, table.top)
        if str(table.sheet.cell(row, 1).value).startswith("References: Sulfuric acid SDS")
    )
    assert sds.hyperlink.target == "https://www.sigmaaldrich.com/FR/en/sds/sial/339741"


def test_read_me_has_the_approved_version_trials_and_roles(achats: Path) -> None:
    sheet = load_workbook(achats)["Lisez-moi"]
    text = "\n".join(str(c.value) for c in sheet["A"] if c.value is not None)
    assert text.startswith("ACH-003 · Acheter auprès d\u2019un fournisseur")
    assert "Paul Girard, Directeur administratif et financier" in text
    assert "version 1.1.0" in text
    assert "Testeur\u00a0: Léa (nouvelle assistante)" in text and "Réussi" in text
    assert "Le tableau des seuils a levé tous les doutes." in text
    assert "• Acheteuse (Nadia Benali)\u00a0: Consulter les fournisseurs · négocier" in text


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    source = tmp_path / "formula.yaml"
    source.write_text(
        "sopmodel: 1\nkind: procedure\nid: F-001\ntitle: Formulas\nroles: [{id: a, name: A}]\n"
        "steps:\n"
        "  - title: '=1+1'\n    role: a\n    details: '=2+2 in the details'\n"
        "    check: '=3+3'\n    when: '=4+4'\n"
        "    notes: [{level: info, text: '=5+5'}]\n",
        encoding="utf-8",
    )
    xlsx = _export(source, tmp_path / "out")
    table = Checklist(load_workbook(xlsx), "en")
    row = table.rows[0]
    for key in ("step", "check"):
        assert row[table.words[key]].data_type == "s" and row[table.words[key]].quotePrefix
    [again] = recalculated([xlsx], tmp_path / "lo")
    values = Checklist(load_workbook(again), "en").rows[0]
    assert values["Step"].value == "=1+1\n=2+2 in the details"
    assert values["Check"].value == "=3+3"
    assert values["Conditions and timing"].value == "Only if: =4+4"
    assert values["Notes"].value == "NOTE =5+5"


def test_headers_are_unique_in_every_table(achats: Path) -> None:
    book = load_workbook(achats)
    for sheet in book.worksheets:
        for table in sheet.tables.values():
            first_col, top, last_col, _ = range_boundaries(table.ref)
            names = [sheet.cell(top, c).value for c in range(first_col, last_col + 1)]
            assert len(set(map(str.casefold, names))) == len(names), (sheet.title, names)


def test_printed_checklist_fits_the_width_and_repeats_its_header(piranha: Path) -> None:
    table = Checklist(load_workbook(piranha), "en")
    setup = table.sheet.page_setup
    assert setup.orientation == "landscape" and setup.fitToWidth == 1 and setup.fitToHeight == 0
    assert table.sheet.sheet_properties.pageSetUpPr.fitToPage
    assert table.sheet.print_title_rows == f"${table.top}:${table.top}"
    for row in table.rows:  # every wrapped row has a height that shows it
        lines = max(str(c.value or "").count("\n") + 1 for c in row.values())
        assert table.sheet.row_dimensions[row["Step"].row].height >= 14 * lines


@pytest.mark.parametrize("path", [PIRANHA, ACHATS], ids=["en", "fr"])
def test_libreoffice_prints_every_addition(tmp_path: Path, path: Path) -> None:
    procedure = load(path)
    assert isinstance(procedure, Procedure)
    [xlsx] = export(procedure, "xlsx", tmp_path)
    [pdf] = to_pdf([xlsx], tmp_path / "pdf")
    seen = squeeze(pdf_text(pdf))
    words = labels(procedure.language)
    language = procedure.language
    wanted = [plain(item.step.title, language) for item in number_steps(procedure)]
    wanted += [words["note_danger"], words["note_warning"], words["note_caution"]]
    wanted += [words.format("only_if", condition="")]
    wanted += [plain(link.title, language) for link in procedure.links if link.title]
    wanted += [trial.tester for trial in procedure.trials]
    missing = [text for text in wanted if squeeze(text) not in seen]
    assert not missing


def test_plan_overview_has_notes_links_risks_and_phase_goals(tmp_path: Path) -> None:
    plan = load(PLAN)
    assert isinstance(plan, Plan)
    [xlsx] = export(plan, "xlsx", tmp_path)
    book = load_workbook(xlsx)
    assert book.sheetnames[:2] == ["Lisez-moi", "Indicateurs"]  # the tracker's places kept
    assert book.sheetnames[-1] == "Synthèse"
    readme = [str(c.value) for c in book["Lisez-moi"]["A"] if c.value]
    assert any(line.startswith("• Synthèse\u00a0: les remarques") for line in readme)
    sheet = book["Synthèse"]
    cells = {str(c.value): c for row in sheet.iter_rows() for c in row if c.value is not None}
    text = "\n".join(cells)
    assert "⚠ AVERTISSEMENT La saison des fêtes" in text
    assert text.index("AVERTISSEMENT") < text.index("REMARQUE Le tableau de suivi")
    url = plan.links[0].url
    assert cells[url].hyperlink.target == url
    assert "procédure ADV-002" in cells
    assert "Le commercial n’alimente pas les prévisions" in text or (
        "Le commercial n'alimente pas les prévisions" in text
    )
    assert cells["Élevée"].font.b
    assert "• Les trois causes principales de retard sont chiffrées." in text
    assert "Faire le point, sans se mentir" in text
    read = read_tracker(xlsx)  # the tracker is still read back
    assert read.document == plan.id and read.problems == []
    [pdf] = to_pdf([xlsx], tmp_path / "pdf")
    seen = squeeze(pdf_text(pdf))
    for wanted in ("AVERTISSEMENT", "Fiche Bpifrance sur le S&OP", "Élevée", "Mois 2"):
        assert squeeze(wanted) in seen


def test_decisions_say_where_to_go(tmp_path: Path) -> None:
    [xlsx] = export(load(EXAMPLES / "sales-opportunity.yaml"), "xlsx", tmp_path)
    table = Checklist(load_workbook(xlsx), "en")
    flow = dict(zip(table.column("number"), table.column("conditions_timing"), strict=True))
    assert flow["3"] == "If yes, go to step 4\nIf no, go to step 9"
    assert flow["7"] == "Only if “yes” at step 6\nThen go to step 8"  # a branch's step says so
    assert flow["9"] == "Only if “no” at step 3\nEnd of the procedure"


def test_a_very_long_step_keeps_rows_within_what_spreadsheets_accept(tmp_path: Path) -> None:
    details = "\n".join(f"- item {n} of a very long list" for n in range(200))
    source = tmp_path / "long.yaml"
    source.write_text(
        "sopmodel: 1\nkind: procedure\nid: L-001\ntitle: Long\nroles: [{id: a, name: A}]\n"
        "steps:\n  - title: Many items\n    role: a\n    details: |\n"
        + "".join(f"      {line}\n" for line in details.splitlines()),
        encoding="utf-8",
    )
    xlsx = _export(source, tmp_path / "out")
    table = Checklist(load_workbook(xlsx), "en")
    assert "• item 199 of a very long list" in table.rows[0]["Step"].value
    assert table.sheet.row_dimensions[table.rows[0]["Step"].row].height == 409
