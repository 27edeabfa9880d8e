"""Read what a person sees in an SVG written by `dot`: its text, size and font sizes."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def svg_root(path: Path) -> ET.Element:
    """Return the parsed SVG (it must be well-formed XML)."""
    return ET.parse(path).getroot()


def visible_text(path: Path) -> str:
    """Return every <text> of the SVG, in order, joined by spaces."""
    return " ".join("".join(t.itertext()) for t in svg_root(path).iter(f"{SVG}text"))


_BIDI_MARKS = dict.fromkeys(
    map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


def squeeze(text: str) -> str:
    """Return text without whitespace and invisible direction marks, to compare wrapped lines
    with the original (renderers lay those marks out; they do not print them)."""
    return "".join(text.translate(_BIDI_MARKS).split())


def page_size(path: Path) -> tuple[float, float]:
    """Return (width, height) in points."""
    root = svg_root(path)
    return float(root.get("width", "0").removesuffix("pt")), float(
        root.get("height", "0").removesuffix("pt")
    )


def font_sizes(path: Path) -> list[float]:
    """Return the font size of every <text>, in points."""
    return [float(t.get("font-size", "14")) for t in svg_root(path).iter(f"{SVG}text")]


def node_names(path: Path) -> list[str]:
    """Return the DOT names of the nodes drawn on the page."""
    names = []
    for group in svg_root(path).iter(f"{SVG}g"):
        if group.get("class") == "node":
            title = group.find(f"{SVG}title")
            if title is not None and title.text:
                names.append(title.text)
    return names


def pages(folder: Path, stem: str) -> list[Path]:
    """Return the pages of a chart in order: stem.svg, stem-2.svg, ..."""
    numbered = sorted(
        folder.glob(f"{stem}-*.svg"), key=lambda p: int(re.findall(r"-(\d+)\.svg$", p.name)[0])
    )
    return [folder / f"{stem}.svg", *numbered]
