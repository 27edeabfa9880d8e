"""Word documents as a person sees them: converted to PDF by LibreOffice and read back."""

from __future__ import annotations

import logging
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document as OpenDocx

from sopmodel.exporters import ExportError, export
from sopmodel.exporters.word import TEMPLATES
from sopmodel.model import Plan, Procedure
from sopmodel.source import dump_yaml, load
from sopmodel.views import plain
from tests.conftest import EXAMPLES, ROOT, valid_examples
from tests.office import edited_copy, pdf_text, to_pdf
from tests.pictures import write_png
from tests.svgtools import squeeze


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    """Export every example to .docx and convert them all to PDF in one LibreOffice run."""
    folder = tmp_path_factory.mktemp("word")
    files = {path.name: export(load(path), "docx", folder)[0] for path in valid_examples()}
    pdfs = to_pdf(list(files.values()), folder / "pdf")
    return {
        name: (docx, pdf_text(pdf)) for (name, docx), pdf in zip(files.items(), pdfs, strict=True)
    }


def _in_order(text: str, parts: list[str]) -> None:
    """Assert that every part appears in text, each after the previous one."""
    squeezed, position = squeeze(text), 0
    for part in parts:
        found = squeezed.find(squeeze(part), position)
        assert found >= 0, f"{part!r} missing (or out of order) in the PDF text"
        position = found + 1


@pytest.mark.parametrize(
    "path", [p for p in valid_examples() if isinstance(load(p), Procedure)], ids=lambda p: p.stem
)
def test_procedure_pdf_shows_steps_roles_and_problems_in_order(
    rendered: dict[str, tuple[Path, str]], path: Path
) -> None:
    document = load(path)
    assert isinstance(document, Procedure)
    _, text = rendered[path.name]
    _in_order(text, [role.name for role in document.roles])
    _in_order(text, [plain(step.title, document.language) for step in document.steps])
    _in_order(text, [t.problem for t in document.troubleshooting])
    assert squeeze(document.id) in squeeze(text)


def test_french_document_reads_french(rendered: dict[str, tuple[Path, str]]) -> None:
    _, text = rendered["prise-de-commande.fr.yaml"]
    for words in [
        "Objectif",
        "Étapes",
        "Dépannage",
        "Historique des révisions",
        "1er octobre 2026",
        "Si oui, aller à l’étape 3",
        "Recherche faite",  # "Contrôle : Recherche": see test_word_language.py
        "Page 1 sur",
    ]:
        assert squeeze(words) in squeeze(text), words


def test_english_document_has_page_x_of_y_and_decisions(
    rendered: dict[str, tuple[Path, str]],
) -> None:
    _, text = rendered["sales-opportunity.yaml"]
    pages = re.findall(r"Page (\d+) of (\d+)", text)
    assert pages and pages[0] == ("1", pages[0][1]) and len({total for _, total in pages}) == 1
    assert "If yes, go to step 4" in text and "If no, go to step 9" in text
    assert squeeze("2 November 2026") in squeeze(text)


def test_plan_document(rendered: dict[str, tuple[Path, str]]) -> None:
    plan = load(EXAMPLES / "plan-sop-90-jours.fr.yaml")
    assert isinstance(plan, Plan)
    _, text = rendered["plan-sop-90-jours.fr.yaml"]
    _in_order(text, [o.statement for o in sorted(plan.objectives, key=lambda o: o.priority)])
    _in_order(text, [p.name for p in plan.phases])
    _in_order(text, ["Qui fait quoi", *[role.name for role in plan.roles], "Validation"])
    for milestone in plan.milestones:
        assert squeeze(milestone.title) in squeeze(text)
    _in_order(text, ["Commandes saisies en double", "6 %", "0,5 %", "5,8 %", "En retard"])


def test_hostile_text_is_data_not_template_code(rendered: dict[str, tuple[Path, str]]) -> None:
    docx, text = rendered["hostile-text.yaml"]
    for literal in [
        "{{ 7*7 }}",
        "{% raw %}",
        "<input>",
        "“Enter”",  # the language's quotation marks, as in every output
        "<![CDATA[ ]]>",
        "=HYPERLINK(",
        "+1 -1 @mention =1+1",
        "${HOME}",
        "שלום",
    ]:
        assert squeeze(literal) in squeeze(text), literal
    assert zipfile.ZipFile(docx).testzip() is None


def test_the_flowchart_is_embedded(rendered: dict[str, tuple[Path, str]]) -> None:
    docx, text = rendered["sales-opportunity.yaml"]
    assert "Figure 1 – Flowchart" in text
    media = [n for n in zipfile.ZipFile(docx).namelist() if n.startswith("word/media/")]
    assert len(media) == text.count("– Flowchart") >= 1  # one picture per flowchart page


def test_step_images_are_placed_with_their_caption(rendered: dict[str, tuple[Path, str]]) -> None:
    docx, text = rendered["forklift-battery-change.yaml"]
    _in_order(
        text,
        [
            "Disconnect the discharged battery",
            "Pull the connector by its handle, never by the cable.",
            "Is the battery leaking or swollen?",
        ],
    )
    media = [n for n in zipfile.ZipFile(docx).namelist() if n.startswith("word/media/")]
    assert len(media) == 1 + text.count("– Flowchart")  # the step's image, the chart's pages


@pytest.mark.parametrize("path", valid_examples(), ids=lambda p: p.stem)
def test_two_exports_are_byte_identical(tmp_path: Path, path: Path) -> None:
    [first] = export(load(path), "docx", tmp_path / "a")
    [second] = export(load(path), "docx", tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()


def test_without_dot_the_document_is_whole_and_the_user_is_told(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    caplog.set_level(logging.WARNING, logger="sopmodel.export")
    [docx] = export(load(EXAMPLES / "sales-opportunity.yaml"), "docx", tmp_path)
    assert re.search("flowchart is left out.*install Graphviz", caplog.text)
    text = "\n".join(p.text for p in OpenDocx(str(docx)).paragraphs)
    assert "Book an FO with the decision-maker" in text and "Flowchart" not in text


def _procedure_yaml(tmp_path: Path, steps: int, images: int) -> Path:
    (tmp_path / "img").mkdir()
    body = []
    for n in range(steps):
        step = {"id": f"s{n}", "title": f"Step number {n + 1}", "details": f"Do thing {n + 1}."}
        if n < images:
            write_png(tmp_path / "img" / f"p{n}.png", 320 + n, 200)
            step["image"] = {"path": f"img/p{n}.png", "caption": f"Picture {n + 1}"}
        body.append(step)
    document = Procedure.model_validate(
        {"id": "BIG-300", "title": "A big procedure", "steps": body}
    )
    path = tmp_path / "big.yaml"
    path.write_text(dump_yaml(document), encoding="utf-8")
    return path


def test_300_steps_and_20_images(tmp_path: Path) -> None:
    source = _procedure_yaml(tmp_path, 300, 20)
    [docx] = export(load(source), "docx", tmp_path / "out", flowchart=False)
    opened = OpenDocx(str(docx))
    headings = [p.text for p in opened.paragraphs if p.style.name == "Heading 2"]
    assert len(headings) == 300 and headings[-1] == "300  Step number 300"
    assert len(opened.inline_shapes) == 20


def test_image_problems_are_clear(tmp_path: Path) -> None:
    source = _procedure_yaml(tmp_path, 2, 1)
    text = source.read_text(encoding="utf-8")
    cases = {
        "img/p0.png": None,
        "img/missing.png": "not found",
        "../outside.png": "outside the document's folder",
        "/etc/passwd": "outside the document's folder",
        "big.yaml": "not a picture",
        "img/huge.png": "MB allowed",
    }
    write_png(tmp_path / "outside.png", 10, 10)
    write_png(tmp_path / "img" / "huge.png", 10, 10, padding=21 * 1024 * 1024)
    for relative, problem in cases.items():
        source.write_text(text.replace("img/p0.png", relative), encoding="utf-8")
        if problem is None:
            export(load(source), "docx", tmp_path / "out", flowchart=False)
            continue
        with pytest.raises(ExportError, match=problem) as caught:
            export(load(source), "docx", tmp_path / "out", flowchart=False)
        assert str(caught.value).startswith(f"{source}:"), str(caught.value)


def test_control_characters_are_removed_with_a_located_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    source = tmp_path / "control.yaml"
    source.write_text(
        "sopmodel: 1\nkind: procedure\nid: CTRL\ntitle: t\n"
        'steps:\n  - title: "Bell\\a and escape\\e here"\n',
        encoding="utf-8",
    )
    [docx] = export(load(source), "docx", tmp_path, flowchart=False)
    [warning] = [r.message for r in caplog.records if r.name == "sopmodel.export"]
    assert f"{source}:6:12 (steps[0].title): removed characters" in warning
    assert "U+0007, U+001B" in warning
    assert "Bell and escape here" in [
        p.text.split("  ", 1)[-1] for p in OpenDocx(str(docx)).paragraphs
    ]


def _custom_template(
    tmp_path: Path, edit: str | None = None, replace: tuple[str, str] | None = None
) -> Path:
    """Return a copy of the default template with its document.xml edited."""

    def change(name: str, data: bytes) -> bytes:
        if name != "word/document.xml":
            return data
        xml = data.decode("utf-8")
        if edit:
            xml = xml.replace("<w:t>{{ doc.title }}</w:t>", f"<w:t>{edit}</w:t>", 1)
        if replace:
            xml = xml.replace(*replace)
        return xml.encode("utf-8")

    return edited_copy(TEMPLATES / "procedure.docx", tmp_path / "custom.docx", change)


def test_custom_template_is_used(tmp_path: Path) -> None:
    template = _custom_template(tmp_path, "ACME Consulting · {{ doc.title }} · {{ doc.status }}")
    [docx] = export(
        load(EXAMPLES / "sales-opportunity.yaml"),
        "docx",
        tmp_path / "out",
        template=template,
        flowchart=False,
    )
    first = OpenDocx(str(docx)).paragraphs[0].text
    assert first == "ACME Consulting · Qualify and close a B2B opportunity · Approved"


@pytest.mark.parametrize(
    ("tag", "problem"),
    [
        ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "unsafe"),
        ("{{ doc.titel }}", "cannot be rendered"),
        ("{% for x in %}", "cannot be rendered"),
    ],
)
def test_template_mistakes_and_escapes_are_refused(tmp_path: Path, tag: str, problem: str) -> None:
    template = _custom_template(tmp_path, tag.replace("'", "&apos;").replace("<", "&lt;"))
    with pytest.raises(ExportError, match=problem):
        export(
            load(EXAMPLES / "sales-opportunity.yaml"),
            "docx",
            tmp_path / "out",
            template=template,
            flowchart=False,
        )


def test_a_template_that_is_not_a_docx_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.docx"
    bogus.write_text("not a zip")
    with pytest.raises(ExportError, match=r"bogus\.docx: the Word template is not a readable"):
        export(load(EXAMPLES / "sales-opportunity.yaml"), "docx", tmp_path, template=bogus)


def test_committed_templates_are_current(tmp_path: Path) -> None:
    import subprocess
    import sys

    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_word_templates.py"), str(tmp_path)], check=True
    )
    for name in ("procedure.docx", "plan.docx"):
        with (
            zipfile.ZipFile(TEMPLATES / name) as committed,
            zipfile.ZipFile(tmp_path / name) as fresh,
        ):
            for part in (
                "word/document.xml",
                "word/styles.xml",
                "word/header1.xml",
                "word/footer1.xml",
            ):
                assert committed.read(part) == fresh.read(part), (
                    f"{name} {part}: run tools/make_word_templates.py"
                )


def test_export_warnings_reach_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sopmodel.cli import main

    monkeypatch.setenv("PATH", "/nonexistent")
    code = main(
        [
            "export",
            str(EXAMPLES / "sales-opportunity.yaml"),
            "--to",
            "docx",
            "-o",
            str(tmp_path),
            "-j",
            "1",
        ]
    )
    out, _ = capsys.readouterr()
    assert code == 0
    assert "warning: SALES-001: the flowchart is left out of the Word document" in out


@pytest.mark.parametrize("language", ["en", "fr"])
def test_word_says_where_a_step_leads_as_markdown_does(tmp_path: Path, language: str) -> None:
    """The branch lines of Word ('→ If yes, go to step 4') read as the Markdown file's, for
    every example procedure: one wording, the answer's quotation marks curled in both
    (no-break spaces read as spaces on both sides)."""
    from tests.mdtools import shown_text

    said = 0
    for path in valid_examples():
        document = load(path)
        if not isinstance(document, Procedure):
            continue
        [docx] = export(document, "docx", tmp_path / "docx", lang=language)
        written = export(document, "md", tmp_path / "md", lang=language)
        [markdown] = [path for path in written if path.suffix == ".md"]
        branches = [
            p.text.removeprefix("→ ").replace("\u00a0", " ")
            for p in OpenDocx(str(docx)).paragraphs
            if p.style is not None and p.style.name == "Branch" and p.text.startswith("→ ")
        ]
        shown = shown_text(markdown.read_text("utf-8")).replace("\u00a0", " ").splitlines()
        assert [line for line in shown if line in branches] == branches, path.name
        said += len(branches)
    assert said >= 6
