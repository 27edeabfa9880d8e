"""The procedure (SOP) model: who does what, in which order, and how to tell it went well."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field

from sopmodel.model.common import (
    KPI,
    Approval,
    Date,
    DocumentBase,
    Duration,
    DurationRange,
    FilePath,
    Flag,
    Id,
    Interval,
    Language,
    Role,
    Status,
    Strict,
    Text,
)
from sopmodel.model.content import Attachment, Link, Note, NoteLevel, Severity
from sopmodel.model.content import Risk as BaseRisk

__all__ = [
    "Approval",
    "Attachment",
    "Branch",
    "Category",
    "GlossaryEntry",
    "Image",
    "Layout",
    "Link",
    "Note",
    "NoteLevel",
    "Outcome",
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
    "Trial",
    "Troubleshooting",
]


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
    ppe = "ppe"
    """Personal protective equipment: gloves, goggles, a face shield."""


class Outcome(StrEnum):
    """What a trial of the procedure concluded."""

    passed = "passed"
    changes_needed = "changes-needed"
    failed = "failed"


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
    """A part of a step, numbered under it (2.1, 2.2); sub-steps nest to any depth."""

    id: Id | None = None
    """An identifier, needed only if something refers to this sub-step."""
    title: Text
    """What to do, as a short imperative sentence."""
    role: Id | Annotated[list[Id], Field(min_length=1)] | None = Field(
        default=None, union_mode="left_to_right"
    )
    """The role that does it, or several who do it together (the first leads); a sub-step
    without one is done by its parent step's role."""
    when: Text | None = None
    """The case in which the step is done (The amount is above 40,000 EUR); always if absent."""
    details: str | None = None
    """How to do it, in Markdown: paragraphs, lists, **bold**, *italic*, `code`, links, tables."""
    duration: DurationRange | None = None
    """How long it takes: 30min, 2h, 30s, PT30M, or a range such as 10-15min."""
    within: Duration | None = None
    """The time allowed to get it done, counted from the start of the procedure (4h)."""
    repeat: Text | None = None
    """When the step is repeated, for what (for each supplier)."""
    check: str | None = None
    """An error-prevention point: what to verify before going on."""
    warning: str | None = None
    """A caution the reader must see before doing it (a note of level warning)."""
    notes: list[Note] = Field(default_factory=list)
    """Callouts shown with the step: danger, warning, caution, notice or info."""
    links: list[Link] = Field(default_factory=list)
    """Web pages or other procedures the step refers to."""
    attachments: list[Attachment] = Field(default_factory=list)
    """Forms and templates used in the step."""
    image: Image | None = None
    """A picture that shows how."""
    substeps: list[SubStep] = Field(default_factory=list)
    """Finer parts of this step."""

    @property
    def role_ids(self) -> tuple[str, ...]:
        """Return the ids of the roles that do the step, the lead first ((): none given)."""
        if self.role is None:
            return ()
        return (self.role,) if isinstance(self.role, str) else tuple(self.role)

    @property
    def lead_role(self) -> str | None:
        """Return the id of the role that leads the step, or None when none is given."""
        return self.role_ids[0] if self.role_ids else None

    def all_notes(self) -> list[Note]:
        """Return the step's notes with its `warning` as a note of level warning, most serious
        first (in source order within a level)."""
        notes = list(self.notes)
        if self.warning:
            notes.insert(0, Note(level=NoteLevel.warning, text=self.warning))
        return sorted(notes, key=lambda note: note.level.rank)


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


class Risk(BaseRisk):
    """A safety, quality or compliance risk of the procedure, and how to avoid it."""

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


class Trial(Strict):
    """A try of the procedure by someone less familiar with it, before it becomes official."""

    date: Date
    """When the procedure was tried."""
    tester: Text
    """Who tried it (Julie, new sales assistant)."""
    version: Text | None = None
    """The version tried (1.2.0-rc1)."""
    outcome: Outcome
    """passed, changes-needed or failed."""
    steps: list[Id] = Field(default_factory=list)
    """The ids of the steps the tester found confusing."""
    remarks: str | None = None
    """What the tester said."""


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
    organization: str | None = None
    """The company or team the procedure belongs to, shown on the title page and slide."""
    effective: Date | None = None
    """The date from which the procedure applies."""
    keywords: list[Text] = Field(default_factory=list)
    """Words to find the procedure by."""
    roles: list[Role] = Field(default_factory=list)
    """The roles involved."""
    requirements: list[Requirement] = Field(default_factory=list)
    """The tools, software, materials, documents, access and protective equipment needed."""
    glossary: list[GlossaryEntry] = Field(default_factory=list)
    """Terms and acronyms used in the text."""
    notes: list[Note] = Field(default_factory=list)
    """Callouts for the whole procedure, shown before the steps."""
    links: list[Link] = Field(default_factory=list)
    """References: web pages and other procedures."""
    attachments: list[Attachment] = Field(default_factory=list)
    """Forms, templates and sample letters kept next to the procedure."""
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
    """Who approved the procedure, and which version."""
    trials: list[Trial] = Field(default_factory=list)
    """Tries of the procedure by people less familiar with it."""
    revisions: list[Revision] = Field(default_factory=list)
    """The revision history, oldest first or newest first."""

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
