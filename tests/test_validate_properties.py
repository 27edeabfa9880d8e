"""Properties: mutated documents (type swaps, extreme values, dates at the ends of the calendar,
control characters) go through `validate` in every output format without a hang, a crash or
an internal error, and every report parses."""

from __future__ import annotations

import contextlib
import io
import json
import signal
import tempfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import yaml
from hypothesis import given
from hypothesis import strategies as st

from sopmodel.cli import main
from tests.conftest import valid_examples
from tests.strategies import value_paths

SECONDS = 20
"""Time one validation may take before the example fails as a hang."""
FORMS = ("text", "json", "github", "sarif", "junit")
EXAMPLES = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in valid_examples()]
EXTREMES: list[Any] = [
    "9999-12-31",
    "0001-01-01",
    "9999-W52",
    "0001-W01",
    "P9000Y",
    "P999999999D",
    "2027-02-30",
    10**100,
    -(10**100),
    0,
    -1,
    1e308,
    -1e308,
    True,
    None,
    "",
    " ",
    "x" * 5000,
    "\x00\x07\x1b[31m",
    "\u202e\ufeff\u200b",
    "{{ 9**9**9 }}",
    "=1+1",
    "🚚 \\ud83d",
    [],
    {},
    [None, {"x": [1]}],
]


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


class Hang(Exception):
    """Raised when a validation takes longer than SECONDS."""


def _alarm(signum: int, frame: object) -> None:
    raise Hang(f"validate took more than {SECONDS} s")


def _validate(name: str, text: str, form: str) -> tuple[int, str, str]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.alarm(SECONDS)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main(["validate", str(path), "-f", form, "--today", "2026-11-24"])
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)
        return code, out.getvalue(), err.getvalue()


def _parses(form: str, out: str) -> None:
    if form in ("json", "sarif"):
        data = json.loads(out)
        if form == "sarif":
            assert data["runs"][0]["invocations"][0]["executionSuccessful"] is True
    elif form == "junit":
        assert ET.fromstring(out).get("errors") == "0"
    elif form == "github":
        assert all(line.startswith("::") for line in out.splitlines())
    else:
        assert " checked: " in out.splitlines()[-1]


@given(
    st.sampled_from(range(len(EXAMPLES))),
    st.data(),
    st.lists(st.sampled_from(EXTREMES), min_size=1, max_size=4),
    st.sampled_from(FORMS),
    st.sampled_from(("yaml", "json")),
)
def test_mutated_documents_never_crash_any_format(
    example: int, data: st.DataObject, values: list[Any], form: str, suffix: str
) -> None:
    document = json.loads(json.dumps(EXAMPLES[example], default=str))
    for value in values:
        paths = value_paths(document, root=False)
        _set(document, data.draw(st.sampled_from(paths)), value)
    if suffix == "json":
        text = json.dumps(document, ensure_ascii=False, indent=1)
    else:
        text = yaml.safe_dump(document, allow_unicode=True, width=120)
    code, out, err = _validate(f"mutated.{suffix}", text, form)
    assert code in (0, 1), out + err
    assert "internal error" not in out + err
    assert "Traceback" not in err
    _parses(form, out)
