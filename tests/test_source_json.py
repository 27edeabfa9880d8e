"""JSON files go through a JSON parser that keeps positions, with the YAML parser's limits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sopmodel.model import Procedure
from sopmodel.source import LoadError, load, load_bytes
from sopmodel.source.jsonparse import parse_json
from sopmodel.source.yamlparse import MAX_DEPTH, ParseError, parse_yaml
from tests.conftest import flat_positions

DOC = {
    "sopmodel": 1,
    "kind": "procedure",
    "id": "DEMO-001",
    "title": "Answer a call",
    "steps": [{"title": "Take the call"}],
}


def _errors(text: str | bytes, file: str = "f.json") -> list[tuple[str, int | None, int | None]]:
    with pytest.raises(LoadError) as caught:
        load_bytes(text, file)
    return [(d.code, d.line, d.col) for d in caught.value.diagnostics]


def test_escaped_emoji_is_valid_json(tmp_path: Path) -> None:
    text = json.dumps({**DOC, "title": "Load the truck \U0001f69a"})  # ensure_ascii: \ud83d\ude9a
    assert "\\ud83d\\ude9a" in text
    path = tmp_path / "truck.json"
    path.write_text(text)
    document = load(path)
    assert isinstance(document, Procedure)
    assert document.title == "Load the truck \U0001f69a"


def test_json_escapes_are_read_exactly() -> None:
    title = 'a/b "quoted" \\ tab\tline\u00e9\u2028'
    document = load_bytes(json.dumps({**DOC, "title": title}), "doc.json")
    assert document.title == title.strip()


def test_broken_json_is_reported_as_json_with_its_position() -> None:
    text = '{\n  "sopmodel": 1,\n  "kind": "procedure",\n  "id": "X"\n  "title": "t"\n}\n'
    [(code, line, col)] = _errors(text)
    assert (code, line, col) == ("JSON001", 5, 3)


@pytest.mark.parametrize(
    "text",
    [
        "{",
        '{"a": 1,}',
        "[1, 2",
        "{'a': 1}",
        '{"a": NaN}',
        '{"a": Infinity}',
        '{"a": 01}',
        '{"a": 1} x',
        '{"a": "\x01"}',
        '{"a": "\\ud800"}',
        '{"a": tru}',
        "{1: 2}",
        b'{"a": "\xff"}',
    ],
)
def test_invalid_json_is_json001(text: str | bytes) -> None:
    [(code, line, col)] = _errors(text)
    assert code == "JSON001"
    assert isinstance(line, int) and isinstance(col, int)


def test_a_json_file_is_not_read_as_yaml(tmp_path: Path) -> None:
    path = tmp_path / "doc.json"
    path.write_text("sopmodel: 1\nkind: procedure\n")  # YAML, not JSON
    with pytest.raises(LoadError) as caught:
        load(path)
    assert caught.value.diagnostics[0].code == "JSON001"


def test_json_duplicate_keys_are_yaml002() -> None:
    text = '{"sopmodel": 1,\n "kind": "procedure",\n "kind": "plan"}'
    [(code, line, col)] = _errors(text)
    assert (code, line, col) == ("YAML002", 3, 2)


def test_json_positions_match_the_yaml_parser_on_the_same_text() -> None:
    text = json.dumps({**DOC, "steps": [{"title": "a", "role": "x"}, {"title": "b"}]}, indent=2)
    json_value, json_pos = parse_json(text)
    yaml_value, yaml_pos = parse_yaml(text)
    assert json_value == yaml_value

    assert flat_positions(json_pos) == flat_positions(yaml_pos)


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 100_000])
def test_deep_json_is_refused_without_recursion(depth: int) -> None:
    [(code, line, _col)] = _errors("[" * depth + "]" * depth)
    assert (code, line) == ("YAML003", 1)


def test_json_is_parsed_iteratively_at_the_depth_limit() -> None:
    value, _ = parse_json("[" * MAX_DEPTH + "]" * MAX_DEPTH)
    assert isinstance(value, list)


def test_long_json_number_is_refused_with_its_location() -> None:
    text = '{"sopmodel": 1,\n "title": ' + "9" * 5000 + "}"
    [(code, line, col)] = _errors(text)
    assert (code, line, col) == ("YAML003", 2, 11)


def test_long_json_string_is_refused_with_its_location() -> None:
    text = '{"sopmodel": 1,\n "title": "' + "a" * 100_001 + '"}'
    [(code, line, col)] = _errors(text)
    assert (code, line, col) == ("YAML003", 2, 11)


def test_json_size_limit() -> None:
    with pytest.raises(ParseError) as caught:
        parse_json(b" " * (3 * 1024 * 1024) + b"{}")
    assert caught.value.code == "YAML003"


def test_json_byte_order_mark_is_accepted() -> None:
    assert isinstance(load_bytes(b"\xef\xbb\xbf" + json.dumps(DOC).encode(), "d.json"), Procedure)


def test_yaml_files_still_use_the_yaml_parser() -> None:
    assert isinstance(load_bytes(json.dumps(DOC), "doc.yaml"), Procedure)
    assert isinstance(
        load_bytes("sopmodel: 1\nkind: procedure\nid: A\ntitle: t\nsteps: [{title: x}]\n", "d.yml"),
        Procedure,
    )
