"""How a document points at its steps: the reference a reader sees (2.a.i, or 2.1.1 in an
outline) and where each top-level step leads when it is not simply the next one, in words.

Word, the Markdown file, the quizzes and the refresher name a step from elsewhere (a table
row, a question, a branch) by `step_reference`, and say where a step leads by `way_text`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sopmodel.i18n import Labels
from sopmodel.markup import plain
from sopmodel.model import Layout, Procedure
from sopmodel.views.flow import flow_graph
from sopmodel.views.numbering import NumberedStep, outline_label

__all__ = ["Way", "step_reference", "step_references", "step_ways", "way_text"]

_ONE_LINE = re.compile(r"[^\S\u00a0\u202f]+")
"""A run of white space that is not a no-break space (those are typography: kept)."""


def step_reference(number: str, layout: Layout) -> str:
    """Return how the document refers to the step numbered `number` (2.1.3): 2.1.3 in an
    outline, else the labels of the step and its parents joined, 2.a.iii."""
    if layout is Layout.hierarchical:
        return number
    parts = number.split(".")
    return ".".join(
        outline_label(".".join(parts[:end]), layout) for end in range(1, len(parts) + 1)
    )


def step_references(items: list[NumberedStep], layout: Layout) -> list[str]:
    """Return how the document refers to each numbered step, in reading order."""
    return [step_reference(item.number, layout) for item in items]


@dataclass(frozen=True, slots=True)
class Way:
    """Where a step leads: a branch of a decision, a jump, or the end of the procedure."""

    when: str | None
    """The branch's answer as the source writes it (yes, amount > 5,000 EUR), else None."""
    step: str | None
    """The number of the step it leads to (4), or None: the procedure ends there."""


def step_ways(procedure: Procedure) -> list[list[Way]]:
    """Return, for each top-level step, where it leads when that is not simply the next
    step: each branch of a decision, a jump (`next`), or an end before the last step."""
    graph = flow_graph(procedure)
    found = []
    for node in graph.nodes:
        ways = []
        for edge in graph.outgoing(node.index):
            target = graph.nodes[edge.target].number
            if edge.label is not None:
                ways.append(Way(edge.label, target))
            elif edge.target != node.index + 1:
                ways.append(Way(None, target))
        if node.is_end and node.index != len(graph.nodes) - 1:
            ways.append(Way(None, None))
        found.append(ways)
    return found


def way_text(way: Way, labels: Labels) -> str:
    """Return where a step leads as plain text, on one line: 'If yes, go to step 4', 'Then
    go to step 6', or 'End of the procedure'."""
    if way.step is None:
        return labels["end_of_procedure"]
    if way.when is None:
        return labels.format("then_go", step=way.step)
    when = _ONE_LINE.sub(" ", plain(way.when, labels.language)).strip()
    return labels.format("if_then", when=when, step=way.step)
