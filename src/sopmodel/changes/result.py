"""What `compare` reports: per-step changes, document-level changes, the versions and the why."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sopmodel.diagnostics import Loc
from sopmodel.errors import SopmodelError
from sopmodel.model import Revision

__all__ = [
    "Changes",
    "ChangesError",
    "FieldChange",
    "ItemChange",
    "ItemChangeKind",
    "StepChange",
    "StepChangeKind",
]


class ChangesError(SopmodelError):
    """Two documents that cannot be compared: two kinds, or two different ids."""


class StepChangeKind(StrEnum):
    """What happened to a step between two versions, as a person thinks of it."""

    added = "added"
    removed = "removed"
    moved = "moved"
    """It is done at another point: before or after other steps, or under another step."""
    renumbered = "renumbered"
    """Only its number changed (a step was inserted or removed before it)."""
    reworded = "reworded"
    """Its title, condition (when), repetition or details say something else."""
    reassigned = "reassigned"
    """Other roles do it."""
    check_added = "check-added"
    check_removed = "check-removed"
    note_added = "note-added"
    """A note (danger, warning, caution, notice, info) or a warning was added."""
    note_removed = "note-removed"
    rerouted = "rerouted"
    """A decision branch leads elsewhere, or was added or removed; next or end changed."""
    edited = "edited"
    """Something else a reader uses changed: duration, time allowed, links, attachments,
    image."""


class ItemChangeKind(StrEnum):
    """What happened to an item of a document (a role, a KPI, a risk...)."""

    added = "added"
    removed = "removed"
    changed = "changed"
    retargeted = "retargeted"
    """A KPI's target, baseline, direction or unit changed."""


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of a step or item before and after (None: absent on that side)."""

    kind: str
    """The StepChangeKind or ItemChangeKind value this field change belongs to."""
    field: str
    """The field: title, details, check, notes, decision, role, target..."""
    before: str | None
    """As written in the old version (None when it was absent)."""
    after: str | None
    """As written in the new version (None when it is absent)."""

    def to_dict(self) -> dict[str, Any]:
        """Return the field change as JSON-able data."""
        return {"kind": self.kind, "field": self.field, "before": self.before, "after": self.after}


@dataclass(frozen=True, slots=True)
class StepChange:
    """What changed in one step or sub-step, matched by id, else by its words."""

    key: str
    """The step's key in the new version (in the old one when it was removed)."""
    title: str
    """The step's title in the new version (in the old one when it was removed)."""
    kinds: tuple[StepChangeKind, ...]
    """What happened to it, in the order of StepChangeKind."""
    old_key: str | None
    """Its key in the old version: its id, else its number (None when added)."""
    new_key: str | None
    """Its key in the new version (None when removed)."""
    old_number: str | None
    """Its outline number in the old version (2.1), None when added."""
    new_number: str | None
    """Its outline number in the new version, None when removed."""
    old_title: str | None
    """Its title in the old version (None when added)."""
    fields: tuple[FieldChange, ...]
    """Each field that changed, with its words before and after."""
    roles_before: tuple[str, ...]
    """The roles that did it in the old version (its own, else its parent's)."""
    roles_after: tuple[str, ...]
    """The roles that do it in the new version."""
    old_loc: Loc | None
    """Where it was in the old document: ("steps", 1, "substeps", 0)."""
    new_loc: Loc | None
    """Where it is in the new document."""

    @property
    def roles_concerned(self) -> tuple[str, ...]:
        """Return the roles who must know: those who do it now, then those who did it."""
        return tuple(dict.fromkeys((*self.roles_after, *self.roles_before)))

    @property
    def substantive(self) -> bool:
        """Return True when more than its number changed (it is worth reading again)."""
        return any(kind is not StepChangeKind.renumbered for kind in self.kinds)

    def to_dict(self) -> dict[str, Any]:
        """Return the step change as JSON-able data."""
        return {
            "key": self.key,
            "title": self.title,
            "kinds": [kind.value for kind in self.kinds],
            "old_key": self.old_key,
            "new_key": self.new_key,
            "old_number": self.old_number,
            "new_number": self.new_number,
            "old_title": self.old_title,
            "fields": [change.to_dict() for change in self.fields],
            "roles_before": list(self.roles_before),
            "roles_after": list(self.roles_after),
            "roles_concerned": list(self.roles_concerned),
            "old_loc": list(self.old_loc) if self.old_loc is not None else None,
            "new_loc": list(self.new_loc) if self.new_loc is not None else None,
        }


@dataclass(frozen=True, slots=True)
class ItemChange:
    """What changed in one item of a document beside its steps (a role, a KPI, a risk...)."""

    section: str
    """The section: document, roles, requirements, glossary, notes, links, attachments,
    criteria, kpis, risks, troubleshooting; for a plan also objectives, phases, activities,
    milestones, meetings, procedures."""
    key: str
    """The item's id, else its words."""
    label: str
    """How a reader names it (a KPI's name, a risk's text)."""
    kind: ItemChangeKind
    """added, removed, changed or retargeted."""
    fields: tuple[FieldChange, ...]
    """Each field that changed (for changed and retargeted items)."""
    roles_concerned: tuple[str, ...]
    """The roles a change of it concerns (every role, for a note or a risk of the whole
    document)."""
    old_loc: Loc | None = None
    """Where it was in the old document: ("quality", "kpis", 0)."""
    new_loc: Loc | None = None
    """Where it is in the new document."""

    def to_dict(self) -> dict[str, Any]:
        """Return the item change as JSON-able data."""
        return {
            "section": self.section,
            "key": self.key,
            "label": self.label,
            "kind": self.kind.value,
            "fields": [change.to_dict() for change in self.fields],
            "roles_concerned": list(self.roles_concerned),
            "old_loc": list(self.old_loc) if self.old_loc is not None else None,
            "new_loc": list(self.new_loc) if self.new_loc is not None else None,
        }


@dataclass(frozen=True, slots=True)
class Changes:
    """What changed between two versions of one procedure or plan."""

    kind: str
    """procedure or plan."""
    id: str
    """The document's id."""
    title: str
    """The document's title in the new version."""
    old_version: str | None
    """The version of the old document."""
    new_version: str | None
    """The version of the new document."""
    revision: Revision | None
    """The new version's revision entry: its `changes` text says why (None when absent)."""
    steps: tuple[StepChange, ...]
    """The steps that changed (renumbered only included), in the new reading order; removed
    steps where they were."""
    items: tuple[ItemChange, ...]
    """The document-level changes, section by section."""
    old_fingerprint: str
    """The old document's fingerprint."""
    new_fingerprint: str
    """The new document's fingerprint."""

    @property
    def content_changed(self) -> bool:
        """Return True when the content changed (the document fingerprints differ)."""
        return self.old_fingerprint != self.new_fingerprint

    @property
    def why(self) -> str | None:
        """Return the new version's revision note (its `changes`), if any."""
        return self.revision.changes if self.revision is not None else None

    @property
    def roles_concerned(self) -> tuple[str, ...]:
        """Return every role a substantive change concerns, in order of first mention."""
        roles: dict[str, None] = {}
        for step in self.steps:
            if step.substantive:
                roles.update(dict.fromkeys(step.roles_concerned))
        for item in self.items:
            roles.update(dict.fromkeys(item.roles_concerned))
        return tuple(roles)

    def __bool__(self) -> bool:
        return bool(self.steps or self.items)

    def to_dict(self) -> dict[str, Any]:
        """Return everything as JSON-able data (the JSON output of `sopmodel diff`)."""
        revision = None
        if self.revision is not None:
            revision = self.revision.model_dump(mode="json", exclude_none=True)
        return {
            "kind": self.kind,
            "id": self.id,
            "title": self.title,
            "old_version": self.old_version,
            "new_version": self.new_version,
            "revision": revision,
            "why": self.why,
            "content_changed": self.content_changed,
            "fingerprints": {"old": self.old_fingerprint, "new": self.new_fingerprint},
            "roles_concerned": list(self.roles_concerned),
            "steps": [step.to_dict() for step in self.steps],
            "items": [item.to_dict() for item in self.items],
        }
