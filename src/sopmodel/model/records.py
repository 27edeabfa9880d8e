"""The training record model: who holds which roles, and who read, was trained on, performed
or verified which procedure, at which version, on which date."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, StringConstraints

from sopmodel.model.bounds import spaced
from sopmodel.model.common import Date, DocumentBase, Id, Language, Strict, Text

__all__ = ["Fingerprint", "Person", "Reading", "ReadingKind", "Records"]


def _as_list(value: Any) -> Any:
    """Accept one id where a list of ids is expected."""
    return [value] if isinstance(value, str) else value


Fingerprint = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9a-f]{8,64}$"),
    Field(
        description="A step's fingerprint, as sopmodel computes it: 8 to 64 lowercase hex digits.",
        examples=["3f9a1c0e7b2d4a65"],
        json_schema_extra={"pattern": spaced("[0-9a-f]{8,64}")},
    ),
]
"""What a step said when it was read, as `sopmodel.changes.step_fingerprints` computes it."""


class ReadingKind(StrEnum):
    """How a person came to know a procedure."""

    read = "read"
    """Read it and acknowledged it."""
    trained = "trained"
    """Was trained on it by someone."""
    performed = "performed"
    """Performed it, as the operator of a filled checklist."""
    verified = "verified"
    """Verified someone perform it, as the verifier of a filled checklist."""


class Person(Strict):
    """Someone whose training is recorded, and the roles they hold."""

    id: Id
    """The person's identifier, used by the entries (julie-moreau, J.MOREAU)."""
    name: Text
    """The person's name as colleagues write it; a filled checklist is matched by it."""
    roles: Annotated[list[Id], BeforeValidator(_as_list, json_schema_input_type=Id | list[Id])] = (
        Field(default_factory=list)
    )
    """The ids of the roles they hold, in every procedure that has these roles."""
    since: Date | None = None
    """When they took these roles: a newcomer's grace period to read counts from it."""


class Reading(Strict):
    """One record: a person read, was trained on, performed or verified a procedure version."""

    person: Id
    """The id of the person, among `people`."""
    procedure: Id
    """The id of the procedure (SALES-001)."""
    version: Text
    """The version of the procedure they read (1.2.0)."""
    date: Date
    """When."""
    activity: ReadingKind = ReadingKind.read
    """read, trained, performed or verified."""
    trainer: Text | None = None
    """Who trained them, for a training."""
    steps: dict[Id, Fingerprint] | None = None
    """The fingerprints of the steps of their roles at that version, by step id (or number
    when a step has no id); sopmodel writes them so that what changed since can be told
    without the procedure's history ({} when their roles had no step)."""
    source: str | None = None
    """Where the record comes from: a signed sheet, a filled checklist (its file name)."""


class Records(DocumentBase):
    """Training records of a team: its people, their roles, and what each read and when."""

    sopmodel: Literal[1] = 1
    """The file format version: always 1."""
    kind: Literal["records"] = "records"
    """The document kind: records."""
    id: Id
    """The record file's identifier (SALES-TEAM-RECORDS)."""
    title: Text
    """What the records cover (Sales team training records)."""
    language: Language = Language.en
    """The language of the file (en, fr); `sopmodel status` labels follow it."""
    organization: str | None = None
    """The company or team the records belong to."""
    people: list[Person] = Field(default_factory=list)
    """The people, with the roles they hold."""
    entries: list[Reading] = Field(default_factory=list)
    """Who read, was trained on, performed or verified which procedure version, and when."""
