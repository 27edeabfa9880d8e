"""How a document points at its steps: the reference a reader sees (2.a.i, or 2.1.1 in an
outline) and where each top-level step leads when it is not simply the next one."""

from __future__ import annotations

from dataclasses import dataclass

from sopmodel.model import Layout, Procedure
from sopmodel.views.flow import flow_graph
from sopmodel.views.numbering import NumberedStep

__all__ = ["Way", "step_references", "step_ways"]


def step_references(items: list[NumberedStep], layout: Layout) -> list[str]:
    """Return how the document refers to each numbered step (in reading order): 2.1.3 in
    an outline, else the labels of the step and its parents joined, 2.a.i."""
    found: list[str] = []
    path: list[str] = []
    for item in items:
        path[item.depth :] = [item.label]
        found.append(item.number if layout is Layout.hierarchical else ".".join(path))
    return found


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
