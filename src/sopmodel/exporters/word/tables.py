"""Tables written by the exporter rather than the template: columns nobody filled and empty
rows left out, coloured cells (a risk's severity), a repeated header, rows kept whole."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sopmodel.exporters.word.richtext import TWIP, Fragment, RichWriter
from sopmodel.exporters.word.wordxml import paragraph, runs

__all__ = ["HEADER_FILL", "Cell", "grid", "grid_xml", "kept"]

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
    return Fragment(grid_xml(writer, headers, rows, weights, keep))


def _cell(value: Cell, width: int, header: bool) -> str:
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{value.fill}"/>' if value.fill else ""
    lines = value.text.split("\n")
    inner = "".join(
        paragraph(runs(line, value.bold, value.ink), keep=header or None, after_pt=1)
        for line in lines
    )
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>{inner}</w:tc>'


def grid_xml(
    writer: RichWriter,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell | str]],
    weights: Sequence[float],
    keep: Collection[int] = (),
) -> str:
    """Return the Word XML of the table `grid` returns ("" when no row has text)."""
    columns, cells = kept(headers, rows, keep)
    if not cells or not columns:
        return ""
    total = int(writer.width / TWIP)
    share = sum(weights[c] for c in columns)
    widths = [int(total * weights[c] / share) for c in columns]
    sides = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{BORDER}"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    found = [
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:tblBorders>{sides}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>',
        *(f'<w:gridCol w:w="{width}"/>' for width in widths),
        "</w:tblGrid>",
    ]
    lines = [[Cell(headers[c], HEADER_FILL, None, True) for c in columns]]
    lines += [[row[c] for c in columns] for row in cells]
    for number, line in enumerate(lines):
        header = "<w:tblHeader/>" if number == 0 else ""
        found.append(f"<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>")
        found += [
            _cell(value, width, number == 0) for value, width in zip(line, widths, strict=True)
        ]
        found.append("</w:tr>")
    found.append("</w:tbl>")
    found.append(paragraph("", after_pt=0))
    return "".join(found)
