"""Build the default PowerPoint template shipped with sopmodel: 16:9, Calibri, one deep blue.

The master draws a deep blue title bar, a thin rule above the footer, the footer (left) and
the slide number (right); "Title Slide" and "Section Header" are deep blue pages with a large
white title, a short pale rule and their text under it; "Title and Content" and "Title Only"
use the master. python-pptx's own template gives the package; the master, the four layouts
the deck uses and the theme's colours are written here, the other layouts removed.

Run `python tools/deck_template.py [FOLDER]` after changing it (FOLDER: the package's
templates folder by default); a test checks that the committed file is what it writes.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn

from sopmodel.exporters.slides.theme import ACCENT, INK, MUTED, NAVY, ON_NAVY, PALE, RULE
from sopmodel.exporters.writing import normalize_zip

OUT = Path(__file__).resolve().parent.parent / "src/sopmodel/exporters/slides/templates"
WIDTH, HEIGHT = 960, 540
"""The slide in points: 13.333 in x 7.5 in (16:9)."""
MARGIN = 40
BAND = 90
"""The height of the title bar."""
TITLE = (MARGIN, 6, WIDTH - 2 * MARGIN, 78)
BODY = (MARGIN, 104, WIDTH - 2 * MARGIN, 384)
FOOTER_LINE = 496
FOOTER = (MARGIN, 502, 600, 26)
NUMBER = (WIDTH - MARGIN - 100, 502, 100, 26)
WHEN = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
FIELD = "{C1FF6DA9-008F-8B48-92A6-B652298478BF}"
LAYOUTS = ("Title Slide", "Title and Content", "Section Header", "Title Only")

NS = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
)


def emu(points: float) -> int:
    return round(points * 12700)


def _xfrm(box: tuple[float, float, float, float]) -> str:
    x, y, w, h = (emu(v) for v in box)
    return f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'


def _fill(colour: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'


def _rect(number: int, name: str, box: tuple[float, float, float, float], colour: str) -> str:
    """Return a plain filled rectangle (a decoration of the master or a layout)."""
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{number}" name="{name}"/><p:cNvSpPr/>'
        '<p:nvPr userDrawn="1"/></p:nvSpPr>'
        f'<p:spPr>{_xfrm(box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{_fill(colour)}'
        "<a:ln><a:noFill/></a:ln></p:spPr></p:sp>"
    )


def _placeholder(
    number: int,
    name: str,
    kind: str,
    box: tuple[float, float, float, float] | None,
    anchor: str = "t",
    style: str = "",
    text: str = "",
) -> str:
    """Return a placeholder: its kind ('title', 'body idx=1', 'ftr idx=11'...), its box (None:
    the master's), how its text is anchored, its list style and its prompt."""
    kind, _, index = kind.partition(" idx=")
    slot = f' idx="{index}"' if index else ""
    ph = f'<p:ph type="{kind}"{slot}/>' if kind != "obj" else f"<p:ph{slot}/>"
    position = f"<p:spPr>{_xfrm(box)}</p:spPr>" if box else "<p:spPr/>"
    body = f'<a:bodyPr anchor="{anchor}"><a:noAutofit/></a:bodyPr>' if box else "<a:bodyPr/>"
    if kind == "sldNum":
        content = f'<a:fld id="{FIELD}" type="slidenum"><a:t>‹#›</a:t></a:fld>'
    else:
        content = f"<a:r><a:t>{text}</a:t></a:r>" if text else ""
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{number}" name="{name}"/>'
        '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f"<p:nvPr>{ph}</p:nvPr></p:nvSpPr>{position}"
        f"<p:txBody>{body}<a:lstStyle>{style}</a:lstStyle><a:p>{content}</a:p></p:txBody></p:sp>"
    )


def _level(colour: str, size: int, align: str = "l", bold: bool = False) -> str:
    weight = ' b="1"' if bold else ""
    return (
        f'<a:lvl1pPr marL="0" indent="0" algn="{align}"><a:buNone/>'
        f'<a:defRPr sz="{size * 100}"{weight}>{_fill(colour)}'
        "</a:defRPr></a:lvl1pPr>"
    )


def _tree(shapes: list[str], background: str | None = None) -> str:
    fill = f"<p:bg><p:bgPr>{_fill(background)}<a:effectLst/></p:bgPr></p:bg>" if background else ""
    return (
        f'<p:cSld {NS}>{fill}<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/>'
        '<p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0"'
        ' cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'
        + "".join(shapes)
        + "</p:spTree></p:cSld>"
    )


def _footers(first: int, colour: str | None) -> list[str]:
    """Return the footer and slide number placeholders of a layout (None: the master's look)."""
    footer = _level(colour, 12) if colour else ""
    number = _level(colour, 12, "r") if colour else ""
    return [
        _placeholder(first, "Footer Placeholder", "ftr idx=11", FOOTER if colour else None,
                     "ctr", footer),
        _placeholder(first + 1, "Slide Number Placeholder", "sldNum idx=12",
                     NUMBER if colour else None, "ctr", number),
    ]  # fmt: skip


def _body_style() -> str:
    """Return the master's body levels: Calibri in dark ink, bullets in the accent colour."""
    levels = []
    for level in range(1, 10):
        left = [342900, 742950, 1143000, 1600200, 2057400, 2514600, 2971800, 3429000, 3886200]
        hang = 342900 if level == 1 else (285750 if level == 2 else 228600)
        size = {1: 22, 2: 20}.get(level, 18)
        mark = "–" if level % 2 == 0 else "•"
        levels.append(
            f'<a:lvl{level}pPr marL="{left[level - 1]}" indent="-{hang}" algn="l">'
            '<a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
            '<a:spcBef><a:spcPts val="600"/></a:spcBef>'
            f'<a:buClr><a:srgbClr val="{ACCENT}"/></a:buClr><a:buFont typeface="Arial"/>'
            f'<a:buChar char="{mark}"/><a:defRPr sz="{size * 100}">{_fill(INK)}'
            '<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/>'
            f"</a:defRPr></a:lvl{level}pPr>"
        )
    return "".join(levels)


def _master_styles() -> str:
    title = (
        '<p:titleStyle><a:lvl1pPr algn="l"><a:lnSpc><a:spcPct val="90000"/></a:lnSpc>'
        f'<a:buNone/><a:defRPr sz="3200" b="1">{_fill("FFFFFF")}'
        '<a:latin typeface="+mj-lt"/><a:ea typeface="+mj-ea"/><a:cs typeface="+mj-cs"/>'
        "</a:defRPr></a:lvl1pPr></p:titleStyle>"
    )
    other = (
        '<p:otherStyle><a:lvl1pPr><a:defRPr sz="1800"><a:solidFill><a:schemeClr val="tx1"/>'
        '</a:solidFill><a:latin typeface="+mn-lt"/></a:defRPr></a:lvl1pPr></p:otherStyle>'
    )
    return f"<p:txStyles {NS}>{title}<p:bodyStyle>{_body_style()}</p:bodyStyle>{other}</p:txStyles>"


def _master() -> tuple[str, str]:
    shapes = [
        _rect(2, "Title Bar", (0, 0, WIDTH, BAND), NAVY),
        _rect(3, "Footer Rule", (MARGIN, FOOTER_LINE, WIDTH - 2 * MARGIN, 0.75), RULE),
        _placeholder(4, "Title Placeholder", "title", TITLE, "ctr", "", "Title"),
        _placeholder(5, "Text Placeholder", "body idx=1", BODY, "t", "", "Text"),
        _placeholder(6, "Footer Placeholder", "ftr idx=11", FOOTER, "ctr", _level(MUTED, 12)),
        _placeholder(7, "Slide Number Placeholder", "sldNum idx=12", NUMBER, "ctr",
                     _level(NAVY, 12, "r", bold=True)),
    ]  # fmt: skip
    return _tree(shapes), _master_styles()


def _cover() -> str:
    """The title slide: deep blue, a large white title, a pale rule, the subtitle lines."""
    left, width = 64, WIDTH - 128
    return _tree(
        [
            _rect(2, "Accent Strip", (0, 0, 14, HEIGHT), ACCENT),
            _placeholder(
                3,
                "Title",
                "ctrTitle",
                (left, 96, width, 196),
                "b",
                _level("FFFFFF", 36, bold=True),
                "Title",
            ),
            _rect(4, "Title Rule", (left + 7, 306, 96, 5), PALE),
            _placeholder(
                5,
                "Subtitle",
                "subTitle idx=1",
                (left, 324, width, 150),
                "t",
                _level(ON_NAVY, 20),
                "Subtitle",
            ),
        ],
        NAVY,
    )


def _section() -> str:
    """A section divider: deep blue, a large white title, a pale rule, one line of text."""
    left, width = 64, WIDTH - 128
    return _tree(
        [
            _placeholder(
                2,
                "Title",
                "title",
                (left, 120, width, 180),
                "b",
                _level("FFFFFF", 36, bold=True),
                "Section",
            ),
            _rect(3, "Title Rule", (left + 7, 314, 96, 5), PALE),
            _placeholder(
                4, "Text", "body idx=1", (left, 332, width, 120), "t", _level(ON_NAVY, 24), "Text"
            ),
            *_footers(5, ON_NAVY),
        ],
        NAVY,
    )


def _content() -> str:
    return _tree(
        [
            _placeholder(2, "Title", "title", None),
            _placeholder(3, "Content", "obj idx=1", None),
            *_footers(4, None),
        ]
    )


def _title_only() -> str:
    return _tree([_placeholder(2, "Title", "title", None), *_footers(3, None)])


def _replace(element: etree._Element, tag: str, xml: str) -> None:
    """Replace a child of an element by the one written in xml, in place."""
    old = element.find(qn(tag))
    new = parse_xml(xml)
    old.addprevious(new)
    element.remove(old)


def _colours(theme: bytes) -> bytes:
    """Return the theme with the deck's colours and Calibri as its fonts."""
    scheme = (
        f'<a:clrScheme name="Deep blue"><a:dk1><a:srgbClr val="{INK}"/></a:dk1>'
        f'<a:lt1><a:srgbClr val="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="{NAVY}"/></a:dk2>'
        '<a:lt2><a:srgbClr val="E9EEF5"/></a:lt2>'
        f'<a:accent1><a:srgbClr val="{NAVY}"/></a:accent1>'
        f'<a:accent2><a:srgbClr val="{ACCENT}"/></a:accent2>'
        '<a:accent3><a:srgbClr val="1E7B34"/></a:accent3>'
        '<a:accent4><a:srgbClr val="C8102E"/></a:accent4>'
        '<a:accent5><a:srgbClr val="FF7900"/></a:accent5>'
        f'<a:accent6><a:srgbClr val="{MUTED}"/></a:accent6>'
        '<a:hlink><a:srgbClr val="0563C1"/></a:hlink><a:folHlink><a:srgbClr val="7030A0"/>'
        "</a:folHlink></a:clrScheme>"
    )
    theme = re.sub(rb"<a:clrScheme .*?</a:clrScheme>", scheme.encode(), theme, flags=re.S)
    return re.sub(rb'<a:theme ([^>]*)name="[^"]*"', rb'<a:theme \1name="Deep blue"', theme)


def build(target: Path) -> Path:
    """Write deck.pptx into a folder and return its path."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = emu(WIDTH), emu(HEIGHT)
    master = deck.slide_masters[0]
    for layout in list(master.slide_layouts):
        if layout.name not in LAYOUTS:
            master.slide_layouts.remove(layout)
    tree, styles = _master()
    _replace(master._element, "p:cSld", tree)
    _replace(master._element, "p:txStyles", styles)
    drawn = {
        "Title Slide": _cover(),
        "Title and Content": _content(),
        "Section Header": _section(),
        "Title Only": _title_only(),
    }
    for layout in master.slide_layouts:
        name = layout.name
        _replace(layout._element, "p:cSld", drawn[name])
        layout._element.find(qn("p:cSld")).set("name", name)
        if name in ("Title Slide", "Section Header"):
            layout._element.set("showMasterSp", "0")
    theme = master.part.part_related_by(RT.THEME)
    theme._blob = _colours(theme.blob)
    properties = deck.core_properties
    properties.title = "Training deck"
    properties.author = properties.last_modified_by = ""
    properties.comments = ""
    properties.created = properties.modified = WHEN.replace(tzinfo=None)
    properties.revision = 1
    target.mkdir(parents=True, exist_ok=True)
    path = target / "deck.pptx"
    deck.save(str(path))
    normalize_zip(path, WHEN)
    return path


def main() -> int:
    """Write deck.pptx into the package (or into the folder given)."""
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
