"""A procedure as Markdown: title block, safety notes, roles, steps with their sub-steps,
checks, notes and branches, then quality, risks, troubleshooting and the revision history."""

from __future__ import annotations

from sopmodel.exporters.images import image_file
from sopmodel.exporters.markdown.blocks import (
    Lines,
    bullets,
    cell_text,
    heading,
    rich_blocks,
)
from sopmodel.exporters.markdown.escape import escape, line_start, one_line
from sopmodel.exporters.markdown.parts import Page
from sopmodel.model import KPI, Layout, NoteLevel, Procedure
from sopmodel.model.common import add_interval
from sopmodel.model.procedure import Risk
from sopmodel.views import (
    StepText,
    danger_notes,
    needs_safety_first,
    protective_equipment,
    rich,
    signal_word,
    sorted_risks,
    step_texts,
    warned_steps,
)
from sopmodel.views.branches import branch_marks
from sopmodel.views.references import step_references, step_ways, way_text

__all__ = ["procedure_blocks"]


def procedure_blocks(page: Page, procedure: Procedure) -> list[Lines]:
    """Return the blocks of a procedure's Markdown file, its title first."""
    texts = step_texts(procedure, page.labels)
    references = step_references([t.item for t in texts], procedure.layout)
    by_id = {t.step.id: r for t, r in zip(texts, references, strict=True) if t.step.id}
    blocks: list[Lines] = [heading(1, page.plain(procedure.title))]
    blocks.append(_title_facts(page, procedure))
    blocks += page.notes(procedure.notes)
    safety_first = needs_safety_first(procedure)
    if safety_first:
        blocks += _safety(page, procedure, texts, references, by_id)
    for key, text in (("objective", procedure.objective), ("scope", procedure.scope)):
        if text:
            blocks += [heading(2, page.label(key)), *page.rich(text)]
    blocks += _roles(page, procedure)
    if procedure.requirements:
        items = []
        for need in procedure.requirements:
            line = f"**{page.plain(need.name)}** ({page.enum('requirement', need.kind.value)})"
            if need.details:
                line += f" — {page.plain(need.details)}"
            items.append([[line]])
        blocks += [heading(2, page.label("requirements")), bullets(items)]
    if procedure.glossary:
        rows = [[page.plain(g.term), page.plain(g.definition)] for g in procedure.glossary]
        blocks += [heading(2, page.label("glossary")), page.table(["term", "definition"], rows)]
    if procedure.links:
        blocks += [
            heading(2, page.label("links")),
            bullets([[[line_start(s)]] for s in page.links(procedure.links)]),
        ]
    if procedure.attachments:
        forms = [[[page.attachment(a)]] for a in procedure.attachments]
        blocks += [heading(2, page.label("attachments")), bullets(forms)]
    chart = page.chart("flowchart", "flowchart")
    chart_blocks = [heading(2, page.label("flowchart")), chart] if chart else []
    if procedure.layout is Layout.flowchart:
        blocks += chart_blocks
    blocks.append(heading(2, page.label("steps")))
    blocks += _steps(page, procedure, texts, references)
    if procedure.layout is not Layout.flowchart:
        blocks += chart_blocks
    blocks += _quality(page, procedure)
    blocks += _tail(page, procedure, by_id, risks=not safety_first)
    return blocks


def _title_facts(page: Page, procedure: Procedure) -> Lines:
    roles = {role.id: role.name for role in procedure.roles}
    review = procedure.review
    due = (
        add_interval(review.last_reviewed, review.interval)
        if review and review.last_reviewed
        else None
    )
    approved = [
        ", ".join(part for part in (a.name, roles.get(a.role, a.role)) if part)
        for a in procedure.approvals
    ]
    facts = [
        ("document_id", escape(procedure.id)),
        ("version", escape(procedure.version)),
        ("status", page.enum("status", procedure.status.value)),
        ("category", page.enum("category", procedure.category.value)),
        ("organization", page.plain(procedure.organization)),
        ("owner", page.plain(roles.get(procedure.owner or "", procedure.owner or ""))),
        ("effective", page.date(procedure.effective)),
        ("last_reviewed", page.date(review.last_reviewed if review else None)),
        ("review_due", page.date(due)),
        ("approved_by", page.semicolon.join(page.plain(a) for a in approved)),
        ("md_keywords", ", ".join(page.plain(k) for k in procedure.keywords)),
    ]
    return bullets([[[page.labelled(key, text)]] for key, text in facts if text])


def _roles(page: Page, procedure: Procedure) -> list[Lines]:
    if not procedure.roles:
        return []
    rows = [
        [
            page.plain(r.name),
            page.plain(r.holder),
            page.semicolon.join(page.plain(x) for x in r.responsibilities),
        ]
        for r in procedure.roles
    ]
    return [
        heading(2, page.label("roles")),
        page.table(["role", "holder", "responsibilities"], rows),
    ]


def _steps(
    page: Page, procedure: Procedure, texts: list[StepText], references: list[str]
) -> list[Lines]:
    """Return a heading and the blocks of each top-level step, its sub-steps nested in it."""
    ways = step_ways(procedure)
    marks = branch_marks(procedure)
    children: dict[str, list[int]] = {}
    for index, text in enumerate(texts):
        children.setdefault(text.item.number.rpartition(".")[0], []).append(index)

    def body(index: int) -> list[Lines]:
        text = texts[index]
        top = text.item.depth == 0
        position = int(text.item.loc[-1])
        facts = [escape(one_line(fact)) for fact in text.facts()]
        if top and position in marks:
            mark = marks[position]
            answer = page.plain(mark.answer)
            facts.append(page.say("branch_only", when=answer, step=str(mark.decision + 1)))
        found: list[Lines] = [[f"*{' · '.join(facts)}*"]] if facts else []
        found += rich_blocks(text.details)
        if text.check:
            found.append([page.labelled("check", escape(one_line(text.check)))])
        found += page.notes(text.step.all_notes(), nested=not top)
        found += _picture(page, procedure, text)
        if text.links:
            found.append([page.labelled("links", ", ".join(page.links(text.step.links)))])
        if text.attachments:
            forms = ", ".join(page.attachment(a) for a in text.attachments)
            found.append([page.labelled("attachments", forms)])
        if top and ways[position]:
            found.append(
                bullets(
                    [[[escape(one_line(way_text(way, page.labels)))]] for way in ways[position]]
                )
            )
        kids = children.get(text.item.number, [])
        if kids:
            found.append(bullets([[_substep_title(k), *body(k)] for k in kids]))
        return found

    def _substep_title(index: int) -> Lines:
        return [f"**{escape(references[index])}** {page.plain(texts[index].step.title)}"]

    blocks: list[Lines] = []
    for index in children.get("", []):
        title = f"{escape(texts[index].item.label)}. {page.plain(texts[index].step.title)}"
        blocks += [heading(3, title), *body(index)]
    return blocks


def _picture(page: Page, procedure: Procedure, text: StepText) -> list[Lines]:
    image = text.step.image
    if image is None:
        return []
    path = image_file(procedure, image.path, (*text.item.loc, "image", "path"))
    found = page.local_file(image.path)
    name = found[0] if found else path.name
    page.destination.companion(name).write_bytes(path.read_bytes())
    alt = page.plain(image.alt or image.caption or text.step.title)
    lines: list[Lines] = [[f"![{alt}]({page.destination.companion_link(name)})"]]
    if image.caption:
        lines.append([f"*{page.plain(image.caption)}*"])
    return lines


def _quality(page: Page, procedure: Procedure) -> list[Lines]:
    quality = procedure.quality
    if not quality.criteria and not quality.kpis:
        return []
    blocks = [heading(2, page.label("quality"))]
    if quality.criteria:
        blocks.append(bullets([[[line_start(page.plain(c))]] for c in quality.criteria]))
    if quality.kpis:
        blocks.append(kpi_table(page, quality.kpis, {r.id: r.name for r in procedure.roles}))
    return blocks


def kpi_table(page: Page, kpis: list[KPI], roles: dict[str, str]) -> Lines:
    """Return KPIs as a table: name, unit, baseline, target, direction, frequency, owner,
    definition."""
    rows = [
        [
            page.plain(k.name),
            page.plain(k.unit),
            page.number(k.baseline, k.unit),
            page.number(k.target, k.unit),
            page.enum("direction", k.direction.value),
            page.enum("frequency", k.frequency.value),
            page.plain(roles.get(k.owner or "", k.owner or "")),
            cell_text(rich(k.definition, page.language)),
        ]
        for k in kpis
    ]
    keys = ["kpi", "unit", "baseline", "target", "direction", "frequency", "owner", "definition"]
    return page.table(keys, rows)


def _safety(
    page: Page,
    procedure: Procedure,
    texts: list[StepText],
    references: list[str],
    by_id: dict[str, str],
) -> list[Lines]:
    """Return the safety section a hazardous procedure starts with, as every output does:
    its protective equipment, its hazards (risks most severe first, then the danger notes
    of its steps) and the steps that carry a warning."""
    where = {id(t): ref for t, ref in zip(texts, references, strict=True)}
    blocks: list[Lines] = [heading(2, page.label("safety"))]
    equipment = protective_equipment(procedure)
    if equipment:
        names = ", ".join(page.plain(item.name) for item in equipment)
        blocks.append([page.labelled("requirement_ppe", names)])
    rows = [
        [
            page.enum("severity", risk.severity.value),
            page.plain(risk.risk),
            cell_text(rich(risk.mitigation, page.language)),
            escape(by_id.get(_risk_step(risk), _risk_step(risk))),
        ]
        for risk in sorted_risks(procedure.risks)
    ]
    word = escape(signal_word(NoteLevel.danger, page.labels))
    for found in danger_notes(texts):
        text = cell_text(rich(found.note.text, page.language))
        rows.append([word, text, "", escape(where[id(found.text)])])
    if rows:
        blocks.append(page.table(["severity", "hazards", "mitigation", "step"], rows))
    warned = [
        f"{escape(where[id(text)])} ({escape(signal_word(level, page.labels))})"
        for text, level in warned_steps(texts)
    ]
    if warned:
        blocks.append([page.labelled("steps_with_warnings", ", ".join(warned))])
    return blocks


def _risk_step(risk: object) -> str:
    """Return the id of the step a procedure's risk arises at, or ''."""
    return (risk.step if isinstance(risk, Risk) else None) or ""


def _tail(
    page: Page, procedure: Procedure, by_id: dict[str, str], risks: bool = True
) -> list[Lines]:
    """Return the tables after the steps: risks (unless the safety section has them),
    troubleshooting, trials, sign-off and revision history."""
    blocks: list[Lines] = []
    roles = {r.id: r.name for r in procedure.roles}

    def step(ref: str | None) -> str:
        return escape(by_id.get(ref or "", ref or ""))

    def cell(text: str | None) -> str:
        return cell_text(rich(text, page.language))

    sections = [
        (
            "risks",
            ["risk", "severity", "mitigation", "step"],
            [
                [
                    page.plain(r.risk),
                    page.enum("severity", r.severity.value),
                    cell(r.mitigation),
                    step(r.step),
                ]
                for r in procedure.risks
                if risks
            ],
        ),
        (
            "troubleshooting",
            ["problem", "cause", "solution", "step"],
            [
                [page.plain(t.problem), cell(t.cause), cell(t.solution), step(t.step)]
                for t in procedure.troubleshooting
            ],
        ),
        (
            "trials",
            ["date", "tester", "version", "outcome", "confusing_steps", "remarks"],
            [
                [
                    page.date(t.date),
                    page.plain(t.tester),
                    page.plain(t.version),
                    page.enum("outcome", t.outcome.value),
                    ", ".join(step(s) for s in t.steps),
                    cell(t.remarks),
                ]
                for t in procedure.trials
            ],
        ),
        (
            "signoff",
            ["role", "name", "date", "version"],
            [
                [
                    page.plain(roles.get(a.role, a.role)),
                    page.plain(a.name),
                    page.date(a.date),
                    page.plain(a.version),
                ]
                for a in procedure.approvals
            ],
        ),
        (
            "revisions",
            ["version", "date", "author", "changes"],
            [
                [page.plain(r.version), page.date(r.date), page.plain(r.author), cell(r.changes)]
                for r in procedure.revisions
            ],
        ),
    ]
    for title, keys, rows in sections:
        if rows:
            blocks += [heading(2, page.label(title)), page.table(keys, rows)]
    return blocks
