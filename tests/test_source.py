"""Loading: positions, duplicate keys, hostile input, YAML 1.2 scalars, JSON, round trips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sopmodel.model import Plan, Procedure
from sopmodel.source import LoadError, dump_yaml, load, load_bytes
from sopmodel.source.yamlparse import MAX_BYTES, PARSER, ParseError, PurePythonParser, parse_yaml
from tests.conftest import flat_positions, valid_examples

MINIMAL = """\
sopmodel: 1
kind: procedure
id: DEMO-001
title: Answer a call
steps:
  - title: Take the call
"""


def _errors(text: str | bytes) -> list[tuple[str, int | None, int | None, str]]:
    with pytest.raises(LoadError) as caught:
        load_bytes(text, "f.yaml")
    return [(d.code, d.line, d.col, d.message) for d in caught.value.diagnostics]


def test_minimal_procedure_loads() -> None:
    document = load_bytes(MINIMAL)
    assert isinstance(document, Procedure)
    assert document.steps[0].title == "Take the call"


def test_unknown_key_is_located_at_the_key_with_a_hint() -> None:
    [(code, line, col, message)] = _errors(MINIMAL + "    titel: Again\n")
    assert (code, line, col) == ("SCHEMA001", 7, 5)
    assert "did you mean 'title'" in message


def test_unknown_top_level_key_lists_nothing_far_fetched() -> None:
    [(code, line, _col, message)] = _errors(MINIMAL + "objectif: Faire vite\n")
    assert (code, line) == ("SCHEMA001", 7)
    assert "did you mean 'objective'" in message


def test_missing_key_is_located_at_its_mapping() -> None:
    [(code, line, col, message)] = _errors(MINIMAL + "  - role: agent\n")
    assert (code, line, col) == ("SCHEMA002", 7, 5)
    assert "'title'" in message


def test_wrong_type_points_at_the_value_and_suggests_quotes() -> None:
    [(code, line, col, message)] = _errors(MINIMAL.replace("title: Answer a call", "title: 1.5"))
    assert (code, line, col) == ("SCHEMA003", 4, 8)
    assert "quotes" in message


def test_text_cut_by_a_comma_in_a_flow_mapping_gets_a_hint() -> None:
    text = MINIMAL + "requirements:\n  - {name: Trolley, details: Rated 1,500 kg}\n"
    [(code, _line, _col, message)] = _errors(text)
    assert code == "SCHEMA001"
    assert "quotes" in message


def test_duplicate_keys_are_an_error_not_an_overwrite() -> None:
    [(code, line, col, message)] = _errors(MINIMAL + "title: Another title\n")
    assert (code, line, col) == ("YAML002", 7, 1)
    assert "first at line 4" in message


def test_syntax_error_is_located() -> None:
    [(code, line, _col, _message)] = _errors(MINIMAL + "  - title: [unclosed\n")
    assert code == "YAML001"
    assert line is not None and line >= 7


def test_yes_and_no_stay_text_like_yaml_1_2() -> None:
    value, _ = parse_yaml(b"a: yes\nb: no\nc: on\nd: true\ne: 0o17\nf: 1.2.0\ng: ~\nh: .inf\n")
    assert value == {
        "a": "yes",
        "b": "no",
        "c": "on",
        "d": True,
        "e": 15,
        "f": "1.2.0",
        "g": None,
        "h": float("inf"),
    }


def test_explicit_tags() -> None:
    value, _ = parse_yaml(b"a: !!str 12\nb: !!int '3'\n")
    assert value == {"a": "12", "b": 3}
    with pytest.raises(ParseError) as caught:
        parse_yaml(b"a: !!python/object:os.system x\n")
    assert caught.value.code == "YAML003"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (b"", "SCHEMA004"),
        (b"- a\n- b\n", "SCHEMA004"),
        (b"sopmodel: 2\nkind: procedure\n", "SCHEMA004"),
        (b"sopmodel: 1\nkind: recipe\n", "SCHEMA004"),
        (b"kind: procedure\n", "SCHEMA004"),
        (b"---\na: 1\n---\nb: 2\n", "YAML001"),
        (b"a: \x01\n", "YAML001"),
        (b"a: \xff\xfe\xfa\n", "YAML001"),
        (b"? [a, b]\n: c\n", "YAML001"),
    ],
)
def test_not_a_document(text: bytes, code: str) -> None:
    assert [c for c, *_ in _errors(text)] and _errors(text)[0][0] == code


def test_alias_bomb_is_refused() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    [(code, _line, _col, message)] = _errors("\n".join(lines) + "\n")
    assert code == "YAML003"
    assert "alias" in message


def test_small_aliases_are_fine() -> None:
    value, _ = parse_yaml(b"base: &r {responsible: [ops]}\nother: *r\n")
    assert value["other"] == {"responsible": ["ops"]}


@pytest.mark.parametrize("depth", [65, 999, 1001, 100_000])
@pytest.mark.parametrize("opening", [b"[", b"{a: "])
def test_deep_nesting_is_refused_without_recursion(depth: int, opening: bytes) -> None:
    closing = b"]" if opening == b"[" else b"}"
    deep = b"a: " + opening * depth + b"1" + closing * depth + b"\n"
    [(code, line, _col, message)] = _errors(deep)
    assert (code, line) == ("YAML003", 1)
    assert "nesting deeper than" in message


def test_deep_block_nesting_is_refused() -> None:
    deep = "".join(f"{'  ' * i}k{i}:\n" for i in range(2000)) + "  " * 2000 + "v: 1\n"
    [(code, *_rest)] = _errors(deep.encode())
    assert code == "YAML003"


def test_huge_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(MINIMAL.encode() + b"# " + b"x" * MAX_BYTES + b"\n")
    with pytest.raises(LoadError) as caught:
        load(path)
    assert caught.value.diagnostics[0].code == "YAML003"
    assert not caught.value.unreadable  # a refused file is a finding (exit 1), not unreadable


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as caught:
        load(tmp_path / "nope.yaml")
    assert caught.value.diagnostics[0].code == "IO001"
    assert caught.value.unreadable


def test_json_files_load_with_positions(tmp_path: Path) -> None:
    data = {
        "sopmodel": 1,
        "kind": "plan",
        "id": "P",
        "title": "Plan",
        "start": "2027-01-04",
        "kpis": [{"id": "otd", "name": "OTD", "owner": 7}],
    }
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data, indent=2))
    with pytest.raises(LoadError) as caught:
        load(path)
    [diagnostic] = caught.value.diagnostics
    assert diagnostic.loc == ("kpis", 0, "owner")
    assert diagnostic.line == 11
    data["kpis"][0]["owner"] = "ops"  # type: ignore[index]
    path.write_text(json.dumps(data))
    assert isinstance(load(path), Plan)


@pytest.mark.parametrize("path", valid_examples(), ids=lambda p: p.name)
def test_examples_round_trip_through_yaml(path: Path) -> None:
    document = load(path)
    again = load_bytes(dump_yaml(document))
    assert again == document


def test_dump_quotes_text_that_would_read_back_as_another_type() -> None:
    document = load_bytes(MINIMAL.replace("Take the call", "'0o17'"))
    assert "0o17" in dump_yaml(document)
    assert load_bytes(dump_yaml(document)) == document


def test_libyaml_is_used_when_available() -> None:
    assert PARSER is not PurePythonParser


@pytest.mark.parametrize("path", valid_examples(), ids=lambda p: p.name)
def test_pure_python_parser_gives_the_same_data_and_positions(path: Path) -> None:
    data = path.read_bytes()
    fast_value, fast_positions = parse_yaml(data)
    slow_value, slow_positions = parse_yaml(data, PurePythonParser)
    assert fast_value == slow_value

    assert flat_positions(fast_positions) == flat_positions(slow_positions)


def test_pure_python_parser_refuses_the_same_hostile_input() -> None:
    deep = b"a: " + b"[" * 1000 + b"]" * 1000 + b"\n"
    with pytest.raises(ParseError) as caught:
        parse_yaml(deep, PurePythonParser)
    assert caught.value.code == "YAML003"
