"""A procedure's page: title block, safety first, steps with their anchors, the flowchart,
tables, revision history and links to other documents."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from sopmodel.exporters.images import document_folder, named_file
from sopmodel.exporters.site import interactive
from sopmodel.exporters.site.entries import LoadedFile, safe_name
from sopmodel.exporters.site.flowchart import inline_chart
from sopmodel.exporters.site.html import blocks_html, link, rich
from sopmodel.exporters.site.html import step_anchor as anchor
from sopmodel.exporters.site.pages import SiteContext
from sopmodel.exporters.site.training import training
from sopmodel.i18n import Labels, format_date, format_number
from sopmodel.markup import plain
from sopmodel.model import Procedure
from sopmodel.rules.dates import next_review
from sopmodel.views import (
    StepText,
    danger_notes,
    number_steps,
    protective_equipment,
    signal_word,
    sorted_risks,
    step_texts,
)
from sopmodel.views.references import step_reference
from sopmodel.views.steps import LinkText

__all__ = ["link_html", "render"]


def link_html(item: LinkText, site: SiteContext, labels: Labels) -> Markup:
    """Return a link of a document: to another page of the site, to the web, or as text."""
    if item.procedure:
        url = site.known.get(item.procedure)
        if url is None:
            return Markup(escape(labels.format("site_not_in_site", id=item.shown)))
        return Markup('<a href="../{}">{}</a>').format(url, item.shown)
    return link(item.label, item.url)


class _Files:
    """The pictures and attachments a page copies into the site, each under
    assets/KIND/PAGE/ at its path in the document's folder (img/a.png and photos/a.png stay
    two files); names made safe for the web get ~2, ~3 when two would meet."""

    def __init__(self, procedure: Procedure, loaded: LoadedFile) -> None:
        self.procedure = procedure
        self.folder = document_folder(procedure)
        self.page = loaded.url.rsplit("/", 1)[-1].removesuffix(".html")
        self.copied: dict[str, Path] = {}

    def url(self, relative: str, kind: str) -> str | None:
        """Return the page-relative URL of a file the page shows or links, or None when it
        does not exist or lies outside the document's folder (SOP112 says so; never copied)."""
        source = named_file(self.procedure, relative)
        if source is None:
            return None
        parts = [safe_name(part) for part in source.relative_to(self.folder).parts]
        base = f"assets/{kind}/{safe_name(self.page)}/{'/'.join(parts)}"
        target, n = base, 1
        while self.copied.get(target, source) != source:
            n += 1
            stem, dot, suffix = base.rpartition(".")
            target = f"{stem}~{n}.{suffix}" if dot and "/" not in suffix else f"{base}~{n}"
        self.copied[target] = source
        return "../" + target


def _ref(number: str, procedure: Procedure) -> str:
    """Return how the procedure refers to a step from elsewhere: 2.a (2.1 in an outline)."""
    return step_reference(number, procedure.layout)


def _step(
    text: StepText,
    procedure: Procedure,
    site: SiteContext,
    labels: Labels,
    files: _Files,
    numbers: dict[str, str],
) -> dict[str, Any]:
    step = text.step
    language = labels.language
    branches = []
    for branch in getattr(step, "decision", None) or ():
        target = numbers.get(branch.goto)
        branches.append(
            {
                "when": plain(branch.when, language),
                "href": "#" + anchor(target) if target else None,
                "target": labels.format("site_goes_to", number=_ref(target, procedure))
                if target
                else branch.goto,
            }
        )
    follow = getattr(step, "next", None)
    image = None
    if step.image is not None:
        url = files.url(step.image.path, "img")
        alt = (
            step.image.alt
            or step.image.caption
            or labels.format("site_figure", number=text.item.number)
        )
        image = {"url": url, "alt": alt, "caption": step.image.caption, "path": step.image.path}
    attachments = []
    for attachment in text.attachments:
        url = files.url(attachment.path, "files")
        title = plain(attachment.title, language)
        attachments.append(
            Markup('<a href="{}">{}</a>').format(url, title) if url else Markup(escape(title))
        )
    return {
        "anchor": anchor(text.item.number),
        "own_id": step.id,
        "number": text.item.label,
        "full_number": text.item.number,
        "depth": text.item.depth,
        "roles": " ".join(text.item.roles),
        "title": text.title,
        "facts": text.facts(),
        "details": blocks_html(text.details),
        "check": text.check,
        "callouts": [
            {
                "level": c.level.value,
                "label": signal_word(c.level, labels),
                "html": blocks_html(c.blocks),
            }
            for c in text.callouts
        ],
        "branches": branches,
        "next": {
            "href": "#" + anchor(numbers[follow]),
            "label": labels.format("site_goes_to", number=_ref(numbers[follow], procedure)),
        }
        if follow and follow in numbers
        else None,
        "end": bool(getattr(step, "end", False)),
        "links": [link_html(item, site, labels) for item in text.links],
        "attachments": attachments,
        "image": image,
        "children": [],
    }


def _tree(flat: list[dict[str, Any]]) -> list[dict[str, Any]]:
    top: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    for item in flat:
        while stack and stack[-1]["depth"] >= item["depth"]:
            stack.pop()
        (stack[-1]["children"] if stack else top).append(item)
        stack.append(item)
    return top


def context(
    procedure: Procedure, loaded: LoadedFile, site: SiteContext
) -> tuple[dict[str, Any], _Files]:
    """Return the template values of a procedure's page, and the files it copies."""
    language = procedure.language.value
    labels = site.labels(language)
    files = _Files(procedure, loaded)
    texts = step_texts(procedure, labels)
    numbers = {item.step.id: item.number for item in number_steps(procedure) if item.step.id}
    steps = _tree([_step(t, procedure, site, labels, files, numbers) for t in texts])
    roles = {r.id: plain(r.name, language) for r in procedure.roles}

    def date(value: Any) -> str:
        return format_date(value, language) if value else ""

    review = procedure.review
    facts = [
        (labels["document_id"], procedure.id),
        (labels["version"], procedure.version),
        (labels["status"], labels[f"status_{procedure.status.value}"]),
    ]
    if procedure.owner:
        facts.append((labels["owner"], roles.get(procedure.owner, procedure.owner)))
    if procedure.organization:
        facts.append((labels["organization"], procedure.organization))
    if procedure.effective:
        facts.append((labels["effective"], date(procedure.effective)))
    if review and review.last_reviewed:
        facts.append((labels["last_reviewed"], date(review.last_reviewed)))
    due = (
        next_review(review.last_reviewed, review.interval)
        if review and review.last_reviewed
        else None
    )
    if due:
        facts.append((labels["review_due"], date(due)))
    safety = {
        "risks": [
            {
                "risk": plain(r.risk, language),
                "severity": r.severity.value,
                "severity_label": labels[f"severity_{r.severity.value}"],
                "mitigation": plain(r.mitigation, language),
                "href": "#" + anchor(numbers[r.step]) if r.step in numbers else None,
                "step": _ref(numbers[r.step], procedure) if r.step in numbers else r.step or "",
            }
            for r in sorted_risks(procedure.risks)
        ],
        "ppe": [plain(r.name, language) for r in protective_equipment(procedure)],
        "dangers": [
            {
                "href": "#" + anchor(h.text.item.number),
                "number": _ref(h.text.item.number, procedure),
                "title": h.text.title,
                "html": rich(h.note.text, language),
            }
            for h in danger_notes(texts)
        ],
    }
    title = plain(procedure.title, language)
    values = {
        "doc": procedure,
        "lang": language,
        "l": labels,
        "title": title,
        "facts": facts,
        "approvals": [
            {
                "role": roles.get(a.role, a.role),
                "name": plain(a.name, language),
                "date": date(a.date),
                "version": a.version or "",
            }
            for a in procedure.approvals
        ],
        "objective": rich(procedure.objective, language),
        "scope": rich(procedure.scope, language),
        "notes": [
            {
                "level": n.level.value,
                "label": signal_word(n.level, labels),
                "html": rich(n.text, language),
            }
            for n in sorted(procedure.notes, key=lambda n: n.level.rank)
        ],
        "safety": safety,
        "steps": steps,
        "chart": inline_chart(procedure, labels, title) if site.book.options.flowchart else "",
        "roles": [
            {
                "id": r.id,
                "name": plain(r.name, language),
                "holder": plain(r.holder, language) if r.holder else "",
                "responsibilities": [plain(x, language) for x in r.responsibilities],
                "url": f"../roles/{safe_name(r.id)}.html",
            }
            for r in procedure.roles
        ],
        "requirements": [
            {
                "name": plain(r.name, language),
                "kind": labels[f"requirement_{r.kind.value}"],
                "details": plain(r.details, language) if r.details else "",
            }
            for r in procedure.requirements
        ],
        "criteria": [plain(c, language) for c in procedure.quality.criteria],
        "kpis": [
            {
                "name": plain(k.name, language),
                "unit": k.unit or "",
                "baseline": "" if k.baseline is None else format_number(k.baseline, language),
                "target": "" if k.target is None else format_number(k.target, language),
                "direction": labels[f"direction_{k.direction.value}"],
                "frequency": labels[f"frequency_{k.frequency.value}"],
            }
            for k in procedure.quality.kpis
        ],
        "troubleshooting": [
            {
                "problem": plain(t.problem, language),
                "cause": plain(t.cause, language) if t.cause else "",
                "solution": plain(t.solution, language),
                "href": "#" + anchor(numbers[t.step]) if t.step in numbers else None,
                "step": _ref(numbers[t.step], procedure) if t.step in numbers else t.step or "",
            }
            for t in procedure.troubleshooting
        ],
        "glossary": [
            {"term": plain(g.term, language), "definition": plain(g.definition, language)}
            for g in procedure.glossary
        ],
        "revisions": [
            {
                "version": r.version,
                "date": date(r.date),
                "author": plain(r.author, language) if r.author else "",
                "changes": plain(r.changes, language) if r.changes else "",
            }
            for r in procedure.revisions
        ],
        "training": training(procedure, loaded.path, site.records, labels),
        "links": [link_html(item, site, labels) for item in _links(procedure, labels)],
        "attachments": [
            Markup('<a href="{}">{}</a>').format(url, plain(a.title, language))
            if (url := files.url(a.path, "files"))
            else Markup(escape(plain(a.title, language)))
            for a in procedure.attachments
        ],
        "attachment_label": labels.format("labelled", label=labels["attachment"], text="").strip(),
        "actions": [],
        "findings": [],
    }
    return values, files


def _links(procedure: Procedure, labels: Labels) -> list[LinkText]:
    from sopmodel.views import link_texts

    return link_texts(procedure.links, labels)


def render(
    procedure: Procedure, loaded: LoadedFile, site: SiteContext
) -> Iterator[tuple[str, bytes]]:
    """Yield the procedure's page, its copied pictures and attachments, its checklist and
    its quiz."""
    values, files = context(procedure, loaded, site)
    url = loaded.url
    extra = interactive.pages(procedure, site, url)
    labels = site.labels(values["lang"])
    values["actions"] = [
        {"kind": kind, "href": os.path.basename(page_url), "label": labels[f"site_{kind}"]}
        for kind, page_url, _html in extra
    ]
    if site.book.options.findings:
        values["findings"] = loaded.problems
    page = site.page("procedure", values["title"], values["lang"])
    yield url, site.render("procedure.html", page=page, **values)
    for target, source in files.copied.items():
        yield target, source.read_bytes()
    for _kind, page_url, html in extra:
        yield page_url, html.encode("utf-8")
