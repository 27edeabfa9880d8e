"""The deck's flowchart as a trainer projects it: an overview, then sections at one scale.

Every size is measured, not taken on trust: the text size on a slide is the smallest font
size in the section's Graphviz source times the picture's scale, the scale being the
picture's width in the written .pptx over the width `dot` gives the chart.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from sopmodel.cli import main
from sopmodel.exporters import export
from sopmodel.exporters.slides import SlidesOptions
from sopmodel.exporters.slides.chart import ChartLayout, chart_layout
from sopmodel.exporters.slides.render import _geometry, _layouts, _open
from sopmodel.i18n import labels as labels_for
from sopmodel.model import Procedure
from sopmodel.source import load
from sopmodel.views import flow_graph
from tests.conftest import EXAMPLES
from tests.office import pdf_text, to_pdf

EMU_PER_POINT = 12700
LEAST_TEXT = 14.0
"""The smallest text a section may show on the slide, in points."""
LEAST_PPI = 150
"""The fewest image pixels per inch of the slide."""
_FONT = re.compile(r'(?:fontsize|POINT-SIZE)="?([\d.]+)')
_SVG_SIZE = re.compile(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"')
_RANGE = re.compile(r"(\d+)\D+?(\d+)$")


@dataclass(frozen=True)
class Shown:
    """A chart slide as written: its title, the picture's box and the image's pixels."""

    title: str
    box: tuple[float, float, float, float]
    """Left, top, width, height in points."""
    pixels: tuple[int, int]
    title_bottom: float


def _chart_slides(deck: Path, language: str) -> tuple[list[Shown], tuple[float, float]]:
    """Return the chart slides of a deck, in order, and the slide's size in points."""
    word = labels_for(language)["flowchart"]
    presentation = Presentation(str(deck))
    shown = []
    for slide in presentation.slides:
        title = slide.shapes.title
        if title is None or not title.text_frame.text.startswith(word):
            continue
        [picture] = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        box = tuple(v / EMU_PER_POINT for v in (picture.left, picture.top, picture.width,
                                                picture.height))  # fmt: skip
        shown.append(
            Shown(
                title.text_frame.text,
                box,  # type: ignore[arg-type]
                picture.image.size,
                (title.top + title.height) / EMU_PER_POINT,
            )
        )
    size = (presentation.slide_width / EMU_PER_POINT, presentation.slide_height / EMU_PER_POINT)
    return shown, size


def _layout(document: Procedure, language: str) -> ChartLayout:
    """Return the overview and sections the deck of the default template is made of."""
    options = SlidesOptions(lang=language)
    template = _open(options)
    area = _geometry(template, _layouts(template, options)).picture_area
    return chart_layout(document, options, area)


def _chart_width(source: str) -> float:
    """Return the width `dot` gives a chart, in points."""
    svg = subprocess.run(
        ["dot", "-Tsvg"], input=source.encode(), capture_output=True, check=True, timeout=120
    ).stdout.decode()
    match = _SVG_SIZE.search(svg)
    assert match, svg[:300]
    return float(match.group(1))


def _text_size(source: str, shown: Shown) -> float:
    """Return the size the smallest text of a chart is seen at on its slide, in points."""
    smallest = min(float(size) for size in _FONT.findall(source))
    return smallest * shown.box[2] / _chart_width(source)


def _steps_in_title(title: str, numbers: list[str]) -> list[str]:
    """Return the steps a section's title names ("steps 3 to 6", "step 7")."""
    tail = title.split(":")[-1].strip()
    found = _RANGE.search(tail)
    if found:
        first, last = found.groups()
        return numbers[numbers.index(first) : numbers.index(last) + 1]
    [single] = re.findall(r"\d+", tail)
    return [single]


def _check_deck(
    document: Procedure, deck: Path, language: str, least: float = LEAST_TEXT
) -> list[float]:
    """Assert what a trainer needs of the chart slides; return the text size of each slide."""
    labels = labels_for(language)
    shown, (slide_width, slide_height) = _chart_slides(deck, language)
    layout = _layout(document, language)
    graph = flow_graph(document)
    numbers = [node.number for node in graph.nodes]
    assert shown, "no chart slide"
    assert len(shown) == 1 + len(layout.sections)
    for slide in shown:  # inside the slide, under its title, sharp enough to project
        left, top, width, height = slide.box
        assert left >= 0 and left + width <= slide_width + 0.01, slide
        assert top >= slide.title_bottom - 0.01 and top + height <= slide_height + 0.01, slide
        assert slide.pixels[0] / (width / 72) >= LEAST_PPI, slide
        image_ratio = slide.pixels[1] / slide.pixels[0]
        assert abs(image_ratio - height / width) < 0.02 * max(1.0, height / width), slide
    overview = shown[0]
    sizes = [_text_size(layout.overview.source, overview)]
    assert list(layout.overview.steps) == list(range(len(graph.nodes)))
    if not layout.sections:
        assert overview.title == labels["flowchart"]
        assert sizes[0] >= LEAST_TEXT - 0.01, sizes
        return sizes
    assert overview.title.startswith(labels["flowchart"]) and overview.title != labels["flowchart"]
    scales = []
    seen: list[str] = []
    for section, slide in zip(layout.sections, shown[1:], strict=True):
        size = _text_size(section.source, slide)
        sizes.append(size)
        assert size >= least - 0.01, (slide.title, size)
        scales.append(slide.box[2] / _chart_width(section.source))
        named = _steps_in_title(slide.title, numbers)
        assert named == [numbers[i] for i in section.steps], (slide.title, section.steps)
        seen += named
        inside = set(section.steps)
        for index in section.steps:  # an edge leaving the section says where it goes
            for edge in graph.outgoing(index):
                if edge.target not in inside:
                    goes = labels.format("chart_to_step", step=numbers[edge.target])
                    assert goes in section.source, (slide.title, goes)
    assert seen == numbers, "every step in exactly one section, in order"
    assert max(scales) - min(scales) <= 0.005 * max(scales), scales
    return sizes


def _export(path: Path, folder: Path, language: str) -> Path:
    """Write a deck with the real command line; return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    code = main(
        [
            "export",
            str(path),
            "--to",
            "pptx",
            "--output",
            str(folder),
            "--lang",
            language,
            "--jobs",
            "1",
        ]
    )
    assert code == 0
    [deck] = folder.glob("*.pptx")
    return deck


def _with_flowchart_layout(path: Path, folder: Path) -> Path:
    """Return a copy of an example laid out as a flowchart (the deck then shows its chart),
    next to copies of the files it names."""
    text = re.sub(r"(?m)^layout: \w+$", "layout: flowchart", path.read_text(encoding="utf-8"))
    for name in ("forms", "img"):
        shutil.copytree(path.parent / name, folder / name)
    copy = folder / path.name
    copy.write_text(text, encoding="utf-8")
    return copy


EXAMPLE_DECKS = [
    ("sales-opportunity.yaml", "en", False),
    ("forklift-battery-change.yaml", "fr", False),
    ("prise-de-commande.fr.yaml", "fr", False),
    ("prise-de-commande.fr.yaml", "en", False),
    ("lab-piranha-clean.yaml", "en", True),
    ("achats-fournisseurs.fr.yaml", "fr", True),
]


@pytest.mark.parametrize(("name", "language", "relaid"), EXAMPLE_DECKS)
def test_example_chart_sections_are_readable_at_one_scale(
    tmp_path: Path, name: str, language: str, relaid: bool
) -> None:
    path = EXAMPLES / name
    if relaid:
        path = _with_flowchart_layout(path, tmp_path)
    document = load(path)
    assert isinstance(document, Procedure)
    deck = _export(path, tmp_path / "out", language)
    sizes = _check_deck(document, deck, language)
    assert len(sizes) >= 2  # these charts are too large for one readable slide


def test_a_step_too_large_for_a_slide_shrinks_every_section_and_says_so(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    steps: list[dict[str, Any]] = [
        {
            "id": f"s{index}",
            "title": f"Step {index}",
            "role": "desk",
            **({"decision": [{"when": "yes", "goto": "s4"}, {"when": "no", "goto": "s2"}]}
               if index == 1 else {}),
        }
        for index in range(6)
    ]  # fmt: skip
    steps[3]["title"] = " ".join(["Confirm the delivery date with the customer"] * 20)
    document = Procedure.model_validate(
        {"id": "HUGE-001", "title": "Huge", "roles": [{"id": "desk", "name": "Desk"}],
         "steps": steps}
    )  # fmt: skip
    [deck] = export(document, "pptx", tmp_path)
    sizes = _check_deck(document, deck, "en", least=0)
    assert min(sizes[1:]) < LEAST_TEXT
    assert f"sections show {min(sizes[1:]):.1f} pt text" in caplog.text


def test_a_small_chart_is_one_readable_slide(tmp_path: Path) -> None:
    document = Procedure.model_validate(
        {
            "id": "TINY-001",
            "title": "Answer the phone",
            "roles": [{"id": "desk", "name": "Front desk"}],
            "steps": [
                {
                    "id": "ask",
                    "title": "Is it a customer?",
                    "role": "desk",
                    "decision": [{"when": "yes", "goto": "help"}, {"when": "no", "goto": "end"}],
                },
                {"id": "help", "title": "Help them", "role": "desk"},
                {"id": "end", "title": "Hang up", "role": "desk", "end": True},
            ],
        }
    )
    [deck] = export(document, "pptx", tmp_path)
    sizes = _check_deck(document, deck, "en")
    assert len(sizes) == 1


_WORDS = st.sampled_from(
    ("check", "the", "order", "stock", "confirm", "send", "invoice", "call", "customer",
     "supplier", "record", "price", "delivery", "battery", "sign", "approve", "quote")
)  # fmt: skip
_TITLES = st.lists(_WORDS, min_size=2, max_size=9).map(lambda words: " ".join(words).capitalize())


@st.composite
def charted_procedures(draw: st.DrawFn) -> Procedure:
    """Return a procedure with decisions, conditional steps, warnings and sub-steps."""
    roles = draw(st.integers(1, 4))
    count = draw(st.integers(3, 14))
    steps: list[dict[str, Any]] = []
    for index in range(count):
        step: dict[str, Any] = {
            "id": f"s{index}",
            "title": draw(_TITLES),
            "role": f"r{draw(st.integers(0, roles - 1))}",
        }
        later = list(range(index + 1, count))
        if len(later) >= 2 and (index == 0 or draw(st.integers(0, 3)) == 0):
            yes, no = draw(st.lists(st.sampled_from(later), min_size=2, max_size=2, unique=True))
            step["title"] += "?"
            step["decision"] = [
                {"when": "yes", "goto": f"s{yes}"},
                {"when": "no", "goto": f"s{no}"},
            ]
        elif draw(st.integers(0, 4)) == 0:
            step["when"] = draw(_TITLES)
        if draw(st.integers(0, 3)) == 0:
            step["warning"] = draw(_TITLES)
        if draw(st.integers(0, 3)) == 0:
            step["substeps"] = [{"title": draw(_TITLES)} for _ in range(draw(st.integers(1, 3)))]
        steps.append(step)
    steps[-1]["end"] = True
    return Procedure.model_validate(
        {
            "id": "GEN-001",
            "title": "A generated procedure",
            "layout": draw(st.sampled_from(["flowchart", "steps"])),
            "roles": [{"id": f"r{n}", "name": draw(_TITLES)} for n in range(roles)],
            "steps": steps,
        }
    )


@settings(max_examples=8)
@given(document=charted_procedures(), language=st.sampled_from(["en", "fr"]))
def test_generated_chart_sections_are_readable_at_one_scale(
    tmp_path_factory: pytest.TempPathFactory, document: Procedure, language: str
) -> None:
    folder = tmp_path_factory.mktemp("deck")
    [deck] = export(document, "pptx", folder, lang=language)
    _check_deck(document, deck, language)


def test_the_deck_with_chart_sections_opens_in_libreoffice(tmp_path: Path) -> None:
    deck = _export(EXAMPLES / "sales-opportunity.yaml", tmp_path / "out", "en")
    [pdf] = to_pdf([deck], tmp_path / "pdf")
    shown, _ = _chart_slides(deck, "en")
    text = " ".join(pdf_text(pdf).split())
    for slide in shown:
        assert " ".join(slide.title.split()) in text, slide.title
    assert "Flowchart: overview" in text and "Flowchart: steps 1 " in text
