"""The kinds of quiz question a procedure gives, each with its right and wrong answers.

Every kind takes its wrong answers from the same procedure and leaves out those that would
also be true: the check of a step's own sub-step, the other solution of the same problem,
the warning of a step's parent. A question's text and right answer cost little; its wrong
answers are gathered only for the few questions a quiz asks, so a procedure of thousands
of steps gets its quiz in time linear in its size.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, partial

from sopmodel.i18n import Labels
from sopmodel.model import Note, NoteLevel, Procedure, Risk, Severity
from sopmodel.views.numbering import NumberedStep, number_steps
from sopmodel.views.quiz_paths import fixed_successor
from sopmodel.views.references import step_reference
from sopmodel.views.richtext import HAZARDS, lines, plain, rich, signal_word

__all__ = ["QUIZ_KINDS", "Choices", "Draft", "drafts", "same_key"]

QUIZ_KINDS = ("hazard", "check", "decision", "fix", "order", "who")
"""The kinds of question, the most important first."""

_ASKED_LEVELS = HAZARDS | {NoteLevel.notice}
"""The note levels a question is asked about (info notes are not warnings)."""
_SEVERITY_RANK = {Severity.critical: 0, Severity.high: 1, Severity.medium: 2, Severity.low: 3}


@dataclass(frozen=True)
class Choices:
    """The answers a question draws its wrong options from."""

    wrong: list[str]
    """Plausible wrong answers: the same kind of thing, from the same procedure."""
    spare: list[str] = field(default_factory=list)
    """Less plausible wrong answers, drawn only when `wrong` has fewer than three."""
    true: list[str] = field(default_factory=list)
    """Other answers that are right too: never offered as wrong ones."""


@dataclass(frozen=True)
class Draft:
    """A question before its options are drawn."""

    kind: str
    text: str
    right: str
    explanation: str
    choices: Callable[[], Choices]
    """Gathers the wrong answers (only for the questions asked)."""
    step: str | None = None
    """The number of the step the question is about, if any."""
    rank: int = 0
    """The order within its kind: 0 first (the most serious hazards)."""


def same_key(text: str, language: str) -> str:
    """Return what two answers are compared by: the text without Markdown, casefolded, its
    spaces collapsed."""
    return " ".join(" ".join(lines(rich(text, language))).casefold().split())


def _markdown(text: str, language: str) -> str:
    """Return a Markdown text as one line of plain text."""
    return " ".join(part.strip() for part in lines(rich(text, language)) if part.strip())


def _plain(text: str, language: str) -> str:
    """Return a plain text as one line, with its language's typography."""
    return " ".join(plain(text, language).split())


def _quoted(text: str) -> str:
    """Return a text to quote inside a question: without its closing full stop."""
    return text.strip().removesuffix(".").strip()


def _related(a: NumberedStep, b: NumberedStep) -> bool:
    """Return True when one step is the other, or contains it."""
    return (
        a.number == b.number
        or b.number.startswith(a.number + ".")
        or a.number.startswith(b.number + ".")
    )


def _prefixes(number: str) -> list[str]:
    """Return a step number and the numbers of the steps that contain it: 2.1.3, 2.1, 2."""
    parts = number.split(".")
    return [".".join(parts[:end]) for end in range(len(parts), 0, -1)]


def _apart(
    steps: list[NumberedStep], depth: int, carriers: list[NumberedStep]
) -> list[NumberedStep]:
    """Return the steps at a depth that neither are, contain nor sit inside a carrier."""
    inside = {c.number for c in carriers}
    around = {number for c in carriers for number in _prefixes(c.number)}
    return [
        n
        for n in steps
        if n.depth == depth
        and n.number not in around
        and not any(number in inside for number in _prefixes(n.number))
    ]


@dataclass
class _Source:
    """A procedure and what its questions share, computed once."""

    procedure: Procedure
    labels: Labels
    _made: dict[tuple[str, str], str] = field(default_factory=dict)
    """Texts already shown or keyed: each is parsed once."""

    def _once(self, how: Callable[[str, str], str], text: str) -> str:
        found = self._made.get((how.__name__, text))
        if found is None:
            found = self._made[how.__name__, text] = how(text, self.language)
        return found

    @cached_property
    def language(self) -> str:
        return str(self.procedure.language)

    @cached_property
    def numbered(self) -> list[NumberedStep]:
        return number_steps(self.procedure)

    @cached_property
    def by_id(self) -> dict[str, NumberedStep]:
        return {n.step.id: n for n in self.numbered if n.step.id}

    @cached_property
    def notes(self) -> list[tuple[NumberedStep, Note, str]]:
        """Every step's notes, most serious first, with their text as shown."""
        return [
            (n, note, self.markdown(note.text))
            for n in self.numbered
            for note in n.step.all_notes()
        ]

    @cached_property
    def transitions(self) -> list[list[tuple[int, str | None]]]:
        return self.procedure.transitions()

    def text(self, value: str) -> str:
        """Return a plain field as shown."""
        return self._once(_plain, value)

    def markdown(self, value: str) -> str:
        """Return a Markdown field as shown."""
        return self._once(_markdown, value)

    def key(self, value: str) -> str:
        """Return what answers are compared by."""
        return self._once(same_key, value)

    def title(self, step: NumberedStep) -> str:
        """Return a step's title to quote in a question."""
        return _quoted(self.text(step.step.title))

    def reference(self, step: NumberedStep) -> str:
        """Return how the document refers to a step: 2.a.i, or 2.1.1 in an outline."""
        return step_reference(step.number, self.procedure.layout)

    def step_option(self, step: NumberedStep) -> str:
        """Return a step as an answer: Step 2.a: its title."""
        return self.labels.format(
            "quiz_step_option", step=self.reference(step), title=self.title(step)
        )

    def line(self, index: int) -> list[NumberedStep]:
        """Return the step at `index` in reading order, the steps it contains and the steps
        that contain it."""
        step = self.numbered[index]
        found = [step]
        for other in self.numbered[index + 1 :]:
            if other.depth <= step.depth:
                break
            found.append(other)
        return found + [self.by_number[number] for number in _prefixes(step.number)[1:]]

    @cached_property
    def by_number(self) -> dict[str, NumberedStep]:
        return {n.number: n for n in self.numbered}


def _checks(src: _Source) -> Iterator[Draft]:
    def choices(step: NumberedStep) -> Choices:
        found = [(n, src.text(n.step.check)) for n in src.numbered if n.step.check]
        return Choices(
            [check for n, check in found if not _related(step, n)],
            # a case in which another step is done, a problem seen: never what must be true
            spare=[
                _quoted(src.text(n.step.when))
                for n in src.numbered
                if n.step.when and not _related(step, n)
            ]
            + [src.text(t.problem) for t in src.procedure.troubleshooting],
            true=[check for n, check in found if _related(step, n)],
        )

    for step in src.numbered:
        if step.step.check:
            check = src.text(step.step.check)
            yield Draft(
                "check",
                src.labels.format("quiz_check", step=src.reference(step), title=src.title(step)),
                check,
                src.labels.format("quiz_check_answer", step=src.reference(step), check=check),
                partial(choices, step),
                step.number,
            )


def _hazards(src: _Source) -> Iterator[Draft]:
    everywhere = {src.key(note.text) for note in src.procedure.notes}
    offered = {src.key(note.text) for _, note, _ in src.notes} - everywhere
    for index, step in enumerate(src.numbered):
        asked = [note for note in step.step.all_notes() if note.level in _ASKED_LEVELS]
        if asked:
            here = {src.key(note.text) for n in src.line(index) for note in n.step.all_notes()}
            yield _hazard(src, step, asked[0], len(offered) > len(offered & here))
    for risk in src.procedure.risks:
        draft = _risk(src, risk)
        if draft is not None:
            yield draft


def _hazard(src: _Source, step: NumberedStep, note: Note, others: bool) -> Draft:
    """Return which warning applies to a step; or, when the procedure has no other note to
    offer, at which step this one applies."""
    text = src.markdown(note.text)
    explanation = src.labels.format(
        "quiz_hazard_answer",
        signal=signal_word(note.level, src.labels),
        step=src.reference(step),
        text=text,
    )
    if others:

        def notes() -> Choices:
            elsewhere = [(o, shown) for n, o, shown in src.notes if not _related(step, n)]
            here = [shown for n, _, shown in src.notes if _related(step, n)]
            return Choices(
                [shown for o, shown in elsewhere if o.level in HAZARDS],
                spare=[shown for o, shown in elsewhere if o.level not in HAZARDS],
                true=here + [src.markdown(o.text) for o in src.procedure.notes],
            )

        return Draft(
            "hazard",
            src.labels.format("quiz_hazard", step=src.reference(step), title=src.title(step)),
            text,
            explanation,
            notes,
            step.number,
            rank=note.level.rank,
        )

    def steps() -> Choices:
        carriers = [n for n, _, shown in src.notes if src.key(shown) == src.key(text)]
        return Choices([src.step_option(n) for n in _apart(src.numbered, step.depth, carriers)])

    return Draft(
        "hazard",
        src.labels.format("quiz_hazard_where", text=_quoted(text)),
        src.step_option(step),
        explanation,
        steps,
        step.number,
        rank=note.level.rank,
    )


def _risk(src: _Source, risk: Risk) -> Draft | None:
    """Return how to avoid a risk; or, when the procedure has no other mitigation to offer,
    at which step the risk arises (None if it names none)."""
    risks = src.procedure.risks
    name = _quoted(src.text(risk.risk))
    mitigation = src.text(risk.mitigation)
    explanation = src.labels.format("quiz_risk_answer", risk=name, mitigation=mitigation)
    same = src.key(risk.risk)
    step = src.by_id.get(risk.step) if risk.step else None
    true = [src.text(o.mitigation) for o in risks if src.key(o.risk) == same]
    wrong = [src.text(o.mitigation) for o in risks if src.key(o.risk) != same]
    right = {src.key(text) for text in true}
    if any(src.key(text) not in right for text in wrong):
        return Draft(
            "hazard",
            src.labels.format("quiz_risk", risk=name),
            mitigation,
            explanation,
            lambda: Choices(wrong, true=true),
            step.number if step else None,
            rank=_SEVERITY_RANK[risk.severity],
        )
    if step is None:
        return None
    carriers = [src.by_id[o.step] for o in risks if src.key(o.risk) == same and o.step in src.by_id]
    return Draft(
        "hazard",
        src.labels.format("quiz_risk_where", risk=name),
        src.step_option(step),
        explanation,
        lambda: Choices([src.step_option(n) for n in _apart(src.numbered, step.depth, carriers)]),
        step.number,
        rank=_SEVERITY_RANK[risk.severity],
    )


def _decisions(src: _Source) -> Iterator[Draft]:
    steps = src.procedure.steps

    def option(index: int) -> str:
        title = src.text(steps[index].title)
        return src.labels.format("quiz_decision_option", step=index + 1, title=title)

    def choices(index: int, target: int, branches: list[tuple[int, str | None]]) -> Choices:
        return Choices(
            [option(other) for other, _ in branches if other != target],
            spare=[option(other) for other in range(len(steps)) if other != index],
        )

    for index, branches in enumerate(src.transitions):
        step = steps[index]
        if not step.decision:
            continue
        said = Counter(src.key(label or "") for _, label in branches)
        title = _quoted(src.text(step.title))
        form = "quiz_decision" if title.endswith("?") else "quiz_decision_case"
        for target, label in branches:
            if label is None or said[src.key(label)] > 1:
                continue  # the same answer leads to two places: no one right answer
            answer = _quoted(src.text(label))
            yield Draft(
                "decision",
                src.labels.format(form, step=index + 1, title=title, answer=answer),
                option(target),
                src.labels.format(
                    "quiz_decision_answer",
                    answer=answer,
                    target=target + 1,
                    title=_quoted(src.text(steps[target].title)),
                ),
                partial(choices, index, target, branches),
                str(index + 1),
            )


def _fixes(src: _Source) -> Iterator[Draft]:
    entries = src.procedure.troubleshooting

    def choices(problem: str) -> Choices:
        return Choices(
            [src.text(o.solution) for o in entries if src.key(o.problem) != problem],
            true=[src.text(o.solution) for o in entries if src.key(o.problem) == problem],
        )

    for entry in entries:
        solution = src.text(entry.solution)
        yield Draft(
            "fix",
            src.labels.format("quiz_fix", problem=_quoted(src.text(entry.problem))),
            solution,
            src.labels.format("quiz_fix_cause", cause=src.text(entry.cause))
            if entry.cause
            else src.labels.format("quiz_fix_answer", solution=solution),
            partial(choices, src.key(entry.problem)),
        )


def _orders(src: _Source) -> Iterator[Draft]:
    steps = src.procedure.steps
    if len(steps) <= 3:
        return  # the order of two or three steps teaches nothing
    titles = [src.text(step.title) for step in steps]

    def choices(index: int, target: int) -> Choices:
        return Choices(
            [title for other, title in enumerate(titles) if other not in (index, target)]
        )

    for index in range(len(steps)):
        target = fixed_successor(src.procedure, index, src.transitions)
        if target is None:
            continue
        yield Draft(
            "order",
            src.labels.format("quiz_next", step=index + 1, title=_quoted(titles[index])),
            titles[target],
            src.labels.format("quiz_next_answer", step=target + 1, title=titles[target]),
            partial(choices, index, target),
            str(index + 1),
        )


def _whos(src: _Source) -> Iterator[Draft]:
    roles = {role.id: src.text(role.name) for role in src.procedure.roles}
    if len(roles) < 2:
        return
    leads = Counter(step.lead_role for step in src.procedure.steps)

    def choices(lead: str) -> Choices:
        return Choices([name for rid, name in roles.items() if rid != lead])

    usual = max(leads.values())
    for index, step in enumerate(src.procedure.steps):
        lead = step.lead_role
        if len(step.role_ids) != 1 or lead not in roles or leads[lead] >= usual:
            continue  # done by several, or by whoever does most steps: nothing to learn
        yield Draft(
            "who",
            src.labels.format("quiz_who", step=index + 1, title=_quoted(src.text(step.title))),
            roles[lead],
            src.labels.format("quiz_who_answer", step=index + 1, role=roles[lead]),
            partial(choices, lead),
            str(index + 1),
        )


def drafts(procedure: Procedure, labels: Labels) -> Iterator[Draft]:
    """Yield every question a procedure can give, kind by kind."""
    src = _Source(procedure, labels)
    for kind in (_hazards, _checks, _decisions, _fixes, _orders, _whos):
        yield from kind(src)
