"""The typed model of sopmodel documents: pydantic types only, no I/O."""

from sopmodel.model.common import (
    KPI,
    Approval,
    Direction,
    Frequency,
    Language,
    Role,
    Status,
    TimeRange,
)
from sopmodel.model.content import Attachment, Link, Note, NoteLevel, Severity
from sopmodel.model.plan import (
    RACI,
    Activity,
    Measurement,
    Meeting,
    Milestone,
    Objective,
    Phase,
    Plan,
)
from sopmodel.model.procedure import (
    Branch,
    Category,
    GlossaryEntry,
    Image,
    Layout,
    Outcome,
    Procedure,
    Quality,
    Requirement,
    Review,
    Revision,
    Risk,
    Step,
    SubStep,
    Trial,
    Troubleshooting,
)
from sopmodel.model.records import Person, Reading, ReadingKind, Records

Document = Procedure | Plan
"""A document sopmodel checks and exports: a procedure or a plan."""

AnyDocument = Procedure | Plan | Records
"""Any document sopmodel reads: a procedure, a plan, or training records."""

MODELS: dict[str, type[Procedure] | type[Plan] | type[Records]] = {
    "procedure": Procedure,
    "plan": Plan,
    "records": Records,
}
"""The model of each document kind, by the value of its `kind` key."""

__all__ = [
    "KPI",
    "MODELS",
    "RACI",
    "Activity",
    "AnyDocument",
    "Approval",
    "Attachment",
    "Branch",
    "Category",
    "Direction",
    "Document",
    "Frequency",
    "GlossaryEntry",
    "Image",
    "Language",
    "Layout",
    "Link",
    "Measurement",
    "Meeting",
    "Milestone",
    "Note",
    "NoteLevel",
    "Objective",
    "Outcome",
    "Person",
    "Phase",
    "Plan",
    "Procedure",
    "Quality",
    "Reading",
    "ReadingKind",
    "Records",
    "Requirement",
    "Review",
    "Revision",
    "Risk",
    "Role",
    "Severity",
    "Status",
    "Step",
    "SubStep",
    "TimeRange",
    "Trial",
    "Troubleshooting",
]
