"""Build the default Word templates shipped with sopmodel (procedure.docx, plan.docx,
change_notice.docx).

The templates are ordinary .docx files with Jinja tags, each tag in one run, so that a
consultant can open them in Word, restyle them and pass them back with --template. Run
`python tools/make_word_templates.py` after changing this file; a test checks that the
committed templates are current.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

OUT = (
    Path(__file__).resolve().parent.parent / "src" / "sopmodel" / "exporters" / "word" / "templates"
)
FONT = "Calibri"  # LibreOffice draws it with Carlito, which has the same metrics
INK = RGBColor(0x1F, 0x2A, 0x44)
SIGNATURE_TWIPS = 907
"""The height of a sign-off row: 16 mm, room for a signature."""


def _shade(paragraph_format_element, fill: str, border: str | None = None) -> None:
    """Give a paragraph style a background colour and, optionally, a left border."""
    ppr = paragraph_format_element
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    ppr.append(shd)
    if border:
        borders = OxmlElement("w:pBdr")
        left = OxmlElement("w:left")
        for key, value in (("val", "single"), ("sz", "24"), ("space", "6"), ("color", border)):
            left.set(qn(f"w:{key}"), value)
        borders.append(left)
        ppr.append(borders)


def _styles(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(4)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    for name, size in (
        ("Title", 22),
        ("Heading 1", 15),
        ("Heading 2", 12.5),
        ("Heading 3", 11),
        ("Heading 4", 10.5),
    ):
        style = doc.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.color.rgb = INK
    doc.styles["Heading 1"].paragraph_format.space_before = Pt(14)
    doc.styles["Heading 4"].font.italic = False  # a sub-sub-step reads as the steps above it
    sheet = doc.styles.add_style("Sheet Title", WD_STYLE_TYPE.PARAGRAPH)
    sheet.base_style = doc.styles["Heading 1"]
    sheet.paragraph_format.page_break_before = True
    for name, fill, border, colour in (
        ("Check", "E8F5EC", "1B7A35", RGBColor(0x12, 0x5A, 0x27)),
        ("Warning", "FDECEA", "B3261E", RGBColor(0x8C, 0x1D, 0x18)),
    ):
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.color.rgb = colour
        style.paragraph_format.left_indent = Mm(4)
        style.paragraph_format.keep_with_next = False
        _shade(style.element.get_or_add_pPr(), fill, border)
    meta = doc.styles.add_style("Step Meta", WD_STYLE_TYPE.PARAGRAPH)
    meta.base_style = normal
    meta.font.size = Pt(9.5)
    meta.font.italic = True
    meta.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    meta.paragraph_format.keep_with_next = True
    condition = doc.styles.add_style("Condition", WD_STYLE_TYPE.PARAGRAPH)
    condition.base_style = normal
    condition.font.bold = True
    condition.font.color.rgb = RGBColor(0x8A, 0x4B, 0x00)
    condition.paragraph_format.keep_with_next = True
    substep = doc.styles.add_style("Substep", WD_STYLE_TYPE.PARAGRAPH)
    substep.base_style = normal
    substep.paragraph_format.keep_with_next = False  # kept with its own lines and notes only
    substep.paragraph_format.space_before = Pt(4)
    substep.paragraph_format.space_after = Pt(2)
    branch = doc.styles.add_style("Branch", WD_STYLE_TYPE.PARAGRAPH)
    branch.base_style = normal
    branch.paragraph_format.left_indent = Mm(6)
    figure = doc.styles.add_style("Figure", WD_STYLE_TYPE.PARAGRAPH)
    figure.base_style = normal
    figure.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    figure.paragraph_format.keep_with_next = True
    caption = doc.styles.add_style("Figure Caption", WD_STYLE_TYPE.PARAGRAPH)
    caption.base_style = normal
    caption.font.size = Pt(9)
    caption.font.italic = True
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _field(paragraph, instruction: str) -> None:
    """Append a Word field (PAGE, NUMPAGES) to a paragraph."""
    run = paragraph.add_run()
    for kind, text in (
        ("begin", None),
        (None, instruction),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == "1":
            t = OxmlElement("w:t")
            t.text = "1"
            run._r.append(t)
        else:
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = f" {text} "
            run._r.append(code)


def _page(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(20))
    section.top_margin, section.bottom_margin = Mm(22), Mm(20)
    header = section.header.paragraphs[0]
    header.add_run("{{ doc.id }} · {{ doc.title }} · {{ doc.note }}")
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("{{ doc.id }} · {{ doc.note }} · {{ labels.page }} ")
    _field(footer, "PAGE")
    footer.add_run(" {{ labels.of }} ")
    _field(footer, "NUMPAGES")


def p(doc, text: str, style: str | None = None, *more: str):
    """Add a paragraph holding text in one run (so that a Jinja tag stays whole), and one
    more run per further text."""
    paragraph = doc.add_paragraph(style=style)
    for part in (text, *more):
        paragraph.add_run(part)
    return paragraph


def flowchart(doc, condition: str) -> None:
    """Add the flowchart, kept when `condition` holds, as a landscape section of its own:
    a section break before it ends the portrait pages, one after it ends the landscape ones
    (each break in an empty paragraph one point high, so that it adds no page)."""
    p(doc, f"{{%p if flowchart and {condition} %}}")
    _section_end(doc, landscape=False)
    p(doc, "{{ labels.flowchart }}", "Heading 1")
    p(doc, "{%p for page in flowchart %}")
    p(doc, "{{ page.image }}", "Figure")
    p(doc, "{{ page.caption }}", "Figure Caption")
    p(doc, "{%p endfor %}")
    _section_end(doc, landscape=True)
    p(doc, "{%p endif %}")


def _section_end(doc, landscape: bool) -> None:
    """Add an empty paragraph that ends a section with the document's page set-up, header
    and footer, turned to landscape if asked."""
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.line_spacing = Pt(1)
    properties = copy.deepcopy(doc.sections[0]._sectPr)
    if landscape:
        size = properties.find(qn("w:pgSz"))
        width, height = size.get(qn("w:w")), size.get(qn("w:h"))
        size.set(qn("w:w"), height)
        size.set(qn("w:h"), width)
        size.set(qn("w:orient"), "landscape")
    paragraph._p.get_or_add_pPr().append(properties)


def references(doc) -> None:
    """Add the References section: each link a bullet, a hyperlink to a web page."""
    p(doc, "{%p if links %}")
    p(doc, "{{ labels.links }}", "Heading 1")
    p(doc, "{%p for link in links %}")
    p(doc, "{{r link.rich }}", "List Bullet", "{{ link.address }}")
    p(doc, "{%p endfor %}")
    p(doc, "{%p endif %}")


def table(doc, headers: list[str], loop: str, cells: list[str], widths: list[float]) -> None:
    """Add a table: a header row, then one row per item of a {%tr for %} loop.

    A header in lower case is a label key (`risk` prints `{{ labels.risk }}`); others are
    printed as they are (R, A, C, I).
    """
    headers = [f"{{{{ labels.{h} }}}}" if h.islower() else h for h in headers]
    grid = doc.add_table(rows=4, cols=len(headers))
    grid.style = doc.styles["Table Grid"]
    for index, text in enumerate(headers):
        cell = grid.rows[0].cells[index]
        cell.paragraphs[0].add_run(text).bold = True
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:fill"), "E7ECF3")
        cell._tc.get_or_add_tcPr().append(shading)
    grid.rows[1].cells[0].paragraphs[0].add_run(f"{{%tr for {loop} %}}")
    for index, text in enumerate(cells):
        grid.rows[2].cells[index].paragraphs[0].add_run(text)
    grid.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    grid.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    _fix_widths(grid, widths)
    doc.add_paragraph()


def _fix_widths(grid, widths: list[float]) -> None:
    """Give a table fixed column widths (Word and LibreOffice both honour them) and rows
    that do not break across pages."""
    grid.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    grid._tbl.tblPr.append(layout)
    for column, width in zip(grid._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        column.set(qn("w:w"), str(int(width * 56.7)))
    for row in grid.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for index, width in enumerate(widths):
            row.cells[index].width = Mm(width)


def title_block(doc, rows: list[tuple[str, str, str]]) -> None:
    """Add the title block: one row per (label key, value, condition), a row with a
    condition shown only when it holds (no empty rows)."""
    count = len(rows) + 2 * sum(1 for *_, condition in rows if condition)
    block = doc.add_table(rows=count, cols=2)
    block.style = doc.styles["Table Grid"]
    lines = iter(block.rows)
    for name, value, condition in rows:
        if condition:
            next(lines).cells[0].paragraphs[0].add_run(f"{{%tr if {condition} %}}")
        row = next(lines)
        row.cells[0].paragraphs[0].add_run(f"{{{{ labels.{name} }}}}").bold = True
        row.cells[1].paragraphs[0].add_run(value)
        if condition:
            next(lines).cells[0].paragraphs[0].add_run("{%tr endif %}")
    _fix_widths(block, [45, 125])
    doc.add_paragraph()


def short_lines(doc) -> None:
    """Add a step's "Only if" and "Who · Duration" lines, each kept with the next line
    unless it is the last thing the step says (a chain of bare steps may then break)."""
    for name, style, after in (
        ("condition", "Condition", "step.facts or step.more"),
        ("facts", "Step Meta", "step.more"),
    ):
        p(doc, f"{{%p if step.{name} %}}")
        p(doc, f"{{%p if {after} %}}")
        p(doc, f"{{{{ step.{name} }}}}", style)
        p(doc, "{%p else %}")
        p(doc, f"{{{{ step.{name} }}}}", style).paragraph_format.keep_with_next = False
        p(doc, "{%p endif %}")
        p(doc, "{%p endif %}")


def procedure_template():
    doc = Document()
    _styles(doc)
    _page(doc)
    p(doc, "{{ doc.title }}", "Title")
    p(doc, "{%p if doc.organization %}")
    p(doc, "{{ doc.organization }}", "Step Meta")
    p(doc, "{%p endif %}")
    title_block(
        doc,
        [
            ("document_id", "{{ doc.id }}", ""),
            ("version", "{{ doc.version }} · {{ doc.status }}", ""),
            ("category", "{{ doc.category_name }}", ""),
            ("owner", "{{ doc.owner }}", "doc.owner"),
            ("effective", "{{ doc.effective }}", "doc.effective"),
            ("last_reviewed", "{{ doc.last_reviewed }}", "doc.last_reviewed"),
            ("review_due", "{{ doc.review_due }}", "doc.review_due"),
            ("approved_by", "{{ doc.approved_by }}", "doc.approved_by"),
        ],
    )
    p(doc, "{{p callouts }}")
    p(doc, "{%p if safety_rich %}")
    p(doc, "{{ labels.safety }}", "Heading 1")
    p(doc, "{{p safety_rich }}")
    p(doc, "{%p endif %}")
    p(doc, "{%p if doc.objective %}")
    p(doc, "{{ labels.objective }}", "Heading 1")
    p(doc, "{{ doc.objective }}")
    p(doc, "{%p endif %}")
    p(doc, "{%p if doc.scope %}")
    p(doc, "{{ labels.scope }}", "Heading 1")
    p(doc, "{{ doc.scope }}")
    p(doc, "{%p endif %}")
    p(doc, "{%p if roles %}")
    p(doc, "{{ labels.roles }}", "Heading 1")
    p(doc, "{{p roles_rich }}")
    p(doc, "{%p endif %}")
    p(doc, "{%p if requirements %}")
    p(doc, "{{ labels.requirements }}", "Heading 1")
    p(doc, "{%p for item in requirements %}")
    p(doc, "{{ item.name }} ({{ item.kind }}){{ item.details_text }}", "List Bullet")
    p(doc, "{%p endfor %}")
    p(doc, "{%p endif %}")
    p(doc, "{%p if glossary %}")
    p(doc, "{{ labels.glossary }}", "Heading 1")
    table(
        doc,
        ["term", "definition"],
        "entry in glossary",
        ["{{ entry.term }}", "{{ entry.definition }}"],
        [40, 130],
    )
    p(doc, "{%p endif %}")
    references(doc)
    p(doc, "{%p if attachments %}")
    p(doc, "{{ labels.attachments }}", "Heading 1")
    p(doc, "{%p for form in attachments %}")
    p(doc, "{{ form.line }}", "List Bullet")
    p(doc, "{%p endfor %}")
    p(doc, "{%p endif %}")
    flowchart(doc, "doc.flowchart_first")
    p(doc, "{{ labels.steps }}", "Heading 1")
    p(doc, "{%p for step in steps %}")
    p(doc, "{%p if step.depth == 0 %}")
    p(doc, "{{ step.label }}  {{ step.title }}", "Heading 2")
    short_lines(doc)
    p(doc, "{%p else %}")
    p(doc, "{{p step.heading_rich }}")
    p(doc, "{%p endif %}")
    p(doc, "{{p step.callouts }}")
    p(doc, "{{p step.details_rich }}")
    p(doc, "{{p step.check_rich }}")
    p(doc, "{{p step.links_line_rich }}")
    p(doc, "{{p step.attachments_rich }}")
    p(doc, "{%p for way in step.ways %}")
    p(doc, "→ {{ way }}", "Branch")
    p(doc, "{%p endfor %}")
    p(doc, "{%p if step.image %}")
    p(doc, "{{ step.image }}", "Figure")
    p(doc, "{{ step.caption }}", "Figure Caption")
    p(doc, "{%p endif %}")
    p(doc, "{%p endfor %}")
    flowchart(doc, "not doc.flowchart_first")
    p(doc, "{%p if quality.criteria or kpis_rich %}")
    p(doc, "{{ labels.quality }}", "Heading 1")
    p(doc, "{%p for criterion in quality.criteria %}")
    p(doc, "{{ criterion }}", "List Bullet").paragraph_format.keep_with_next = True
    p(doc, "{%p endfor %}")
    p(doc, "{{p kpis_rich }}")
    p(doc, "{%p endif %}")
    p(doc, "{%p if risks and not safety_rich %}")
    p(doc, "{{ labels.risks }}", "Heading 1")
    p(doc, "{{p risks_rich }}")
    p(doc, "{%p endif %}")
    p(doc, "{%p if troubleshooting %}")
    p(doc, "{{ labels.troubleshooting }}", "Heading 1")
    p(doc, "{{p troubleshooting_rich }}")
    p(doc, "{%p endif %}")
    p(doc, "{%p if trials %}")
    p(doc, "{{ labels.trials }}", "Heading 1")
    p(doc, "{{p trials_rich }}")
    p(doc, "{%p endif %}")
    p(doc, "{%p if revisions %}")
    p(doc, "{{ labels.revisions }}", "Heading 1")
    p(doc, "{{p revisions_rich }}")
    p(doc, "{%p endif %}")
    p(doc, "{{ labels.signoff }}", "Heading 1")
    table(
        doc,
        ["role", "name", "date", "version", "signature"],
        "approval in signoff",
        [
            "{{ approval.role }}",
            "{{ approval.name }}",
            "{{ approval.date }}",
            "{{ approval.version }}",
            "",
        ],
        [40, 40, 32, 20, 38],
    )
    _tall_rows(doc.tables[-1], SIGNATURE_TWIPS)
    p(doc, "{%p if printed %}")
    p(doc, "{{ printed }}", "Step Meta")
    p(doc, "{%p endif %}")
    return doc


SIGN_ROW_TWIPS = 870
"""15.3 mm: a sign-off row one can sign in."""


def _plan_styles(doc) -> None:
    """Add the plan document's own styles: a lead line kept with what follows, a cell note."""
    normal = doc.styles["Normal"]
    lead = doc.styles.add_style("Plan Lead", WD_STYLE_TYPE.PARAGRAPH)
    lead.base_style = normal
    lead.paragraph_format.keep_with_next = True
    note = doc.styles.add_style("Cell Note", WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = normal
    note.font.size = Pt(8.5)
    note.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    note.paragraph_format.space_after = Pt(0)


def _tall_rows(grid, twips: int) -> None:
    """Make the repeated row of a {%tr for %} table at least `twips` high (room to sign)."""
    properties = grid.rows[2]._tr.get_or_add_trPr()
    height = OxmlElement("w:trHeight")
    height.set(qn("w:val"), str(twips))
    height.set(qn("w:hRule"), "atLeast")
    properties.append(height)


def _last_table(doc, whole: bool = False):
    """Return the table just added, its header kept with its first row (and every row with
    the next when `whole`: a short table printed on one page)."""
    grid = doc.tables[-1]
    for row in grid.rows[: 3 if whole else 1]:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True
    return grid


def _title_block(doc) -> None:
    """Add the plan's identity, version, owner, approval and latest measurements as a table."""
    rows = [
        ("{{ labels.document_id }}", "{{ doc.id }}"),
        ("{{ labels.period }}", "{{ doc.span }}"),
        ("{%tr if doc.version_line %}", ""),
        ("{{ labels.version }}", "{{ doc.version_line }}"),
        ("{%tr endif %}", ""),
        ("{%tr if doc.owner_line %}", ""),
        ("{{ labels.owner }}", "{{ doc.owner_line }}"),
        ("{%tr endif %}", ""),
        ("{%tr if doc.approval %}", ""),
        ("{{ labels.approval }}", "{{ doc.approval }}"),
        ("{%tr endif %}", ""),
        ("{%tr if doc.measured %}", ""),
        ("{{ labels.latest_measurements }}", "{{ doc.measured }}"),
        ("{%tr endif %}", ""),
    ]
    block = doc.add_table(rows=len(rows), cols=2)
    block.style = doc.styles["Table Grid"]
    for row, (name, value) in zip(block.rows, rows, strict=True):
        run = row.cells[0].paragraphs[0].add_run(name)
        run.bold = not name.startswith("{%")
        row.cells[1].paragraphs[0].add_run(value)
    _fix_widths(block, [45, 125])
    doc.add_paragraph()


def plan_template():
    doc = Document()
    _styles(doc)
    _plan_styles(doc)
    _page(doc)
    p(doc, "{{ doc.title }}", "Title")
    p(doc, "{%p if doc.organization %}")
    p(doc, "{{ doc.organization }}", "Step Meta")
    p(doc, "{%p endif %}")
    _title_block(doc)
    p(doc, "{{p callouts }}")
    p(doc, "{%p if objectives %}")
    p(doc, "{{ labels.objectives }}", "Heading 1")
    table(
        doc,
        ["number", "objectives", "owner", "kpis"],
        "objective in objectives",
        [
            "{{ objective.rank }}",
            "{{ objective.statement }}",
            "{{ objective.owner_name }}",
            "{{ objective.measured_by }}",
        ],
        [12, 72, 36, 50],
    )
    _last_table(doc, whole=True)
    p(doc, "{%p endif %}")
    p(doc, "{%p if kpis %}")
    p(doc, "{{ labels.kpis }}", "Heading 1")
    table(
        doc,
        ["kpi", "baseline", "target", "latest", "status", "owner"],
        "kpi in kpis",
        [
            "{{ kpi.name }}",
            "{{ kpi.baseline }}",
            "{{ kpi.target }}",
            "{{ kpi.latest }}",
            "{% cellbg kpi.status_fill %}{{ kpi.status }}",
            "{{ kpi.owner }}",
        ],
        [44, 20, 20, 36, 22, 28],
    )
    row = _last_table(doc, whole=True).rows[2]
    for cell, lines in (
        (row.cells[0], ["{%p if kpi.definition %}", "{{ kpi.definition }}", "{%p endif %}"]),
        (row.cells[3], ["{{ kpi.latest_when }}"]),
    ):
        for line in lines:
            note = cell.add_paragraph(style="Cell Note")
            note.paragraph_format.keep_with_next = True
            note.add_run(line)
    p(doc, "{%p if kpi_notes %}")
    p(doc, "{{ labels.measurement_notes }}", "Heading 2")
    p(doc, "{%p for line in kpi_notes %}")
    p(doc, "{{ line }}", "List Bullet")
    p(doc, "{%p endfor %}")
    p(doc, "{%p endif %}")
    p(doc, "{%p endif %}")
    p(doc, "{%p if timeline %}")
    p(doc, "{{ labels.timeline }}", "Heading 1")
    p(doc, "{%p for part in timeline %}")
    p(doc, "{{ part.image }}", "Figure")
    p(doc, "{{ part.caption }}", "Figure Caption")
    p(doc, "{%p endfor %}")
    p(doc, "{%p endif %}")
    p(doc, "{%p if phases %}")
    p(doc, "{{ labels.phases }}", "Heading 1")
    p(doc, "{%p endif %}")
    p(doc, "{%p for phase in phases %}")
    p(doc, "{{ phase.name }}", "Heading 2")
    p(doc, "{{ phase.dates }}", "Step Meta")
    p(doc, "{%p if phase.goal %}")
    p(doc, "{{ phase.goal }}", "Plan Lead")
    p(doc, "{%p endif %}")
    p(doc, "{%p if phase.goals %}")
    p(doc, "{{ labels.goals }}", "Heading 3")
    p(doc, "{%p for goal in phase.goals %}")
    p(doc, "{{ goal }}", "List Bullet")
    p(doc, "{%p endfor %}")
    p(doc, "{%p endif %}")
    p(doc, "{%p if phase.activities %}")
    p(doc, "{{p phase.activities_table }}")
    p(doc, "{%p endif %}")
    p(doc, "{%p endfor %}")
    p(doc, "{%p if milestones %}")
    p(doc, "{{ labels.milestones }}", "Heading 1")
    table(
        doc,
        ["date", "milestones", "kind"],
        "milestone in milestones",
        ["{{ milestone.date }}", "{{ milestone.title }}", "{{ milestone.kind }}"],
        [40, 95, 35],
    )
    _last_table(doc, whole=True)
    p(doc, "{%p endif %}")
    p(doc, "{%p if risks %}")
    p(doc, "{{ labels.risks }}", "Heading 1")
    table(
        doc,
        ["risk", "severity", "mitigation"],
        "risk in risks",
        ["{{ risk.risk }}", "{{ risk.severity }}", "{{ risk.mitigation }}"],
        [60, 25, 85],
    )
    _last_table(doc, whole=True)
    p(doc, "{%p endif %}")
    p(doc, "{%p if meetings %}")
    p(doc, "{{ labels.meetings }}", "Heading 1")
    table(
        doc,
        ["meetings", "cadence", "owner", "participants"],
        "meeting in meetings",
        [
            "{{ meeting.title }}",
            "{{ meeting.cadence }}",
            "{{ meeting.owner }}",
            "{{ meeting.participants }}",
        ],
        [44, 34, 28, 64],
    )
    _last_table(doc)
    p(doc, "{%p endif %}")
    references(doc)
    p(doc, "{%p if procedures %}")
    p(doc, "{{ labels.linked_procedures }}", "Heading 1")
    p(doc, "{%p for procedure in procedures %}")
    p(doc, "{{ procedure }}", "List Bullet")
    p(doc, "{%p endfor %}")
    p(doc, "{%p endif %}")
    p(doc, "{%p if role_rows %}")
    p(doc, "{{ labels.roles }}", "Heading 1")
    table(
        doc,
        ["role", "holder", "responsibilities"],
        "role in role_rows",
        ["{{ role.name }}", "{{ role.holder }}", "{{ role.responsibilities }}"],
        [44, 36, 90],
    )
    _last_table(doc)
    p(doc, "{%p endif %}")
    p(doc, "{%p if raci_matrix %}")
    p(doc, "{{ labels.raci_matrix }}", "Heading 1")
    p(doc, "{{p raci_matrix }}")
    p(doc, "{%p endif %}")
    p(doc, "{{ labels.signoff }}", "Heading 1")
    p(doc, "{{ labels.signoff_lead }}", "Plan Lead")
    table(
        doc,
        ["role", "name", "date", "signature"],
        "person in signoff",
        ["{{ person.role }}", "{{ person.name }}", "{{ person.date }}", ""],
        [44, 40, 28, 58],
    )
    _tall_rows(_last_table(doc, whole=True), SIGN_ROW_TWIPS)
    p(doc, "{%p if printed %}")
    p(doc, "{{ printed }}", "Step Meta")
    p(doc, "{%p endif %}")
    return doc


_LEFT_OUT_PARTS = ("stylesWithEffects", "customXml", "thumbnail")
"""Parts of python-docx's starting document no export needs: Word 2010's second copy of the
styles, a bibliography store, and a thumbnail picture of some other document."""


def _slim(doc) -> None:
    """Leave out what every export would parse, mark and compress for nothing: the table
    styles no table uses (100 of them, 340 kB) and the parts in _LEFT_OUT_PARTS."""
    used = {"Table Grid"}
    for style in list(doc.styles):
        if style.type != WD_STYLE_TYPE.TABLE or style.name in used:
            continue
        if style.element.get(qn("w:default")) != "1":
            style.element.getparent().remove(style.element)
    for part in (doc.part, doc.part.package):
        for key, relation in list(part.rels.items()):
            if relation.reltype.rsplit("/", 1)[-1] in _LEFT_OUT_PARTS:
                del part.rels[key]


def _compact(doc) -> None:
    """Make the body text of a one-page notice a little smaller than a procedure's."""
    doc.styles["Normal"].font.size = Pt(10)
    doc.styles["Normal"].paragraph_format.space_after = Pt(2)
    doc.styles["Title"].font.size = Pt(18)
    doc.styles["Heading 1"].paragraph_format.space_before = Pt(10)
    doc.styles["Heading 1"].paragraph_format.space_after = Pt(3)


def change_notice_template():
    """Return the one-page change notice of a new version: what changed, why, who must
    re-read it, and lines to acknowledge it."""
    doc = Document()
    _styles(doc)
    _compact(doc)
    _page(doc)
    p(doc, "{{ notice.title }}", "Title")
    p(doc, "{{ doc.title }}", "Heading 2")
    block = doc.add_table(rows=9, cols=2)
    block.style = doc.styles["Table Grid"]
    rows = iter(block.rows)
    for name, value, condition in (
        ("change_procedure", "{{ doc.id }}", ""),
        ("version", "{{ notice.versions }}", ""),
        ("change_date", "{{ notice.date }}", "notice.date"),
        ("author", "{{ notice.author }}", "notice.author"),
        ("refresher_why", "{{r notice.why }}", ""),
    ):
        if condition:
            next(rows).cells[0].paragraphs[0].add_run(f"{{%tr if {condition} %}}")
        row = next(rows)
        row.cells[0].paragraphs[0].add_run(f"{{{{ labels.{name} }}}}").bold = True
        row.cells[1].paragraphs[0].add_run(value)
        if condition:
            next(rows).cells[0].paragraphs[0].add_run("{%tr endif %}")
    _fix_widths(block, [40, 130])
    doc.add_paragraph()
    p(doc, "{{ labels.change_what }}", "Heading 1")
    table(
        doc,
        ["change_column_step", "change_column_change", "refresher_was", "refresher_now"],
        "row in changes",
        ["{{ row.step }}", "{{r row.change }}", "{{r row.before }}", "{{r row.after }}"],
        [13, 37, 60, 60],
    )
    p(doc, "{{ labels.refresher_reread }}", "Heading 1")
    p(doc, "{{ notice.roles }}")
    p(doc, "{{ labels.change_acknowledge }}", "Heading 1")
    p(doc, "{{ notice.acknowledge }}", "Step Meta")
    table(
        doc,
        ["role", "name", "date", "signature"],
        "line in acknowledgements",
        ["{{ line.role }}", "", "", ""],
        [44, 52, 28, 46],
    )
    _tall_rows(doc.tables[-1], ACKNOWLEDGE_TWIPS)
    p(doc, "{%p if printed %}")
    p(doc, "{{ printed }}", "Step Meta")
    p(doc, "{%p endif %}")
    return doc


ACKNOWLEDGE_TWIPS = 567
"""10 mm: an acknowledgement row one can sign in, several of them on one page."""


def main() -> int:
    """Write the templates into the package."""
    OUT.mkdir(parents=True, exist_ok=True)
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    for name, build in (
        ("procedure", procedure_template),
        ("plan", plan_template),
        ("change_notice", change_notice_template),
    ):
        doc = build()
        properties = doc.core_properties
        properties.title, properties.author, properties.comments = f"{name} template", "", ""
        properties.last_modified_by = ""
        _slim(doc)
        doc.save(target / f"{name}.docx")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
