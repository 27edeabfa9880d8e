"""What procedures and plans both carry beside their structure: notes, links, attachments, risks."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import field_validator, model_validator
from pydantic.json_schema import SkipJsonSchema

from sopmodel.model.common import FilePath, Id, Strict, Text

__all__ = ["Attachment", "Link", "Note", "NoteLevel", "Risk", "Severity"]


class NoteLevel(StrEnum):
    """How serious a note is: the signal words of ISO 3864 and ANSI Z535, then plain notes."""

    danger = "danger"
    warning = "warning"
    caution = "caution"
    notice = "notice"
    info = "info"

    @property
    def rank(self) -> int:
        """Return 0 for danger, the most serious, up to 4 for info."""
        return list(NoteLevel).index(self)


class Note(Strict):
    """A callout: a hazard, a precaution or a tip, shown where the reader needs it."""

    level: NoteLevel = NoteLevel.info
    """danger, warning, caution, notice or info."""
    text: Text
    """What the reader must know, in Markdown."""


class Link(Strict):
    """A reference: a web page (url) or another procedure (procedure, by its id)."""

    model_config = {
        "json_schema_extra": {
            "oneOf": [{"required": ["url"]}, {"required": ["procedure"]}],
        }
    }

    title: Text | None = None
    """What the reader finds there; for a web page without a title, the address is shown."""
    url: Text | SkipJsonSchema[None] = None
    """The address: http, https or mailto."""
    procedure: Id | SkipJsonSchema[None] = None
    """The id of another procedure."""

    @field_validator("url", "procedure", mode="before")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        if value is None:
            raise ValueError("write a value, or leave the key out")
        return value

    @model_validator(mode="before")
    @classmethod
    def _one_target(cls, data: Any) -> Any:
        if isinstance(data, dict) and ("url" in data) == ("procedure" in data):
            raise ValueError(
                "a link needs either url (a web page) or procedure (the id of a procedure),"
                " not both and not neither"
            )
        return data


class Attachment(Strict):
    """A form, template or sample kept next to the procedure file."""

    title: Text
    """What it is (Refund request form)."""
    path: FilePath
    """The file, relative to the procedure file."""


class Severity(StrEnum):
    """How bad it is when a risk happens."""

    low = "low"
    medium = "medium"
    high = "high"
    critical = "critical"


class Risk(Strict):
    """A safety, quality or compliance risk and how to avoid it."""

    risk: Text
    """What can go wrong."""
    severity: Severity
    """How bad it is when it happens."""
    mitigation: Text
    """How to prevent it or limit its effect."""
