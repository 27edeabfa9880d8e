"""No document makes `sopmodel export` hang, crash or print a traceback, in any format.

Documents generated from the JSON Schema, over the whole calendar sopmodel accepts, and
mutated ones (type swaps, huge and extreme values, every root shape, control characters,
JSON escapes) go through the command line with every Office and Graphviz format at once,
each example under a time limit.
"""

from __future__ import annotations

import contextlib
import io
import json
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sopmodel.cli import main
from sopmodel.model.schema import json_schema
from tests.strategies import from_schema, json_texts

LIMIT = 90
"""Seconds one example may take (four exports, `dot` included) before it counts as a hang."""


@contextlib.contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    def hang(signum: int, frame: Any) -> None:
        raise TimeoutError(f"no answer within {seconds} s: a hang")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _export(text: str) -> tuple[int, str]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.json"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), _time_limit(LIMIT):
            formats, target = "svg,docx,pptx,xlsx", f"{folder}/out"
            code = main(["export", str(path), "--to", formats, "-o", target, "--no-check", "-q"])
        return code, out.getvalue() + err.getvalue()


def _answers_clearly(code: int, said: str) -> None:
    assert code in (0, 1), said  # 2 would be a crash or a usage error
    assert "Traceback" not in said and "internal error" not in said, said


@pytest.mark.parametrize("kind", ["procedure", "plan"])
def test_mutated_documents_never_crash_the_export(kind: str) -> None:
    @settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
    @given(json_texts(kind))
    def check(text: str) -> None:
        _answers_clearly(*_export(text))

    check()


@pytest.mark.parametrize("kind", ["procedure", "plan"])
def test_documents_over_the_whole_calendar_never_crash_the_export(kind: str) -> None:
    @settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
    @given(from_schema(json_schema(kind), full_calendar=True), st.booleans())
    def check(document: dict[str, Any], ascii_only: bool) -> None:
        _answers_clearly(*_export(json.dumps(document, ensure_ascii=ascii_only)))

    check()
