"""Properties of sopmodel.changes: a document equals itself, fingerprints ignore what no reader
sees, numbers and negations always count, and a comparison reads the same both ways."""

from __future__ import annotations

import random
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sopmodel.changes import (
    StepChangeKind,
    compare,
    document_fingerprint,
    step_fingerprints,
    word_diff,
)
from sopmodel.changes.words import markdown_words, text_words
from sopmodel.model import MODELS, Procedure
from sopmodel.model.schema import json_schema
from tests.strategies import from_schema

RELAXED = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))

WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèàç", min_size=1, max_size=12)
SPACES = st.sampled_from([" ", "  ", "\n", " \n  ", "\t"])


@st.composite
def sentences(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    """Return the words of a sentence and the spaces between them."""
    words = draw(st.lists(WORDS, min_size=1, max_size=12))
    return words, [draw(SPACES) for _ in words[1:]]


def _join(words: list[str], spaces: list[str]) -> str:
    return words[0] + "".join(space + word for space, word in zip(spaces, words[1:], strict=True))


@RELAXED
@given(from_schema(json_schema("procedure")))
def test_a_procedure_compared_with_itself_has_no_change(data: dict[str, Any]) -> None:
    document = Procedure.model_validate(data)
    changes = compare(document, document.model_copy(deep=True))
    assert not changes and not changes.content_changed
    assert changes.to_dict()["steps"] == [] and changes.to_dict()["items"] == []


@RELAXED
@given(from_schema(json_schema("plan")))
def test_a_plan_compared_with_itself_has_no_change(data: dict[str, Any]) -> None:
    document = MODELS["plan"].model_validate(data)
    assert not compare(document, document.model_copy(deep=True))


@RELAXED
@given(from_schema(json_schema("procedure")), st.randoms(use_true_random=False))
def test_steps_shuffled_are_moved_or_renumbered_never_changed(
    data: dict[str, Any], shuffler: random.Random
) -> None:
    document = Procedure.model_validate(data)
    shuffled = document.model_copy(deep=True)
    shuffler.shuffle(shuffled.steps)
    changes = compare(document, shuffled)
    order_only = {StepChangeKind.moved, StepChangeKind.renumbered}
    assert all(set(step.kinds) <= order_only for step in changes.steps), changes.to_dict()
    assert sorted(step_fingerprints(document).values()) == sorted(
        step_fingerprints(shuffled).values()
    ) or any(not step.id for step in document.steps)  # id-less steps are keyed by number


@RELAXED
@given(from_schema(json_schema("procedure")))
def test_a_comparison_reads_the_same_both_ways(data: dict[str, Any]) -> None:
    document = Procedure.model_validate(data)
    fewer = document.model_copy(deep=True)
    if len(fewer.steps) > 1:
        del fewer.steps[0]
    forward, backward = compare(document, fewer), compare(fewer, document)
    removed = sorted(s.key for s in forward.steps if s.kinds == (StepChangeKind.removed,))
    added = sorted(s.key for s in backward.steps if s.kinds == (StepChangeKind.added,))
    assert removed == added
    assert forward.content_changed == backward.content_changed


@given(sentences(), st.data())
def test_words_ignore_whitespace_and_case(sentence: Any, data: st.DataObject) -> None:
    words, spaces = sentence
    respaced = [data.draw(SPACES) for _ in spaces]
    first, second = _join(words, spaces), _join(words, respaced)
    assert text_words(first) == text_words(second)
    assert text_words(first) == text_words(second.upper())
    assert markdown_words(first) == markdown_words(f"**{second}**")


@given(sentences(), st.integers(0, 10_000), st.integers(0, 10_000))
def test_a_number_always_counts(sentence: Any, first: int, second: int) -> None:
    words, spaces = sentence
    text = _join(words, spaces)
    same = text_words(f"{text} {first} mg") == text_words(f"{text} {second} mg")
    assert same == (first == second)


@given(sentences(), st.sampled_from(["not", "never", "no", "ne pas", "jamais", "sans"]))
def test_a_negation_always_counts(sentence: Any, negation: str) -> None:
    words, spaces = sentence
    text = _join(words, spaces)
    assert text_words(f"do {text}") != text_words(f"do {negation} {text}")


@given(st.text(max_size=60), st.text(max_size=60))
def test_a_word_diff_rebuilds_the_new_text(before: str, after: str) -> None:
    pieces = word_diff(before, after)
    assert "".join(text for op, text in pieces if op != "-") == after


@given(from_schema(json_schema("procedure")))
@RELAXED
def test_fingerprints_are_stable_across_copies(data: dict[str, Any]) -> None:
    first, second = Procedure.model_validate(data), Procedure.model_validate(data)
    assert step_fingerprints(first) == step_fingerprints(second)
    assert document_fingerprint(first) == document_fingerprint(second)


@RELAXED
@given(from_schema(json_schema("procedure")), SPACES)
def test_step_fingerprints_ignore_respaced_titles(data: dict[str, Any], space: str) -> None:
    document = Procedure.model_validate(data)
    respaced = document.model_copy(deep=True)
    for step in respaced.steps:
        step.title = space.join(step.title.split(" ")) or step.title
    assert step_fingerprints(document) == step_fingerprints(respaced)
