"""Hypothesis strategies that generate documents from sopmodel's own JSON Schema."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

MAX_DEPTH = 8


def from_schema(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Return a strategy for instances of a JSON Schema (the subset sopmodel's schemas use)."""
    return _node(schema, schema.get("$defs", {}), 0)


def _string(node: dict[str, Any]) -> st.SearchStrategy[str]:
    if node.get("format") == "date":
        return st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat)
    pattern = node.get("pattern")
    if pattern == r"\S":
        return st.text(min_size=1, max_size=40).filter(lambda s: bool(s.strip()))
    if pattern:
        return st.from_regex(pattern, fullmatch=True)
    return st.text(min_size=node.get("minLength", 0), max_size=40)


def _node(node: dict[str, Any], defs: dict[str, Any], depth: int) -> st.SearchStrategy[Any]:
    if "$ref" in node:
        return _node(defs[node["$ref"].rsplit("/", 1)[-1]], defs, depth + 1)
    if "const" in node:
        return st.just(node["const"])
    if "enum" in node:
        return st.sampled_from(node["enum"])
    if "anyOf" in node:
        return st.one_of([_node(option, defs, depth) for option in node["anyOf"]])
    kind = node.get("type")
    if kind == "string":
        return _string(node)
    if kind == "integer":
        return st.integers(node.get("minimum", -(10**6)), node.get("maximum", 10**6))
    if kind == "number":
        return st.floats(-1e9, 1e9, allow_nan=False) | st.integers(-1000, 1000)
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    if kind == "array":
        least = node.get("minItems", 0)
        if depth >= MAX_DEPTH and not least:
            return st.just([])
        most = 3
        return st.lists(
            _node(node["items"], defs, depth + 1), min_size=least, max_size=max(least, most)
        )
    if kind == "object":
        properties = node.get("properties", {})
        required = set(node.get("required", ()))
        return st.fixed_dictionaries(
            {k: _node(v, defs, depth + 1) for k, v in properties.items() if k in required},
            optional={
                k: _node(v, defs, depth + 1) for k, v in properties.items() if k not in required
            },
        )
    raise ValueError(f"schema node not covered by the test strategy: {node}")
