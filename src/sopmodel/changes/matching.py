"""Match the steps of two versions: by id, then by identical content, words, then similar titles.

Every pass is a dictionary look-up, except the last: a step left unmatched is compared with
at most `CANDIDATES` unmatched steps of the other version that sit between the same matched
neighbours, so matching stays linear in the number of steps.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence

from sopmodel.changes.fingerprints import FlatStep
from sopmodel.changes.words import similarity, text_words

__all__ = ["CANDIDATES", "SIMILAR_TITLE", "match_steps"]

CANDIDATES = 8
"""How many unmatched steps of the other version a step is compared with, at most."""
SIMILAR_TITLE = 0.6
"""How alike two titles must be (0 to 1, words compared) for two steps to be the same step."""


def _by_key(
    old: Sequence[FlatStep],
    new: Sequence[FlatStep],
    matched: dict[int, int],
    old_key: Callable[[FlatStep], Hashable | None],
    new_key: Callable[[FlatStep], Hashable | None],
) -> None:
    taken = set(matched.values())
    waiting: dict[Hashable, list[int]] = defaultdict(list)
    for flat in new:
        if flat.index not in taken and (value := new_key(flat)) is not None:
            waiting[value].append(flat.index)
    for queue in waiting.values():
        queue.reverse()  # pop() then takes them in reading order
    for flat in old:
        if flat.index in matched or (value := old_key(flat)) is None:
            continue
        found = waiting.get(value)
        if found:
            matched[flat.index] = found.pop()


def _gaps(count: int, matched_positions: set[int]) -> list[int]:
    """Return, for each position, the last matched position at or before it (-1: none)."""
    gaps, last = [], -1
    for position in range(count):
        if position in matched_positions:
            last = position
        gaps.append(last)
    return gaps


def _by_similar_title(
    old: Sequence[FlatStep], new: Sequence[FlatStep], matched: dict[int, int]
) -> None:
    taken = set(matched.values())
    new_gaps = _gaps(len(new), taken)
    old_gaps = _gaps(len(old), set(matched))
    waiting: dict[int, list[int]] = defaultdict(list)
    for flat in new:
        if flat.index not in taken:
            waiting[new_gaps[flat.index]].append(flat.index)
    for flat in old:
        if flat.index in matched:
            continue
        anchor = old_gaps[flat.index]
        gap = matched[anchor] if anchor >= 0 else -1
        candidates = waiting.get(gap, [])
        title = text_words(flat.step.title)
        best, best_score = None, SIMILAR_TITLE
        for index in candidates[:CANDIDATES]:
            score = similarity(title, text_words(new[index].step.title))
            if score >= best_score:
                best, best_score = index, score
        if best is not None:
            matched[flat.index] = best
            candidates.remove(best)


def match_steps(
    old: Sequence[FlatStep],
    new: Sequence[FlatStep],
    signatures: tuple[Sequence[str], Sequence[str]],
) -> dict[int, int]:
    """Return old reading-order position -> new position for the steps that are the same step.

    signatures are the fingerprints of old and new steps, by position.
    """
    matched: dict[int, int] = {}
    old_digests, new_digests = signatures

    def step_id(flat: FlatStep) -> str | None:
        # an id given to two steps (REF005) identifies neither: they are matched by content
        return flat.step.id if flat.key == flat.step.id else None

    def title(flat: FlatStep) -> Hashable:
        return text_words(flat.step.title)

    _by_key(old, new, matched, step_id, step_id)
    _by_key(old, new, matched, lambda f: old_digests[f.index], lambda f: new_digests[f.index])
    _by_key(old, new, matched, title, title)
    _by_similar_title(old, new, matched)
    return matched
