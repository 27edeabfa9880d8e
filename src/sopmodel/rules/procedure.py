"""Rules on a procedure's content: required sections, acronyms, review and revisions."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from typing import TYPE_CHECKING

from sopmodel.diagnostics import Loc, Severity
from sopmodel.model import Procedure, Revision, SubStep
from sopmodel.model.versions import compare_versions, version_key
from sopmodel.rules.acronyms import acronyms, all_known, defined_in, known
from sopmodel.rules.dates import next_review
from sopmodel.rules.engine import Context, Finding, all_steps, rule

if TYPE_CHECKING:
    from sopmodel.changes import Changes

PROCEDURE = ("procedure",)


@rule("SOP101", "missing-quality", Severity.error, PROCEDURE)
def missing_quality(document: Procedure, context: Context) -> Iterator[Finding]:
    """The procedure has no quality criteria and no KPIs.

    Without a definition of success nobody can tell whether the procedure works. Add
    `quality.criteria` (what a good result looks like) or `quality.kpis` (what is
    measured over time).
    """
    if not document.quality.criteria and not document.quality.kpis:
        yield Finding(
            ("quality",),
            "no quality criteria or KPIs: add quality.criteria or"
            " quality.kpis so people know what success looks like",
            key=True,
        )


@rule("SOP102", "missing-troubleshooting", Severity.error, PROCEDURE)
def missing_troubleshooting(document: Procedure, context: Context) -> Iterator[Finding]:
    """The procedure has no troubleshooting entries.

    People following a procedure stop at the first surprise. List the common problems
    with their cause and solution under `troubleshooting`.
    """
    if not document.troubleshooting:
        yield Finding(
            ("troubleshooting",),
            "no troubleshooting: list the common problems with"
            " their solution under troubleshooting",
            key=True,
        )


def _callouts(loc: Loc, item: Procedure | SubStep) -> Iterator[tuple[Loc, str | None]]:
    """Yield (path, text) for the notes of a procedure or a step."""
    for i, note in enumerate(item.notes):
        yield (*loc, "notes", i, "text"), note.text


def _references(loc: Loc, item: Procedure | SubStep) -> Iterator[tuple[Loc, str | None]]:
    """Yield (path, text) for the titles of the links and attachments of a procedure or step."""
    for i, link in enumerate(item.links):
        yield (*loc, "links", i, "title"), link.title
    for i, attachment in enumerate(item.attachments):
        yield (*loc, "attachments", i, "title"), attachment.title


def _texts(document: Procedure, context: Context) -> Iterator[tuple[Loc, str | None]]:
    """Yield (path, text) for the prose of a procedure, in reading order."""
    for key in ("title", "objective", "scope"):
        yield (key,), getattr(document, key)
    for i, role in enumerate(document.roles):
        yield ("roles", i, "name"), role.name
        for r, text in enumerate(role.responsibilities):
            yield ("roles", i, "responsibilities", r), text
    for i, item in enumerate(document.requirements):
        yield ("requirements", i, "name"), item.name
        yield ("requirements", i, "details"), item.details
    yield from _callouts((), document)
    for loc, step in all_steps(document, context):
        for key in ("title", "when", "repeat", "details"):
            yield (*loc, key), getattr(step, key)
        yield from _callouts(loc, step)
        for key in ("check", "warning"):
            yield (*loc, key), getattr(step, key)
        yield from _references(loc, step)
        if step.image:
            yield (*loc, "image", "caption"), step.image.caption
    for i, text in enumerate(document.quality.criteria):
        yield ("quality", "criteria", i), text
    for i, kpi in enumerate(document.quality.kpis):
        yield ("quality", "kpis", i, "name"), kpi.name
        yield ("quality", "kpis", i, "definition"), kpi.definition
    for i, risk in enumerate(document.risks):
        yield ("risks", i, "risk"), risk.risk
        yield ("risks", i, "mitigation"), risk.mitigation
    for i, entry in enumerate(document.troubleshooting):
        for key in ("problem", "cause", "solution"):
            yield ("troubleshooting", i, key), getattr(entry, key)
    yield from _references((), document)
    for i, trial in enumerate(document.trials):
        yield ("trials", i, "remarks"), trial.remarks


@rule("SOP103", "undefined-acronym", Severity.warning, PROCEDURE, allowed_acronyms=[])
def undefined_acronym(document: Procedure, context: Context) -> Iterator[Finding]:
    """An acronym is used in the text but not defined in the glossary.

    A new employee reads "log the FO in the CRM" and is stuck. Define every acronym
    under `glossary`, or list the ones everybody in your organisation knows in the
    `allowed-acronyms` option: it adds to the common acronyms sopmodel knows in the
    document's language (PDF, SMS, PIN, URL, HR, PPE, CEO in English; TVA, HT, TTC, RH,
    SIRET, EPI in French; see `sopmodel.rules.acronyms`). Words written in capitals for
    emphasis (DO NOT, NEVER; NE PAS, JAMAIS, ATTENTION), shouted phrases, Roman numerals,
    placeholders (XXXX), code spans, URLs, e-mail addresses, phone numbers and file paths
    are not acronyms; an acronym defined where it is used ("an Incident Commander (IC)") is
    defined, and CSIRTS is the plural of CSIRT.
    """
    language = document.language.value
    defined = set(known(language, context.option("allowed-acronyms")))
    for entry in document.glossary:
        defined.add(entry.term)
        defined.update(acronyms(entry.term, language))
    texts = [(loc, text) for loc, text in _texts(document, context) if text]
    for _, text in texts:
        defined.update(defined_in(text))
    frozen = frozenset(defined)
    if all_known("\n".join(text for _, text in texts), frozen):
        return
    found = [(loc, acronym) for loc, text in texts for acronym in acronyms(text, language, frozen)]
    names = {acronym for _, acronym in found}
    reported: set[str] = set()
    for loc, used in found:
        # CSIRTS: the plural of an acronym the text also uses
        acronym = used[:-1] if used.endswith("S") and used[:-1] in names else used
        if acronym not in reported:
            reported.add(acronym)
            yield Finding(
                loc,
                f"acronym {acronym!r} is not in the glossary: add it under"
                " glossary with its definition",
            )


@rule("SOP104", "review-overdue", Severity.warning, PROCEDURE)
def review_overdue(document: Procedure, context: Context) -> Iterator[Finding]:
    """The procedure's last review is older than its review interval.

    A procedure that nobody reviews drifts away from what people really do. Review it,
    then update `review.last_reviewed` (and the revision history if it changed).
    """
    review = document.review
    if review is None or review.last_reviewed is None:
        return
    due = next_review(review.last_reviewed, review.interval)
    if due is not None and due < context.today:
        yield Finding(
            ("review", "last_reviewed"),
            f"the {review.interval} review was due on"
            f" {due.isoformat()} (last review {review.last_reviewed.isoformat()}):"
            " review the procedure and update review.last_reviewed",
        )


@rule("SOP105", "missing-review", Severity.warning, PROCEDURE)
def missing_review(document: Procedure, context: Context) -> Iterator[Finding]:
    """An approved procedure has no review cadence or no date of last review.

    Approved procedures are relied on every day; schedule their review. Set
    `review.interval` and `review.last_reviewed`.
    """
    if document.status != "approved":
        return
    if document.review is None:
        yield Finding(
            ("status",),
            "an approved procedure needs a review cadence: add review"
            " with interval and last_reviewed",
        )
    elif document.review.last_reviewed is None:
        yield Finding(
            ("review",), "add review.last_reviewed: the date of the last review", key=True
        )


def _order(document: Procedure) -> int:
    """Return 1 when the revisions are listed oldest first, -1 newest first, 0 when unknown.

    Each pair of neighbours votes with its dates and its versions; a tie goes to the first
    pair that says something, so that one misplaced line is the one reported.
    """
    votes = [
        sign
        for before, after in itertools.pairwise(document.revisions)
        for sign in (
            _sign(before.date, after.date),
            compare_versions(after.version, before.version),
        )
        if sign
    ]
    total = sum(votes)
    if total:
        return 1 if total > 0 else -1
    return votes[0] if votes else 0


def _sign(before: dt.date, after: dt.date) -> int:
    return (after > before) - (after < before)


_LISTED = {1: "oldest first", -1: "newest first"}


@rule("SOP106", "revision-order", Severity.error, PROCEDURE)
def revision_order(document: Procedure, context: Context) -> Iterator[Finding]:
    """The revision history mixes orders: dates or versions go up, then down.

    Readers look at one end of the history for the current state. List revisions oldest
    first or newest first, the same way all along, each with a different version; versions
    compare by semantic-version precedence (1.0.0-rc1 before 1.0.0, 1.2 before 1.10), and
    revision letters (A, B, ..., Z, AA) are read too.
    """
    order = _order(document)
    if not order:
        return
    listed = _LISTED[order]
    for i, (before, after) in enumerate(itertools.pairwise(document.revisions), 1):
        dates = _sign(before.date, after.date)
        versions = compare_versions(after.version, before.version)
        if dates and versions and dates != versions:
            yield Finding(
                ("revisions", i, "version"),
                f"revision {after.version} ({after.date.isoformat()}) is"
                f" {'newer' if dates > 0 else 'older'} than {before.version}"
                f" ({before.date.isoformat()}) but has a {'lower' if dates > 0 else 'higher'}"
                " version: dates and versions must go the same way",
            )
        elif dates == -order:
            yield Finding(
                ("revisions", i, "date"),
                f"revision {after.version} is dated {after.date.isoformat()},"
                f" {'before' if dates < 0 else 'after'} the one above it"
                f" ({before.date.isoformat()}), but the history is listed {listed}:"
                " keep one order, oldest first or newest first",
            )
        elif versions == -order:
            yield Finding(
                ("revisions", i, "version"),
                f"version {after.version} is {'lower' if versions < 0 else 'higher'} than"
                f" {before.version} above it, but the history is listed {listed}:"
                " keep one order, oldest first or newest first",
            )
        elif versions == 0:
            yield Finding(
                ("revisions", i, "version"),
                f"version {after.version} is listed twice (as {before.version} above it):"
                " each revision needs its own version",
            )


def latest_revision(document: Procedure) -> Revision | None:
    """Return the latest revision: the newest date, then the highest version.

    In a consistent history that is the last one listed oldest first, the first one listed
    newest first; revisions of one day whose versions cannot be compared are taken in the
    order of the list.
    """
    if not document.revisions:
        return None
    newest = max(revision.date for revision in document.revisions)
    candidates = [revision for revision in document.revisions if revision.date == newest]
    if _order(document) < 0:
        candidates.reverse()
    keyed = [(key, r) for r in candidates if (key := version_key(r.version)) is not None]
    if len(keyed) == len(candidates) and len({key[0] for key, _ in keyed}) == 1:
        return max(reversed(keyed), key=lambda item: item[0])[1]
    return candidates[-1]


def same_version(first: str, second: str) -> bool:
    """Return True when two versions are the same (1.2 and v1.2.0 are), or the same text."""
    return first.strip() == second.strip() or compare_versions(first, second) == 0


@rule("SOP107", "version-mismatch", Severity.error, PROCEDURE)
def version_mismatch(document: Procedure, context: Context) -> Iterator[Finding]:
    """The procedure's `version` does not say which text it is.

    The title block and the revision history would disagree, or two different texts would
    carry one version number. The `version` must be the version of the latest revision (the
    last one in a history listed oldest first, the first one in a history listed newest
    first). With `sopmodel validate --against REF` (origin/main, HEAD~1), the procedure as
    it was at REF is compared too: when what a reader follows changed (steps, roles,
    notes... as `sopmodel diff` reports them; whitespace, case and typo-level edits do not
    count), `version` must rise, and a new version must have its revision entry. Add a
    revision for the current version, or correct `version`.
    """
    latest = latest_revision(document)
    if latest is not None and not same_version(latest.version, document.version):
        yield Finding(
            ("version",),
            f"version is {document.version} but the latest revision is"
            f" {latest.version}: add a revision for {document.version} or correct version",
        )
        return
    previous = context.previous
    if isinstance(previous, Procedure) and previous.id == document.id:
        yield from _against(document, previous, context.against or "the revision compared")


def _against(document: Procedure, previous: Procedure, against: str) -> Iterator[Finding]:
    """Yield what is wrong with the version compared with the same procedure at a revision."""
    from sopmodel.changes import compare, revision_of  # only `validate --against` needs it

    if same_version(previous.version, document.version):
        changes = compare(previous, document)
        if changes.content_changed:
            yield Finding(
                ("version",),
                f"the content changed since {against} ({_summary(changes)}) but version is"
                f" still {document.version}: raise version and add a revision that says"
                " what changed",
            )
        return
    order = compare_versions(document.version, previous.version)
    if order == -1:
        yield Finding(
            ("version",),
            f"version went back from {previous.version} at {against} to {document.version}:"
            f" a new text needs a version above {previous.version}",
        )
    elif revision_of(document, document.version) is None:
        yield Finding(
            ("version",),
            f"version rose from {previous.version} at {against} to {document.version} but"
            f" no revision is listed for {document.version}: add one with its date and what"
            " changed",
        )


def _summary(changes: Changes, shown: int = 3) -> str:
    """Return what changed in a few words: "step soak reworded, kpi incidents retargeted"."""
    parts = [
        f"step {step.key} {'/'.join(kind.value for kind in step.kinds)}"
        for step in changes.steps
        if step.substantive
    ]
    parts += [f"{item.section} {item.key} {item.kind.value}" for item in changes.items]
    if not parts:
        return "steps reordered"
    more = f", and {len(parts) - shown} more" if len(parts) > shown else ""
    return ", ".join(parts[:shown]) + more


@rule("SOP108", "missing-approval", Severity.warning, PROCEDURE)
def missing_approval(document: Procedure, context: Context) -> Iterator[Finding]:
    """A procedure marked approved names no approver.

    The sign-off block would be empty. List who approved it under `approvals`, or set
    `status` back to draft or in_review.
    """
    if document.status == "approved" and not document.approvals:
        yield Finding(
            ("status",),
            "status is approved but no approval is listed: add approvals with role and name",
        )


@rule("SOP109", "missing-objective", Severity.warning, PROCEDURE)
def missing_objective(document: Procedure, context: Context) -> Iterator[Finding]:
    """The procedure does not say why it matters.

    People follow a procedure better when they know its purpose. Add an `objective`
    of one or two sentences.
    """
    if not document.objective:
        yield Finding(
            ("title",),
            "no objective: add objective, one or two sentences on why this procedure matters",
        )


@rule("SOP110", "instructional-without-risks", Severity.warning, PROCEDURE)
def instructional_without_risks(document: Procedure, context: Context) -> Iterator[Finding]:
    """An instructional procedure lists no risks.

    Instructional procedures cover complex or risky tasks: safety comes first. List the
    risks with their severity and mitigation under `risks`.
    """
    if document.category == "instructional" and not document.risks:
        yield Finding(
            ("category",),
            "an instructional procedure must list its risks: add risks"
            " with severity and mitigation",
        )
