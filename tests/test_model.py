"""The model's own value types: durations, intervals, plan dates, JSON Schema."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pydantic import ValidationError

from sopmodel.model import Plan, Procedure
from sopmodel.model.common import add_interval, format_duration, parse_duration
from sopmodel.model.schema import json_schema
from tests.conftest import ROOT


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("30min", 30),
        ("2h", 120),
        ("1d", 1440),
        ("1j", 1440),
        ("1w", 10080),
        ("1,5h", 90),
        ("PT30M", 30),
        ("P1DT2H", 1560),
        ("45 MIN", 45),
    ],
)
def test_durations(text: str, minutes: int) -> None:
    assert parse_duration(text) == dt.timedelta(minutes=minutes)


def test_duration_errors_say_how_to_write_one() -> None:
    with pytest.raises(ValueError, match="30min"):
        parse_duration("half an hour")


def test_format_duration_is_the_inverse() -> None:
    for text in ("30min", "2h", "1d", "1w", "45s"):
        assert format_duration(parse_duration(text)) == text


@pytest.mark.parametrize(
    ("start", "interval", "due"),
    [
        ("2026-01-31", "monthly", "2026-02-28"),
        ("2026-01-15", "quarterly", "2026-04-15"),
        ("2026-08-31", "semiannual", "2027-02-28"),
        ("2024-02-29", "annual", "2025-02-28"),
        ("2026-01-01", "P6W", "2026-02-12"),
        ("2026-01-01", "P1Y2M3D", "2027-03-04"),
    ],
)
def test_review_intervals(start: str, interval: str, due: str) -> None:
    assert add_interval(dt.date.fromisoformat(start), interval) == dt.date.fromisoformat(due)


def test_bad_interval_is_rejected() -> None:
    with pytest.raises(ValidationError):
        Procedure.model_validate(
            {"id": "A", "title": "t", "steps": [{"title": "x"}], "review": {"interval": "P0D"}}
        )


def test_accountable_accepts_one_id_or_a_list() -> None:
    plan = Plan.model_validate(
        {
            "id": "P",
            "title": "t",
            "start": "2027-01-04",
            "phases": [
                {
                    "id": "a",
                    "name": "A",
                    "start": "2027-01-04",
                    "end": "2027-01-31",
                    "activities": [{"id": "x", "title": "X", "raci": {"accountable": "ceo"}}],
                }
            ],
        }
    )
    assert plan.phases[0].activities[0].raci.accountable == ["ceo"]
    assert plan.end == dt.date(2027, 4, 3)


def test_every_field_is_documented() -> None:
    for kind in ("procedure", "plan"):
        schema = json_schema(kind)
        for name, definition in [(kind, schema), *schema["$defs"].items()]:
            for field, spec in definition.get("properties", {}).items():
                assert spec.get("description"), f"{name}.{field} has no description"


@pytest.mark.parametrize("kind", ["procedure", "plan"])
def test_committed_schema_is_current(kind: str) -> None:
    committed = json.loads((ROOT / "docs" / "schema" / f"{kind}.schema.json").read_text())
    assert committed == json_schema(kind), "run: python tools/generate_docs.py"
