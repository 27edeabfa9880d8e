"""Who must (re-)read a procedure: the standing of each role-holder from training records.

A person holds roles (`people[].roles` of a record file); the steps of a procedure that
concern them are those whose `role` names one of these roles. They are *current* when they
read the current version, or an older one whose steps of their roles have the same
fingerprints as now; they *must re-read* when such a step changed (was added, removed,
reworded, reassigned...); they *never read* it when no entry names the procedure. When the
steps at the version they read are known neither from the entry (sopmodel stores their
fingerprints when it writes one) nor from the procedure's history, the standing is
*unknown*, with the reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeAlias

from sopmodel.diagnostics import Loc
from sopmodel.model import Procedure, Records, Status
from sopmodel.model.versions import compare_versions
from sopmodel.source import LoadError, load

__all__ = [
    "Entry",
    "History",
    "Holder",
    "Member",
    "ProcedureFacts",
    "Reason",
    "RecordFacts",
    "Standing",
    "StepFacts",
    "StepFinding",
    "TrialFacts",
    "TrialReport",
    "approved",
    "in_effect",
    "iter_pairs",
    "merge_records",
    "overdue",
    "procedure_facts",
    "record_facts",
    "standings",
    "trial_findings",
]


class Standing(StrEnum):
    """Where a role-holder stands with a procedure."""

    current = "current"
    must_reread = "must-reread"
    unknown = "unknown"
    never_read = "never-read"


class Reason(str):
    """Why what changed since a reading cannot be told: the English words (rule messages,
    JSON), with a key and values to say it in another language (records_reason_<key>)."""

    key: str
    values: dict[str, str]

    def __new__(cls, key: str, text: str, **values: str) -> Reason:
        reason = super().__new__(cls, text)
        reason.key, reason.values = key, values
        return reason


History: TypeAlias = "Callable[[str], dict[str, StepFacts] | str]"
"""Return the steps of the procedure at a version, or the reason they cannot be known."""


@dataclass(frozen=True, slots=True)
class StepFacts:
    """A step as a reader knows it: its key (id, or number when it has none), its outline
    number, its roles and its fingerprint."""

    key: str
    number: str
    roles: tuple[str, ...]
    fingerprint: str


@dataclass(frozen=True, slots=True)
class TrialFacts:
    """A trial: who tried which version, the outcome, and the steps found confusing."""

    date: dt.date
    tester: str
    version: str | None
    outcome: str
    steps: tuple[str, ...]
    remarks: str | None


@dataclass(frozen=True, slots=True)
class ProcedureFacts:
    """What the standing of role-holders needs of a procedure; small enough to cross processes."""

    id: str
    title: str
    version: str
    status: str
    roles: tuple[tuple[str, str], ...]
    """(id, name) of each role."""
    steps: dict[str, StepFacts]
    """Every step at every depth, by key, in reading order."""
    since: dt.date | None
    """The day the current version took effect, when the procedure says it."""
    trials: tuple[TrialFacts, ...] = ()


@dataclass(frozen=True, slots=True)
class Member:
    """A person of a record file, with where they are written."""

    id: str
    name: str
    roles: tuple[str, ...]
    since: dt.date | None
    loc: Loc
    line: int | None = None
    col: int | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    """One reading of a record file."""

    person: str
    procedure: str
    version: str
    date: dt.date
    activity: str
    steps: dict[str, str] | None
    """The fingerprints recorded with the reading; None when none were."""
    index: int


@dataclass(frozen=True, slots=True)
class RecordFacts:
    """What the standing of role-holders needs of a record file."""

    id: str
    people: tuple[Member, ...]
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Holder:
    """A role-holder's standing with a procedure: the last reading, and what changed since."""

    person: Member
    roles: tuple[str, ...]
    """The roles of the procedure they hold."""
    standing: Standing
    reading: Entry | None = None
    changed: tuple[StepFacts, ...] = ()
    """The steps of their roles that changed since the version they read (as they are now,
    or as they were for a removed step)."""
    reason: str = ""
    """Why the standing is unknown."""

    def to_dict(self) -> dict[str, Any]:
        """Return the standing as plain JSON data."""
        reading = self.reading
        return {
            "person": self.person.id,
            "name": self.person.name,
            "roles": list(self.roles),
            "standing": self.standing.value,
            "read": None
            if reading is None
            else {
                "version": reading.version,
                "date": reading.date.isoformat(),
                "activity": reading.activity,
            },
            "changed": [{"step": s.key, "number": s.number} for s in self.changed],
            "reason": self.reason or None,
        }


@dataclass(frozen=True)
class StepFinding:
    """A step a tester found confusing: still as tried, changed since, or unknown."""

    key: str
    number: str
    state: str
    """open (still as tried), changed (a later version changed or removed it) or unknown."""
    reason: str = ""


@dataclass(frozen=True)
class TrialReport:
    """A trial, and what became of the steps found confusing."""

    trial: TrialFacts
    steps: list[StepFinding] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the trial as plain JSON data."""
        t = self.trial
        return {
            "date": t.date.isoformat(),
            "tester": t.tester,
            "version": t.version,
            "outcome": t.outcome,
            "remarks": t.remarks,
            "steps": [
                {"step": s.key, "number": s.number, "state": s.state, "reason": s.reason or None}
                for s in self.steps
            ],
        }


def _walk(
    steps: Iterable[Any], prefix: str, inherited: tuple[str, ...]
) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Yield (outline number, roles) of every step in reading order; a step without a role
    is done by its parent's."""
    for position, step in enumerate(steps, 1):
        number = f"{prefix}{position}"
        roles = step.role_ids or inherited
        yield number, roles
        yield from _walk(step.substeps, f"{number}.", roles)


def procedure_facts(procedure: Procedure) -> ProcedureFacts:
    """Return what the standings need of a procedure: its steps' roles and fingerprints."""
    from sopmodel.changes import step_fingerprints  # only when a record file is checked

    prints = step_fingerprints(procedure)  # in reading order, as _walk goes
    steps = {
        key: StepFacts(key, number, roles, fingerprint)
        for (key, fingerprint), (number, roles) in zip(
            prints.items(), _walk(procedure.steps, "", ()), strict=True
        )
    }
    trials = tuple(
        TrialFacts(t.date, t.tester, t.version, t.outcome.value, tuple(t.steps), t.remarks)
        for t in procedure.trials
    )
    return ProcedureFacts(
        procedure.id,
        procedure.title,
        procedure.version,
        procedure.status.value,
        tuple((role.id, role.name) for role in procedure.roles),
        steps,
        in_effect(procedure),
        trials,
    )


def in_effect(procedure: Procedure) -> dt.date | None:
    """Return the day the current version took effect: the latest of its effective date, its
    revision's date and its approvals' dates; None when the procedure says none of them."""
    days = [procedure.effective] if procedure.effective else []
    days += [
        r.date for r in procedure.revisions if compare_versions(r.version, procedure.version) == 0
    ]
    days += [
        a.date
        for a in procedure.approvals
        if a.date is not None
        and (a.version is None or compare_versions(a.version, procedure.version) == 0)
    ]
    return max(days, default=None)


def merge_records(documents: Sequence[Records], title: str) -> Records:
    """Return record files as one: their people (by id, their roles together; the first
    file's name kept) and all their entries. The id is the first file's."""
    people: dict[str, Any] = {}
    entries = []
    for document in documents:
        for person in document.people:
            known = people.get(person.id)
            if known is None:
                people[person.id] = person
            else:
                roles = list(dict.fromkeys([*known.roles, *person.roles]))
                people[person.id] = known.model_copy(update={"roles": roles})
        entries += document.entries
    return Records(id=documents[0].id, title=title, people=list(people.values()), entries=entries)


def record_facts(records: Records, place: Callable[[Loc], Any] | None = None) -> RecordFacts:
    """Return what the standings need of a record file; place(loc) gives a (loc, line, col)."""
    people = []
    for i, person in enumerate(records.people):
        loc: Loc = ("people", i)
        where = place(loc) if place else None
        people.append(
            Member(
                person.id,
                person.name,
                tuple(person.roles),
                person.since,
                loc,
                getattr(where, "line", None),
                getattr(where, "col", None),
            )
        )
    entries = tuple(
        Entry(
            e.person,
            e.procedure,
            e.version,
            e.date,
            e.activity.value,
            None if e.steps is None else dict(e.steps),
            i,
        )
        for i, e in enumerate(records.entries)
    )
    return RecordFacts(records.id, tuple(people), entries)


def _latest(entries: Iterable[Entry]) -> Entry | None:
    """Return the reading of the highest version (the latest date among equals)."""
    best: Entry | None = None
    for entry in entries:
        if best is None:
            best = entry
            continue
        order = compare_versions(entry.version, best.version)
        if order == 1 or (order in (0, None) and entry.date >= best.date):
            best = entry
    return best


def _changed(
    then: dict[str, StepFacts], now: dict[str, StepFacts], roles: set[str]
) -> list[StepFacts]:
    """Return the steps of the roles that differ between then and now: added, removed,
    reworded, reassigned to or from them. then may hold only the steps of these roles."""
    mine_now = {k: s for k, s in now.items() if roles & set(s.roles)}
    mine_then = {k: s for k, s in then.items() if roles & set(s.roles)}
    found = [
        s for k, s in mine_now.items() if k not in then or then[k].fingerprint != s.fingerprint
    ]
    for key, before in mine_then.items():
        if key not in mine_now:  # removed, or given to another role
            found.append(now.get(key, before))
    return found


def _stored(prints: dict[str, str], roles: tuple[str, ...]) -> dict[str, StepFacts]:
    """Return the steps an entry recorded (those of the person's roles) as step facts."""
    return {key: StepFacts(key, key, roles, print_) for key, print_ in prints.items()}


def _same(version: str, current: str) -> bool:
    """Return True when two versions are the same (1.2 and 1.2.0), or written the same."""
    order = compare_versions(version, current)
    return order == 0 or (order is None and version.strip() == current.strip())


def standings(
    procedure: ProcedureFacts, records: RecordFacts, history: History | None = None
) -> list[Holder]:
    """Return the standing of every person of the records who holds a role of the procedure,
    in the order of the records."""
    role_ids = {role for role, _ in procedure.roles}
    found: list[Holder] = []
    for person in records.people:
        roles = tuple(r for r in person.roles if r in role_ids)
        if not roles:
            continue
        mine = [e for e in records.entries if e.person == person.id and e.procedure == procedure.id]
        reading = _latest(mine)
        if reading is None:
            found.append(Holder(person, roles, Standing.never_read))
            continue
        if (
            _same(reading.version, procedure.version)
            or compare_versions(reading.version, procedure.version) == 1
        ):
            found.append(Holder(person, roles, Standing.current, reading))
            continue
        then: dict[str, StepFacts] | str
        if reading.steps is not None:
            then = _stored(reading.steps, roles)
        elif history is not None:
            then = history(reading.version)
        else:
            then = Reason("no_fingerprints", "no step fingerprints were recorded with that reading")
        if isinstance(then, str):
            found.append(Holder(person, roles, Standing.unknown, reading, reason=then))
            continue
        changed = _changed(then, procedure.steps, set(roles))
        standing = Standing.must_reread if changed else Standing.current
        found.append(Holder(person, roles, standing, reading, tuple(changed)))
    return found


def trial_findings(procedure: ProcedureFacts, history: History | None = None) -> list[TrialReport]:
    """Return each trial with the state of the steps it found confusing: open until a later
    version changes (or removes) them, by fingerprint."""
    reports = []
    cache: dict[str, dict[str, StepFacts] | str] = {}
    for trial in procedure.trials:
        report = TrialReport(trial)
        version = trial.version or procedure.version
        same = _same(version, procedure.version)
        then: dict[str, StepFacts] | str = {}
        if not same:
            if version not in cache:
                cache[version] = (
                    history(version) if history else Reason("no_history", "no history to look in")
                )
            then = cache[version]
        for key in trial.steps:
            now = procedure.steps.get(key)
            number = now.number if now else key
            if same:
                report.steps.append(StepFinding(key, number, "open"))
            elif isinstance(then, str):
                report.steps.append(StepFinding(key, number, "unknown", then))
            else:
                before = then.get(key)
                kept = (
                    now is not None and before is not None and before.fingerprint == now.fingerprint
                )
                report.steps.append(StepFinding(key, number, "open" if kept else "changed"))
        reports.append(report)
    return reports


def overdue(holder: Holder, procedure: ProcedureFacts, today: dt.date, grace_days: int) -> bool:
    """Return True when a role-holder who is not current has had more than grace_days since
    the current version took effect (and since they took their roles)."""
    if holder.standing is Standing.current:
        return False
    start = max(d for d in (procedure.since, holder.person.since, dt.date.min) if d is not None)
    return start == dt.date.min or (today - start).days > grace_days


def approved(procedure: ProcedureFacts) -> bool:
    """Return True for an approved procedure."""
    return procedure.status == Status.approved.value


def iter_pairs(items: Iterable[Any]) -> Iterator[tuple[ProcedureFacts, RecordFacts, Any]]:
    """Yield (procedure, records, the records' summary) for summaries of many documents.

    Summaries carry the facts of record files (`training`); a procedure's facts are computed
    from its file, only when a record file is among the documents.
    """
    listed = list(items)
    records = [item for item in listed if isinstance(item.training, RecordFacts)]
    if not records:
        return
    procedures = []
    for item in listed:
        if item.kind == "procedure" and item.file:
            facts = _facts_of_file(item.file)
            if facts is not None:
                procedures.append(facts)
    for item in records:
        for procedure in procedures:
            yield procedure, item.training, item


def _facts_of_file(file: str) -> ProcedureFacts | None:
    """Return the facts of the procedure in a file; None when it no longer loads as one."""
    try:
        document = load(file)
    except LoadError:
        return None
    return procedure_facts(document) if isinstance(document, Procedure) else None
