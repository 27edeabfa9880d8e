"""Derived views: step numbers, the flow graph, role handoffs, KPI status; labels and dates."""

from __future__ import annotations

import datetime as dt
import json
import math

import pytest

from sopmodel.i18n import LANGUAGES, format_date, labels
from sopmodel.model import Measurement, Plan
from sopmodel.source import load, load_bytes
from sopmodel.views import flow_graph, number_steps
from sopmodel.views.kpi_status import merge_measurements, plan_status, week_of, weekly_values
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


def _plan_with(measurements: str) -> Plan:
    plan = load_bytes(
        "sopmodel: 1\nkind: plan\nid: PLAN-T\ntitle: T\nstart: 2027-01-04\n"
        "kpis:\n  - {id: otd, name: On time, direction: increase, baseline: 80, target: 95}\n"
        f"measurements:\n{measurements}"
    )
    assert isinstance(plan, Plan)
    return plan


def test_measurements_by_date_count_in_their_iso_week() -> None:
    plan = _plan_with("  - {kpi: otd, period: 2027-W02, value: 81}\n"
                      "  - {kpi: otd, period: 2027-01-20, value: 84}\n")  # fmt: skip
    [status] = plan_status(plan)
    assert status.latest == 84 and status.period == "2027-W03"
    assert status.values == (("2027-W02", 81.0), ("2027-W03", 84.0))
    assert status.trend == "improving"


def test_in_one_week_the_latest_counts_and_the_week_itself_closes_it() -> None:
    plan = _plan_with("  - {kpi: otd, period: 2027-W03, value: 83}\n"
                      "  - {kpi: otd, period: 2027-01-24, value: 90}\n"
                      "  - {kpi: otd, period: 2027-01-19, value: 70}\n"
                      "  - {kpi: otd, period: 2027-01-22, value: 85}\n")  # fmt: skip
    assert weekly_values(plan.measurements, "otd")["2027-W03"].value == 83
    dated = [m for m in plan.measurements if m.period != "2027-W03"]
    assert weekly_values(dated, "otd")["2027-W03"].value == 90  # 24 January, a Sunday


def test_impossible_periods_and_non_finite_values_are_not_counted() -> None:
    plan = _plan_with("  - {kpi: otd, period: 2027-W02, value: 81}\n")
    odd = [
        Measurement.model_construct(kpi="otd", period="2027-02-30", value=99.0),
        Measurement.model_construct(kpi="otd", period="2027-W53", value=99.0),
        Measurement.model_construct(kpi="otd", period="2027-W03", value=math.inf),
        Measurement.model_construct(kpi="otd", period="2027-W04", value=math.nan),
    ]
    [status] = plan_status(plan, [*plan.measurements, *odd])
    assert status.values == (("2027-W02", 81.0),)
    assert week_of("2026-W53") == "2026-W53" and week_of("2027-W53") is None
    assert week_of("2027-02-30") is None and week_of("2027-01-03") == "2026-W53"


def test_a_status_too_large_to_compute_is_still_json() -> None:
    plan = load_bytes(
        "sopmodel: 1\nkind: plan\nid: PLAN-T\ntitle: T\nstart: 2027-01-04\n"
        "kpis:\n  - {id: otd, name: On time, direction: increase,"
        " baseline: -1e15, target: 1e15}\n"
        "measurements:\n  - {kpi: otd, period: 2027-W02, value: 1e15}\n"
    )
    assert isinstance(plan, Plan)
    built = plan.model_copy(  # a plan built in memory without validation
        update={"kpis": [plan.kpis[0].model_construct(**{**dict(plan.kpis[0]), "target": 1.7e308,
                                                         "baseline": -1.7e308})]}
    )  # fmt: skip
    for document in (plan, built):
        text = json.dumps([s.to_dict() for s in plan_status(document)], allow_nan=False)
        assert "Infinity" not in text and "NaN" not in text


def test_merging_changes_only_what_differs_from_what_counts() -> None:
    plan = _plan_with("  - {kpi: otd, period: 2027-W02, value: 81, note: holidays}\n"
                      "  - {kpi: otd, period: 2027-01-20, value: 84}\n")  # fmt: skip
    merge = merge_measurements(
        plan,
        [
            Measurement(kpi="otd", period="2027-W02", value=82),  # changed, keeps its note
            Measurement(kpi="otd", period="2027-W03", value=84),  # the date's value: no change
            Measurement(kpi="otd", period="2027-W04", value=86),  # new
        ],
    )
    assert merge.changes == [
        Measurement(kpi="otd", period="2027-W02", value=82, note="holidays"),
        Measurement(kpi="otd", period="2027-W04", value=86),
    ]
    assert len(merge.measurements) == 3
    again = merge_measurements(plan, [Measurement(kpi="otd", period="2027-W03", value=85)])
    assert again.changes == [Measurement(kpi="otd", period="2027-W03", value=85)]
    [status] = plan_status(plan, again.measurements)
    assert status.latest == 85  # the week's own value now counts
    with pytest.raises(ValueError, match="not a finite number"):
        merge_measurements(
            plan, [Measurement.model_construct(kpi="otd", period="2027-W04", value=math.inf)]
        )
