"""Rich text as real Word content: the `sopmodel.markup` tree written as paragraphs, lists,
tables, hyperlinks and callout boxes, into the document being rendered.

Each piece is a `Fragment`: Word XML that a template places with `{{p name }}`. Lists get
numbering definitions of their own (added to the document, which need not have any list
style); hyperlinks get an external relationship of the document. If the document cannot take
numbering, list items keep their bullet or number as text: nothing is ever lost.
"""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from html import escape
from typing import Any

from docx.blkcntnr import BlockItemContainer
from docx.document import _Body
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.numbering import NumberingPart
from docx.shared import Emu, Mm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph as WordParagraph
from docxtpl import RichText
from lxml import etree  # type: ignore[import-untyped]

from sopmodel.markup import (
    Block,
    Break,
    Code,
    CodeBlock,
    Emphasis,
    Heading,
    Inline,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Rule,
    Strong,
    Table,
    Text,
    inline_text,
)
from sopmodel.model import NoteLevel
from sopmodel.views import HAZARDS, SIGNAL_COLOURS, Callout

__all__ = ["TWIP", "Fragment", "RichWriter", "set_child"]

MONOSPACE = "Courier New"
LINK_COLOUR = RGBColor(0x05, 0x63, 0xC1)
INDENT_TWIPS = 360
"""The indent of each list level (a quarter inch, as Word's own lists)."""
_BULLETS = ("•", "–")
_ORDERED = ("decimal", "lowerLetter", "lowerRoman")


def tint(colour: str, amount: float = 0.14) -> str:
    """Return a light tint of a hex colour: `amount` of it on white."""
    channels = [int(colour[i : i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(255 - (255 - c) * amount):02X}" for c in channels)


class Fragment:
    """Word XML to place with `{{p name }}` in a template; empty when there is nothing."""

    def __init__(self, xml: str) -> None:
        self.xml = xml

    def __html__(self) -> str:
        return self.xml

    def __str__(self) -> str:
        return self.xml

    def __bool__(self) -> bool:
        return bool(self.xml)


def set_child(element: Any, tag: str, **attributes: str) -> Any:
    """Append a child element with w: attributes and return it."""
    child = OxmlElement(tag)
    for key, value in attributes.items():
        child.set(qn(f"w:{key}"), value)
    element.append(child)
    return child


_set = set_child


def _shade(properties: Any, fill: str) -> None:
    _set(properties, "w:shd", val="clear", color="auto", fill=fill)


def _add_table(container: BlockItemContainer, rows: int, columns: int, width: int) -> Any:
    """Return a new table at the end of a container: the body, or a cell (a note's box)."""
    if isinstance(container, _Cell):
        return container.add_table(rows, columns)  # a cell's table takes the cell's width
    return container.add_table(rows, columns, Emu(width))


def _borders(properties: Any, tag: str, colour: str, size: int, sides: tuple[str, ...]) -> None:
    borders = _set(properties, tag)
    for side in sides:
        _set(borders, f"w:{side}", val="single", sz=str(size), space="0", color=colour)


def _number(element: Any, attribute: str) -> int:
    """Return a numeric id attribute of a template's element (0 when it is not a number)."""
    value = element.get(qn(attribute), "")
    return int(value) if value.isdigit() and len(value) < 10 else 0


_AFTER_TBLIND = ("tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook")
TWIP = 635
"""EMU per twip."""


def _indent(element: Any, twips: int) -> None:
    """Move a body paragraph or table `twips` further from the left margin."""
    if element.tag == qn("w:tbl"):
        properties = element.tblPr
        shift = OxmlElement("w:tblInd")
        shift.set(qn("w:w"), str(twips))
        shift.set(qn("w:type"), "dxa")
        later = [properties.find(qn(f"w:{tag}")) for tag in _AFTER_TBLIND]
        following = [e for e in later if e is not None]
        if following:
            following[0].addprevious(shift)
        else:
            properties.append(shift)
        return
    if element.tag != qn("w:p"):
        return
    properties = element.get_or_add_pPr()
    numbered = properties.numPr
    ind = properties.get_or_add_ind()
    if numbered is not None and numbered.ilvl is not None and ind.get(qn("w:left")) is None:
        level = int(numbered.ilvl.val)
        ind.set(qn("w:left"), str(INDENT_TWIPS * (level + 1) + twips))
        ind.set(qn("w:hanging"), str(INDENT_TWIPS))
        return
    left = ind.get(qn("w:left")) or ind.get(qn("w:start")) or "0"
    ind.set(qn("w:left"), str(int(left) + twips))


def _indented(element: Any) -> bool:
    properties = element.pPr
    return properties is not None and properties.find(qn("w:ind")) is not None


class RichWriter:
    """Writes blocks, inlines and callouts into the document a template renders into."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.part = document.part
        section = document.sections[-1] if document.sections else None
        width = None
        if section is not None and section.page_width:
            width = section.page_width - (section.left_margin or 0) - (section.right_margin or 0)
        self.width = Emu(width) if width and width > Mm(30) else Mm(170)
        self._numbering: Any = None
        self._numbering_failed = False
        self._next_ids: list[int] | None = None
        self._first_num: Any = None
        self._definitions: dict[bool, Any] = {}
        self._styles: dict[str, str | None] = {}
        self._frames: dict[tuple[NoteLevel, str, int, int], str] = {}

    # fragments ------------------------------------------------------------------------

    def fragment(self, fill: Callable[[BlockItemContainer], None], indent: int = 0) -> Fragment:
        """Return the Word XML that `fill` writes into an empty body, its paragraphs and
        tables moved `indent` twips from the margin (and narrowed as much)."""
        body = _Body(OxmlElement("w:body"), self.document)
        width = self.width
        self.width = Emu(width - indent * TWIP) if width - indent * TWIP > Mm(40) else width
        try:
            fill(body)
        finally:
            self.width = width
        if indent:
            for child in body._body:
                _indent(child, indent)
        return Fragment("".join(etree.tostring(child, encoding="unicode") for child in body._body))

    def rich(self, blocks: tuple[Block, ...], indent: int = 0) -> Fragment:
        """Return blocks as Word content, `indent` twips from the margin."""
        if not blocks:
            return Fragment("")
        return self.fragment(lambda body: self.blocks(body, blocks, self.width), indent)

    def boxes(
        self, items: list[Callout], words: Callable[[NoteLevel], str], indent: int = 0
    ) -> Fragment:
        """Return callouts as boxes, one per note; `words` gives each level's signal word."""
        return Fragment("".join(self._box(item, words(item.level), indent) for item in items))

    def _box(self, item: Callout, word: str, indent: int) -> str:
        """Return one callout's box as XML; a box of one line of plain text (most checks and
        warnings) is the box drawn once for its level, word and width with the text put in."""
        text = _one_line(item.blocks)
        if text is None:
            return self._drawn_box(item, word, indent)
        key = (item.level, word, self.width, indent)
        if key not in self._frames:
            sample = Callout(item.level, (Paragraph((Text(_SAMPLE),)),))
            self._frames[key] = self._drawn_box(sample, word, indent)
        return self._frames[key].replace(_SAMPLE, escape(text, quote=False))

    def _drawn_box(self, item: Callout, word: str, indent: int) -> str:
        return self.fragment(lambda body: self.callout(body, item, word, self.width), indent).xml

    def style_id(self, name: str) -> str | None:
        """Return the id of a paragraph style of the template by name (None: it has none)."""
        if name not in self._styles:
            try:
                self._styles[name] = self.document.styles[name].style_id
            except KeyError:
                self._styles[name] = None
        return self._styles[name]

    def style(self, paragraph: WordParagraph, name: str) -> bool:
        """Give a paragraph a style of the template by name, if the template has it (True)."""
        found = self.style_id(name)
        if found:
            paragraph._p.get_or_add_pPr().get_or_add_pStyle().val = found
        return bool(found)

    def hyperlink(self, text: str, url: str) -> RichText:
        """Return text as a run for `{{r name }}`: a hyperlink when there is an address."""
        if not url:
            return RichText(text)
        target = self.part.relate_to(url, RT.HYPERLINK, is_external=True)
        return RichText(text, url_id=target, color=str(LINK_COLOUR), underline=True)

    # blocks ---------------------------------------------------------------------------

    def blocks(
        self, container: BlockItemContainer, blocks: tuple[Block, ...], width: int, depth: int = 0
    ) -> None:
        """Write blocks at the end of a container (a body or a table cell)."""
        for block in blocks:
            if isinstance(block, Paragraph):
                self.inlines(container.add_paragraph(), block.inlines)
            elif isinstance(block, Heading):
                paragraph = container.add_paragraph()
                paragraph.paragraph_format.keep_with_next = True
                paragraph.paragraph_format.space_before = Pt(6)
                self.inlines(paragraph, block.inlines, bold=True)
            elif isinstance(block, ListBlock):
                self.list(container, block, width, depth)
            elif isinstance(block, Table):
                self.table(container, block, width)
            elif isinstance(block, Quote):
                start = len(container._element)
                self.blocks(container, block.blocks, width, depth)
                for element in list(container._element)[start:]:
                    if element.tag == qn("w:p"):
                        paragraph = WordParagraph(element, container)
                        paragraph.paragraph_format.left_indent = Mm(5)
                        _borders(paragraph._p.get_or_add_pPr(), "w:pBdr", "A0A7B0", 12, ("left",))
            elif isinstance(block, CodeBlock):
                paragraph = container.add_paragraph()
                _shade(paragraph._p.get_or_add_pPr(), "F2F3F5")
                self._code(paragraph, block.text.rstrip("\n"))
            elif isinstance(block, Rule):
                paragraph = container.add_paragraph()
                _borders(paragraph._p.get_or_add_pPr(), "w:pBdr", "A0A7B0", 6, ("bottom",))

    def list(self, container: BlockItemContainer, block: ListBlock, width: int, depth: int) -> None:
        """Write a bulleted or numbered list as Word list paragraphs; nested lists nest."""
        number = self._new_list(block.ordered, block.start, depth)
        for offset, item in enumerate(block.items):
            start = len(container._element)
            self.blocks(container, item, width, depth + 1)
            added = [e for e in list(container._element)[start:] if e.tag == qn("w:p")]
            if not added or self._list_level(added[0]) is not None:
                added.insert(0, container.add_paragraph()._p)
                container._element.insert(start, added[0])
            for index, element in enumerate(added):
                if self._list_level(element) is not None or _indented(element):
                    continue  # a paragraph of a nested list keeps its own place
                paragraph = WordParagraph(element, container)
                if index == 0 and number is not None:
                    numbering = element.get_or_add_pPr().get_or_add_numPr()
                    numbering.get_or_add_ilvl().val = min(depth, 8)
                    numbering.get_or_add_numId().val = number
                    continue
                paragraph.paragraph_format.left_indent = Emu(
                    Mm(6.35) * (depth + 1)  # under the item's text
                )
                if index == 0:  # no numbering available: the mark stays as text
                    mark = f"{block.start + offset}. " if block.ordered else f"{_BULLETS[0]} "
                    paragraph.paragraph_format.first_line_indent = Emu(-Mm(6.35))
                    first = element.find(qn("w:r"))
                    run = OxmlElement("w:r")
                    _set(run, "w:t").text = mark.strip()
                    _set(run, "w:tab")
                    if first is not None:
                        first.addprevious(run)
                    else:
                        element.append(run)

    @staticmethod
    def _list_level(element: Any) -> Any:
        properties = element.pPr
        return properties.numPr if properties is not None else None

    def table(self, container: BlockItemContainer, block: Table, width: int) -> None:
        """Write a Markdown table as a Word table with a bold, shaded, repeated header row."""
        rows = [block.header, *block.rows]
        columns = max(len(row) for row in rows)
        weights = [
            max(6, min(40, max(len(inline_text(row[c])) if c < len(row) else 0 for row in rows)))
            for c in range(columns)
        ]
        widths = [int(width * w / sum(weights)) for w in weights]
        grid = _add_table(container, len(rows), columns, width)
        properties = grid._tbl.tblPr
        _borders(
            properties, "w:tblBorders", "8C96A3", 4,
            ("top", "left", "bottom", "right", "insideH", "insideV"),
        )  # fmt: skip
        _set(properties, "w:tblLayout", type="fixed")
        for column, size in zip(grid._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
            column.set(qn("w:w"), str(int(Emu(size).twips)))
        for r, row in enumerate(rows):
            word_row = grid.rows[r]
            _set(word_row._tr.get_or_add_trPr(), "w:cantSplit")  # a row never breaks
            if r == 0:
                _set(word_row._tr.get_or_add_trPr(), "w:tblHeader")
            for c in range(columns):
                cell = word_row.cells[c]
                cell.width = Emu(widths[c])
                paragraph = cell.paragraphs[0]
                paragraph.paragraph_format.space_after = Pt(1)
                align = block.align[c] if c < len(block.align) else ""
                if align:
                    paragraph.alignment = {
                        "left": WD_ALIGN_PARAGRAPH.LEFT,
                        "center": WD_ALIGN_PARAGRAPH.CENTER,
                        "right": WD_ALIGN_PARAGRAPH.RIGHT,
                    }[align]
                if r == 0:
                    _shade(cell._tc.get_or_add_tcPr(), "E7ECF3")
                self.inlines(paragraph, row[c] if c < len(row) else (), bold=r == 0)
        container.add_paragraph().paragraph_format.space_after = Pt(0)

    def callout(self, container: BlockItemContainer, item: Callout, word: str, width: int) -> None:
        """Write one note as a box: the signal-word band in its colour, then its text."""
        band, ink = SIGNAL_COLOURS[item.level]
        box = _add_table(container, 2, 1, width)
        properties = box._tbl.tblPr
        _borders(properties, "w:tblBorders", band, 12, ("top", "left", "bottom", "right"))
        _set(properties, "w:tblLayout", type="fixed")
        margins = _set(properties, "w:tblCellMar")
        for side, size in (("top", "60"), ("left", "115"), ("bottom", "60"), ("right", "115")):
            _set(margins, f"w:{side}", w=size, type="dxa")
        for row in box.rows:
            _set(row._tr.get_or_add_trPr(), "w:cantSplit")
        head, body = box.rows[0].cells[0], box.rows[1].cells[0]
        _shade(head._tc.get_or_add_tcPr(), band)
        _shade(body._tc.get_or_add_tcPr(), tint(band))
        title = head.paragraphs[0]
        title.paragraph_format.keep_with_next = True
        title.paragraph_format.space_after = Pt(0)
        sign = "⚠ " if item.level in HAZARDS else ""
        run = title.add_run(sign + word)
        run.bold = True
        run.font.color.rgb = RGBColor.from_string(ink)
        inner = width - Mm(5)
        first = body.paragraphs[0]._p
        self.blocks(body, item.blocks, inner)
        if len(body._tc.findall(qn("w:p"))) + len(body._tc.findall(qn("w:tbl"))) > 1:
            body._tc.remove(first)
        last = body.paragraphs[-1] if body.paragraphs else None
        if last is not None:
            last.paragraph_format.space_after = Pt(0)
        if body._tc[-1].tag != qn("w:p"):
            body.add_paragraph().paragraph_format.space_after = Pt(0)
        spacer = container.add_paragraph()
        spacer.paragraph_format.space_after = Pt(0)
        spacer.paragraph_format.space_before = Pt(0)
        spacer.paragraph_format.line_spacing = Pt(6)

    # inlines --------------------------------------------------------------------------

    def inlines(
        self,
        paragraph: WordParagraph,
        inlines: tuple[Inline, ...],
        bold: bool = False,
        italic: bool = False,
        into: Any = None,
    ) -> None:
        """Write inlines as runs of a paragraph (or of a hyperlink inside it)."""
        for node in inlines:
            if isinstance(node, Text):
                self._run(paragraph, node.text, bold, italic, into)
            elif isinstance(node, Code):
                run = self._run(paragraph, node.text, bold, italic, into)
                run.font.name = MONOSPACE
            elif isinstance(node, Strong):
                self.inlines(paragraph, node.children, True, italic, into)
            elif isinstance(node, Emphasis):
                self.inlines(paragraph, node.children, bold, True, into)
            elif isinstance(node, Break):
                self._run(paragraph, "", bold, italic, into).add_break()
            elif isinstance(node, Link):
                self.link(paragraph, node.children, node.url, bold, italic, into)

    def link(
        self,
        paragraph: WordParagraph,
        children: tuple[Inline, ...],
        url: str,
        bold: bool = False,
        italic: bool = False,
        into: Any = None,
    ) -> None:
        """Write a hyperlink to a web address (an external relationship of the document)."""
        if not url or into is not None:
            self.inlines(paragraph, children, bold, italic, into)
            return
        anchor = OxmlElement("w:hyperlink")
        anchor.set(qn("r:id"), self.part.relate_to(url, RT.HYPERLINK, is_external=True))
        anchor.set(qn("w:history"), "1")
        paragraph._p.append(anchor)
        start = len(anchor)
        self.inlines(paragraph, children or (Text(url),), bold, italic, anchor)
        for element in list(anchor)[start:]:
            run_properties = element.get_or_add_rPr()
            run_properties.get_or_add_color().val = LINK_COLOUR
            run_properties.get_or_add_u().val = True

    def _run(self, paragraph: WordParagraph, text: str, bold: bool, italic: bool, into: Any) -> Any:
        run = _text_run(paragraph, text)
        if bold:
            run.bold = True
        if italic:
            run.italic = True
        if into is not None:
            into.append(run._r)
        return run

    def _code(self, paragraph: WordParagraph, text: str) -> None:
        run = _text_run(paragraph, text)
        run.font.name = MONOSPACE
        run.font.size = Pt(9)

    # numbering ------------------------------------------------------------------------

    def _numbering_root(self) -> Any:
        """Return the document's <w:numbering>, made if the document has none (None: cannot)."""
        if self._numbering is None and not self._numbering_failed:
            try:
                try:
                    part = self.part.part_related_by(RT.NUMBERING)
                except KeyError:
                    element = parse_xml(f"<w:numbering {nsdecls('w')}/>")
                    name = self.part.package.next_partname("/word/numbering%d.xml")
                    part = NumberingPart(
                        PackURI(str(name)), CT.WML_NUMBERING, element, self.part.package
                    )
                    self.part.relate_to(part, RT.NUMBERING)
                self._numbering = part.element
            except Exception:  # a template whose numbering part is not usable
                self._numbering_failed = True
        return self._numbering

    def _new_list(self, ordered: bool, start: int, depth: int) -> int | None:
        """Return the id of a new numbering instance for one list (None: no numbering).

        Each list has a definition of its own, so that it starts at its own number in every
        reader, whatever other lists the template holds.
        """
        if self._numbering_root() is None:
            return None
        abstract = deepcopy(self._definition(ordered))
        abstract[1 + min(depth, 8)][0].set(qn("w:val"), str(max(start, 0)))
        return self.add_numbering(abstract)

    def add_numbering(self, abstract: Any) -> int | None:
        """Add a list definition (<w:abstractNum>) to the document; return the id of its
        numbering instance (None: the document cannot take numbering)."""
        root = self._numbering_root()
        if root is None:
            return None
        if self._next_ids is None:
            abstracts = [
                _number(e, "w:abstractNumId") for e in root.iterchildren(qn("w:abstractNum"))
            ]
            numbers = [_number(e, "w:numId") for e in root.iterchildren(qn("w:num"))]
            self._next_ids = [max(abstracts, default=0) + 1, max(numbers, default=0) + 1]
            self._first_num = root.find(qn("w:num"))
        abstract_id, number_id = self._next_ids
        self._next_ids = [abstract_id + 1, number_id + 1]
        abstract.set(qn("w:abstractNumId"), str(abstract_id))
        if self._first_num is not None:
            self._first_num.addprevious(abstract)
        else:
            root.append(abstract)
        instance = _set(root, "w:num", numId=str(number_id))
        _set(instance, "w:abstractNumId", val=str(abstract_id))
        if self._first_num is None:
            self._first_num = instance
        return number_id

    def _definition(self, ordered: bool) -> Any:
        """Return the model of a list definition: nine levels, each indented further."""
        if ordered not in self._definitions:
            abstract = OxmlElement("w:abstractNum")
            _set(abstract, "w:multiLevelType", val="multilevel")
            for level in range(9):
                entry = _set(abstract, "w:lvl", ilvl=str(level))
                _set(entry, "w:start", val="1")
                if ordered:
                    _set(entry, "w:numFmt", val=_ORDERED[level % 3])
                    _set(entry, "w:lvlText", val=f"%{level + 1}.")
                else:
                    _set(entry, "w:numFmt", val="bullet")
                    _set(entry, "w:lvlText", val=_BULLETS[level % 2])
                _set(entry, "w:lvlJc", val="left")
                indent = _set(entry, "w:pPr")
                left = str(INDENT_TWIPS * (level + 1))
                _set(indent, "w:ind", left=left, hanging=str(INDENT_TWIPS))
            self._definitions[ordered] = abstract
        return self._definitions[ordered]


def _text_run(paragraph: WordParagraph, text: str) -> Any:
    """Return a new run of text: as python-docx's add_run(text) makes it, without its
    character-by-character walk when the text holds no tab or line break."""
    if "\t" in text or "\n" in text or "\r" in text:
        return paragraph.add_run(text)
    run = paragraph.add_run()
    if text:
        run._r.add_t(text)
    return run


_SAMPLE = "\ue000"
"""A character no text holds (private use), standing for the text of a drawn box."""


def _one_line(blocks: tuple[Block, ...]) -> str | None:
    """Return the text of blocks that are one paragraph of plain text on one line (as Word
    writes it: no tab, break or surrounding space), else None."""
    if len(blocks) != 1 or not isinstance(blocks[0], Paragraph):
        return None
    inlines = blocks[0].inlines
    if len(inlines) != 1 or not isinstance(inlines[0], Text):
        return None
    text = inlines[0].text
    if not text or text != text.strip() or _SAMPLE in text or any(c in text for c in "\t\n\r"):
        return None
    return text
