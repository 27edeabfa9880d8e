"""Word paragraphs and runs written straight as XML text: the many short lines of a long
procedure (sub-step titles, checks, table cells) cost a fraction of python-docx's objects.

The text is XML-escaped here; characters XML cannot hold never reach this point (they are
removed where the document enters the exporter). Tabs and line breaks become Word's own.
"""

from __future__ import annotations

from html import escape

__all__ = ["paragraph", "runs"]


def _text(text: str) -> str:
    return f'<w:t xml:space="preserve">{escape(text, quote=False)}</w:t>' if text else ""


def runs(text: str, bold: bool = False, colour: str | None = None, fill: str | None = None) -> str:
    """Return a text as one run, tabs and line breaks included; bold, coloured or on a fill."""
    if not text:
        return ""
    properties = "<w:b/>" * bold
    properties += f'<w:color w:val="{colour}"/>' if colour else ""
    properties += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    inner = []
    for line_number, line in enumerate(text.split("\n")):
        if line_number:
            inner.append("<w:br/>")
        for tab_number, piece in enumerate(line.split("\t")):
            if tab_number:
                inner.append("<w:tab/>")
            inner.append(_text(piece))
    head = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    return f"<w:r>{head}{''.join(inner)}</w:r>"


def paragraph(
    content: str,
    style: str | None = None,
    keep: bool | None = None,
    numbering: tuple[int, int] | None = None,
    after_pt: float | None = None,
    before_pt: float | None = None,
    left: int | None = None,
    hanging: int | None = None,
) -> str:
    """Return a paragraph holding `content` (runs): its style id, kept with the next or not,
    a list item (numId, level), space after and before in points, a left indent and hanging
    in twips."""
    properties = f'<w:pStyle w:val="{style}"/>' if style else ""
    if keep is not None:
        properties += "<w:keepNext/>" if keep else '<w:keepNext w:val="0"/>'
    if numbering is not None:
        number, level = numbering
        properties += f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{number}"/></w:numPr>'
    if after_pt is not None or before_pt is not None:
        before = f' w:before="{round(before_pt * 20)}"' if before_pt is not None else ""
        after = f' w:after="{round(after_pt * 20)}"' if after_pt is not None else ""
        properties += f"<w:spacing{before}{after}/>"
    if left is not None:
        properties += f'<w:ind w:left="{left}"' + (
            f' w:hanging="{hanging}"/>' if hanging is not None else "/>"
        )
    head = f"<w:pPr>{properties}</w:pPr>" if properties else ""
    return f"<w:p>{head}{content}</w:p>"
