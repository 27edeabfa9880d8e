"""Hypothesis strategies that generate documents from sopmodel's own JSON Schema.

Values (strings with their patterns and lengths, bounded numbers) come from
hypothesis-jsonschema; objects and lists are composed here, because hypothesis-jsonschema
0.23 does not follow recursive references and its object generator no longer runs on
current Hypothesis releases.
"""

from __future__ import annotations

from typing import Any

import hypothesis_jsonschema
from hypothesis import strategies as st

MAX_DEPTH = 8
_ANNOTATIONS = ("description", "title", "examples", "default")


def from_schema(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Return a strategy for instances of a JSON Schema (the subset sopmodel's schemas use)."""
    return _node(schema, schema.get("$defs", {}), 0)


def _value(node: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Return hypothesis-jsonschema's strategy for a scalar schema."""
    bare = {k: v for k, v in node.items() if k not in _ANNOTATIONS}
    if bare.get("type") == "string" and "pattern" not in bare:
        bare["maxLength"] = min(bare.get("maxLength", 40), 40)
    return hypothesis_jsonschema.from_schema(bare)


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
    if kind in ("string", "integer", "number", "boolean"):
        return _value(node)
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


def inlined(schema: dict[str, Any], depth: int = 2) -> dict[str, Any]:
    """Return the schema with every $ref replaced by its definition, for generators that do
    not follow references; a definition nested in itself more than depth times admits only
    empty lists there. Every instance of the result is an instance of the schema."""
    defs = schema.get("$defs", {})

    def walk(node: Any, seen: tuple[str, ...]) -> Any:
        if isinstance(node, list):
            return [walk(item, seen) for item in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            if seen.count(name) >= depth:
                return False
            return walk(defs[name], (*seen, name))
        return {
            key: walk(value, seen)
            for key, value in node.items()
            if key not in ("$defs", "$id", "$schema", "examples")
        }

    result: dict[str, Any] = walk(schema, ())
    return _prune(result)


def _prune(node: Any) -> Any:
    """Turn arrays whose items are impossible (false) into arrays that must be empty."""
    if isinstance(node, list):
        return [_prune(item) for item in node]
    if not isinstance(node, dict):
        return node
    pruned = {key: _prune(value) for key, value in node.items()}
    if pruned.get("items") is False:
        pruned.pop("items")
        pruned["maxItems"] = 0
    return pruned
