"""Which steps go on which page: consecutive runs of steps, as many as a page holds."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["pack"]


def pack(weights: Sequence[int], capacity: float, most: int, head: int = 0) -> list[range]:
    """Return the steps in consecutive runs of at most `most` steps whose weights (the
    first run's plus `head`) stay within capacity; a step heavier than it is a run alone."""
    runs, start, load = [], 0, float(head)
    for index, weight in enumerate(weights):
        if index > start and (load + weight > capacity or index - start >= most):
            runs.append(range(start, index))
            start, load = index, 0.0
        load += weight
    return [*runs, range(start, len(weights))] if weights else []
