"""The JSON Schema of each document kind, for editors and other validators."""

from __future__ import annotations

from typing import Any

from sopmodel.model import MODELS
from sopmodel.model.bounds import MAX_TEXT_CHARS
from sopmodel.model.docstrings import describe_fields

__all__ = ["SCHEMA_ID", "json_schema"]

SCHEMA_ID = "urn:sopmodel:schema:{kind}:1"
"""The $id of the schema of a kind, format version 1."""


def json_schema(kind: str) -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of a document kind: procedure or plan."""
    describe_fields(MODELS[kind])
    schema = MODELS[kind].model_json_schema()
    schema["required"] = sorted({*schema.get("required", ()), "sopmodel", "kind"})
    _bound_strings(schema)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID.format(kind=kind),
        **schema,
    }


def _bound_strings(node: Any) -> None:
    """Give every string of the schema the loader's length limit (maxLength)."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if item.get("type") == "string" and "enum" not in item and "const" not in item:
                item.setdefault("maxLength", MAX_TEXT_CHARS)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
