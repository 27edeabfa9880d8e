"""What the Word templates see: text values in the document's language, and rich fragments.

Every name here is part of the template contract documented in docs/word-templates.md. A
value is plain text unless its name says otherwise: `*_rich` and `callouts` are Word
fragments (`{{p name }}`), `rich` of a link is a hyperlink run (`{{r link.rich }}`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docxtpl import RichText

from sopmodel.exporters.images import image_file
from sopmodel.exporters.word.richtext import Fragment, RichWriter
from sopmodel.exporters.writing import printed_line
from sopmodel.i18n import Labels, format_date, format_number, weekday_name
from sopmodel.i18n.typography import typeset
from sopmodel.model import KPI, Attachment, Layout, Link, Note, Plan, Procedure
from sopmodel.model.common import add_interval
from sopmodel.views import (
    LinkText,
    StepText,
    callouts,
    flow_graph,
    lines,
    link_texts,
    plain,
    rich,
    step_texts,
)

__all__ = ["Picture", "plan_context", "procedure_context"]

Picture = Callable[[Any, float | None], Any]
"""Make an embeddable picture from a file path and a width in millimetres (or None)."""

_VERBATIM = frozenset({"url", "path", "id", "language", "category", "layout"})
"""Values that are addresses or codes, never typeset."""


class _Kept(str):
    """A text from Markdown, typeset when it was parsed: left as it is, so code in it stays
    exactly as written."""

    __slots__ = ()


def _typeset(value: Any, language: str) -> Any:
    """Return the template variables with every text typeset the language's way (see typeset).

    Labels, titles, dates and table cells all pass here once; Word fragments, pictures and
    Markdown text (typeset when it is parsed) are left as they are.
    """
    if isinstance(value, _Kept):
        return str(value)
    if isinstance(value, str):
        return typeset(value, language)
    if isinstance(value, dict):
        return {
            key: item if key in _VERBATIM else _typeset(item, language)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_typeset(item, language) for item in value]
    return value


class _Words:
    """Labels and local formats of one language."""

    def __init__(self, labels: Labels) -> None:
        self.labels = labels
        self.language = labels.language

    def date(self, value: Any, width: str = "long") -> str:
        return format_date(value, self.language, width) if value else ""

    def number(self, value: float | None, unit: str | None = None) -> str:
        if value is None:
            return ""
        text = format_number(value, self.language)
        return f"{text} {unit}" if unit else text

    def enum(self, prefix: str, value: Any) -> str:
        key = f"{prefix}_{value}"
        return self.labels[key] if key in self.labels else str(value)

    def weekday(self, value: Any) -> str:
        order = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        return weekday_name(order.index(str(value)), self.language)

    def labelled(self, label: str, text: str) -> str:
        return self.labels.format("labelled", label=self.labels[label], text=text)

    def labelled_text(self, label: str, text: _Kept) -> _Kept:
        """Return 'label: text' with the label typeset and the Markdown text as it is."""
        shape = typeset(self.labels["labelled"], self.language)
        return _Kept(shape.format(label=typeset(label, self.language), text=text))


def _kpi(kpi: KPI, words: _Words, roles: dict[str, str]) -> dict[str, str]:
    baseline, target = words.number(kpi.baseline, kpi.unit), words.number(kpi.target, kpi.unit)
    direction = words.enum("direction", kpi.direction)
    frequency = words.enum("frequency", kpi.frequency)
    summary = f"{baseline} → {target} ({direction}, {frequency})"
    return {
        "id": kpi.id,
        "name": kpi.name,
        "unit": kpi.unit or "",
        "baseline": baseline,
        "target": target,
        "direction": direction,
        "frequency": frequency,
        "owner": roles.get(kpi.owner or "", kpi.owner or ""),
        "summary": words.labels.format("labelled", label=kpi.name, text=summary),
    }


class _Rich:
    """The rich pieces of a document: notes as callout boxes, links, attachments."""

    def __init__(self, words: _Words, writer: RichWriter) -> None:
        self.words = words
        self.labels = words.labels
        self.writer = writer

    def signal(self, level: Any) -> str:
        return self.labels[f"note_{level}"]

    def callouts(self, notes: list[Note]) -> Fragment:
        return self.writer.boxes(callouts(notes, self.words.language), self.signal)

    def notes(self, notes: list[Note]) -> list[str]:
        """Return notes as plain text: 'WARNING: text', most serious first."""
        return [
            self.words.labelled_text(self.signal(item.level), _Kept("\n".join(lines(item.blocks))))
            for item in callouts(notes, self.words.language)
        ]

    def details(self, text: str | None) -> tuple[str, Fragment]:
        """Return a Markdown text as plain lines and as Word content."""
        blocks = rich(text, self.words.language)
        return _Kept("\n".join(lines(blocks))), self.writer.rich(blocks)

    def link(self, link: LinkText) -> dict[str, Any]:
        shown = typeset(link.shown, self.words.language)
        url = link.url or ""
        return {
            "label": link.label,
            "url": url,
            "procedure": link.procedure or "",
            "shown": shown,
            "text": f"{shown} — {url}" if url and url != shown else shown,
            "address": f" — {url}" if url and url != shown else "",
            "rich": self.writer.hyperlink(shown, url),
        }

    def lead_links(self, links: list[LinkText]) -> Any:
        """Return 'References: a, b' as one run of hyperlinks for `{{r name }}` ('' if none)."""
        if not links:
            return ""
        line = RichText(typeset(self.words.labelled("links", ""), self.words.language))
        for index, link in enumerate(links):
            if index:
                line.add(", ")
            line.add(self.link(link)["rich"])
        return line

    def forms(
        self, own: list[Attachment], texts: list[StepText], shown_as: list[str]
    ) -> list[dict[str, str]]:
        """Return the procedure's attachments, then its steps', each once with its steps."""
        used: dict[tuple[str, str], list[str]] = {(a.title, str(a.path)): [] for a in own}
        kept = {(a.title, str(a.path)): a for a in own}
        for text, reference in zip(texts, shown_as, strict=True):
            for attachment in text.attachments:
                key = (attachment.title, str(attachment.path))
                kept.setdefault(key, attachment)
                used.setdefault(key, []).append(reference)
        return [
            self.attachment(
                kept[key], self.words.labelled("steps", ", ".join(steps)) if steps else ""
            )
            for key, steps in used.items()
        ]

    def links(self, links: list[Link]) -> list[dict[str, Any]]:
        return [self.link(item) for item in link_texts(links, self.labels)]

    def attachment(self, attachment: Attachment, used_in: str = "") -> dict[str, str]:
        title = plain(attachment.title, self.words.language)
        return {
            "title": title,
            "path": str(attachment.path),
            "text": f"{title} ({attachment.path})",
            "steps": used_in,
            "line": f"{title} ({attachment.path})" + (f" — {used_in}" if used_in else ""),
        }


def _references(texts: list[StepText], layout: Layout) -> list[str]:
    """Return how the document refers to each step: 2.1.3 in an outline, else 2.a.i."""
    found: list[str] = []
    path: list[str] = []
    for text in texts:
        path[text.item.depth :] = [text.item.label]
        found.append(text.item.number if layout is Layout.hierarchical else ".".join(path))
    return found


def _printed(words: _Words, date: Any) -> dict[str, str]:
    """Return the "Printed on" line (empty without a date); `generated` is its old name."""
    line = printed_line(words.labels, date) if date else ""
    return {"printed": line, "generated": line}


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
    typeset_values: dict[str, Any] = _typeset(values, labels.language)
    return typeset_values


def plan_context(plan: Plan, labels: Labels, printed: Any, writer: RichWriter) -> dict[str, Any]:
    """Return the template variables of a plan document, typeset."""
    values = _plan_values(plan, labels, printed, writer)
    typeset_values: dict[str, Any] = _typeset(values, labels.language)
    return typeset_values


def _procedure_values(
    procedure: Procedure,
    labels: Labels,
    picture: Picture,
    flowchart: list[dict[str, Any]],
    printed: Any,
    writer: RichWriter,
) -> dict[str, Any]:
    """Return the template variables of a procedure document."""
    words = _Words(labels)
    parts = _Rich(words, writer)
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
            "kpis": [_kpi(k, words, roles) for k in procedure.quality.kpis],
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
        **_printed(words, printed),
    }


def _plan_values(plan: Plan, labels: Labels, printed: Any, writer: RichWriter) -> dict[str, Any]:
    """Return the template variables of a plan document."""
    words = _Words(labels)
    shown = _Rich(words, writer)
    roles = {role.id: role.name for role in plan.roles}
    kpis = {k.id: _kpi(k, words, roles) for k in plan.kpis}

    def names(ids: list[str]) -> str:
        return ", ".join(roles.get(i, i) for i in ids)

    phases = []
    for phase in plan.phases:
        activities = [
            {
                "title": a.title,
                "due": words.date(a.due, "medium"),
                "status": words.enum("activity", a.status),
                "responsible": names(a.raci.responsible),
                "accountable": names(a.raci.accountable),
                "consulted": names(a.raci.consulted),
                "informed": names(a.raci.informed),
            }
            for a in phase.activities
        ]
        phases.append(
            {
                "name": phase.name,
                "dates": f"{words.date(phase.start)} – {words.date(phase.end)}",
                "goal": words.labelled("goal", phase.goal) if phase.goal else "",
                "goals": [plain(goal, words.language) for goal in phase.goals],
                "activities": activities,
            }
        )
    sheets = []
    for role in plan.roles:
        parts = []
        for key, letter in (
            ("owns", "accountable"),
            ("does", "responsible"),
            ("consulted_on", "consulted"),
            ("informed_of", "informed"),
        ):
            lines = [
                f"{a.title} ({words.date(a.due, 'medium')})" if a.due else a.title
                for phase in plan.phases
                for a in phase.activities
                if role.id in getattr(a.raci, letter)
            ]
            if key == "owns":
                lines = [o.statement for o in plan.objectives if o.owner == role.id] + lines
                lines += [k.name for k in plan.kpis if k.owner == role.id]
                lines += [m.title for m in plan.meetings if m.owner == role.id]
            parts.append({"label": labels[key], "lines": lines or [labels["nothing"]]})
        sheets.append(
            {
                "title": labels.format("responsibility_sheet", role=role.name),
                "holder": words.labelled("holder", role.holder) if role.holder else "",
                "parts": parts,
            }
        )
    return {
        "labels": dict(labels),
        "doc": {
            "id": plan.id,
            "title": plan.title,
            "note": f"{words.date(plan.start, 'medium')} – {words.date(plan.end, 'medium')}",
            "organization": plan.organization or "",
            "period": (" · " if plan.organization else "")
            + labels.format(
                "horizon",
                start=words.date(plan.start),
                end=words.date(plan.end),
                days=plan.horizon_days,
            ),
            "owner": roles.get(plan.owner or "", plan.owner or ""),
        },
        "objectives": [
            {
                "priority": labels.format("priority", priority=o.priority),
                "statement": o.statement,
                "owner": words.labelled("owner", roles.get(o.owner or "", o.owner or "")),
                "kpis": [kpis[k] for k in o.kpis if k in kpis],
            }
            for o in sorted(plan.objectives, key=lambda o: o.priority)
        ],
        "kpis": list(kpis.values()),
        "phases": phases,
        "milestones": [
            {"date": words.date(m.date), "title": m.title, "kind": words.enum("milestone", m.kind)}
            for m in sorted(plan.milestones, key=lambda m: m.date)
        ],
        "meetings": [
            {
                "title": m.title,
                "cadence": words.enum("frequency", m.cadence)
                + (f", {words.weekday(m.weekday)}" if m.weekday else ""),
                "owner": roles.get(m.owner or "", m.owner or ""),
                "participants": names(m.participants),
            }
            for m in plan.meetings
        ],
        "procedures": list(plan.procedures),
        "callouts": shown.callouts(plan.notes),
        "notes": shown.notes(plan.notes),
        "links": shown.links(plan.links),
        "risks": [
            {
                "risk": r.risk,
                "severity": words.enum("severity", r.severity),
                "mitigation": r.mitigation,
            }
            for r in plan.risks
        ],
        "sheets": sheets,
        **_printed(words, printed),
    }
