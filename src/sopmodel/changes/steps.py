"""Compare the steps of two versions of a procedure: match them, then say what happened to each.

A step is matched by id, then by its content and words (`changes.matching`). A matched step
moved when its parent changed or it left the longest run of siblings that kept their order
(so of two swapped neighbours one moved, and a step inserted before others only renumbers
them); its fields say whether it was reworded, reassigned, rerouted...
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from typing import Any

from sopmodel.changes.fingerprints import FlatStep, Signature, digest, flatten, step_signature
from sopmodel.changes.matching import SIMILAR_TITLE, match_steps
from sopmodel.changes.result import FieldChange, StepChange, StepChangeKind
from sopmodel.changes.words import markdown_words, similarity
from sopmodel.model import Procedure, Step

__all__ = ["compare_steps"]

_REWORDED = ("title", "when", "repeat", "details")
_EDITED = ("duration", "within", "links", "attachments", "image")
_ROUTES = ("decision", "next", "end")


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


def _renamed(before: Signature, renames: dict[str, str]) -> Signature:
    """Return a step's signature with the ids it leads to as the matched steps' new ids."""
    if not renames:
        return before
    decision = tuple((when, renames.get(goto, goto)) for when, goto in before["decision"])
    following = before["next"]
    return {**before, "decision": decision, "next": renames.get(following, following)}


def _step_fields(
    old: FlatStep,
    new: FlatStep,
    before: Signature,
    after: Signature,
    renames: dict[str, str],
) -> tuple[list[StepChangeKind], list[FieldChange]]:
    """Return what changed in a matched step: its kinds and each field before and after.

    renames maps the old ids of steps whose id changed to their new ids: a branch that
    still leads to the same step is not rerouted.
    """
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
    routed = _renamed(before, renames)
    for name in _ROUTES:
        if routed[name] != after[name]:
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


def compare_steps(old_doc: Procedure, new_doc: Procedure) -> list[StepChange]:
    """Return the changes of the steps from old_doc to new_doc, in the new reading order
    (removed steps where they were), renumbered-only steps included."""
    old, new = flatten(old_doc), flatten(new_doc)
    old_signatures = [step_signature(flat) for flat in old]
    new_signatures = [step_signature(flat) for flat in new]
    old_digests = [digest(signature) for signature in old_signatures]
    new_digests = [digest(signature) for signature in new_signatures]
    matched = match_steps(old, new, (old_digests, new_digests))
    moved = _moved(old, new, matched)
    by_new = {new_index: old_index for old_index, new_index in matched.items()}
    renames: dict[str, str] = {}
    for i, j in matched.items():
        was, now = old[i].step.id, new[j].step.id
        if was and now and was != now:
            renames[was] = now
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
                before, flat, old_signatures[old_index], new_signatures[flat.index], renames
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
