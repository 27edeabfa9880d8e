"""Tables of the plan document written as Word content, whose columns depend on the plan: a
column nobody fills is left out, a short table stays on one page, a long one flows on with
its header repeated."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from docx.blkcntnr import BlockItemContainer
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from sopmodel.exporters.fonts import font_metrics
from sopmodel.exporters.word.richtext import Fragment, RichWriter
from sopmodel.i18n import Labels
from sopmodel.i18n.typography import typeset

__all__ = ["Column", "Row", "activities_table", "table_fragment"]

HEADER_FILL, BAND_FILL, BORDER = "E7ECF3", "F4F6FA", "8C96A3"
TEXT_POINTS = 9.0
KEPT_MM = 120.0
"""A table this tall at most is kept on one page; a taller one flows on, its header repeated
on each page (LibreOffice moves a table kept whole to a new page when it does not fit)."""
LINE_MM = 4.3
"""The height of a line of 9-point text in a cell, in mm."""
MARGINS_MM = 3.8
"""Word's default left and right cell margins."""


@dataclass(frozen=True)
class Column:
    """A column: its header, its width, and whether its cells are centred letters."""

    header: str
    width_mm: float
    letters: bool = False


@dataclass(frozen=True)
class Row:
    """A row of cells, or a band (one text across the table: a phase's name)."""

    cells: Sequence[str] = field(default_factory=list)
    band: str = ""


def _set(element: object, tag: str, **attributes: str) -> object:
    child = OxmlElement(tag)
    for key, value in attributes.items():
        child.set(qn(f"w:{key}"), value)
    element.append(child)  # type: ignore[attr-defined]
    return child


def _write(
    cell: object, text: str, language: str, *, bold: bool = False, centre: bool = False,
    keep: bool = False, size: float = TEXT_POINTS, italic: bool = False,
) -> None:  # fmt: skip
    paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.keep_with_next = keep
    if centre:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(typeset(text, language))
    run.bold = bold
    run.italic = italic
    run.font.size = Pt(size)


def _grid(table: object, widths: list[float]) -> None:
    """Give a table thin borders, a fixed layout and its column widths."""
    properties = table._tbl.tblPr  # type: ignore[attr-defined]
    borders = _set(properties, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _set(borders, f"w:{side}", val="single", sz="4", space="0", color=BORDER)
    _set(properties, "w:tblLayout", type="fixed")
    grid = table._tbl.tblGrid.findall(qn("w:gridCol"))  # type: ignore[attr-defined]
    for column, width in zip(grid, widths, strict=True):
        column.set(qn("w:w"), str(int(width * 56.7)))


def table_fragment(
    writer: RichWriter,
    language: str,
    columns: list[Column],
    rows: list[Row],
    *,
    legend: str = "",
    header_points: float = TEXT_POINTS,
    turned_header_mm: float = 0.0,
) -> Fragment:
    """Return a table as Word content: the legend in its first row, then a shaded header
    (both repeated on each page; the letter columns' names turned upright when
    turned_header_mm gives them a height), band rows across, and the whole table kept on
    one page when it is short. The legend lives inside the table: a paragraph kept with a
    long table makes LibreOffice move the table to a new page."""
    if not rows:
        return Fragment("")
    widths = [column.width_mm for column in columns]
    kept = _height_mm(columns, rows) <= KEPT_MM
    heads = 2 if legend else 1

    def fill(body: BlockItemContainer) -> None:
        table = body.add_table(len(rows) + heads, len(columns), Mm(sum(widths)))
        _grid(table, widths)
        for row in table.rows:
            _set(row._tr.get_or_add_trPr(), "w:cantSplit")
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Mm(width)
        if legend:
            _set(table.rows[0]._tr.get_or_add_trPr(), "w:tblHeader")
            cell = _spanning(table.rows[0], widths, "")
            _write(cell, legend, language, italic=True, keep=True)
        header = table.rows[heads - 1]
        properties = header._tr.get_or_add_trPr()
        _set(properties, "w:tblHeader")
        if turned_header_mm:
            _set(properties, "w:trHeight", val=str(int(turned_header_mm * 56.7)), hRule="atLeast")
        for cell, column in zip(header.cells, columns, strict=True):
            cell_properties = cell._tc.get_or_add_tcPr()
            _set(cell_properties, "w:shd", val="clear", color="auto", fill=HEADER_FILL)
            turned = bool(turned_header_mm) and column.letters
            if turned:
                _set(cell_properties, "w:textDirection", val="btLr")
            _write(cell, column.header, language, bold=True, keep=True, size=header_points,
                   centre=column.letters and not turned)  # fmt: skip
        for index, row in enumerate(rows, 1):
            keep = kept and index < len(rows)  # a longer chain makes LibreOffice move it whole
            word_row = table.rows[heads - 1 + index]
            if row.band:
                cell = _spanning(word_row, widths, BAND_FILL)
                _write(cell, row.band, language, bold=True, keep=kept)
                continue
            for cell, text, column in zip(word_row.cells, row.cells, columns, strict=True):
                _write(cell, text, language, bold=column.letters, centre=column.letters, keep=keep)
        body.add_paragraph().paragraph_format.space_after = Pt(0)

    return writer.fragment(fill)


def _height_mm(columns: list[Column], rows: list[Row]) -> float:
    """Return about how tall a table prints: each row as tall as its cell of most lines."""
    metrics = font_metrics("Calibri")

    def lines(text: str, width_mm: float) -> int:
        points = metrics.width(text, TEXT_POINTS) * 1.05
        return max(1, math.ceil(points / 72 * 25.4 / max(width_mm - MARGINS_MM, 1.0)))

    total = LINE_MM * 2
    for row in rows:
        cells = zip(row.cells, columns, strict=False)
        total += LINE_MM * max((lines(text, c.width_mm) for text, c in cells), default=1) + 0.6
    return total


def _spanning(word_row: object, widths: list[float], fill: str) -> object:
    """Return the row's first cell made to span the whole row, shaded with fill if given."""
    tr = word_row._tr  # type: ignore[attr-defined]
    first = word_row.cells[0]  # type: ignore[attr-defined]
    for extra in tr.findall(qn("w:tc"))[1:]:
        tr.remove(extra)
    properties = first._tc.get_or_add_tcPr()
    _set(properties, "w:gridSpan", val=str(len(widths)))
    if fill:
        _set(properties, "w:shd", val="clear", color="auto", fill=fill)
    first.width = Mm(sum(widths))
    return first


def activities_table(
    activities: list[dict[str, str]], labels: Labels, writer: RichWriter
) -> Fragment:
    """Return a phase's activities as a table: title (with its procedure and notes), due date,
    status, who does them (R)
    and who answers for them (A); a column no activity fills is left out, and the RACI
    legend heads the table when it has an R or A column."""
    candidates = [
        ("due", Column(labels["due_date"], 26)),
        ("status", Column(labels["status"], 21)),
        ("responsible", Column(f"{labels['responsible']} (R)", 32)),
        ("accountable", Column(f"{labels['accountable']} (A)", 32)),
    ]
    shown = [(key, column) for key, column in candidates if any(a[key] for a in activities)]
    rest = writer.width.mm - sum(column.width_mm for _, column in shown)
    columns = [Column(labels["activity"], rest), *(column for _, column in shown)]
    rows = [Row([a["cell"], *(a[key] for key, _ in shown)]) for a in activities]
    raci = any(key in ("responsible", "accountable") for key, _ in shown)
    return table_fragment(
        writer, labels.language, columns, rows, legend=labels["raci_legend"] if raci else ""
    )
