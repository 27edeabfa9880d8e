"""What a training deck says, slide by slide, for a procedure or a plan kick-off."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sopmodel.exporters.slides.deck import (
    Geometry,
    Sizes,
    Slide,
    fit_bullets,
    fit_title,
    title_fit,
)
from sopmodel.exporters.slides.fit import FontMetrics, wrap
from sopmodel.i18n import Labels, format_date, format_number
from sopmodel.model import Plan, Procedure
from sopmodel.views import flow_graph, number_steps, quiz

__all__ = ["plan_deck", "procedure_deck"]

SEVERITY_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3}
CARDS_PER_SLIDE = 6


class _Deck:
    """Slides being written, each fitted to its boxes as it is added."""

    def __init__(
        self,
        geometry: Geometry,
        sizes: Sizes,
        regular: FontMetrics,
        bold: FontMetrics,
        labels: Labels,
    ) -> None:
        self.geometry, self.sizes, self.regular, self.bold = geometry, sizes, regular, bold
        self.labels = labels
        self.slides: list[Slide] = []

    def add(
        self, layout: str, title: str, box: str = "title", size: float | None = None, **parts: Any
    ) -> None:
        """Add a slide whose title fits its box: long titles get smaller, then shortened."""
        first = size or self.sizes.title
        title = _one_line(title)
        text, fitted = title_fit(
            title, getattr(self.geometry, box), (first, first - 4, first - 8), self.bold
        )
        self.slides.append(Slide(layout, text, title_size=fitted, **parts))

    def content(
        self, title: str, bullets: list[tuple[int, str]], notes: str = "", minutes: float = 1.0
    ) -> None:
        """Add one or more content slides; a long list continues on the next slides."""
        bullets = [(level, _one_line(text)) for level, text in bullets]
        pages, cut = fit_bullets(bullets, self.geometry.body, self.sizes, self.regular)
        notes = "\n\n".join(part for part in (notes, *cut) if part)
        for number, page in enumerate(pages):
            shown = title if number == 0 else f"{title} ({self.labels['continued']})"
            self.add("content", shown, bullets=page, notes=notes, minutes=minutes)

    def cards(self, title: str, cards: list[tuple[str, str]], notes: str = "") -> None:
        """Add slides of boxes (at most six a slide), each box's text fitted to it."""
        area = self.geometry.picture_area
        width, height = area.width / 3 * 0.92, area.height / 2 * 0.88
        fitted = []
        for heading, text in cards:
            heading_lines = wrap(heading, width - 14.4, self.sizes.box + 2, self.bold)[:2]
            room = height - 7.2 - len(heading_lines) * self.bold.line_height(self.sizes.box + 2)
            lines = wrap(text, width - 14.4, self.sizes.box, self.regular)
            most = max(0, int(room * 0.9 // self.regular.line_height(self.sizes.box)))
            body = " ".join(lines[:most]) + (" …" if len(lines) > most else "")
            fitted.append((" ".join(heading_lines), body if most else ""))
        for start in range(0, len(fitted), CARDS_PER_SLIDE):
            shown = title if start == 0 else f"{title} ({self.labels['continued']})"
            self.add("cards", shown, notes=notes, cards=fitted[start : start + CARDS_PER_SLIDE])

    def cover(self, title: str, subtitle: str, notes: str = "") -> None:
        line = fit_title(subtitle, self.geometry.cover_subtitle, self.sizes.subtitle, self.regular)
        self.add("cover", title, "cover_title", 36, notes=notes, minutes=0.5, subtitle=line)

    def section(self, title: str, text: str = "") -> None:
        line = fit_title(text, self.geometry.section_text, self.sizes.subtitle, self.regular)
        self.add("section", title, "section_title", 36, minutes=0.5, subtitle=line)

    def picture(self, title: str, path: Path, notes: str = "") -> None:
        self.add("picture", title, picture=path, notes=notes)


def _one_line(text: str) -> str:
    """Return text with tabs and line breaks as single spaces: a bullet is one line of thought."""
    return " ".join(text.split())


def _labelled(labels: Labels, label: str, text: str) -> str:
    return labels.format("labelled", label=labels[label], text=text)


def procedure_deck(
    procedure: Procedure,
    labels: Labels,
    geometry: Geometry,
    sizes: Sizes,
    regular: FontMetrics,
    bold: FontMetrics,
    flowchart: list[Path],
    today: dt.date,
) -> list[Slide]:
    """Return the slides of a procedure's training deck."""
    language = labels.language
    deck = _Deck(geometry, sizes, regular, bold, labels)
    roles = {role.id: role.name for role in procedure.roles}
    when = format_date(today, language)
    deck.cover(
        procedure.title,
        f"{procedure.id} · {labels['version']} {procedure.version} · {when}",
        notes=procedure.objective or "",
    )
    why = [(0, procedure.objective)] if procedure.objective else []
    why += [(0, _labelled(labels, "scope", procedure.scope))] if procedure.scope else []
    if why:
        deck.content(labels["why_it_matters"], why)
    if procedure.roles:
        deck.cards(
            labels["who_is_involved"],
            [(r.name, "; ".join(r.responsibilities) or (r.holder or "")) for r in procedure.roles],
            notes="\n".join(f"{r.name}: {'; '.join(r.responsibilities)}" for r in procedure.roles),
        )
    if procedure.requirements:
        deck.content(
            labels["requirements"],
            [
                (0, f"{r.name} ({labels[f'requirement_{r.kind.value}']})")
                for r in procedure.requirements
            ],
        )
    graph = flow_graph(procedure)
    numbered = number_steps(procedure)
    for node in graph.nodes:
        step = node.step
        bullets: list[tuple[int, str]] = []
        if node.role:
            bullets.append((0, _labelled(labels, "who", roles.get(node.role, node.role))))
        for item in numbered:
            if item.depth == 1 and item.loc[:2] == ("steps", node.index):
                bullets.append((1, f"{item.number} {item.step.title}"))
        if step.check:
            bullets.append((0, f"✔ {_labelled(labels, 'check', step.check)}"))
        if step.warning:
            bullets.append((0, f"⚠ {_labelled(labels, 'warning', step.warning)}"))
        for edge in graph.outgoing(node.index):
            if edge.label is not None:
                target = graph.nodes[edge.target].number
                bullets.append((0, "→ " + labels.format("if_then", when=edge.label, step=target)))
        notes = "\n\n".join(
            part
            for part in (
                step.details,
                step.check and _labelled(labels, "check", step.check),
                step.warning and _labelled(labels, "warning", step.warning),
                *(f"{s.title}: {s.details}" for s in step.substeps if s.details),
            )
            if part
        )
        deck.content(
            f"{labels['step']} {node.number} · {step.title}",
            bullets or [(0, step.title)],
            notes=notes,
        )
    for number, page in enumerate(flowchart, 1):
        suffix = (
            f" ({labels.format('page_of', page=number, pages=len(flowchart))})"
            if len(flowchart) > 1
            else ""
        )
        deck.picture(labels["flowchart"] + suffix, page)
    if procedure.risks:
        risks = sorted(procedure.risks, key=lambda r: SEVERITY_ORDER[r.severity.value])
        bullets = []
        for risk in risks:
            bullets += [
                (0, f"[{labels[f'severity_{risk.severity.value}']}] {risk.risk}"),
                (1, risk.mitigation),
            ]
        deck.content(labels["safety_first"], bullets)
    if procedure.troubleshooting:
        bullets = []
        for entry in procedure.troubleshooting:
            bullets += [(0, entry.problem), (1, entry.solution)]
        deck.content(
            labels["troubleshooting"],
            bullets,
            notes="\n".join(
                f"{t.problem}: {t.cause or ''}" for t in procedure.troubleshooting if t.cause
            ),
        )
    questions = quiz(procedure, labels)
    if questions:
        deck.section(labels["quiz"], str(len(questions)))
    for number, question in enumerate(questions, 1):
        letters = "ABCD"
        options = [(1, f"{letters[i]}. {text}") for i, text in enumerate(question.options)]
        right = f"{letters[question.answer]}. {question.options[question.answer]}"
        heading = labels.format("question", number=number)
        deck.content(
            heading,
            [(0, question.text), *options],
            notes=_labelled(labels, "answer", right),
            minutes=1.5,
        )
        deck.content(
            f"{heading} · {labels['answer']}",
            [(0, question.text), (1, f"✔ {right}"), (0, question.explanation)],
            notes=question.explanation,
            minutes=0.5,
        )
    recap = [(0, procedure.objective)] if procedure.objective else []
    recap += [(0, _labelled(labels, "check", s.check)) for s in procedure.steps if s.check][:4]
    recap += [(0, f"{labels['steps']}: {len(procedure.steps)}")]
    deck.content(labels["recap"], recap)
    return deck.slides


def _names(ids: Iterable[str], roles: dict[str, str]) -> str:
    return ", ".join(roles.get(i, i) for i in ids)


def plan_deck(
    plan: Plan,
    labels: Labels,
    geometry: Geometry,
    sizes: Sizes,
    regular: FontMetrics,
    bold: FontMetrics,
    today: dt.date,
) -> list[Slide]:
    """Return the slides of a plan's kick-off deck."""
    language = labels.language
    deck = _Deck(geometry, sizes, regular, bold, labels)
    roles = {role.id: role.name for role in plan.roles}
    span = f"{format_date(plan.start, language)} – {format_date(plan.end, language)}"
    deck.cover(plan.title, f"{labels['kickoff']} · {plan.organization or plan.id} · {span}")
    kpis = {k.id: k for k in plan.kpis}
    bullets: list[tuple[int, str]] = []
    for objective in sorted(plan.objectives, key=lambda o: o.priority):
        bullets.append((0, f"{objective.priority}. {objective.statement}"))
        for kpi_id in objective.kpis:
            kpi = kpis.get(kpi_id)
            if kpi is not None:
                unit = f" {kpi.unit}" if kpi.unit else ""
                values = " → ".join(
                    f"{format_number(v, language)}{unit}"
                    for v in (kpi.baseline, kpi.target)
                    if v is not None
                )
                bullets.append((1, f"{kpi.name}: {values}"))
    deck.content(labels["objectives"], bullets)
    calendar: list[tuple[int, str]] = []
    for phase in plan.phases:
        first, last = (format_date(d, language, "medium") for d in (phase.start, phase.end))
        dates = f"{first} – {last}"
        calendar.append((0, f"{phase.name} ({dates})"))
        calendar += [
            (1, f"{m.title} · {format_date(m.date, language, 'medium')}")
            for m in plan.milestones
            if phase.start <= m.date <= phase.end
        ]
    deck.content(labels["calendar"], calendar)
    owners: list[tuple[str, str]] = []
    for role in plan.roles:
        owned = [o.statement for o in plan.objectives if o.owner == role.id]
        owned += [
            a.title for p in plan.phases for a in p.activities if role.id in a.raci.accountable
        ]
        if owned:
            owners.append((role.name, "; ".join(owned)))
    if owners:
        deck.cards(labels["who_owns_what"], owners)
    if plan.meetings:
        deck.content(
            labels["meeting_rhythm"],
            [
                (
                    0,
                    f"{m.title}: {labels[f'frequency_{m.cadence.value}']}"
                    + (f" · {_names([m.owner], roles)}" if m.owner else ""),
                )
                for m in plan.meetings
            ],
        )
    return deck.slides
