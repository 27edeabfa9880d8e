"""Tables written by the exporter rather than the template: columns nobody filled and empty
rows left out, coloured cells (a risk's severity), a repeated header, rows kept whole."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from docx.blkcntnr import BlockItemContainer
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Pt, RGBColor

from sopmodel.exporters.word.richtext import Fragment, RichWriter

__all__ = ["HEADER_FILL", "Cell", "grid", "kept", "shaded_run", "write_grid"]

HEADER_FILL = "E7ECF3"
BORDER = "8C96A3"


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell: its text (lines split at newlines), and optionally its colours."""

    text: str = ""
    fill: str | None = None
    """Background, RRGGBB."""
    ink: str | None = None
    """Text colour, RRGGBB."""
    bold: bool = False


def _set(element: object, tag: str, **attributes: str) -> object:
    child = OxmlElement(tag)
    for key, value in attributes.items():
        child.set(qn(f"w:{key}"), value)
    element.append(child)  # type: ignore[attr-defined]
    return child


def _shade(properties: object, fill: str) -> None:
    _set(properties, "w:shd", val="clear", color="auto", fill=fill)


def shaded_run(paragraph: object, text: str, fill: str, ink: str) -> None:
    """Add bold text on a coloured background to a paragraph (a signal word, a severity)."""
    run = paragraph.add_run(f"\u00a0{text}\u00a0")  # type: ignore[attr-defined]
    run.bold = True
    run.font.color.rgb = RGBColor.from_string(ink)
    _shade(run._r.get_or_add_rPr(), fill)


def kept(
    headers: Sequence[str], rows: Sequence[Sequence[Cell | str]], keep: Collection[int] = ()
) -> tuple[list[int], list[list[Cell]]]:
    """Return the columns to show (some cell filled, or in `keep`) and the rows that are not
    empty, their cells as Cells."""
    cells = [[c if isinstance(c, Cell) else Cell(c) for c in row] for row in rows]
    cells = [row for row in cells if any(c.text.strip() for c in row)]
    columns = [
        index
        for index in range(len(headers))
        if index in keep or any(row[index].text.strip() for row in cells)
    ]
    return columns, cells


def grid(
    writer: RichWriter,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell | str]],
    weights: Sequence[float],
    keep: Collection[int] = (),
) -> Fragment:
    """Return a table (empty when no row has text): a bold shaded header row repeated on each
    page, columns sized by `weights`, and only the columns and rows that say something."""
    if not kept(headers, rows, keep)[1]:
        return Fragment("")
    return writer.fragment(lambda body: write_grid(writer, body, headers, rows, weights, keep))


def write_grid(
    writer: RichWriter,
    body: BlockItemContainer,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell | str]],
    weights: Sequence[float],
    keep: Collection[int] = (),
) -> None:
    """Write the table `grid` returns at the end of a body."""
    columns, cells = kept(headers, rows, keep)
    if cells and columns:
        total = sum(weights[c] for c in columns)
        widths = [int(writer.width * weights[c] / total) for c in columns]
        table = body.add_table(len(cells) + 1, len(columns), Emu(writer.width))
        properties = table._tbl.tblPr
        borders = _set(properties, "w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            _set(borders, f"w:{side}", val="single", sz="4", space="0", color=BORDER)
        _set(properties, "w:tblLayout", type="fixed")
        grid_columns = table._tbl.tblGrid.findall(qn("w:gridCol"))
        for column, width in zip(grid_columns, widths, strict=True):
            column.set(qn("w:w"), str(int(Emu(width).twips)))
        lines = [[Cell(headers[c], HEADER_FILL, None, True) for c in columns]]
        lines += [[row[c] for c in columns] for row in cells]
        for number, (row, line) in enumerate(zip(table.rows, lines, strict=True)):
            row_properties = row._tr.get_or_add_trPr()
            _set(row_properties, "w:cantSplit")
            if number == 0:
                _set(row_properties, "w:tblHeader")
            for cell, value, width in zip(row.cells, line, widths, strict=True):
                cell.width = Emu(width)
                if value.fill:
                    _shade(cell._tc.get_or_add_tcPr(), value.fill)
                for index, text in enumerate(value.text.split("\n")):
                    paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
                    paragraph.paragraph_format.space_after = Pt(1)
                    if number == 0:
                        paragraph.paragraph_format.keep_with_next = True
                    run = paragraph.add_run(text)
                    run.bold = value.bold or None
                    if value.ink:
                        run.font.color.rgb = RGBColor.from_string(value.ink)
        body.add_paragraph().paragraph_format.space_after = Pt(0)
