"""Lay a deck out in a PowerPoint template with python-pptx."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from sopmodel.exporters.base import LOG, Destination, ExportError
from sopmodel.exporters.officefile import TEMPLATE_LIMITS, check_office_file
from sopmodel.exporters.slides import DEFAULT_LAYOUTS, TEMPLATE, SlidesOptions
from sopmodel.exporters.slides.builder import plan_deck, procedure_deck
from sopmodel.exporters.slides.deck import (
    INSETS,
    Box,
    ChartPicture,
    Fonts,
    Geometry,
    Para,
    Run,
    Sizes,
    Slide,
)
from sopmodel.exporters.slides.fit import font_metrics
from sopmodel.exporters.slides.package import SlideAdder
from sopmodel.exporters.writing import export_time, normalize_zip
from sopmodel.i18n import labels as labels_for
from sopmodel.model import Document, Plan
from sopmodel.views import SIGNAL_COLOURS

__all__ = ["build_deck", "write_pptx"]

EMU_PER_POINT = 12700
CODE_FONT = "Courier New"
"""The fixed-width font of code (Liberation Mono draws it where Courier New is missing)."""
BANDS = {level.value: colours for level, colours in SIGNAL_COLOURS.items()}
"""The colour of each note level's signal word and of its text (ANSI Z535.4 / ISO 3864)."""
LINK_COLOUR = "0563C1"


def _layouts(deck: Any, options: SlidesOptions) -> dict[str, Any]:
    """Return the layouts the deck uses, or raise ExportError naming the missing ones."""
    wanted = {**DEFAULT_LAYOUTS, **options.layouts}
    found = {layout.name: layout for layout in deck.slide_layouts}
    missing = sorted({name for name in wanted.values() if name not in found})
    if missing:
        raise ExportError(
            f"the template has no layout named {', '.join(map(repr, missing))}:"
            f" it has {', '.join(map(repr, found))}; map them with -O"
            " 'layouts={cover: ..., content: ..., section: ..., picture: ...}'"
        )
    return {role: found[name] for role, name in wanted.items()}


def _box(shape: Any, margins: tuple[float, ...] = (0.0, 0.0)) -> Box:
    return Box(shape.width / EMU_PER_POINT, shape.height / EMU_PER_POINT, margins)


def _placeholder(layout: Any, index: int) -> Any:
    for shape in layout.placeholders:
        if shape.placeholder_format.idx == index:
            return shape
    raise ExportError(f"layout {layout.name!r} has no placeholder {index} (title 0, body 1)")


def _margins(deck: Any) -> tuple[float, ...]:
    """Return the left margin of bullet levels 1 to 6 from the master, in points."""
    style = deck.slide_masters[0]._element.find(".//" + qn("p:bodyStyle"))
    margins: list[float] = []
    for level in range(1, 7):
        found = style.find(qn(f"a:lvl{level}pPr")) if style is not None else None
        default = 27.0 + 31.5 * (level - 1)
        margins.append(
            int(found.get("marL", "0")) / EMU_PER_POINT if found is not None else default
        )
    return tuple(margins)


def _geometry(deck: Any, layouts: dict[str, Any]) -> Geometry:
    margins = _margins(deck)
    title_only = _placeholder(layouts["picture"], 0)
    top = (title_only.top + title_only.height) / EMU_PER_POINT
    area = Box(
        deck.slide_width / EMU_PER_POINT - 2 * title_only.left / EMU_PER_POINT,
        deck.slide_height / EMU_PER_POINT - top - 24,
    )
    return Geometry(
        title=_box(_placeholder(layouts["content"], 0)),
        body=_box(_placeholder(layouts["content"], 1), margins),
        cover_title=_box(_placeholder(layouts["cover"], 0)),
        cover_subtitle=_box(_placeholder(layouts["cover"], 1)),
        section_title=_box(_placeholder(layouts["section"], 0)),
        section_text=_box(_placeholder(layouts["section"], 1)),
        picture_area=area,
    )


def build_deck(
    document: Document, options: SlidesOptions, flowchart: list[ChartPicture]
) -> list[Slide]:
    """Return the deck model of a document as it will be laid out in the chosen template."""
    deck = _open(options)
    geometry = _geometry(deck, _layouts(deck, options))
    labels = labels_for(str(options.lang or document.language))
    fonts = Fonts(
        font_metrics(options.font), font_metrics(options.font, bold=True), font_metrics(CODE_FONT)
    )
    today = export_time(document).date()
    if isinstance(document, Plan):
        return plan_deck(document, labels, geometry, Sizes(), fonts, today)
    return procedure_deck(document, labels, geometry, Sizes(), fonts, flowchart, today)


def _write(
    frame: Any, lines: list[tuple[int, str]], size_of: Any, font: str, bold: bool = False
) -> None:
    """Fill a text frame with (level, text) paragraphs that never grow the frame."""
    frame.clear()
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = Pt(INSETS[0])
    frame.margin_top = frame.margin_bottom = Pt(INSETS[1])
    for index, (level, text) in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.level = level
        paragraph.line_spacing = 1.0
        paragraph.space_before = Pt(Sizes().space_before if index else 0)
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(size_of(level))
        run.font.name = font
        run.font.bold = bold


def _run(paragraph: Any, run: Run, size: float, font: str) -> None:
    """Add one formatted run: bold, italic, code, a hyperlink, or a signal word's band."""
    added = paragraph.add_run()
    added.text = run.text
    added.font.size = Pt(size)
    added.font.name = CODE_FONT if run.code else font
    added.font.bold = run.bold
    if run.italic:
        added.font.italic = True
    if run.url:
        added.hyperlink.address = run.url
        added.font.color.rgb = RGBColor.from_string(LINK_COLOUR)  # type: ignore[no-untyped-call]
        added.font.underline = True
    if run.band:
        fill, ink = BANDS[run.band]
        added.font.color.rgb = RGBColor.from_string(ink)  # type: ignore[no-untyped-call]
        properties = added._r.get_or_add_rPr()
        highlight = properties.makeelement(qn("a:highlight"), {})
        colour = highlight.makeelement(qn("a:srgbClr"), {"val": fill})
        highlight.append(colour)
        _put_before(properties, highlight, _AFTER_HIGHLIGHT)


_AFTER_HIGHLIGHT = {
    qn(f"a:{name}")
    for name in ("uLnTx", "uLn", "uFillTx", "uFill", "latin", "ea", "cs", "sym", "hlinkClick",
                 "hlinkMouseOver", "rtl", "extLst")
}  # fmt: skip
"""What follows a:highlight in a run's properties (ECMA-376 CT_TextCharacterProperties)."""
_AFTER_BULLET = {qn(f"a:{name}") for name in ("tabLst", "defRPr", "extLst")}
"""What follows a:buNone in a paragraph's properties."""


def _put_before(parent: Any, child: Any, later: set[str]) -> None:
    """Insert an element where the schema wants it: before the first of the `later` tags."""
    for sibling in parent:
        if sibling.tag in later:
            sibling.addprevious(child)
            return
    parent.append(child)


def _write_paras(frame: Any, paras: list[Para], box: Box, font: str) -> None:
    """Fill a body frame with formatted paragraphs; those without a bullet align with the
    text of bulleted ones at the same level."""
    sizes = Sizes()
    frame.clear()
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = Pt(INSETS[0])
    frame.margin_top = frame.margin_bottom = Pt(INSETS[1])
    for index, item in enumerate(paras):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.level = min(item.level, 8)
        paragraph.line_spacing = 1.0
        paragraph.space_before = Pt(sizes.space_before if index else 0)
        if not item.bullet:
            properties = paragraph._p.get_or_add_pPr()
            properties.set("marL", str(int(box.margin(item.level) * EMU_PER_POINT)))
            properties.set("indent", "0")
            _put_before(properties, properties.makeelement(qn("a:buNone"), {}), _AFTER_BULLET)
        for run in item.runs or (Run(""),):
            _run(paragraph, run, sizes.of(item.level), font)


def _drop_template_slides(deck: Any) -> None:
    """Remove the example slides a branded template may hold (python-pptx has no API)."""
    slide_ids = deck.slides._sldIdLst
    for slide_id in list(slide_ids):
        deck.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)


def _lay_out(
    deck: Any, slides: list[Slide], layouts: dict[str, Any], options: SlidesOptions
) -> None:
    font = options.font
    body = _geometry(deck, layouts).body
    adder = SlideAdder(deck)
    for model in slides:
        role = {"cards": "picture"}.get(model.layout, model.layout)
        slide = adder.add_slide(layouts[role])
        title_size = model.title_size
        _write(
            slide.shapes.title.text_frame,
            [(0, model.title)],
            lambda _l, size=title_size: size,
            font,
            bold=True,
        )
        if model.layout in ("cover", "section"):
            subtitle_size = model.subtitle_size
            _write(
                slide.placeholders[1].text_frame,
                [(0, line) for line in model.subtitle.split("\n")],
                lambda _l, size=subtitle_size: size,
                font,
            )
        elif model.layout == "content":
            _write_paras(slide.placeholders[1].text_frame, model.paras, body, font)
        elif model.layout == "picture" and model.picture is not None:
            _picture(deck, slide, model.picture, model.picture_size)
        elif model.layout == "cards":
            _cards(deck, slide, model.cards, font)
        for shape in list(slide.placeholders):
            if shape.placeholder_format.idx not in (0, 1) or (
                model.layout in ("picture", "cards") and shape.placeholder_format.idx == 1
            ):
                shape._element.getparent().remove(shape._element)  # empty footers, dates
        if model.notes:
            slide.notes_slide.notes_text_frame.text = model.notes


def _picture(deck: Any, slide: Any, path: Path, size: tuple[float, float] | None = None) -> None:
    title = slide.shapes.title
    top = title.top + title.height
    room_w, room_h = deck.slide_width - 2 * title.left, deck.slide_height - top - Emu(Pt(24))
    picture = slide.shapes.add_picture(str(path), title.left, top)
    scale = min(room_w / picture.width, room_h / picture.height, 1.0)
    if size is not None:  # chart (issue 11): the size asked; the theme part owns the final one
        scale = Pt(size[0]) / picture.width
    picture.width, picture.height = int(picture.width * scale), int(picture.height * scale)
    picture.left = int((deck.slide_width - picture.width) / 2)


def _cards(deck: Any, slide: Any, cards: list[tuple[str, str]], font: str) -> None:
    title = slide.shapes.title
    top = title.top + title.height
    width = int((deck.slide_width - 2 * title.left) / 3)
    height = int((deck.slide_height - top - Emu(Pt(24))) / 2)
    sizes = Sizes()
    for index, (heading, text) in enumerate(cards):
        left = title.left + (index % 3) * width
        shape = slide.shapes.add_shape(
            MSO_SHAPE.ROUNDED_RECTANGLE,
            left + int(width * 0.04),
            top + (index // 3) * height + int(height * 0.06),
            int(width * 0.92),
            int(height * 0.88),
        )
        frame = shape.text_frame
        _write(frame, [(0, heading)], lambda _l: sizes.box + 2, font, bold=True)
        if text:
            paragraph = frame.add_paragraph()
            run = paragraph.add_run()
            run.text = text
            run.font.size = Pt(sizes.box)
            run.font.name = font


def _flowchart(document: Document, options: SlidesOptions, folder: Path) -> list[ChartPicture]:
    """Return the deck's flowchart pictures, sized for the template's picture area."""
    from sopmodel.exporters.slides.chart import chart_pictures, wants_chart

    if not wants_chart(document, options):
        return []
    deck = _open(options)
    area = _geometry(deck, _layouts(deck, options)).picture_area
    return chart_pictures(document, options, folder, area)


WHAT = "PowerPoint template"


def _open(options: SlidesOptions) -> Any:
    """Return the presentation of the template; a custom one is checked as untrusted first."""
    if options.template is None:
        return Presentation(str(TEMPLATE))
    name = str(options.template)
    check_office_file(name, WHAT, TEMPLATE_LIMITS, required=["ppt/presentation.xml"])
    try:
        return Presentation(name)
    except Exception as error:  # python-pptx raises many kinds for a broken package
        detail = " ".join(str(error).split())[:200] or type(error).__name__
        raise ExportError(f"{name}: the {WHAT} is not usable: {detail}") from None


_TEXT_PROPERTIES = (qn("a:rPr"), qn("a:endParaRPr"))


def _tag_language(deck: Any, tag: str) -> None:
    """Mark every run of every slide and of its speaker notes with the language, so that
    PowerPoint and LibreOffice proof a French deck as French."""
    parts = [slide._element for slide in deck.slides]
    parts += [slide.notes_slide._element for slide in deck.slides if slide.has_notes_slide]
    for part in parts:
        for run in part.iter(qn("a:r"), qn("a:fld")):
            properties = run.find(qn("a:rPr"))
            if properties is None:
                properties = run.makeelement(qn("a:rPr"), {})
                run.insert(0, properties)
            properties.set("lang", tag)
        for properties in part.iter(qn("a:endParaRPr")):
            properties.set("lang", tag)


def write_pptx(document: Document, destination: Destination, options: SlidesOptions) -> None:
    """Write the deck of a procedure or a plan to destination.path."""
    with tempfile.TemporaryDirectory(prefix="sopmodel-slides-") as scratch:
        slides = build_deck(document, options, _flowchart(document, options, Path(scratch)))
        deck = _open(options)
        _drop_template_slides(deck)
        _lay_out(deck, slides, _layouts(deck, options), options)
        _tag_language(deck, options.language_tag(document))
        when = export_time(document)
        properties = deck.core_properties
        properties.title = f"{document.id} {document.title}"[:255]
        properties.author = properties.last_modified_by = "sopmodel"
        properties.created = properties.modified = when.replace(tzinfo=None)
        properties.revision = 1
        deck.save(str(destination.path))
    normalize_zip(destination.path, when)
    minutes = round(sum(slide.minutes for slide in slides))
    labels = labels_for(str(options.lang or document.language))
    LOG.info(
        "%s: %s", document.id, labels.format("session_length", minutes=minutes, slides=len(slides))
    )
