"""Any document the schema allows exports in every format, or fails with a clear ExportError."""

from __future__ import annotations

import tempfile
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from sopmodel.exporters import ExportError, export
from sopmodel.model import MODELS
from sopmodel.model.schema import json_schema
from tests.strategies import from_schema

FORMATS = ["dot", "svg", "docx", "pptx", "xlsx"]


@pytest.mark.parametrize("kind", ["procedure", "plan"])
@pytest.mark.parametrize("format", FORMATS)
def test_generated_documents_export_or_fail_clearly(kind: str, format: str) -> None:
    model = MODELS[kind]

    @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
    @given(from_schema(json_schema(kind)))
    def check(data: dict[str, Any]) -> None:
        document = model.model_validate(data)
        with tempfile.TemporaryDirectory() as folder:
            try:
                written = export(
                    document,
                    format,
                    folder,
                    **({"flowchart": False} if format in ("docx", "pptx") else {}),
                )
            except ExportError as error:
                assert str(error) and "\n" not in str(error)
                return
            assert written and all(path.stat().st_size > 0 for path in written)

    check()


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(from_schema(json_schema("plan")))
def test_generated_plans_round_trip_through_their_tracker(data: dict[str, Any]) -> None:
    from sopmodel.exporters.workbook.read import read_tracker
    from sopmodel.model import Plan
    from sopmodel.views.kpi_status import plan_weeks, weekly_values

    plan = Plan.model_validate(data)
    weeks = {label for label, _ in plan_weeks(plan)}
    expected = {  # the value that counts for each week: measurements by date included
        (kpi.id, week): m.value
        for kpi in plan.kpis
        for week, m in weekly_values(plan.measurements, kpi.id).items()
        if week in weeks
    }
    with tempfile.TemporaryDirectory() as folder:
        try:
            [xlsx] = export(plan, "xlsx", folder)
        except ExportError:
            return
        tracker = read_tracker(xlsx)
    assert [p for p in tracker.problems if "is listed again" not in p] == []
    read = {(m.kpi, m.period): m.value for m in tracker.measurements}
    duplicated = {k.id for k in plan.kpis if sum(x.id == k.id for x in plan.kpis) > 1}
    assert {k: v for k, v in read.items() if k[0] not in duplicated} == pytest.approx(
        {k: v for k, v in expected.items() if k[0] not in duplicated}
    )
