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

import pytest
from hypothesis import given, settings
from jsonschema import Draft202012Validator

from sopmodel.cli import main
from sopmodel.model.schema import json_schema
from sopmodel.source import LoadError, load_bytes
from sopmodel.source.yamlparse import ParseError, parse_yaml
from tests.conftest import EXAMPLES, PASSING
from tests.strategies import json_texts

KINDS = ("procedure", "plan", "records")
VALIDATORS = {kind: Draft202012Validator(json_schema(kind)) for kind in KINDS}
SECONDS_PER_EXAMPLE = 20


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
    @given(json_texts(kind))
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
    accepted = _loader_accepts(path.read_text(encoding="utf-8"), str(path))
    try:
        value, _ = parse_yaml(path.read_bytes())
    except ParseError:  # the loader's own examples of broken files
        assert not accepted
        return
    kind = value.get("kind") if isinstance(value, dict) else None
    errors = [e.message for e in VALIDATORS[kind].iter_errors(value)] if kind in KINDS else ["?"]
    assert accepted == (not errors), (path, errors)


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
