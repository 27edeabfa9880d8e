"""Lay a deck out in a PowerPoint template with python-pptx."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from sopmodel.exporters.base import LOG, Destination, ExportError
from sopmodel.exporters.officefile import TEMPLATE_LIMITS, check_office_file
from sopmodel.exporters.slides import DEFAULT_LAYOUTS, TEMPLATE, SlidesOptions
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
from sopmodel.exporters.slides.plan_deck import plan_deck
from sopmodel.exporters.slides.procedure_deck import procedure_deck
from sopmodel.exporters.slides.session import DEFAULT_SESSION
from sopmodel.exporters.slides.theme import ACCENT, INK, MARKS, MUTED, NAVY, STYLE_INKS, tint
from sopmodel.exporters.writing import (
    describe_office_file,
    export_time,
    normalize_zip,
    printed_date,
)
from sopmodel.i18n import labels as labels_for
from sopmodel.model import Document, Plan
from sopmodel.views import SIGNAL_COLOURS

__all__ = ["build_deck", "deck_fonts", "write_deck", "write_pptx"]

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


@dataclass(frozen=True)
class _Rect:
    """A rectangle on a slide, in EMU."""

    left: int
    top: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height

    def box(self, margins: tuple[float, ...] = (0.0, 0.0)) -> Box:
        """Return the rectangle as a text box of the deck model, in points."""
        return Box(self.width / EMU_PER_POINT, self.height / EMU_PER_POINT, margins)

    def overlaps(self, other: _Rect) -> bool:
        """Return whether two rectangles share some area (touching edges do not)."""
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )


def _rect(shape: Any) -> _Rect:
    """Return where a shape is (a placeholder without its own position inherits it)."""
    return _Rect(int(shape.left), int(shape.top), int(shape.width), int(shape.height))


@dataclass(frozen=True)
class _Areas:
    """Where a content slide's body goes, alone or beside a picture, and where pictures go."""

    body: _Rect
    beside: _Rect
    """The body narrowed to leave the right-hand part to a picture (`Slide.aside`)."""
    aside: _Rect
    """The right-hand part of the body's area, for the picture beside the text."""
    picture: _Rect
    """The free area under the title of a title-only slide (pictures, cards)."""


BESIDE = 0.56
"""The share of the body's width left to the text when a picture is beside it."""
GAP = 16 * EMU_PER_POINT
"""The space between the text and a picture beside it."""


def _areas(layouts: dict[str, Any]) -> _Areas:
    body = _rect(_placeholder(layouts["content"], 1))
    text = int(body.width * BESIDE)
    title = _rect(_placeholder(layouts["picture"], 0))
    top = max(body.top, title.bottom)
    return _Areas(
        body=body,
        beside=_Rect(body.left, body.top, text, body.height),
        aside=_Rect(body.left + text + GAP, body.top, body.width - text - GAP, body.height),
        picture=_Rect(body.left, top, body.width, max(body.bottom - top, EMU_PER_POINT)),
    )


def _box(shape: Any, margins: tuple[float, ...] = (0.0, 0.0)) -> Box:
    return _rect(shape).box(margins)


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
    areas = _areas(layouts)
    return Geometry(
        title=_box(_placeholder(layouts["content"], 0)),
        body=areas.body.box(margins),
        cover_title=_box(_placeholder(layouts["cover"], 0)),
        cover_subtitle=_box(_placeholder(layouts["cover"], 1)),
        section_title=_box(_placeholder(layouts["section"], 0)),
        section_text=_box(_placeholder(layouts["section"], 1)),
        picture_area=areas.picture.box(),
        body_beside=areas.beside.box(margins),
    )


def build_deck(
    document: Document,
    options: SlidesOptions,
    flowchart: list[ChartPicture],
    geometry: Geometry | None = None,
) -> list[Slide]:
    """Return the deck model of a document as it will be laid out in the chosen template
    (whose geometry is read from it unless given)."""
    if geometry is None:
        deck = _open(options)
        geometry = _geometry(deck, _layouts(deck, options))
    labels = labels_for(str(options.lang or document.language))
    fonts = deck_fonts(options)
    printed = printed_date() if options.printed else None
    if isinstance(document, Plan):
        return plan_deck(document, labels, geometry, Sizes(), fonts, printed)
    return procedure_deck(document, labels, geometry, Sizes(), fonts, flowchart, printed, options)


def _frame(frame: Any) -> None:
    """Empty a text frame that wraps its lines and never grows or shrinks its text."""
    frame.clear()
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = Pt(INSETS[0])
    frame.margin_top = frame.margin_bottom = Pt(INSETS[1])


def _write(
    frame: Any, lines: list[tuple[int, str]], size_of: Any, font: str, bold: bool = False
) -> None:
    """Fill a text frame with (level, text) paragraphs that never grow the frame."""
    _frame(frame)
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


def _colour(font: Any, colour: str) -> None:
    font.color.rgb = RGBColor.from_string(colour)  # type: ignore[no-untyped-call]


def _highlight(added: Any, colour: str) -> None:
    """Give a run a background colour (a:highlight: PowerPoint 2019+, LibreOffice)."""
    properties = added._r.get_or_add_rPr()
    highlight = properties.makeelement(qn("a:highlight"), {})
    highlight.append(highlight.makeelement(qn("a:srgbClr"), {"val": colour}))
    _put_before(properties, highlight, _AFTER_HIGHLIGHT)


def _run(paragraph: Any, run: Run, size: float, font: str, look: _Look) -> None:
    """Add one formatted run: bold, italic, code, a hyperlink, a signal word's band, and the
    paragraph's look (its style's colour, or the tint of the callout it belongs to)."""
    added = paragraph.add_run()
    added.text = run.text
    added.font.size = Pt(size)
    added.font.name = CODE_FONT if run.code else font
    added.font.bold = run.bold or look.bold
    if run.italic:
        added.font.italic = True
    if run.url:
        added.hyperlink.address = run.url
        _colour(added.font, LINK_COLOUR)
        added.font.underline = True
    elif run.band:
        fill, ink = BANDS[run.band]
        _colour(added.font, ink)
        _highlight(added, fill)
    elif look.ink:
        _colour(added.font, look.ink)
    if run.mark:
        _highlight(added, MARKS[run.mark])
        if run.mark == "removed":
            added.font._rPr.set("strike", "sngStrike")
    elif look.shade and not run.band:
        _highlight(added, look.shade)


@dataclass(frozen=True)
class _Look:
    """How a paragraph's runs are drawn: a colour, bold, a background tint."""

    ink: str | None = None
    bold: bool = False
    shade: str | None = None


CALLOUT_TINT = 0.2
"""How much of its level's colour the background of a callout's text takes."""
TINTS = {level: tint(fill, CALLOUT_TINT) for level, (fill, _ink) in BANDS.items()}


def _looks(paras: list[Para]) -> list[_Look]:
    """Return the look of each paragraph: a style's colour; a callout's text, and the deeper
    paragraphs that follow it (its list items), on a light tint of the level's colour."""
    looks = []
    callout: tuple[str, int] | None = None
    for item in paras:
        level = item.callout
        if level is not None:
            callout = (level, item.level)
        elif callout is not None and (item.level <= callout[1] or item.style or item.keep):
            callout = None
        looks.append(
            _Look(
                ink=STYLE_INKS.get(item.style or "", INK if callout else None),
                bold=item.style == "condition",
                shade=TINTS[callout[0]] if callout else None,
            )
        )
    return looks


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


def _write_paras(frame: Any, paras: list[Para], margins: tuple[float, ...], font: str) -> None:
    """Fill a body frame with formatted paragraphs; those without a bullet align with the
    text of bulleted ones at the same level."""
    sizes = Sizes()
    box = Box(0.0, 0.0, margins)
    _frame(frame)
    for index, (item, look) in enumerate(zip(paras, _looks(paras), strict=True)):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.level = min(item.level, 8)
        paragraph.line_spacing = 1.0
        paragraph.space_before = Pt(sizes.before(item) if index else 0)
        if not item.bullet:
            properties = paragraph._p.get_or_add_pPr()
            properties.set("marL", str(int(box.margin(item.level) * EMU_PER_POINT)))
            properties.set("indent", "0")
            _put_before(properties, properties.makeelement(qn("a:buNone"), {}), _AFTER_BULLET)
        for run in item.runs or (Run(""),):
            _run(paragraph, run, sizes.of(item.level), font, look)


def _drop_template_slides(deck: Any) -> None:
    """Remove the example slides a branded template may hold (python-pptx has no API)."""
    slide_ids = deck.slides._sldIdLst
    for slide_id in list(slide_ids):
        deck.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)


def _lay_out(
    deck: Any, slides: list[Slide], layouts: dict[str, Any], options: SlidesOptions, footer: str
) -> None:
    """Add the slides to the deck; every slide but the cover gets the footer and its number."""
    font = options.font
    margins = _margins(deck)
    areas = _areas(layouts)
    strip = _Strip.under(areas.body, int(deck.slide_height))
    places = _LayoutPlaces()
    adder = SlideAdder(deck)
    for number, model in enumerate(slides, 1):
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
            body = slide.placeholders[1]
            if model.aside is not None:
                _place(body, areas.beside)
                _draw_picture(slide, model.aside, areas.aside, top=True)
            _write_paras(body.text_frame, model.paras, margins, font)
        elif model.layout == "picture" and model.picture is not None:
            _draw_picture(slide, model.picture, areas.picture, size=model.picture_size)
        elif model.layout == "cards":
            _cards(slide, model.cards, areas.picture, font)
        for shape in list(slide.placeholders):
            if shape.placeholder_format.idx not in (0, 1) or (
                model.layout in ("picture", "cards") and shape.placeholder_format.idx == 1
            ):
                shape._element.getparent().remove(shape._element)  # empty footers, dates
        if model.layout != "cover":
            _footer(slide, layouts[role], places, strip, footer, number, font)
        if model.notes:
            slide.notes_slide.notes_text_frame.text = model.notes


def _place(shape: Any, where: _Rect) -> None:
    shape.left, shape.top, shape.width, shape.height = (
        Emu(where.left), Emu(where.top), Emu(where.width), Emu(where.height)
    )  # fmt: skip


def _draw_picture(
    slide: Any,
    path: Path,
    area: _Rect,
    size: tuple[float, float] | None = None,
    top: bool = False,
) -> None:
    """Draw a picture in an area, its aspect kept: at `size` (points) when given and it fits,
    else as large as fits (never larger than its own size on a picture slide); centred, or at
    the top of the area."""
    picture = slide.shapes.add_picture(str(path), area.left, area.top)
    width, height = picture.width, picture.height
    if size is not None:
        width, height = size[0] * EMU_PER_POINT, size[1] * EMU_PER_POINT
    most = 1.0 if size is None and not top else float("inf")
    scale = min(area.width / width, area.height / height, most)
    if size is not None:
        scale = min(scale, 1.0)
    picture.width, picture.height = Emu(round(width * scale)), Emu(round(height * scale))
    picture.left = Emu(area.left + (area.width - picture.width) // 2)
    picture.top = Emu(area.top if top else area.top + (area.height - picture.height) // 2)


def _cards(slide: Any, cards: list[tuple[str, str]], area: _Rect, font: str) -> None:
    """Draw up to six cards in a grid of three columns: a pale blue box, a blue heading."""
    width, height = area.width // 3, area.height // 2
    sizes = Sizes()
    for index, (heading, text) in enumerate(cards):
        left = area.left + (index % 3) * width
        shape = slide.shapes.add_shape(
            MSO_SHAPE.ROUNDED_RECTANGLE,
            left + int(width * 0.04),
            area.top + (index // 3) * height + int(height * 0.06),
            int(width * 0.92),
            int(height * 0.88),
        )
        style = shape._element.find(qn("p:style"))
        if style is not None:  # the theme's shape style: a gradient and a shadow
            shape._element.remove(style)
        shape.adjustments[0] = 0.08
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(CARD)  # type: ignore[no-untyped-call]
        shape.line.color.rgb = RGBColor.from_string(ACCENT)  # type: ignore[no-untyped-call]
        shape.line.width = Pt(1)
        frame = shape.text_frame
        frame.vertical_anchor = MSO_ANCHOR.TOP
        _write(frame, [(0, heading)], lambda _l: sizes.box + 2, font, bold=True)
        frame.paragraphs[0].alignment = PP_ALIGN.LEFT
        _colour(frame.paragraphs[0].runs[0].font, NAVY)
        if text:
            paragraph = frame.add_paragraph()
            paragraph.alignment = PP_ALIGN.LEFT
            run = paragraph.add_run()
            run.text = text
            run.font.size = Pt(sizes.box)
            run.font.name = font
            _colour(run.font, INK)


CARD = tint(ACCENT, 0.1)
"""The background of a card."""
FOOTER_SIZE = 12.0
FOOTER_HEIGHT = 24 * EMU_PER_POINT
"""The height of the footer's boxes when the template has no footer placeholders."""
SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"


@dataclass(frozen=True)
class _Strip:
    """Where the footer and the slide number go on a template without footer placeholders:
    the strip under the body, when it is high enough."""

    footer: _Rect | None
    number: _Rect | None

    @classmethod
    def under(cls, body: _Rect, slide_height: int) -> _Strip:
        top = slide_height - FOOTER_HEIGHT - 4 * EMU_PER_POINT
        if top < body.bottom:
            return cls(None, None)
        wide = 72 * EMU_PER_POINT
        return cls(
            _Rect(body.left, top, body.width - wide, FOOTER_HEIGHT),
            _Rect(body.right - wide, top, wide, FOOTER_HEIGHT),
        )


class _LayoutPlaces:
    """Where a layout's placeholders are, by index, and its footer and slide-number ones.

    Worked out once per layout: a placeholder that inherits its position makes python-pptx
    search the layout each time it is asked, which made every slide cost 10 ms."""

    def __init__(self) -> None:
        self.known: dict[int, tuple[dict[int, _Rect], dict[Any, Any]]] = {}

    def of(self, layout: Any) -> tuple[dict[int, _Rect], dict[Any, Any]]:
        """Return (rectangle by placeholder index, placeholder by kind) of a layout."""
        key = id(layout.part)
        if key not in self.known:
            places = {p.placeholder_format.idx: _rect(p) for p in layout.placeholders}
            kinds: dict[Any, Any] = {}
            for placeholder in layout.placeholders:
                kinds.setdefault(placeholder.placeholder_format.type, placeholder)
            self.known[key] = (places, kinds)
        return self.known[key]

    def taken(self, slide: Any, layout: Any) -> list[_Rect]:
        """Return where the shapes of a slide are."""
        places, _ = self.of(layout)
        found = []
        for shape in slide.shapes:
            inherits = shape.is_placeholder and shape._element.xfrm is None
            index = shape.placeholder_format.idx if inherits else None
            found.append(places[index] if index in places else _rect(shape))
        return found


def _footer(
    slide: Any, layout: Any, places: _LayoutPlaces, strip: _Strip, text: str, number: int,
    font: str,
) -> None:  # fmt: skip
    """Show the footer and the slide number: in the layout's footer and slide number
    placeholders, else in the strip under the body; never over another shape."""
    taken = places.taken(slide, layout)
    rects, sources = places.of(layout)
    kinds = ((PP_PLACEHOLDER.FOOTER, strip.footer), (PP_PLACEHOLDER.SLIDE_NUMBER, strip.number))
    for kind, fallback in kinds:
        source = sources.get(kind)
        if source is not None and not any(
            rects[source.placeholder_format.idx].overlaps(r) for r in taken
        ):
            slide.shapes.clone_placeholder(source)
            shape = slide.shapes[-1]
        elif fallback is not None and not any(fallback.overlaps(r) for r in taken):
            shape = slide.shapes.add_textbox(
                Emu(fallback.left), Emu(fallback.top), Emu(fallback.width), Emu(fallback.height)
            )
            shape.name = "Footer" if kind is PP_PLACEHOLDER.FOOTER else "Slide Number"
        else:
            continue
        frame = shape.text_frame
        _frame(frame)
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        paragraph = frame.paragraphs[0]
        if kind is PP_PLACEHOLDER.FOOTER:
            run = paragraph.add_run()
            run.text = text
            run.font.size = Pt(FOOTER_SIZE)
            run.font.name = font
            if not shape.is_placeholder:
                _colour(run.font, MUTED)
        else:
            _slide_number(paragraph, number, font, shape.is_placeholder)


def _slide_number(paragraph: Any, number: int, font: str, inherited: bool) -> None:
    """Add the slide number as a field PowerPoint and LibreOffice keep up to date."""
    if not inherited:
        paragraph.alignment = PP_ALIGN.RIGHT
    field = paragraph._p.makeelement(qn("a:fld"), {"id": SLIDE_NUMBER_FIELD, "type": "slidenum"})
    properties = field.makeelement(qn("a:rPr"), {"sz": str(int(FOOTER_SIZE * 100))})
    if not inherited:
        fill = properties.makeelement(qn("a:solidFill"), {})
        fill.append(fill.makeelement(qn("a:srgbClr"), {"val": MUTED}))
        properties.append(fill)
    properties.append(properties.makeelement(qn("a:latin"), {"typeface": font}))
    field.append(properties)
    shown = field.makeelement(qn("a:t"), {})
    shown.text = str(number)
    field.append(shown)
    _put_before(paragraph._p, field, {qn("a:endParaRPr")})


def _flowchart(
    document: Document, options: SlidesOptions, folder: Path, area: Box | None = None
) -> list[ChartPicture]:
    """Return the deck's flowchart pictures, sized for the template's picture area (read
    from the template unless given)."""
    from sopmodel.exporters.slides.chart import chart_pictures, wants_chart

    if not wants_chart(document, options):
        return []
    if area is None:
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


def _footer_text(document: Document) -> str:
    """Return what the footer says: the document's id and version ("LAB-012 · v2.0.0")."""
    version = getattr(document, "version", None)
    return f"{document.id} · v{version}" if version else document.id


def deck_fonts(options: SlidesOptions) -> Fonts:
    """Return the metrics of the faces a deck is drawn with: its font, bold, and code."""
    return Fonts(
        font_metrics(options.font), font_metrics(options.font, bold=True), font_metrics(CODE_FONT)
    )


def write_deck(
    document: Document,
    slides_for: Callable[[Geometry, Path], list[Slide]],
    destination: Destination,
    options: SlidesOptions,
) -> list[Slide]:
    """Write to destination.path the slides `slides_for(geometry, scratch folder)` returns
    for the template's geometry, laid out in the template; return them."""
    with tempfile.TemporaryDirectory(prefix="sopmodel-slides-") as scratch:
        deck = _open(options)
        layouts = _layouts(deck, options)
        slides = slides_for(_geometry(deck, layouts), Path(scratch))
        _drop_template_slides(deck)
        _lay_out(deck, slides, layouts, options, _footer_text(document))
        _tag_language(deck, options.language_tag(document))
        when = export_time(document)
        describe_office_file(deck.core_properties, document, options.language_tag(document), when)
        deck.save(str(destination.path))
    normalize_zip(destination.path, when)
    return slides


def write_pptx(document: Document, destination: Destination, options: SlidesOptions) -> None:
    """Write the deck of a procedure or a plan to destination.path."""

    def slides_for(geometry: Geometry, scratch: Path) -> list[Slide]:
        charts = _flowchart(document, options, scratch, geometry.picture_area)
        return build_deck(document, options, charts, geometry)

    slides = write_deck(document, slides_for, destination, options)
    minutes = round(sum(slide.minutes for slide in slides))
    labels = labels_for(str(options.lang or document.language))
    said = labels.format("session_length", minutes=minutes, slides=len(slides))
    if options.minutes is None and minutes > DEFAULT_SESSION:
        said += labels.format("session_shorter", minutes=DEFAULT_SESSION)
    LOG.info("%s: %s", document.id, said)
