"""What a training deck says, slide by slide, for a procedure or a plan kick-off.

A procedure's deck is fitted to a session length: the time a trainer spends on each kind of
slide is counted (MINUTES), and a deck too long for the session groups its simple steps,
moves details to the speaker notes, shows the flowchart's overview only and asks fewer
questions, in that order (`fittings`). Every safety message, check, condition, duration, role and
picture stays on a slide.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sopmodel.exporters.base import LOG
from sopmodel.exporters.images import image_file
from sopmodel.exporters.slides.deck import (
    Box,
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
from sopmodel.i18n import Labels, format_date, format_duration, format_number, weekday_name
from sopmodel.i18n.typography import typeset
from sopmodel.model import Attachment, Layout, Note, Plan, Procedure
from sopmodel.model.common import KPI
from sopmodel.model.content import NoteLevel
from sopmodel.model.content import Risk as BaseRisk
from sopmodel.model.plan import Weekday
from sopmodel.model.values import parse_range
from sopmodel.views import (
    FlowEdge,
    FlowGraph,
    Question,
    StepText,
    callouts,
    flow_graph,
    lines,
    link_texts,
    plain,
    quiz,
    rich,
    signal_word,
    step_texts,
)

if TYPE_CHECKING:
    from sopmodel.exporters.slides import SlidesOptions

__all__ = ["DEFAULT_SESSION", "MINUTES", "plan_deck", "procedure_deck"]

SEVERITY_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3}
SEVERITY_BANDS = {"critical": "danger", "high": "warning", "medium": "caution", "low": "notice"}
"""The colour a risk's severity is shown on: the note level of the same seriousness."""
CARDS_PER_SLIDE = 6
TITLE_STEPS = (0.0, -4.0, -8.0, -12.0)
"""How much smaller than its first size a long title may get before it continues below."""

MINUTES = {
    "cover": 0.5,
    "divider": 0.25,
    "overview": 0.5,
    "problems": 0.75,
    "safety": 1.0,
    "step": 1.0,
    "grouped": 1.5,
    "continued": 0.5,
    "chart": 0.5,
    "question": 0.75,
    "answer": 0.25,
    "references": 0.25,
    "recap": 0.5,
}
"""The time model: minutes a trainer spends on a slide of each kind. "overview" is a slide of
the objective, notes, roles, requirements or glossary; "problems" of troubleshooting or
risks after the steps; "safety" of the safety-first part; "continued" is each
further slide of a long step or list; "chart" each flowchart slide; a quiz question and its
answer make one minute."""
DEFAULT_SESSION = 15
"""The session a deck is fitted to when no `minutes` is asked: about ten steps fit."""
GROUP_MOST = 3
"""The most simple steps one slide shows."""
DANGER_LEVELS = (NoteLevel.danger, NoteLevel.warning)
"""The note levels that put a step on the safety-first list."""


@dataclass(frozen=True)
class Fitting:
    """How much a deck is shortened to fit a session."""

    group: bool = False
    """Simple consecutive steps share a slide (their details, if any, go to the notes)."""
    group_details: bool = False
    """A step with details may be grouped (else only steps without details are)."""
    details_in_notes: bool = False
    """Every step's details go to the speaker notes."""
    dividers: bool = True
    """Section dividers before the steps and the quiz."""
    questions: int = 6
    """How many quiz questions at most."""
    chart_sections: bool = True
    """The flowchart's zoomed sections are shown (else its overview only)."""


def fittings(questions: int, details: bool, fixed_quiz: bool) -> list[Fitting]:
    """Return the ways of fitting a deck, from the full deck to the shortest.

    By default simple steps are grouped, dividers dropped and the quiz cut to three
    questions at the least (unless `fixed_quiz`). Only when a session length was asked
    (`details`) do details go to the notes, the flowchart show its overview only and the quiz
    shrink to one question.
    """
    full = Fitting(questions=questions)
    found = [full, replace(full, group=True, group_details=details)]
    found.append(replace(found[-1], dividers=False))

    def fewer(*counts: int) -> None:
        for count in counts:
            if not fixed_quiz and count < found[-1].questions:
                found.append(replace(found[-1], questions=count))

    fewer(4, 3)
    if details:
        found.append(replace(found[-1], details_in_notes=True))
        found.append(replace(found[-1], chart_sections=False))
        fewer(2, 1)
    return found


def typeset_para(item: Para, language: str) -> Para:
    """Return a paragraph with its language's typography; code runs stay as written."""
    runs: list[Run] = []
    for run in item.runs:
        text = run.text if run.code else typeset(run.text, language)
        if runs and language == "fr" and text[:1] in ":;!?»" and runs[-1].text.endswith(" "):
            last = runs[-1]
            if not last.code:
                runs[-1] = replace(last, text=last.text[:-1] + "\u00a0")
        runs.append(replace(run, text=text) if text != run.text else run)
    return replace(item, runs=tuple(runs))


class _Deck:
    """Slides being written, each typeset and fitted to its boxes as it is added."""

    def __init__(self, geometry: Geometry, sizes: Sizes, fonts: Fonts, labels: Labels) -> None:
        self.geometry, self.sizes, self.fonts, self.labels = geometry, sizes, fonts, labels
        self.slides: list[Slide] = []

    def _typeset(self, text: str) -> str:
        return typeset(text, self.labels.language)

    def _title(self, title: str, box: str, first: float) -> tuple[str, float, str]:
        sizes = tuple(first + step for step in TITLE_STEPS)
        text = self._typeset(_one_line(title))
        return split_title(text, getattr(self.geometry, box), sizes, self.fonts.bold)

    def add(
        self,
        layout: str,
        title: str,
        box: str = "title",
        size: float | None = None,
        **parts: Any,
    ) -> None:
        """Add a slide whose title fits its box; the words that do not fit go on below it."""
        shown, fitted, rest = self._title(title, box, size or self.sizes.title)
        for key in ("notes", "subtitle"):
            if parts.get(key):
                parts[key] = self._typeset(parts[key])
        if parts.get("cards"):
            parts["cards"] = [(self._typeset(h), self._typeset(t)) for h, t in parts["cards"]]
        self.slides.append(Slide(layout, shown, title_size=fitted, **parts))
        if rest:
            self.content(
                f"({self.labels['continued']})",
                [para(0, rest, bullet=False, bold=True)],
                minutes=MINUTES["continued"],
            )

    def content(
        self,
        title: str,
        paras: list[Para],
        notes: str = "",
        minutes: float = MINUTES["overview"],
        short: str = "",
        aside: Path | None = None,
        continued: bool = False,
    ) -> None:
        """Add one or more content slides; a long body continues on the next slides.

        A title too long for its box shows the words that fit and goes on in bold at the top
        of the body; the next slides are titled `short` (or the title) and "continued". With
        a picture `aside`, the body is fitted beside it and every slide shows it. A body that
        `continued` a slide before starts with the "continued" title.
        """
        language = self.labels.language
        paras = [typeset_para(item, language) for item in paras]
        notes = self._typeset(notes)
        shown, fitted, rest = self._title(title, "title", self.sizes.title)
        more = f"{title} ({self.labels['continued']})"
        if self._title(more, "title", self.sizes.title)[2]:
            more = f"{short or shown} ({self.labels['continued']})"
        if continued:
            shown, fitted, rest = self._title(more, "title", self.sizes.title)
            minutes = MINUTES["continued"]
        if rest:
            paras = [para(0, rest, bullet=False, bold=True), *paras]
        box: Box = self.geometry.beside if aside is not None else self.geometry.body
        pages = fit_paras(paras, box, self.sizes, self.fonts)
        for number, page in enumerate(pages):
            if number == 0:
                self.slides.append(
                    Slide("content", shown, paras=page, notes=notes, minutes=minutes,
                          title_size=fitted, aside=aside)
                )  # fmt: skip
            else:
                self.add("content", more, paras=page, notes=notes,
                         minutes=MINUTES["continued"], aside=aside)  # fmt: skip

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
                    paras.append(para(0, heading, bold=True, keep=bool(text)))
                    paras += [para(1, text)] if text else []
                self.content(title, paras, notes)
                return
        for start in range(0, len(cards), CARDS_PER_SLIDE):
            shown = title if start == 0 else f"{title} ({self.labels['continued']})"
            minutes = MINUTES["overview"] if start == 0 else MINUTES["continued"]
            self.add("cards", shown, notes=notes, cards=cards[start : start + CARDS_PER_SLIDE],
                     minutes=minutes)  # fmt: skip

    def cover(self, title: str, subtitle: list[str], notes: str = "") -> None:
        """Add the title slide; its subtitle lines get smaller before they wrap."""
        box = self.geometry.cover_subtitle
        text = self._typeset("\n".join(subtitle))
        size = self.sizes.subtitle
        for size in (self.sizes.subtitle, 18.0, 16.0, 14.0):
            lines = len(wrap(text, box.text_width(), size, self.fonts.regular))
            if lines * self.fonts.regular.line_height(size) <= box.text_height:
                break
        self.add("cover", title, "cover_title", 36, notes=notes, minutes=MINUTES["cover"],
                 subtitle=text, subtitle_size=size)  # fmt: skip

    def section(self, title: str, text: str = "") -> None:
        """Add a section divider."""
        self.add("section", title, "section_title", 36, minutes=MINUTES["divider"], subtitle=text)

    def picture(
        self, title: str, path: Path, notes: str = "", size: tuple[float, float] | None = None
    ) -> None:
        """Add a slide of one picture under its title (a flowchart)."""
        self.add("picture", title, picture=path, notes=notes, picture_size=size,
                 minutes=MINUTES["chart"])  # fmt: skip

    @property
    def minutes(self) -> float:
        """Return the session length of the slides so far (render.py prints it rounded)."""
        return sum(slide.minutes for slide in self.slides)


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


def _styled(level: int, text: str, style: str, bold: bool = False) -> Para:
    return Para(level, (Run(text, bold=bold),), bullet=False, style=style)


def _step_paras(text: StepText, level: int, labels: Labels, details: bool = True) -> list[Para]:
    """Return what a step or a sub-step says, at a level: its condition, who and timing, its
    notes (most serious first), details (unless they go to the notes), check, links and
    attachments."""
    found: list[Para] = []
    if text.condition:
        found.append(_styled(level, text.condition, "condition", bold=True))
    facts = [fact for fact in text.facts() if fact != text.condition]
    if facts:
        found.append(_styled(level, " · ".join(facts), "facts"))
    for callout in text.callouts:
        found += callout_paras(callout, level, labels)
    found += block_paras(text.details, level) if details else []
    if text.check:
        found.append(_styled(level, "✔ " + _labelled(labels, "check", text.check), "check"))
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


def _band(level: str, word: str) -> Run:
    """Return a signal word on its level's colour."""
    return Run(f"\u00a0{word}\u00a0", bold=True, band=level)


def _risk_paras(
    risks: Sequence[BaseRisk], labels: Labels, where: dict[str, str] | None = None
) -> list[Para]:
    """Return risks most severe first, each on its severity's colour, with its mitigation."""
    found: list[Para] = []

    def shown(text: str) -> str:
        return plain(text, labels.language)

    for risk in sorted(risks, key=lambda r: SEVERITY_ORDER[r.severity.value]):
        severity = risk.severity.value
        band = _band(SEVERITY_BANDS[severity], labels[f"severity_{severity}"])
        step = getattr(risk, "step", None)
        place = f" ({where[step]})" if where and step in where else ""
        found += [
            Para(0, (band, Run(f" {shown(risk.risk)}{place}")), bullet=False),
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
        deck.content(labels["links"], found, minutes=MINUTES["references"])


def _kpi_text(kpi: KPI, labels: Labels) -> str:
    """Return a KPI as 'name: baseline unit → target unit'."""
    language = labels.language
    unit = f" {kpi.unit}" if kpi.unit else ""
    values = " → ".join(
        f"{format_number(v, language)}{unit}" for v in (kpi.baseline, kpi.target) if v is not None
    )
    name = plain(kpi.name, language)
    return labels.format("labelled", label=name, text=values) if values else name


# --- a procedure's training deck ---------------------------------------------------------


@dataclass(frozen=True)
class _Facts:
    """What the deck needs to know of a procedure, computed once for every fitting tried."""

    procedure: Procedure
    labels: Labels
    graph: FlowGraph
    texts: dict[int, list[StepText]]
    """Each step's texts: the step, then its sub-steps in reading order."""
    images: dict[int, list[tuple[int, Path]]]
    """Each step's pictures: (index of the text that shows it, the file)."""
    leaving: dict[int, list[FlowEdge]]
    """The edges that leave each step, in branch order."""

    def simple(self, index: int, fitting: Fitting) -> bool:
        """Return whether a step may share a slide: no note, picture, sub-step or decision."""
        top, *subs = self.texts[index]
        step = self.graph.nodes[index].step
        return not (
            subs
            or top.callouts
            or self.images[index]
            or step.decision
            or (top.details and not fitting.group_details)
            or any(edge.label is not None for edge in self.leaving[index])
        )

    def warned(self, index: int) -> NoteLevel | None:
        """Return the most serious danger or warning note of a step at any depth, if any."""
        levels = [c.level for t in self.texts[index] for c in t.callouts]
        levels = [level for level in levels if level in DANGER_LEVELS]
        return min(levels, key=lambda level: level.rank) if levels else None


def _facts(procedure: Procedure, labels: Labels) -> _Facts:
    graph = flow_graph(procedure)
    texts: dict[int, list[StepText]] = {node.index: [] for node in graph.nodes}
    for text in step_texts(procedure, labels):
        texts[text.item.loc[1]].append(text)  # type: ignore[index]
    images: dict[int, list[tuple[int, Path]]] = {}
    for index, mine in texts.items():
        images[index] = [
            (n, image_file(procedure, t.step.image.path, (*t.item.loc, "image", "path")))
            for n, t in enumerate(mine)
            if t.step.image is not None
        ]
    leaving: dict[int, list[FlowEdge]] = {index: [] for index in texts}
    for edge in graph.edges:
        leaving[edge.source].append(edge)
    return _Facts(procedure, labels, graph, texts, images, leaving)


def needs_safety_first(procedure: Procedure) -> bool:
    """Return whether the hazards come before the steps: an instructional procedure, a danger
    note anywhere, or a high or critical risk."""
    if procedure.category.value == "instructional":
        return True
    if any(risk.severity.value in ("high", "critical") for risk in procedure.risks):
        return True
    notes = list(procedure.notes)
    pending: list[Any] = list(procedure.steps)
    while pending:
        step = pending.pop()
        notes += step.notes
        pending += step.substeps
    return any(note.level is NoteLevel.danger for note in notes)


def _step_names(facts: _Facts) -> dict[str, str]:
    """Return 'Step 3' by step id."""
    return {
        node.step.id: facts.labels.format("step_of", step=node.number)
        for node in facts.graph.nodes
        if node.step.id
    }


def _safety_first(deck: _Deck, facts: _Facts, hazards: list[Note]) -> None:
    """Add the safety-first slides: hazards, protective equipment, steps with a warning."""
    labels, procedure = deck.labels, facts.procedure
    found: list[Para] = []
    danger = _risk_paras(procedure.risks, labels, _step_names(facts))
    danger += _notes_paras(hazards, labels)
    if danger:
        found += [para(0, labels["hazards"], bullet=False, bold=True, keep=True), *danger]
    equipment = [r for r in procedure.requirements if r.kind.value == "ppe"]
    if equipment:
        found.append(para(0, labels["requirement_ppe"], bullet=False, bold=True, keep=True))
        for item in equipment:
            found.append(para(1, item.name))
            found += block_paras(rich(item.details, labels.language), 2) if item.details else []
    warned = []
    for node in facts.graph.nodes:
        level = facts.warned(node.index)
        if level is not None:
            title = facts.texts[node.index][0].title
            step = labels.format("step_of", step=node.number)
            text = labels.format("labelled", label=step, text=title)
            warned.append(Para(1, (_band(level.value, signal_word(level, labels)), Run(" " + text)),
                               bullet=False))  # fmt: skip
    if warned:
        found += [para(0, labels["steps_with_warnings"], bullet=False, bold=True, keep=True)]
        found += warned
    if found:
        deck.content(labels["safety_first"], found, minutes=MINUTES["safety"])


def _step_slides(deck: _Deck, facts: _Facts, index: int, fitting: Fitting) -> None:
    """Add a step's slides: what it says at every depth, its pictures beside the text (a
    second picture continues the step on another slide), its branches."""
    labels, procedure = deck.labels, facts.procedure
    node = facts.graph.nodes[index]
    top, *subs = facts.texts[index]
    pictures = dict(facts.images[index])
    details = not fitting.details_in_notes
    segments: list[tuple[list[Para], Path | None]] = [([], None)]
    for number, text in enumerate(facts.texts[index]):
        if number in pictures and segments[-1][1] is not None:
            segments.append(([], None))
        body, picture = segments[-1]
        if number == 0:
            body += _step_paras(top, 0, labels, details)
        else:
            depth = text.item.depth
            label = Run(_sub_label(text, procedure.layout) + " ", bold=True)
            body.append(Para(depth, (label, Run(text.title)), bullet=False, keep=True))
            body += _step_paras(text, depth, labels, details)
        if number in pictures:
            image = text.step.image
            if image is not None and image.caption:
                caption = Run(plain(image.caption, labels.language), italic=True)
                body.append(Para(text.item.depth, (caption,), bullet=False))
            segments[-1] = (body, pictures[number])
    segments[-1][0].extend(_flow_paras(facts, index, 0))
    notes = "\n".join(
        [*lines(top.details), *(f"{s.title}: {' '.join(lines(s.details))}" for s in subs
                                 if s.details)]
    )  # fmt: skip
    heading = f"{labels['step']} {top.item.label}"
    for number, (body, picture) in enumerate(segments):
        deck.content(
            f"{heading} · {top.title}",
            body or [para(0, node.step.title)],
            notes=notes,
            minutes=MINUTES["step"],
            short=heading,
            aside=picture,
            continued=number > 0,
        )


def _flow_paras(facts: _Facts, index: int, level: int) -> list[Para]:
    """Return where a step leads when it is not simply the next one: its branches ("→ If
    yes, go to step 4"), a jump ("→ Then go to step 6"), or the end of the procedure."""
    labels, nodes = facts.labels, facts.graph.nodes
    found = []
    for edge in facts.leaving[index]:
        target = nodes[edge.target].number
        if edge.label is not None:
            text = labels.format("if_then", when=edge.label, step=target)
        elif edge.target != index + 1:
            text = labels.format("then_go", step=target)
        else:
            continue
        found.append(_styled(level, "→ " + text, "branch"))
    if nodes[index].step.end:
        found.append(_styled(level, "■ " + labels["end_of_procedure"], "branch"))
    return found


def _group_slide(deck: _Deck, facts: _Facts, indexes: list[int]) -> None:
    """Add one slide of simple steps, each with what it says; their details go to the notes."""
    labels = deck.labels
    body: list[Para] = []
    notes: list[str] = []
    numbers = [facts.graph.nodes[i].number for i in indexes]
    for index, number in zip(indexes, numbers, strict=True):
        top = facts.texts[index][0]
        body.append(Para(0, (Run(f"{number}. {top.title}", bold=True),), bullet=False, keep=True))
        body += _step_paras(top, 1, labels, details=False)
        body += _flow_paras(facts, index, 1)
        if top.details:
            step = labels.format("step_of", step=number)
            notes.append(labels.format("labelled", label=step, text=" ".join(lines(top.details))))
    key = "steps_two" if len(numbers) == 2 else "steps_range"
    title = labels.format(key, first=numbers[0], last=numbers[-1])
    deck.content(title, body, notes="\n".join(notes), minutes=MINUTES["grouped"])


def _steps(deck: _Deck, facts: _Facts, fitting: Fitting) -> None:
    """Add the step slides: one or more a step, or simple steps grouped by up to three."""
    count = len(facts.graph.nodes)
    index = 0
    while index < count:
        run = [index]
        if fitting.group:
            while (
                len(run) < GROUP_MOST
                and run[-1] + 1 < count
                and facts.simple(run[-1], fitting)
                and facts.simple(run[-1] + 1, fitting)
            ):
                run.append(run[-1] + 1)
        if len(run) > 1:
            _group_slide(deck, facts, run)
        else:
            _step_slides(deck, facts, index, fitting)
        index = run[-1] + 1


def _questions(deck: _Deck, questions: list[Question], fitting: Fitting) -> None:
    """Add the quiz: each question on a slide (options A to D), then its answer slide."""
    labels = deck.labels
    if not questions:
        return
    if fitting.dividers:
        deck.section(labels["quiz"], labels.format("questions_count", count=len(questions)))
    letters = "ABCD"
    for number, question in enumerate(questions, 1):
        options = [
            para(1, f"{letter}. {text}", bullet=False)
            for letter, text in zip(letters, question.options, strict=False)
        ]
        right = f"{letters[question.answer]}. {question.options[question.answer]}"
        heading = labels.format("question", number=number)
        deck.content(
            heading,
            [para(0, question.text, bullet=False, bold=True), *options],
            notes=_labelled(labels, "answer", right),
            minutes=MINUTES["question"],
        )
        deck.content(
            f"{heading} · {labels['answer']}",
            [
                para(0, question.text, bullet=False),
                _styled(1, f"✔ {right}", "check", bold=True),
                para(0, question.explanation, bullet=False),
            ],
            notes=question.explanation,
            minutes=MINUTES["answer"],
        )


def _cover(deck: _Deck, procedure: Procedure, today: dt.date) -> None:
    labels = deck.labels
    when = format_date(today, labels.language)
    category = _labelled(labels, "category", labels[f"category_{procedure.category.value}"])
    subtitle = [procedure.organization] if procedure.organization else []
    subtitle += [f"{procedure.id} · {labels['version']} {procedure.version} · {when}", category]
    deck.cover(procedure.title, subtitle, notes=procedure.objective or "")


def _overview(deck: _Deck, facts: _Facts, safety: bool, charts: list[ChartPicture]) -> None:
    """Add what comes before the steps: why, safety first, notes, chart, roles, needs."""
    labels, procedure = deck.labels, facts.procedure
    why = [para(0, procedure.objective)] if procedure.objective else []
    why += [para(0, _labelled(labels, "scope", procedure.scope))] if procedure.scope else []
    hazards = [n for n in procedure.notes if safety and n.level.value in ("danger", "warning")]
    others = [n for n in procedure.notes if n not in hazards]
    if others and not safety:
        deck.content(labels["notes"], _notes_paras(others, labels))
    if why:
        deck.content(labels["why_it_matters"], why)
    if safety:
        _safety_first(deck, facts, hazards)
        if others:
            deck.content(labels["notes"], _notes_paras(others, labels))
    if procedure.layout is Layout.flowchart:
        _chart(deck, charts)
    if procedure.roles:
        deck.cards(
            labels["who_is_involved"],
            [(r.name, "; ".join([*r.responsibilities, *([r.holder] if r.holder else [])]))
             for r in procedure.roles],
            notes="\n".join(f"{r.name}: {'; '.join(r.responsibilities)}" for r in procedure.roles),
        )  # fmt: skip
    needs: list[Para] = []
    for item in procedure.requirements:
        if safety and item.kind.value == "ppe":
            continue
        needs.append(para(0, f"{item.name} ({labels[f'requirement_{item.kind.value}']})"))
        needs += block_paras(rich(item.details, labels.language), 1) if item.details else []
    if needs and procedure.glossary:
        needs.append(para(0, labels["glossary"], bullet=False, bold=True, keep=True))
    needs += [para(1 if needs else 0, _labelled_text(labels, e.term, e.definition))
              for e in procedure.glossary]  # fmt: skip
    if needs:
        title = labels["requirements"] if procedure.requirements else labels["glossary"]
        deck.content(title, needs)


def _labelled_text(labels: Labels, label: str, text: str) -> str:
    return labels.format("labelled", label=label, text=plain(text, labels.language))


def _after_steps(deck: _Deck, facts: _Facts, safety: bool, charts: list[ChartPicture]) -> None:
    """Add what comes after the steps: chart, risks, troubleshooting, references."""
    labels, procedure = deck.labels, facts.procedure
    if procedure.layout is not Layout.flowchart:
        _chart(deck, charts)
    if procedure.risks and not safety:
        risks = _risk_paras(procedure.risks, labels, _step_names(facts))
        deck.content(labels["risks"], risks, minutes=MINUTES["problems"])
    if procedure.troubleshooting:
        where = _step_names(facts)
        paras = []
        for entry in procedure.troubleshooting:
            place = f" ({where[entry.step]})" if entry.step in where else ""
            paras.append(para(0, plain(entry.problem, labels.language) + place, bold=True))
            if entry.cause:
                paras.append(para(1, _labelled_text(labels, labels["cause"], entry.cause)))
            paras.append(para(1, "→ " + plain(entry.solution, labels.language)))
        deck.content(labels["troubleshooting"], paras, minutes=MINUTES["problems"])
    _references(deck, procedure.links, procedure.attachments)


def _recap(deck: _Deck, facts: _Facts) -> None:
    """Add the recap: the objective, the checks to remember, the quality criteria and KPIs."""
    labels, procedure = deck.labels, facts.procedure
    language = labels.language
    recap = [para(0, procedure.objective)] if procedure.objective else []
    checks = [t.check for node in facts.graph.nodes for t in facts.texts[node.index][:1] if t.check]
    recap += [_styled(0, "✔ " + _labelled(labels, "check", check), "check") for check in checks[:4]]
    recap += [para(0, plain(c, language)) for c in procedure.quality.criteria]
    recap += [para(0, _kpi_text(k, labels)) for k in procedure.quality.kpis]
    recap += [para(0, _labelled_text(labels, labels["steps"], str(len(procedure.steps))))]
    deck.content(labels["recap"], recap, minutes=MINUTES["recap"])


def _procedure_slides(
    facts: _Facts,
    deck: _Deck,
    today: dt.date,
    charts: list[ChartPicture],
    fitting: Fitting,
    questions: list[Question],
) -> None:
    procedure = facts.procedure
    safety = needs_safety_first(procedure)
    charts = charts if fitting.chart_sections else charts[:1]
    _cover(deck, procedure, today)
    _overview(deck, facts, safety, charts)
    if fitting.dividers:
        deck.section(deck.labels["the_steps"], str(len(procedure.steps)))
    _steps(deck, facts, fitting)
    _after_steps(deck, facts, safety, charts)
    _questions(deck, questions, fitting)
    _recap(deck, facts)


def procedure_deck(
    procedure: Procedure,
    labels: Labels,
    geometry: Geometry,
    sizes: Sizes,
    fonts: Fonts,
    flowchart: list[ChartPicture],
    today: dt.date,
    options: SlidesOptions | None = None,
) -> list[Slide]:
    """Return the slides of a procedure's training deck, fitted to the session length asked
    (`options.minutes`), else to DEFAULT_SESSION when it can be."""
    asked = options.minutes if options is not None else None
    most = options.quiz_questions if options is not None else 6
    fixed_quiz = options is not None and "quiz_questions" in options.model_fields_set
    facts = _facts(procedure, labels)
    asked_quiz: dict[int, list[Question]] = {}

    def build(fitting: Fitting) -> _Deck:
        deck = _Deck(geometry, sizes, fonts, labels)
        if fitting.questions not in asked_quiz:
            asked_quiz[fitting.questions] = quiz(procedure, labels, most=fitting.questions)
        questions = asked_quiz[fitting.questions]
        _procedure_slides(facts, deck, today, flowchart, fitting, questions)
        return deck

    ways = fittings(most, details=asked is not None, fixed_quiz=fixed_quiz and asked is None)
    budget = asked if asked is not None else DEFAULT_SESSION
    shortest = build(ways[-1])
    if round(shortest.minutes) > budget:
        if asked is None:  # the default deck stays whole: its estimate says how long it is
            return shortest.slides
        kept = len(asked_quiz[ways[-1].questions])
        _unreachable(procedure, labels, facts, ways[-1], asked, shortest, kept)
        return shortest.slides
    for way in ways[:-1]:
        deck = build(way)
        if round(deck.minutes) <= budget:
            return deck.slides
    return shortest.slides


def _unreachable(
    procedure: Procedure,
    labels: Labels,
    facts: _Facts,
    way: Fitting,
    asked: int,
    deck: _Deck,
    questions: int,
) -> None:
    """Say that the asked session length cannot be reached, and why."""
    alone = sum(1 for node in facts.graph.nodes if not facts.simple(node.index, way))
    reason = labels.format(
        "session_unreachable",
        asked=asked,
        needed=round(deck.minutes),
        steps=alone,
        total=len(facts.graph.nodes),
        questions=questions,
    )
    LOG.warning("%s: %s", procedure.id, reason)


def _chart(deck: _Deck, flowchart: list[ChartPicture]) -> None:
    for picture in flowchart:
        deck.picture(picture.title, picture.path, size=picture.size)


# --- a plan's kick-off deck --------------------------------------------------------------


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
    """Return the slides of a plan's kick-off deck: notes, objectives and KPIs, the calendar,
    each phase's activities with owner and due date, owners, meetings, risks, references."""
    language = labels.language
    deck = _Deck(geometry, sizes, fonts, labels)
    roles = {role.id: role.name for role in plan.roles}
    span = f"{format_date(plan.start, language)} – {format_date(plan.end, language)}"
    subtitle = [plan.organization] if plan.organization else []
    subtitle += [f"{labels['kickoff']} · {plan.id} · {span}"]
    deck.cover(plan.title, subtitle)
    if plan.notes:
        deck.content(labels["notes"], _notes_paras(plan.notes, labels))
    kpis = {k.id: k for k in plan.kpis}
    shown: set[str] = set()
    paras: list[Para] = []
    for objective in sorted(plan.objectives, key=lambda o: o.priority):
        owner = f" · {_names([objective.owner], roles)}" if objective.owner else ""
        statement = plain(objective.statement, language)
        paras.append(para(0, f"{objective.priority}. {statement}{owner}"))
        for kpi_id in objective.kpis:
            if kpi_id in kpis:
                paras.append(para(1, _kpi_text(kpis[kpi_id], labels)))
                shown.add(kpi_id)
    others = [k for k in plan.kpis if k.id not in shown]
    if others:
        paras.append(para(0, labels["indicators"], bullet=False, bold=True, keep=True))
        paras += [para(1, _kpi_text(k, labels)) for k in others]
    if paras:
        deck.content(labels["objectives"], paras)
    _calendar(deck, plan)
    for phase in plan.phases:
        if phase.activities:
            deck.content(
                labels.format("activities_of", phase=plain(phase.name, language)),
                [_activity(a, roles, labels) for a in phase.activities],
                notes="\n".join(f"{a.title}: {a.notes}" for a in phase.activities if a.notes),
            )
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
        rhythm = [p for m in plan.meetings for p in _meeting(m, roles, labels)]
        deck.content(labels["meeting_rhythm"], rhythm)
    if plan.risks:
        deck.content(labels["risks"], _risk_paras(plan.risks, labels))
    _references(deck, plan.links, [])
    if plan.procedures:
        deck.content(
            labels["procedures_used"],
            [para(0, labels.format("procedure_link", id=p)) for p in plan.procedures],
            minutes=MINUTES["references"],
        )
    return deck.slides


def _calendar(deck: _Deck, plan: Plan) -> None:
    """Add the calendar: each phase with its dates, goals and milestones, then the others."""
    labels, language = deck.labels, deck.labels.language
    calendar: list[Para] = []
    placed: set[str] = set()
    for phase in plan.phases:
        first, last = (format_date(d, language, "medium") for d in (phase.start, phase.end))
        name = plain(phase.name, language)
        calendar.append(para(0, f"{name} ({first} – {last})", bold=True, keep=True))
        goals = [phase.goal] if phase.goal else []
        goals += phase.goals
        if goals:
            calendar.append(para(1, labels["goals"], bullet=False, bold=True, keep=True))
            calendar += [para(2, plain(goal, language)) for goal in goals]
        for milestone in plan.milestones:
            if phase.start <= milestone.date <= phase.end and milestone.id not in placed:
                placed.add(milestone.id)
                when = format_date(milestone.date, language, "medium")
                title = plain(milestone.title, language)
                calendar.append(_styled(1, f"◆ {title} · {when}", "facts"))
    rest = [m for m in plan.milestones if m.id not in placed]
    if rest:
        calendar.append(para(0, labels["other_milestones"], bullet=False, bold=True, keep=True))
        calendar += [
            _styled(
                1,
                f"◆ {plain(m.title, language)} · {format_date(m.date, language, 'medium')}",
                "facts",
            )
            for m in rest
        ]
    if calendar:
        deck.content(labels["calendar"], calendar)


def _activity(activity: Any, roles: dict[str, str], labels: Labels) -> Para:
    """Return an activity as 'title · owner · due date' (the accountable, else responsible)."""
    owner = activity.raci.accountable or activity.raci.responsible
    parts = [plain(activity.title, labels.language)]
    parts += [_names(owner, roles)] if owner else []
    if activity.due is not None:
        due = format_date(activity.due, labels.language, "medium")
        parts.append(labels.format("due", date=due))
    if activity.procedure:
        parts.append(labels.format("procedure_link", id=activity.procedure))
    return para(0, " · ".join(parts))


def _meeting_length(text: str, language: str) -> str:
    """Return a meeting's length the local way ("30 min"), or as written if it is not one."""
    try:
        length = parse_range(text)
    except ValueError:
        return text
    return format_duration(length.low, language, length.high)


def _meeting(meeting: Any, roles: dict[str, str], labels: Labels) -> list[Para]:
    parts = [labels[f"frequency_{meeting.cadence.value}"]]
    if meeting.weekday is not None:
        day = list(Weekday).index(meeting.weekday)
        parts.append(weekday_name(day, labels.language))
    parts += [_meeting_length(meeting.duration, labels.language)] if meeting.duration else []
    parts += [_names([meeting.owner], roles)] if meeting.owner else []
    title = plain(meeting.title, labels.language)
    shown = para(0, labels.format("labelled", label=title, text=" · ".join(parts)))
    if not meeting.participants:
        return [shown]
    return [shown, para(1, _labelled_text(labels, labels["participants"],
                                          _names(meeting.participants, roles)))]  # fmt: skip
