"""Compare two versions of one procedure or plan: what changed, as a person thinks of it."""

from __future__ import annotations

from sopmodel.changes.fingerprints import document_fingerprint
from sopmodel.changes.items import compare_items
from sopmodel.changes.result import Changes, ChangesError, StepChange
from sopmodel.changes.steps import compare_steps
from sopmodel.model import Document, Procedure, Revision
from sopmodel.model.versions import compare_versions

__all__ = ["compare", "revision_of"]


def revision_of(document: Document, version: str | None) -> Revision | None:
    """Return the revision entry of a version of a procedure, if the document lists one."""
    if version is None or not isinstance(document, Procedure):
        return None
    for revision in document.revisions:
        same = revision.version.strip() == version.strip()
        if same or compare_versions(revision.version, version) == 0:
            return revision
    return None


def compare(old: Document, new: Document) -> Changes:
    """Return what changed from old to new, two versions of one procedure or plan.

    Raise ChangesError when they are two kinds of document or carry two ids.
    """
    if old.kind != new.kind:
        raise ChangesError(f"cannot compare a {old.kind} ({old.id}) with a {new.kind} ({new.id})")
    if old.id != new.id:
        raise ChangesError(
            f"cannot compare two different {new.kind}s: {old.id} and {new.id}"
            " (compare two versions of one document)"
        )
    steps: list[StepChange] = []
    if isinstance(old, Procedure) and isinstance(new, Procedure):
        steps = compare_steps(old, new)
    return Changes(
        kind=new.kind,
        id=new.id,
        title=new.title,
        old_version=old.version,
        new_version=new.version,
        revision=revision_of(new, new.version),
        steps=tuple(steps),
        items=tuple(compare_items(old, new)),
        old_fingerprint=document_fingerprint(old),
        new_fingerprint=document_fingerprint(new),
    )
