"""Any document the schema allows exports in every format, or fails with a clear ExportError."""

from __future__ import annotations

import tempfile
import warnings
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from sopmodel.exporters import ExportError, ExportWarning, export
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
        with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
            warnings.simplefilter("ignore", ExportWarning)
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
