"""A document's content beside its steps, as keyed items per section (roles, KPIs, risks...).

Each item has a key that finds it again in another version (an id, else its words), the
fields that matter to a reader as comparable values, and each field as written. Governance
(version, status, approvals, revisions, review, trials) and a plan's measurements are not
content: they are left out.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sopmodel.changes.words import markdown_words, text_words
from sopmodel.diagnostics import Loc
from sopmodel.model import KPI, Document, Link, Note, Plan, Procedure, Role
from sopmodel.model.content import Attachment
from sopmodel.model.content import Risk as BaseRisk

__all__ = ["RETARGETING", "Item", "document_sections"]

RETARGETING = frozenset({"baseline", "target", "direction", "unit"})
"""The fields of a KPI whose change retargets it."""


@dataclass(frozen=True, slots=True)
class Item:
    """One item of a section of a document: a role, a KPI, a risk, a note..."""

    key: str
    """What finds the item again in another version: its id, else its words."""
    label: str
    """How a reader names it: a role's name, a KPI's name, a risk's text."""
    fields: dict[str, Any]
    """Each field that matters, as a comparable value."""
    shown: dict[str, str | None] = field(default_factory=dict)
    """Each field as written, for showing before and after."""
    roles: tuple[str, ...] = ()
    """The roles a change of it concerns most; () for everyone."""
    loc: Loc = ()
    """Where it is in the document: ("quality", "kpis", 0)."""


def _text(value: str | None) -> tuple[tuple[str, ...], str | None]:
    return text_words(value), value


def _markdown(value: str | None) -> tuple[tuple[str, ...], str | None]:
    return markdown_words(value), value


def _plain(value: Any) -> tuple[Any, str | None]:
    if value is None:
        return None, None
    if isinstance(value, list | tuple):
        shown = ", ".join(str(v) for v in value)
        return tuple(str(v) for v in value), shown
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = value.value if hasattr(value, "value") else str(value)
    return text, text


def _texts(values: Iterable[str]) -> tuple[Any, str | None]:
    values = list(values)
    return tuple(text_words(v) for v in values), "; ".join(values) or None


def _item(
    key: str,
    label: str,
    roles: tuple[str, ...] = (),
    loc: Loc = (),
    **parts: tuple[Any, str | None],
) -> Item:
    return Item(
        key,
        label,
        {name: value for name, (value, _) in parts.items()},
        {name: shown for name, (_, shown) in parts.items()},
        roles,
        loc,
    )


def _placed(items: Iterable[Item], *loc: str | int) -> list[Item]:
    """Return items with their place in the document: loc followed by their index."""
    return [dataclasses.replace(item, loc=(*loc, index)) for index, item in enumerate(items)]


def _words_key(text: str) -> str:
    return " ".join(text_words(text)) or text


def _role(role: Role) -> Item:
    return _item(
        role.id,
        role.name,
        (role.id,),
        name=_text(role.name),
        holder=_text(role.holder),
        responsibilities=_texts(role.responsibilities),
    )


def _note(note: Note) -> Item:
    return _item(
        f"{note.level.value}: {_words_key(note.text)}",
        f"{note.level.value}: {note.text}",
        level=_plain(note.level),
        text=_markdown(note.text),
    )


def _link(link: Link) -> Item:
    target = link.url or link.procedure or ""
    return _item(target, link.title or target, title=_text(link.title), target=_plain(target))


def _attachment(item: Attachment) -> Item:
    return _item(str(item.path), item.title, title=_text(item.title), path=_plain(item.path))


def _kpi(kpi: KPI) -> Item:
    return _item(
        kpi.id,
        kpi.name,
        (kpi.owner,) if kpi.owner else (),
        name=_text(kpi.name),
        unit=_plain(kpi.unit),
        direction=_plain(kpi.direction),
        baseline=_plain(kpi.baseline),
        target=_plain(kpi.target),
        frequency=_plain(kpi.frequency),
        owner=_plain(kpi.owner),
        definition=_markdown(kpi.definition),
    )


def _risk(risk: BaseRisk) -> Item:
    step = getattr(risk, "step", None)
    return _item(
        _words_key(risk.risk),
        risk.risk,
        risk=_text(risk.risk),
        severity=_plain(risk.severity),
        mitigation=_markdown(risk.mitigation),
        step=_plain(step),
    )


def _procedure_sections(doc: Procedure) -> Iterator[tuple[str, list[Item]]]:
    yield (
        "document",
        [
            _item(
                doc.id,
                doc.title,
                (doc.owner,) if doc.owner else (),
                title=_text(doc.title),
                objective=_markdown(doc.objective),
                scope=_markdown(doc.scope),
                owner=_plain(doc.owner),
            )
        ],
    )
    yield "roles", _placed((_role(role) for role in doc.roles), "roles")
    yield (
        "requirements",
        _placed(
            [
                _item(
                    _words_key(r.name),
                    r.name,
                    name=_text(r.name),
                    kind=_plain(r.kind),
                    details=_text(r.details),
                )
                for r in doc.requirements
            ],
            "requirements",
        ),
    )
    yield (
        "glossary",
        _placed(
            [
                _item(
                    g.term.casefold(), g.term, term=_plain(g.term), definition=_text(g.definition)
                )
                for g in doc.glossary
            ],
            "glossary",
        ),
    )
    yield "notes", _placed((_note(note) for note in doc.notes), "notes")
    yield "links", _placed((_link(link) for link in doc.links), "links")
    yield "attachments", _placed((_attachment(a) for a in doc.attachments), "attachments")
    criteria = (_item(_words_key(c), c, text=_text(c)) for c in doc.quality.criteria)
    yield "criteria", _placed(criteria, "quality", "criteria")
    yield "kpis", _placed((_kpi(kpi) for kpi in doc.quality.kpis), "quality", "kpis")
    yield "risks", _placed((_risk(risk) for risk in doc.risks), "risks")
    yield (
        "troubleshooting",
        _placed(
            [
                _item(
                    _words_key(t.problem),
                    t.problem,
                    problem=_text(t.problem),
                    cause=_markdown(t.cause),
                    solution=_markdown(t.solution),
                    step=_plain(t.step),
                )
                for t in doc.troubleshooting
            ],
            "troubleshooting",
        ),
    )


def _plan_sections(doc: Plan) -> Iterator[tuple[str, list[Item]]]:
    yield (
        "document",
        [
            _item(
                doc.id,
                doc.title,
                (doc.owner,) if doc.owner else (),
                title=_text(doc.title),
                organization=_text(doc.organization),
                start=_plain(doc.start),
                horizon_days=_plain(doc.horizon_days),
                owner=_plain(doc.owner),
            )
        ],
    )
    yield "roles", _placed((_role(role) for role in doc.roles), "roles")
    yield (
        "objectives",
        _placed(
            [
                _item(
                    o.id,
                    o.statement,
                    (o.owner,) if o.owner else (),
                    statement=_text(o.statement),
                    priority=_plain(o.priority),
                    owner=_plain(o.owner),
                    kpis=_plain(o.kpis),
                )
                for o in doc.objectives
            ],
            "objectives",
        ),
    )
    yield "kpis", _placed((_kpi(kpi) for kpi in doc.kpis), "kpis")
    yield (
        "phases",
        _placed(
            [
                _item(
                    p.id,
                    p.name,
                    name=_text(p.name),
                    start=_plain(p.start),
                    end=_plain(p.end),
                    goal=_markdown(p.goal),
                    goals=_texts(p.goals),
                )
                for p in doc.phases
            ],
            "phases",
        ),
    )
    yield (
        "activities",
        [
            _item(
                a.id,
                a.title,
                tuple(dict.fromkeys([*a.raci.responsible, *a.raci.accountable])),
                title=_text(a.title),
                phase=_plain(p.id),
                due=_plain(a.due),
                responsible=_plain(a.raci.responsible),
                accountable=_plain(a.raci.accountable),
                consulted=_plain(a.raci.consulted),
                informed=_plain(a.raci.informed),
                status=_plain(a.status),
                procedure=_plain(a.procedure),
                notes=_markdown(a.notes),
                loc=("phases", i, "activities", j),
            )
            for i, p in enumerate(doc.phases)
            for j, a in enumerate(p.activities)
        ],
    )
    yield (
        "milestones",
        _placed(
            [
                _item(m.id, m.title, title=_text(m.title), date=_plain(m.date), kind=_plain(m.kind))
                for m in doc.milestones
            ],
            "milestones",
        ),
    )
    yield (
        "meetings",
        _placed(
            [
                _item(
                    m.id,
                    m.title,
                    (m.owner,) if m.owner else (),
                    title=_text(m.title),
                    cadence=_plain(m.cadence),
                    weekday=_plain(m.weekday),
                    duration=_plain(m.duration),
                    owner=_plain(m.owner),
                    participants=_plain(m.participants),
                )
                for m in doc.meetings
            ],
            "meetings",
        ),
    )
    yield "procedures", _placed((_item(p, p, id=_plain(p)) for p in doc.procedures), "procedures")
    yield "notes", _placed((_note(note) for note in doc.notes), "notes")
    yield "links", _placed((_link(link) for link in doc.links), "links")
    yield "risks", _placed((_risk(risk) for risk in doc.risks), "risks")


_SECTIONS: dict[str, Callable[[Any], Iterator[tuple[str, list[Item]]]]] = {
    "procedure": _procedure_sections,
    "plan": _plan_sections,
}


def document_sections(document: Document) -> list[tuple[str, list[Item]]]:
    """Return the content of a document beside its steps: (section, items) in a fixed order.

    Items whose keys repeat in a section get "#2", "#3"... after the key, in order.
    """
    sections = []
    for name, items in _SECTIONS[document.kind](document):
        seen: dict[str, int] = {}
        unique = []
        for item in items:
            seen[item.key] = count = seen.get(item.key, 0) + 1
            if count > 1:
                item = dataclasses.replace(item, key=f"{item.key}#{count}")
            unique.append(item)
        sections.append((name, unique))
    return sections
