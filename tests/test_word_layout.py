"""The procedure document laid out as a typesetter would sign it off (issue 12, items 3 and 4).

Safety up front (hazards coloured by severity, protective equipment, steps with a warning on
page 1), headings and their short lines kept with what follows, sub-steps as real numbered
lists printing the numbers every output uses, no empty column or row, sign-off rows tall
enough to sign. Each is read back from the .docx XML and, where a person would see it, from
the PDF LibreOffice prints.
"""

from __future__ import annotations

import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document as OpenDocx
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sopmodel.exporters import ExportError, export
from sopmodel.exporters.textsafety import xml_safe
from sopmodel.i18n import labels as labels_for
from sopmodel.model import Procedure
from sopmodel.model.schema import json_schema
from sopmodel.source import load
from sopmodel.views import SIGNAL_COLOURS, severity_colours, step_texts
from tests.conftest import EXAMPLES
from tests.office import to_pdf
from tests.strategies import from_schema
from tests.svgtools import squeeze

EXAMPLE_FILES = {
    "MAINT-004": "forklift-battery-change.yaml",
    "LAB-012": "lab-piranha-clean.yaml",
    "ACH-003": "achats-fournisseurs.fr.yaml",
    "SALES-001": "sales-opportunity.yaml",
    "TEST-HOSTILE": "hostile-text.yaml",
}


def _made(layout: str, safety: bool) -> dict[str, Any]:
    """A procedure with sub-steps four deep, a risk and a problem that name no step, a
    problem with no cause, and nothing that calls for a safety block unless asked."""
    deep = {
        "title": "Check the supplier is referenced",
        "substeps": [
            {
                "title": "Ask for the tax certificate",
                "substeps": [
                    {"title": "File the certificate deep down", "check": "It is filed."},
                    {"title": "Tell the buyer it is filed"},
                ],
            },
            {"title": "Record the supplier's number", "when": "The supplier is new"},
        ],
    }
    data: dict[str, Any] = {
        "sopmodel": 1,
        "kind": "procedure",
        "id": f"LAY-{layout[:4].upper()}",
        "title": "Buy from a supplier",
        "language": "en",
        "layout": layout,
        "category": "administrative",
        "roles": [{"id": "buyer", "name": "Buyer"}],
        "steps": [
            {"id": "quote", "title": "Validate the quote", "role": "buyer", "substeps": [deep]},
            {
                "id": "order",
                "title": "Send the purchase order",
                "role": "buyer",
                "substeps": [{"title": f"Fill line {n}"} for n in range(1, 4)],
            },
        ],
        "risks": [
            {"risk": "Order above budget", "severity": "medium", "mitigation": "Check first."}
        ],
        "troubleshooting": [{"problem": "The supplier is silent", "solution": "Call them."}],
    }
    if safety:
        data["steps"][1]["notes"] = [{"level": "danger", "text": "Never sign blank forms."}]
        data["requirements"] = [{"name": "Cut-resistant gloves", "kind": "ppe"}]
    return data


MADE = {
    "LAY-HIER": ("hierarchical", False),
    "LAY-STEP": ("steps", True),
}


def _pdftotext(pdf: Path, page: int | None = None) -> str:
    """Return the text of a PDF (or of one page), each line as it is printed."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    done = subprocess.run(
        ["pdftotext", "-layout", *pages, str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path, Any]]:
    """Export the examples and the made procedures; convert them in one LibreOffice run."""
    folder = tmp_path_factory.mktemp("layout")
    sources: dict[str, Any] = {name: load(EXAMPLES / file) for name, file in EXAMPLE_FILES.items()}
    for name, (layout, safety) in MADE.items():
        path = folder / f"{name}.yaml"
        path.write_text(yaml.safe_dump(_made(layout, safety)), encoding="utf-8")
        sources[name] = load(path)
    files = {name: export(doc, "docx", folder / "out")[0] for name, doc in sources.items()}
    pdfs = to_pdf(list(files.values()), folder / "pdf")
    return {name: (files[name], pdf, sources[name]) for name, pdf in zip(files, pdfs, strict=True)}


def _body(docx: Path) -> Any:
    return OpenDocx(str(docx))


def _text(element: Any) -> str:
    """Return the text of a paragraph or a cell, a tab or a line break read as a space."""
    found = []
    for run in element.iter(qn("w:r")):
        for child in run:
            if child.tag == qn("w:t"):
                found.append(child.text or "")
            elif child.tag in (qn("w:tab"), qn("w:br")):
                found.append(" ")
    return "".join(found)


def _style_chain(document: Any, style_id: str | None) -> list[Any]:
    found = []
    styles = {s.style_id: s for s in document.styles}
    while style_id and style_id in styles:
        found.append(styles[style_id])
        base = styles[style_id].base_style
        style_id = base.style_id if base is not None else None
    return found


def _keeps_with_next(document: Any, paragraph: Any) -> bool:
    """Return whether a paragraph is kept with the next, by itself or by its styles."""
    properties = paragraph.pPr
    if properties is not None and properties.keepNext is not None:
        return properties.keepNext.val is not False
    style_id = None
    if properties is not None and properties.pStyle is not None:
        style_id = properties.pStyle.val
    for style in _style_chain(document, style_id):
        if style.paragraph_format.keep_with_next is not None:
            return bool(style.paragraph_format.keep_with_next)
    return False


def _style_name(document: Any, paragraph: Any) -> str:
    properties = paragraph.pPr
    if properties is None or properties.pStyle is None:
        return "Normal"
    chain = _style_chain(document, properties.pStyle.val)
    return chain[0].name if chain else ""


def _body_paragraphs(document: Any) -> list[Any]:
    return list(document.element.body.iterchildren(qn("w:p")))


# keep with next ------------------------------------------------------------------------


def test_headings_and_the_short_lines_under_them_keep_with_next(
    documents: dict[str, tuple[Path, Path, Any]],
) -> None:
    for name, (docx, _, _) in documents.items():
        document = _body(docx)
        body = list(document.element.body.iterchildren())
        for index, element in enumerate(body):
            if element.tag != qn("w:p") or not _text(element).strip():
                continue
            if not _style_name(document, element).startswith("Heading"):
                continue
            assert _keeps_with_next(document, element), (name, _text(element))
            lines = []  # the "Only if", "Who" and date lines under the heading
            for following in body[index + 1 :]:
                if following.tag == qn("w:p") and _style_name(document, following) in (
                    "Step Meta",
                    "Condition",
                ):
                    lines.append(following)
                    continue
                ends = following.tag == qn("w:sectPr") or (
                    following.tag == qn("w:p")
                    and (
                        _style_name(document, following).startswith("Heading")
                        or following.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None
                    )
                )  # a heading, or a section break (the flowchart's landscape pages)
                for line in lines[:-1] if ends else lines:  # a bare step may end a page
                    assert _keeps_with_next(document, line), (name, _text(line))
                break


def test_the_who_and_duration_lines_of_sub_steps_keep_with_next(
    documents: dict[str, tuple[Path, Path, Any]],
) -> None:
    docx, _, _ = documents["LAB-012"]
    document = _body(docx)
    lines = [p for p in _body_paragraphs(document) if _text(p).startswith("Duration: 30")]
    assert lines, "the sub-step 1.1.1 of LAB-012 has a duration line"
    assert all(_keeps_with_next(document, p) for p in lines)
    body = _body_paragraphs(document)
    for index, paragraph in enumerate(body[1:], 1):
        if _style_name(document, paragraph) in ("Condition", "Step Meta"):
            above = body[index - 1]
            if _style_name(document, above) == "Substep":
                assert _keeps_with_next(document, above), _text(above)


def test_a_bare_step_does_not_drag_the_next_one_along(
    documents: dict[str, tuple[Path, Path, Any]],
) -> None:
    docx, _, _ = documents["SALES-001"]
    document = _body(docx)
    body = _body_paragraphs(document)
    heading = next(i for i, p in enumerate(body) if "Get the discount approved" in _text(p))
    assert _text(body[heading + 1]).startswith("Who:")
    assert not _keeps_with_next(document, body[heading + 1])
    assert _text(body[heading + 2]).startswith("8")


def test_a_list_of_bare_sub_steps_may_break_anywhere(
    documents: dict[str, tuple[Path, Path, Any]],
) -> None:
    """Sub-steps with nothing under them are not chained to what follows the list (a chain
    would drag the list, and the next heading, onto the next page)."""
    docx, _, _ = documents["LAY-STEP"]
    document = _body(docx)
    bare = [p for p in _body_paragraphs(document) if _text(p).startswith("Fill line")]
    assert len(bare) == 3
    assert not any(_keeps_with_next(document, p) for p in bare)


# sub-steps as real numbered lists ------------------------------------------------------


def _numbering(document: Any) -> dict[str, Any]:
    """Return the abstract definition of each numbering instance, by numId."""
    root = document.part.numbering_part.element
    abstracts = {a.get(qn("w:abstractNumId")): a for a in root.iterchildren(qn("w:abstractNum"))}
    return {
        n.get(qn("w:numId")): abstracts[n.find(qn("w:abstractNumId")).get(qn("w:val"))]
        for n in root.iterchildren(qn("w:num"))
    }


def _printed_number(document: Any, paragraphs: list[Any]) -> dict[int, str]:
    """Return the number Word prints before each numbered paragraph (by position), counted
    as Word counts: one counter per level of each list, deeper levels restarting."""
    definitions = _numbering(document)
    counters: dict[str, list[int]] = {}
    found = {}
    for position, paragraph in enumerate(paragraphs):
        properties = paragraph.pPr
        if properties is None or properties.numPr is None:
            continue
        num = str(properties.numPr.numId.val)
        level = int(properties.numPr.ilvl.val)
        counts = counters.setdefault(num, [0] * 9)
        counts[level] += 1
        counts[level + 1 :] = [0] * (8 - level)
        entry = definitions[num].find(f"{qn('w:lvl')}[@{qn('w:ilvl')}='{level}']")
        text = entry.find(qn("w:lvlText")).get(qn("w:val"))
        kinds = {
            i: definitions[num]
            .find(f"{qn('w:lvl')}[@{qn('w:ilvl')}='{i}']")
            .find(qn("w:numFmt"))
            .get(qn("w:val"))
            for i in range(level + 1)
        }
        for i in range(level + 1):
            text = text.replace(f"%{i + 1}", _format(max(counts[i], 1), kinds[i]))
        found[position] = text
    return found


def _format(value: int, kind: str) -> str:
    if kind == "lowerLetter":
        return chr(ord("a") + value - 1)
    if kind == "lowerRoman":
        return ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"][value]
    return str(value)


@pytest.mark.parametrize("name", ["MAINT-004", "LAB-012", "ACH-003", "LAY-HIER", "LAY-STEP"])
def test_sub_steps_are_list_items_numbered_as_every_output_numbers_them(
    documents: dict[str, tuple[Path, Path, Any]], name: str
) -> None:
    docx, _, procedure = documents[name]
    document = _body(docx)
    paragraphs = _body_paragraphs(document)
    printed = _printed_number(document, paragraphs)
    texts = step_texts(procedure, labels_for(procedure.language))
    substeps = [t for t in texts if t.item.depth]
    assert substeps
    for text in substeps:
        places = [i for i, p in enumerate(paragraphs) if _text(p) == text.title]
        assert places, f"{text.title!r} is not a paragraph of its own"
        place = places[0]
        assert place in printed, f"{text.title!r} is not a numbered list item"
        assert printed[place] == text.item.label, (text.title, printed[place])
        assert not _style_name(document, paragraphs[place]).startswith("Heading")
        assert not any(r.find(qn("w:rPr")) is not None and r.find(qn("w:rPr")).find(qn("w:b"))
                       is not None for r in paragraphs[place].iter(qn("w:r")))  # fmt: skip


def test_past_z_sub_steps_keep_sopmodels_letters(tmp_path: Path) -> None:
    """Word counts letters y, z, aa, bb; the flowchart and the deck say y, z, aa, ab: such a
    list keeps its numbers as text, the same as everywhere else."""
    data = _made("steps", False)
    data["steps"][1]["substeps"] = [{"title": f"Fill line {n}"} for n in range(1, 29)]
    path = tmp_path / "long.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    [docx] = export(load(path), "docx", tmp_path / "out", flowchart=False)
    document = _body(docx)
    lines = {_text(p): p for p in _body_paragraphs(document)}
    assert "ab Fill line 28" in lines
    assert "z Fill line 26" in lines
    assert lines["ab Fill line 28"].pPr.numPr is None
    text = squeeze(_pdftotext(to_pdf([docx], tmp_path / "pdf")[0]))
    assert squeeze("ab Fill line 28") in text


def test_the_list_numbers_are_printed_in_the_pdf(
    documents: dict[str, tuple[Path, Path, Any]],
) -> None:
    _, pdf, _ = documents["MAINT-004"]
    text = squeeze(_pdftotext(pdf))
    for line in ("1.1 Park the truck", "1.2 Switch the truck off", "1.3 Put on the PPE",
                 "2.3 Check the cells", "6.2 Push the battery in"):  # fmt: skip
        assert squeeze(line) in text, line
    _, pdf, _ = documents["LAY-HIER"]
    text = squeeze(_pdftotext(pdf))
    for line in ("1.1 Check the supplier", "1.1.1 Ask for the tax", "1.1.1.2 Tell the buyer",
                 "1.1.2 Record the supplier", "2.3 Fill line 3"):  # fmt: skip
        assert squeeze(line) in text, line
    _, pdf, _ = documents["LAY-STEP"]
    text = squeeze(_pdftotext(pdf))
    for line in ("a Check the supplier", "i Ask for the tax", "1 File the certificate",
                 "ii Record the supplier", "c Fill line 3"):  # fmt: skip
        assert squeeze(line) in text, line
    _, pdf, _ = documents["ACH-003"]
    assert squeeze("a Vérifier que le fournisseur") in squeeze(_pdftotext(pdf))


# safety up front -----------------------------------------------------------------------


def test_the_forklift_shows_its_critical_hazard_and_ppe_on_page_one(
    documents: dict[str, tuple[Path, Path, Any]],
) -> None:
    _, pdf, _ = documents["MAINT-004"]
    first = squeeze(_pdftotext(pdf, 1))
    for part in ("Safety", "Hazards", "Critical", "Acid splash in the eyes", "High",
                 "Crushed hand", "Protective equipment", "Acid-resistant gloves",
                 "Steps with a warning", "WARNING 1.3 Put on the PPE"):  # fmt: skip
        assert squeeze(part) in first, part
    assert first.index(squeeze("Critical")) < first.index(squeeze("Medium"))
    whole = squeeze(_pdftotext(pdf))
    assert whole.count(squeeze("Acid splash in the eyes")) == 1  # not repeated after the steps


def test_a_french_procedure_shows_its_step_danger_on_page_one(
    documents: dict[str, tuple[Path, Path, Any]],
) -> None:
    _, pdf, _ = documents["ACH-003"]
    first = squeeze(_pdftotext(pdf, 1))
    for part in ("Sécurité", "Dangers", "Élevée", "Engagement hors budget", "⚠ DANGER",
                 "Ne manipulez pas seul une palette",
                 "AVERTISSEMENT 3 Valider le devis"):  # fmt: skip
        assert squeeze(part) in first, part


def test_only_procedures_that_need_it_get_a_safety_block(
    documents: dict[str, tuple[Path, Path, Any]],
) -> None:
    for name in ("LAY-HIER", "TEST-HOSTILE"):
        _, pdf, _ = documents[name]
        assert "Safety" not in _pdftotext(pdf), name
    _, pdf, _ = documents["LAY-STEP"]
    first = squeeze(_pdftotext(pdf, 1))
    for part in ("Safety", "Medium", "Order above budget", "Never sign blank forms",
                 "Cut-resistant gloves", "DANGER 2 Send the purchase order"):  # fmt: skip
        assert squeeze(part) in first, part


def _cell_colours(docx: Path) -> dict[str, set[tuple[str, str]]]:
    """Return the (fill, ink) of every table cell, by its text."""
    found: dict[str, set[tuple[str, str]]] = {}
    document = _body(docx)
    for cell in document.element.body.iter(qn("w:tc")):
        shading = cell.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
        fill = shading.get(qn("w:fill")) if shading is not None else ""
        colour = cell.find(f".//{qn('w:rPr')}/{qn('w:color')}")
        ink = colour.get(qn("w:val")) if colour is not None else ""
        found.setdefault(_text(cell).strip(), set()).add((fill.upper(), ink.upper()))
    return found


def _luminance(colour: str) -> float:
    channels = []
    for i in (0, 2, 4):
        c = int(colour[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def _contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_severities_are_coloured_wherever_they_appear_and_readable(
    documents: dict[str, tuple[Path, Path, Any]],
) -> None:
    cells = _cell_colours(documents["MAINT-004"][0])
    assert cells["Critical"] == {("C8102E", "FFFFFF")}
    assert cells["High"] == {("FF7900", "000000")}
    assert cells["Medium"] == {("FFD100", "000000")}
    cells = _cell_colours(documents["LAY-HIER"][0])  # no safety block: the risk table
    assert cells["Medium"] == {severity_colours("medium")}
    for severity in ("low", "medium", "high", "critical"):
        fill, ink = severity_colours(severity)
        assert _contrast(fill, ink) >= 4.5, severity
    fills = {severity_colours(s)[0] for s in ("low", "medium", "high", "critical")}
    assert len(fills) == 4


def test_callout_levels_are_distinct_and_readable_in_print() -> None:
    bands = [band for band, _ in SIGNAL_COLOURS.values()]
    assert len(set(bands)) == len(bands)
    for band, ink in SIGNAL_COLOURS.values():
        assert _contrast(band, ink) >= 4.5, band


# tables --------------------------------------------------------------------------------


def _tables(docx: Path) -> list[list[list[str]]]:
    document = _body(docx)
    return [
        [[_text(c).strip() for c in row.iter(qn("w:tc"))] for row in table.iter(qn("w:tr"))]
        for table in document.element.body.iter(qn("w:tbl"))
    ]


def test_empty_columns_and_rows_are_left_out(
    documents: dict[str, tuple[Path, Path, Any]],
) -> None:
    for layout in ("LAY-HIER", "LAY-STEP"):
        tables = _tables(documents[layout][0])
        headers = [t[0] for t in tables]
        assert ["Problem", "Solution"] in headers, headers
        assert ["Role"] in headers, headers  # no role has responsibilities
        if layout == "LAY-HIER":
            assert ["Severity", "Risk", "Mitigation"] in headers, headers
        for table in tables:
            for row in table[1:]:
                if table[0][-1] != "Signature":
                    assert any(row), (table[0], row)
        block = tables[0]
        assert all(value for _, value in block), block  # the title block: no empty row
    headers = [t[0] for t in _tables(documents["MAINT-004"][0])]
    assert ["Problem", "Cause", "Solution", "Step"] in headers  # filled columns stay


def test_no_table_row_breaks_across_pages(
    documents: dict[str, tuple[Path, Path, Any]],
) -> None:
    """A row split by a page break leaves an empty-looking row under the repeated header."""
    for name, (docx, _, _) in documents.items():
        for row in _body(docx).element.body.iter(qn("w:tr")):
            assert row.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None, (name, _text(row))


def test_signature_rows_are_tall_enough_to_sign(
    documents: dict[str, tuple[Path, Path, Any]],
) -> None:
    for name, (docx, _, _) in documents.items():
        document = _body(docx)
        signed = [
            t
            for t in document.element.body.iter(qn("w:tbl"))
            if "Signature" in _text(next(t.iter(qn("w:tr"))))
        ]
        assert len(signed) == 1, name
        rows = list(signed[0].iter(qn("w:tr")))[1:]
        assert rows
        for row in rows:
            height = row.find(f"{qn('w:trPr')}/{qn('w:trHeight')}")
            assert height is not None, name
            assert int(height.get(qn("w:val"))) >= 15 / 25.4 * 1440, name
            assert height.get(qn("w:hRule")) in ("atLeast", "exact")


# nothing lost --------------------------------------------------------------------------


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(from_schema(json_schema("procedure")))
def test_every_sub_step_title_is_kept_at_every_depth(data: dict[str, Any]) -> None:
    procedure = Procedure.model_validate(data)
    with tempfile.TemporaryDirectory() as folder:
        try:
            [docx] = export(procedure, "docx", folder, flowchart=False)
        except ExportError as error:
            assert str(error) and "\n" not in str(error)
            return
        with zipfile.ZipFile(docx) as package:
            xml = package.read("word/document.xml")
        document = _body(docx)
    paragraphs = [" ".join(_text(p).split()) for p in _body_paragraphs(document)]
    numbered = {
        " ".join(_text(p).split())
        for p in _body_paragraphs(document)
        if p.pPr is not None and p.pPr.numPr is not None
    }
    assert xml
    shown = xml_safe(procedure)  # what the exporter writes: characters XML cannot hold left out
    for text in step_texts(shown, labels_for(procedure.language)):
        title = " ".join(text.title.split())
        if not title:
            continue
        assert any(title in p for p in paragraphs), title
        if 0 < text.item.depth <= 9:
            assert title in numbered, title


_BOX_TEXT = st.text(
    st.sampled_from([*"ab Zé&<>\"'’«»\u00a0\t\n-.:!?0", "\ue000"]), min_size=0, max_size=20
)


@settings(max_examples=60, deadline=None)
@given(
    text=_BOX_TEXT,
    level=st.sampled_from(["danger", "warning", "caution", "notice", "info"]),
    indent=st.sampled_from([0, 360, 720]),
)
def test_a_box_of_one_line_is_the_same_box_drawn_in_full(
    text: str, level: str, indent: int
) -> None:
    """A check or warning of one line reuses the box drawn for its level: same Word XML."""
    from sopmodel.exporters.word import TEMPLATES
    from sopmodel.exporters.word.richtext import RichWriter
    from sopmodel.model import NoteLevel
    from sopmodel.views import Callout, rich

    item = Callout(NoteLevel(level), rich(text, "fr"))
    writer = RichWriter(OpenDocx(str(TEMPLATES / "procedure.docx")))
    writer.boxes([Callout(NoteLevel(level), rich("Déjà vu", "fr"))], lambda _: "Mot", indent)
    fast = writer.boxes([item], lambda _: "Mot", indent).xml
    other = RichWriter(OpenDocx(str(TEMPLATES / "procedure.docx")))  # lists number alike
    drawn = other.fragment(lambda body: other.callout(body, item, "Mot", other.width), indent)
    assert fast == drawn.xml
