"""The JSON Schema accepts exactly what the loader accepts, checked by a real validator.

Documents come from the schema itself and are then mutated (types swapped, huge and extreme
values, dates at the ends of the calendar, every root shape, control characters, JSON
escapes); each is written as JSON text, and Draft 2020-12 validation of what the text says
must agree with load_bytes. The loader must never raise anything but LoadError, nor hang.
"""

from __future__ import annotations

import json
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from sopmodel.cli import main
from sopmodel.model.schema import json_schema
from sopmodel.source import LoadError, load_bytes
from sopmodel.source.yamlparse import parse_yaml
from tests.conftest import EXAMPLES, PASSING
from tests.strategies import from_schema

KINDS = ("procedure", "plan")
VALIDATORS = {kind: Draft202012Validator(json_schema(kind)) for kind in KINDS}
SECONDS_PER_EXAMPLE = 20

EXTREMES: list[Any] = [
    True, False, None, 0, -1, 1, 1.5, 90.0, 7, 366, 367, 10**20, -(10**15), 1e15, 1.0000001e15,
    1e-300, "", " ", "x", "on", "off", "no", "yes", "1", "true", "1.5",
    "2027-02-30", "2027-W53", "2026-W53", "2027-W00", "2024-02-29", "2023-02-29",
    "9999-12-31", "0001-01-01", "1900-01-01", "1899-12-31", "2999-12-31", "3000-01-01",
    "2027-01-04T00:00:00", "P9000Y", "P999Y", "P0D", "PT", "30min", "1234567d", "pt30m",
    "\x00", "\x01", "\x1c", "\x7f", "a\u2028b", "\ufeff", "\ufffe", " padded ", "\u00a0x\u00a0",
    "\U0001f69a", "SALES-001", " SALES-001 ", "SALES-001\n", "a" * 65, "{{ x }}", "=1+1",
    [], {}, ["x"], [1], {"x": 1}, [[]],
]  # fmt: skip
RAW: list[str] = [
    "1e400", "-1e400", "9" * 4301, "1" + "0" * 99, "1" * 101, "-0", "1E2", "0.5e-400",
    '"\\ud83d\\ude9a"', '"\\u0000"', '"\\u001c"', '"\\/"', '"' + "a" * 100_001 + '"',
    '"' + "a" * 100_000 + '"', "0x1F", "NaN", "[1,]", "",
]  # fmt: skip
ROOTS: list[str] = ["", " ", "null", "[]", "[{}]", "1", '"text"', "true", "{}"]


@contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    """Fail with TimeoutError when the block runs longer than seconds (a hang)."""

    def expired(_signum: int, _frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


@st.composite
def _texts(draw: st.DrawFn, kind: str) -> str:
    """Return the JSON text of a schema-generated document, possibly mutated."""
    if draw(st.integers(0, 19)) == 0:
        return draw(st.sampled_from(ROOTS))
    document: Any = draw(from_schema(json_schema(kind), full_calendar=True))
    raws: list[str] = []
    for _ in range(draw(st.integers(0, 3))):
        path = draw(st.sampled_from(_paths(document)))
        action = draw(st.sampled_from(["replace", "raw", "delete", "add"]))
        if not path and action != "add":
            continue
        *parents, last = path if path else ("",)
        holder = document
        for part in parents:
            holder = holder[part]
        if action == "replace":
            holder[last] = draw(st.sampled_from(EXTREMES))
        elif action == "raw":
            holder[last] = f"@@RAW{len(raws)}@@"
            raws.append(draw(st.sampled_from(RAW)))
        elif action == "delete":
            del holder[last]
        else:
            target = draw(st.sampled_from([p for p in _paths(document) if _is_map(document, p)]))
            _at(document, target)[draw(st.sampled_from(["x", "titel", "end", "sopmodel"]))] = draw(
                st.sampled_from(EXTREMES)
            )
    text = json.dumps(
        document,
        ensure_ascii=draw(st.booleans()),
        indent=draw(st.sampled_from([None, 1, 2])),
    )
    for index, raw in enumerate(raws):
        text = text.replace(f'"@@RAW{index}@@"', raw)
    return text


def _at(document: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        document = document[part]
    return document


def _is_map(document: Any, path: tuple[Any, ...]) -> bool:
    return isinstance(_at(document, path), dict)


def _schema_accepts(kind: str, text: str) -> bool:
    try:
        value = json.loads(text)
    except ValueError:  # not JSON at all, or a number Python refuses to convert
        return False
    return VALIDATORS[kind].is_valid(value)


def _loader_accepts(text: str, file: str) -> bool:
    with _deadline(SECONDS_PER_EXAMPLE):
        try:
            load_bytes(text.encode("utf-8", "surrogatepass"), file)
        except LoadError:
            return False
    return True


@pytest.mark.parametrize("kind", KINDS)
def test_the_schema_accepts_exactly_what_the_loader_accepts(kind: str) -> None:
    @settings(max_examples=150)
    @given(_texts(kind))
    def check(text: str) -> None:
        schema_says = _schema_accepts(kind, text)
        loader_says = _loader_accepts(text, "doc.json")
        assert schema_says == loader_says, (
            f"schema {'accepts' if schema_says else 'refuses'}, loader"
            f" {'accepts' if loader_says else 'refuses'}: {text[:2000]}"
        )
        _loader_accepts(text, "doc.yaml")  # as YAML: any answer, but only LoadError

    check()


def _documents() -> list[Path]:
    found = [*EXAMPLES.rglob("*.yaml"), *PASSING.rglob("*.yaml")]
    return sorted(p for p in found if "exporter-plugin" not in p.parts)


@pytest.mark.parametrize("path", _documents(), ids=lambda p: str(p.relative_to(p.parents[2])))
def test_every_example_file_gets_the_same_answer_from_the_schema(path: Path) -> None:
    value, _ = parse_yaml(path.read_bytes())
    kind = value.get("kind") if isinstance(value, dict) else None
    if kind not in KINDS:
        pytest.fail(f"{path} is not a document")
    errors = [e.message for e in VALIDATORS[kind].iter_errors(value)]
    assert _loader_accepts(path.read_text(encoding="utf-8"), str(path)), path
    assert not errors, errors


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("language", ["en", "fr"])
def test_starters_validate_against_the_schema(tmp_path: Path, kind: str, language: str) -> None:
    path = tmp_path / f"{kind}.{language}.yaml"
    assert main(["new", kind, str(path), "--lang", language]) == 0
    value, _ = parse_yaml(path.read_bytes())
    errors = [e.message for e in VALIDATORS[kind].iter_errors(value)]
    assert not errors, errors
    assert _loader_accepts(path.read_text(encoding="utf-8"), str(path))


@pytest.mark.parametrize("kind", KINDS)
def test_the_schema_is_a_valid_draft_2020_12_schema(kind: str) -> None:
    Draft202012Validator.check_schema(json_schema(kind))
