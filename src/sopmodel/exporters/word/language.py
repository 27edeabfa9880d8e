"""Mark a rendered Word document with its language, so that Word proofs French as French.

Every run of the body, headers, footers and notes, the document defaults and every style get
`w:lang w:val=<tag>` (so does the settings' theme font language when the template has one); an
East Asian or bidirectional language already set is left alone.
"""

from __future__ import annotations

from typing import Any

from docx.oxml import parse_xml
from docx.oxml.ns import qn
from lxml import etree  # type: ignore[import-untyped]

__all__ = ["tag_language"]

_TEXT_PARTS = ("header", "footer", "footnotes", "endnotes", "comments")
_AFTER_LANG = {qn(f"w:{name}") for name in ("eastAsianLayout", "specVanish", "oMath", "rPrChange")}
_AFTER_RPR = {qn(f"w:{name}") for name in ("tblPr", "trPr", "tcPr", "tblStylePr")}


def _child(parent: Any, tag: str, before: set[str]) -> Any:
    """Return parent's child `tag`, made and put before the first of `before` if missing."""
    found = parent.find(qn(tag))
    if found is None:
        found = parent.makeelement(qn(tag), {})
        later = next((child for child in parent if child.tag in before), None)
        if later is None:
            parent.append(found)
        else:
            later.addprevious(found)
    return found


def _mark(properties: Any, tag: str) -> None:
    """Set the language of run properties (w:rPr), keeping the schema's order."""
    _child(properties, "w:lang", _AFTER_LANG).set(qn("w:val"), tag)


def _mark_runs(root: Any, tag: str) -> None:
    for run in root.iter(qn("w:r")):
        properties = run.find(qn("w:rPr"))
        if properties is None:
            properties = run.makeelement(qn("w:rPr"), {})
            run.insert(0, properties)
        _mark(properties, tag)


def _mark_styles(root: Any, tag: str) -> None:
    defaults = root.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = root.makeelement(qn("w:docDefaults"), {})
        root.insert(0, defaults)
    default = _child(defaults, "w:rPrDefault", {qn("w:pPrDefault")})
    _mark(_child(default, "w:rPr", set()), tag)
    for style in root.iter(qn("w:style")):
        _mark(_child(style, "w:rPr", _AFTER_RPR), tag)


_MARKED: dict[tuple[bytes, str], bytes] = {}


def _marked_copy(styles: bytes, tag: str) -> bytes:
    """Return a styles part's bytes with the language marked, worked out once per process."""
    if (styles, tag) not in _MARKED:
        if len(_MARKED) > 8:
            _MARKED.clear()
        root = parse_xml(styles)
        _mark_styles(root, tag)
        _MARKED[styles, tag] = etree.tostring(
            root, encoding="UTF-8", xml_declaration=True, standalone=True
        )
    return _MARKED[styles, tag]


def tag_language(docx: Any, tag: str) -> None:
    """Mark every run, the defaults and every style of a python-docx document with tag."""
    _mark_runs(docx.element, tag)
    _mark_styles(docx.styles.element, tag)
    theme = docx.settings.element.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:val"), tag)
    for relation in docx.part.rels.values():
        kind = relation.reltype.rsplit("/", 1)[-1]
        if relation.is_external:
            continue
        part = relation.target_part
        if kind == "stylesWithEffects":  # Word 2010's copy of the styles, kept as bytes
            part._blob = _marked_copy(part.blob, tag)
        elif kind in _TEXT_PARTS and getattr(part, "element", None) is not None:
            _mark_runs(part.element, tag)
