"""Hypothesis strategies that generate documents from sopmodel's own JSON Schema.

Values (strings with their patterns and lengths, bounded numbers) come from
hypothesis-jsonschema; objects and lists are composed here, because hypothesis-jsonschema
0.23 does not follow recursive references and its object generator no longer runs on
current Hypothesis releases.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import hypothesis_jsonschema
from hypothesis import strategies as st

from sopmodel.model.bounds import date_pattern, spaced
from sopmodel.model.schema import json_schema

MAX_DEPTH = 8
_ANNOTATIONS = ("description", "title", "examples", "default")
_DATE = spaced(date_pattern())
COMMON_DATES = st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat)
"""Dates of this century: what documents hold, and what every exporter handles today."""


def from_schema(schema: dict[str, Any], full_calendar: bool = False) -> st.SearchStrategy[Any]:
    """Return a strategy for instances of a JSON Schema (the subset sopmodel's schemas use).

    Dates are of this century unless full_calendar: then any date the schema accepts
    (1900-01-01 to 2999-12-31), written as the schema allows (spaces around included).
    """
    return _node(schema, schema.get("$defs", {}), 0, full_calendar)


def _value(node: dict[str, Any], full_calendar: bool) -> st.SearchStrategy[Any]:
    """Return hypothesis-jsonschema's strategy for a scalar schema."""
    if node.get("pattern") == _DATE and not full_calendar:
        return COMMON_DATES
    bare = {k: v for k, v in node.items() if k not in _ANNOTATIONS}
    if bare.get("type") == "string" and "pattern" not in bare:
        bare["maxLength"] = min(bare.get("maxLength", 40), 40)
    return hypothesis_jsonschema.from_schema(bare)


def _node(
    node: dict[str, Any], defs: dict[str, Any], depth: int, full: bool
) -> st.SearchStrategy[Any]:
    if "$ref" in node:
        return _node(defs[node["$ref"].rsplit("/", 1)[-1]], defs, depth + 1, full)
    if "const" in node:
        return st.just(node["const"])
    if "enum" in node:
        return st.sampled_from(node["enum"])
    if "anyOf" in node:
        return st.one_of([_node(option, defs, depth, full) for option in node["anyOf"]])
    kind = node.get("type")
    if kind in ("string", "integer", "number", "boolean"):
        return _value(node, full)
    if kind == "null":
        return st.none()
    if kind == "array":
        least = node.get("minItems", 0)
        if depth >= MAX_DEPTH and not least:
            return st.just([])
        most = 3
        return st.lists(
            _node(node["items"], defs, depth + 1, full), min_size=least, max_size=max(least, most)
        )
    if kind == "object" and "oneOf" in node:  # exactly one of some keys (a link's target)
        choices = [set(option["required"]) for option in node["oneOf"]]
        everyone = set().union(*choices)
        return st.one_of(
            [
                _node(
                    {
                        **{k: v for k, v in node.items() if k != "oneOf"},
                        "properties": {
                            k: v
                            for k, v in node.get("properties", {}).items()
                            if k not in everyone - choice
                        },
                        "required": [*node.get("required", ()), *choice],
                    },
                    defs,
                    depth,
                    full,
                )
                for choice in choices
            ]
        )
    if kind == "object":
        properties = node.get("properties", {})
        required = set(node.get("required", ()))
        return st.fixed_dictionaries(
            {k: _node(v, defs, depth + 1, full) for k, v in properties.items() if k in required},
            optional={
                k: _node(v, defs, depth + 1, full)
                for k, v in properties.items()
                if k not in required
            },
        )
    raise ValueError(f"schema node not covered by the test strategy: {node}")


# Values swapped in: wrong types, lax forms, ends of the calendar, control characters.
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
# JSON text put in as it is: huge numbers, escapes, long text, broken JSON.
RAW: list[str] = [
    "1e400", "-1e400", "9" * 4301, "1" + "0" * 99, "1" * 101, "-0", "1E2", "0.5e-400",
    '"\\ud83d\\ude9a"', '"\\u0000"', '"\\u001c"', '"\\/"', '"' + "a" * 100_001 + '"',
    '"' + "a" * 100_000 + '"', "0x1F", "NaN", "[1,]", "",
]  # fmt: skip
# Whole files that are not a mapping.
ROOTS: list[str] = ["", " ", "null", "[]", "[{}]", "1", '"text"', "true", "{}"]


def value_paths(value: Any, root: bool = True) -> list[tuple[Any, ...]]:
    """Return the path of every value inside value (keys and indexes), the root's () first."""
    found: list[tuple[Any, ...]] = [()] if root else []
    stack: list[tuple[tuple[Any, ...], Any]] = [((), value)]
    while stack:
        prefix, current = stack.pop()
        if isinstance(current, dict | list):
            items = current.items() if isinstance(current, dict) else enumerate(current)
            children = [((*prefix, key), item) for key, item in items]
            found += [path for path, _ in children]
            stack += reversed(children)
    return found


@st.composite
def json_texts(draw: st.DrawFn, kind: str) -> str:
    """Return the JSON text of a schema-generated document, possibly mutated."""
    if draw(st.integers(0, 19)) == 0:
        return draw(st.sampled_from(ROOTS))
    document: Any = draw(from_schema(json_schema(kind), full_calendar=True))
    raws: list[str] = []
    for _ in range(draw(st.integers(0, 3))):
        path = draw(st.sampled_from(value_paths(document)))
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
            target = draw(
                st.sampled_from([p for p in value_paths(document) if _is_map(document, p)])
            )
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
