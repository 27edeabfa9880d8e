"""What each slide of a deck says: nothing lost, safety first, the step slide, short sessions,
the quiz, the kick-off deck and French typography (issue 11, the content part).

What a person sees is read from the PDF LibreOffice makes of the deck (the slides, not the
speaker notes), compared without whitespace.
"""

from __future__ import annotations

import itertools
import logging
import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pptx import Presentation
from pypdf import PdfReader

from sopmodel.cli import main
from sopmodel.exporters import export
from sopmodel.exporters.slides import SlidesOptions
from sopmodel.exporters.slides.deck import ChartPicture, Slide
from sopmodel.exporters.slides.procedure_deck import needs_safety_first
from sopmodel.exporters.slides.render import build_deck
from sopmodel.exporters.slides.session import MINUTES
from sopmodel.i18n import labels as labels_for
from sopmodel.model import Plan, Procedure
from sopmodel.source import load
from sopmodel.views import callouts, lines, plain, step_texts
from sopmodel.views.safety import DANGER_LEVELS
from tests.conftest import EXAMPLES
from tests.office import to_pdf
from tests.svgtools import squeeze

PROCEDURES = sorted(p for p in EXAMPLES.glob("*.yaml") if load(p).kind == "procedure")
PLAN = EXAMPLES / "plan-sop-90-jours.fr.yaml"
IMAGE = EXAMPLES / "img" / "battery-connector.png"
SESSION = re.compile(r"(\d+) minutes \((\d+) (slides|diapositives)\)")


# --- helpers -------------------------------------------------------------------------------


def _deck(document: Procedure | Plan, **options: Any) -> list[Slide]:
    charts = [ChartPicture(Path("chart.png"), "Flowchart")]
    return build_deck(document, SlidesOptions(**options), charts)


def _slide_text(slides: list[Slide]) -> str:
    """Return what slides show, without whitespace."""
    parts = [
        " ".join([s.title, s.subtitle, *(p.text for p in s.paras), *(h + t for h, t in s.cards)])
        for s in slides
    ]
    return squeeze(" ".join(parts))


def _pdf_text(pdf: Path) -> str:
    done = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout


def _pages(pdf: Path) -> list[str]:
    return _pdf_text(pdf).split("\f")[: len(PdfReader(pdf).pages)]


def _safety_texts(document: Procedure) -> list[str]:
    """Return every check, warning and note (all depths), condition, duration and role a
    learner must see, as the deck words them."""
    labels = labels_for(document.language)
    found: list[str] = []
    for callout in callouts(document.notes, document.language):
        found += [line.removeprefix("• ") for line in lines(callout.blocks)]
    for text in step_texts(document, labels):
        found += [text.check, text.condition, text.duration, text.within, text.who, text.repeat]
        for callout in text.callouts:
            found += [line.removeprefix("• ") for line in lines(callout.blocks)]
    return [text for text in found if text.strip()]


def _seen(text: str, wanted: list[str]) -> list[str]:
    """Return the texts not found in what a person sees."""
    flat = squeeze(text).replace("-", "")
    return [w for w in wanted if squeeze(w).replace("-", "") not in flat]


def _minutes(caplog: pytest.LogCaptureFixture) -> int:
    found = [SESSION.search(r.getMessage()) for r in caplog.records]
    return int([m for m in found if m][-1].group(1))


# --- generated procedures ------------------------------------------------------------------

LEVELS = ["danger", "warning", "caution", "notice", "info"]
_WORD = st.text("abcdefghijkmnoprstuvwyz", min_size=3, max_size=8)


@st.composite
def _phrase(draw: st.DrawFn, tag: str) -> str:
    return " ".join([f"{tag}{draw(st.integers(0, 99))}", *draw(st.lists(_WORD, max_size=3))])


@st.composite
def _step(draw: st.DrawFn, path: str, depth: int) -> dict[str, Any]:
    step: dict[str, Any] = {"title": draw(_phrase(f"title{path}x"))}
    if draw(st.booleans()):
        step["role"] = draw(st.sampled_from(["lead", "helper"]))
    if draw(st.booleans()):
        step["when"] = draw(_phrase(f"when{path}x"))
    if draw(st.booleans()):
        step["duration"] = f"{draw(st.integers(1, 40))}min"
    if draw(st.booleans()):
        step["details"] = draw(_phrase(f"details{path}x"))
    if draw(st.booleans()):
        step["check"] = draw(_phrase(f"check{path}x"))
    if draw(st.integers(0, 3)) == 0:
        step["warning"] = draw(_phrase(f"warning{path}x"))
    levels = draw(st.lists(st.sampled_from(LEVELS), max_size=1 if depth else 2))
    step["notes"] = [
        {"level": level, "text": draw(_phrase(f"note{path}x{n}x"))}
        for n, level in enumerate(levels)
    ]
    if draw(st.integers(0, 4)) == 0:
        step["image"] = {"path": "picture.png", "caption": draw(_phrase(f"caption{path}x"))}
    if depth < 3 and draw(st.integers(0, 2)) == 0:
        step["substeps"] = [draw(_step(f"{path}s{i}", depth + 1)) for i in range(2)]
    return step


@st.composite
def procedures(draw: st.DrawFn, steps: int | None = None) -> dict[str, Any]:
    """Return the data of a procedure with checks, warnings and notes at every depth."""
    count = steps if steps is not None else draw(st.integers(1, 5))
    return {
        "sopmodel": 1,
        "kind": "procedure",
        "id": "GEN-001",
        "title": draw(_phrase("doctitle")),
        "language": draw(st.sampled_from(["en", "fr"])),
        "layout": draw(st.sampled_from(["steps", "hierarchical"])),
        "category": draw(st.sampled_from(["general", "instructional"])),
        "objective": draw(_phrase("objective")),
        "roles": [{"id": "lead", "name": "Lead"}, {"id": "helper", "name": "Helper"}],
        "requirements": [{"name": draw(_phrase("ppe")), "kind": "ppe"}],
        "notes": [{"level": draw(st.sampled_from(LEVELS)), "text": draw(_phrase("docnote"))}],
        "steps": [draw(_step(f"n{i}x", 0)) for i in range(count)],
    }


def _write(folder: Path, data: dict[str, Any]) -> Procedure:
    (folder / "picture.png").write_bytes(IMAGE.read_bytes())
    source = folder / "doc.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    document = load(source)
    assert isinstance(document, Procedure)
    return document


def _images(data: Any) -> int:
    if isinstance(data, dict):
        return ("image" in data) + sum(_images(v) for v in data.values())
    if isinstance(data, list):
        return sum(_images(v) for v in data)
    return 0


# --- 1. nothing lost -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def example_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """Every example procedure's deck, by default and fitted to 15 minutes, as PDF."""
    folder = tmp_path_factory.mktemp("content")
    decks: dict[str, dict[str, Path]] = {}
    files = []
    for path in PROCEDURES:
        for mode, options in (("default", {}), ("short", {"minutes": 15})):
            out = folder / mode
            (deck,) = export(load(path), "pptx", out, **options)
            renamed = deck.with_name(f"{path.stem}-{mode}.pptx")
            deck.rename(renamed)
            files.append(renamed)
            decks.setdefault(path.name, {})[mode] = renamed
    pdfs = to_pdf(files, folder / "pdf")
    by_stem = {pdf.stem: pdf for pdf in pdfs}
    return {
        name: {mode: by_stem[f"{Path(name).stem}-{mode}"] for mode in modes}
        for name, modes in decks.items()
    }


@pytest.mark.parametrize("path", PROCEDURES, ids=lambda p: p.stem)
@pytest.mark.parametrize("mode", ["default", "short"])
def test_every_safety_text_of_the_examples_is_on_a_slide(
    example_pdfs: dict[str, dict[str, Path]], path: Path, mode: str
) -> None:
    document = load(path)
    assert isinstance(document, Procedure)
    seen = _pdf_text(example_pdfs[path.name][mode])
    missing = _seen(seen, _safety_texts(document))
    assert not missing, f"{path.name} ({mode}) shows no {missing}"


@pytest.mark.parametrize("path", PROCEDURES, ids=lambda p: p.stem)
def test_every_step_image_is_beside_its_step(path: Path) -> None:
    document = load(path)
    assert isinstance(document, Procedure)
    folder = path.parent.resolve()
    wanted = {
        (folder / t.step.image.path).resolve()
        for t in step_texts(document, labels_for(document.language))
        if t.step.image is not None
    }
    for options in ({}, {"minutes": 10}):
        shown = {s.aside.resolve() for s in _deck(document, **options) if s.aside is not None}
        assert wanted <= shown, options


def test_the_forklift_acid_warning_written_on_a_sub_step_is_on_its_step_slide() -> None:
    slides = _deck(load(EXAMPLES / "forklift-battery-change.yaml"))
    step = next(s for s in slides if s.title.startswith("Step 1 ·"))
    warning = next(p for p in step.paras if "severe burns" in p.text)
    assert warning.runs[0].band == "warning" and not warning.bullet


def test_several_images_continue_the_step_on_another_slide(tmp_path: Path) -> None:
    (tmp_path / "second.png").write_bytes(IMAGE.read_bytes())
    data = {
        "sopmodel": 1, "kind": "procedure", "id": "IMG-001", "title": "Pictures",
        "steps": [{
            "title": "Fit the part", "image": {"path": "picture.png", "caption": "The part"},
            "substeps": [{"title": "Turn it", "image": {"path": "second.png"},
                          "check": "It clicks"}],
        }],
    }  # fmt: skip
    document = _write(tmp_path, data)
    slides = [s for s in _deck(document) if s.title.startswith("Step 1")]
    assert [s.aside.name if s.aside else None for s in slides] == ["picture.png", "second.png"]
    assert "The part" in slides[0].paras[-1].text and slides[0].paras[-1].runs[0].italic
    assert "(continued)" in slides[1].title and "It clicks" in slides[1].paras[-1].text


def test_generated_procedures_keep_every_safety_text_on_slides_in_every_session() -> None:
    @settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck))
    @given(procedures())
    def check(data: dict[str, Any]) -> None:
        import tempfile

        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch)
            document = _write(folder, data)
            decks = []
            for mode, options in (("default", {}), ("short", {"minutes": 5})):
                (deck,) = export(document, "pptx", folder / mode, **options)
                decks.append(deck.rename(folder / f"{mode}.pptx"))
                pictures = [s.aside for s in _deck(document, **options) if s.aside]
                assert len(pictures) >= _images(data), mode
            for pdf in to_pdf(decks, folder / "pdf"):
                missing = _seen(_pdf_text(pdf), _safety_texts(document))
                assert not missing, f"{pdf.stem} shows no {missing}"

    check()


# --- 2. safety first -----------------------------------------------------------------------


def _index(slides: list[Slide], start: str) -> int:
    return next(n for n, s in enumerate(slides) if s.title.startswith(start))


@pytest.mark.parametrize(
    "name", ["lab-piranha-clean.yaml", "forklift-battery-change.yaml", "lab-chemical-spill.yaml"]
)
def test_safety_first_comes_before_the_first_step_with_the_protective_equipment(
    name: str,
) -> None:
    document = load(EXAMPLES / name)
    assert isinstance(document, Procedure) and needs_safety_first(document)
    slides = _deck(document)
    first = _index(slides, "Safety first")
    assert first < _index(slides, "Who is involved") < _index(slides, "Step 1")
    assert _index(slides, "Why it matters") < first
    safety = _slide_text([s for s in slides if s.title.startswith("Safety first")])
    for item in document.requirements:
        if item.kind.value == "ppe":
            assert squeeze(item.name) in safety
    for risk in document.risks:
        for text in (risk.risk, risk.mitigation):
            assert squeeze(plain(text, document.language)) in safety


def test_safety_first_lists_the_steps_that_carry_a_warning() -> None:
    slides = _deck(load(EXAMPLES / "forklift-battery-change.yaml"))
    safety = [p for s in slides if s.title.startswith("Safety first") for p in s.paras]
    listed = [p.text.split("Step ")[1].split(":")[0] for p in safety if "Step " in p.text]
    assert {"1", "2", "5", "8"} <= set(listed)  # step 1 by its sub-step's warning
    risks = [p for p in safety if p.runs and p.runs[0].band and "Critical" in p.runs[0].text]
    assert risks and safety.index(risks[0]) < 3  # most severe first, on its colour


def test_a_general_procedure_with_a_danger_note_gets_safety_first(tmp_path: Path) -> None:
    data = {
        "sopmodel": 1, "kind": "procedure", "id": "GEN-002", "title": "Move a pallet",
        "category": "general",
        "requirements": [{"name": "Safety shoes", "kind": "ppe"}, {"name": "Pallet jack"}],
        "steps": [{"title": "Lift it", "substeps": [{"title": "Check the load", "notes": [
            {"level": "danger", "text": "A pallet over 25 kg crushes feet"}]}]},
                  {"title": "Move it"}],
    }  # fmt: skip
    slides = _deck(_write(tmp_path, data))
    first = _index(slides, "Safety first")
    assert first < _index(slides, "Step 1")
    assert squeeze("Safety shoes") in _slide_text(slides[first : first + 1])
    needs = next(s for s in slides if s.title == "What you need")
    assert [p.text for p in needs.paras] == ["Pallet jack (Tool)"]


def test_a_procedure_without_hazards_keeps_its_risks_after_the_steps(tmp_path: Path) -> None:
    data = {
        "sopmodel": 1, "kind": "procedure", "id": "GEN-003", "title": "File an invoice",
        "risks": [{"risk": "A late payment", "severity": "medium", "mitigation": "File daily"}],
        "steps": [{"title": "File it"}],
    }  # fmt: skip
    slides = _deck(_write(tmp_path, data))
    assert not any(s.title.startswith("Safety first") for s in slides)
    assert _index(slides, "Step 1") < _index(slides, "Risks")


# --- 3. the step slide ---------------------------------------------------------------------


def test_the_step_slide_sets_each_part_apart_by_style() -> None:
    slides = _deck(load(EXAMPLES / "lab-piranha-clean.yaml"))
    glass = next(s for s in slides if s.title.startswith("Step 2 ·"))
    styles = [(p.style, p.runs[0].band) for p in glass.paras]
    assert styles[:3] == [("condition", None), ("facts", None), (None, "warning")]
    prepare = next(s for s in slides if s.title.startswith("Step 1 ·"))
    assert any(p.style == "check" and p.text.startswith("✔ Check: ") for p in prepare.paras)
    sales = _deck(load(EXAMPLES / "sales-opportunity.yaml"))
    branches = [p for s in sales for p in s.paras if p.style == "branch"]
    assert any(re.fullmatch(r"→ If .+, go to step \d+", p.text) for p in branches)


def test_the_deck_has_section_dividers_for_its_parts() -> None:
    slides = _deck(load(EXAMPLES / "lab-piranha-clean.yaml"), quiz_questions=2)
    sections = [s.title for s in slides if s.layout == "section"]
    assert sections == ["The steps", "Quiz"]
    assert all(s.minutes == MINUTES["divider"] for s in slides if s.layout == "section")


def test_the_cover_shows_organisation_id_version_date_and_category() -> None:
    document = load(EXAMPLES / "forklift-battery-change.yaml")
    assert isinstance(document, Procedure)
    cover = _deck(document)[0]
    assert cover.layout == "cover"
    for part in [document.organization, document.id, document.version, "Instructional"]:
        assert part and part in cover.subtitle
    assert re.search(r"\d{4}", cover.subtitle)


# --- 4. short sessions ---------------------------------------------------------------------


@pytest.mark.parametrize("path", PROCEDURES, ids=lambda p: p.stem)
def test_minutes_fits_the_examples_in_a_short_session(
    path: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="sopmodel")
    assert main(["export", str(path), "--to", "pptx", "-o", str(tmp_path), "-O", "minutes=15"]) == 0
    assert _minutes(caplog) <= 15
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_a_default_deck_keeps_a_real_quiz_and_the_readable_chart(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A long procedure's default deck keeps three questions and the chart's sections, says
    how long it is and how to shorten it; -O minutes=15 shortens it."""
    caplog.set_level(logging.INFO, logger="sopmodel")
    source = EXAMPLES / "sales-opportunity.yaml"
    assert main(["export", str(source), "--to", "pptx", "-o", str(tmp_path / "full")]) == 0
    said = " ".join(r.getMessage() for r in caplog.records)
    assert _minutes(caplog) > 15 and "-O minutes=15 shortens it" in said
    titles = [
        s.shapes.title.text_frame.text
        for s in Presentation(str(tmp_path / "full" / "SALES-001.pptx")).slides
    ]
    assert sum(1 for t in titles if re.fullmatch(r"Question \d+", t)) >= 3
    assert any(t.startswith("Flowchart: steps") for t in titles)


def test_a_ten_step_procedure_makes_a_session_of_at_most_15_minutes(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="sopmodel")
    steps = [
        {"title": f"Step title {n}", "role": "lead", "duration": "5min",
         **({"check": f"Check number {n}"} if n % 2 else {}),
         **({"warning": f"Warning number {n}"} if n % 4 == 0 else {})}
        for n in range(10)
    ]  # fmt: skip
    data = {
        "sopmodel": 1, "kind": "procedure", "id": "TEN-001", "title": "Ten steps",
        "objective": "Do ten things.", "roles": [{"id": "lead", "name": "Lead"}],
        "steps": steps,
    }  # fmt: skip
    document = _write(tmp_path, data)
    export(document, "pptx", tmp_path / "out")
    assert _minutes(caplog) <= 15
    slides = _deck(document)
    shown = _slide_text(slides)
    for step in steps:
        for key in ("title", "check", "warning"):
            if key in step:
                assert squeeze(step[key]) in shown


def test_minutes_groups_simple_steps_and_moves_their_details_to_the_notes(
    tmp_path: Path,
) -> None:
    steps = [
        {"title": f"Simple {n}", "details": f"How to do simple {n}", "check": f"Done {n}"}
        for n in range(6)
    ]
    steps[3]["warning"] = "Hot surface"
    data = {"sopmodel": 1, "kind": "procedure", "id": "GRP-001", "title": "Group", "steps": steps}
    document = _write(tmp_path, data)
    slides = _deck(document, minutes=5)
    titles = [s.title for s in slides]
    assert "Steps 1 to 3" in titles and "Steps 5 and 6" in titles
    assert any(t.startswith("Step 4 ·") for t in titles)
    group = next(s for s in slides if s.title == "Steps 1 to 3")
    assert group.minutes == MINUTES["grouped"]
    assert "Done2" in _slide_text([group]) and "Howtodosimple" not in _slide_text([group])
    assert "How to do simple 2" in group.notes
    warning = next(s for s in slides if s.title.startswith("Step 4 ·"))
    assert any(p.runs[0].band == "warning" for p in warning.paras)
    full = _deck(document)  # by default details stay on the slides
    assert "Howtodosimple2" in _slide_text(full)


def test_generated_ten_step_procedures_fit_15_minutes_when_asked(tmp_path: Path) -> None:
    @settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
    @given(procedures(steps=10))
    def check(data: dict[str, Any]) -> None:
        # about ten ordinary steps: no sub-steps, few notes, a warning or a picture on a few of
        # them (a step with a safety message or a picture keeps a slide of its own: ten such
        # steps cannot fit, and the deck says so, see the test below)
        for index, step in enumerate(data["steps"]):
            step.pop("substeps", None)
            step["notes"] = step["notes"][:1] if step.get("warning") is None else []
            if index % 3:
                step.pop("image", None)
                step.pop("warning", None)
                step["notes"] = [n for n in step["notes"] if n["level"] not in DANGER_LEVELS]
        document = _write(tmp_path, data)
        slides = _deck(document, minutes=15)
        assert round(sum(s.minutes for s in slides)) <= 15
        missing = _seen(_slide_text(slides), _safety_texts(document))
        assert not missing

    check()


def test_an_unreachable_session_length_is_said_with_its_reason(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    steps = [{"title": f"Step {n}", "warning": f"Danger {n}"} for n in range(30)]
    data = {"sopmodel": 1, "kind": "procedure", "id": "LONG-001", "title": "Long", "steps": steps}
    document = _write(tmp_path, data)
    caplog.set_level(logging.INFO, logger="sopmodel")
    export(document, "pptx", tmp_path / "out", minutes=10)
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warned) == 1
    assert re.fullmatch(
        r"LONG-001: a 10-minute session is out of reach: the shortest deck takes \d+ minutes,"
        r" because 30 of the 30 steps carry a safety message.*",
        warned[0],
    )
    assert f"{_minutes(caplog)} minutes" in warned[0]


def test_minutes_is_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = EXAMPLES / "sales-opportunity.yaml"
    assert main(["export", str(path), "--to", "pptx", "-o", str(tmp_path), "-O", "minutes=0"]) != 0
    assert "minutes" in capsys.readouterr().err


# --- 5. the quiz ---------------------------------------------------------------------------


def test_the_quiz_honours_quiz_questions_and_shows_answers_on_slides() -> None:
    document = load(EXAMPLES / "sales-opportunity.yaml")
    slides = _deck(document, quiz_questions=2)
    questions = [s for s in slides if re.fullmatch(r"Question \d+", s.title)]
    answers = [s for s in slides if re.fullmatch(r"Question \d+ · Answer", s.title)]
    assert len(questions) == len(answers) == 2
    for question, answer in zip(questions, answers, strict=True):
        options = question.paras[1:]
        assert all(not p.bullet for p in options)
        assert [p.text[:3] for p in options] == [f"{c}. " for c in "ABCD"[: len(options)]]
        right = next(p for p in answer.paras if p.text.startswith("✔ "))
        assert right.text[2:] in [p.text for p in options]
        assert len(answer.paras) == 3  # the question, the right answer, the explanation


# --- 6. the plan's kick-off deck -----------------------------------------------------------


@pytest.fixture(scope="module")
def plan_pages(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("plan")
    (deck,) = export(load(PLAN), "pptx", folder)
    (pdf,) = to_pdf([deck], folder / "pdf")
    return squeeze("\n".join(_pages(pdf)))


def test_the_plan_deck_shows_every_activity_with_owner_and_due_date(plan_pages: str) -> None:
    from sopmodel.i18n import format_date

    plan = load(PLAN)
    assert isinstance(plan, Plan)
    roles = {r.id: r.name for r in plan.roles}
    for phase in plan.phases:
        for text in [phase.name, *([phase.goal] if phase.goal else []), *phase.goals]:
            assert squeeze(plain(text, "fr")) in plan_pages
        for activity in phase.activities:
            owner = (activity.raci.accountable or activity.raci.responsible)[0]
            assert activity.due is not None
            due = format_date(activity.due, "fr", "medium")
            row = squeeze(plain(f"{activity.title} · {roles[owner]}", "fr"))
            assert row in plan_pages and squeeze(due) in plan_pages, activity.title
    for milestone in plan.milestones:
        assert squeeze(plain(milestone.title, "fr")) in plan_pages


def test_the_plan_deck_shows_kpis_as_baseline_to_target(plan_pages: str) -> None:
    from sopmodel.i18n import format_number

    plan = load(PLAN)
    assert isinstance(plan, Plan)
    for kpi in plan.kpis:
        assert kpi.baseline is not None and kpi.target is not None
        unit = f" {kpi.unit}" if kpi.unit else ""
        values = f"{format_number(kpi.baseline, 'fr')}{unit} → {format_number(kpi.target, 'fr')}"
        assert squeeze(plain(f"{kpi.name} : {values}", "fr")) in plan_pages, kpi.name


def test_meeting_lengths_are_written_the_local_way(plan_pages: str) -> None:
    assert squeeze("lundi · 30 min") in plan_pages
    texts = [p.text for slide in _deck(load(PLAN)) for p in slide.paras]
    assert any(re.search(r"\b30\s+min\b", text) for text in texts)
    assert not any("30min" in text for text in texts)


# --- 7. typography -------------------------------------------------------------------------


def test_french_labels_carry_a_no_break_space_before_the_colon(tmp_path: Path) -> None:
    (deck,) = export(load(EXAMPLES / "prise-de-commande.fr.yaml"), "pptx", tmp_path)
    with zipfile.ZipFile(deck) as package:
        slides = [
            package.read(name).decode()
            for name in package.namelist()
            if re.fullmatch(r"ppt/slides/slide\d+\.xml", name)
        ]
    runs = [t for xml in slides for t in re.findall(r"<a:t>([^<]*)</a:t>", xml)]
    text = "".join(runs)
    assert "Contrôle\u00a0: " in text and "Qui\u00a0: " in text
    assert not [r for r in runs if re.search(r" [:;!?]", r)], "a plain space before : ; ! ?"
    assert not [a + b for a, b in itertools.pairwise(runs)
                if a.endswith(" ") and b[:1] in ":;!?"]  # fmt: skip


def test_two_grouped_steps_are_named_with_and(tmp_path: Path) -> None:
    steps = [
        {"title": "Careful one", "warning": "Mind the edge."},
        {"title": "Simple two"},
        {"title": "Is it three?", "decision": [{"when": w, "goto": "s4"} for w in ("yes", "no")]},
        {"id": "s4", "title": "Careful four", "warning": "Mind the gap."},
    ]  # fmt: skip
    data = {"sopmodel": 1, "kind": "procedure", "id": "TWO-001", "title": "Two", "steps": steps}
    titles = [s.title for s in _deck(_write(tmp_path, data), minutes=4)]
    assert "Steps 2 and 3" in titles and "Steps 2 to 3" not in titles
