"""Quiz questions built from a procedure itself, with wrong answers drawn from it too."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from typing import Any

from sopmodel.i18n import Labels
from sopmodel.model import Procedure
from sopmodel.views.flow import FlowGraph, flow_graph

__all__ = ["Question", "quiz"]


@dataclass(frozen=True)
class Question:
    """A multiple-choice question with exactly one right answer."""

    text: str
    options: list[str]
    answer: int
    """The index of the right option."""
    explanation: str
    """One sentence that says why, for the answer slide and the speaker notes."""


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def _question(
    text: str, right: str, wrong: list[str], explanation: str, rng: random.Random
) -> Question | None:
    """Return a question with up to three distinct wrong options, or None if there are none."""
    seen = {_key(right)}
    distinct = []
    for option in wrong:
        if _key(option) not in seen:
            seen.add(_key(option))
            distinct.append(option)
    if not distinct:
        return None
    options = [right, *rng.sample(distinct, min(3, len(distinct)))]
    rng.shuffle(options)
    return Question(text, options, options.index(right), explanation)


def _ask(
    kind: str,
    subject: Any,
    procedure: Procedure,
    graph: FlowGraph,
    roles: dict[str, str],
    labels: Labels,
    rng: random.Random,
) -> Question | None:
    """Return the question of one kind about one subject (a step or a problem)."""
    if kind == "who":
        right = roles[subject.role]
        return _question(
            labels.format("quiz_who", step=subject.number, title=subject.step.title),
            right,
            [name for rid, name in roles.items() if rid != subject.role],
            labels.format("quiz_who_answer", step=subject.number, role=right),
            rng,
        )
    if kind == "fix":
        return _question(
            labels.format("quiz_fix", problem=subject.problem),
            subject.solution,
            [t.solution for t in procedure.troubleshooting if t is not subject],
            labels.format("quiz_fix_answer", solution=subject.solution),
            rng,
        )
    following = graph.nodes[graph.outgoing(subject.index)[0].target]
    return _question(
        labels.format("quiz_next", step=subject.number, title=subject.step.title),
        following.step.title,
        [n.step.title for n in graph.nodes if n.index not in (subject.index, following.index)],
        labels.format("quiz_next_answer", step=following.number, title=following.step.title),
        rng,
    )


def quiz(procedure: Procedure, labels: Labels, most: int = 6) -> list[Question]:
    """Return up to `most` questions about a procedure: who does a step, what to do when a
    problem occurs, what comes after a step. The same procedure gives the same quiz."""
    seed = int(hashlib.sha256(procedure.model_dump_json().encode()).hexdigest()[:16], 16)
    rng = random.Random(seed)
    roles = {role.id: role.name for role in procedure.roles}
    graph = flow_graph(procedure)
    groups: dict[str, list[object]] = {"who": [], "fix": [], "next": []}
    for node in graph.nodes:
        if node.role in roles and len(roles) > 1:
            groups["who"].append(node)
        outgoing = graph.outgoing(node.index)
        if len(outgoing) == 1 and outgoing[0].label is None and len(graph.nodes) > 3:
            groups["next"].append(node)
    groups["fix"] = list(procedure.troubleshooting)
    for members in groups.values():
        rng.shuffle(members)
    made: list[Question] = []
    while len(made) < most and any(groups.values()):
        for kind, members in groups.items():
            if not members or len(made) >= most:
                continue
            question = _ask(kind, members.pop(), procedure, graph, roles, labels, rng)
            if question is not None:
                made.append(question)
    return made
