"""The quiz teaches: checks, hazards, decisions, fixes, order only where it holds on every path."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sopmodel.i18n import labels
from sopmodel.i18n.typography import NBSP
from sopmodel.model import Procedure
from sopmodel.source import load
from sopmodel.views import HAZARDS, Question, lines, number_steps, plain, quiz, rich
from tests.conftest import EXAMPLES

ALL = 50  # more than any procedure here can give


def procedure(language: str = "en", **fields: Any) -> Procedure:
    """Return a procedure of the fields given, with an id and a title."""
    return Procedure.model_validate({"id": "T-1", "title": "Test", "language": language, **fields})


def asked(document: Procedure, most: int = ALL) -> list[Question]:
    return quiz(document, labels(document.language), most)


def of_kind(questions: list[Question], kind: str) -> dict[str, Question]:
    """Return the questions of one kind by their text (non-breaking spaces as spaces)."""
    return {q.text.replace(NBSP, " "): q for q in questions if q.kind == kind}


def right(question: Question) -> str:
    return question.options[question.answer].replace(NBSP, " ")


def wrong(question: Question) -> set[str]:
    return {o.replace(NBSP, " ") for i, o in enumerate(question.options) if i != question.answer}


BAKERY_EN: dict[str, Any] = {
    "roles": [{"id": "op", "name": "Operator"}, {"id": "lead", "name": "Lead"}],
    "steps": [
        {
            "id": "weigh",
            "title": "Weigh the powder",
            "role": "op",
            "check": "The scale reads zero.",
            "warning": "Wear a mask.",
            "substeps": [{"title": "Tare the scale", "check": "The display shows 0.0 g."}],
        },
        {
            "id": "complete",
            "title": "Is the batch complete?",
            "role": "op",
            "decision": [{"when": "yes", "goto": "seal"}, {"when": "no", "goto": "call"}],
        },
        {
            "id": "seal",
            "title": "Seal the bag",
            "role": "op",
            "check": "The seal is tight.",
            "notes": [{"level": "danger", "text": "The sealer is **hot**."}],
            "end": True,
        },
        {"id": "call", "title": "Call the lead", "role": "lead", "end": True},
    ],
    "troubleshooting": [
        {"problem": "The scale drifts.", "cause": "A draught.", "solution": "Close the hood."},
        {"problem": "The bag tears", "solution": "Use a new bag."},
    ],
    "risks": [
        {"risk": "Dust inhaled", "severity": "high", "mitigation": "Wear an FFP2 mask."},
        {"risk": "Burned fingers", "severity": "medium", "mitigation": "Hold the handle."},
    ],
}

BAKERY_FR: dict[str, Any] = {
    "roles": [{"id": "op", "name": "Opérateur"}, {"id": "lead", "name": "Responsable"}],
    "steps": [
        {
            "id": "peser",
            "title": "Peser la poudre",
            "role": "op",
            "check": "La balance affiche zéro.",
            "warning": "Portez un masque.",
        },
        {
            "id": "complet",
            "title": "Le lot est-il complet ?",
            "role": "op",
            "decision": [{"when": "oui", "goto": "sceller"}, {"when": "non", "goto": "appeler"}],
        },
        {
            "id": "sceller",
            "title": "Sceller le sac",
            "role": "op",
            "check": "La soudure est étanche.",
            "notes": [{"level": "danger", "text": "La soudeuse est **brûlante**."}],
            "end": True,
        },
        {"id": "appeler", "title": "Appeler le responsable", "role": "lead", "end": True},
    ],
    "troubleshooting": [
        {"problem": "La balance dérive.", "cause": "Un courant d’air.", "solution": "Fermez."},
        {"problem": "Le sac se déchire", "solution": "Prenez un sac neuf."},
    ],
    "risks": [
        {"risk": "Inhaler la poussière", "severity": "high", "mitigation": "Portez un FFP2."},
        {"risk": "Se brûler", "severity": "medium", "mitigation": "Tenez la poignée."},
    ],
}


def test_check_questions_in_english() -> None:
    checks = of_kind(asked(procedure(**BAKERY_EN)), "check")
    top = checks["Before you go on from step 1, “Weigh the powder”, what must be true?"]
    assert right(top) == "The scale reads zero."
    # the check of its own sub-step is also true before going on: never a wrong option;
    # other checks first, then problems (what must not be true) when checks run out
    assert wrong(top) == {"The seal is tight.", "The scale drifts.", "The bag tears"}
    sub = checks["Before you go on from step 1.a, “Tare the scale”, what must be true?"]
    assert right(sub) == "The display shows 0.0 g." and "The seal is tight." in wrong(sub)
    assert "The scale reads zero." not in wrong(sub)
    assert sub.step == "1.1" and sub.kind == "check"
    assert top.explanation == "Check before going on from step 1: The scale reads zero."


@pytest.mark.parametrize(
    ("layout", "named"), [("steps", "1.a.i"), ("flowchart", "1.a.i"), ("hierarchical", "1.1.1")]
)
def test_a_sub_step_is_named_as_the_document_refers_to_it(layout: str, named: str) -> None:
    """Word and the handbook print a sub-step's label under its step (a, then i) and refer
    to it from elsewhere as 1.a.i (1.1.1 in an outline): the quiz names it the same way in
    its questions, options and answers, and keeps the outline number as its key."""
    deep = {"title": "Read the display", "check": "It shows 0.0 g."}
    steps = [
        {"id": "w", "title": "Weigh", "substeps": [{"title": "Tare", "substeps": [deep]}]},
        {"id": "s", "title": "Seal", "check": "It is tight."},
    ]
    for language, said in (("en", "step {} “Read"), ("fr", "l’étape {} « Read")):
        questions = asked(procedure(language, layout=layout, steps=steps))
        check = next(q for q in questions if q.step == "1.1.1")  # the handbook's link key
        assert said.format(named) in check.text.replace(NBSP, " ").replace(", ", " ")
        assert f" {named}" in check.explanation.replace(NBSP, " ")
        shown = " ".join(" ".join([q.text, *q.options, q.explanation]) for q in questions)
        assert (layout == "hierarchical") == ("1.1" in shown), shown


def test_hazard_questions_show_notes_without_markdown() -> None:
    hazards = of_kind(asked(procedure(**BAKERY_EN)), "hazard")
    seal = hazards["Which warning applies to step 3, “Seal the bag”?"]
    assert right(seal) == "The sealer is hot."
    assert "Wear a mask." in wrong(seal)
    assert seal.explanation == "⚠ DANGER, step 3: The sealer is hot."
    dust = hazards["How do you avoid the risk “Dust inhaled”?"]
    assert right(dust) == "Wear an FFP2 mask." and "Hold the handle." in wrong(dust)
    assert "Wear a mask." not in wrong(dust)  # a warning may protect too: never offered
    # the most serious first: the danger note and the high risk before the rest
    kinds = [q.text for q in asked(procedure(**BAKERY_EN)) if q.kind == "hazard"]
    assert kinds[0].startswith("Which warning applies to step 3")


def test_a_lone_warning_asks_where_it_applies() -> None:
    document = procedure(
        notes=[{"level": "info", "text": "Everywhere."}],
        steps=[
            {"id": "a", "title": "Open the valve", "warning": "The pipe is *hot*."},
            {
                "id": "b",
                "title": "Fill the tank",
                "substeps": [{"title": "Watch the gauge", "warning": "The pipe is hot."}],
            },
            {"id": "c", "title": "Close the valve"},
        ],
    )
    hazards = of_kind(asked(document), "hazard")
    where = hazards["At which step does this warning apply: “The pipe is hot”?"]
    # the same warning is on step 2.a, so neither step 2 nor 2.a is a wrong option
    assert wrong(where) == {"Step 3: Close the valve"}
    assert right(where) in {"Step 1: Open the valve", "Step 2.a: Watch the gauge"}
    assert len(hazards) == 1  # the same right answer is not given twice


def test_decision_questions_name_the_branch_target() -> None:
    decisions = of_kind(asked(procedure(**BAKERY_EN)), "decision")
    yes = decisions["At step 2, “Is the batch complete?”, what do you do if the answer is “yes”?"]
    assert right(yes) == "Go to step 3: Seal the bag"
    assert "Go to step 4: Call the lead" in wrong(yes)
    assert yes.explanation == "If “yes”: go to step 3, “Seal the bag”"
    no = decisions["At step 2, “Is the batch complete?”, what do you do if the answer is “no”?"]
    assert right(no) == "Go to step 4: Call the lead"
    assert "Go to step 3: Seal the bag" in wrong(no)


def test_a_decision_that_is_not_a_question_asks_for_the_case() -> None:
    document = procedure(
        steps=[
            {
                "id": "amount",
                "title": "Check the amount",
                "decision": [
                    {"when": "Above 5,000 EUR.", "goto": "approve"},
                    {"when": "Below", "goto": "pay"},
                ],
            },
            {"id": "approve", "title": "Get it approved"},
            {"id": "pay", "title": "Pay"},
        ]
    )
    decisions = of_kind(asked(document), "decision")
    case = decisions["At step 1, “Check the amount”, what do you do if “Above 5,000 EUR”?"]
    assert right(case) == "Go to step 2: Get it approved"


def test_fix_questions_are_grammatical() -> None:
    fixes = of_kind(asked(procedure(**BAKERY_EN)), "fix")
    drift = fixes["What do you do if “The scale drifts”?"]
    assert right(drift) == "Close the hood." and wrong(drift) == {"Use a new bag."}
    assert drift.explanation == "Usual cause: A draught."
    assert right(fixes["What do you do if “The bag tears”?"]) == "Use a new bag."


def test_order_and_who_only_where_they_teach() -> None:
    questions = asked(procedure(**BAKERY_EN))
    order = of_kind(questions, "order")
    # never after a decision, never after a step that ends the procedure
    assert list(order) == ["What comes after step 1, “Weigh the powder”?"]
    first = order["What comes after step 1, “Weigh the powder”?"]
    assert right(first) == "Is the batch complete?"
    assert first.explanation == "Step 2 always comes next: Is the batch complete?"
    # three steps of four are the operator's: only the lead's step is worth asking
    assert list(of_kind(questions, "who")) == ["Who performs step 4, “Call the lead”?"]
    assert right(of_kind(questions, "who")["Who performs step 4, “Call the lead”?"]) == "Lead"


def test_french_questions_are_grammatical() -> None:
    questions = asked(procedure("fr", **BAKERY_FR))
    texts = {q.text for q in questions}
    assert all(NBSP + "?" in text and " ?" not in text for text in texts)
    assert not any("Que vient-il" in t or "quand :" in t for t in texts)
    spaced = {t.replace(NBSP, " ") for t in texts}
    assert {
        "Avant de quitter l’étape 1, « Peser la poudre », que devez-vous vérifier ?",
        "Quelle mise en garde s’applique à l’étape 3, « Sceller le sac » ?",
        "Comment évitez-vous le risque « Inhaler la poussière » ?",
        "À l’étape 2, « Le lot est-il complet ? », que faites-vous si la réponse est « oui » ?",
        "Que faites-vous si « La balance dérive » ?",
        "Quelle étape suit l’étape 1, « Peser la poudre » ?",
        "Qui réalise l’étape 4, « Appeler le responsable » ?",
    } <= spaced
    decision = of_kind(questions, "decision")[
        "À l’étape 2, « Le lot est-il complet ? », que faites-vous si la réponse est « non » ?"
    ]
    assert right(decision) == "Passez à l’étape 4 : Appeler le responsable"
    hazard = of_kind(questions, "hazard")[
        "Quelle mise en garde s’applique à l’étape 3, « Sceller le sac » ?"
    ]
    assert right(hazard) == "La soudeuse est brûlante."
    fix = of_kind(questions, "fix")["Que faites-vous si « La balance dérive » ?"]
    assert fix.explanation.replace(NBSP, " ") == "Cause habituelle : Un courant d’air."


def test_order_is_not_asked_where_a_branch_or_a_condition_changes_it() -> None:
    document = procedure(
        steps=[
            {"id": "a", "title": "Open the form"},
            {"id": "b", "title": "Ask for approval", "when": "The amount is high"},
            {"id": "c", "title": "Fill the form", "next": "e"},
            {"id": "d", "title": "Never reached in order"},
            {"id": "e", "title": "Sign the form"},
            {"id": "f", "title": "File the form"},
        ]
    )
    order = {q.step: right(q) for q in asked(document) if q.kind == "order"}
    # not after a: b is done only in one case; not after b: b itself is conditional;
    # a jump is followed on every path; "Sign the form" is the right answer once only
    assert order.pop("5") == "File the form"
    assert list(order.values()) == ["Sign the form"] and set(order) <= {"3", "4"}


def test_each_right_answer_is_given_once_and_never_a_true_wrong_option() -> None:
    document = procedure(
        steps=[
            {"id": "a", "title": "Mix", "check": "It is smooth."},
            {"id": "b", "title": "Pour", "check": "It is  SMOOTH."},
            {"id": "c", "title": "Bake", "check": "It is golden."},
        ],
        troubleshooting=[
            {"problem": "It burns", "solution": "Lower the heat."},
            {"problem": "it  burns", "solution": "Open the door."},
            {"problem": "It sinks", "solution": "Lower the heat."},
        ],
    )
    questions = asked(document)
    checks = [q for q in questions if q.kind == "check"]
    smooth = [q for q in checks if right(q).casefold().startswith("it is smooth")]
    assert len(smooth) == 1  # the same check twice is one right answer, asked once
    for question in checks:
        assert len([o for o in question.options if "smooth" in o.casefold()]) == 1
    for question in (q for q in questions if q.kind == "fix"):
        if "burns" in question.text:  # the other fix of the same problem is no wrong option
            assert not {"Lower the heat.", "Open the door."} <= set(question.options)
    rights = [" ".join(right(q).casefold().split()) for q in questions]
    assert len(rights) == len(set(rights))


def test_most_is_honoured_and_the_quiz_is_the_same_every_time() -> None:
    document = procedure(**BAKERY_EN)
    assert asked(document, 0) == []
    assert [q.kind for q in asked(document, 3)] == ["hazard", "check", "decision"]
    assert len(asked(document, 6)) == 6
    assert asked(document, 6) == asked(document, 6)


# --- generated procedures with decisions, jumps, ends and conditional steps ------------

TITLES = ["Weigh", "Mix", "Pour", "Seal", "Label", "Ship", "Check the seal?"]
CHECKS = ["It is dry.", "It is *dry*.", "The lid is on.", "The label is straight.", "Zero"]
NOTES = ["Hot **surface**.", "Sharp edge.", "Heavy load.", "Sharp  EDGE."]
LEVELS = ["danger", "warning", "caution", "notice", "info"]
ANSWERS = ["yes", "no", "YES", "maybe", "above 5"]


@st.composite
def substeps(draw: st.DrawFn, depth: int) -> dict[str, Any]:
    step: dict[str, Any] = {"title": draw(st.sampled_from(TITLES))}
    if draw(st.booleans()):
        step["check"] = draw(st.sampled_from(CHECKS))
    if draw(st.booleans()):
        step["warning"] = draw(st.sampled_from(NOTES))
    if draw(st.integers(0, 3)) == 0:
        step["when"] = "In one case"
    if depth < 2:
        step["substeps"] = draw(st.lists(substeps(depth + 1), max_size=2))
    return step


@st.composite
def flows(draw: st.DrawFn) -> Procedure:
    """Return a procedure whose steps branch, jump, end and apply only in some cases."""
    count = draw(st.integers(2, 7))
    ids = [f"s{i}" for i in range(count)]
    roles = ["op", "lead", "qa"][: draw(st.integers(1, 3))]
    steps = []
    for i in range(count):
        step = draw(substeps(2)) | {"id": ids[i], "role": draw(st.sampled_from(roles))}
        step["substeps"] = draw(st.lists(substeps(1), max_size=2))
        step["notes"] = [
            {"level": draw(st.sampled_from(LEVELS)), "text": draw(st.sampled_from(NOTES))}
            for _ in range(draw(st.integers(0, 2)))
        ]
        shape = draw(st.sampled_from(["plain", "plain", "decision", "next", "end"]))
        if shape == "decision":
            targets = st.sampled_from([*ids, "missing"])
            step["decision"] = [
                {"when": draw(st.sampled_from(ANSWERS)), "goto": draw(targets)}
                for _ in range(draw(st.integers(1, 3)))
            ]
        elif shape == "next":
            step["next"] = draw(st.sampled_from(ids))
        elif shape == "end":
            step["end"] = True
        if draw(st.integers(0, 2)) == 0:
            step["when"] = "In one case"
        steps.append(step)
    problems = st.sampled_from(["It leaks", "It  LEAKS", "It jams"])
    solutions = st.sampled_from(["Stop.", "Call QA.", "Restart."])
    return procedure(
        draw(st.sampled_from(["en", "fr"])),
        roles=[{"id": r, "name": r.upper()} for r in roles],
        steps=steps,
        troubleshooting=[
            {"problem": draw(problems), "solution": draw(solutions)}
            for _ in range(draw(st.integers(0, 3)))
        ],
        risks=[
            {"risk": "Burns", "severity": draw(st.sampled_from(["low", "high"])), "mitigation": m}
            for m in draw(st.lists(st.sampled_from(["Gloves.", "Shield.", "gloves."]), max_size=3))
        ],
    )


def paths(document: Procedure, limit: int = 3000) -> Iterator[tuple[list[int], bool]]:
    """Yield the steps done on each path from the first step, and whether the path is whole.

    A conditional step may be skipped: then what follows it, or the next step in the list,
    comes (either). A path that does a step a third time is cut there (not whole). At most
    `limit` paths.
    """
    steps = document.steps
    transitions = document.transitions()

    def arrive(
        index: int, done: list[int], skipped: frozenset[int]
    ) -> Iterator[tuple[list[int], bool]]:
        if done.count(index) >= 2 or index in skipped:
            yield done, False
            return
        yield from walk([*done, index])
        if steps[index].when:
            following = {target for target, _ in transitions[index]}
            following |= {index + 1} if index + 1 < len(steps) else set()
            if not following:
                yield done, True  # the last step skipped: the procedure ends before it
            for target in sorted(following):
                yield from arrive(target, done, skipped | {index})

    def walk(done: list[int]) -> Iterator[tuple[list[int], bool]]:
        targets = [target for target, _ in transitions[done[-1]]]
        if not targets:
            yield done, True
        for target in targets:
            yield from arrive(target, done, frozenset())

    for count, found in enumerate(arrive(0, [], frozenset())):
        if count >= limit:
            return
        yield found


def successors(document: Procedure) -> dict[int, set[int | None]]:
    """Return, for each step done on some path, what comes right after it (None: the end)."""
    found: dict[int, set[int | None]] = {}
    for path, whole in paths(document):
        for position, index in enumerate(path):
            if position + 1 < len(path):
                found.setdefault(index, set()).add(path[position + 1])
            elif whole:
                found.setdefault(index, set()).add(None)
    return found


def related(a: str, b: str) -> bool:
    """Return True when step number a is b, or contains it, or is contained in it."""
    return a == b or a.startswith(b + ".") or b.startswith(a + ".")


def key(text: str) -> str:
    return " ".join(text.casefold().split())


@given(flows(), st.integers(0, 12))
def test_generated_quizzes_teach_only_what_holds_on_every_path(
    document: Procedure, most: int
) -> None:
    questions = quiz(document, labels(document.language), most)
    assert len(questions) <= most
    language = document.language
    after = successors(document)
    titles = [plain(step.title, language) for step in document.steps]
    for question in questions:
        keys = [key(option) for option in question.options]
        assert 2 <= len(keys) <= 4 and len(set(keys)) == len(keys)
        assert 0 <= question.answer < len(keys)
        if question.kind == "order":
            assert question.step is not None
            index = int(question.step) - 1
            following = after.get(index)
            if following is None:
                continue  # a step no path reaches: nothing to compare with
            assert len(following) == 1, (question.text, following)
            [target] = following
            assert target is not None
            assert keys[question.answer] == key(titles[target])
            # no wrong option names a step that follows on any path
            assert all(
                key(titles[t]) != k
                for t in following
                if t is not None
                for i, k in enumerate(keys)
                if i != question.answer
            )
        if question.kind == "decision":
            assert question.step is not None
            step = document.steps[int(question.step) - 1]
            assert step.decision
            said = [b for b in step.decision if key(b.when).rstrip(".") in key(question.text)]
            assert said
        if question.kind in ("check", "hazard") and question.step is not None:
            # what is true of the step itself, its parents or its sub-steps is no wrong option
            line = [n.step for n in number_steps(document) if related(n.number, question.step)]
            true = {key(plain(s.check, language)) for s in line if s.check}
            true |= {
                key(" ".join(lines(rich(o.text, language)))) for s in line for o in s.all_notes()
            }
            assert not {k for i, k in enumerate(keys) if i != question.answer} & true
    answers = [key(q.options[q.answer]) for q in questions]
    assert len(answers) == len(set(answers))
    assert quiz(document, labels(document.language), most) == questions


# --- the examples ----------------------------------------------------------------------


def _procedures() -> list[Path]:
    return sorted(p for p in EXAMPLES.glob("*.yaml") if isinstance(load(p), Procedure))


@pytest.mark.parametrize("path", _procedures(), ids=lambda p: p.stem)
def test_examples_ask_about_checks_hazards_and_decisions(path: Path) -> None:
    document = load(path)
    assert isinstance(document, Procedure)
    questions = quiz(document, labels(document.language), 6)
    assert 0 < len(questions) <= 6
    kinds = {q.kind for q in questions}
    numbered = number_steps(document)
    if any(n.step.check for n in numbered):
        assert "check" in kinds, path.name
    hazards = [n for n in numbered for note in n.step.all_notes() if note.level in HAZARDS]
    if hazards or document.risks:
        assert "hazard" in kinds, path.name
    if any(step.decision for step in document.steps):
        assert "decision" in kinds, path.name
    assert not any("Que vient-il" in q.text or "quand :" in q.text for q in questions)


def _texts(document: Procedure) -> set[str]:
    """Return every text of a procedure a quiz may offer, as it is shown, spaces collapsed."""
    language = document.language
    found = {r.name for r in document.roles}
    for n in number_steps(document):
        found |= {n.step.title, n.step.check or "", n.step.when or ""}
        found |= {" ".join(lines(rich(note.text, language))) for note in n.step.all_notes()}
    for entry in document.troubleshooting:
        found |= {entry.problem, entry.solution}
    found |= {risk.mitigation for risk in document.risks}
    return {" ".join(plain(t, language).replace(NBSP, " ").split()) for t in found if t}


@pytest.mark.parametrize("path", _procedures(), ids=lambda p: p.stem)
def test_example_options_come_from_the_procedure(path: Path) -> None:
    document = load(path)
    assert isinstance(document, Procedure)
    texts = _texts(document)
    for question in quiz(document, labels(document.language), ALL):
        for option in question.options:
            shown = " ".join(option.replace(NBSP, " ").split())
            assert any(shown.endswith(text.removesuffix(".")) or shown == text for text in texts), (
                question.text,
                option,
            )


def test_a_notice_is_asked_about_an_info_note_is_not() -> None:
    document = procedure(
        steps=[
            {"id": "a", "title": "Save", "notes": [{"level": "notice", "text": "Save twice."}]},
            {"id": "b", "title": "Print", "notes": [{"level": "info", "text": "Any printer."}]},
            {"id": "c", "title": "Sign", "warning": "Ink stains."},
        ]
    )
    hazards = of_kind(asked(document), "hazard")
    assert right(hazards["Which warning applies to step 1, “Save”?"]) == "Save twice."
    assert not any("step 2" in text for text in hazards)
    # the info note is a wrong option, never a question
    assert "Any printer." in wrong(hazards["Which warning applies to step 3, “Sign”?"])


QUIZ_OF_MANY_STEPS = """
from sopmodel.i18n import labels
from sopmodel.model import Procedure
from sopmodel.views import quiz

steps = []
for i in range({count}):
    step = {{"id": f"s{{i}}", "title": f"Do task {{i}}", "check": f"Task {{i}} is done.",
            "warning": {warning}, "substeps": [{{"title": f"Part of {{i}}",
            "notes": [{{"level": "danger", "text": f"**Danger** {{i}}."}}]}}]}}
    if i % 10 == 5:
        step["decision"] = [{{"when": "yes", "goto": f"s{{i + 1}}"}},
                            {{"when": "no", "goto": "s0"}}]
    steps.append(step)
document = Procedure.model_validate({{"id": "BIG-1", "title": "Big", "steps": steps}})
print(len(quiz(document, labels("en"), 20)))
"""


@pytest.mark.parametrize("warning", ['f"Hazard {i}."', '"Wear gloves."'])
def test_a_procedure_of_thousands_of_steps_gets_its_quiz_quickly(warning: str) -> None:
    """Wrong answers are gathered only for the questions asked: the quiz of 3,000 steps with
    a check and two warnings each (each its own, or one warning on every step) is written in
    far less than the limit (it took minutes when every question gathered its wrong answers
    from every step)."""
    script = QUIZ_OF_MANY_STEPS.format(count=3000, warning=warning)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "20"
