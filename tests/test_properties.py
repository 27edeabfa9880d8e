"""Properties: generated documents round-trip; mutated files never crash the validator."""

from __future__ import annotations

import contextlib
import io
import json
import re
import tempfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sopmodel.cli import main
from sopmodel.model import MODELS
from sopmodel.model.schema import json_schema
from sopmodel.source import dump_yaml, load_bytes
from tests.conftest import valid_examples
from tests.strategies import from_schema, json_texts, value_paths

LOCATED = re.compile(r"^\S.*:\d+:\d+ [A-Z]+\d+ \S", re.MULTILINE)


@pytest.mark.parametrize("kind", ["procedure", "plan"])
def test_documents_generated_from_the_schema_round_trip(kind: str) -> None:
    model = MODELS[kind]

    @given(from_schema(json_schema(kind)))
    def check(data: dict[str, Any]) -> None:
        document = model.model_validate(data)  # the schema admits only valid documents
        assert load_bytes(dump_yaml(document)) == document

    check()


def _validate_text(text: str | bytes) -> tuple[int, str]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutated.yaml"
        path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            code = main(["validate", str(path), "--today", "2026-11-24"])
        return code, out.getvalue()


def _set(data: Any, path: tuple[Any, ...], value: Any = None, delete: bool = False) -> None:
    for part in path[:-1]:
        data = data[part]
    if delete:
        del data[path[-1]]
    else:
        data[path[-1]] = value


EXAMPLE_TEXTS = [p.read_text(encoding="utf-8") for p in valid_examples()]


@given(st.sampled_from(EXAMPLE_TEXTS), st.data())
def test_wrong_types_give_located_diagnostics(text: str, data: st.DataObject) -> None:
    document = yaml.safe_load(text)
    path = data.draw(st.sampled_from(value_paths(document, root=False)))
    _set(document, path, {"junk": [1, {"x": None}]})
    code, out = _validate_text(yaml.safe_dump(document, allow_unicode=True))
    assert code == 1
    assert LOCATED.search(out), out


@given(st.sampled_from(EXAMPLE_TEXTS), st.data())
def test_deleted_keys_never_crash(text: str, data: st.DataObject) -> None:
    document = yaml.safe_load(text)
    keys = [p for p in value_paths(document, root=False) if isinstance(p[-1], str)]
    _set(document, data.draw(st.sampled_from(keys)), delete=True)
    code, out = _validate_text(yaml.safe_dump(document, allow_unicode=True))
    assert code in (0, 1)
    if code:
        assert LOCATED.search(out), out


@given(st.sampled_from(EXAMPLE_TEXTS), st.data())
def test_deleting_a_required_key_always_fails(text: str, data: st.DataObject) -> None:
    document = yaml.safe_load(text)
    required = ["id", "title", "kind", "sopmodel"]
    _set(document, (data.draw(st.sampled_from(required)),), delete=True)
    code, out = _validate_text(yaml.safe_dump(document, allow_unicode=True))
    assert code == 1
    assert LOCATED.search(out), out


@given(
    st.sampled_from(EXAMPLE_TEXTS),
    st.data(),
    st.text(min_size=1, max_size=20) | st.binary(min_size=1, max_size=8),
)
def test_junk_text_never_crashes(text: str, data: st.DataObject, junk: str | bytes) -> None:
    raw = text.encode("utf-8")
    at = data.draw(st.integers(0, len(raw)))
    chunk = junk.encode("utf-8") if isinstance(junk, str) else junk
    code, out = _validate_text(raw[:at] + chunk + raw[at:])
    assert code in (0, 1, 2)
    if code:
        assert LOCATED.search(out) or "checked" in out, out


FORMATS = ("text", "json", "sarif", "github", "junit")


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
@pytest.mark.parametrize("kind", ["procedure", "plan"])
def test_generated_and_mutated_documents_never_crash_validate(kind: str, suffix: str) -> None:
    @settings(max_examples=25)
    @given(json_texts(kind))
    def check(text: str) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"doc{suffix}"
            path.write_bytes(text.encode("utf-8", "surrogatepass"))
            for form in FORMATS:
                out, err = io.StringIO(), io.StringIO()
                with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                    code = main(["validate", str(path), "--format", form, "--today", "2026-11-24"])
                assert code in (0, 1), (form, out.getvalue(), err.getvalue())  # 2: a crash
                assert "Traceback" not in err.getvalue() + out.getvalue()
                assert "internal error" not in err.getvalue() + out.getvalue()
                if form in ("json", "sarif"):
                    json.loads(out.getvalue())
                if form == "junit":
                    ElementTree.fromstring(out.getvalue())

    check()
