"""The 90-day S&OP plan model: a few priorities, their KPIs, three phases, and who does what."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, StringConstraints

from sopmodel.model.common import KPI, Frequency, Id, Language, Role, Strict, Text

__all__ = [
    "RACI",
    "Activity",
    "ActivityStatus",
    "Measurement",
    "Meeting",
    "Milestone",
    "MilestoneKind",
    "Objective",
    "Period",
    "Phase",
    "Plan",
    "Weekday",
]


def _as_list(value: Any) -> Any:
    """Accept one id where a list of ids is expected."""
    return [value] if isinstance(value, str) else value


IdList = Annotated[list[Id], BeforeValidator(_as_list)]
"""One id or a list of ids."""

Period = Annotated[
    str,
    StringConstraints(
        pattern=r"^\d{4}-(W(0[1-9]|[1-4]\d|5[0-3])|(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))$"
    ),
    Field(description="An ISO week (2027-W02) or a date (2027-01-15).", examples=["2027-W02"]),
]
"""The period a measurement belongs to."""


class ActivityStatus(StrEnum):
    """How far an activity has got."""

    planned = "planned"
    in_progress = "in_progress"
    done = "done"
    blocked = "blocked"
    cancelled = "cancelled"


class MilestoneKind(StrEnum):
    """What a milestone marks."""

    milestone = "milestone"
    review = "review"
    retrospective = "retrospective"


class Weekday(StrEnum):
    """A day of the week."""

    monday = "monday"
    tuesday = "tuesday"
    wednesday = "wednesday"
    thursday = "thursday"
    friday = "friday"
    saturday = "saturday"
    sunday = "sunday"


class RACI(Strict):
    """Who is Responsible, Accountable, Consulted and Informed for an activity."""

    responsible: IdList = Field(default_factory=list)
    """The roles that do the work."""
    accountable: IdList = Field(default_factory=list)
    """The one role that answers for the result."""
    consulted: IdList = Field(default_factory=list)
    """The roles asked for their opinion before or during the work."""
    informed: IdList = Field(default_factory=list)
    """The roles told of the outcome."""


class Activity(Strict):
    """A piece of work in a phase, with its due date and RACI."""

    id: Id
    """The activity's identifier."""
    title: Text
    """What is done."""
    due: dt.date | None = None
    """When it must be done."""
    raci: RACI = Field(default_factory=RACI)
    """Who is responsible, accountable, consulted and informed."""
    status: ActivityStatus = ActivityStatus.planned
    """How far it has got."""
    procedure: Id | None = None
    """The id of a procedure this activity writes, changes or applies."""
    notes: str | None = None
    """Anything worth knowing."""


class Phase(Strict):
    """A period of the plan (diagnostic, planning, actions and adjustments)."""

    id: Id
    """The phase's identifier."""
    name: Text
    """The phase's name."""
    start: dt.date
    """The first day of the phase."""
    end: dt.date
    """The last day of the phase."""
    goal: str | None = None
    """What the phase must deliver."""
    activities: list[Activity] = Field(default_factory=list)
    """The work done in the phase."""


class Objective(Strict):
    """A priority of the plan, measured by KPIs."""

    id: Id
    """The objective's identifier."""
    statement: Text
    """What is to be achieved (Cut late deliveries)."""
    priority: int = Field(ge=1)
    """1 for the most important."""
    owner: Id | None = None
    """The role that answers for the objective."""
    kpis: list[Id] = Field(default_factory=list)
    """The ids of the KPIs that measure it."""


class Milestone(Strict):
    """A key date of the plan."""

    id: Id
    """The milestone's identifier."""
    title: Text
    """What happens on that date."""
    date: dt.date
    """When."""
    kind: MilestoneKind = MilestoneKind.milestone
    """milestone, review or retrospective."""


class Meeting(Strict):
    """A recurring meeting of the plan."""

    id: Id
    """The meeting's identifier."""
    title: Text
    """The meeting's name."""
    cadence: Frequency
    """How often it is held."""
    weekday: Weekday | None = None
    """The day it is held on."""
    duration: str | None = None
    """How long it lasts (30min)."""
    owner: Id | None = None
    """The role that runs it."""
    participants: list[Id] = Field(default_factory=list)
    """The roles that attend."""


class Measurement(Strict):
    """An actual value of a KPI for one period."""

    kpi: Id
    """The id of the KPI."""
    period: Period
    """The ISO week (2027-W02) or date of the value."""
    value: float
    """The value measured."""
    note: str | None = None
    """A comment on the value."""


class Plan(Strict):
    """A 90-day S&OP plan: few prioritised objectives, weekly KPIs, three phases, RACI."""

    sopmodel: Literal[1] = 1
    """The file format version: always 1."""
    kind: Literal["plan"] = "plan"
    """The document kind: plan."""
    id: Id
    """The plan's identifier (PLAN-2027-Q1)."""
    title: Text
    """The plan's title."""
    organization: str | None = None
    """The company the plan is for."""
    language: Language = Language.en
    """The language the plan is written in (en, fr); labels follow it."""
    start: dt.date
    """The first day of the plan."""
    horizon_days: int = Field(default=90, ge=7, le=366)
    """How many days the plan lasts."""
    owner: Id | None = None
    """The role that owns the plan."""
    roles: list[Role] = Field(default_factory=list)
    """The roles involved."""
    objectives: list[Objective] = Field(default_factory=list)
    """The priorities: few, measurable, owned."""
    kpis: list[KPI] = Field(default_factory=list)
    """The KPIs followed every week."""
    phases: list[Phase] = Field(default_factory=list)
    """The phases (month 1 diagnostic, month 2 planning, month 3 actions and adjustments)."""
    milestones: list[Milestone] = Field(default_factory=list)
    """Key dates, the final retrospective among them."""
    meetings: list[Meeting] = Field(default_factory=list)
    """The meeting rhythm."""
    procedures: list[Id] = Field(default_factory=list)
    """The ids of the procedures the plan relies on."""
    measurements: list[Measurement] = Field(default_factory=list)
    """Actual KPI values per period."""

    @property
    def end(self) -> dt.date:
        """Return the last day of the plan."""
        return self.start + dt.timedelta(days=self.horizon_days - 1)
