"""Compare two versions of one procedure or plan: what changed, as a person thinks of it."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from typing import Any

from sopmodel.changes.fingerprints import (
    FlatStep,
    Signature,
    digest,
    document_fingerprint,
    flatten,
    step_signature,
)
from sopmodel.changes.matching import SIMILAR_TITLE, match_steps
from sopmodel.changes.result import (
    Changes,
    ChangesError,
    FieldChange,
    ItemChange,
    ItemChangeKind,
    StepChange,
    StepChangeKind,
)
from sopmodel.changes.sections import RETARGETING, Item, document_sections
from sopmodel.changes.words import markdown_words, similarity
from sopmodel.model import Document, Procedure, Revision, Step
from sopmodel.model.versions import compare_versions

__all__ = ["compare", "revision_of"]

_REWORDED = ("title", "when", "repeat", "details")
_EDITED = ("duration", "within", "links", "attachments", "image")
_ROUTES = ("decision", "next", "end")


def revision_of(document: Document, version: str | None) -> Revision | None:
    """Return the revision entry of a version of a procedure, if the document lists one."""
    if version is None or not isinstance(document, Procedure):
        return None
    for revision in document.revisions:
        same = revision.version.strip() == version.strip()
        if same or compare_versions(revision.version, version) == 0:
            return revision
    return None


Note = tuple[tuple[str, tuple[str, ...]], str]
"""A note as compared: ((level, word keys), as written)."""


def _notes(step: Any) -> list[Note]:
    """Return (key, as written) for each of a step's notes, its warning included."""
    return [
        ((note.level.value, markdown_words(note.text)), f"{note.level.value}: {note.text}")
        for note in step.all_notes()
    ]


def _missing(notes: list[Note], others: list[Note]) -> list[Note]:
    """Return the notes that the other list lacks, counting repeats."""
    left = Counter(key for key, _ in others)
    missing = []
    for key, shown in notes:
        if left[key]:
            left[key] -= 1
        else:
            missing.append((key, shown))
    return missing


def _reworded_notes(removed: list[Note], added: list[Note]) -> list[tuple[Note, Note]]:
    """Pair, and take out of both lists, the removed and added notes of one level that say
    nearly the same thing: a note reworded, not one note removed and another added."""
    pairs = []
    for was in list(removed):
        level, words = was[0]
        for now in added:
            if now[0][0] == level and similarity(words, now[0][1]) >= SIMILAR_TITLE:
                pairs.append((was, now))
                removed.remove(was)
                added.remove(now)
                break
    return pairs


def _shown(step: Any, name: str) -> str | None:
    """Return a step's field as written, for showing before and after."""
    if name == "decision":
        branches = step.decision if isinstance(step, Step) else None
        return "; ".join(f"{b.when} → {b.goto}" for b in branches or ()) or None
    if name in ("next", "end"):
        value = getattr(step, name, None)
        return None if value in (None, False) else str(value)
    if name in ("links", "attachments"):
        items = getattr(step, name)
        return "; ".join(_item_text(item) for item in items) or None
    if name == "image":
        return str(step.image.path) if step.image else None
    value = getattr(step, name)
    return None if value is None else str(value)


def _item_text(item: Any) -> str:
    target = getattr(item, "url", None) or getattr(item, "procedure", None) or item.path
    return f"{item.title} ({target})" if item.title else str(target)


def _step_fields(
    old: FlatStep, new: FlatStep, before: Signature, after: Signature
) -> tuple[list[StepChangeKind], list[FieldChange]]:
    kinds: list[StepChangeKind] = []
    fields: list[FieldChange] = []

    def add(kind: StepChangeKind, name: str, was: str | None, now: str | None) -> None:
        if kind not in kinds:
            kinds.append(kind)
        fields.append(FieldChange(kind.value, name, was, now))

    for name in _REWORDED:
        if before[name] != after[name]:
            add(StepChangeKind.reworded, name, _shown(old.step, name), _shown(new.step, name))
    if before["roles"] != after["roles"]:
        add(
            StepChangeKind.reassigned,
            "role",
            ", ".join(old.roles) or None,
            ", ".join(new.roles) or None,
        )
    if before["check"] != after["check"]:
        was, now = old.step.check, new.step.check
        kind = (
            StepChangeKind.check_added
            if not was
            else StepChangeKind.check_removed
            if not now
            else StepChangeKind.reworded
        )
        add(kind, "check", was, now)
    if before["notes"] != after["notes"]:
        old_notes, new_notes = _notes(old.step), _notes(new.step)
        removed = _missing(old_notes, new_notes)
        added = _missing(new_notes, old_notes)
        for old_note, new_note in _reworded_notes(removed, added):
            add(StepChangeKind.reworded, "notes", old_note[1], new_note[1])
        for _, shown in removed:
            add(StepChangeKind.note_removed, "notes", shown, None)
        for _, shown in added:
            add(StepChangeKind.note_added, "notes", None, shown)
    for name in _ROUTES:
        if before[name] != after[name]:
            add(StepChangeKind.rerouted, name, _shown(old.step, name), _shown(new.step, name))
    for name in _EDITED:
        if before[name] != after[name]:
            add(StepChangeKind.edited, name, _shown(old.step, name), _shown(new.step, name))
    return kinds, fields


def _moved(old: Sequence[FlatStep], new: Sequence[FlatStep], matched: dict[int, int]) -> set[int]:
    """Return the old positions of the steps done at another point in the new version.

    A step moved when its parent is not its old parent's match, or when, among the sibling
    steps that kept their parent, it is not in the longest run that kept its order.
    """
    moved: set[int] = set()
    groups: dict[int | None, list[int]] = {}
    for old_index in sorted(matched):
        new_index = matched[old_index]
        old_parent = old[old_index].parent
        new_parent = new[new_index].parent
        if (None if old_parent is None else matched.get(old_parent)) != new_parent:
            moved.add(old_index)
        else:
            groups.setdefault(new_parent, []).append(old_index)
    for members in groups.values():
        # read backwards, so that of two equally long runs the one that starts earlier stays
        # (of two swapped neighbours, the second one moved)
        backwards = _longest_increasing([-matched[i] for i in reversed(members)])
        kept = {len(members) - 1 - position for position in backwards}
        moved.update(i for position, i in enumerate(members) if position not in kept)
    return moved


def _longest_increasing(values: Sequence[int]) -> set[int]:
    """Return the positions of a longest increasing subsequence of values (n log n)."""
    tails: list[int] = []
    tail_positions: list[int] = []
    previous = [-1] * len(values)
    for position, value in enumerate(values):
        place = bisect_left(tails, value)
        if place == len(tails):
            tails.append(value)
            tail_positions.append(position)
        else:
            tails[place] = value
            tail_positions[place] = position
        previous[position] = tail_positions[place - 1] if place else -1
    kept: set[int] = set()
    position = tail_positions[-1] if tail_positions else -1
    while position >= 0:
        kept.add(position)
        position = previous[position]
    return kept


def _compare_steps(old_doc: Procedure, new_doc: Procedure) -> list[StepChange]:
    old, new = flatten(old_doc), flatten(new_doc)
    old_signatures = [step_signature(flat) for flat in old]
    new_signatures = [step_signature(flat) for flat in new]
    old_digests = [digest(signature) for signature in old_signatures]
    new_digests = [digest(signature) for signature in new_signatures]
    matched = match_steps(old, new, (old_digests, new_digests))
    moved = _moved(old, new, matched)
    by_new = {new_index: old_index for old_index, new_index in matched.items()}
    ordered: list[tuple[tuple[int, int, int], StepChange]] = []
    anchor = -1
    for flat in old:
        if flat.index in matched:
            anchor = matched[flat.index]
            continue
        ordered.append(((anchor, 1, flat.index), _removed(flat)))
    for flat in new:
        old_index = by_new.get(flat.index)
        if old_index is None:
            ordered.append(((flat.index, 0, 0), _added(flat)))
            continue
        before = old[old_index]
        kinds: list[StepChangeKind] = []
        if old_index in moved:
            kinds.append(StepChangeKind.moved)
        elif before.number != flat.number:
            kinds.append(StepChangeKind.renumbered)
        fields: list[FieldChange] = []
        if old_digests[old_index] != new_digests[flat.index]:
            more, fields = _step_fields(
                before, flat, old_signatures[old_index], new_signatures[flat.index]
            )
            kinds.extend(more)
        if kinds:
            ordered.append(((flat.index, 0, 0), _changed(before, flat, kinds, fields)))
    ordered.sort(key=lambda pair: pair[0])
    return [change for _, change in ordered]


_ORDER = {kind: position for position, kind in enumerate(StepChangeKind)}


def _changed(
    old: FlatStep, new: FlatStep, kinds: list[StepChangeKind], fields: list[FieldChange]
) -> StepChange:
    return StepChange(
        key=new.key,
        title=new.step.title,
        kinds=tuple(sorted(kinds, key=_ORDER.__getitem__)),
        old_key=old.key,
        new_key=new.key,
        old_number=old.number,
        new_number=new.number,
        old_title=old.step.title,
        fields=tuple(fields),
        roles_before=old.roles,
        roles_after=new.roles,
        old_loc=old.loc,
        new_loc=new.loc,
    )


def _added(flat: FlatStep) -> StepChange:
    return StepChange(
        key=flat.key,
        title=flat.step.title,
        kinds=(StepChangeKind.added,),
        old_key=None,
        new_key=flat.key,
        old_number=None,
        new_number=flat.number,
        old_title=None,
        fields=(),
        roles_before=(),
        roles_after=flat.roles,
        old_loc=None,
        new_loc=flat.loc,
    )


def _removed(flat: FlatStep) -> StepChange:
    return StepChange(
        key=flat.key,
        title=flat.step.title,
        kinds=(StepChangeKind.removed,),
        old_key=flat.key,
        new_key=None,
        old_number=flat.number,
        new_number=None,
        old_title=flat.step.title,
        fields=(),
        roles_before=flat.roles,
        roles_after=(),
        old_loc=flat.loc,
        new_loc=None,
    )


def _all_roles(*documents: Document) -> tuple[str, ...]:
    roles: dict[str, None] = {}
    for document in documents:
        roles.update(dict.fromkeys(role.id for role in document.roles))
        if isinstance(document, Procedure):
            for flat in flatten(document):
                roles.update(dict.fromkeys(flat.roles))
    return tuple(roles)


def _item_change(
    section: str, old: Item | None, new: Item | None, everyone: tuple[str, ...]
) -> ItemChange | None:
    item = new or old
    assert item is not None
    roles = tuple(dict.fromkeys((*(new.roles if new else ()), *(old.roles if old else ()))))
    concerned = roles or everyone
    if old is None:
        return ItemChange(section, item.key, item.label, ItemChangeKind.added, (), concerned)
    if new is None:
        return ItemChange(section, item.key, item.label, ItemChangeKind.removed, (), concerned)
    names = [name for name in new.fields if new.fields[name] != old.fields.get(name)]
    if not names:
        return None
    retargeted = section == "kpis" and any(name in RETARGETING for name in names)
    kind = ItemChangeKind.retargeted if retargeted else ItemChangeKind.changed
    fields = tuple(
        FieldChange(kind.value, name, old.shown.get(name), new.shown.get(name)) for name in names
    )
    return ItemChange(section, item.key, item.label, kind, fields, concerned)


def _compare_items(old_doc: Document, new_doc: Document) -> list[ItemChange]:
    everyone = _all_roles(old_doc, new_doc)
    changes: list[ItemChange] = []
    old_sections = dict(document_sections(old_doc))
    for section, new_items in document_sections(new_doc):
        old_items = {item.key: item for item in old_sections.get(section, [])}
        new_keys = {item.key for item in new_items}
        for key, item in old_items.items():
            if key not in new_keys:
                change = _item_change(section, item, None, everyone)
                if change is not None:
                    changes.append(change)
        for item in new_items:
            change = _item_change(section, old_items.get(item.key), item, everyone)
            if change is not None:
                changes.append(change)
    return changes


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
        steps = _compare_steps(old, new)
    return Changes(
        kind=new.kind,
        id=new.id,
        title=new.title,
        old_version=old.version,
        new_version=new.version,
        revision=revision_of(new, new.version),
        steps=tuple(steps),
        items=tuple(_compare_items(old, new)),
        old_fingerprint=document_fingerprint(old),
        new_fingerprint=document_fingerprint(new),
    )
