"""The plan's RACI matrix as Word content: activities by phase down, roles across, a letter
where a role takes part, and the legend of the letters just above."""

from __future__ import annotations

from dataclasses import dataclass

from docx.blkcntnr import BlockItemContainer
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from sopmodel.exporters.fonts import font_metrics
from sopmodel.exporters.word.richtext import Fragment, RichWriter
from sopmodel.i18n import Labels
from sopmodel.i18n.typography import typeset
from sopmodel.model import Plan
from sopmodel.views import plain

__all__ = ["RaciMatrix", "raci_matrix", "raci_rows"]

LETTERS = (("responsible", "R"), ("accountable", "A"), ("consulted", "C"), ("informed", "I"))
HEADER_FILL, PHASE_FILL, BORDER = "E7ECF3", "F4F6FA", "8C96A3"
LEAST_MM, ACTIVITY_MM = 11.0, 60.0
"""A role's column is at least LEAST_MM wide; the activities' column keeps ACTIVITY_MM (roles
too many for the rest share it)."""
CELL_MARGINS_MM = 4.4
"""Word's default left and right cell margins (0.19 cm each), and a little more."""
SIZE = Pt(9)
SHORT_ROWS = 30
"""A matrix of at most this many rows is kept on one page; a longer one flows on, its
header repeated."""
HEADER_POINTS = 8.5
"""The size of the role names across the top, in points."""


@dataclass(frozen=True)
class RaciMatrix:
    """Roles across, and each phase's activities with the letter of each role."""

    roles: list[str]
    """The names of the roles that take part in at least one activity."""
    phases: list[tuple[str, list[tuple[str, list[str]]]]]
    """(phase name, [(activity title, a letter or '' per role)])."""


def raci_rows(plan: Plan, labels: Labels) -> RaciMatrix:
    """Return the matrix of a plan: activities without any role and roles without any
    activity are left out; a role both responsible and accountable reads R/A."""
    language = labels.language
    taking_part = {
        role_id
        for phase in plan.phases
        for activity in phase.activities
        for field, _ in LETTERS
        for role_id in getattr(activity.raci, field)
    }
    roles = [role for role in plan.roles if role.id in taking_part]
    phases = []
    for phase in plan.phases:
        rows = []
        for activity in phase.activities:
            letters = [
                "/".join(
                    letter for field, letter in LETTERS if role.id in getattr(activity.raci, field)
                )
                for role in roles
            ]
            if any(letters):
                rows.append((plain(activity.title, language), letters))
        if rows:
            phases.append((plain(phase.name, language), rows))
    return RaciMatrix([plain(role.name, language) for role in roles], phases)


def _cell_format(cell: object, fill: str | None = None, span: int = 0) -> None:
    properties = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    if span:
        merged = OxmlElement("w:gridSpan")
        merged.set(qn("w:val"), str(span))
        properties.append(merged)
    if fill:
        shading = OxmlElement("w:shd")
        for key, value in (("val", "clear"), ("color", "auto"), ("fill", fill)):
            shading.set(qn(f"w:{key}"), value)
        properties.append(shading)


def _role_width(name: str) -> float:
    """Return the width in mm a role's column needs for its longest word, across the top."""
    metrics = font_metrics("Calibri", bold=True)
    widest = max((metrics.width(word, HEADER_POINTS) for word in name.split()), default=0.0)
    return max(LEAST_MM, widest * 1.05 / 72 * 25.4 + CELL_MARGINS_MM)


def _write(cell: object, text: str, language: str, *, bold: bool = False, centre: bool = False,
           keep: bool = False, size: float = 9.0) -> None:  # fmt: skip
    paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.keep_with_next = keep
    if centre:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(typeset(text, language))
    run.bold = bold
    run.font.size = Pt(size)


def _borders(table: object) -> None:
    properties = table._tbl.tblPr  # type: ignore[attr-defined]
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{side}")
        for key, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", BORDER)):
            line.set(qn(f"w:{key}"), value)
        borders.append(line)
    properties.append(borders)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)


def raci_matrix(plan: Plan, labels: Labels, writer: RichWriter) -> Fragment:
    """Return the RACI matrix with its legend as Word content (empty when no activity has
    a role)."""
    matrix = raci_rows(plan, labels)
    if not matrix.phases:
        return Fragment("")
    language = labels.language
    total = writer.width.mm
    roles = [_role_width(name) for name in matrix.roles]
    room = total - ACTIVITY_MM
    if sum(roles) > room:  # too many roles: they share what is left, words may break
        roles = [room / len(roles)] * len(roles)
    widths = [total - sum(roles), *roles]
    count = 1 + sum(1 + len(rows) for _, rows in matrix.phases)

    def fill(body: BlockItemContainer) -> None:
        legend = body.add_paragraph()
        legend.paragraph_format.keep_with_next = True
        legend.paragraph_format.space_after = Pt(3)
        run = legend.add_run(typeset(labels["raci_legend"], language))
        run.font.size = SIZE
        run.italic = True
        table = body.add_table(count, len(widths), Mm(total))
        _borders(table)
        for column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
            column.set(qn("w:w"), str(int(width * 56.7)))
        for row in table.rows:
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Mm(width)
        header = table.rows[0]
        header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        names = [labels["activity"], *matrix.roles]
        for index, (cell, name) in enumerate(zip(header.cells, names, strict=True)):
            _cell_format(cell, HEADER_FILL)
            _write(cell, name, language, bold=True, centre=index > 0, keep=True, size=HEADER_POINTS)
        at = 1
        for name, rows in matrix.phases:
            row = table.rows[at]
            first = row.cells[0]
            for extra in row._tr.findall(qn("w:tc"))[1:]:
                row._tr.remove(extra)
            _cell_format(first, PHASE_FILL, span=len(widths))
            first.width = Mm(total)
            _write(first, name, language, bold=True, keep=True)
            at += 1
            for title, letters in rows:
                keep = at < count - 1 if count <= SHORT_ROWS else at <= 2
                cells = table.rows[at].cells
                _write(cells[0], title, language, keep=keep)
                for cell, letter in zip(cells[1:], letters, strict=True):
                    _write(cell, letter, language, bold=True, centre=True, keep=keep)
                at += 1
        body.add_paragraph().paragraph_format.space_after = Pt(0)

    return writer.fragment(fill)
