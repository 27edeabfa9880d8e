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


_BIDI_MARKS: dict[int, str | None] = dict.fromkeys(
    map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)
_BIDI_MARKS[ord("\u2019")] = "'"


def squeeze(text: str) -> str:
    """Return text without whitespace and invisible direction marks, and with one apostrophe,
    to compare wrapped lines with the original (renderers lay those marks out and do not print
    them; outputs print an apostrophe inside a word as the typographic one)."""
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


def _group(path: Path, kind: str, name: str) -> ET.Element | None:
    """Return the <g> of a node or an edge by its DOT name (s0, s0->s1)."""
    for group in svg_root(path).iter(f"{SVG}g"):
        title = group.find(f"{SVG}title")
        if group.get("class") == kind and title is not None and title.text == name:
            return group
    return None


def node_outline(path: Path, name: str) -> dict[str, str]:
    """Return the attributes of a node's outline (stroke, stroke-width, stroke-dasharray)."""
    group = _group(path, "node", name)
    assert group is not None, f"no node {name} in {path.name}"
    shape = next(e for e in group if e.tag in (f"{SVG}path", f"{SVG}polygon", f"{SVG}ellipse"))
    return dict(shape.attrib)


def has_edge(path: Path, source: str, target: str) -> bool:
    """Return whether an edge from one node to another is drawn (`dot` writes s0&#45;&gt;s1)."""
    return _group(path, "edge", f"{source}->{target}") is not None


def texts(path: Path) -> list[tuple[str, float, str]]:
    """Return every <text> as (text, x, fill colour), in order."""
    return [
        ("".join(t.itertext()), float(t.get("x", "0")), t.get("fill", "black").lower())
        for t in svg_root(path).iter(f"{SVG}text")
    ]


def fills(path: Path) -> set[str]:
    """Return the fill colours of every shape drawn (bands, boxes), lower case."""
    return {
        shape.get("fill", "").lower()
        for shape in svg_root(path).iter()
        if shape.tag in (f"{SVG}polygon", f"{SVG}path")
    }


def cluster_labels(path: Path) -> list[str]:
    """Return the text of each cluster's label (the lanes' role names)."""
    found = []
    for group in svg_root(path).iter(f"{SVG}g"):
        if group.get("class") == "cluster":
            found.append(" ".join("".join(t.itertext()) for t in group.iter(f"{SVG}text")))
    return found
