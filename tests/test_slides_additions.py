"""The second edition on the slides themselves: notes, Markdown, conditions, roles, timing,
links, attachments, deep sub-steps, the layout and the category; nothing cut."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from pptx import Presentation
from pypdf import PdfReader

from sopmodel.exporters import export
from sopmodel.exporters.slides import SlidesOptions
from sopmodel.exporters.slides.deck import ChartPicture, Para, Slide
from sopmodel.exporters.slides.render import build_deck
from sopmodel.model import Plan, Procedure
from sopmodel.source import load
from sopmodel.views import lines, plain, rich
from tests.conftest import EXAMPLES
from tests.office import to_pdf
from tests.svgtools import squeeze

LAB = EXAMPLES / "lab-piranha-clean.yaml"
ACHATS = EXAMPLES / "achats-fournisseurs.fr.yaml"
SALES = EXAMPLES / "sales-opportunity.yaml"
PLAN = EXAMPLES / "plan-sop-90-jours.fr.yaml"


def _deck(path: Path | Procedure, pages: int = 0) -> list[Slide]:
    document = load(path) if isinstance(path, Path) else path
    charts = [ChartPicture(Path(f"chart-{n}.png"), f"Flowchart {n + 1}") for n in range(pages)]
    return build_deck(document, SlidesOptions(), charts)


def _slide(slides: list[Slide], start: str) -> Slide:
    return next(s for s in slides if s.title.startswith(start))


def _para(slide: Slide, part: str) -> Para:
    return next(p for p in slide.paras if part in p.text)


def _bands(slide: Slide) -> list[str]:
    return [run.band for p in slide.paras for run in p.runs if run.band]


def _headline_bug(folder: Path) -> Procedure:
    """A procedure whose safety warnings are written on sub-steps, three deep."""
    data: dict[str, Any] = {
        "sopmodel": 1,
        "kind": "procedure",
        "id": "DEEP-001",
        "title": "Change a battery",
        "language": "en",
        "layout": "steps",
        "category": "instructional",
        "roles": [{"id": "tech", "name": "Technician"}, {"id": "lead", "name": "Shift lead"}],
        "steps": [
            {
                "title": "Lift the battery",
                "role": ["tech", "lead"],
                "substeps": [
                    {
                        "title": "Attach the hoist",
                        "warning": "Never stand under a lifted battery",
                        "substeps": [
                            {
                                "title": "Check the hook",
                                "when": "The hook was used today",
                                "notes": [{"level": "danger", "text": "A worn hook drops loads"}],
                                "check": "The latch closes by itself",
                            }
                        ],
                    }
                ],
            }
        ],
    }
    source = folder / "deep.yaml"
    source.write_text(yaml.safe_dump(data), encoding="utf-8")
    document = load(source)
    assert isinstance(document, Procedure)
    return document


# --- the plain deck model --------------------------------------------------------------


def test_procedure_notes_come_early_most_serious_first_with_their_signal_words() -> None:
    slides = _deck(LAB)
    titles = [s.title for s in slides]
    notes = titles.index("Notes")
    first_step = next(n for n, t in enumerate(titles) if t.startswith("Step 1"))
    assert titles[1:3] == ["Why it matters", "Safety first"] and notes < first_step
    danger = _para(slides[2], "violently")  # a danger note is a hazard: safety first
    assert danger.runs[0].text.strip() == "⚠ DANGER" and danger.runs[0].bold
    assert _bands(slides[notes]) == ["notice", "info"]
    items = slides[notes].paras[-2:]  # the info note's list: bulleted, under its text
    assert items[1].text == "your name and the time it was mixed"
    assert all(p.bullet and p.level == 1 for p in items)


def test_each_step_shows_its_notes_warning_condition_roles_and_timing() -> None:
    slides = _deck(LAB)
    mix = _slide(slides, "Step 3 ·")
    assert _bands(mix) == ["danger", "warning"]
    assert "Within 30" in _para(mix, "Within").text
    glass = _slide(slides, "Step 2 ·")
    assert glass.paras[0].text == "Only if: The glassware was rinsed with a solvent today"
    assert _bands(glass) == ["warning"]  # the step's `warning:` is a warning note
    assert "Wet solvent" in _para(glass, "WARNING").text
    prepare = _slide(slides, "Step 1 ·")
    assert "Researcher with Trained lab buddy" in _para(prepare, "Who").text
    assert "5–10\u00a0min" in _para(prepare, "Who").text
    soak = _slide(slides, "Step 4 ·")
    assert "Repeat for each piece of glassware" in _para(soak, "Repeat").text


def test_markdown_becomes_paragraphs_and_run_formatting() -> None:
    slides = _deck(LAB)
    prepare = [p for s in slides if s.title.startswith("Step 1 ·") for p in s.paras]
    bold = [r.text for p in prepare for r in p.runs if r.bold and not r.band]
    assert "everything" in bold
    numbered = [p for p in prepare if p.text.startswith(("1. ", "2. ", "3. "))]
    assert len(numbered) == 3 and all(p.level == 1 and not p.bullet for p in numbered)
    header = next(p for p in prepare if p.text == "Item | Where")
    assert all(r.bold for r in header.runs)
    assert any(p.text == "Eye wash | Next to the door" for p in prepare)
    italic = [r.text for p in prepare for r in p.runs if r.italic]
    assert italic == ["over"]
    mix = _slide(slides, "Step 3 ·")
    assert [r.text for p in mix.paras for r in p.runs if r.code] == ["H2SO4:H2O2 = 3:1"]
    links = [r for p in mix.paras for r in p.runs if r.url]
    assert [(r.text, r.url) for r in links] == [
        ("Mixing video (internal)", "https://intranet.example.edu/piranha-video")
    ]


def test_sub_steps_at_every_depth_with_their_labels() -> None:
    hierarchical = [p.text for s in _deck(LAB) for p in s.paras]
    assert "1.1 Put on the PPE" in hierarchical
    assert "1.1.1 Check the gloves for holes" in hierarchical
    steps = [p for s in _deck(ACHATS) for p in s.paras]
    labels = [p.runs[0].text for p in steps if p.keep]
    assert "a. " in labels and "i. " in labels


def test_warnings_written_on_sub_steps_are_on_the_slide(tmp_path: Path) -> None:
    slides = _deck(_headline_bug(tmp_path))
    step = _slide(slides, "Step 1 ·")
    texts = [p.text for p in step.paras]
    assert "a. Attach the hoist" in texts and "i. Check the hook" in texts
    assert _bands(step) == ["warning", "danger"]
    warning = _para(step, "Never stand under")
    danger = _para(step, "A worn hook")
    assert warning.level == 1 and danger.level == 2
    assert "Only if: The hook was used today" in texts
    assert "✔ Check: The latch closes by itself" in texts
    assert "Who: Technician with Shift lead" in _para(step, "Who").text


def test_category_on_the_cover_and_references_slide() -> None:
    slides = _deck(LAB)
    assert "Category: Instructional" in slides[0].subtitle.split("\n")
    references = _slide(slides, "References")
    texts = [p.text for p in references.paras]
    assert "Sulfuric acid SDS" in texts
    assert "Respond to a chemical spill (procedure LAB-003)" in texts
    assert "Piranha bath label (forms/piranha-label.txt)" in texts
    urls = {r.url for p in references.paras for r in p.runs if r.url}
    assert "mailto:safety@example.edu" in urls
    french = _deck(ACHATS)
    assert "Catégorie\u202f: Administrative" in french[0].subtitle or (
        "Catégorie" in french[0].subtitle and "Administrative" in french[0].subtitle
    )


def test_flowchart_layout_puts_the_chart_right_after_the_objective() -> None:
    slides = _deck(SALES, pages=2)
    titles = [s.title for s in slides]
    assert titles[1:3] == ["Why it matters", "Safety first"]  # a high risk: safety first
    assert titles[3:5] == ["Flowchart 1", "Flowchart 2"]
    other = _deck(LAB, pages=1)  # hierarchical: the chart after the steps
    index = [s.title for s in other].index("Flowchart 1")
    assert other[index - 1].title.startswith("Step 5")


def test_the_plan_deck_shows_notes_goals_risks_and_links() -> None:
    plan = load(PLAN)
    slides = _deck(PLAN)
    texts = [p.text for s in slides for p in s.paras]
    flat = squeeze(" ".join(texts))
    assert isinstance(plan, Plan) and plan.notes and plan.risks and plan.links
    for note in plan.notes:
        assert squeeze(lines(rich(note.text, "fr"))[0]) in flat
    for phase in plan.phases:
        for goal in phase.goals:
            assert plain(goal, "fr") in texts
    for risk in plan.risks:
        assert squeeze(plain(risk.risk, "fr")) in flat and plain(risk.mitigation, "fr") in texts
    for link in plan.links:
        assert squeeze(plain(link.title or "", "fr")) in flat


def test_nothing_is_cut_long_titles_and_texts_continue(tmp_path: Path) -> None:
    words = [f"w{n:03d}" for n in range(700)]
    data = {
        "sopmodel": 1,
        "kind": "procedure",
        "id": "LONG-001",
        "title": " ".join(words[:90]),
        "language": "en",
        "steps": [
            {
                "title": " ".join(words[100:160]),
                "details": " ".join(words[200:700]),
                "notes": [{"level": "warning", "text": " ".join(words[:300])}],
            }
        ],
    }
    source = tmp_path / "long.yaml"
    source.write_text(yaml.safe_dump(data), encoding="utf-8")
    slides = _deck(load(source))
    shown = " ".join(
        " ".join([s.title, s.subtitle, *(p.text for p in s.paras)]) for s in slides
    ).split()
    assert "…" not in " ".join(shown)
    for word in words[:90] + words[100:160] + words[200:700]:
        assert word in shown, word
    assert any("(continued)" in s.title for s in slides)


# --- what a person sees: the decks converted by LibreOffice ------------------------------


@pytest.fixture(scope="module")
def seen(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Export the decks (one with warnings on sub-steps) and read their slides' text."""
    folder = tmp_path_factory.mktemp("additions")
    decks = [export(load(p), "pptx", folder)[0] for p in (LAB, ACHATS, SALES)]
    decks += export(_headline_bug(folder), "pptx", folder)
    pdfs = to_pdf(decks, folder / "pdf")
    result = {}
    for deck, pdf in zip(decks, pdfs, strict=True):
        done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
        result[deck.stem] = done.stdout.split("\f")[: len(PdfReader(pdf).pages)]
    return result


def _page(pages: list[str], start: str) -> str:
    return next(p for p in pages if squeeze(p).startswith(squeeze(start)))


def test_a_person_sees_signal_words_conditions_and_roles(seen: dict[str, list[str]]) -> None:
    lab = seen["LAB-012"]
    assert "⚠ DANGER" in _page(lab, "Safety first") and "NOTICE" in _page(lab, "Notes")
    mix = _page(lab, "Step 3 ·")
    assert mix.index("⚠ DANGER") < mix.index("⚠ WARNING") < mix.index("Pour the sulfuric")
    glass = squeeze(_page(lab, "Step 2 ·"))
    assert squeeze("Only if: The glassware was rinsed") in glass
    assert squeeze("Researcher with Trained lab buddy") in squeeze(_page(lab, "Step 1 ·"))
    assert squeeze("Category: Instructional") in squeeze(lab[0])
    achats = squeeze("\n".join(seen["ACH-003"]))
    assert squeeze("Uniquement si : La commande dépasse") in achats
    assert "AVERTISSEMENT" in achats and squeeze("Acheteuse avec Directeur") in achats


def test_a_person_sees_warnings_written_on_sub_steps(seen: dict[str, list[str]]) -> None:
    step = squeeze(_page(seen["DEEP-001"], "Step 1 ·"))
    for part in [
        "a. Attach the hoist",
        "⚠ WARNING Never stand under a lifted battery",
        "i. Check the hook",
        "Only if: The hook was used today",
        "⚠ DANGER A worn hook drops loads",
        "Check: The latch closes by itself",
    ]:
        assert squeeze(part) in step, part


def test_a_person_sees_the_chart_early_in_a_flowchart_deck(seen: dict[str, list[str]]) -> None:
    titles = [squeeze(page).split("(")[0] for page in seen["SALES-001"]]
    assert titles[1].startswith("Whyitmatters")
    assert titles[2].startswith("Safetyfirst")
    assert titles[3].startswith("Flowchart")


def test_bands_have_their_colour_and_links_are_clickable(tmp_path: Path) -> None:
    [deck] = export(load(LAB), "pptx", tmp_path, flowchart=False)
    xml = "".join(
        squeeze(shape._element.xml)
        for slide in Presentation(str(deck)).slides
        for shape in slide.shapes
        if shape.has_text_frame
    )
    for colour in ("C8102E", "FF7900", "FFD100", "005EB8", "5B6770"):
        assert f'<a:highlight><a:srgbClrval="{colour}"/></a:highlight>' in xml, colour
    links = {
        run.hyperlink.address
        for slide in Presentation(str(deck)).slides
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
        if run.hyperlink.address
    }
    assert "https://intranet.example.edu/piranha-video" in links
    assert "mailto:safety@example.edu" in links


@pytest.mark.parametrize(
    ("example", "region", "tag"),
    [
        ("achats-fournisseurs.fr.yaml", None, "fr-FR"),
        ("lab-piranha-clean.yaml", None, "en-GB"),
        ("lab-piranha-clean.yaml", "US", "en-US"),
        ("achats-fournisseurs.fr.yaml", "CA", "fr-CA"),
    ],
)
def test_every_run_of_slides_and_notes_carries_the_document_language(
    tmp_path: Path, example: str, region: str | None, tag: str
) -> None:
    import re
    import zipfile

    [deck] = export(load(EXAMPLES / example), "pptx", tmp_path, flowchart=False, region=region)
    with zipfile.ZipFile(deck) as archive:
        parts = [
            n for n in archive.namelist() if re.match(r"ppt/(slides|notesSlides)/\w+\.xml$", n)
        ]
        assert any("notesSlides" in name for name in parts)
        for name in parts:
            xml = archive.read(name).decode("utf-8")
            runs = re.findall(r"<a:r>(.*?)</a:r>", xml, re.DOTALL)
            assert runs, name
            for run in runs:
                assert re.match(rf'<a:rPr\b[^>]*\blang="{tag}"', run), (name, run[:200])
