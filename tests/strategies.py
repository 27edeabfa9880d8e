"""Hypothesis strategies that generate documents from sopmodel's own JSON Schema.

Values (strings with their patterns and lengths, bounded numbers) come from
hypothesis-jsonschema; objects and lists are composed here, because hypothesis-jsonschema
0.23 does not follow recursive references and its object generator no longer runs on
current Hypothesis releases.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import hypothesis_jsonschema
from hypothesis import strategies as st

from sopmodel.model.bounds import date_pattern, spaced

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
