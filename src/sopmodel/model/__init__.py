"""The typed model of sopmodel documents: pydantic types only, no I/O."""

from sopmodel.model.common import KPI, Direction, Frequency, Language, Role
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
    Approval,
    Branch,
    GlossaryEntry,
    Image,
    Procedure,
    Quality,
    Requirement,
    Review,
    Revision,
    Risk,
    Step,
    SubStep,
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
    "Branch",
    "Direction",
    "Document",
    "Frequency",
    "GlossaryEntry",
    "Image",
    "Language",
    "Measurement",
    "Meeting",
    "Milestone",
    "Objective",
    "Phase",
    "Plan",
    "Procedure",
    "Quality",
    "Requirement",
    "Review",
    "Revision",
    "Risk",
    "Role",
    "Step",
    "SubStep",
    "Troubleshooting",
]
