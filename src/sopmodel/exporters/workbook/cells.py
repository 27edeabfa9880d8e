"""Cells as the workbook writes them: text that stays text, headers, tables, notes, links, lists
that refuse what they do not offer, and the print set-up every sheet shares."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from typing import Any

from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.table import Table, TableStyleInfo

from sopmodel.i18n import Labels
from sopmodel.i18n.typography import typeset
from sopmodel.model import NoteLevel
from sopmodel.views import SIGNAL_COLOURS, Callout, lines, signal_word

__all__ = [
    "HEADER",
    "LEVEL_COLOURS",
    "MIN_PRINTED_SCALE",
    "README_WIDTH",
    "TOP",
    "callout_text",
    "choice_list",
    "fit_row",
    "font",
    "formula",
    "frame_pages",
    "header",
    "header_width",
    "link_cell",
    "note_style",
    "print_setup",
    "printed_scale",
    "put",
    "readable_paper",
    "refusing",
    "row_height",
    "run",
    "table",
    "web_address",
]

HEADER = PatternFill("solid", fgColor="1F2A44")
FORMULA_LIKE = ("=", "+", "-", "@")
TOP = Alignment(wrap_text=True, vertical="top")
LINE_HEIGHT = 14.5
"""Points per line of 11-point text, for rows whose height is set by hand."""
MAX_ROW_HEIGHT = 409.0
"""The tallest row a spreadsheet accepts, in points."""
BOLD_CHARACTER = 1.15
"""The width of a bold character of a header at most, in column-width units."""
AVERAGE_CHARACTER = 0.9
"""The width of an average character of text, in column-width units (the width of a digit)."""
README_WIDTH = 95
"""The width of the Read me's column: an A4 page in portrait, unscaled."""
MIN_PRINTED_SCALE = 8 / 11
"""The smallest scale a sheet may print at: 11-point text printed at 8 points."""
MAX_INLINE_LIST = 250
"""The longest list of choices written in the validation itself (spreadsheets take 255)."""
SAFE_SCALE = MIN_PRINTED_SCALE * 1.05
"""The scale aimed at: spreadsheets lay columns out a few per cent wider than estimated here."""
PAPERS = {9: (595.0, 842.0), 8: (842.0, 1191.0)}
"""Paper sizes by their code in a sheet's page set-up (A4, A3): width and height in points."""
MARGIN = 0.3
"""The left and right margins of a printed sheet, in inches."""
FONT = "Calibri"
"""The workbook's font: rich-text runs name it, or LibreOffice draws them in its default."""

_NOTE_TINTS = {
    NoteLevel.danger: ("F4CFD5", "C8102E"),
    NoteLevel.warning: ("FFE4CC", "B35500"),
    NoteLevel.caution: ("FFF6CC", "7A6500"),
    NoteLevel.notice: ("CCDFF1", "005EB8"),
    NoteLevel.info: ("DEE1E2", "3F484F"),
}
LEVEL_COLOURS: dict[NoteLevel, tuple[str, str, str]] = {
    level: (band, *_NOTE_TINTS[level]) for level, (band, _ink) in SIGNAL_COLOURS.items()
}
"""Per note level: the standard colour (ANSI Z535.4 / ISO 3864), the light tint filling the
note's cell, and the colour of its signal word on that tint (darkened where the standard
orange or yellow would be unreadable on its own tint)."""


def put(sheet: Any, row: int, column: int, value: Any) -> Any:
    """Write a value; text that looks like a formula stays text (never run by the spreadsheet)."""
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str | CellRichText):
        cell.data_type = "s"
        if str(value).startswith(FORMULA_LIKE):
            cell.quotePrefix = True
    return cell


def formula(sheet: Any, row: int, column: int, text: str) -> Any:
    """Write a formula of ours."""
    cell = sheet.cell(row=row, column=column)
    cell.value = text
    return cell


def unique(names: Sequence[str]) -> list[str]:
    """Return header names made unique ('Remarks', 'Remarks (2)'), as a table requires."""
    seen: dict[str, int] = {}
    found = []
    for name in names:
        seen[name.casefold()] = seen.get(name.casefold(), 0) + 1
        count = seen[name.casefold()]
        found.append(name if count == 1 else f"{name} ({count})")
    return found


def header(sheet: Any, names: list[str], widths: Sequence[float], row: int = 1) -> None:
    """Write a header row in white on dark blue and set the columns' widths, each wide enough
    for its header's longest word (a header wraps at its spaces, never inside a word)."""
    for column, (name, width) in enumerate(zip(unique(names), widths, strict=True), 1):
        cell = put(sheet, row, column, name)
        cell.font = font(bold=True, color="FFFFFF")
        cell.fill = HEADER
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = max(width, header_width(name))
    lines = 2
    for column, name in enumerate(names, 1):
        width = sheet.column_dimensions[get_column_letter(column)].width
        fits = max(1, int(width / BOLD_CHARACTER) - 1)
        lines = max(lines, sum(len(textwrap.wrap(part, fits)) or 1 for part in name.split("\n")))
    sheet.row_dimensions[row].height = lines * LINE_HEIGHT + 3


def header_width(name: str) -> float:
    """Return the width a column needs to show a bold header's longest word on one line (a
    header wraps at its spaces and line breaks; a no-break space joins)."""
    return max((len(word) for word in re.split(r"[ \n]+", name)), default=0) * BOLD_CHARACTER + 2


def table(sheet: Any, name: str, columns: int, rows: int, top: int = 1) -> None:
    """Make a striped table of the header at row `top` and the rows under it."""
    ref = f"A{top}:{get_column_letter(columns)}{top + max(rows, 1)}"
    found = Table(displayName=name, ref=ref)
    found.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    sheet.add_table(found)


def print_setup(sheet: Any, landscape: bool = True, title_row: int | None = 1) -> None:
    """Print on A4, fitted to the page's width, the header row repeated on every page.

    `frame_pages` adds the header and footer (id, version, page N of M) to every sheet, and
    `readable_paper` takes A3 for a sheet too wide to print on A4 at 8 points."""
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if title_row is not None:
        sheet.print_title_rows = f"{title_row}:{title_row}"
    sheet.page_margins.left = sheet.page_margins.right = MARGIN
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.page_margins.header = sheet.page_margins.footer = 0.25


def column_points(width: float) -> float:
    """Return the printed width of a column `width` characters wide, in points (Calibri 11:
    7 pixels a character and 5 of padding, at 96 pixels an inch)."""
    return int(width * 7 + 5) * 0.75


def _widths(sheet: Any) -> tuple[float, float]:
    """Return the printed width of a sheet's visible columns and of the columns repeated on
    every page (`print_title_cols`), in points."""
    repeated = set()
    if sheet.print_title_cols:
        first, last = (
            column_index_from_string(c.strip("$")) for c in sheet.print_title_cols.split(":")
        )
        repeated = set(range(first, last + 1))
    width = titles = 0.0
    for column in range(1, sheet.max_column + 1):
        dimension = sheet.column_dimensions[get_column_letter(column)]
        if not dimension.hidden:
            width += column_points(dimension.width or 8.43)
            titles += column_points(dimension.width or 8.43) if column in repeated else 0
    return width, titles


def printed_scale(sheet: Any) -> float:
    """Return the scale fitting the sheet's visible columns to its pages' width (`fitToWidth`
    pages, the repeated columns printed on each)."""
    width, titles = _widths(sheet)
    short, long = PAPERS.get(int(sheet.page_setup.paperSize or 9), PAPERS[9])
    paper = long if sheet.page_setup.orientation == "landscape" else short
    room = paper - 72 * (sheet.page_margins.left + sheet.page_margins.right)
    pages = int(sheet.page_setup.fitToWidth or 1)
    return min(1.0, room * pages / (width + (pages - 1) * titles)) if width else 1.0


def readable_paper(sheet: Any) -> float:
    """Print a sheet on A4, or on A3 when fitting it to A4's width would shrink its text below
    8 points; when even A3 would, print it on as many A3 pages wide as keep 8 points, the
    header row and the `print_title_cols` repeated. Return the scale it prints at."""
    scale = printed_scale(sheet)
    if scale >= SAFE_SCALE:
        return scale
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A3
    while (scale := printed_scale(sheet)) < SAFE_SCALE and sheet.page_setup.fitToWidth < 20:
        sheet.page_setup.fitToWidth += 1
    return scale


FRAME_SIZE = 11
"""The size of headers and footers: the body's, since a page fitted to its width shrinks
them with it (at 10 points they printed under 9 on the checklist form)."""


def frame_pages(book: Any, identity: str, page_of: str) -> None:
    """Give every sheet its header (the document's id and version, the sheet's name) and its
    footer (page N of M), and print it fitted to its width."""
    left = identity.replace("&", "&&")
    for sheet in book.worksheets:
        sheet.oddHeader.left.text, sheet.oddHeader.left.size = left, FRAME_SIZE
        sheet.oddHeader.right.text, sheet.oddHeader.right.size = "&A", FRAME_SIZE
        sheet.oddFooter.center.text, sheet.oddFooter.center.size = page_of, FRAME_SIZE
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        if not sheet.page_setup.fitToWidth:
            sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0


def choice_list(sheet: Any, values: Sequence[str], labels: Labels) -> DataValidation:
    """Return a drop-down list of values added to a sheet, refusing anything else with a
    message in the document's language; add the cells it applies to with `.add(range)`.

    A list longer than a spreadsheet takes inline (255 characters) is written in a hidden
    column at the sheet's right and the list refers to it."""
    offered = ",".join(v.replace(",", " ").replace('"', "'") for v in values)
    if len(offered) <= MAX_INLINE_LIST:
        source = f'"{offered}"'
    else:
        column = sheet.max_column + 2
        for row, value in enumerate(values, 1):
            put(sheet, row, column, value)
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].hidden = True
        source = f"${letter}$1:${letter}${len(values)}"
    check = refusing("list", labels["list_error_title"], labels["list_error"], formula1=source)
    sheet.add_data_validation(check)
    return check


def refusing(kind: str, title: str, error: str, **rule: Any) -> DataValidation:
    """Return a data validation of a kind (list, decimal, date) that refuses any other value
    with a message (title and text) in the document's language; blank cells are allowed."""
    return DataValidation(
        type=kind,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle=title,
        error=error,
        **rule,
    )


def callout_text(notes: Sequence[Callout], labels: Labels) -> CellRichText | str:
    """Return notes as one cell's text: each signal word in bold and in its level's colour,
    then the note's lines; '' when there is none."""
    parts: list[str | TextBlock] = []
    for index, note in enumerate(notes):
        colour = LEVEL_COLOURS[note.level][2]
        word = signal_word(note.level, labels)
        parts.append(run(("\n" if index else "") + word, bold=True, colour=colour))
        parts.append(run(" " + "\n".join(lines(note.blocks))))
    return CellRichText(parts) if parts else ""


def font(**style: Any) -> Font:
    """Return a font of the workbook's family (unnamed, LibreOffice would use its default)."""
    return Font(name=FONT, **style)


def run(text: str, bold: bool = False, colour: str | None = None) -> TextBlock:
    """Return a run of rich text in the workbook's font."""
    return TextBlock(InlineFont(rFont=FONT, sz=11, b=bold or None, color=colour), text)


def note_style(cell: Any, level: NoteLevel) -> None:
    """Fill a cell with the tint of a note level, its standard colour as a thick left edge."""
    standard, tint, _text = LEVEL_COLOURS[level]
    cell.fill = PatternFill("solid", fgColor=tint)
    cell.border = Border(left=Side(style="thick", color=standard))


def web_address(url: str | None) -> str | None:
    """Return a URL a spreadsheet may open on a click (http, https, mailto), else None."""
    if url and url.lower().startswith(("http://", "https://", "mailto:")):
        return url
    return None


def link_cell(cell: Any, target: str | None = None, location: str | None = None) -> None:
    """Make a cell a hyperlink: to a web address, or to a place in the workbook."""
    if target is None and location is None:
        return
    cell.hyperlink = Hyperlink(ref=cell.coordinate, target=target, location=location)
    cell.font = font(color="0563C1", underline="single")


def fit_row(sheet: Any, row: int, indent: int = 0) -> None:
    """Set a row's height to show every cell's wrapped text (spreadsheets do not always)."""
    heights = []
    for cell in sheet[row]:
        if cell.value is None or cell.data_type == "f":
            continue
        letter = get_column_letter(cell.column)
        width = sheet.column_dimensions[letter].width or 8.43
        shift = 2 * (cell.alignment.indent or 0) if cell.alignment else 0
        heights.append(row_height([str(cell.value)], width - shift))
    if heights:
        sheet.row_dimensions[row].height = max(heights)


def row_height(texts: Sequence[str], width: float) -> float:
    """Return the height a row needs to show texts wrapped in a column `width` characters wide
    (for merged cells, which spreadsheets do not fit by themselves)."""
    count = 0
    for text in texts:
        for line in str(text).split("\n"):
            count += len(textwrap.wrap(line, max(1, int(width / AVERAGE_CHARACTER)))) or 1
    return min(max(1, count) * LINE_HEIGHT + 4, MAX_ROW_HEIGHT)


def typeset_cells(book: Any, language: str) -> None:
    """Typeset every text cell of a workbook the language's way (see typeset): titles, names
    and labels the document's text put there as written. Formulas are left as they are."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, CellRichText):
                    for index, part in enumerate(value):
                        if isinstance(part, TextBlock):
                            part.text = typeset(part.text, language)
                        else:
                            value[index] = typeset(part, language)
                elif isinstance(value, str) and cell.data_type != "f":
                    shown = typeset(value, language)
                    if shown != value:
                        kind = cell.data_type  # text that looks like a formula stays text
                        cell.value = shown
                        cell.data_type = kind
