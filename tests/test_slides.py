"""Training decks as a person sees them: converted by LibreOffice, measured with the font."""

from __future__ import annotations

import logging
import re
import subprocess
import unicodedata
import warnings
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx import Presentation
from pypdf import PdfReader

from sopmodel.exporters import ExportError, export
from sopmodel.exporters.slides import SlidesOptions
from sopmodel.exporters.slides.deck import ChartPicture
from sopmodel.exporters.slides.fit import font_metrics
from sopmodel.exporters.slides.render import _flowchart, build_deck
from sopmodel.i18n import labels
from sopmodel.model import Plan, Procedure
from sopmodel.source import load
from sopmodel.views import quiz
from tests.conftest import EXAMPLES, valid_examples
from tests.office import to_pdf
from tests.svgtools import squeeze


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[str]]]:
    """Export every example deck and convert them all with one LibreOffice run."""
    folder = tmp_path_factory.mktemp("slides")
    files = {p.name: export(load(p), "pptx", folder)[0] for p in valid_examples()}
    pdfs = to_pdf(list(files.values()), folder / "pdf")
    return {
        name: (deck, _pages(pdf)) for (name, deck), pdf in zip(files.items(), pdfs, strict=True)
    }


def _pages(pdf: Path) -> list[str]:
    """Return the text of each page as pdftotext reads it (pypdf misreads some emoji)."""
    done = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout.split("\f")[: len(PdfReader(pdf).pages)]


@pytest.mark.parametrize("path", valid_examples(), ids=lambda p: p.stem)
def test_every_slide_shows_what_the_builder_intended(
    decks: dict[str, tuple[Path, list[str]]], path: Path
) -> None:
    document = load(path)
    flowchart = [
        p for p in Path(decks[path.name][0]).parent.glob("*.png")
    ]  # not needed: count below
    _ = flowchart
    slides = build_deck(document, SlidesOptions(), _flowchart_pages(document))
    _, pages = decks[path.name]
    assert len(pages) == len(slides)
    for number, (slide, text) in enumerate(zip(slides, pages, strict=True), 1):
        seen = _comparable(squeeze(text).casefold())  # a layout may show titles in capitals

        def shows(part: str, seen: str = seen) -> bool:
            return _comparable(squeeze(part).casefold()) in seen

        assert shows(slide.title), (number, slide.title)
        for _level, bullet in slide.bullets:
            assert shows(bullet), (number, bullet)
        for heading, body in slide.cards:
            assert shows(heading) and shows(body), (number, heading)


def _comparable(text: str) -> str:
    """Return text without right-to-left letters, which pdftotext reads in visual order, and
    without hyphens, which it drops where a line breaks after one."""
    return "".join(
        ch for ch in text if ch != "-" and unicodedata.bidirectional(ch) not in ("R", "AL")
    )


def _flowchart_pages(document: Procedure | Plan) -> list[ChartPicture]:
    """The chart pictures the exporter makes, rendered for real."""
    import tempfile

    return _flowchart(document, SlidesOptions(), Path(tempfile.mkdtemp()))


def test_the_deck_has_the_parts_a_trainer_needs(decks: dict[str, tuple[Path, list[str]]]) -> None:
    _, pages = decks["sales-opportunity.yaml"]
    text = "\n".join(pages)
    for part in [
        "Why it matters",
        "Who is involved",
        "What you need",
        "Step 1",
        "Flowchart",
        "Safety first",
        "Troubleshooting",
        "Question 1",
        "Answer",
        "Recap",
    ]:
        assert part.casefold() in text.casefold(), part
    deck = Presentation(str(decks["sales-opportunity.yaml"][0]))
    notes = [s.notes_slide.notes_text_frame.text for s in deck.slides if s.has_notes_slide]
    assert any("Free text" in n or "Reach the person who signs" in n for n in notes)
    assert any(n.startswith("Answer: ") for n in notes)


def test_french_deck(decks: dict[str, tuple[Path, list[str]]]) -> None:
    text = "\n".join(decks["prise-de-commande.fr.yaml"][1])
    for part in ["Pourquoi c’est important", "Qui est concerné", "Étape 1", "Dépannage", "Réponse"]:
        assert squeeze(part) in squeeze(text), part


def test_plan_kickoff_deck(decks: dict[str, tuple[Path, list[str]]]) -> None:
    plan = load(EXAMPLES / "plan-sop-90-jours.fr.yaml")
    assert isinstance(plan, Plan)
    text = squeeze("\n".join(decks["plan-sop-90-jours.fr.yaml"][1]))
    for part in [o.statement for o in plan.objectives] + [p.name for p in plan.phases]:
        assert squeeze(part) in text, part
    assert squeeze("6 % → 0,5 %") in text and squeeze("Point S&OP hebdomadaire") in text


def test_hostile_text_shows_literally(decks: dict[str, tuple[Path, list[str]]]) -> None:
    text = squeeze("\n".join(decks["hostile-text.yaml"][1]))
    for literal in ["{{ 7*7 }}", "<input>", "“Enter”", "+1 -1 @mention =1+1", "no {{ broken }}"]:
        assert squeeze(literal) in text, literal


@pytest.mark.parametrize("path", valid_examples(), ids=lambda p: p.stem)
def test_quiz_has_one_right_answer_and_real_wrong_ones(path: Path) -> None:
    document = load(path)
    if not isinstance(document, Procedure):
        return
    questions = quiz(document, labels(document.language))
    assert questions
    for question in questions:  # that options come from the procedure: tests/test_quiz.py
        assert 2 <= len(question.options) <= 4
        assert len({squeeze(o).casefold() for o in question.options}) == len(question.options)
        assert 0 <= question.answer < len(question.options)
    assert quiz(document, labels(document.language)) == questions  # the same every time


def test_session_length_is_logged_not_warned(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="sopmodel.export")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a library user sees no UserWarning
        export(load(EXAMPLES / "sales-opportunity.yaml"), "pptx", tmp_path, flowchart=False)
    [note] = [r for r in caplog.records if r.name == "sopmodel.export"]
    assert note.levelno == logging.INFO
    assert re.fullmatch(r"SALES-001: Estimated session: \d+ minutes \(\d+ slides\)", note.message)


def test_two_exports_are_byte_identical(tmp_path: Path) -> None:
    document = load(EXAMPLES / "forklift-battery-change.yaml")
    [a] = export(document, "pptx", tmp_path / "a")
    [b] = export(document, "pptx", tmp_path / "b")
    assert a.read_bytes() == b.read_bytes()


def _renamed_template(tmp_path: Path, old: str, new: str) -> Path:
    from sopmodel.exporters.slides import TEMPLATE

    target = tmp_path / "brand.pptx"
    with zipfile.ZipFile(TEMPLATE) as source, zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("ppt/slideLayouts/slideLayout"):
                data = data.replace(f'name="{old}"'.encode(), f'name="{new}"'.encode())
            out.writestr(item, data)
    return target


def test_missing_layouts_are_named_and_can_be_mapped(tmp_path: Path) -> None:
    template = _renamed_template(tmp_path, "Title and Content", "Titre et contenu")
    document = load(EXAMPLES / "sales-opportunity.yaml")
    with pytest.raises(
        ExportError, match=r"no layout named 'Title and Content'.*'Titre et contenu'"
    ):
        export(document, "pptx", tmp_path, template=template, flowchart=False)
    [deck] = export(
        document,
        "pptx",
        tmp_path,
        template=template,
        flowchart=False,
        layouts={"content": "Titre et contenu"},
    )
    names = {slide.slide_layout.name for slide in Presentation(str(deck)).slides}
    assert "Titre et contenu" in names


# --- no overflow, measured with the font's real metrics -------------------------------

_CARLITO = font_metrics("Calibri")
_CARLITO_BOLD = font_metrics("Calibri", bold=True)


def _lines(text: str, width: float, size: float, bold: bool) -> int:
    """Count the lines text takes when wrapped at word boundaries (independent of sopmodel's)."""
    metrics = _CARLITO_BOLD if bold else _CARLITO
    count = 0
    for paragraph in text.split("\n"):
        line = 0.0
        count += 1
        for word in paragraph.split(" "):
            w = metrics.width(word, size)
            gap = metrics.width(" ", size) if line else 0.0
            if line and line + gap + w > width:
                count += 1
                line = w
                while line > width:  # a word wider than the line spills onto more lines
                    count += 1
                    line -= width
            else:
                line += gap + w
                while line > width:
                    count += 1
                    line -= width
    return count


def _overflows(path: Path) -> list[str]:
    """Return a line for each text frame whose text is taller or wider than its shape."""
    deck = Presentation(str(path))
    problems = []
    margins = (27.0, 58.5)
    for number, slide in enumerate(deck.slides, 1):
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text.strip():
                continue
            frame = shape.text_frame
            width = shape.width / 12700 - 14.4
            height = shape.height / 12700 - 7.2
            used = 0.0
            for index, paragraph in enumerate(frame.paragraphs):
                runs = paragraph.runs
                if not runs:
                    continue
                size = runs[0].font.size.pt
                bold = bool(runs[0].font.bold)
                indent = (
                    margins[min(paragraph.level, 1)]
                    if shape.is_placeholder
                    and shape.placeholder_format.idx == 1
                    and slide.slide_layout.name == "Title and Content"
                    else 0.0
                )
                lines = _lines("".join(r.text for r in runs), width - indent, size, bold)
                used += lines * (_CARLITO_BOLD if bold else _CARLITO).line_height(size)
                used += paragraph.space_before.pt if index and paragraph.space_before else 0.0
            if used > height:
                problems.append(f"slide {number} {shape.name}: {used:.0f} > {height:.0f} pt")
    return problems


@pytest.mark.parametrize("path", valid_examples(), ids=lambda p: p.stem)
def test_no_text_overflows_in_the_examples(
    decks: dict[str, tuple[Path, list[str]]], path: Path
) -> None:
    assert _overflows(decks[path.name][0]) == []


_TEXT = st.text(
    st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), min_size=1, max_size=400
).filter(lambda s: s.strip())


@st.composite
def procedures(draw: st.DrawFn) -> Procedure:
    roles = draw(st.lists(_TEXT, min_size=0, max_size=9))
    steps = []
    for _ in range(draw(st.integers(1, 12))):
        step: dict[str, object] = {"title": draw(_TEXT)}
        if roles:
            step["role"] = f"r{draw(st.integers(0, len(roles) - 1))}"
        step["substeps"] = [{"title": t} for t in draw(st.lists(_TEXT, max_size=12))]
        if draw(st.booleans()):
            step["check"] = draw(_TEXT)
        if draw(st.booleans()):
            step["warning"] = draw(_TEXT)
        steps.append(step)
    return Procedure.model_validate(
        {
            "id": "GEN-1",
            "title": draw(_TEXT),
            "objective": draw(_TEXT),
            "scope": draw(_TEXT),
            "roles": [
                {"id": f"r{i}", "name": name, "responsibilities": [draw(_TEXT)]}
                for i, name in enumerate(roles)
            ],
            "steps": steps,
            "troubleshooting": [
                {"problem": draw(_TEXT), "solution": draw(_TEXT)}
                for _ in range(draw(st.integers(0, 6)))
            ],
        }
    )


@settings(max_examples=25, deadline=None)
@given(procedures())
def test_no_text_overflows_whatever_the_content(procedure: Procedure) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        [deck] = export(procedure, "pptx", folder, flowchart=False)
        assert _overflows(deck) == []
