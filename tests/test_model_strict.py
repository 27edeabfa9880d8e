"""The model refuses what the format does not allow: lax coercions, impossible dates and
periods, values no computation can handle; it checks values set in code as well."""

from __future__ import annotations

import datetime as dt
import pickle
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from sopmodel.model import Plan, Procedure
from sopmodel.model.common import add_interval
from sopmodel.source import LoadError, load, load_bytes, origin_of
from tests.conftest import EXAMPLES

PROCEDURE = """\
sopmodel: 1
kind: procedure
id: DEMO-001
title: Answer a call
steps:
  - title: Take the call
"""
PLAN = """\
sopmodel: 1
kind: plan
id: P-1
title: Plan
start: 2027-01-04
kpis:
  - {id: otd, name: On-time delivery}
measurements:
"""


def _refused(text: str) -> tuple[str, int | None, int | None, tuple[Any, ...], str]:
    with pytest.raises(LoadError) as caught:
        load_bytes(text, "f.yaml")
    [d] = caught.value.diagnostics
    return d.code, d.line, d.col, d.loc, d.message


@pytest.mark.parametrize("value", ["on", "'no'", "1", "0", "yes", "'true'", "1.0"])
def test_end_accepts_only_true_or_false(value: str) -> None:
    code, line, col, loc, _ = _refused(PROCEDURE + f"    end: {value}\n")
    assert (code, line, col, loc) == ("SCHEMA003", 7, 10, ("steps", 0, "end"))


@pytest.mark.parametrize("value", ["true", "false"])
def test_end_true_and_false_are_fine(value: str) -> None:
    document = load_bytes(PROCEDURE + f"    end: {value}\n")
    assert isinstance(document, Procedure)
    assert document.steps[0].end is (value == "true")


@pytest.mark.parametrize(
    ("text", "loc"),
    [
        (
            "quality:\n  kpis:\n    - {id: k, name: K, target: '5'}\n",
            ("quality", "kpis", 0, "target"),
        ),
        (
            "quality:\n  kpis:\n    - {id: k, name: K, baseline: true}\n",
            ("quality", "kpis", 0, "baseline"),
        ),
        (
            "quality:\n  kpis:\n    - {id: k, name: K, target: 1e16}\n",
            ("quality", "kpis", 0, "target"),
        ),
        ("review: {last_reviewed: 1700006400}\n", ("review", "last_reviewed")),
        ("review: {last_reviewed: '2026-01-04T00:00:00'}\n", ("review", "last_reviewed")),
        ("review: {last_reviewed: 20260104}\n", ("review", "last_reviewed")),
        ("effective: 2027-02-30\n", ("effective",)),
        ("effective: 9999-12-31\n", ("effective",)),
        ("effective: 0001-01-01\n", ("effective",)),
        ("effective: 1899-12-31\n", ("effective",)),
        ("effective: 3000-01-01\n", ("effective",)),
        ("review: {interval: P9000Y}\n", ("review", "interval")),
        ("review: {interval: P1000M}\n", ("review", "interval")),
        ("review: {interval: P0Y}\n", ("review", "interval")),
        ("review: {interval: p3m}\n", ("review", "interval")),
        ("review: {interval: 3}\n", ("review", "interval")),
    ],
)
def test_procedure_values_refused_with_their_location(text: str, loc: tuple[Any, ...]) -> None:
    code, line, _col, found, _ = _refused(PROCEDURE + text)
    assert (code, found) == ("SCHEMA003", loc)
    assert isinstance(line, int) and line >= 7


@pytest.mark.parametrize("value", ["30", "1800.0", "1234567d", "pt30m", "P", "PT"])
def test_durations_are_text_in_the_documented_forms(value: str) -> None:
    code, line, _col, loc, _ = _refused(PROCEDURE + f"    duration: {value}\n")
    assert (code, line, loc) == ("SCHEMA003", 7, ("steps", 0, "duration"))


def test_last_day_of_the_accepted_calendar_and_longest_interval_are_fine() -> None:
    text = PROCEDURE + "review: {interval: P999Y999M999W999D, last_reviewed: 2999-12-31}\n"
    document = load_bytes(text)
    assert isinstance(document, Procedure) and document.review is not None
    assert document.review.last_reviewed is not None
    due = add_interval(document.review.last_reviewed, document.review.interval)
    assert dt.date(4000, 1, 1) < due < dt.date.max


@pytest.mark.parametrize(
    "period",
    ["2027-02-30", "2027-W53", "2027-W00", "2027-W54", "2027-13-01", "2023-02-29", "1899-W52"],
)
def test_impossible_periods_are_refused_with_their_location(period: str) -> None:
    code, line, col, loc, message = _refused(
        PLAN + f"  - {{kpi: otd, period: {period}, value: 1}}\n"
    )
    assert (code, line, col, loc) == ("SCHEMA003", 9, 24, ("measurements", 0, "period"))
    assert period in message or "pattern" in message


@pytest.mark.parametrize("period", ["2026-W53", "2020-W53", "2027-W01", "2027-01-20", "2024-02-29"])
def test_real_periods_by_week_or_by_date_are_fine(period: str) -> None:
    plan = load_bytes(PLAN + f"  - {{kpi: otd, period: {period}, value: 1}}\n")
    assert isinstance(plan, Plan)
    assert plan.measurements[0].period == period


def test_period_helpers() -> None:
    from sopmodel.model.plan import period_days, period_week

    assert period_week("2027-01-20") == (2027, 3)
    assert period_week("2027-W03") == (2027, 3)
    assert period_days("2027-W03") == (dt.date(2027, 1, 18), dt.date(2027, 1, 24))
    assert period_days("2027-01-20") == (dt.date(2027, 1, 20), dt.date(2027, 1, 20))


@pytest.mark.parametrize(
    ("text", "loc"),
    [
        ("horizon_days: '90'\n", ("horizon_days",)),
        ("horizon_days: true\n", ("horizon_days",)),
        ("horizon_days: 90.5\n", ("horizon_days",)),
        ("objectives: [{id: o, statement: S, priority: '1'}]\n", ("objectives", 0, "priority")),
    ],
)
def test_plan_numbers_are_numbers(text: str, loc: tuple[Any, ...]) -> None:
    code, _line, _col, found, _ = _refused(PLAN.replace("measurements:\n", "") + text)
    assert (code, found) == ("SCHEMA003", loc)


def test_a_whole_number_written_with_a_point_is_accepted_as_in_json() -> None:
    plan = load_bytes(PLAN.replace("measurements:\n", "horizon_days: 90.0\n"))
    assert isinstance(plan, Plan) and plan.horizon_days == 90
    assert type(plan.horizon_days) is int


@pytest.mark.parametrize("start", ["9999-12-01", "2999-12-31x", "3000-01-01"])
def test_plan_start_beyond_the_calendar_is_refused(start: str) -> None:
    text = PLAN.replace("2027-01-04", start).replace("measurements:\n", "")
    code, line, _col, loc, _ = _refused(text)
    assert (code, line, loc) == ("SCHEMA003", 5, ("start",))


def test_plan_at_the_end_of_the_calendar_has_an_end() -> None:
    plan = load_bytes(PLAN.replace("2027-01-04", "2999-12-31").replace("measurements:\n", ""))
    assert isinstance(plan, Plan)
    assert plan.end == dt.date(3000, 3, 30)


@pytest.mark.parametrize(
    "text",
    [
        PROCEDURE + "review: {interval: P9000Y, last_reviewed: 9999-12-31}\n",
        PROCEDURE + "review: {interval: P999Y, last_reviewed: 2999-12-31}\n",
        PLAN.replace("2027-01-04", "9999-12-01"),
        PLAN.replace("2027-01-04", "2999-12-31") + "  - {kpi: otd, period: 2999-W52, value: 1}\n",
    ],
)
def test_validate_ends_without_a_traceback_at_the_ends_of_the_calendar(
    tmp_path: Path, text: str
) -> None:
    path = tmp_path / "edge.yaml"
    path.write_text(text)
    result = subprocess.run(
        [sys.executable, "-m", "sopmodel", "validate", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, 1), result.stderr


def test_add_interval_never_loops_or_overflows() -> None:
    found: list[dt.date] = []

    def run() -> None:
        found.append(add_interval(dt.date(9999, 12, 31), "P999Y"))
        found.append(add_interval(dt.date(9999, 11, 30), "P1M"))
        found.append(add_interval(dt.date(9999, 12, 1), "P40D"))
        found.append(add_interval(dt.date(2024, 1, 31), "monthly"))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(10)
    assert not thread.is_alive(), "add_interval loops"
    assert found == [dt.date.max, dt.date(9999, 12, 30), dt.date.max, dt.date(2024, 2, 29)]


def test_parse_date_messages() -> None:
    from sopmodel.model.common import parse_date

    with pytest.raises(ValueError, match="not a day of the calendar"):
        parse_date("2027-02-30")
    with pytest.raises(ValueError, match="1900-01-01 to 2999-12-31"):
        parse_date("9999-12-31")
    with pytest.raises(ValueError, match="year-month-day"):
        parse_date(dt.datetime(2027, 1, 4))
    assert parse_date(dt.date(2027, 1, 4)) == dt.date(2027, 1, 4)


def test_models_check_values_set_in_code() -> None:
    document = load(EXAMPLES / "sales-opportunity.yaml")
    assert isinstance(document, Procedure)
    with pytest.raises(ValidationError):
        document.steps[0].title = 5  # type: ignore[assignment]
    with pytest.raises(ValidationError):
        document.steps[0].end = "yes"  # type: ignore[assignment]
    with pytest.raises(ValidationError):
        document.quality.kpis[0].target = float("inf")
    with pytest.raises(ValidationError):
        document.effective = dt.date(9999, 12, 31)
    document.steps[0].title = "  A new title  "
    assert document.steps[0].title == "A new title"


def test_the_origin_travels_with_the_document() -> None:
    document = load(EXAMPLES / "sales-opportunity.yaml")
    origin = origin_of(document)
    assert origin is not None and origin.file.endswith("sales-opportunity.yaml")
    again = pickle.loads(pickle.dumps(document))
    assert origin_of(again) is not None
    assert origin_of(again).locate(("steps", 0)) == origin.locate(("steps", 0))  # type: ignore[union-attr]
    assert origin_of(document.model_copy()) is origin
    assert origin_of(document.model_copy(deep=True)) is origin
    built = Procedure.model_validate(document.model_dump())
    assert origin_of(built) is None
    assert built == document  # where a document was read from is not part of its value


def test_no_global_table_of_origins() -> None:
    import sopmodel.source.locate as locate

    assert not hasattr(locate, "_ORIGINS")


@pytest.mark.parametrize("path", ['"img/a\\0b.png"', '"img/\\x01.png"', '"\\n"'])
def test_an_image_path_with_control_characters_is_refused(path: str) -> None:
    code, line, _col, loc, _ = _refused(PROCEDURE + f"    image: {{path: {path}}}\n")
    assert (code, line, loc) == ("SCHEMA003", 7, ("steps", 0, "image", "path"))
