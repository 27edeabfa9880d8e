"""The template variables of a procedure document (see docs/word-templates.md)."""

from __future__ import annotations

from typing import Any

from sopmodel.exporters.images import image_file
from sopmodel.exporters.word.context import (
    Picture,
    RichParts,
    Words,
    kpi_values,
    printed_values,
    typeset_values,
)
from sopmodel.exporters.word.richtext import RichWriter
from sopmodel.i18n import Labels
from sopmodel.model import Layout, Procedure
from sopmodel.model.common import add_interval
from sopmodel.views import StepText, flow_graph, step_texts

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
    values = _procedure_values(procedure, labels, picture, flowchart, printed, writer)
    context: dict[str, Any] = typeset_values(values, labels.language)
    return context


def _procedure_values(
    procedure: Procedure,
    labels: Labels,
    picture: Picture,
    flowchart: list[dict[str, Any]],
    printed: Any,
    writer: RichWriter,
) -> dict[str, Any]:
    """Return the template variables of a procedure document."""
    words = Words(labels)
    parts = RichParts(words, writer)
    roles = {role.id: role.name for role in procedure.roles}
    graph = flow_graph(procedure)
    numbers = {node.step.id: node.number for node in graph.nodes if node.step.id}
    texts = step_texts(procedure, labels)
    shown_as = _references(texts, procedure.layout)
    references = {t.step.id: ref for t, ref in zip(texts, shown_as, strict=True) if t.step.id}
    review = procedure.review
    due = (
        add_interval(review.last_reviewed, review.interval)
        if review and review.last_reviewed
        else None
    )
    steps = []
    for index, text in enumerate(texts):
        item, step = text.item, text.step
        ways: list[str] = []
        if item.depth == 0:
            node = next(n for n in graph.nodes if n.step is step)
            for edge in graph.outgoing(node.index):
                target = graph.nodes[edge.target].number
                if edge.label is not None:
                    ways.append(labels.format("if_then", when=edge.label, step=target))
                elif edge.target != node.index + 1:
                    ways.append(labels.format("then_go", step=target))
            if node.is_end and node.index != len(graph.nodes) - 1:
                ways.append(labels["end_of_procedure"])
        image = caption = None
        if step.image is not None:
            image_path = image_file(procedure, step.image.path, (*item.loc, "image", "path"))
            image = picture(image_path, None)
            caption = step.image.caption or step.image.alt or ""
        details, details_rich = parts.details(step.details)
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
                "facts": " · ".join(f for f in text.facts() if f != text.condition),
                "meta": " · ".join(text.facts()),
                "details": details,
                "details_rich": details_rich,
                "check": words.labelled("check", text.check) if text.check else "",
                "warning": words.labelled("warning", step.warning) if step.warning else "",
                "notes": parts.notes(step.all_notes()),
                "callouts": writer.boxes(text.callouts, parts.signal),
                "links": [parts.link(link) for link in text.links],
                "links_rich": parts.lead_links(text.links),
                "attachments": [parts.attachment(a) for a in text.attachments],
                "attachments_text": words.labelled(
                    "attachments",
                    ", ".join(parts.attachment(a)["text"] for a in text.attachments),
                )
                if text.attachments
                else "",
                "ways": ways,
                "image": image,
                "caption": caption or "",
                "index": index,
            }
        )
    attachments = parts.forms(procedure.attachments, texts, shown_as)
    approvals = [
        {
            "role": roles.get(a.role, a.role),
            "name": a.name,
            "date": words.date(a.date),
            "version": a.version or "",
            "version_text": labels.format("approved_version", version=a.version)
            if a.version
            else "",
        }
        for a in procedure.approvals
    ]
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
    return {
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
            "approved_by": ", ".join(
                f"{a['name']} ({a['role']}{', ' + a['version_text'] if a['version'] else ''})"
                for a in approvals
            ),
            "keywords": ", ".join(procedure.keywords),
        },
        "roles": [
            {
                "id": r.id,
                "name": r.name,
                "holder": r.holder or "",
                "holder_text": f" — {r.holder}" if r.holder else "",
                "responsibilities": "; ".join(r.responsibilities),
            }
            for r in procedure.roles
        ],
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
            "kpis": [kpi_values(k, words, roles) for k in procedure.quality.kpis],
        },
        "risks": [
            {
                "risk": r.risk,
                "severity": words.enum("severity", r.severity),
                "mitigation": r.mitigation,
                "step": numbers.get(r.step or "", ""),
            }
            for r in procedure.risks
        ],
        "troubleshooting": [
            {
                "problem": t.problem,
                "cause": t.cause or "",
                "solution": t.solution,
                "step": numbers.get(t.step or "", ""),
            }
            for t in procedure.troubleshooting
        ],
        "revisions": [
            {
                "version": r.version,
                "date": words.date(r.date),
                "author": r.author or "",
                "changes": r.changes or "",
            }
            for r in procedure.revisions
        ],
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


def _references(texts: list[StepText], layout: Layout) -> list[str]:
    """Return how the document refers to each step: 2.1.3 in an outline, else 2.a.i."""
    found: list[str] = []
    path: list[str] = []
    for text in texts:
        path[text.item.depth :] = [text.item.label]
        found.append(text.item.number if layout is Layout.hierarchical else ".".join(path))
    return found
