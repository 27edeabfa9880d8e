"""A refresher as plain data: what a change to a procedure says, step by step, ready to show.

Built from two versions of a procedure and the steps the change matched between them; the
deck and the change notice only lay it out. Each changed step lists its edits, "what was"
and "what is now", at every depth: a note added on a sub-step is an edit of its step.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from sopmodel.changes import Changes, FieldChange, ItemChangeKind, StepChange, StepChangeKind
from sopmodel.diagnostics import Loc
from sopmodel.i18n import Labels, format_date, format_duration
from sopmodel.model import Layout, NoteLevel, Procedure, Revision, Step, SubStep
from sopmodel.views.numbering import NumberedStep, number_steps, outline_label
from sopmodel.views.quiz import Draft, Question, quiz
from sopmodel.views.references import step_reference
from sopmodel.views.richtext import lines, plain, rich
from sopmodel.views.steps import role_names
from sopmodel.views.wording import Piece, same_meaning, word_changes

__all__ = [
    "Edit",
    "Refresher",
    "StepEdit",
    "StepPair",
    "changed_pairs",
    "refresher",
    "revision_facts",
    "step_edits",
]


@dataclass(frozen=True, slots=True)
class Edit:
    """One thing a step says that changed: what it was, what it is now ((): none)."""

    aspect: str
    """title, role, condition, duration, within, repeat, check, note, details, decision,
    flow, substep, links, attachments or image."""
    label: str
    """What it is, as the reader names it: 'Check', 'Sub-step b'."""
    before: tuple[Piece, ...] = ()
    after: tuple[Piece, ...] = ()
    level: NoteLevel | None = None
    """A note's level (its signal word and colour)."""
    where: str = ""
    """The sub-step it belongs to, named below its step ('b', 'b.i'; '2.1' in an outline);
    '' for the step itself."""
    context: str = ""
    """The title of that sub-step."""

    @property
    def added(self) -> bool:
        """Return whether the edit adds something that was not there."""
        return not self.before and bool(self.after)

    @property
    def removed(self) -> bool:
        """Return whether the edit takes away something that was there."""
        return bool(self.before) and not self.after


@dataclass(frozen=True, slots=True)
class StepEdit:
    """A step the change concerns, in the new version's numbering (the old one if removed)."""

    kind: str
    """changed, added or removed."""
    number: str
    """The step's number in the version it is in (the new one, unless removed)."""
    label: str
    """What is printed before its title in the procedure's layout."""
    title: str
    edits: tuple[Edit, ...]
    roles: tuple[str, ...]
    """The names of the roles concerned: who did it before and who does it now."""
    old_number: str | None = None
    """Its number in the old version, when it was there."""


@dataclass(frozen=True, slots=True)
class StepPair:
    """A step as the comparison matched it: its key in the old version, in the new one."""

    old: str | None
    """The step's key (its id, else its number) in the old version; None: added."""
    new: str | None
    """Its key in the new version; None: removed."""


@dataclass(frozen=True)
class Refresher:
    """What a change says, for the deck and the notice: who, when, why, and each step."""

    procedure: Procedure
    """The new version."""
    old_version: str
    new_version: str
    date: str
    """The new version's revision date, written the local way ('' if it has none)."""
    author: str
    why: str
    """The revision note of the new version (Markdown; '' if it has none)."""
    steps: tuple[StepEdit, ...]
    others: tuple[Edit, ...] = ()
    """What changed outside the steps: roles, risks, KPIs, notes of the whole procedure."""
    roles: tuple[str, ...] = ()
    """Who must re-read: the names of the roles the changed steps concern."""
    questions: list[Question] = field(default_factory=list)

    @property
    def changed(self) -> list[StepEdit]:
        """Return the steps that changed (neither added nor removed)."""
        return [s for s in self.steps if s.kind == "changed"]

    @property
    def added(self) -> list[StepEdit]:
        """Return the steps the new version adds."""
        return [s for s in self.steps if s.kind == "added"]

    @property
    def removed(self) -> list[StepEdit]:
        """Return the steps the new version no longer has."""
        return [s for s in self.steps if s.kind == "removed"]


def revision_facts(revision: Revision | None, language: str) -> tuple[str, str, str]:
    """Return (date, author, why) of the new version's revision entry ('' when unsaid)."""
    if revision is None:
        return "", "", ""
    date = format_date(revision.date, language)
    return date, plain(revision.author or "", language), revision.changes or ""


class _Side:
    """One version of the procedure: its steps numbered and found by key."""

    def __init__(self, procedure: Procedure) -> None:
        self.procedure = procedure
        self.numbered = number_steps(procedure)
        self.by_step = {id(n.step): n for n in self.numbered}
        self.by_key: dict[str, NumberedStep] = {}
        for item in self.numbered:
            if item.depth == 0:
                self.by_key[item.number] = item
                if item.step.id:
                    self.by_key[item.step.id] = item
        self.names = {r.id: r.name for r in procedure.roles}

    def role_name(self, role: str) -> str:
        """Return a role's name as readers know it (its id if the procedure has no such role)."""
        return plain(self.names.get(role, role), str(self.procedure.language))

    def find(self, key: str | None) -> NumberedStep | None:
        return self.by_key.get(key) if key is not None else None

    def target(self, goto: str | None, labels: Labels) -> str:
        """Return where a branch or jump leads: 'Step 4: Its title'."""
        item = self.find(goto)
        if item is None:
            return goto or ""
        title = plain(item.step.title, str(self.procedure.language))
        step = labels.format("step_of", step=item.number)
        return labels.format("labelled", label=step, text=title)


_WHOLE = frozenset({"role", "decision", "flow", "duration", "within"})
"""Aspects shown changed as a whole: a role, a step led to, a time are not reworded."""


def _pieces(aspect: str, before: str, after: str) -> tuple[tuple[Piece, ...], tuple[Piece, ...]]:
    """Return both sides of a field as pieces, the words that changed marked (a role or a
    step led to changes as a whole; a text added or removed is not marked)."""
    if before and after and aspect not in _WHOLE:
        return word_changes(before, after)
    if before and after:
        return (Piece(before, True),), (Piece(after, True),)
    return ((Piece(before),) if before else ()), ((Piece(after),) if after else ())


def _listed(step: SubStep, aspect: str) -> str:
    """Return a step's links, attachments or picture as one line."""
    if aspect == "links":
        return "; ".join(link.title or link.url or link.procedure or "" for link in step.links)
    if aspect == "attachments":
        return "; ".join(f"{x.title} ({x.path})" for x in step.attachments)
    return (step.image.caption or step.image.path) if step.image else ""


class _Compare:
    """Field by field comparison of a step in two versions, in the reader's words."""

    def __init__(self, old: _Side, new: _Side, labels: Labels) -> None:
        self.old, self.new, self.labels = old, new, labels
        self.language = labels.language

    def text(self, value: str | None) -> str:
        return " ".join(plain(value, self.language).split()) if value else ""

    def markdown(self, value: str | None) -> str:
        return " ".join(" ".join(lines(rich(value, self.language))).split()) if value else ""

    def edit(
        self, aspect: str, before: str, after: str, where: str, label: str | None = None
    ) -> Edit | None:
        """Return an edit of one field, or None when both wordings say the same."""
        if same_meaning(before, after):
            return None
        was, now = _pieces(aspect, before, after)
        return Edit(aspect, label or self.labels[f"change_{aspect}"], was, now, where=where)

    def roles(self, side: _Side, step: SubStep) -> str:
        return role_names(step.role_ids, side.procedure, self.labels) if step.role_ids else ""

    def duration(self, step: SubStep) -> str:
        if step.duration is None:
            return ""
        return format_duration(step.duration.low, self.language, step.duration.high)

    def within(self, step: SubStep) -> str:
        return format_duration(step.within, self.language) if step.within is not None else ""

    def ways(self, side: _Side, step: SubStep) -> dict[str, str]:
        """Return where a step leads by case: {'yes': '4 (Label...)'}, '' for a jump."""
        if not isinstance(step, Step):
            return {}
        found = {self.text(b.when): side.target(b.goto, self.labels) for b in step.decision or ()}
        if step.next:
            found[""] = side.target(step.next, self.labels)
        if step.end:
            found[""] = self.labels["end_of_procedure"]
        return found

    def pair(self, old: SubStep | None, new: SubStep | None, where: str) -> Iterator[Edit]:
        """Yield the edits of a step (or sub-step) between its two versions."""
        a = old if old is not None else SubStep(title="-")
        b = new if new is not None else SubStep(title="-")
        fields = (
            ("title", self.text(a.title), self.text(b.title)),
            ("role", self.roles(self.old, a), self.roles(self.new, b)),
            ("condition", self.text(a.when), self.text(b.when)),
            ("duration", self.duration(a), self.duration(b)),
            ("within", self.within(a), self.within(b)),
            ("repeat", self.text(a.repeat), self.text(b.repeat)),
            ("check", self.text(a.check), self.text(b.check)),
            ("details", self.markdown(a.details), self.markdown(b.details)),
        )
        for aspect, before, after in fields:
            if old is None or new is None:  # an added or removed sub-step: its title says it
                if aspect == "title":
                    continue
                before, after = (before, "") if new is None else ("", after)
            found = self.edit(aspect, before, after, where)
            if found is not None:
                yield found
        yield from self.notes(a, b, where)
        yield from self.flow(a, b, where)
        for aspect in ("links", "attachments", "image"):
            found = self.edit(aspect, _listed(a, aspect), _listed(b, aspect), where)
            if found is not None:
                yield found
        yield from self.substeps(a.substeps, b.substeps, where)

    def notes(self, old: SubStep, new: SubStep, where: str) -> Iterator[Edit]:
        """Yield the notes removed, then those added (a note whose level changed is both)."""
        before = [(n.level, self.markdown(n.text)) for n in old.all_notes()]
        after = [(n.level, self.markdown(n.text)) for n in new.all_notes()]

        def kept(note: tuple[NoteLevel, str], others: list[tuple[NoteLevel, str]]) -> bool:
            return any(note[0] == o[0] and same_meaning(note[1], o[1]) for o in others)

        for level, text in before:
            if not kept((level, text), after):
                label = self.labels[f"note_{level.value}"]
                yield Edit("note", label, (Piece(text),), (), level, where)
        for level, text in after:
            if not kept((level, text), before):
                label = self.labels[f"note_{level.value}"]
                yield Edit("note", label, (), (Piece(text),), level, where)

    def flow(self, old: SubStep, new: SubStep, where: str) -> Iterator[Edit]:
        """Yield a rerouted decision: each case that now leads elsewhere, or is new or gone."""
        before, after = self.ways(self.old, old), self.ways(self.new, new)
        for case in dict.fromkeys([*before, *after]):
            was, now = before.get(case, ""), after.get(case, "")
            if was != now:
                aspect = "flow" if case == "" else "decision"
                label = self.labels.format("change_case", case=case) if case else None
                found = self.edit(aspect, was, now, where, label=label)
                if found is not None:
                    yield found

    def substeps(
        self, old: Sequence[SubStep], new: Sequence[SubStep], where: str
    ) -> Iterator[Edit]:
        """Yield the edits of sub-steps matched by id, else by position and title."""
        unmatched = list(old)
        for step in new:
            twin = next((o for o in unmatched if step.id and o.id == step.id), None)
            if twin is None:
                twin = next(
                    (o for o in unmatched if not (step.id and o.id)
                     and same_meaning(self.text(o.title), self.text(step.title))),
                    None,
                )  # fmt: skip
            label, title = self.sub_label(self.new, step), self.text(step.title)
            if twin is None:
                yield Edit("substep", self.sub_name(label), (), (Piece(title),), where=label,
                           context=title)  # fmt: skip
            else:
                unmatched.remove(twin)
            for edit in self.pair(twin, step, label):
                yield replace(edit, context=title) if edit.where == label else edit
        for step in unmatched:
            label, title = self.sub_label(self.old, step), self.text(step.title)
            yield Edit("substep", self.sub_name(label), (Piece(title),), (), where=label,
                       context=title)  # fmt: skip

    def sub_label(self, side: _Side, step: SubStep) -> str:
        """Return how a sub-step is named under its step: a, a.i (2.a.i below step 2), or
        its number in an outline (2.1.1)."""
        item = side.by_step.get(id(step))
        if item is None:
            return ""
        if side.procedure.layout is Layout.hierarchical:
            return item.label
        return step_reference(item.number, side.procedure.layout).partition(".")[2]

    def sub_name(self, label: str) -> str:
        return self.labels.format("change_substep_of", step=label)


_FIELDS = {
    "title": ("title",),
    "role": ("role",),
    "condition": ("when",),
    "duration": ("duration",),
    "within": ("within",),
    "repeat": ("repeat",),
    "check": ("check",),
    "details": ("details",),
    "note": ("notes", "warning"),
    "decision": ("decision",),
    "flow": ("decision", "next", "end"),
    "links": ("links",),
    "attachments": ("attachments",),
    "image": ("image",),
}
"""The fields of `sopmodel.changes` each aspect of an edit shows."""


def _raw(field: FieldChange, labels: Labels) -> Edit:
    """Return a field change as reported, for what the field comparison did not show."""
    aspects = [aspect for aspect, fields in _FIELDS.items() if field.field in fields]
    key = f"change_{aspects[0]}" if aspects else ""
    label = labels.get(key, field.field)
    aspect = aspects[0] if aspects else field.field
    return Edit(aspect, label, *_pieces(aspect, field.before or "", field.after or ""))


def step_edits(
    old: Procedure,
    new: Procedure,
    pairs: Sequence[StepPair],
    labels: Labels,
    reported: dict[StepPair, list[StepChange]] | None = None,
) -> list[StepEdit]:
    """Return the step edits of matched steps, in the new version's order, removed ones last.

    With `reported` (the step changes `sopmodel.changes` found under each pair), an edit is
    kept only when a reported change concerns its field, and a reported field change no
    edit shows is added as it was reported: nothing reported is lost, nothing else shown.
    Without it, a matched step whose fields all say the same (a typo fixed) is left out."""
    before, after = _Side(old), _Side(new)
    compare = _Compare(before, after, labels)
    found: list[tuple[tuple[int, int], StepEdit]] = []
    for pair in pairs:
        was, now = before.find(pair.old), after.find(pair.new)
        if was is None and now is None:
            continue
        item = now or was
        assert item is not None
        side = after if now is not None else before
        kind = "added" if was is None else "removed" if now is None else "changed"
        if now is None:  # a removed step: its sub-steps go with it
            edits = tuple(compare.substeps(was.step.substeps if was else [], [], ""))
        else:
            edits = tuple(compare.pair(was.step if was else None, now.step, ""))
        changes = reported.get(pair) if reported is not None else None
        if changes is not None and kind == "changed":
            edits = _agreed(edits, changes, labels)
        if kind == "changed" and not edits:
            continue
        roles: list[str] = []
        for one, side_of in ((was, before), (now, after)):
            if one is not None:
                roles += [side_of.role_name(r) for r in _role_ids(one.roles, one.step)]
        names = tuple(dict.fromkeys(roles))
        step = StepEdit(
            kind,
            item.number,
            outline_label(item.number, side.procedure.layout),
            compare.text(item.step.title),
            edits,
            names,
            was.number if was is not None else None,
        )
        order = (1 if now is None else 0, int(item.number))
        found.append((order, step))
    return [step for _, step in sorted(found, key=lambda pair: pair[0])]


def _agreed(
    edits: tuple[Edit, ...], changes: Sequence[StepChange], labels: Labels
) -> tuple[Edit, ...]:
    """Return the edits a reported change concerns (all that a new sub-step says, at any
    depth), then the reported field changes none of them shows, then where a step moved."""
    fields = [f for change in changes for f in change.fields]
    named = {f.field for f in fields}
    new = {e.where for e in edits if e.aspect == "substep" and e.added}

    def within_new(where: str) -> bool:
        return any(where == n or where.startswith(f"{n}.") for n in new)

    kept = [
        e
        for e in edits
        if e.aspect == "substep"
        or within_new(e.where)
        or (e.aspect in _FIELDS and named & set(_FIELDS[e.aspect]))
    ]
    shown = {name for e in kept for name in _FIELDS.get(e.aspect, ())}
    kept += [_raw(f, labels) for f in fields if f.field not in shown and f.kind != "moved"]
    for change in changes:
        if StepChangeKind.moved in change.kinds and len(change.new_loc or ()) == 2:
            was = Piece(labels.format("step_of", step=change.old_number), True)
            now = Piece(labels.format("step_of", step=change.new_number), True)
            kept.insert(0, Edit("moved", labels["change_order"], (was,), (now,)))
    return tuple(kept)


def _top(loc: Loc | None) -> str | None:
    """Return the number of the top-level step a step or sub-step location is in."""
    return str(int(loc[1]) + 1) if loc is not None and len(loc) > 1 else None


def changed_pairs(changes: Changes) -> dict[StepPair, list[StepChange]]:
    """Return the top-level steps a change concerns, each with the step changes under it
    worth reading again (a step only renumbered is not). A sub-step added or removed
    belongs to its step, matched in the other version as the comparison matched it (or at
    the same number when that step did not change place)."""
    was_at: dict[str | None, str | None] = {}
    now_at: dict[str | None, str | None] = {}
    for change in changes.steps:
        if len(change.new_loc or change.old_loc or ()) == 2:
            was_at[_top(change.new_loc)] = _top(change.old_loc)
            now_at[_top(change.old_loc)] = _top(change.new_loc)
    found: dict[StepPair, list[StepChange]] = {}
    for change in changes.steps:
        if not change.substantive:
            continue
        old, new = _top(change.old_loc), _top(change.new_loc)
        if len(change.new_loc or change.old_loc or ()) > 2:
            if old is None:
                old = was_at.get(new, new)
            elif new is None:
                new = now_at.get(old, old)
        found.setdefault(StepPair(old, new), []).append(change)
    return found


def _role_ids(roles: tuple[str, ...], step: SubStep) -> list[str]:
    """Return the ids of the roles that do a step and its sub-steps at any depth."""
    found = list(roles)
    for sub in step.substeps:
        found += _role_ids(sub.role_ids, sub)
    return found


def _key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _about_change(steps: Sequence[StepEdit]) -> Callable[[Draft], bool]:
    """Return whether a quiz question is about what changed: anything of an added step; of
    a changed step, only a question whose right answer is what the step now says."""
    added = {s.number for s in steps if s.kind == "added"}
    notes = [
        _key("".join(p.text for p in e.after))
        for s in steps
        for e in s.edits
        if e.aspect == "note" and e.added
    ]
    said: dict[str, list[str]] = {}
    for step in steps:
        if step.kind == "changed":
            said[step.number] = [
                _key("".join(p.text for p in e.after)) for e in step.edits if e.after
            ]

    def keep(draft: Draft) -> bool:
        if draft.step is None or draft.kind == "order":  # the order is the training's topic
            return False
        top = draft.step.split(".")[0]
        if top in added:
            return True
        if draft.kind == "hazard":  # which note applies here, or where this note applies
            asked = _key(draft.text) + _key(draft.right)
            return any(note and note[:60] in asked for note in notes)
        right = _key(draft.right)
        return bool(right) and any(right in text or text in right for text in said.get(top, ()))

    return keep


def _item_edits(changes: Changes, labels: Labels) -> list[Edit]:
    """Return what changed beside the steps: a role, a KPI, a risk, a note of the whole
    procedure, each field before and after."""
    found: list[Edit] = []
    for item in changes.items:
        section = labels.get(item.section, item.section)
        name = f"{section} · {item.label}" if item.label else section
        if not item.fields:
            text = (Piece(item.label or item.key),)
            added = item.kind is ItemChangeKind.added
            tag = labels["refresher_new" if added else "refresher_gone"]
            found.append(Edit("item", f"{section} ({tag.lower()})", () if added else text,
                              text if added else ()))  # fmt: skip
            continue
        for one in item.fields:
            edit = _raw(one, labels)
            label = name if len(item.fields) == 1 else f"{name} · {one.field}"
            found.append(replace(edit, aspect="item", label=label))
    return found


def refresher(
    old: Procedure,
    new: Procedure,
    changes: Changes,
    labels: Labels,
    questions: int = 4,
) -> Refresher:
    """Return the refresher of a change: its revision note, each step it concerns (as
    `sopmodel.changes` reported it), what changed beside the steps, who must re-read, and up
    to `questions` quiz questions on what changed."""
    reported = changed_pairs(changes)
    steps = step_edits(old, new, list(reported), labels, reported)
    date, author, why = revision_facts(changes.revision, labels.language)
    newer, older = _Side(new), _Side(old)
    roles = tuple(
        dict.fromkeys(
            (newer if role in newer.names else older).role_name(role)
            for role in changes.roles_concerned
        )
    )
    asked = quiz(new, labels, most=questions, keep=_about_change(steps)) if questions else []
    return Refresher(
        procedure=new,
        old_version=old.version,
        new_version=new.version,
        date=date,
        author=author,
        why=why,
        steps=tuple(steps),
        others=tuple(_item_edits(changes, labels)),
        roles=roles,
        questions=asked,
    )
