"""The kinds of quiz question a procedure gives, each with its right and wrong answers.

Every kind takes its wrong answers from the same procedure and leaves out those that would
also be true: the check of a step's own sub-step, the other branch of the same answer, the
other solution of the same problem, the warning of a step's parent.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from sopmodel.i18n import Labels
from sopmodel.model import Note, Procedure, Risk, Severity
from sopmodel.views.numbering import NumberedStep, number_steps
from sopmodel.views.quiz_paths import fixed_successor
from sopmodel.views.richtext import HAZARDS, lines, plain, rich, signal_word

__all__ = ["KINDS", "Draft", "drafts", "same_key"]

KINDS = ("hazard", "check", "decision", "fix", "order", "who")
"""The kinds of question, the most important first."""

_SEVERITY_RANK = {Severity.critical: 0, Severity.high: 1, Severity.medium: 2, Severity.low: 3}


@dataclass(frozen=True)
class Draft:
    """A question before its options are drawn: the right answer and the wrong candidates."""

    kind: str
    text: str
    right: str
    wrong: list[str]
    explanation: str
    step: str | None = None
    """The number of the step the question is about, if any."""
    spare: list[str] = field(default_factory=list)
    """Less plausible wrong answers, drawn only when `wrong` has fewer than three."""
    true: list[str] = field(default_factory=list)
    """Other answers that are right too: never offered as wrong ones."""
    rank: int = 0
    """The order within its kind: 0 first (the most serious hazards)."""


def same_key(text: str, language: str) -> str:
    """Return what two answers are compared by: the text without Markdown, casefolded, its
    spaces collapsed."""
    return " ".join(" ".join(lines(rich(text, language))).casefold().split())


def _markdown(text: str, language: str) -> str:
    """Return a Markdown text as one line of plain text."""
    return " ".join(part.strip() for part in lines(rich(text, language)) if part.strip())


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


@dataclass(frozen=True)
class _Source:
    procedure: Procedure
    labels: Labels
    language: str
    numbered: list[NumberedStep]

    def title(self, step: NumberedStep) -> str:
        """Return a step's title to quote in a question."""
        return _quoted(plain(step.step.title, self.language))

    def step_option(self, step: NumberedStep) -> str:
        """Return a step as an answer: Step 2.1: its title."""
        return self.labels.format("quiz_step_option", step=step.number, title=self.title(step))


def _checks(src: _Source) -> Iterator[Draft]:
    found = [(n, plain(n.step.check, src.language)) for n in src.numbered if n.step.check]
    problems = [plain(t.problem, src.language) for t in src.procedure.troubleshooting]
    for step, check in found:
        yield Draft(
            "check",
            src.labels.format("quiz_check", step=step.number, title=src.title(step)),
            check,
            [other for there, other in found if not _related(step, there)],
            src.labels.format("quiz_check_answer", step=step.number, check=check),
            step.number,
            # a case in which another step is done, a problem seen: never what must be true
            spare=[
                _quoted(plain(n.step.when, src.language))
                for n in src.numbered
                if n.step.when and not _related(step, n)
            ]
            + problems,
            true=[other for there, other in found if _related(step, there)],
        )


def _hazards(src: _Source) -> Iterator[Draft]:
    notes = [(n, note) for n in src.numbered for note in n.step.all_notes()]
    by_id = {n.step.id: n for n in src.numbered if n.step.id}
    for step in src.numbered:
        serious = [note for note in step.step.all_notes() if note.level in HAZARDS]
        if serious:
            yield _hazard(src, step, serious[0], notes)
    for risk in src.procedure.risks:
        draft = _risk(src, risk, by_id)
        if draft is not None:
            yield draft


def _risk(src: _Source, risk: Risk, by_id: dict[str, NumberedStep]) -> Draft | None:
    """Return how to avoid a risk; or, when the procedure has no other mitigation to offer,
    at which step the risk arises (None if it names none)."""
    language, risks = src.language, src.procedure.risks
    name = _quoted(plain(risk.risk, language))
    mitigation = plain(risk.mitigation, language)
    explanation = src.labels.format("quiz_risk_answer", risk=name, mitigation=mitigation)
    same = same_key(risk.risk, language)
    true = [plain(o.mitigation, language) for o in risks if same_key(o.risk, language) == same]
    wrong = [plain(o.mitigation, language) for o in risks if same_key(o.risk, language) != same]
    step = by_id.get(risk.step) if risk.step else None
    if _offers(wrong, [mitigation, *true], language):
        number = step.number if step else None
        return Draft(
            "hazard",
            src.labels.format("quiz_risk", risk=name),
            mitigation,
            wrong,
            explanation,
            number,
            rank=_SEVERITY_RANK[risk.severity],
            true=true,
        )
    if step is None:
        return None
    carriers = [
        by_id[o.step] for o in risks if same_key(o.risk, language) == same and o.step in by_id
    ]
    return Draft(
        "hazard",
        src.labels.format("quiz_risk_where", risk=name),
        src.step_option(step),
        [
            src.step_option(n)
            for n in src.numbered
            if n.depth == step.depth and not any(_related(n, c) for c in carriers)
        ],
        explanation,
        step.number,
        rank=_SEVERITY_RANK[risk.severity],
    )


def _offers(wrong: list[str], true: list[str], language: str) -> bool:
    """Return True when some wrong answer differs from every right one."""
    right = {same_key(text, language) for text in true}
    return any(same_key(text, language) not in right for text in wrong)


def _hazard(
    src: _Source,
    step: NumberedStep,
    note: Note,
    notes: list[tuple[NumberedStep, Note]],
) -> Draft:
    """Return which warning applies to a step; or, when the procedure has no other warning to
    offer, at which step this one applies."""
    language = src.language
    text = _markdown(note.text, language)
    explanation = src.labels.format(
        "quiz_hazard_answer",
        signal=signal_word(note.level, src.labels),
        step=step.number,
        text=text,
    )
    elsewhere = [(n, o) for n, o in notes if not _related(step, n)]
    wrong = [_markdown(o.text, language) for _, o in elsewhere if o.level in HAZARDS]
    spare = [_markdown(o.text, language) for _, o in elsewhere if o.level not in HAZARDS]
    here = [_markdown(o.text, language) for n, o in notes if _related(step, n)]
    here += [_markdown(o.text, language) for o in src.procedure.notes]
    if _offers(wrong + spare, [text, *here], language):
        return Draft(
            "hazard",
            src.labels.format("quiz_hazard", step=step.number, title=src.title(step)),
            text,
            wrong,
            explanation,
            step.number,
            spare=spare,
            rank=note.level.rank,
            true=here,
        )
    key = same_key(text, language)
    carriers = [n for n, o in notes if same_key(o.text, language) == key]
    return Draft(
        "hazard",
        src.labels.format("quiz_hazard_where", text=_quoted(text)),
        src.step_option(step),
        [
            src.step_option(n)
            for n in src.numbered
            if n.depth == step.depth and not any(_related(n, c) for c in carriers)
        ],
        explanation,
        step.number,
        rank=note.level.rank,
    )


def _decisions(src: _Source) -> Iterator[Draft]:
    steps, language = src.procedure.steps, src.language

    def option(index: int) -> str:
        title = plain(steps[index].title, language)
        return src.labels.format("quiz_decision_option", step=index + 1, title=title)

    for index, branches in enumerate(src.procedure.transitions()):
        step = steps[index]
        if not step.decision:
            continue
        said = Counter(same_key(label or "", language) for _, label in branches)
        title = _quoted(plain(step.title, language))
        form = "quiz_decision" if title.endswith("?") else "quiz_decision_case"
        for target, label in branches:
            if label is None or said[same_key(label, language)] > 1:
                continue  # the same answer leads to two places: no one right answer
            answer = _quoted(plain(label, language))
            yield Draft(
                "decision",
                src.labels.format(form, step=index + 1, title=title, answer=answer),
                option(target),
                [option(other) for other, _ in branches if other != target],
                src.labels.format(
                    "quiz_decision_answer",
                    answer=answer,
                    target=target + 1,
                    title=_quoted(plain(steps[target].title, language)),
                ),
                str(index + 1),
                spare=[option(other) for other in range(len(steps)) if other not in (index,)],
            )


def _fixes(src: _Source) -> Iterator[Draft]:
    entries = src.procedure.troubleshooting
    for entry in entries:
        problem = same_key(entry.problem, src.language)
        solution = plain(entry.solution, src.language)
        cause = plain(entry.cause, src.language) if entry.cause else None
        yield Draft(
            "fix",
            src.labels.format("quiz_fix", problem=_quoted(plain(entry.problem, src.language))),
            solution,
            [
                plain(other.solution, src.language)
                for other in entries
                if same_key(other.problem, src.language) != problem
            ],
            src.labels.format("quiz_fix_cause", cause=cause)
            if cause
            else src.labels.format("quiz_fix_answer", solution=solution),
            true=[
                plain(other.solution, src.language)
                for other in entries
                if same_key(other.problem, src.language) == problem
            ],
        )


def _orders(src: _Source) -> Iterator[Draft]:
    steps, language = src.procedure.steps, src.language
    if len(steps) <= 3:
        return  # the order of two or three steps teaches nothing
    transitions = src.procedure.transitions()
    titles = [plain(step.title, language) for step in steps]
    for index in range(len(steps)):
        target = fixed_successor(src.procedure, index, transitions)
        if target is None:
            continue
        yield Draft(
            "order",
            src.labels.format("quiz_next", step=index + 1, title=_quoted(titles[index])),
            titles[target],
            [title for other, title in enumerate(titles) if other not in (index, target)],
            src.labels.format("quiz_next_answer", step=target + 1, title=titles[target]),
            str(index + 1),
        )


def _whos(src: _Source) -> Iterator[Draft]:
    roles = {role.id: plain(role.name, src.language) for role in src.procedure.roles}
    if len(roles) < 2:
        return
    leads = Counter(step.lead_role for step in src.procedure.steps)
    usual = max(leads.values())
    for index, step in enumerate(src.procedure.steps):
        lead = step.lead_role
        if len(step.role_ids) != 1 or lead not in roles or leads[lead] >= usual:
            continue  # done by several, or by whoever does most steps: nothing to learn
        yield Draft(
            "who",
            src.labels.format(
                "quiz_who", step=index + 1, title=_quoted(plain(step.title, src.language))
            ),
            roles[lead],
            [name for rid, name in roles.items() if rid != lead],
            src.labels.format("quiz_who_answer", step=index + 1, role=roles[lead]),
            str(index + 1),
        )


def drafts(procedure: Procedure, labels: Labels) -> Iterator[Draft]:
    """Yield every question a procedure can give, kind by kind."""
    src = _Source(procedure, labels, procedure.language, number_steps(procedure))
    for kind in (_hazards, _checks, _decisions, _fixes, _orders, _whos):
        yield from kind(src)
