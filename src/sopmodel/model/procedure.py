"""The procedure (SOP) model: who does what, in which order, and how to tell it went well."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field

from sopmodel.model.common import (
    KPI,
    Date,
    DocumentBase,
    Duration,
    FilePath,
    Flag,
    Id,
    Interval,
    Language,
    Role,
    Strict,
    Text,
)

__all__ = [
    "Approval",
    "Branch",
    "Category",
    "GlossaryEntry",
    "Image",
    "Layout",
    "Procedure",
    "Quality",
    "Requirement",
    "RequirementKind",
    "Review",
    "Revision",
    "Risk",
    "Severity",
    "Status",
    "Step",
    "SubStep",
    "Troubleshooting",
]


class Status(StrEnum):
    """Where a procedure stands in its approval life cycle."""

    draft = "draft"
    in_review = "in_review"
    approved = "approved"
    retired = "retired"


class Category(StrEnum):
    """The kind of procedure: general, instructional (detailed, risky) or administrative."""

    general = "general"
    instructional = "instructional"
    administrative = "administrative"


class Layout(StrEnum):
    """How the procedure is best presented: a list, a hierarchy, or a flowchart."""

    steps = "steps"
    hierarchical = "hierarchical"
    flowchart = "flowchart"


class RequirementKind(StrEnum):
    """What sort of thing a requirement is."""

    software = "software"
    tool = "tool"
    material = "material"
    document = "document"
    access = "access"


class Severity(StrEnum):
    """How bad it is when a risk happens."""

    low = "low"
    medium = "medium"
    high = "high"
    critical = "critical"


class Requirement(Strict):
    """A tool, piece of software, material, document or access needed to follow the procedure."""

    name: Text
    """What is needed (CRM, torque wrench, order form)."""
    kind: RequirementKind = RequirementKind.tool
    """What sort of thing it is."""
    details: str | None = None
    """Version, quantity, where to find it."""


class GlossaryEntry(Strict):
    """A term or acronym the procedure uses, with its meaning."""

    term: Text
    """The term or acronym as it appears in the text (CRM, FO)."""
    definition: Text
    """What it means here."""


class Image(Strict):
    """A picture shown with a step: a screenshot, a photo, a diagram."""

    path: FilePath
    """The image file, relative to the procedure file."""
    caption: str | None = None
    """The caption printed under the image."""
    alt: str | None = None
    """A text alternative for readers who cannot see the image."""


class Branch(Strict):
    """One outcome of a decision and the step it leads to."""

    when: Text
    """The answer or condition that selects this branch (yes, no, amount > 5,000 EUR)."""
    goto: Id
    """The id of the step to go to."""


class SubStep(Strict):
    """A part of a step, numbered under it (2.1, 2.2)."""

    id: Id | None = None
    """An identifier, needed only if something refers to this sub-step."""
    title: Text
    """What to do, as a short imperative sentence."""
    role: Id | None = None
    """The role that does it, when it differs from the parent step's role."""
    details: str | None = None
    """How to do it: one or more paragraphs."""
    duration: Duration | None = None
    """How long it takes (30min, 2h, PT30M)."""
    check: str | None = None
    """An error-prevention point: what to verify before going on."""
    warning: str | None = None
    """A caution the reader must see before doing it."""
    image: Image | None = None
    """A picture that shows how."""
    substeps: list[SubStep] = Field(default_factory=list)
    """Finer parts of this sub-step."""


class Step(SubStep):
    """A numbered step of the procedure; it may branch (decision), jump (next) or end the flow."""

    decision: list[Branch] | None = None
    """The branches of a decision step: each outcome and the step it leads to."""
    next: Id | None = None
    """The id of the step that follows, when it is not the next one in the list."""
    end: Flag = False
    """True when the procedure ends after this step."""


class Quality(Strict):
    """How to tell the procedure was done well."""

    criteria: list[Text] = Field(default_factory=list)
    """Observable success criteria or standards."""
    kpis: list[KPI] = Field(default_factory=list)
    """Indicators measured over time."""


class Risk(Strict):
    """A safety, quality or compliance risk and how to avoid it."""

    risk: Text
    """What can go wrong."""
    severity: Severity
    """How bad it is when it happens."""
    mitigation: Text
    """How to prevent it or limit its effect."""
    step: Id | None = None
    """The id of the step where the risk arises, if any."""


class Troubleshooting(Strict):
    """A common problem, its cause and its solution."""

    problem: Text
    """What the person following the procedure observes."""
    cause: str | None = None
    """Why it usually happens."""
    solution: Text
    """What to do about it."""
    step: Id | None = None
    """The id of the step where the problem shows up, if any."""


class Review(Strict):
    """How often the procedure is reviewed, and when it last was."""

    interval: Interval = "annual"
    """monthly, quarterly, semiannual, annual, or ISO 8601 (P3M)."""
    last_reviewed: Date | None = None
    """The date of the last review."""


class Approval(Strict):
    """A named approval of the procedure."""

    role: Id
    """The role of the approver."""
    name: Text
    """The approver's name."""
    date: Date | None = None
    """When the procedure was approved."""


class Revision(Strict):
    """One entry of the revision history."""

    version: Text
    """The version this revision produced (1.2.0)."""
    date: Date
    """When the revision was made."""
    author: str | None = None
    """Who made it."""
    changes: str | None = None
    """What changed."""


class Procedure(DocumentBase):
    """A standard operating procedure: objective, roles, ordered steps and quality controls."""

    sopmodel: Literal[1] = 1
    """The file format version: always 1."""
    kind: Literal["procedure"] = "procedure"
    """The document kind: procedure."""
    id: Id
    """The procedure's identifier (SALES-001)."""
    title: Text
    """What the procedure covers, in a few words."""
    version: Text = "0.1.0"
    """The current version; the latest revision must carry it."""
    status: Status = Status.draft
    """draft, in_review, approved or retired."""
    language: Language = Language.en
    """The language the procedure is written in (en, fr); labels follow it."""
    category: Category = Category.general
    """general, instructional or administrative."""
    layout: Layout = Layout.steps
    """How the steps are best presented: steps, hierarchical or flowchart."""
    objective: str | None = None
    """Why the procedure matters."""
    scope: str | None = None
    """What it covers and what it does not."""
    owner: Id | None = None
    """The id of the role that owns the procedure."""
    effective: Date | None = None
    """The date from which the procedure applies."""
    keywords: list[Text] = Field(default_factory=list)
    """Words to find the procedure by."""
    roles: list[Role] = Field(default_factory=list)
    """The roles involved."""
    requirements: list[Requirement] = Field(default_factory=list)
    """The tools, software, materials, documents and access needed."""
    glossary: list[GlossaryEntry] = Field(default_factory=list)
    """Terms and acronyms used in the text."""
    steps: list[Step] = Field(min_length=1)
    """The steps, in the order they are done unless a step branches or jumps."""
    quality: Quality = Field(default_factory=Quality)
    """Success criteria and KPIs."""
    risks: list[Risk] = Field(default_factory=list)
    """Safety, quality and compliance risks."""
    troubleshooting: list[Troubleshooting] = Field(default_factory=list)
    """Common problems and their solutions."""
    review: Review | None = None
    """The review cadence."""
    approvals: list[Approval] = Field(default_factory=list)
    """Who approved the procedure."""
    revisions: list[Revision] = Field(default_factory=list)
    """The revision history, oldest first."""

    def transitions(self) -> list[list[tuple[int, str | None]]]:
        """Return, for each top-level step, the (index, branch label) of the steps that follow.

        Steps run in order unless a step ends (`end`), branches (`decision`) or jumps
        (`next`); the last step ends the procedure. Targets that name no top-level step
        are left out (a rule reports them).
        """
        index = {step.id: i for i, step in enumerate(self.steps) if step.id}
        last = len(self.steps) - 1
        result: list[list[tuple[int, str | None]]] = []
        for i, step in enumerate(self.steps):
            if step.end:
                result.append([])
            elif step.decision:
                result.append([(index[b.goto], b.when) for b in step.decision if b.goto in index])
            elif step.next:
                result.append([(index[step.next], None)] if step.next in index else [])
            else:
                result.append([(i + 1, None)] if i < last else [])
        return result
