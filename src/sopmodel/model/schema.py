"""The JSON Schema of each document kind, for editors and other validators."""

from __future__ import annotations

from typing import Any

from sopmodel.model import MODELS

__all__ = ["SCHEMA_ID", "json_schema"]

SCHEMA_ID = "urn:sopmodel:schema:{kind}:1"
"""The $id of the schema of a kind, format version 1."""


def json_schema(kind: str) -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of a document kind: procedure or plan."""
    schema = MODELS[kind].model_json_schema()
    schema["required"] = sorted({*schema.get("required", ()), "sopmodel", "kind"})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID.format(kind=kind),
        **schema,
    }
