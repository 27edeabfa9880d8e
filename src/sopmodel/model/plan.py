"""The 90-day S&OP plan model: a few priorities, their KPIs, three phases, and who does what."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints

from sopmodel.model.bounds import WEEK, date_pattern, spaced, week_pattern
from sopmodel.model.common import (
    KPI,
    Approval,
    Date,
    DocumentBase,
    Frequency,
    Id,
    Language,
    Number,
    Role,
    Status,
    Strict,
    Text,
    WholeNumber,
    parse_date,
)
from sopmodel.model.content import Link, Note, Risk

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
    "period_days",
    "period_week",
]


def _as_list(value: Any) -> Any:
    """Accept one id where a list of ids is expected."""
    return [value] if isinstance(value, str) else value


IdList = Annotated[list[Id], BeforeValidator(_as_list, json_schema_input_type=Id | list[Id])]
"""One id or a list of ids."""


def _check_period(value: str) -> str:
    """Refuse a week or a day the calendar does not have (2027-W53, 2027-02-30)."""
    if "W" in value:
        if not WEEK.fullmatch(value):
            raise ValueError(
                f"{value} is not a week of the calendar: weeks run from W01 to W52, or W53"
                " in the years that have one, from 1900 to 2999"
            )
    else:
        parse_date(value)
    return value


Period = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9]{4}-(W[0-9]{2}|[0-9]{2}-[0-9]{2})$"),
    AfterValidator(_check_period),
    Field(
        description="An ISO week (2027-W02) or a date (2027-01-15).",
        examples=["2027-W02"],
        json_schema_extra={"pattern": spaced(f"{week_pattern()}|{date_pattern()}")},
    ),
]
"""The period a measurement belongs to: an ISO week or a day."""


def period_days(period: str) -> tuple[dt.date, dt.date]:
    """Return the first and last day of a valid period: Monday to Sunday of a week, or the day."""
    if "W" in period:
        year, week = period.split("-W")
        monday = dt.date.fromisocalendar(int(year), int(week), 1)
        return monday, monday + dt.timedelta(days=min(6, (dt.date.max - monday).days))
    day = dt.date.fromisoformat(period)
    return day, day


def period_week(period: str) -> tuple[int, int]:
    """Return the ISO (year, week) a valid period falls in: 2027-01-20 -> (2027, 3)."""
    year, week, _ = period_days(period)[0].isocalendar()
    return year, week


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
    due: Date | None = None
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
    start: Date
    """The first day of the phase."""
    end: Date
    """The last day of the phase."""
    goal: str | None = None
    """What the phase must deliver, in one sentence."""
    goals: list[Text] = Field(default_factory=list)
    """What the phase must deliver, one item each."""
    activities: list[Activity] = Field(default_factory=list)
    """The work done in the phase."""


class Objective(Strict):
    """A priority of the plan, measured by KPIs."""

    id: Id
    """The objective's identifier."""
    statement: Text
    """What is to be achieved (Cut late deliveries)."""
    priority: WholeNumber = Field(ge=1)
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
    date: Date
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
    value: Number
    """The value measured."""
    note: str | None = None
    """A comment on the value."""


class Plan(DocumentBase):
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
    start: Date
    """The first day of the plan."""
    horizon_days: WholeNumber = Field(default=90, ge=7, le=366)
    """How many days the plan lasts."""
    owner: Id | None = None
    """The role that owns the plan."""
    version: Text | None = None
    """The plan's current version (1.0.0), shown in its title block and sign-off."""
    status: Status | None = None
    """draft, in_review, approved or retired."""
    approvals: list[Approval] = Field(default_factory=list)
    """Who approved the plan, and which version."""
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
    notes: list[Note] = Field(default_factory=list)
    """Callouts for the whole plan: danger, warning, caution, notice or info."""
    links: list[Link] = Field(default_factory=list)
    """References: web pages and procedures."""
    risks: list[Risk] = Field(default_factory=list)
    """What could make the plan fail, and how to avoid it."""
    measurements: list[Measurement] = Field(default_factory=list)
    """Actual KPI values per period."""

    @property
    def end(self) -> dt.date:
        """Return the last day of the plan."""
        return self.start + dt.timedelta(days=self.horizon_days - 1)
