"""Sub-steps as a real Word numbered list: one list per top-level step, a level per depth,
printing the numbers `sopmodel.views.numbering` gives (2.1, 2.1.1 in an outline; a, i, 1 in
the other layouts), so that the document, the flowchart and the deck agree.

A document that cannot take numbering gets the number as text before the title, with the
same hanging indent: nothing is lost.
"""

from __future__ import annotations

from typing import Any

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from sopmodel.exporters.word.richtext import Fragment, RichWriter
from sopmodel.exporters.word.wordxml import paragraph, runs
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


def _definition(parent: str, hierarchical: bool) -> Any:
    """Return the list definition of the sub-steps of top-level step `parent`."""
    levels = []
    for level in range(LEVELS):
        if hierarchical:
            numbers = ".".join(f"%{i + 1}" for i in range(level + 1))
            kind, text = "decimal", f"{parent}.{numbers}"
        else:
            kind, text = _FORMATS[level % 3], f"%{level + 1}"
        left = substep_indent(level + 1, hierarchical)
        levels.append(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{kind}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:pPr><w:tabs>'
            f'<w:tab w:val="num" w:pos="{left}"/></w:tabs><w:ind w:left="{left}" '
            f'w:hanging="{_hanging(level, hierarchical)}"/></w:pPr><w:rPr><w:b/></w:rPr></w:lvl>'
        )
    return parse_xml(
        f'<w:abstractNum {nsdecls("w")}><w:multiLevelType w:val="multilevel"/>'
        f"{''.join(levels)}</w:abstractNum>"
    )


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
        numbers = self._list(number.split(".")[0]) if depth <= LEVELS else None
        style = self.writer.style_id(SUBSTEP_STYLE)
        keep = bool(lines) or more
        if numbers is not None:
            found = [paragraph(runs(title), style, keep, (numbers, depth - 1))]
        else:
            hanging = _hanging(min(depth, LEVELS) - 1, self.hierarchical)
            content = runs(label, bold=True) + runs("\t") + runs(title)
            found = [paragraph(content, style, keep, left=indent, hanging=hanging)]
        for place, (name, text) in enumerate(lines, 1):
            keep = place < len(lines) or more
            style = self.writer.style_id(name)
            found.append(paragraph(runs(text), style, keep, after_pt=2, left=indent))
        return Fragment("".join(found))

    def line(
        self, style: str, text: str, indent: int, more_runs: str = "", aligned: bool = False
    ) -> Fragment:
        """Return one paragraph of a template style (a check), `indent` twips further in than
        the style puts it (`aligned`: at `indent` itself, under a sub-step's text, when there
        is one); `more_runs` is Word XML of runs added after the text (hyperlinks)."""

        found = self.writer.style_id(style)
        left = indent
        if found and not (aligned and indent):
            own = self.writer.document.styles[style].paragraph_format.left_indent
            left += int(own.twips) if own else 0
        return Fragment(paragraph(runs(text) + more_runs, found, left=left or None))
