"""What changed between two versions of a procedure or plan, as a person thinks of it.

Pure computation on the model (no file reading, no git): fingerprints of steps and
documents that ignore whitespace, case, markup and typo-level edits, and `compare`, which
matches steps by id, then by their words, and reports each change.
"""

from sopmodel.changes.compare import compare, revision_of
from sopmodel.changes.fingerprints import document_fingerprint, step_fingerprints
from sopmodel.changes.result import (
    Changes,
    ChangesError,
    FieldChange,
    ItemChange,
    ItemChangeKind,
    StepChange,
    StepChangeKind,
)
from sopmodel.changes.words import word_diff

__all__ = [
    "Changes",
    "ChangesError",
    "FieldChange",
    "ItemChange",
    "ItemChangeKind",
    "StepChange",
    "StepChangeKind",
    "compare",
    "document_fingerprint",
    "revision_of",
    "step_fingerprints",
    "word_diff",
]
