"""Sub-steps as a real Word numbered list: one list per top-level step, a level per depth,
printing the numbers `sopmodel.views.numbering` gives (2.1, 2.1.1 in an outline; a, i, 1 in
the other layouts), so that the document, the flowchart and the deck agree.

A document that cannot take numbering gets the number as text before the title, with the
same hanging indent: nothing is lost.
"""

from __future__ import annotations

from typing import Any

from docx.blkcntnr import BlockItemContainer
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

from sopmodel.exporters.word.richtext import Fragment, RichWriter
from sopmodel.model import Layout

__all__ = ["SUBSTEP_STYLE", "SubstepLists", "substep_indent"]

SUBSTEP_STYLE = "Substep"
"""The paragraph style of a sub-step's title (the template may restyle it)."""
LEVELS = 9
"""Word lists have nine levels: sub-steps deeper than that number themselves as text."""
_FORMATS = ("lowerLetter", "lowerRoman", "decimal")
"""The number format of depth 1, 2, 3, 4... outside an outline (as outline_label)."""


def _hanging(level: int, hierarchical: bool) -> int:
    """Return the room (twips) for the number of a list level: 2.1.1 needs more than b."""
    return 460 + 130 * level if hierarchical else 360


def substep_indent(depth: int, hierarchical: bool) -> int:
    """Return where the text of a sub-step at `depth` starts, in twips from the margin."""
    if depth <= 0:
        return 0
    level = min(depth, LEVELS) - 1
    return 360 * level + _hanging(level, hierarchical)


def _set(element: Any, tag: str, **attributes: str) -> Any:
    child = OxmlElement(tag)
    for key, value in attributes.items():
        child.set(qn(f"w:{key}"), value)
    element.append(child)
    return child


def _definition(parent: str, hierarchical: bool) -> Any:
    """Return the list definition of the sub-steps of top-level step `parent`."""
    abstract = OxmlElement("w:abstractNum")
    _set(abstract, "w:multiLevelType", val="multilevel")
    for level in range(LEVELS):
        entry = _set(abstract, "w:lvl", ilvl=str(level))
        _set(entry, "w:start", val="1")
        if hierarchical:
            _set(entry, "w:numFmt", val="decimal")
            numbers = ".".join(f"%{i + 1}" for i in range(level + 1))
            _set(entry, "w:lvlText", val=f"{parent}.{numbers}")
        else:
            _set(entry, "w:numFmt", val=_FORMATS[level % 3])
            _set(entry, "w:lvlText", val=f"%{level + 1}")
        _set(entry, "w:lvlJc", val="left")
        place = _set(entry, "w:pPr")
        tabs = _set(place, "w:tabs")
        left = substep_indent(level + 1, hierarchical)
        _set(tabs, "w:tab", val="num", pos=str(left))
        _set(place, "w:ind", left=str(left), hanging=str(_hanging(level, hierarchical)))
        _set(_set(entry, "w:rPr"), "w:b")
    return abstract


class SubstepLists:
    """Writes sub-step titles as items of one numbered list per top-level step."""

    def __init__(self, writer: RichWriter, layout: Layout, numbers: list[str]) -> None:
        """`numbers` are the outline numbers of every sub-step (2.1, 2.1.3...)."""
        self.writer = writer
        self.hierarchical = layout is Layout.hierarchical
        self._lists: dict[str, int | None] = {}
        if not self.hierarchical:  # Word letters go y, z, aa, bb; sopmodel's y, z, aa, ab
            for number in numbers:
                *_, position = number.split(".")
                if number.count(".") % 3 == 1 and int(position) > 26:
                    self._lists[number.split(".")[0]] = None  # numbered as text

    def _list(self, parent: str) -> int | None:
        if parent not in self._lists:
            definition = _definition(parent, self.hierarchical)
            self._lists[parent] = self.writer.add_numbering(definition)
        return self._lists[parent]

    def title(
        self,
        number: str,
        label: str,
        title: str,
        lines: list[tuple[str, str]],
        more: bool,
    ) -> Fragment:
        """Return a sub-step's title as a numbered list item, then its short lines (a
        condition, who and how long: (style name, text)), kept together, and kept with what
        follows when the sub-step says `more` (notes, details, sub-steps...): a list of bare
        sub-steps is free to break anywhere."""
        depth = number.count(".")
        indent = substep_indent(depth, self.hierarchical)

        def fill(body: BlockItemContainer) -> None:
            paragraph = body.add_paragraph()
            self.writer.style(paragraph, SUBSTEP_STYLE)
            paragraph.paragraph_format.keep_with_next = bool(lines) or more
            numbers = self._list(number.split(".")[0]) if depth <= LEVELS else None
            if numbers is not None:
                numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()
                numbering.get_or_add_ilvl().val = depth - 1
                numbering.get_or_add_numId().val = numbers
            else:
                paragraph.add_run(label).bold = True
                paragraph.add_run().add_tab()
                ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
                ind.set(qn("w:left"), str(indent))
                ind.set(qn("w:hanging"), str(_hanging(min(depth, LEVELS) - 1, self.hierarchical)))
            paragraph.add_run(title)
            for place, (style, text) in enumerate(lines, 1):
                line = body.add_paragraph()
                self.writer.style(line, style)
                line.paragraph_format.keep_with_next = place < len(lines) or more
                line.paragraph_format.space_after = Pt(2)
                line.add_run(text)
                line._p.get_or_add_pPr().get_or_add_ind().set(qn("w:left"), str(indent))

        return self.writer.fragment(fill)

    def line(
        self, style: str, text: str, indent: int, runs: str = "", aligned: bool = False
    ) -> Fragment:
        """Return one paragraph of a template style (a check), `indent` twips further in than
        the style puts it (`aligned`: at `indent` itself, under a sub-step's text, when there
        is one); `runs` is Word XML of runs added after the text (hyperlinks)."""

        def fill(body: BlockItemContainer) -> None:
            paragraph = body.add_paragraph()
            if self.writer.style(paragraph, style) and not (aligned and indent):
                own = self.writer.document.styles[style].paragraph_format.left_indent
                paragraph.paragraph_format.left_indent = own or 0
            if text:
                paragraph.add_run(text)
            if runs:
                paragraph._p.extend(parse_xml(f"<w:p {nsdecls('w', 'r')}>{runs}</w:p>"))

        return self.writer.fragment(fill, indent)
