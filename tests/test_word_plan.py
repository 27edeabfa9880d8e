"""The plan document a consultant hands over: title block, sign-off, timeline, KPI status,
a RACI matrix with its legend and no filler, fewer pages; read back from the docx and from
LibreOffice's PDF."""

from __future__ import annotations

import datetime as dt
import html
import itertools
import logging
import re
import struct
import zipfile
from pathlib import Path

import pytest
import yaml
from lxml import etree
from pypdf import PdfReader

from sopmodel.cli import main
from sopmodel.exporters.timeline import timeline_svgs
from sopmodel.i18n import format_date, labels
from sopmodel.i18n.quantity import format_quantity
from sopmodel.model import Plan
from sopmodel.source import load
from sopmodel.views import plain
from sopmodel.views.kpi_status import plan_status
from tests.conftest import EXAMPLES
from tests.office import pdf_text, to_pdf

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
EXAMPLE = EXAMPLES / "plan-sop-90-jours.fr.yaml"
PAGES_BEFORE = 9
"""LibreOffice printed the example plan on 9 pages before issue 12, in both languages."""
EMU_PER_POINT = 12700
SIGN_HEIGHT_TWIPS = 850
"""15 mm, in twentieths of a point: a cell one can sign in."""
LEGEND = {
    "fr": ["R = Réalise", "A = Rend compte", "C = Consulté", "I = Informé"],
    "en": ["R = Responsible", "A = Accountable", "C = Consulted", "I = Informed"],
}


def _squeeze(text: str) -> str:
    """Return text with one kind of space and one apostrophe, to compare what is printed."""
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2019", "'")
    return " ".join(text.split())


def _text(element: etree._Element) -> str:
    return _squeeze("".join(element.itertext()))


@pytest.fixture(scope="module")
def plan() -> Plan:
    document = load(EXAMPLE)
    assert isinstance(document, Plan)
    return document


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """The example plan as a French and an English document, with LibreOffice's PDFs."""
    docs = {}
    for language in ("fr", "en"):
        folder = tmp_path_factory.mktemp(language)
        assert main(["export", str(EXAMPLE), "--to", "docx", "--lang", language,
                     "-o", str(folder), "-q"]) == 0  # fmt: skip
        docx = next(folder.glob("*.docx"))
        docs[language] = docx.rename(folder / f"{docx.stem}.{language}.docx")
    pdfs = to_pdf(list(docs.values()), tmp_path_factory.mktemp("pdf"))
    return {lang: (docx, pdf) for (lang, docx), pdf in zip(docs.items(), pdfs, strict=True)}


def _body(docx: Path) -> etree._Element:
    with zipfile.ZipFile(docx) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def _tables(docx: Path) -> list[list[list[str]]]:
    """Return every table as rows of cell texts."""
    return [
        [[_text(cell) for cell in row.iterfind("w:tc", NS)] for row in table.iterfind("w:tr", NS)]
        for table in _body(docx).iter(f"{{{W}}}tbl")
    ]


def _table_with(docx: Path, header: str) -> list[list[str]]:
    found = [t for t in _tables(docx) if header in t[0]]
    assert len(found) == 1, f"one table with a {header!r} column: {found}"
    return found[0]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_title_block_names_owner_and_approval_and_the_signoff_can_be_signed(
    exported: dict[str, tuple[Path, Path]], plan: Plan, language: str
) -> None:
    docx, pdf = exported[language]
    words = labels(language)
    block = {row[0]: row[1] for row in _tables(docx)[0] if len(row) == 2}
    assert block[words["document_id"]] == plan.id
    assert block[words["owner"]] == "Dirigeante (Anne Rivière)"
    assert "Anne Rivière" in block[words["approval"]]
    assert [plan.version, plan.status] == ["1.0.0", "approved"]
    assert block[words["version"]] == _squeeze(f"1.0.0 · {words['status_approved']}")
    assert "1.0.0" in block[words["approval"]]
    signoff = _table_with(docx, words["signature"])
    assert signoff[0] == [words["role"], words["name"], words["date"], words["signature"]]
    approved = format_date(plan.approvals[0].date, language)
    assert signoff[1][:3] == ["Dirigeante", "Anne Rivière", _squeeze(approved)]
    assert {row[0] for row in signoff[1:]} == {role.name for role in plan.roles}
    table = next(t for t in _body(docx).iter(f"{{{W}}}tbl") if words["signature"] in _text(t))
    rows = table.findall("w:tr", NS)[1:]
    heights = [int(row.find("w:trPr/w:trHeight", NS).get(f"{{{W}}}val")) for row in rows]
    assert len(heights) == len(plan.roles) and min(heights) >= SIGN_HEIGHT_TWIPS
    seen = _squeeze(pdf_text(pdf))
    for text in (words["approval"], words["signoff"], words["signature"], "Anne Rivière"):
        assert _squeeze(text) in seen


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("language", ["fr", "en"])
def test_timeline_picture_is_embedded_at_a_readable_size(
    exported: dict[str, tuple[Path, Path]], plan: Plan, language: str
) -> None:
    docx, pdf = exported[language]
    body = _body(docx)
    inline = body.find(".//wp:inline", NS)
    assert inline is not None, "no picture in the plan document"
    extent = inline.find("wp:extent", NS)
    printed_width = int(extent.get("cx")) / EMU_PER_POINT
    printed_height = int(extent.get("cy")) / EMU_PER_POINT
    target = inline.find(".//a:blip", NS).get(f"{{{NS['r']}}}embed")
    with zipfile.ZipFile(docx) as archive:
        rels = etree.fromstring(archive.read("word/_rels/document.xml.rels"))
        media = next(r.get("Target") for r in rels if r.get("Id") == target)
        width_px, height_px = _png_size(archive.read(f"word/{media}"))
    svgs = timeline_svgs(plan, labels(language))
    assert len(svgs) == 1
    svg = svgs[0]
    drawn = re.search(rb'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg)
    assert drawn is not None
    drawn_width, drawn_height = float(drawn[1]), float(drawn[2])
    # the embedded picture is this drawing: same proportions, to the pixel
    assert abs(width_px / height_px - drawn_width / drawn_height) < 0.01
    assert abs(printed_width / printed_height - drawn_width / drawn_height) < 0.01
    scale = printed_width / drawn_width
    sizes = [float(s) for s in re.findall(rb'font-size="([\d.]+)"', svg)]
    assert sizes and min(sizes) * scale >= 8.0, f"smallest text {min(sizes) * scale:.1f} pt"
    assert printed_width <= 170 / 25.4 * 72 + 1  # inside the A4 text width
    texts = _squeeze(" ".join(t.decode() for t in re.findall(rb">([^<>]+)</text>", svg)))
    months = {"fr": ["janvier", "février", "mars"], "en": ["January", "February", "March"]}
    for month in months[language]:
        assert month in texts, f"{month} not on the time scale"
    for week in ("4", "11", "18", "25"):
        assert re.search(rf"(^| ){week}( |$)", texts), f"no tick for the week of the {week}th"
    for item in (*[p.name for p in plan.phases], *[m.title for m in plan.milestones]):
        assert _squeeze(item)[:20] in texts
    caption = labels(language)["timeline"]
    assert _squeeze(caption) in _squeeze(pdf_text(pdf))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_each_kpi_shows_its_latest_value_and_status_in_words(
    exported: dict[str, tuple[Path, Path]], plan: Plan, language: str
) -> None:
    docx, pdf = exported[language]
    words = labels(language)
    table = _table_with(docx, words["latest"])
    header = table[0]
    rows = {row[0]: dict(zip(header, row, strict=True)) for row in table[1:]}
    statuses = plan_status(plan)
    assert len(rows) == len(statuses) == len(plan.kpis)
    kinds = set()
    for status, kpi in zip(statuses, plan.kpis, strict=True):
        row = rows[_squeeze(kpi.name)]
        assert row[words["status"]] == _squeeze(words[f"status_{status.status}"])
        kinds.add(status.status)
        if status.latest is not None:
            value = _squeeze(format_quantity(status.latest, kpi.unit, language))
            assert row[words["latest"]].startswith(value), row
        else:
            assert row[words["latest"]] == ""
    assert {"at_risk", "off_track", "no_data"} <= kinds  # the example shows three of them
    body = _body(docx)
    fills = {
        _text(cell): cell.find("w:tcPr/w:shd", NS).get(f"{{{W}}}fill")
        for cell in body.iter(f"{{{W}}}tc")
        if _text(cell) in {_squeeze(words[f"status_{s.status}"]) for s in statuses}
    }
    assert len(set(fills.values())) == len(kinds), f"each status its own colour: {fills}"
    seen = _squeeze(pdf_text(pdf))
    for status in statuses:
        assert _squeeze(words[f"status_{status.status}"]) in seen


@pytest.mark.parametrize("language", ["fr", "en"])
def test_responsibilities_have_no_filler_and_every_raci_header_its_legend(
    exported: dict[str, tuple[Path, Path]], plan: Plan, language: str
) -> None:
    docx, pdf = exported[language]
    seen = _squeeze(pdf_text(pdf))
    assert "Rien dans ce plan" not in seen and "Nothing in this plan" not in seen
    legend = " · ".join(LEGEND[language])
    assert _squeeze(legend) in seen
    body = _body(docx)
    raci_tables = 0
    letters = {"R", "A", "C", "I", "R/A"}
    for table in body.iter(f"{{{W}}}tbl"):
        cells = [_text(cell) for cell in table.iter(f"{{{W}}}tc")]
        rows = table.findall("w:tr", NS)
        header = [_text(cell) for cell in rows[1].iterfind("w:tc", NS)] if len(rows) > 1 else []
        if not letters & set(cells) and not any(re.search(r"\([RACI]\)$", h) for h in header):
            continue
        raci_tables += 1
        # the legend heads the table, repeated with its header on every page
        assert _text(rows[0]) == _squeeze(legend), header
        repeated = [row.find("w:trPr/w:tblHeader", NS) is not None for row in rows[:2]]
        assert repeated == [True, True], header
    assert raci_tables == 1 + len(plan.phases)  # each phase's table and the matrix
    names = [_squeeze(role.name) for role in plan.roles]
    matrix = next(t for t in _tables(docx) if t[1][1:] == names)  # every role has work here
    activities = [a for phase in plan.phases for a in phase.activities]
    rows = [row for row in matrix[2:] if len(row) > 1]
    assert [row[0] for row in rows] == [_squeeze(plain(a.title, language)) for a in activities]
    assert {cell for row in rows for cell in row[1:]} <= letters | {""}
    assert [row[0] for row in matrix[2:] if len(row) == 1] == [
        _squeeze(p.name) for p in plan.phases
    ]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_headings_and_lead_lines_keep_with_what_follows(
    exported: dict[str, tuple[Path, Path]], language: str
) -> None:
    docx, _ = exported[language]
    with zipfile.ZipFile(docx) as archive:
        styles = etree.fromstring(archive.read("word/styles.xml"))
    keeping = {
        style.get(f"{{{W}}}styleId")
        for style in styles.iterfind("w:style", NS)
        if style.find("w:pPr/w:keepNext", NS) is not None
    }
    for name in ("Heading1", "Heading2", "Heading3", "StepMeta", "PlanLead"):
        assert name in keeping, name  # headings, the dates under them, a phase's goal
    headed = 0
    for table in _body(docx).iter(f"{{{W}}}tbl"):
        for row in table.iterfind("w:tr", NS):
            if row.find("w:trPr/w:tblHeader", NS) is None:
                continue
            headed += 1
            for paragraph in row.iter(f"{{{W}}}p"):
                assert paragraph.find("w:pPr/w:keepNext", NS) is not None, _text(row)
    assert headed >= 8  # objectives, KPIs, phases, milestones, risks, meetings, matrix...


def test_the_plan_document_is_shorter(exported: dict[str, tuple[Path, Path]]) -> None:
    for language, (_, pdf) in exported.items():
        pages = len(PdfReader(pdf).pages)
        assert pages < PAGES_BEFORE, f"{language}: {pages} pages"


def test_without_dot_the_timeline_is_left_out_with_one_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with caplog.at_level(logging.WARNING):
        assert main(["export", str(EXAMPLE), "--to", "docx", "-o", str(tmp_path)]) == 0
    docx = next(tmp_path.glob("*.docx"))
    assert _body(docx).find(".//wp:inline", NS) is None
    warned = [r for r in caplog.records if "timeline" in r.getMessage()]
    assert len(warned) == 1 and "Graphviz" in warned[0].getMessage()
    assert labels("fr")["timeline"] not in _text(_body(docx))


def test_existing_template_variables_keep_working(plan: Plan) -> None:
    """Custom templates written for the first plan template still find their variables."""
    from docx import Document

    from sopmodel.exporters.word.plan_context import plan_context
    from sopmodel.exporters.word.richtext import RichWriter

    context = plan_context(plan, labels("fr"), None, RichWriter(Document()))
    for key in ("labels", "doc", "objectives", "kpis", "phases", "milestones", "meetings",
                "procedures", "callouts", "notes", "links", "risks", "sheets", "printed",
                "generated"):  # fmt: skip
        assert key in context, key
    for key in ("id", "title", "note", "organization", "period", "owner"):
        assert key in context["doc"], key
    activity = context["phases"][0]["activities"][0]
    for key in ("title", "due", "status", "responsible", "accountable", "consulted", "informed"):
        assert key in activity, key
    for key in ("summary", "baseline", "target", "direction", "frequency", "owner"):
        assert key in context["kpis"][0], key
    sheet = context["sheets"][0]
    assert sheet["title"] and all(part["lines"] for part in sheet["parts"])
    texts = str(context["sheets"])
    assert "Rien dans ce plan" not in texts


def _long_plan(folder: Path) -> Path:
    """A year-long plan with 15 roles, 120 activities and titles full of DOT syntax."""
    start = dt.date(2027, 1, 4)
    roles = [{"id": f"role-{n}", "name": f"Responsable numéro {n}"} for n in range(15)]
    phases = []
    for p in range(3):
        first = start + dt.timedelta(days=122 * p)
        last = min(first + dt.timedelta(days=121), start + dt.timedelta(days=365))
        activities = [
            {
                "id": f"a-{p}-{n}",
                "title": f'Activité {p}.{n} "entre guillemets" \\N \\G {{{{ x }}}} <b>',
                "due": (first + dt.timedelta(days=n * 3)).isoformat(),
                "raci": {"responsible": [f"role-{(n + p) % 15}"], "accountable": "role-0",
                         "consulted": [f"role-{(n * 7) % 15}"]},
            }
            for n in range(40)
        ]  # fmt: skip
        phases.append({"id": f"p{p}", "name": f"Phase {p} \\l", "start": first.isoformat(),
                       "end": last.isoformat(), "activities": activities})  # fmt: skip
    plan = {
        "sopmodel": 1, "kind": "plan", "id": "PLAN-LONG", "title": "Un an", "language": "fr",
        "start": start.isoformat(), "horizon_days": 366, "owner": "role-0", "roles": roles,
        "phases": phases,
        "milestones": [{"id": "bilan", "title": "Bilan", "date": "2027-12-20",
                        "kind": "retrospective"}],
    }  # fmt: skip
    path = folder / "long.yaml"
    path.write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    return path


def test_a_long_plan_gets_a_timeline_in_readable_parts(tmp_path: Path) -> None:
    source = _long_plan(tmp_path)
    assert (
        main(["export", str(source), "--to", "docx", "-o", str(tmp_path), "-q", "--no-check"]) == 0
    )
    docx = tmp_path / "PLAN-LONG.docx"
    extents = _body(docx).findall(".//wp:inline/wp:extent", NS)
    assert len(extents) >= 3  # 120 activities do not fit on one page
    for extent in extents:
        assert int(extent.get("cy")) / EMU_PER_POINT <= 240 / 25.4 * 72
        assert int(extent.get("cx")) / EMU_PER_POINT <= 170 / 25.4 * 72 + 1
    plan = load(source)
    assert isinstance(plan, Plan)
    parts = timeline_svgs(plan, labels("fr"))
    assert len(parts) == len(extents)
    shown = " ".join(_squeeze(" ".join(re.findall(r">([^<>]*)</text>", s.decode()))) for s in parts)
    for phase in plan.phases:
        for activity in phase.activities:
            assert _squeeze(plain(activity.title, "fr"))[:20] in html.unescape(shown)
    for svg in parts:
        ticks = sorted(
            float(x)
            for x, text in re.findall(
                rb'<text text-anchor="middle" x="([\d.]+)"[^>]*>(\d+)</text>', svg
            )
        )
        assert ticks and min(b - a for a, b in itertools.pairwise(ticks)) >= 14
    table = _table_with(docx, labels("fr")["signature"])
    assert len(table) == 1 + 15
    texts = [_text(t) for t in _body(docx).iter(f"{{{W}}}tbl")]
    assert any("Responsable numéro 14" in t and "Activité 2.39" in t for t in texts)


def test_a_bare_plan_gets_no_empty_sections(tmp_path: Path) -> None:
    """No phases, no roles, no owner, no measurements: nothing drawn or listed for them,
    still one line to sign."""
    source = tmp_path / "bare.yaml"
    source.write_text(
        "sopmodel: 1\nkind: plan\nid: PLAN-BARE\ntitle: Bare\nlanguage: en\nstart: 2027-01-04\n",
        encoding="utf-8",
    )
    assert (
        main(["export", str(source), "--to", "docx", "-o", str(tmp_path), "-q", "--no-check"]) == 0
    )
    docx = tmp_path / "PLAN-BARE.docx"
    body = _body(docx)
    assert body.find(".//wp:inline", NS) is None
    words = labels("en")
    text = _text(body)
    for absent in (words["timeline"], words["raci_matrix"], words["raci_legend"], words["approval"],
                   words["latest_measurements"], words["kpis"]):  # fmt: skip
        assert _squeeze(absent) not in text, absent
    signoff = _table_with(docx, words["signature"])
    assert len(signoff) == 2 and signoff[1] == ["", "", "", ""]


def test_a_plan_without_version_shows_no_version_row_and_its_owner_approves(
    tmp_path: Path,
) -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    for key in ("version", "status", "approvals"):
        del data[key]
    (tmp_path / "plan.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    assert main(["export", str(tmp_path / "plan.yaml"), "--to", "docx", "-o",
                 str(tmp_path / "out"), "-q"]) == 0  # fmt: skip
    words = labels("fr")
    docx = next((tmp_path / "out").glob("*.docx"))
    block = {row[0]: row[1] for row in _tables(docx)[0] if len(row) == 2}
    assert words["version"] not in block
    assert block[words["approval"]].startswith("Dirigeante (Anne Rivière)")
    signoff = _table_with(docx, words["signature"])
    assert signoff[1] == ["Dirigeante", "Anne Rivière", "", ""]


def test_meetings_show_their_length_the_local_way(exported: dict[str, tuple[Path, Path]]) -> None:
    docx, _ = exported["fr"]
    assert any("Hebdomadaire, lundi · 30 min" in row for t in _tables(docx) for row in t)


def test_activity_notes_and_procedures_and_kpi_definitions_are_printed(tmp_path: Path) -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    activity = data["phases"][0]["activities"][0]
    activity["notes"] = "Partir du devis signé le plus récent."
    activity["procedure"] = "ADV-002"
    data["kpis"][0]["definition"] = "Part des commandes saisies deux fois dans l’ERP."
    (tmp_path / "plan.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    assert main(["export", str(tmp_path / "plan.yaml"), "--to", "docx", "-o",
                 str(tmp_path / "out"), "-q"]) == 0  # fmt: skip
    [pdf] = to_pdf(list((tmp_path / "out").glob("*.docx")), tmp_path / "pdf")
    seen = _squeeze(pdf_text(pdf))
    for text in (activity["notes"], "procédure ADV-002", data["kpis"][0]["definition"]):
        assert _squeeze(text) in seen, text


def test_role_responsibilities_and_measurement_comments_are_printed(tmp_path: Path) -> None:
    """Nothing the plan says is lost: what each role is responsible for, and the comment
    written on a measurement, are in the document."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["roles"][1]["responsibilities"] = ["Tenir le carnet de commandes à jour"]
    data["measurements"].append(
        {"kpi": data["kpis"][1]["id"], "period": "2027-W03", "value": 3, "note": "Audit fait."}
    )
    (tmp_path / "plan.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    assert main(["export", str(tmp_path / "plan.yaml"), "--to", "docx", "-o",
                 str(tmp_path / "out"), "-q"]) == 0  # fmt: skip
    [pdf] = to_pdf(list((tmp_path / "out").glob("*.docx")), tmp_path / "pdf")
    seen = _squeeze(pdf_text(pdf))
    assert _squeeze("Tenir le carnet de commandes à jour") in seen
    assert _squeeze("Responsabilités") in seen
    for measurement in data["measurements"]:
        if measurement.get("note"):
            assert _squeeze(measurement["note"]) in seen, measurement
    assert _squeeze("semaine du 18 janv. 2027") in seen
