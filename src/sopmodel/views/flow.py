"""The flow graph of a procedure: its steps, the ways between them, and role handoffs."""

from __future__ import annotations

from dataclasses import dataclass

from sopmodel.model import Procedure, Step

__all__ = ["FlowEdge", "FlowGraph", "FlowNode", "flow_graph"]


@dataclass(frozen=True, slots=True)
class FlowNode:
    """A top-level step in the flow."""

    key: str
    """A name unique in the graph: s0, s1, ... by position."""
    index: int
    """The step's position among the top-level steps."""
    number: str
    """The number readers see (1, 2, 3)."""
    step: Step
    """The step itself."""
    role: str | None
    """The id of the role that leads it (its lane)."""
    roles: tuple[str, ...]
    """The ids of every role that does it, the lead first."""
    is_decision: bool
    """True when the step branches."""
    is_end: bool
    """True when the procedure can end after this step."""


@dataclass(frozen=True, slots=True)
class FlowEdge:
    """A way from one step to the next."""

    source: int
    """The index of the step it leaves."""
    target: int
    """The index of the step it reaches."""
    label: str | None
    """The branch label (yes, no) for a decision, else None."""
    handoff: bool
    """True when the work passes from one role to another."""


@dataclass(frozen=True)
class FlowGraph:
    """Steps, edges, where the flow starts and where it can end."""

    nodes: list[FlowNode]
    edges: list[FlowEdge]
    start: int
    """The index of the first step."""
    roles: list[str | None]
    """The lanes in order: declared roles that have steps, then None for steps with no role."""

    def outgoing(self, index: int) -> list[FlowEdge]:
        """Return the edges that leave a step, in branch order."""
        return [edge for edge in self.edges if edge.source == index]

    @property
    def handoffs(self) -> list[FlowEdge]:
        """Return the edges where the work changes hands."""
        return [edge for edge in self.edges if edge.handoff]


def flow_graph(procedure: Procedure) -> FlowGraph:
    """Return the flow graph of a procedure's top-level steps."""
    transitions = procedure.transitions()
    nodes = [
        FlowNode(
            f"s{i}",
            i,
            str(i + 1),
            step,
            step.lead_role,
            step.role_ids,
            bool(step.decision),
            not transitions[i],
        )
        for i, step in enumerate(procedure.steps)
    ]
    edges = []
    for source, targets in enumerate(transitions):
        for target, label in targets:
            a, b = nodes[source].role, nodes[target].role
            edges.append(
                FlowEdge(source, target, label, a is not None and b is not None and a != b)
            )
    used = {node.role for node in nodes}
    lanes: list[str | None] = [role.id for role in procedure.roles if role.id in used]
    lanes += sorted(r for r in used if r is not None and r not in lanes)
    if None in used:
        lanes.append(None)
    return FlowGraph(nodes, edges, 0, lanes)
