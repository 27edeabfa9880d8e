"""The second edition in Word: callouts, Markdown as Word content, every fact of a step, layouts.

Each document is converted to PDF by LibreOffice and read with pdftotext (what a person
sees, in reading order); python-docx checks the structure behind it (hyperlink
relationships, real lists and tables, shading colours).
"""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document as OpenDocx
from docx.oxml.ns import qn

from sopmodel.exporters import export
from sopmodel.source import load
from tests.conftest import EXAMPLES
from tests.office import to_pdf
from tests.svgtools import squeeze

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"

DETAILS = """Compare **at least three** offers, *in writing*, with `CODE-42`:

1. price and delivery time
   - in euros
   - in days
2. payment terms

| Amount | Quotes |
|-------:|:------:|
| up to 5,000 | 1 |
| above 5,000 | 3 |

See [the policy](https://example.org/policy) and keep {{ literal }} & <tags>.
"""


def _procedure(layout: str, language: str = "en") -> dict[str, Any]:
    return {
        "sopmodel": 1,
        "kind": "procedure",
        "id": f"ADD-{layout[:4].upper()}-{language.upper()}",
        "title": "Buy from a supplier",
        "language": language,
        "layout": layout,
        "category": "instructional",
        "organization": "Durand & Fils",
        "roles": [
            {"id": "buyer", "name": "Buyer"},
            {"id": "finance", "name": "Finance"},
            {"id": "legal", "name": "Legal"},
        ],
        "notes": [
            {"level": "info", "text": "Ask the team on the channel."},
            {"level": "danger", "text": "Never pay **before** the order {% if x %}."},
        ],
        "links": [
            {"title": "Purchasing policy", "url": "https://example.org/purchasing"},
            {"title": "Handle a complaint", "procedure": "QUAL-004"},
            {"procedure": "QUAL-005"},
        ],
        "attachments": [{"title": "Request form", "path": "form.txt"}],
        "steps": [
            {
                "id": "quote",
                "title": "Validate the quote",
                "role": ["buyer", "finance", "legal"],
                "when": "The amount is above 40,000 EUR",
                "duration": "10-15min",
                "within": "4h",
                "repeat": "for each supplier",
                "details": DETAILS,
                "warning": "Prices are confidential.",
                "notes": [
                    {"level": "caution", "text": "Never share one price with another supplier."},
                    {"level": "notice", "text": "Keep every quote for five years."},
                ],
                "links": [{"title": "Quote template", "url": "https://example.org/quote.xlsx"}],
                "attachments": [{"title": "Comparison sheet", "path": "form.txt"}],
                "substeps": [
                    {
                        "title": "Check the supplier is referenced",
                        "when": "The supplier is new",
                        "substeps": [
                            {
                                "title": "Ask for the tax certificate",
                                "substeps": [{"title": "File the certificate deep down"}],
                            }
                        ],
                    }
                ],
            },
            {"id": "order", "title": "Send the purchase order", "role": "buyer"},
        ],
        "approvals": [
            {"role": "finance", "name": "Paul Girard", "date": "2026-09-02", "version": "1.2.0"}
        ],
        "trials": [
            {
                "date": "2026-08-20",
                "tester": "Julie the new assistant",
                "version": "1.2.0-rc1",
                "outcome": "changes-needed",
                "steps": ["quote"],
                "remarks": "Did not find the budget field.",
            }
        ],
    }


def _write(folder: Path, data: dict[str, Any], name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "form.txt").write_text("a form\n")
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _pdftotext(pdf: Path) -> str:
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return done.stdout


CASES = {
    "hierarchical": ("hierarchical", "en"),
    "steps": ("steps", "en"),
    "flowchart": ("flowchart", "en"),
    "french": ("steps", "fr"),
}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    """Export each case to .docx and convert them all in one LibreOffice run."""
    folder = tmp_path_factory.mktemp("additions")
    files = {}
    for name, (layout, language) in CASES.items():
        source = _write(folder / name, _procedure(layout, language), "doc.yaml")
        [files[name]] = export(load(source), "docx", folder / name / "out")
    pdfs = to_pdf(list(files.values()), folder / "pdf")
    return {
        name: (docx, _pdftotext(pdf)) for (name, docx), pdf in zip(files.items(), pdfs, strict=True)
    }


def _order(text: str, parts: list[str]) -> None:
    """Assert that every part is in text, each after the previous one."""
    flat, position = squeeze(text), 0
    for part in parts:
        found = flat.find(squeeze(part), position)
        assert found >= 0, f"{part!r} missing or out of order"
        position = found + len(squeeze(part))


def test_callouts_show_the_signal_words_most_serious_first(
    outputs: dict[str, tuple[Path, str]],
) -> None:
    _, text = outputs["steps"]
    _order(text, ["⚠ DANGER", "Never pay before the order {% if x %}.", "NOTE", "Ask the team"])
    _order(
        text,
        [
            "Validate the quote",
            "⚠ WARNING",
            "Prices are confidential.",
            "⚠ CAUTION",
            "Never share one price",
            "NOTICE",
            "Keep every quote",
            "Compare at least three offers",
        ],
    )
    _, french = outputs["french"]
    _order(french, ["⚠ DANGER", "REMARQUE", "⚠ AVERTISSEMENT", "⚠ ATTENTION", "AVIS"])


def test_callout_bands_have_the_standard_colours(outputs: dict[str, tuple[Path, str]]) -> None:
    docx, _ = outputs["steps"]
    fills = [
        shading.get(qn("w:fill"))
        for shading in OpenDocx(str(docx)).element.body.iter(f"{W}shd")
        if shading.getparent().tag == f"{W}tcPr"
    ]
    for band in ("C8102E", "FF7900", "FFD100", "005EB8", "5B6770"):
        assert band in fills, band
    # the text of each band is readable on it: white on red, blue and grey, black on the others
    body = OpenDocx(str(docx)).element.body
    colours = {
        cell.find(f"{W}tcPr/{W}shd").get(qn("w:fill")): cell.find(f".//{W}color").get(qn("w:val"))
        for cell in body.iter(f"{W}tc")
        if cell.find(f"{W}tcPr/{W}shd") is not None and cell.find(f".//{W}color") is not None
    }
    assert colours["C8102E"] == "FFFFFF" and colours["FFD100"] == "000000"


def test_every_fact_of_a_step_is_shown(outputs: dict[str, tuple[Path, str]]) -> None:
    _, text = outputs["steps"]
    _order(
        text,
        [
            "Validate the quote",
            "Only if: The amount is above 40,000 EUR",
            "Buyer with Finance, Legal",
            "10–15 min",
            "Within 4 h of the start",
            "Repeat for each supplier",
            "Quote template",
            "Comparison sheet (form.txt)",
            "Check the supplier is referenced",
            "Only if: The supplier is new",
        ],
    )
    _, french = outputs["french"]
    _order(french, ["Uniquement si", "Buyer avec Finance, Legal", "10–15 min", "Dans les 4 h"])


def test_markdown_is_real_word_content(outputs: dict[str, tuple[Path, str]]) -> None:
    docx, text = outputs["steps"]
    _order(text, ["price and delivery time", "in euros", "in days", "payment terms"])
    _order(text, ["Amount", "Quotes", "up to 5,000", "1", "above 5,000", "3"])
    assert squeeze("keep {{ literal }} & <tags>.") in squeeze(text)
    opened = OpenDocx(str(docx))
    runs = {run.text: run for paragraph in opened.paragraphs for run in paragraph.runs}
    assert runs["at least three"].bold and runs["in writing"].italic
    assert runs["CODE-42"].font.name == "Courier New"
    markdown_tables = [t for t in opened.tables if t.rows[0].cells[0].text == "Amount"]
    assert len(markdown_tables) == 1 and len(markdown_tables[0].rows) == 3
    # lists: real numbering, nested, numbers restart per list
    numbered = {}
    for paragraph in opened.paragraphs:
        properties = paragraph._p.pPr
        if properties is not None and properties.numPr is not None:
            numbered[paragraph.text] = (properties.numPr.ilvl.val, properties.numPr.numId.val)
    assert numbered["price and delivery time"][0] == 0 and numbered["in euros"][0] == 1
    assert numbered["price and delivery time"][1] == numbered["payment terms"][1]
    numbering = opened.part.numbering_part.element
    outer = numbered["price and delivery time"][1]
    abstract = numbering.num_having_numId(outer).abstractNumId.val
    [definition] = [
        a
        for a in numbering.findall(f"{W}abstractNum")
        if a.get(qn("w:abstractNumId")) == str(abstract)
    ]
    first_level = definition.find(f"{W}lvl")
    assert first_level.find(f"{W}numFmt").get(qn("w:val")) == "decimal"
    inner = numbered["in euros"][1]
    inner_abstract = numbering.num_having_numId(inner).abstractNumId.val
    [nested] = [
        a
        for a in numbering.findall(f"{W}abstractNum")
        if a.get(qn("w:abstractNumId")) == str(inner_abstract)
    ]
    assert nested.findall(f"{W}lvl")[1].find(f"{W}numFmt").get(qn("w:val")) == "bullet"


def test_links_are_real_hyperlinks(outputs: dict[str, tuple[Path, str]]) -> None:
    docx, text = outputs["steps"]
    opened = OpenDocx(str(docx))
    targets = {
        rel.rId: rel.target_ref for rel in opened.part.rels.values() if rel.reltype == HYPERLINK
    }
    anchors = {
        "".join(t.text for t in a.iter(f"{W}t")): targets[a.get(qn("r:id"))]
        for a in opened.element.body.iter(f"{W}hyperlink")
    }
    assert anchors["the policy"] == "https://example.org/policy"
    assert anchors["Quote template"] == "https://example.org/quote.xlsx"
    assert anchors["Purchasing policy"] == "https://example.org/purchasing"
    _order(text, ["Handle a complaint (procedure QUAL-004)", "procedure QUAL-005"])


def test_procedure_sections_for_the_additions(outputs: dict[str, tuple[Path, str]]) -> None:
    _, text = outputs["steps"]
    _order(
        text,
        [
            "Buy from a supplier",
            "Durand & Fils",
            "Category",
            "Instructional",
            "Paul Girard (Finance, version 1.2.0)",
        ],
    )
    _order(text, ["References", "Purchasing policy", "Handle a complaint"])
    _order(text, ["Forms and attachments", "Request form (form.txt)", "Comparison sheet"])
    _order(
        text,
        ["Trials", "Julie the new assistant", "1.2.0-rc1", "Changes needed", "1", "budget field"],
    )
    _order(text, ["Sign-off", "Paul Girard", "1.2.0"])


def test_layouts_number_and_order_the_steps(outputs: dict[str, tuple[Path, str]]) -> None:
    _, outline = outputs["hierarchical"]
    _order(
        outline,
        [
            "1 Validate the quote",
            "1.1 Check the supplier",
            "1.1.1 Ask for the tax",
            "1.1.1.1 File the certificate",
            "2 Send the purchase order",
        ],
    )
    _, listed = outputs["steps"]
    _order(
        listed,
        ["1 Validate", "a Check the supplier", "i Ask for the tax", "1 File the certificate"],
    )
    assert "1.1.1" not in listed
    _, charted = outputs["flowchart"]
    _order(charted, ["Figure 1 – Flowchart", "Steps", "1 Validate the quote"])
    _order(listed, ["1 Validate the quote", "Figure 1 – Flowchart"])


def _bare_template(path: Path, body: list[str]) -> Path:
    """Write a template made from python-docx's blank document, without numbering or lists."""
    document = OpenDocx()
    for text in body:
        document.add_paragraph(text)
    document.save(str(path))
    stripped = path.with_name("bare-" + path.name)
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(stripped, "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/numbering.xml":
                continue
            if item.filename == "word/_rels/document.xml.rels":
                text = data.decode()
                start = text.find("<Relationship", text.find("numbering") - 200)
                while "numbering" not in text[start : text.find("/>", start)]:
                    start = text.find("<Relationship", start + 1)
                text = text[:start] + text[text.find("/>", start) + 2 :]
                data = text.encode()
            if item.filename == "[Content_Types].xml":
                text = data.decode()
                start = text.rfind("<Override", 0, text.find("numbering"))
                text = text[:start] + text[text.find("/>", start) + 2 :]
                data = text.encode()
            if item.filename == "word/styles.xml":
                data = data.replace(b'w:styleId="ListBullet"', b'w:styleId="Gone1"')
                data = data.replace(b'w:styleId="ListNumber"', b'w:styleId="Gone2"')
            out.writestr(item, data)
    return stripped


def test_a_template_without_numbering_or_list_styles_still_gets_lists(tmp_path: Path) -> None:
    template = _bare_template(
        tmp_path / "t.docx",
        [
            "{{p callouts }}",
            "{%p for step in steps %}",
            "{{ step.label }} {{ step.title }}",
            "{{p step.callouts }}",
            "{{p step.details_rich }}",
            "{%p endfor %}",
        ],
    )
    with zipfile.ZipFile(template) as bare:
        assert "word/numbering.xml" not in bare.namelist()
    source = _write(tmp_path / "doc", _procedure("steps"), "doc.yaml")
    [docx] = export(load(source), "docx", tmp_path / "out", template=template, flowchart=False)
    text = _pdftotext(to_pdf([docx], tmp_path / "pdf")[0])
    _order(text, ["⚠ DANGER", "Validate the quote", "⚠ WARNING", "1.", "price and delivery"])
    _order(text, ["in euros", "in days", "2.", "payment terms", "Amount"])
    opened = OpenDocx(str(docx))
    assert opened.part.numbering_part.element.findall(f"{W}num")


def test_a_template_with_only_the_old_variables_loses_nothing(tmp_path: Path) -> None:
    template = _bare_template(
        tmp_path / "old.docx",
        [
            "{%p for step in steps %}",
            "{{ step.number }} {{ step.title }}",
            "{{ step.meta }}",
            "{{ step.details }}",
            "{{ step.warning }}",
            "{%p endfor %}",
        ],
    )
    source = _write(tmp_path / "doc", _procedure("hierarchical"), "doc.yaml")
    [docx] = export(load(source), "docx", tmp_path / "out", template=template, flowchart=False)
    text = _pdftotext(to_pdf([docx], tmp_path / "pdf")[0])
    _order(
        text,
        [
            "1 Validate the quote",
            "Buyer with Finance, Legal",
            "Only if: The amount is above 40,000 EUR",
            "1. price and delivery time",
            "• in euros",
            "Amount | Quotes",
            "Warning: Prices are confidential.",
            "1.1.1.1 File the certificate deep down",
        ],
    )


EVERY_BLOCK = """# A heading

> A quoted line

    indented code line

```
fenced code <b>
```

---

Raw <span>html</span> stays text, [an empty link]() too, and a hard\\
break.

1. first
   1. deep one
      - deeper
2. second

| Column head | Other head |
|-------------|-----------:|
| table cell  | 42         |
"""


def test_every_kind_of_block_is_written_and_nothing_is_lost(tmp_path: Path) -> None:
    data = _procedure("steps")
    data["steps"][1]["details"] = EVERY_BLOCK
    data["notes"] = [{"level": "warning", "text": EVERY_BLOCK}]
    source = _write(tmp_path / "doc", data, "doc.yaml")
    [docx] = export(load(source), "docx", tmp_path / "out", flowchart=False)
    pdf = to_pdf([docx], tmp_path / "pdf")[0]
    done = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True)
    text = done.stdout  # as printed: a table's cells row by row, whatever else is on the page
    expected = [
        "A heading",
        "A quoted line",
        "indented code line",
        "fenced code <b>",
        "Raw <span>html</span> stays text, an empty link too, and a hard",
        "break.",
        "first",
        "deep one",
        "deeper",
        "second",
        "Column head",
        "Other head",
        "table cell",
        "42",
    ]
    _order(text, ["⚠ WARNING", *expected, "Send the purchase order", *expected])
    runs = [r for p in OpenDocx(str(docx)).paragraphs for r in p.runs if r.text == "A heading"]
    assert runs and all(run.bold for run in runs)


def test_plan_notes_links_risks_and_goals(tmp_path: Path) -> None:
    data = yaml.safe_load((EXAMPLES / "plan-sop-90-jours.fr.yaml").read_text(encoding="utf-8"))
    data["notes"].append({"level": "danger", "text": "Un **danger** {{ x }} & <y>."})
    source = _write(tmp_path / "plan", data, "plan.yaml")
    [docx] = export(load(source), "docx", tmp_path / "out")
    text = _pdftotext(to_pdf([docx], tmp_path / "pdf")[0])
    _order(text, ["⚠ DANGER", "Un danger {{ x }} & <y>.", "⚠ AVERTISSEMENT", "REMARQUE"])
    first = data["phases"][0]
    _order(text, [first["name"], "Objectifs de la phase", *first["goals"]])
    _order(text, ["Risques", "Risque", "Gravité", data["risks"][0]["risk"]])
    _order(text, ["Références", data["links"][0]["title"], "procédure ADV-002"])
    opened = OpenDocx(str(docx))
    targets = [r.target_ref for r in opened.part.rels.values() if r.reltype == HYPERLINK]
    assert data["links"][0]["url"] in targets
    assert any(len(t.rows) == len(data["risks"]) + 1 for t in opened.tables)


def test_every_template_variable_is_documented() -> None:
    import datetime as dt
    import re

    from sopmodel.exporters.word.plan_context import plan_context
    from sopmodel.exporters.word.procedure_context import procedure_context
    from sopmodel.exporters.word.richtext import RichWriter
    from sopmodel.i18n import labels

    page = (Path(__file__).parent.parent / "docs" / "word-templates.md").read_text("utf-8")
    page = re.sub(r"```.*?```", "", page, flags=re.DOTALL)
    spans = re.findall(r"`([^`\n]+)`", page)
    named = {word for span in spans for word in re.findall(r"\w+", span)}
    procedure = load(EXAMPLES / "lab-piranha-clean.yaml")
    plan = load(EXAMPLES / "plan-sop-90-jours.fr.yaml")
    writer = RichWriter(OpenDocx())
    today = dt.date(2026, 11, 2)
    contexts = [
        procedure_context(procedure, labels("en"), lambda *_: None, [], today, writer),
        plan_context(plan, labels("fr"), today, writer),
    ]
    missing = set()
    for context in contexts:
        for name, value in context.items():
            items = value if isinstance(value, list) else [value]
            for item in items:
                if isinstance(item, dict) and name != "labels":
                    missing |= set(item) - named
                    for inner in item.values():
                        for entry in inner if isinstance(inner, list) else []:
                            missing |= set(entry) - named if isinstance(entry, dict) else set()
            if name not in named:
                missing.add(name)
    assert not missing, f"docs/word-templates.md does not name {sorted(missing)}"
