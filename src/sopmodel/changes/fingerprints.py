"""Fingerprints: a short stable digest of what matters to someone who follows a step or a document.

A step's fingerprint covers its title, the roles that do it (its own, else its parent's), when
and how often it is done, its details, durations, check, warning and notes, links,
attachments, image, and where it leads (decision branches, next, end); words are read as
`changes.words` reads them (no whitespace, case, markup or typo-level edits). It leaves out
its sub-steps (each has its own) and its position (inserting a step before it does not change
it). A document's fingerprint covers every step in order and the document's content (roles,
requirements, notes, quality, risks...), not its governance (version, status, approvals,
revisions, review, trials) nor a plan's measurements.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sopmodel.changes.sections import document_sections
from sopmodel.changes.words import markdown_words, text_words
from sopmodel.diagnostics import Loc
from sopmodel.model import Document, Procedure, Step, SubStep

__all__ = [
    "FlatStep",
    "Signature",
    "digest",
    "document_fingerprint",
    "flatten",
    "step_fingerprints",
    "step_signature",
]

Signature = dict[str, Any]
"""What a step or an item is made of, field by field, as comparable (hashable) values."""


@dataclass(frozen=True, slots=True)
class FlatStep:
    """A step or sub-step in reading order, with its key, number, roles and place."""

    key: str
    """Its id when it has a unique one, else its outline number (3.2)."""
    number: str
    """Its outline number: 1, 2, 2.1, 2.1.1."""
    index: int
    """Its position in reading order (0 for the first step)."""
    parent: int | None
    """The reading-order position of the step it belongs to (None for a top-level step)."""
    loc: Loc
    """Where it is in the document: ("steps", 1, "substeps", 0)."""
    step: SubStep
    """The step itself."""
    roles: tuple[str, ...]
    """Every role that does it, the lead first: its own, else its parent step's."""


def flatten(procedure: Procedure) -> list[FlatStep]:
    """Return every step and sub-step of a procedure in reading order, with its key."""
    found: list[FlatStep] = []
    _walk(procedure.steps, "", None, ("steps",), (), found)
    counts: dict[str, int] = {}
    for flat in found:
        if flat.step.id:
            counts[flat.step.id] = counts.get(flat.step.id, 0) + 1
    return [
        _with_key(flat, flat.step.id if flat.step.id and counts[flat.step.id] == 1 else None)
        for flat in found
    ]


def _with_key(flat: FlatStep, key: str | None) -> FlatStep:
    if key is None:
        return flat
    return FlatStep(key, flat.number, flat.index, flat.parent, flat.loc, flat.step, flat.roles)


def _walk(
    steps: Sequence[SubStep],
    prefix: str,
    parent: int | None,
    loc: Loc,
    inherited: tuple[str, ...],
    found: list[FlatStep],
) -> None:
    for position, step in enumerate(steps):
        number = f"{prefix}{position + 1}"
        here = (*loc, position)
        roles = step.role_ids or inherited
        index = len(found)
        found.append(FlatStep(number, number, index, parent, here, step, roles))
        _walk(step.substeps, f"{number}.", index, (*here, "substeps"), roles, found)


def _notes(step: SubStep) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(sorted((note.level.value, markdown_words(note.text)) for note in step.all_notes()))


def step_signature(flat: FlatStep) -> Signature:
    """Return what a step is made of, field by field, as its fingerprint reads it."""
    step = flat.step
    decision = step.decision if isinstance(step, Step) else None
    return {
        "title": text_words(step.title),
        "roles": flat.roles,
        "when": text_words(step.when),
        "repeat": text_words(step.repeat),
        "details": markdown_words(step.details),
        "duration": str(step.duration) if step.duration else None,
        "within": str(step.within) if step.within is not None else None,
        "check": text_words(step.check),
        "notes": _notes(step),
        "links": tuple(
            (text_words(link.title), link.url or link.procedure or "") for link in step.links
        ),
        "attachments": tuple((text_words(item.title), str(item.path)) for item in step.attachments),
        "image": (
            (str(step.image.path), text_words(step.image.caption), text_words(step.image.alt))
            if step.image
            else None
        ),
        "decision": tuple((text_words(b.when), b.goto) for b in decision or ()),
        "next": step.next if isinstance(step, Step) else None,
        "end": bool(step.end) if isinstance(step, Step) else False,
    }


def digest(value: Any) -> str:
    """Return a 16-hex-digit digest of a signature (any JSON-able value)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def step_fingerprints(procedure: Procedure) -> dict[str, str]:
    """Return the fingerprint of every step and sub-step, keyed by id (else number), in order."""
    return {flat.key: digest(step_signature(flat)) for flat in flatten(procedure)}


def _document_parts(document: Document) -> Iterator[Any]:
    for name, items in document_sections(document):
        yield name
        yield [(item.key, item.fields) for item in items]
    if isinstance(document, Procedure):
        yield "steps"
        yield [(flat.number, step_signature(flat)) for flat in flatten(document)]


def document_fingerprint(document: Document) -> str:
    """Return the fingerprint of a whole procedure or plan: its steps in order and its content."""
    return digest([document.kind, *_document_parts(document)])
