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

Document = Procedure | Plan
"""Any document sopmodel reads: a procedure or a plan."""

MODELS: dict[str, type[Procedure] | type[Plan]] = {"procedure": Procedure, "plan": Plan}
"""The model of each document kind, by the value of its `kind` key."""

__all__ = [
    "KPI",
    "MODELS",
    "RACI",
    "Activity",
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
    "Phase",
    "Plan",
    "Procedure",
    "Quality",
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
