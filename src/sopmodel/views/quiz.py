"""Quiz questions built from a procedure itself, with wrong answers drawn from it too.

Hazards and checks come first, then decisions, fixes, order and who does a step: the quiz
takes one question of each kind in turn, in that order, until it has enough.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass

from sopmodel.i18n import Labels
from sopmodel.i18n.typography import typeset
from sopmodel.model import Procedure
from sopmodel.views.quiz_kinds import QUIZ_KINDS, Draft, drafts, same_key

__all__ = ["QUIZ_KINDS", "Draft", "Question", "quiz"]


@dataclass(frozen=True)
class Question:
    """A multiple-choice question with exactly one right answer."""

    text: str
    options: list[str]
    answer: int
    """The index of the right option."""
    explanation: str
    """One sentence that says why, for the answer slide and the speaker notes."""
    kind: str
    """hazard, check, decision, fix, order or who."""
    step: str | None = None
    """The outline number of the step the question is about (2, 2.1), if any: a key to
    link it by. Its text names the step as the document refers to it (2.a)."""


def _draw(
    options: list[str], most: int, seen: set[str], language: str, rng: random.Random
) -> list[str]:
    """Return up to `most` options drawn at random whose keys differ from each other and from
    those in seen (adding theirs to it)."""
    found: list[str] = []
    for option in rng.sample(options, len(options)):
        if len(found) >= most:
            break
        key = same_key(option, language)
        if key and key not in seen:
            seen.add(key)
            found.append(option)
    return found


def _question(draft: Draft, language: str, labels: Labels, rng: random.Random) -> Question | None:
    """Return a question with up to three distinct wrong options, or None if there are none."""
    choices = draft.choices()
    seen = {same_key(text, language) for text in (draft.right, *choices.true)}
    picked = _draw(choices.wrong, 3, seen, language, rng)
    picked += _draw(choices.spare, 3 - len(picked), seen, language, rng)
    if not picked:
        return None
    options = [draft.right, *picked]
    rng.shuffle(options)
    return Question(
        typeset(draft.text, labels.language),
        [typeset(option, labels.language) for option in options],
        options.index(draft.right),
        typeset(draft.explanation, labels.language),
        draft.kind,
        draft.step,
    )


def quiz(
    procedure: Procedure,
    labels: Labels,
    most: int = 6,
    keep: Callable[[Draft], bool] | None = None,
) -> list[Question]:
    """Return up to `most` questions about a procedure, each right answer given once: hazards
    and checks first, then decisions, fixes, order (only where it holds on every path) and
    who does a step (only where it is not who does most). The same procedure gives the same
    quiz. `keep` chooses the questions that may be asked (those about a change)."""
    seed = int(hashlib.sha256(procedure.model_dump_json().encode()).hexdigest()[:16], 16)
    rng = random.Random(seed)
    language = str(procedure.language)
    pools: dict[str, list[Draft]] = {kind: [] for kind in QUIZ_KINDS}
    for draft in drafts(procedure, labels):
        if keep is None or keep(draft):
            pools[draft.kind].append(draft)
    for pool in pools.values():
        rng.shuffle(pool)
        pool.sort(key=lambda draft: draft.rank)
    made: list[Question] = []
    given: set[str] = set()  # the keys of the right answers and of the questions asked
    while len(made) < most and any(pools.values()):
        for kind in QUIZ_KINDS:
            pool = pools[kind]
            while pool and len(made) < most:
                draft = pool.pop(0)
                right = same_key(draft.right, language)
                keys = {right, "?" + same_key(draft.text, language)}
                if not right or keys & given:
                    continue
                question = _question(draft, language, labels, rng)
                if question is not None:
                    made.append(question)
                    given |= keys
                    break
    return made
