"""Types shared by procedures and plans: the base model, roles, KPIs (and the value types)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from sopmodel.model.bounds import MAX_TEXT_CHARS
from sopmodel.model.values import (
    Date,
    Duration,
    DurationRange,
    FilePath,
    Flag,
    Id,
    Interval,
    Number,
    Text,
    TimeRange,
    WholeNumber,
    add_interval,
    format_duration,
    parse_date,
    parse_duration,
)

__all__ = [
    "KPI",
    "Approval",
    "Date",
    "Direction",
    "DocumentBase",
    "Duration",
    "DurationRange",
    "FilePath",
    "Flag",
    "Frequency",
    "Id",
    "Interval",
    "Language",
    "Number",
    "Role",
    "SourceRef",
    "Status",
    "Strict",
    "Text",
    "TimeRange",
    "WholeNumber",
    "add_interval",
    "format_duration",
    "parse_date",
    "parse_duration",
]


class Strict(BaseModel):
    """Base of every model: unknown keys are errors, docstrings document fields, and values
    are checked when set as well as when loaded.

    The validators are built when a model is first used, and the field docstrings are read
    only for the JSON Schema (model/schema.py): importing the models stays cheap.
    """

    model_config = ConfigDict(
        extra="forbid",
        defer_build=True,
        str_strip_whitespace=True,
        str_max_length=MAX_TEXT_CHARS,
        validate_default=False,
        validate_assignment=True,
    )


class SourceRef:
    """Where a loaded document came from (its file and source map); not part of its value.

    Two documents with equal fields are equal wherever they were read from.
    """

    __slots__ = ("origin",)

    def __init__(self, origin: Any = None) -> None:
        self.origin = origin

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SourceRef)

    __hash__ = None  # type: ignore[assignment]

    def __copy__(self) -> SourceRef:
        return SourceRef(self.origin)

    def __deepcopy__(self, memo: dict[int, Any]) -> SourceRef:
        return SourceRef(self.origin)  # the source map is never changed: share it

    def __reduce__(self) -> tuple[type[SourceRef], tuple[Any]]:
        return (SourceRef, (self.origin,))


class DocumentBase(Strict):
    """Base of a whole document (procedure or plan): it carries where it was loaded from."""

    _source: SourceRef = PrivateAttr(default_factory=SourceRef)


class Language(StrEnum):
    """A language the documents and their labels can be written in."""

    en = "en"
    fr = "fr"


class Direction(StrEnum):
    """Which way a KPI should move."""

    increase = "increase"
    decrease = "decrease"
    maintain = "maintain"


class Frequency(StrEnum):
    """How often a KPI is measured or a meeting is held."""

    daily = "daily"
    weekly = "weekly"
    biweekly = "biweekly"
    monthly = "monthly"
    quarterly = "quarterly"


class Role(Strict):
    """A role that performs, owns or approves work."""

    id: Id
    """The role's identifier, used by steps, owners and RACI entries."""
    name: Text
    """The role's name as readers know it (Account executive, Responsable logistique)."""
    holder: str | None = None
    """The person who currently holds the role, if it is worth naming."""
    responsibilities: list[Text] = Field(default_factory=list)
    """What the role is responsible for, one short sentence each."""


class KPI(Strict):
    """A key performance indicator: what is measured, which way it should go, and its target."""

    id: Id
    """The KPI's identifier, used by objectives and measurements."""
    name: Text
    """What is measured (On-time delivery)."""
    unit: str | None = None
    """The unit of the values (%, days, visits, EUR)."""
    direction: Direction = Direction.increase
    """Whether a higher value (increase), a lower value (decrease) or a steady value is better."""
    baseline: Number | None = None
    """The value measured before the work started."""
    target: Number | None = None
    """The value to reach."""
    frequency: Frequency = Frequency.weekly
    """How often the KPI is measured."""
    owner: Id | None = None
    """The role that measures and reports the KPI."""
    definition: str | None = None
    """How the value is computed, so that everyone measures it the same way."""


class Status(StrEnum):
    """Where a procedure or a plan stands in its approval life cycle."""

    draft = "draft"
    in_review = "in_review"
    approved = "approved"
    retired = "retired"


class Approval(Strict):
    """A named approval of a procedure or a plan."""

    role: Id
    """The role of the approver."""
    name: Text
    """The approver's name."""
    date: Date | None = None
    """When it was approved."""
    version: Text | None = None
    """The version approved; the current one when absent."""
