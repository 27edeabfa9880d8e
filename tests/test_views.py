"""Derived views: step numbers, the flow graph and role handoffs; labels and dates."""

from __future__ import annotations

import datetime as dt

import pytest

from sopmodel.i18n import LANGUAGES, format_date, labels
from sopmodel.source import load, load_bytes
from sopmodel.views import flow_graph, number_steps
from tests.conftest import EXAMPLES


def test_numbering_is_hierarchical() -> None:
    numbered = number_steps(load(EXAMPLES / "sales-opportunity.yaml"))
    assert [(n.number, n.depth) for n in numbered[:7]] == [
        ("1", 0),
        ("1.1", 1),
        ("1.2", 1),
        ("2", 0),
        ("2.1", 1),
        ("2.2", 1),
        ("3", 0),
    ]
    assert numbered[1].role == "sdr"  # a sub-step inherits its parent's role
    assert numbered[1].loc == ("steps", 0, "substeps", 0)


def test_flow_graph_follows_decisions_jumps_and_ends() -> None:
    graph = flow_graph(load(EXAMPLES / "sales-opportunity.yaml"))
    edges = {(e.source, e.target, e.label) for e in graph.edges}
    assert (2, 3, "yes") in edges and (2, 8, "no") in edges  # decision branches
    assert (6, 7, None) in edges  # next: negotiate
    assert not graph.outgoing(7) and graph.nodes[7].is_end  # end: true
    assert graph.nodes[2].is_decision
    assert graph.roles == ["sdr", "ae", "sales-lead"]


def test_handoffs_are_edges_between_different_roles() -> None:
    graph = flow_graph(load(EXAMPLES / "sales-opportunity.yaml"))
    assert {(e.source, e.target) for e in graph.handoffs} == {(0, 1), (5, 6), (6, 7)}


def test_steps_without_role_get_their_own_lane() -> None:
    document = load_bytes(
        "sopmodel: 1\nkind: procedure\nid: X\ntitle: t\nroles: [{id: a, name: A}]\n"
        "steps: [{title: one, role: a}, {title: two}]\n"
    )
    assert flow_graph(document).roles == ["a", None]


def test_labels_exist_in_every_language() -> None:
    english = labels("en")
    for language in LANGUAGES:
        words = labels(language)
        assert set(words) == set(english)
        assert all(words[key] for key in english)
    assert labels("fr")["troubleshooting"] == "Dépannage"
    assert labels("fr").format("page_of", page=1, pages=3) == "page 1 sur 3"
    with pytest.raises(ValueError):
        labels("de")


def test_dates_are_written_the_local_way() -> None:
    day = dt.date(2026, 11, 24)
    assert format_date(day, "fr") == "24 novembre 2026"
    assert format_date(day, "en") == "24 November 2026"
