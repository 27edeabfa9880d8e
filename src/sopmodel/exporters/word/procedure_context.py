"""The template variables of a procedure document (see docs/word-templates.md)."""

from __future__ import annotations

from typing import Any

from sopmodel.exporters.images import image_file
from sopmodel.exporters.word.context import (
    Kept,
    Picture,
    RichParts,
    Words,
    approval_rows,
    approved_by,
    kpi_values,
    printed_values,
    typeset_values,
)
from sopmodel.exporters.word.richtext import Fragment, RichWriter
from sopmodel.exporters.word.safety import risks_table, safety_values
from sopmodel.exporters.word.substeps import SubstepLists, substep_indent
from sopmodel.exporters.word.tables import grid
from sopmodel.i18n import Labels
from sopmodel.i18n.typography import typeset
from sopmodel.model import Layout, Procedure
from sopmodel.model.common import add_interval
from sopmodel.views import lines, severity_colours, step_texts
from sopmodel.views.references import step_references, step_ways, way_text

__all__ = ["procedure_context"]


def procedure_context(
    procedure: Procedure,
    labels: Labels,
    picture: Picture,
    flowchart: list[dict[str, Any]],
    printed: Any,
    writer: RichWriter,
) -> dict[str, Any]:
    """Return the template variables of a procedure document, typeset."""
    words = Words(labels)
    parts = RichParts(words, writer)
    roles = {role.id: role.name for role in procedure.roles}
    leads = step_ways(procedure)
    texts = step_texts(procedure, labels)
    shown_as = step_references([t.item for t in texts], procedure.layout)
    references = {t.step.id: ref for t, ref in zip(texts, shown_as, strict=True) if t.step.id}
    review = procedure.review
    due = (
        add_interval(review.last_reviewed, review.interval)
        if review and review.last_reviewed
        else None
    )
    lists = SubstepLists(writer, procedure.layout, [t.item.number for t in texts if t.item.depth])
    hierarchical = procedure.layout is Layout.hierarchical
    steps = []
    for index, text in enumerate(texts):
        item, step = text.item, text.step
        ways = [way_text(w, labels) for w in leads[int(item.loc[1])]] if item.depth == 0 else []
        image = caption = None
        if step.image is not None:
            image_path = image_file(procedure, step.image.path, (*item.loc, "image", "path"))
            image = picture(image_path, None)
            caption = step.image.caption or step.image.alt or ""
        indent = substep_indent(item.depth, hierarchical)
        more = bool(
            text.callouts
            or text.details
            or text.check
            or text.links
            or text.attachments
            or step.image
            or ways
            or (index + 1 < len(texts) and texts[index + 1].item.depth > item.depth)
        )
        facts = " · ".join(f for f in text.facts() if f != text.condition)
        language = labels.language
        links_rich = parts.lead_links(text.links)
        forms_line = (
            words.labelled(
                "attachments", ", ".join(parts.attachment(a)["text"] for a in text.attachments)
            )
            if text.attachments
            else ""
        )
        check = words.labelled("check", text.check) if text.check else ""
        steps.append(
            {
                "number": item.number,
                "label": item.label,
                "depth": item.depth,
                "title": text.title,
                "role": roles.get(item.role or "", item.role or ""),
                "who": text.who,
                "condition": text.condition,
                "duration": text.duration,
                "within": text.within,
                "repeat": text.repeat,
                "facts": facts,
                "meta": " · ".join(text.facts()),
                "details": Kept("\n".join(lines(text.details))),
                "details_rich": writer.rich(text.details, indent),
                "check": check,
                "check_rich": lists.line("Check", "✔ " + typeset(check, language), indent)
                if check
                else Fragment(""),
                "heading_rich": lists.title(
                    item.number,
                    item.label,
                    text.title,
                    [("Condition", typeset(text.condition, language))] * bool(text.condition)
                    + [("Step Meta", typeset(facts, language))] * bool(facts),
                    more,
                )
                if item.depth
                else Fragment(""),
                "warning": words.labelled("warning", step.warning) if step.warning else "",
                "notes": parts.notes(step.all_notes()),
                "callouts": writer.boxes(text.callouts, parts.signal, indent),
                "links": [parts.link(link) for link in text.links],
                "links_rich": links_rich,
                "links_line_rich": lists.line("Branch", "", indent, links_rich.xml, aligned=True)
                if text.links
                else Fragment(""),
                "attachments_rich": lists.line(
                    "Branch", typeset(forms_line, language), indent, aligned=True
                )
                if forms_line
                else Fragment(""),
                "attachments": [parts.attachment(a) for a in text.attachments],
                "attachments_text": forms_line,
                "ways": ways,
                "more": more,
                "image": image,
                "caption": caption or "",
                "index": index,
            }
        )
    attachments = parts.forms(procedure.attachments, texts, shown_as)
    approvals = approval_rows(procedure.approvals, roles, words)
    trials = [
        {
            "date": words.date(t.date),
            "tester": t.tester,
            "version": t.version or "",
            "outcome": words.enum("outcome", t.outcome),
            "steps": ", ".join(references.get(s, s) for s in t.steps),
            "remarks": t.remarks or "",
        }
        for t in procedure.trials
    ]
    risks = [
        {
            "risk": r.risk,
            "severity": words.enum("severity", r.severity),
            "level": r.severity.value,
            "fill": severity_colours(r.severity.value)[0],
            "ink": severity_colours(r.severity.value)[1],
            "mitigation": r.mitigation,
            "step": references.get(r.step or "", ""),
        }
        for r in procedure.risks
    ]
    troubleshooting = [
        {
            "problem": t.problem,
            "cause": t.cause or "",
            "solution": t.solution,
            "step": references.get(t.step or "", ""),
        }
        for t in procedure.troubleshooting
    ]
    kpis = [kpi_values(k, words, roles) for k in procedure.quality.kpis]
    role_rows = [
        {
            "id": r.id,
            "name": r.name,
            "holder": r.holder or "",
            "holder_text": f" — {r.holder}" if r.holder else "",
            "responsibilities": "; ".join(r.responsibilities),
            "shown": r.name + (f" — {r.holder}" if r.holder else ""),
        }
        for r in procedure.roles
    ]
    revisions = [
        {
            "version": r.version,
            "date": words.date(r.date),
            "author": r.author or "",
            "changes": r.changes or "",
        }
        for r in procedure.revisions
    ]
    values = {
        **safety_values(procedure, labels, texts, shown_as, writer),
        "risks_rich": risks_table(writer, procedure.risks, labels, references),
        "troubleshooting_rich": _table(
            writer,
            labels,
            ["problem", "cause", "solution", "step"],
            troubleshooting,
            (50, 45, 60, 15),
        ),
        "trials_rich": _table(
            writer,
            labels,
            ["date", "tester", "version", "outcome", "steps", "remarks"],
            trials,
            (27, 33, 21, 23, 22, 44),
            ["date", "tester", "version", "outcome", "confusing_steps", "remarks"],
        ),
        "roles_rich": _table(
            writer,
            labels,
            ["shown", "responsibilities"],
            role_rows,
            (55, 115),
            ["role", "responsibilities"],
        ),
        "revisions_rich": _table(
            writer, labels, ["version", "date", "author", "changes"], revisions, (20, 35, 40, 75)
        ),
        "kpis_rich": _table(
            writer,
            labels,
            ["name", "baseline", "target", "direction", "frequency", "owner"],
            kpis,
            (40, 20, 20, 30, 32, 28),
            ["kpi", "baseline", "target", "direction", "frequency", "owner"],
        ),
        "labels": dict(labels),
        "doc": {
            "id": procedure.id,
            "title": procedure.title,
            "version": procedure.version,
            "note": f"{labels['version']} {procedure.version}",
            "status": words.enum("status", procedure.status),
            "language": words.language,
            "category": procedure.category.value,
            "category_name": words.enum("category", procedure.category.value),
            "layout": procedure.layout.value,
            "flowchart_first": procedure.layout is Layout.flowchart,
            "objective": procedure.objective or "",
            "scope": procedure.scope or "",
            "owner": roles.get(procedure.owner or "", procedure.owner or ""),
            "organization": procedure.organization or "",
            "effective": words.date(procedure.effective),
            "last_reviewed": words.date(review.last_reviewed if review else None),
            "review_due": words.date(due),
            "approved_by": approved_by(approvals),
            "keywords": ", ".join(procedure.keywords),
        },
        "roles": role_rows,
        "requirements": [
            {
                "name": r.name,
                "kind": words.enum("requirement", r.kind),
                "details": r.details or "",
                "details_text": f" — {r.details}" if r.details else "",
            }
            for r in procedure.requirements
        ],
        "glossary": [{"term": g.term, "definition": g.definition} for g in procedure.glossary],
        "callouts": parts.callouts(procedure.notes),
        "notes": parts.notes(procedure.notes),
        "links": parts.links(procedure.links),
        "attachments": attachments,
        "steps": steps,
        "flowchart": flowchart,
        "quality": {
            "criteria": list(procedure.quality.criteria),
            "kpis": kpis,
        },
        "risks": risks,
        "troubleshooting": troubleshooting,
        "revisions": revisions,
        "approvals": approvals,
        "trials": trials,
        "signoff": approvals
        or [
            {
                "role": roles.get(procedure.owner or "", ""),
                "name": "",
                "date": "",
                "version": "",
                "version_text": "",
            }
        ],
        **printed_values(words, printed),
    }
    context: dict[str, Any] = typeset_values(values, labels.language)
    return context


def _table(
    writer: RichWriter,
    labels: Labels,
    keys: list[str],
    rows: list[dict[str, str]],
    weights: tuple[float, ...],
    headers: list[str] | None = None,
) -> Fragment:
    """Return rows of template values as a table of the given keys, typeset, without the
    columns and rows that would stay empty; the first column is always kept."""
    language = labels.language
    shown = [typeset(labels[h], language) for h in headers or keys]
    cells = [[typeset(str(row[key]), language) for key in keys] for row in rows]
    return grid(writer, shown, cells, weights, (0,))
