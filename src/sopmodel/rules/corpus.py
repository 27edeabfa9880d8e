"""Rules across the documents validated together: links between plans and procedures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sopmodel.diagnostics import Diagnostic, InternalError, Loc, Severity
from sopmodel.i18n import counted
from sopmodel.model import AnyDocument, Plan, Records
from sopmodel.rules.config import Config
from sopmodel.rules.dates import plan_end
from sopmodel.rules.engine import RULES, Context, internal_error, is_active, rule
from sopmodel.rules.text import link_fields
from sopmodel.source import origin_of

__all__ = ["Summary", "check_corpus", "check_together", "summarize"]

BOTH = ("procedure", "plan")


@dataclass(frozen=True, slots=True)
class Place:
    """A located reference: the path in the document and its line and column."""

    loc: Loc
    line: int | None
    col: int | None


@dataclass(frozen=True, slots=True)
class Summary:
    """What the corpus rules need to know of one document; small enough to cross processes."""

    file: str | None
    kind: str
    id: str
    id_place: Place
    procedure_refs: tuple[tuple[str, Place], ...]
    outline: str = ""
    """One line that says what the document holds, for `validate --verbose`."""
    link_refs: tuple[tuple[str, Place], ...] = ()
    """The procedure ids its `links` name, the steps' links included."""
    training: Any = None
    """What the training-record rule needs of a record file: its people and readings
    (`sopmodel.rules.training`); None for other documents."""


def _outline(document: AnyDocument) -> str:
    """Return what a document holds, in a few words."""
    if isinstance(document, Records):
        parts = [counted(len(document.people), "person", "people"),
                 counted(len(document.entries), "entry", "entries")]  # fmt: skip
        return f"records {document.id} ({document.language}): {', '.join(parts)}"
    if isinstance(document, Plan):
        activities = sum(len(phase.activities) for phase in document.phases)
        parts = [
            counted(len(document.objectives), "objective"),
            counted(len(document.kpis), "KPI"),
            counted(len(document.phases), "phase"),
            counted(activities, "activity", "activities"),
            counted(len(document.milestones), "milestone"),
        ]
        end = plan_end(document.start, document.horizon_days)
        when = f"{document.start.isoformat()} to {end.isoformat()}"
        return f"plan {document.id} ({document.language}), {when}: {', '.join(parts)}"
    substeps = sum(len(step.substeps) for step in document.steps)
    decisions = sum(1 for step in document.steps if step.decision)
    parts = [
        counted(len(document.steps), "step"),
        counted(substeps, "sub-step"),
        counted(decisions, "decision"),
        counted(len(document.roles), "role"),
        counted(len(document.risks), "risk"),
    ]
    return f"procedure {document.id} v{document.version} ({document.language}): {', '.join(parts)}"


def summarize(document: AnyDocument) -> Summary:
    """Return the summary of a document for the corpus rules."""
    origin = origin_of(document)

    def place(loc: Loc) -> Place:
        line, col = origin.locate(loc) if origin else (None, None)
        return Place(loc, line, col)

    refs: list[tuple[str, Place]] = []
    if isinstance(document, Plan):
        refs += [(pid, place(("procedures", i))) for i, pid in enumerate(document.procedures)]
        for p, phase in enumerate(document.phases):
            for a, activity in enumerate(phase.activities):
                if activity.procedure:
                    loc: Loc = ("phases", p, "activities", a, "procedure")
                    refs.append((activity.procedure, place(loc)))
    links = [
        (link.procedure, place((*loc, "procedure")))
        for loc, link in ([] if isinstance(document, Records) else link_fields(document))
        if link.procedure is not None
    ]
    file = origin.file if origin else None
    return Summary(
        file,
        document.kind,
        document.id,
        place(("id",)),
        tuple(refs),
        _outline(document),
        tuple(links),
        _training(document, place),
    )


@rule("REF004", "unknown-procedure", Severity.warning, ("plan",), scope="corpus")
def unknown_procedure(
    summaries: list[Summary], context: Context
) -> Iterator[tuple[Summary, Place, str]]:
    """A plan links to a procedure id that none of the files validated together has.

    The plan relies on that procedure; it must exist. Validate the plan together with
    its procedures (`sopmodel validate .`), or correct the id.
    """
    known = {s.id for s in summaries if s.kind == "procedure"}
    for summary in summaries:
        for ref, where in summary.procedure_refs:
            if ref not in known:
                yield (
                    summary,
                    where,
                    (
                        f"no procedure {ref!r} among the files validated together:"
                        " validate the plan with its procedures, or correct the id"
                    ),
                )


@rule("REF007", "unknown-linked-procedure", Severity.warning, BOTH, scope="corpus")
def unknown_linked_procedure(
    summaries: list[Summary], context: Context
) -> Iterator[tuple[Summary, Place, str]]:
    """A link names a procedure id that none of the files validated together has.

    The reader follows the link to a procedure that is not there. Correct the id, or
    validate the documents together (`sopmodel validate .`). A file validated alone is not
    checked: its linked procedures are elsewhere, so nothing can be said of them.
    """
    if len(summaries) < 2:
        return
    known = {s.id for s in summaries if s.kind == "procedure"}
    for summary in summaries:
        for ref, where in summary.link_refs:
            if ref not in known:
                yield (
                    summary,
                    where,
                    (
                        f"no procedure {ref!r} among the files validated together:"
                        " correct the id, or validate the linked procedure with this file"
                    ),
                )


@rule("REF006", "duplicate-document-id", Severity.error, ("procedure", "plan"), scope="corpus")
def duplicate_document_id(
    summaries: list[Summary], context: Context
) -> Iterator[tuple[Summary, Place, str]]:
    """Two files validated together declare the same document id.

    Plans link to procedures by id, and exports are named after it: each document needs
    its own id.
    """
    first: dict[str, Summary] = {}
    for summary in summaries:
        earlier = first.setdefault(summary.id, summary)
        if earlier is not summary:
            yield (
                summary,
                summary.id_place,
                (
                    f"id {summary.id!r} is also the id of"
                    f" {earlier.file or 'another document'}: give each"
                    " document its own id"
                ),
            )


def check_corpus(
    summaries: Iterable[Summary], config: Config, context: Context
) -> tuple[list[Diagnostic], list[InternalError]]:
    """Return the diagnostics of the corpus rules over the summaries of many documents, and
    the errors of the rules that crashed (the others still run)."""
    items = list(summaries)
    found = []
    errors = []
    for code, item in RULES.items():
        if item.scope != "corpus" or not is_active(item, config):
            continue
        severity = config.severity_of(code, item.severity)
        try:
            for summary, where, message in item.check(items, context):
                found.append(
                    Diagnostic(
                        code,
                        item.name,
                        severity,
                        message,
                        summary.file,
                        where.line,
                        where.col,
                        where.loc,
                    )
                )
        except Exception as error:  # a bug in one rule must not stop the others
            errors.append(internal_error(code, item.name, error, None))
    return found, errors


def check_together(
    summaries: Iterable[Summary], config: Config, today: dt.date | None = None
) -> tuple[list[Diagnostic], list[InternalError]]:
    """Return check_corpus's findings and errors, with the context `validate` gives the rules:
    today (the given date, the configuration's, or the real one) and the rules' options."""
    today = today or config.today or dt.date.today()
    return check_corpus(summaries, config, Context(today, config.options_for(RULES.values())))


def _training(document: AnyDocument, place: Callable[[Loc], Any]) -> Any:
    """Return a record file's facts for the training rule, None for other documents; the
    training module is imported only when a record file is validated."""
    if not isinstance(document, Records):
        return None
    from sopmodel.rules.training import record_facts

    return record_facts(document, place)
