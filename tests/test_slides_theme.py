"""The designed default theme: 16:9, a title bar, numbered slides with a footer, 18 pt and up."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pypdf import PdfReader

from sopmodel.exporters import export
from sopmodel.exporters.slides import TEMPLATE, SlidesOptions
from sopmodel.exporters.slides.deck import Para, Run, Sizes, Slide
from sopmodel.exporters.slides.render import (
    _drop_template_slides,
    _geometry,
    _lay_out,
    _layouts,
    _open,
)
from sopmodel.exporters.slides.theme import (
    ACCENT,
    CHECK,
    INK,
    MUTED,
    NAVY,
    ON_NAVY,
    STYLE_INKS,
    contrast,
    tint,
)
from sopmodel.model import Procedure
from sopmodel.source import load
from sopmodel.views import SIGNAL_COLOURS
from tests.conftest import EXAMPLES
from tests.office import to_pdf

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_NAMES = [
    "lab-piranha-clean.yaml",
    "sales-opportunity.yaml",
    "forklift-battery-change.yaml",
    "achats-fournisseurs.fr.yaml",
    "prise-de-commande.fr.yaml",
    "plan-sop-90-jours.fr.yaml",
]
IMAGE = EXAMPLES / "img" / "battery-connector.png"
EMU = 12700
FOOTERS = (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)


def _pages(pdf: Path) -> list[str]:
    """Return the text of each page as pdftotext reads it."""
    done = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout.split("\f")[: len(PdfReader(pdf).pages)]


def _bottom(pdf: Path, page: int) -> set[str]:
    """Return the lines LibreOffice printed under the body (the lowest 50 points of a page)."""
    done = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-x", "0", "-y", "490", "-W", "1000",
         "-H", "50", str(pdf), "-"],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return {line.strip() for line in done.stdout.splitlines() if line.strip()}


def _footer_text(path: Path) -> str:
    document = load(path)
    version = getattr(document, "version", None)
    return f"{document.id} · v{version}" if version else document.id


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[str]]]:
    """Export the examples' decks and convert them with one LibreOffice run."""
    folder = tmp_path_factory.mktemp("theme")
    files = {name: export(load(EXAMPLES / name), "pptx", folder)[0] for name in EXAMPLE_NAMES}
    pdfs = to_pdf(list(files.values()), folder / "pdf")
    pairs = zip(files.items(), pdfs, strict=True)
    return {name: (deck, _pages(pdf)) for (name, deck), pdf in pairs}


def _is_footer(shape: object) -> bool:
    """Return whether a shape is the footer or the slide number (placeholder or text box)."""
    if getattr(shape, "is_placeholder", False):
        return shape.placeholder_format.type in FOOTERS  # type: ignore[attr-defined]
    return str(getattr(shape, "name", "")) in ("Footer", "Slide Number")


def _rect(shape: object) -> tuple[int, int, int, int]:
    left, top = int(shape.left), int(shape.top)  # type: ignore[attr-defined]
    return left, top, left + int(shape.width), top + int(shape.height)  # type: ignore[attr-defined]


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


# --- the template ---------------------------------------------------------------------


def test_the_default_template_is_16_9_with_the_four_layouts() -> None:
    deck = Presentation(str(TEMPLATE))
    assert (deck.slide_width / EMU, deck.slide_height / EMU) == (960, 540)  # 13.333 x 7.5 in
    layouts = {layout.name: layout for layout in deck.slide_layouts}
    assert set(layouts) == {"Title Slide", "Title and Content", "Section Header", "Title Only"}
    expected = {
        "Title Slide": {0, 1},
        "Title and Content": {0, 1, 11, 12},
        "Section Header": {0, 1, 11, 12},
        "Title Only": {0, 11, 12},
    }
    for name, indexes in expected.items():
        assert {p.placeholder_format.idx for p in layouts[name].placeholders} == indexes, name


def test_the_script_reproduces_the_committed_template(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "deck_template.py"), str(tmp_path)],
        check=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    with zipfile.ZipFile(TEMPLATE) as committed, zipfile.ZipFile(tmp_path / "deck.pptx") as made:
        assert sorted(committed.namelist()) == sorted(made.namelist())
        for name in committed.namelist():
            assert committed.read(name) == made.read(name), name


def test_the_theme_colours_reach_wcag_aa() -> None:
    white = "FFFFFF"
    pairs = [(INK, white), (MUTED, white), (NAVY, white), (white, NAVY), (ON_NAVY, NAVY)]
    pairs += [(ink, white) for ink in STYLE_INKS.values()]
    pairs += [(INK, tint(fill, 0.2)) for fill, _ in SIGNAL_COLOURS.values()]  # callout text
    pairs += [(ink, tint(ACCENT, 0.1)) for ink in (INK, NAVY)]  # cards
    for ink, paper in pairs:
        assert contrast(ink, paper) >= 4.5, (ink, paper)
    assert STYLE_INKS["check"] == CHECK


def test_the_type_scale_keeps_content_at_18_pt_or_more() -> None:
    sizes = Sizes()
    assert sizes.title == 32 and 22 <= sizes.body <= 24
    assert min(sizes.of(level) for level in range(9)) >= 18 and sizes.box >= 18


# --- the examples, as LibreOffice prints them ---------------------------------------------


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_slide_but_the_cover_shows_its_number_and_the_footer(
    decks: dict[str, tuple[Path, list[str]]], name: str
) -> None:
    deck, pages = decks[name]
    pdf = deck.parent / "pdf" / f"{deck.stem}.pdf"
    footer = _footer_text(EXAMPLES / name)
    assert len(pages) == len(Presentation(str(deck)).slides)
    assert _bottom(pdf, 1) == set()
    for number in range(2, len(pages) + 1):
        assert _bottom(pdf, number) == {footer, str(number)}, number


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_no_text_under_18_pt_on_content_picture_and_card_slides(
    decks: dict[str, tuple[Path, list[str]]], name: str
) -> None:
    deck = Presentation(str(decks[name][0]))
    seen = 0
    for number, slide in enumerate(deck.slides, 1):
        if slide.slide_layout.name not in ("Title and Content", "Title Only"):
            continue
        for shape in slide.shapes:
            if not shape.has_text_frame or _is_footer(shape):
                continue
            for run in shape._element.iter(qn("a:r")):
                properties = run.find(qn("a:rPr"))
                size = properties.get("sz") if properties is not None else None
                assert size is not None, (number, shape.name)
                assert int(size) >= 1800, (number, shape.name, run.findtext(qn("a:t")))
                seen += 1
    assert seen


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_the_footer_and_number_overlap_nothing(
    decks: dict[str, tuple[Path, list[str]]], name: str
) -> None:
    deck = Presentation(str(decks[name][0]))
    for number, slide in enumerate(deck.slides, 1):
        footers = [s for s in slide.shapes if _is_footer(s)]
        assert len(footers) == (0 if number == 1 else 2), number
        others = [_rect(s) for s in slide.shapes if not _is_footer(s)]
        for footer in footers:
            assert not any(_overlap(_rect(footer), other) for other in others), number
            assert _rect(footer)[3] <= deck.slide_height


# --- pictures and styles, laid out from a deck model ---------------------------------


def _write(slides: list[Slide], path: Path, template: Path | None = None) -> Any:
    options = SlidesOptions(template=template)
    deck = _open(options)
    _drop_template_slides(deck)
    _lay_out(deck, slides, _layouts(deck, options), options, "DOC-1 · v1.0.0")
    deck.save(str(path))
    return Presentation(str(path))


def test_a_picture_beside_the_body_keeps_clear_of_the_text(tmp_path: Path) -> None:
    options = SlidesOptions()
    deck = _open(options)
    geometry = _geometry(deck, _layouts(deck, options))
    assert geometry.body_beside is not None
    assert geometry.beside.width < geometry.body.width * 0.7
    assert geometry.beside.height == geometry.body.height
    body = [Para(0, (Run("Pull the connector by its handle, never by the cable."),))]
    cover = Slide("cover", "Cover", subtitle="DOC-1")
    step = Slide("content", "Step 2", paras=body, aside=IMAGE)
    written = _write([cover, step], tmp_path / "a.pptx")
    slide = written.slides[1]
    [picture] = [s for s in slide.shapes if s.shape_type == 13]
    text = slide.placeholders[1]
    assert abs(text.width / EMU - geometry.beside.width) < 1
    assert not _overlap(_rect(picture), _rect(text))
    assert _rect(picture)[2] <= _rect(text)[0] + geometry.body.width * EMU + 1
    assert abs(picture.width / picture.height - 799 / 70) < 0.05  # its aspect kept


def test_a_picture_with_a_size_is_drawn_at_that_size_centred(tmp_path: Path) -> None:
    slides = [Slide("cover", "Cover"), Slide("picture", "Chart", picture=IMAGE,
                                              picture_size=(400.0, 35.0))]  # fmt: skip
    slide = _write(slides, tmp_path / "p.pptx").slides[1]
    [picture] = [s for s in slide.shapes if s.shape_type == 13]
    assert (round(picture.width / EMU), round(picture.height / EMU)) == (400, 35)
    assert abs((picture.left + picture.width / 2) / EMU - 480) < 1  # centred on the slide


def test_paragraph_styles_and_callouts_are_set_apart(tmp_path: Path) -> None:
    paras = [
        Para(0, (Run("Only if: the bath is hot"),), bullet=False, style="condition"),
        Para(0, (Run(" ⚠ DANGER ", bold=True, band="danger"), Run(" Acid burns.")), False),
        Para(1, (Run("Wear the face shield"),)),
        Para(0, (Run("Who: Operator · Duration: 5 min"),), bullet=False, style="facts"),
        Para(0, (Run("✔ Check: the key is out"),), bullet=False, style="check"),
        Para(0, (Run("→ If yes, go to step 4"),), bullet=False, style="branch"),
        Para(0, (Run("Plain text"),), bullet=False),
    ]
    slide = _write([Slide("cover", "C"), Slide("content", "Step", paras=paras)],
                   tmp_path / "s.pptx").slides[1]  # fmt: skip
    runs = [p.runs for p in slide.placeholders[1].text_frame.paragraphs]

    def colour(run: object) -> str | None:
        fill = run._r.find(qn("a:rPr") + "/" + qn("a:solidFill"))  # type: ignore[attr-defined]
        return None if fill is None else fill[0].get("val")

    def shade(run: object) -> str | None:
        found = run._r.find(qn("a:rPr") + "/" + qn("a:highlight"))  # type: ignore[attr-defined]
        return None if found is None else found[0].get("val")

    assert colour(runs[0][0]) == NAVY and runs[0][0].font.bold
    assert shade(runs[1][0]) == SIGNAL_COLOURS[next(iter(SIGNAL_COLOURS))][0]  # the band
    assert shade(runs[1][1]) == tint("C8102E", 0.2) == shade(runs[2][0])  # the callout's text
    assert colour(runs[3][0]) == ACCENT and colour(runs[4][0]) == CHECK
    assert colour(runs[5][0]) == ACCENT
    assert colour(runs[6][0]) is None and shade(runs[6][0]) is None
    assert all(run.font.size.pt >= 18 for line in runs for run in line)


# --- a custom template ----------------------------------------------------------------


def _without_footers(tmp_path: Path) -> Path:
    """Return the default template with no footer or slide number placeholders."""
    target = tmp_path / "plain.pptx"
    with zipfile.ZipFile(TEMPLATE) as source, zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith(("ppt/slideLayouts/slideLayout", "ppt/slideMasters/")):
                from lxml import etree

                root = etree.fromstring(data)
                for ph in root.iter(qn("p:ph")):
                    if ph.get("type") in ("ftr", "sldNum", "dt"):
                        shape = ph.getparent().getparent().getparent()
                        shape.getparent().remove(shape)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            out.writestr(item, data)
    return target


def test_custom_templates_get_the_footer_and_numbers(tmp_path: Path) -> None:
    office = tmp_path / "office.pptx"  # python-pptx's own 4:3 template: footer placeholders
    Presentation().save(str(office))
    plain = _without_footers(tmp_path)  # no footer placeholders: text boxes under the body
    document = load(EXAMPLES / "sales-opportunity.yaml")
    assert isinstance(document, Procedure)
    decks = [
        export(document, "pptx", tmp_path / name, template=template, flowchart=False)[0]
        for name, template in (("office", office), ("plain", plain))
    ]
    footer = f"{document.id} · v{document.version}"
    for deck in decks:  # both are SALES-001.pptx: one folder each
        [pdf] = to_pdf([deck], deck.parent / "pdf")
        pages = _pages(pdf)
        shown = Presentation(str(deck))
        assert len(pages) == len(shown.slides) > 10
        for number, (text, slide) in enumerate(zip(pages, shown.slides, strict=True), 1):
            if number > 1:
                assert _bottom(pdf, number) == {footer, str(number)}, (deck, number, text)
            footers = [s for s in slide.shapes if _is_footer(s)]
            others = [_rect(s) for s in slide.shapes if not _is_footer(s)]
            assert not any(_overlap(_rect(f), o) for f in footers for o in others)
    office_slide = Presentation(str(decks[0])).slides[1]
    assert any(s.is_placeholder for s in office_slide.shapes if _is_footer(s))
