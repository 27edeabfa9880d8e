"""Rules on identifiers: references to unknown roles, steps and KPIs, and duplicate ids."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sopmodel.diagnostics import Loc, Severity, format_loc
from sopmodel.model import Plan, Procedure
from sopmodel.rules.engine import Context, Finding, all_steps, rule

BOTH = ("procedure", "plan")


def _unknown(
    kind: str, refs: Iterable[tuple[Loc, str | None]], known: list[str], where: str
) -> Iterator[Finding]:
    """Yield a finding for each reference that names no declared id."""
    declared = set(known)
    listing = ", ".join(known[:8]) + (", ..." if len(known) > 8 else "")
    for loc, ref in refs:
        if ref is not None and ref not in declared:
            choices = f"one of: {listing}" if known else f"declare {kind}s under {where}"
            yield Finding(loc, f"unknown {kind} {ref!r} in {format_loc(loc)}: use {choices}")


def _role_refs(document: Procedure | Plan, context: Context) -> Iterator[tuple[Loc, str | None]]:
    yield ("owner",), document.owner
    if isinstance(document, Procedure):
        for loc, step in all_steps(document, context):
            if isinstance(step.role, list):
                for r, role in enumerate(step.role):
                    yield (*loc, "role", r), role
            else:
                yield (*loc, "role"), step.role
        for index, approval in enumerate(document.approvals):
            yield ("approvals", index, "role"), approval.role
        kpis = document.quality.kpis
        kpi_loc: Loc = ("quality", "kpis")
    else:
        for index, objective in enumerate(document.objectives):
            yield ("objectives", index, "owner"), objective.owner
        for p, phase in enumerate(document.phases):
            for a, activity in enumerate(phase.activities):
                for letter in ("responsible", "accountable", "consulted", "informed"):
                    for r, role in enumerate(getattr(activity.raci, letter)):
                        yield ("phases", p, "activities", a, "raci", letter, r), role
        for index, meeting in enumerate(document.meetings):
            yield ("meetings", index, "owner"), meeting.owner
            for r, role in enumerate(meeting.participants):
                yield ("meetings", index, "participants", r), role
        kpis, kpi_loc = document.kpis, ("kpis",)
    for index, kpi in enumerate(kpis):
        yield (*kpi_loc, index, "owner"), kpi.owner


@rule("REF001", "unknown-role", Severity.error, BOTH)
def unknown_role(document: Procedure | Plan, context: Context) -> Iterator[Finding]:
    """A role id is used but not declared under `roles`.

    Owners, steps, approvals, KPIs and RACI entries name roles by id, so that every
    output can print the role's name and its responsibilities. Declare the role under
    `roles`, or correct the id.
    """
    known = [role.id for role in document.roles]
    yield from _unknown("role", _role_refs(document, context), known, "roles")


@rule("REF002", "unknown-step", Severity.error, ("procedure",))
def unknown_step(document: Procedure, context: Context) -> Iterator[Finding]:
    """A `next`, risk, troubleshooting or trial entry names a step id that does not exist.

    A jump to a missing step breaks the flow, and a risk or problem tied to a missing
    step is printed nowhere. Give the step an `id`, or correct the reference.
    """
    known = [step.id for _, step in all_steps(document, context) if step.id]
    refs: list[tuple[Loc, str | None]] = [
        (("steps", i, "next"), step.next) for i, step in enumerate(document.steps)
    ]
    refs += [(("risks", i, "step"), risk.step) for i, risk in enumerate(document.risks)]
    refs += [
        (("troubleshooting", i, "step"), item.step)
        for i, item in enumerate(document.troubleshooting)
    ]
    refs += [
        (("trials", t, "steps", s), step)
        for t, trial in enumerate(document.trials)
        for s, step in enumerate(trial.steps)
    ]
    yield from _unknown("step", refs, known, "steps with an id")


@rule("REF003", "unknown-kpi", Severity.error, ("plan",))
def unknown_kpi(document: Plan, context: Context) -> Iterator[Finding]:
    """An objective or a measurement names a KPI id that is not declared under `kpis`.

    An objective is judged by its KPIs, and a measurement of an unknown KPI is lost.
    Declare the KPI under `kpis`, or correct the id.
    """
    known = [kpi.id for kpi in document.kpis]
    refs: list[tuple[Loc, str | None]] = [
        (("objectives", o, "kpis", k), kpi)
        for o, objective in enumerate(document.objectives)
        for k, kpi in enumerate(objective.kpis)
    ]
    refs += [(("measurements", i, "kpi"), m.kpi) for i, m in enumerate(document.measurements)]
    yield from _unknown("KPI", refs, known, "kpis")


def _ids(document: Procedure | Plan, context: Context) -> Iterator[tuple[str, Loc, str]]:
    """Yield (what, path, id) for every id the document declares."""
    for index, role in enumerate(document.roles):
        yield "role", ("roles", index, "id"), role.id
    if isinstance(document, Procedure):
        for loc, step in all_steps(document, context):
            if step.id:
                yield "step", (*loc, "id"), step.id
        for index, kpi in enumerate(document.quality.kpis):
            yield "KPI", ("quality", "kpis", index, "id"), kpi.id
        for index, entry in enumerate(document.glossary):
            yield "glossary term", ("glossary", index, "term"), entry.term
        return
    for index, kpi in enumerate(document.kpis):
        yield "KPI", ("kpis", index, "id"), kpi.id
    for index, objective in enumerate(document.objectives):
        yield "objective", ("objectives", index, "id"), objective.id
    for p, phase in enumerate(document.phases):
        yield "phase", ("phases", p, "id"), phase.id
        for a, activity in enumerate(phase.activities):
            yield "activity", ("phases", p, "activities", a, "id"), activity.id
    for index, milestone in enumerate(document.milestones):
        yield "milestone", ("milestones", index, "id"), milestone.id
    for index, meeting in enumerate(document.meetings):
        yield "meeting", ("meetings", index, "id"), meeting.id


@rule("REF005", "duplicate-id", Severity.error, BOTH)
def duplicate_id(document: Procedure | Plan, context: Context) -> Iterator[Finding]:
    """Two roles, steps, KPIs, phases, activities, milestones or meetings share an id.

    References by id become ambiguous, and the outputs would show one of the two at
    random. Give each one its own id (or each glossary term one entry).
    """
    seen: dict[tuple[str, str], Loc] = {}
    for what, loc, value in _ids(document, context):
        first = seen.setdefault((what, value), loc)
        if first != loc:
            yield Finding(
                loc,
                f"{what} id {value!r} is already used at {format_loc(first)}:"
                " give each one its own id",
            )
