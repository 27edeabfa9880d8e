"""A procedure's checklist, printable as a form, and the sheet of its references.

The checklist opens as a paper form (the procedure's title block, boxes for the operator's
and the verifier's name, date and signature), then the notes, links and attachments of the
whole procedure, then one row per step and sub-step at every depth: its label as printed in
the procedure's layout, its title and details, who does it, its conditions, timing and where
it leads, its check, its notes beside it (most serious first, in their level's colours), its
links and attachments; then a tick box (Done), Date and Remarks for the person who runs it,
and the full outline number (1.2.1). A question lists its answers, each with a box; a step
done only after one answer says so first among its conditions, tinted as conditional steps.
It prints on A4 landscape, fitted to the width at about 9.5 points, its header row on every
page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from openpyxl.cell.rich_text import CellRichText
from openpyxl.styles import Alignment, Border, PatternFill, Side
from openpyxl.utils import get_column_letter

from sopmodel.exporters.workbook.cells import (
    TOP,
    callout_text,
    fit_row,
    font,
    header,
    header_width,
    link_cell,
    note_style,
    print_setup,
    put,
    row_height,
    run,
    table,
    web_address,
)
from sopmodel.exporters.workbook.checklist_done import TickBoxes
from sopmodel.exporters.workbook.checklist_form import field_rows, title_block
from sopmodel.exporters.workbook.checklist_readme import procedure_readme
from sopmodel.i18n import Labels
from sopmodel.model import Attachment, Layout, Procedure, Step, SubStep
from sopmodel.views import (
    LinkText,
    StepText,
    callouts,
    lines,
    link_texts,
    plain,
    role_names,
    step_texts,
)
from sopmodel.views.branches import BranchMark, branch_marks

__all__ = ["CHECKLIST_TABLE", "COLUMNS", "checklist_sheets", "procedure_readme"]

CHECKLIST_TABLE = "Checklist"
COLUMNS = (
    "number",
    "step",
    "who",
    "conditions_timing",
    "check",
    "notes_column",
    "links",
    "done",
    "date",
    "remarks",
    "full_number",
)
"""The checklist's columns, by label key, in order."""
WIDTHS = (6, 32, 13, 21, 18, 24, 11, 8, 9, 16, 5)
"""Widths in characters: 163 in all, what A4 landscape prints at about 9.5 points."""
FIELD_SPANS = ((1, 4), (5, 6), (7, 11))
"""The columns of the form's boxes: a name (No. to Conditions), a date, a signature."""
CONDITIONAL = PatternFill("solid", fgColor="E4DCF2")
"""The fill of a conditional step's number, title and condition: the mark of an 'Only if' row."""
MAX_INDENT = 6
TICK_SIZE = 13
"""The size of the Done column's boxes, in points: large enough to tick by hand."""
ROW_LINE = Side(style="thin", color="A6A6A6")
"""The line under each step's row, so that a printed row is followed across the page."""


def _widths(steps: list[StepText], layout: Layout, names: list[str]) -> list[float]:
    """Return the columns' widths: the numbers' wide enough for the longest (1.2.3.4), each
    header's longest word on one line, and what they take given back by the text columns,
    so that the form keeps its printed size."""
    widths: list[float] = list(WIDTHS)
    indented = layout is not Layout.hierarchical
    for step in steps:
        shift = 2 * min(step.item.depth, MAX_INDENT) if indented else 0
        label, number = _column("number") - 1, _column("full_number") - 1
        widths[label] = max(widths[label], len(step.item.label) + shift + 2)
        widths[number] = max(widths[number], len(step.item.number) + 2)
    widths = [max(width, header_width(name)) for width, name in zip(widths, names, strict=True)]
    excess = sum(widths) - sum(WIDTHS)
    text_columns = [_column(key) - 1 for key in ("step", "notes_column")]
    for index in text_columns:
        widths[index] -= max(0.0, excess) / len(text_columns)
    return widths


def _column(key: str) -> int:
    return COLUMNS.index(key) + 1


@dataclass
class _References:
    """The rows of the References sheet: (where, title, address, web address)."""

    rows: list[tuple[str, str, str, str | None]] = field(default_factory=list)

    def add(
        self, where: str, links: list[LinkText], attachments: list[Attachment], labels: Labels
    ) -> int:
        """Add links and attachments; return the sheet row of the first (header is row 1)."""
        first = len(self.rows) + 2
        for link in links:
            self.rows.append((where, link.shown, link.address, web_address(link.url)))
        for attachment in attachments:
            shown = plain(attachment.title, labels.language)
            title = labels.format("labelled", label=labels["attachment"], text=shown)
            self.rows.append((where, title, attachment.path, None))
        return first


def _reference_lines(links: list[LinkText], attachments: list[Attachment], labels: Labels) -> str:
    found = [link.shown for link in links]
    found += [
        labels.format(
            "labelled",
            label=labels["attachment"],
            text=f"{plain(a.title, labels.language)} ({a.path})",
        )
        for a in attachments
    ]
    return "\n".join(found)


def _attachment(attachment: Attachment, labels: Labels) -> str:
    """Return an attachment as 'Title (path)'."""
    return f"{plain(attachment.title, labels.language)} ({attachment.path})"


def _step_cell(text: StepText) -> CellRichText | str:
    details = lines(text.details)
    if not details:
        return text.title
    return CellRichText([run(text.title, bold=True), run("\n" + "\n".join(details))])


def _top_block(sheet: Any, procedure: Procedure, labels: Labels, refs: _References) -> int:
    """Write the title block, the boxes to fill in, the procedure's notes, links and
    attachments; return the header's row."""
    width = sum(WIDTHS)
    last = get_column_letter(len(COLUMNS))
    row = title_block(sheet, procedure, labels, WIDTHS) + 1
    row = field_rows(sheet, row + 1, labels, FIELD_SPANS) + 1
    for note in callouts(procedure.notes, labels.language):
        row += 1
        cell = put(sheet, row, 1, callout_text([note], labels))
        note_style(cell, note.level)
        cell.alignment = TOP
        sheet.merge_cells(f"A{row}:{last}{row}")
        sheet.row_dimensions[row].height = row_height([str(cell.value)], width)
    links = link_texts(procedure.links, labels)
    first = refs.add(labels["whole_document"], links, list(procedure.attachments), labels)
    for offset, link in enumerate(links):
        row += 1
        text = link.shown + (f" — {link.url}" if link.url else "")
        cell = _reference_row(sheet, row, labels, labels["links"], text)
        if web_address(link.url):
            link_cell(cell, target=link.url)
        else:
            link_cell(cell, location=_reference_location(labels, first + offset))
    for attachment in procedure.attachments:
        row += 1
        _reference_row(
            sheet,
            row,
            labels,
            labels["attachments"],
            _attachment(attachment, labels),
        )
    return row + 2


def _reference_row(sheet: Any, row: int, labels: Labels, kind: str, text: str) -> Any:
    """Write '<kind>: text' across the checklist's width, on one line."""
    cell = put(sheet, row, 1, labels.format("labelled", label=kind, text=text))
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(COLUMNS))
    return cell


def _reference_location(labels: Labels, row: int) -> str:
    return f"'{labels['sheet_references']}'!A{row}"


@dataclass
class _Rows:
    """What every step row needs: the procedure, its words, where its steps go."""

    procedure: Procedure
    labels: Labels
    refs: _References
    boxes: TickBoxes
    numbers: dict[str, str] = field(default_factory=dict)
    """The number of each top-level step, by id."""
    marks: dict[int, BranchMark] = field(default_factory=dict)
    """The answer each top-level step is done after, by its index."""

    def branch(self, text: StepText) -> str:
        """Return 'Only if “no” at step 3' for a top-level step done after one answer."""
        mark = self.marks.get(int(text.item.number) - 1) if text.item.depth == 0 else None
        if mark is None:
            return ""
        when = plain(mark.answer, self.labels.language)
        return self.labels.format("branch_only", when=when, step=mark.decision + 1)


def _step_row(sheet: Any, row: int, text: StepText, rows: _Rows) -> None:
    procedure, labels = rows.procedure, rows.labels
    item = text.item
    depth = min(item.depth, MAX_INDENT)
    indent = Alignment(horizontal="left", vertical="top", wrap_text=True, indent=depth)
    label = put(sheet, row, _column("number"), item.label)
    label.alignment = TOP if procedure.layout is Layout.hierarchical else indent  # 1.2.1 says it
    put(sheet, row, _column("step"), _step_cell(text)).alignment = indent
    put(sheet, row, _column("who"), role_names(item.roles, procedure, labels))
    flow = _flow(text.step, rows.numbers, labels)
    branch = rows.branch(text)
    facts = [branch, text.condition, text.duration, text.within, text.repeat, *flow]
    put(sheet, row, _column("conditions_timing"), "\n".join(f for f in facts if f))
    put(sheet, row, _column("check"), text.check)
    notes = put(sheet, row, _column("notes_column"), callout_text(text.callouts, labels))
    if text.callouts:
        note_style(notes, text.callouts[0].level)
    references = put(
        sheet, row, _column("links"), _reference_lines(text.links, text.attachments, labels)
    )
    if text.links or text.attachments:
        where = labels.format("labelled", label=labels["step"], text=item.number)
        rows.refs.add(where, text.links, text.attachments, labels)
        if len(text.links) == 1 and not text.attachments:  # a cell holds one link
            link_cell(references, target=web_address(text.links[0].url))
    done = sheet.cell(row=row, column=_column("done"))
    answers = text.step.decision if isinstance(text.step, Step) else None
    if answers:
        rows.boxes.question(done, [plain(b.when, labels.language) for b in answers])
    else:
        rows.boxes.step(done)
    put(sheet, row, _column("full_number"), item.number)
    sheet.cell(row=row, column=_column("date")).number_format = "yyyy-mm-dd"
    for column in range(1, len(COLUMNS) + 1):
        cell = sheet.cell(row=row, column=column)
        if column not in (_column("number"), _column("step")):
            cell.alignment = TOP
        cell.border = Border(left=cell.border.left, bottom=ROW_LINE)
    alone = len(str(done.value)) == 1
    done.alignment = Alignment(
        horizontal="center" if alone else "left", vertical="top", wrap_text=True
    )
    done.font = font(size=TICK_SIZE)
    title = sheet.cell(row=row, column=_column("step"))
    if item.depth == 0 and isinstance(title.value, str):
        title.font = font(bold=True)
    if text.condition or branch:
        for key in ("number", "step", "conditions_timing"):
            sheet.cell(row=row, column=_column(key)).fill = CONDITIONAL
    fit_row(sheet, row)


def _flow(step: SubStep, numbers: dict[str, str], labels: Labels) -> list[str]:
    """Return where a top-level step leads: its branches, its next step, or the end."""
    if not isinstance(step, Step):
        return []
    found = [
        labels.format(
            "if_then",
            when=plain(branch.when, labels.language),
            step=numbers.get(branch.goto, branch.goto),
        )
        for branch in step.decision or []
    ]
    if step.next:
        found.append(labels.format("then_go", step=numbers.get(step.next, step.next)))
    if step.end:
        found.append(labels["end_of_procedure"])
    return found


def _references_sheet(book: Any, refs: _References, labels: Labels) -> None:
    sheet = book.create_sheet(labels["sheet_references"])
    names = [labels["where"], labels["links"], labels["address"]]
    header(sheet, names, [20, 50, 90])
    for row, (where, title, address, url) in enumerate(refs.rows, 2):
        put(sheet, row, 1, where).alignment = TOP
        put(sheet, row, 2, title).alignment = TOP
        cell = put(sheet, row, 3, address)
        cell.alignment = TOP
        link_cell(cell, target=url)
        fit_row(sheet, row)
    table(sheet, "References", len(names), len(refs.rows))
    sheet.freeze_panes = "A2"
    print_setup(sheet)


def checklist_sheets(book: Any, procedure: Procedure, labels: Labels) -> None:
    """Add the checklist (a form to print or fill in on screen) and the references of a
    procedure."""
    sheet = book.create_sheet(labels["sheet_checklist"])
    refs = _References()
    top = _top_block(sheet, procedure, labels, refs)
    steps = step_texts(procedure, labels)
    names = [labels[key] for key in COLUMNS]
    header(sheet, names, _widths(steps, procedure.layout, names), row=top)
    rows = _Rows(procedure, labels, refs, TickBoxes(labels), marks=branch_marks(procedure))
    rows.numbers = {step.id: str(n) for n, step in enumerate(procedure.steps, 1) if step.id}
    for row, text in enumerate(steps, top + 1):
        _step_row(sheet, row, text, rows)
    rows.boxes.attach(sheet)
    table(sheet, CHECKLIST_TABLE, len(COLUMNS), len(steps), top=top)
    if procedure.layout is Layout.hierarchical:  # the label is the full number already
        sheet.column_dimensions[get_column_letter(_column("full_number"))].hidden = True
    short_top = sum(sheet.row_dimensions[r].height or 15 for r in range(1, top)) <= 160
    sheet.freeze_panes = f"C{top + 1}" if short_top else "C1"
    print_setup(sheet, title_row=top)
    if refs.rows:
        _references_sheet(book, refs, labels)
