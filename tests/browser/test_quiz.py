"""The quiz page in Chromium: the deck's questions, marked right and wrong, a score, keyboard."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sopmodel.exporters.site.interactive.quiz_page import QuizQuestion, quiz_questions
from sopmodel.i18n import labels
from sopmodel.model import Procedure
from sopmodel.source.loading import load
from sopmodel.views import quiz
from tests.browser.conftest import Visit, tab_to
from tests.browser.interactive_site import build
from tests.conftest import EXAMPLES


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(sorted(EXAMPLES.glob("*.yaml")), tmp_path_factory.mktemp("site"))


def _questions(name: str) -> list[QuizQuestion]:
    procedure = load(EXAMPLES / name)
    assert isinstance(procedure, Procedure)
    return quiz_questions(procedure, labels(str(procedure.language)))


def _quiz(site: Path, procedure: str) -> Path:
    return site / "procedures" / f"{procedure}.quiz.html"


def test_the_page_asks_the_decks_questions() -> None:
    procedure = load(EXAMPLES / "lab-chemical-spill.yaml")
    assert isinstance(procedure, Procedure)
    deck = quiz(procedure, labels("en"))  # what the PowerPoint exporter asks by default
    shown = _questions("lab-chemical-spill.yaml")
    assert [q.text for q in shown] == [q.text for q in deck]
    assert [[t for _, t in q.options] for q in shown] == [q.options for q in deck]


def _fieldset(page: Any, number: int) -> Any:
    return page.locator(f"#question-{number}")


def test_right_and_wrong_answers_are_marked_with_a_score(visit: Visit, site: Path) -> None:
    questions = _questions("lab-chemical-spill.yaml")
    page = visit.open(_quiz(site, "LAB-003"))
    first, second = questions[0], questions[1]
    wrong = (second.answer + 1) % len(second.options)
    page.locator(f"#q1-{first.answer}").check()
    page.locator(f"#q2-{wrong}").check()
    page.get_by_role("button", name="Check my answers").click()

    right = _fieldset(page, 1)
    assert right.locator(".quiz-mark").inner_text() == "✔ Right"
    assert "is-right" in (right.get_attribute("class") or "")
    assert not right.locator(".quiz-feedback .quiz-right").is_visible()

    missed = _fieldset(page, 2)
    assert missed.locator(".quiz-mark").inner_text() == "✘ Wrong"
    shown = missed.locator(".quiz-feedback .quiz-right").inner_text()
    assert shown == f"The right answer: {second.right}"
    assert missed.locator(".quiz-feedback .quiz-explanation").inner_text() == second.explanation
    if second.step_href:
        link = missed.locator(".quiz-feedback .quiz-source a")
        assert link.get_attribute("href") == second.step_href

    assert _fieldset(page, 3).locator(".quiz-mark").inner_text() == "✘ Not answered"
    score = page.locator("#quiz-score")
    assert score.inner_text() == f"Score: 1 of {len(questions)}"
    assert score.get_attribute("aria-live") == "polite"
    # a colour is not the only sign: the marks are words, and differ in colour too
    colours = {
        _fieldset(page, n).locator(".quiz-mark").evaluate("e => getComputedStyle(e).color")
        for n in (1, 2)
    }
    assert len(colours) == 2


def test_try_again_clears_the_marks(visit: Visit, site: Path) -> None:
    page = visit.open(_quiz(site, "LAB-003"))
    page.locator("#q1-0").check()
    page.get_by_role("button", name="Check my answers").click()
    page.get_by_role("button", name="Try again").click()
    assert not page.locator("#q1-0").is_checked()
    assert not page.locator(".quiz-feedback").first.is_visible()
    assert page.locator("#quiz-score").inner_text() == ""


def test_keyboard_only(visit: Visit, site: Path) -> None:
    questions = _questions("lab-chemical-spill.yaml")
    page = visit.open(_quiz(site, "LAB-003"))
    tab_to(page, "#q1-0")
    page.keyboard.press("Space")  # chooses A
    for _ in range(questions[0].answer):
        page.keyboard.press("ArrowDown")  # arrows move the choice within the question
    assert page.locator(f"#q1-{questions[0].answer}").is_checked()
    tab_to(page, "#quiz-check")
    page.keyboard.press("Enter")
    assert page.locator("#quiz-score").inner_text().startswith("Score: 1 of ")
    assert page.evaluate("document.activeElement.id") == "quiz-score"


def test_without_scripts_each_answer_can_be_shown(browser: Any, site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(_quiz(site, "LAB-003").as_uri())
        assert not page.get_by_role("button", name="Check my answers").is_visible()
        page.locator(".quiz-key summary").first.click()
        right = _questions("lab-chemical-spill.yaml")[0].right
        assert page.locator(".quiz-key .quiz-right").first.inner_text().endswith(right)
    finally:
        context.close()


def test_french_quiz(visit: Visit, site: Path) -> None:
    questions = _questions("achats-fournisseurs.fr.yaml")
    page = visit.open(_quiz(site, "ACH-003"))
    assert page.locator("html").get_attribute("lang") == "fr"
    page.locator(f"#q1-{questions[0].answer}").check()
    page.get_by_role("button", name="Vérifier mes réponses").click()
    assert _fieldset(page, 1).locator(".quiz-mark").inner_text() == "✔ Juste"
    assert page.locator("#quiz-score").inner_text() == f"Score\xa0: 1 sur {len(questions)}"


def test_hostile_text_stays_text(visit: Visit, site: Path) -> None:
    questions = _questions("hostile-text.yaml")
    page = visit.open(_quiz(site, "TEST-HOSTILE"))
    texts = page.locator(".quiz-text").all_inner_texts()
    assert texts == [q.text for q in questions]
    for number, question in enumerate(questions, 1):
        labels_shown = page.locator(f"#question-{number} .quiz-option label").all_inner_texts()
        assert labels_shown == [f"{letter}. {text}" for letter, text in question.options]
    page.get_by_role("button", name="Check my answers").click()
    assert visit.dialogs == []
    assert page.locator("main script, main b").count() == 0
