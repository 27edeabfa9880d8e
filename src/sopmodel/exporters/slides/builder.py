"""What a training deck says, slide by slide, for a procedure or a plan kick-off."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from sopmodel.exporters.slides.deck import (
    ChartPicture,
    Fonts,
    Geometry,
    Para,
    Run,
    Sizes,
    Slide,
    fit_paras,
    para,
    split_title,
)
from sopmodel.exporters.slides.fit import wrap
from sopmodel.exporters.slides.richtext import block_paras, callout_paras, link_runs
from sopmodel.i18n import Labels, format_date, format_number
from sopmodel.model import Attachment, Layout, Note, Plan, Procedure
from sopmodel.model.content import Risk as BaseRisk
from sopmodel.views import (
    StepText,
    callouts,
    flow_graph,
    lines,
    link_texts,
    plain,
    quiz,
    step_texts,
)

__all__ = ["plan_deck", "procedure_deck"]

SEVERITY_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3}
CARDS_PER_SLIDE = 6
TITLE_STEPS = (0.0, -4.0, -8.0, -12.0)
"""How much smaller than its first size a long title may get before it continues below."""


class _Deck:
    """Slides being written, each fitted to its boxes as it is added."""

    def __init__(self, geometry: Geometry, sizes: Sizes, fonts: Fonts, labels: Labels) -> None:
        self.geometry, self.sizes, self.fonts, self.labels = geometry, sizes, fonts, labels
        self.slides: list[Slide] = []

    def _title(self, title: str, box: str, first: float) -> tuple[str, float, str]:
        sizes = tuple(first + step for step in TITLE_STEPS)
        return split_title(_one_line(title), getattr(self.geometry, box), sizes, self.fonts.bold)

    def add(
        self, layout: str, title: str, box: str = "title", size: float | None = None, **parts: Any
    ) -> None:
        """Add a slide whose title fits its box; the words that do not fit go on below it."""
        shown, fitted, rest = self._title(title, box, size or self.sizes.title)
        self.slides.append(Slide(layout, shown, title_size=fitted, **parts))
        if rest:
            self.content(f"({self.labels['continued']})", [para(0, rest, bullet=False, bold=True)])

    def content(
        self,
        title: str,
        paras: list[Para],
        notes: str = "",
        minutes: float = 1.0,
        short: str = "",
    ) -> None:
        """Add one or more content slides; a long body continues on the next slides.

        A title too long for its box shows the words that fit and goes on in bold at the top
        of the body; the next slides are titled `short` (or the title) and "continued".
        """
        shown, fitted, rest = self._title(title, "title", self.sizes.title)
        if rest:
            paras = [para(0, rest, bullet=False, bold=True), *paras]
        pages = fit_paras(paras, self.geometry.body, self.sizes, self.fonts)
        more = f"{title} ({self.labels['continued']})"
        if self._title(more, "title", self.sizes.title)[2]:
            more = f"{short or shown} ({self.labels['continued']})"
        for number, page in enumerate(pages):
            if number == 0:
                self.slides.append(
                    Slide("content", shown, paras=page, notes=notes, minutes=minutes,
                          title_size=fitted)
                )  # fmt: skip
            else:
                self.add("content", more, paras=page, notes=notes, minutes=minutes)

    def cards(self, title: str, cards: list[tuple[str, str]], notes: str = "") -> None:
        """Add slides of boxes (at most six a slide); text too long for a box gets a list."""
        area = self.geometry.picture_area
        width, height = area.width / 3 * 0.92, area.height / 2 * 0.88
        regular, bold = self.fonts.regular, self.fonts.bold
        for heading, text in cards:
            heading_lines = wrap(heading, width - 14.4, self.sizes.box + 2, bold)
            room = height - 7.2 - len(heading_lines) * bold.line_height(self.sizes.box + 2)
            body = wrap(text, width - 14.4, self.sizes.box, regular) if text else []
            most = int(room * 0.9 // regular.line_height(self.sizes.box))
            if len(heading_lines) > 2 or len(body) > max(0, most):
                paras = []
                for heading, text in cards:
                    paras.append(para(0, heading, bold=True))
                    paras += [para(1, text)] if text else []
                self.content(title, paras, notes)
                return
        for start in range(0, len(cards), CARDS_PER_SLIDE):
            shown = title if start == 0 else f"{title} ({self.labels['continued']})"
            self.add("cards", shown, notes=notes, cards=cards[start : start + CARDS_PER_SLIDE])

    def cover(self, title: str, subtitle: list[str], notes: str = "") -> None:
        """Add the title slide; its subtitle lines get smaller before they wrap."""
        box = self.geometry.cover_subtitle
        text = "\n".join(subtitle)
        size = self.sizes.subtitle
        for size in (self.sizes.subtitle, 18.0, 16.0, 14.0):
            lines = len(wrap(text, box.text_width(), size, self.fonts.regular))
            if lines * self.fonts.regular.line_height(size) <= box.text_height:
                break
        self.add("cover", title, "cover_title", 36, notes=notes, minutes=0.5, subtitle=text,
                 subtitle_size=size)  # fmt: skip

    def section(self, title: str, text: str = "") -> None:
        self.add("section", title, "section_title", 36, minutes=0.5, subtitle=text)

    def picture(
        self, title: str, path: Path, notes: str = "", size: tuple[float, float] | None = None
    ) -> None:
        self.add("picture", title, picture=path, notes=notes, picture_size=size)


def _one_line(text: str) -> str:
    """Return text with tabs and line breaks as single spaces: a title is one line."""
    return " ".join(text.split())


def _labelled(labels: Labels, label: str, text: str) -> str:
    return labels.format("labelled", label=labels[label], text=text)


def _notes_paras(notes: list[Note], labels: Labels, level: int = 0) -> list[Para]:
    found: list[Para] = []
    for callout in callouts(notes, labels.language):
        found += callout_paras(callout, level, labels)
    return found


def _attachment_runs(attachments: list[Attachment]) -> list[Run]:
    runs: list[Run] = []
    for index, attachment in enumerate(attachments):
        runs += [Run("; ")] if index else []
        runs.append(Run(f"{attachment.title} ({attachment.path})"))
    return runs


def _step_paras(text: StepText, level: int, labels: Labels) -> list[Para]:
    """Return what a step or a sub-step says, at a level: its condition, notes (most serious
    first), who and timing, details, check, links and attachments."""
    found: list[Para] = []
    if text.condition:
        found.append(para(level, text.condition, bullet=False, bold=True))
    for callout in text.callouts:
        found += callout_paras(callout, level, labels)
    facts = [fact for fact in text.facts() if fact != text.condition]
    if facts:
        found.append(para(level, " · ".join(facts), bullet=False))
    found += block_paras(text.details, level)
    if text.check:
        found.append(para(level, "✔ " + _labelled(labels, "check", text.check), bullet=False))
    if text.links:
        label = Run(labels.format("labelled", label=labels["links"], text=""), bold=True)
        found.append(Para(level, (label, *link_runs(text.links, labels)), bullet=False))
    if text.attachments:
        label = Run(labels.format("labelled", label=labels["attachments"], text=""), bold=True)
        found.append(Para(level, (label, *_attachment_runs(text.attachments)), bullet=False))
    return found


def _sub_label(text: StepText, layout: Layout) -> str:
    label = text.item.label
    return label if layout is Layout.hierarchical else f"{label}."


def _risk_paras(risks: Sequence[BaseRisk], labels: Labels) -> list[Para]:
    found: list[Para] = []

    def shown(text: str) -> str:
        return plain(text, labels.language)

    for risk in sorted(risks, key=lambda r: SEVERITY_ORDER[r.severity.value]):
        found += [
            para(0, f"[{labels[f'severity_{risk.severity.value}']}] {shown(risk.risk)}"),
            para(1, shown(risk.mitigation)),
        ]
    return found


def _references(deck: _Deck, links: list[Any], attachments: list[Attachment]) -> None:
    """Add the References slide: every link (clickable) and every attachment."""
    labels = deck.labels
    found: list[Para] = []
    for link in link_texts(links, labels):
        found.append(Para(0, tuple(link_runs([link], labels))))
        if link.url and link.url != link.label:
            found.append(Para(1, (Run(link.url, url=link.url),)))
    if attachments:
        found.append(para(0, labels["attachments"], bullet=False, bold=True, keep=True))
        found += [para(1, f"{a.title} ({a.path})") for a in attachments]
    if found:
        deck.content(labels["links"], found)


def procedure_deck(
    procedure: Procedure,
    labels: Labels,
    geometry: Geometry,
    sizes: Sizes,
    fonts: Fonts,
    flowchart: list[ChartPicture],
    today: dt.date,
) -> list[Slide]:
    """Return the slides of a procedure's training deck."""
    language = labels.language
    deck = _Deck(geometry, sizes, fonts, labels)
    when = format_date(today, language)
    category = _labelled(labels, "category", labels[f"category_{procedure.category.value}"])
    deck.cover(
        procedure.title,
        [f"{procedure.id} · {labels['version']} {procedure.version} · {when}", category],
        notes=procedure.objective or "",
    )
    if procedure.notes:
        deck.content(labels["notes"], _notes_paras(procedure.notes, labels))
    why = [para(0, procedure.objective)] if procedure.objective else []
    why += [para(0, _labelled(labels, "scope", procedure.scope))] if procedure.scope else []
    if why:
        deck.content(labels["why_it_matters"], why)
    chart_first = procedure.layout is Layout.flowchart
    if chart_first:
        _chart(deck, flowchart)
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
                para(0, f"{r.name} ({labels[f'requirement_{r.kind.value}']})")
                for r in procedure.requirements
            ],
        )
    graph = flow_graph(procedure)
    texts = step_texts(procedure, labels)
    for node in graph.nodes:
        step = node.step
        mine = [t for t in texts if t.item.loc[:2] == ("steps", node.index)]
        top, subs = mine[0], mine[1:]
        paras = _step_paras(top, 0, labels)
        for sub in subs:
            depth = sub.item.depth
            label = Run(_sub_label(sub, procedure.layout) + " ", bold=True)
            paras.append(Para(depth, (label, Run(sub.title)), bullet=False, keep=True))
            paras += _step_paras(sub, depth, labels)
        for edge in graph.outgoing(node.index):
            if edge.label is not None:
                target = graph.nodes[edge.target].number
                paras.append(
                    para(0, "→ " + labels.format("if_then", when=edge.label, step=target), False)
                )
        notes = "\n".join(
            [*lines(top.details), *(f"{s.title}: {' '.join(lines(s.details))}" for s in subs
                                     if s.details)]
        )  # fmt: skip
        heading = f"{labels['step']} {top.item.label}"
        deck.content(
            f"{heading} · {top.title}",
            paras or [para(0, step.title)],
            notes=notes,
            short=heading,
        )
    if not chart_first:
        _chart(deck, flowchart)
    if procedure.risks:
        deck.content(labels["safety_first"], _risk_paras(procedure.risks, labels))
    if procedure.troubleshooting:
        paras = []
        for entry in procedure.troubleshooting:
            paras += [para(0, entry.problem), para(1, entry.solution)]
        deck.content(
            labels["troubleshooting"],
            paras,
            notes="\n".join(
                f"{t.problem}: {t.cause or ''}" for t in procedure.troubleshooting if t.cause
            ),
        )
    _references(deck, procedure.links, procedure.attachments)
    questions = quiz(procedure, labels)
    if questions:
        deck.section(labels["quiz"], str(len(questions)))
    for number, question in enumerate(questions, 1):
        letters = "ABCD"
        options = [para(1, f"{letters[i]}. {text}") for i, text in enumerate(question.options)]
        right = f"{letters[question.answer]}. {question.options[question.answer]}"
        heading = labels.format("question", number=number)
        deck.content(
            heading,
            [para(0, question.text), *options],
            notes=_labelled(labels, "answer", right),
            minutes=1.5,
        )
        deck.content(
            f"{heading} · {labels['answer']}",
            [para(0, question.text), para(1, f"✔ {right}"), para(0, question.explanation)],
            notes=question.explanation,
            minutes=0.5,
        )
    recap = [para(0, procedure.objective)] if procedure.objective else []
    recap += [para(0, _labelled(labels, "check", s.check)) for s in procedure.steps if s.check][:4]
    recap += [para(0, f"{labels['steps']}: {len(procedure.steps)}")]
    deck.content(labels["recap"], recap)
    return deck.slides


def _chart(deck: _Deck, flowchart: list[ChartPicture]) -> None:
    for picture in flowchart:
        deck.picture(picture.title, picture.path, size=picture.size)


def _names(ids: Iterable[str], roles: dict[str, str]) -> str:
    return ", ".join(roles.get(i, i) for i in ids)


def plan_deck(
    plan: Plan,
    labels: Labels,
    geometry: Geometry,
    sizes: Sizes,
    fonts: Fonts,
    today: dt.date,
) -> list[Slide]:
    """Return the slides of a plan's kick-off deck."""
    language = labels.language
    deck = _Deck(geometry, sizes, fonts, labels)
    roles = {role.id: role.name for role in plan.roles}
    span = f"{format_date(plan.start, language)} – {format_date(plan.end, language)}"
    deck.cover(plan.title, [f"{labels['kickoff']} · {plan.organization or plan.id} · {span}"])
    if plan.notes:
        deck.content(labels["notes"], _notes_paras(plan.notes, labels))
    kpis = {k.id: k for k in plan.kpis}
    paras: list[Para] = []
    for objective in sorted(plan.objectives, key=lambda o: o.priority):
        paras.append(para(0, f"{objective.priority}. {objective.statement}"))
        for kpi_id in objective.kpis:
            kpi = kpis.get(kpi_id)
            if kpi is not None:
                unit = f" {kpi.unit}" if kpi.unit else ""
                values = " → ".join(
                    f"{format_number(v, language)}{unit}"
                    for v in (kpi.baseline, kpi.target)
                    if v is not None
                )
                paras.append(para(1, f"{kpi.name}: {values}"))
    deck.content(labels["objectives"], paras)
    calendar: list[Para] = []
    for phase in plan.phases:
        first, last = (format_date(d, language, "medium") for d in (phase.start, phase.end))
        calendar.append(para(0, f"{phase.name} ({first} – {last})"))
        goals = [phase.goal] if phase.goal else []
        goals += phase.goals
        if goals:
            calendar.append(para(1, labels["goals"], bullet=False, bold=True, keep=True))
            calendar += [para(2, plain(goal, language)) for goal in goals]
        calendar += [
            para(1, f"{m.title} · {format_date(m.date, language, 'medium')}")
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
                para(
                    0,
                    f"{m.title}: {labels[f'frequency_{m.cadence.value}']}"
                    + (f" · {_names([m.owner], roles)}" if m.owner else ""),
                )
                for m in plan.meetings
            ],
        )
    if plan.risks:
        deck.content(labels["risks"], _risk_paras(plan.risks, labels))
    _references(deck, plan.links, [])
    return deck.slides
