"""What a procedure's training deck says, slide by slide.

The deck is fitted to a session length: the time a trainer spends on each kind of slide is
counted (session.MINUTES), and a deck too long for the session is shortened in the ways
session.fittings lists, in order. Every safety message, check, condition, duration, role and
picture stays on a slide.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sopmodel.exporters.base import LOG
from sopmodel.exporters.images import image_file
from sopmodel.exporters.slides.deck import (
    ChartPicture,
    Fonts,
    Geometry,
    Para,
    Run,
    Sizes,
    Slide,
    para,
)
from sopmodel.exporters.slides.paras import (
    attachment_runs,
    band_run,
    kpi_text,
    labelled,
    labelled_text,
    notes_paras,
    references,
    risk_paras,
    styled,
)
from sopmodel.exporters.slides.richtext import block_paras, callout_paras, link_runs
from sopmodel.exporters.slides.session import (
    DEFAULT_SESSION,
    GROUP_MOST,
    MINUTES,
    Fitting,
    fittings,
)
from sopmodel.exporters.slides.writer import SlideWriter
from sopmodel.exporters.writing import printed_line
from sopmodel.i18n import Labels, format_date
from sopmodel.model import Layout, Note, Procedure
from sopmodel.model.content import NoteLevel
from sopmodel.views import (
    DANGER_LEVELS,
    FlowEdge,
    FlowGraph,
    Question,
    StepText,
    flow_graph,
    lines,
    needs_safety_first,
    plain,
    quiz,
    rich,
    signal_word,
    step_texts,
)

if TYPE_CHECKING:
    from sopmodel.exporters.slides import SlidesOptions

__all__ = [
    "DANGER_LEVELS",
    "needs_safety_first",
    "procedure_deck",
    "quiz_slides",
    "step_paras",
    "sub_label",
]


def step_paras(text: StepText, level: int, labels: Labels, details: bool = True) -> list[Para]:
    """Return what a step or a sub-step says, at a level: its condition, who and timing, its
    notes (most serious first), details (unless they go to the notes), check, links and
    attachments."""
    found: list[Para] = []
    if text.condition:
        found.append(styled(level, text.condition, "condition", bold=True))
    facts = [fact for fact in text.facts() if fact != text.condition]
    if facts:
        found.append(styled(level, " · ".join(facts), "facts"))
    for callout in text.callouts:
        found += callout_paras(callout, level, labels)
    found += block_paras(text.details, level) if details else []
    if text.check:
        found.append(styled(level, "✔ " + labelled(labels, "check", text.check), "check"))
    if text.links:
        label = Run(labels.format("labelled", label=labels["links"], text=""), bold=True)
        found.append(Para(level, (label, *link_runs(text.links, labels)), bullet=False))
    if text.attachments:
        label = Run(labels.format("labelled", label=labels["attachments"], text=""), bold=True)
        found.append(Para(level, (label, *attachment_runs(text.attachments)), bullet=False))
    return found


def sub_label(text: StepText, layout: Layout) -> str:
    """Return what is printed before a sub-step's title: 2.1 (hierarchical), else "a."."""
    label = text.item.label
    return label if layout is Layout.hierarchical else f"{label}."


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
        """Return whether a step may share a slide: no note, picture or sub-step (a decision
        may: its question and branches fit in a few lines)."""
        top, *subs = self.texts[index]
        return not (
            subs
            or top.callouts
            or self.images[index]
            or (top.details and not fitting.group_details)
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


def _step_names(facts: _Facts) -> dict[str, str]:
    """Return 'Step 3' by step id."""
    return {
        node.step.id: facts.labels.format("step_of", step=node.number)
        for node in facts.graph.nodes
        if node.step.id
    }


def _safety_first(deck: SlideWriter, facts: _Facts, hazards: list[Note]) -> None:
    """Add the safety-first slides: hazards, protective equipment, steps with a warning."""
    labels, procedure = deck.labels, facts.procedure
    found: list[Para] = []
    danger = risk_paras(procedure.risks, labels, _step_names(facts))
    danger += notes_paras(hazards, labels)
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
            word = band_run(level.value, signal_word(level, labels))
            warned.append(Para(1, (word, Run(" " + text)), bullet=False))
    if warned:
        found += [para(0, labels["steps_with_warnings"], bullet=False, bold=True, keep=True)]
        found += warned
    if found:
        deck.content(labels["safety_first"], found, minutes=MINUTES["safety"])


def _step_slides(deck: SlideWriter, facts: _Facts, index: int, fitting: Fitting) -> None:
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
            body += step_paras(top, 0, labels, details)
        else:
            depth = text.item.depth
            label = Run(sub_label(text, procedure.layout) + " ", bold=True)
            body.append(Para(depth, (label, Run(text.title)), bullet=False, keep=True))
            body += step_paras(text, depth, labels, details)
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
        found.append(styled(level, "→ " + text, "branch"))
    if nodes[index].step.end:
        found.append(styled(level, "■ " + labels["end_of_procedure"], "branch"))
    return found


def _group_slide(deck: SlideWriter, facts: _Facts, indexes: list[int]) -> None:
    """Add one slide of simple steps, each with what it says; their details go to the notes."""
    labels = deck.labels
    body: list[Para] = []
    notes: list[str] = []
    numbers = [facts.graph.nodes[i].number for i in indexes]
    for index, number in zip(indexes, numbers, strict=True):
        top = facts.texts[index][0]
        body.append(Para(0, (Run(f"{number}. {top.title}", bold=True),), bullet=False, keep=True))
        body += step_paras(top, 1, labels, details=False)
        body += _flow_paras(facts, index, 1)
        if top.details:
            step = labels.format("step_of", step=number)
            notes.append(labels.format("labelled", label=step, text=" ".join(lines(top.details))))
    key = "steps_two" if len(numbers) == 2 else "steps_range"
    title = labels.format(key, first=numbers[0], last=numbers[-1])
    deck.content(title, body, notes="\n".join(notes), minutes=MINUTES["grouped"])


def _steps(deck: SlideWriter, facts: _Facts, fitting: Fitting) -> None:
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


def quiz_slides(deck: SlideWriter, questions: list[Question], dividers: bool = True) -> None:
    """Add the quiz: each question on a slide (options A to D), then its answer slide."""
    labels = deck.labels
    if not questions:
        return
    if dividers:
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
            notes=labelled(labels, "answer", right),
            minutes=MINUTES["question"],
        )
        deck.content(
            f"{heading} · {labels['answer']}",
            [
                para(0, question.text, bullet=False),
                styled(1, f"✔ {right}", "check", bold=True),
                para(0, question.explanation, bullet=False),
            ],
            notes=question.explanation,
            minutes=MINUTES["answer"],
        )


def _cover(deck: SlideWriter, procedure: Procedure, printed: dt.date | None) -> None:
    labels = deck.labels
    category = labelled(labels, "category", labels[f"category_{procedure.category.value}"])
    subtitle = [procedure.organization] if procedure.organization else []
    dated = procedure.effective or max((r.date for r in procedure.revisions), default=None)
    when = f" · {format_date(dated, labels.language)}" if dated else ""  # the source's date only
    subtitle += [f"{procedure.id} · {labels['version']} {procedure.version}{when}", category]
    subtitle += [printed_line(labels, printed)] if printed else []
    deck.cover(procedure.title, subtitle, notes=procedure.objective or "")


def _overview(deck: SlideWriter, facts: _Facts, safety: bool, charts: list[ChartPicture]) -> None:
    """Add what comes before the steps: why, safety first, notes, chart, roles, needs."""
    labels, procedure = deck.labels, facts.procedure
    why = [para(0, procedure.objective)] if procedure.objective else []
    why += [para(0, labelled(labels, "scope", procedure.scope))] if procedure.scope else []
    hazards = [n for n in procedure.notes if safety and n.level.value in ("danger", "warning")]
    others = [n for n in procedure.notes if n not in hazards]
    if others and not safety:
        deck.content(labels["notes"], notes_paras(others, labels))
    if why:
        deck.content(labels["why_it_matters"], why)
    if safety:
        _safety_first(deck, facts, hazards)
        if others:
            deck.content(labels["notes"], notes_paras(others, labels))
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
    needs += [para(1 if needs else 0, labelled_text(labels, e.term, e.definition))
              for e in procedure.glossary]  # fmt: skip
    if needs:
        title = labels["requirements"] if procedure.requirements else labels["glossary"]
        deck.content(title, needs)


def _after_steps(
    deck: SlideWriter, facts: _Facts, safety: bool, charts: list[ChartPicture]
) -> None:
    """Add what comes after the steps: chart, risks, troubleshooting, references."""
    labels, procedure = deck.labels, facts.procedure
    if procedure.layout is not Layout.flowchart:
        _chart(deck, charts)
    if procedure.risks and not safety:
        risks = risk_paras(procedure.risks, labels, _step_names(facts))
        deck.content(labels["risks"], risks, minutes=MINUTES["problems"])
    if procedure.troubleshooting:
        where = _step_names(facts)
        paras = []
        for entry in procedure.troubleshooting:
            place = f" ({where[entry.step]})" if entry.step in where else ""
            paras.append(para(0, plain(entry.problem, labels.language) + place, bold=True))
            if entry.cause:
                paras.append(para(1, labelled_text(labels, labels["cause"], entry.cause)))
            paras.append(para(1, "→ " + plain(entry.solution, labels.language)))
        deck.content(labels["troubleshooting"], paras, minutes=MINUTES["problems"])
    references(deck, procedure.links, procedure.attachments)


def _recap(deck: SlideWriter, facts: _Facts) -> None:
    """Add the recap: the objective, the checks to remember, the quality criteria and KPIs."""
    labels, procedure = deck.labels, facts.procedure
    language = labels.language
    recap = [para(0, procedure.objective)] if procedure.objective else []
    checks = [t.check for node in facts.graph.nodes for t in facts.texts[node.index][:1] if t.check]
    recap += [styled(0, "✔ " + labelled(labels, "check", check), "check") for check in checks[:4]]
    recap += [para(0, plain(c, language)) for c in procedure.quality.criteria]
    recap += [para(0, kpi_text(k, labels)) for k in procedure.quality.kpis]
    recap += [para(0, labelled_text(labels, labels["steps"], str(len(procedure.steps))))]
    deck.content(labels["recap"], recap, minutes=MINUTES["recap"])


def _procedure_slides(
    facts: _Facts,
    deck: SlideWriter,
    printed: dt.date | None,
    charts: list[ChartPicture],
    fitting: Fitting,
    questions: list[Question],
) -> None:
    procedure = facts.procedure
    safety = needs_safety_first(procedure)
    charts = charts if fitting.chart_sections else charts[:1]
    _cover(deck, procedure, printed)
    _overview(deck, facts, safety, charts)
    if fitting.dividers:
        deck.section(deck.labels["the_steps"], str(len(procedure.steps)))
    _steps(deck, facts, fitting)
    _after_steps(deck, facts, safety, charts)
    quiz_slides(deck, questions, fitting.dividers)
    _recap(deck, facts)


def procedure_deck(
    procedure: Procedure,
    labels: Labels,
    geometry: Geometry,
    sizes: Sizes,
    fonts: Fonts,
    flowchart: list[ChartPicture],
    printed: dt.date | None,
    options: SlidesOptions | None = None,
) -> list[Slide]:
    """Return the slides of a procedure's training deck, fitted to the session length asked
    (`options.minutes`), else to DEFAULT_SESSION when it can be."""
    asked = options.minutes if options is not None else None
    most = options.quiz_questions if options is not None else 6
    fixed_quiz = options is not None and "quiz_questions" in options.model_fields_set
    facts = _facts(procedure, labels)
    asked_quiz: dict[int, list[Question]] = {}

    def build(fitting: Fitting) -> SlideWriter:
        deck = SlideWriter(geometry, sizes, fonts, labels)
        if fitting.questions not in asked_quiz:
            asked_quiz[fitting.questions] = quiz(procedure, labels, most=fitting.questions)
        questions = asked_quiz[fitting.questions]
        _procedure_slides(facts, deck, printed, flowchart, fitting, questions)
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
    deck: SlideWriter,
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


def _chart(deck: SlideWriter, flowchart: list[ChartPicture]) -> None:
    for picture in flowchart:
        deck.picture(picture.title, picture.path, size=picture.size)
