"""The rule on training records: role-holders who must read an approved procedure again."""

from __future__ import annotations

from collections.abc import Iterator

from sopmodel.diagnostics import Severity
from sopmodel.rules.corpus import Place, Summary
from sopmodel.rules.engine import Context, rule

__all__ = ["overdue_reading"]


@rule(
    "SOP115",
    "overdue-reading",
    Severity.warning,
    ("records",),
    scope="corpus",
    reading_grace_days=30,
)
def overdue_reading(
    summaries: list[Summary], context: Context
) -> Iterator[tuple[Summary, Place, str]]:
    """A role-holder never read an approved procedure of their role, or must read it again.

    They must read it again when a step of their role changed since the version they read.
    Someone does a step the way it was written when they learnt it: when it changes, they
    must learn it again. The record file (`kind: records`) names who holds which role and
    who read which version; validated together with the procedures (`sopmodel validate .`),
    it is checked against their current versions, step by step, by fingerprint. Each holder
    has `reading-grace-days` (30) after the version took effect (its `effective` date, or the date
    of its revision or approval, the latest of them; or after `people[].since` for a
    newcomer) before being reported. Record the reading (`sopmodel status PROCEDURE
    --records FILE` says who is missing). A reading of an older version is checked against
    the step fingerprints sopmodel stored with it; without them, nothing can be told from
    the files, and the holder is reported too: `sopmodel status` can look in the git history.
    """
    if not any(summary.training for summary in summaries):
        return  # no record file among the documents: nothing to import nor check
    from sopmodel.rules.training import Standing, approved, iter_pairs, overdue, standings

    grace = int(context.option("reading-grace-days"))
    for procedure, records, summary in iter_pairs(summaries):
        if not approved(procedure):
            continue
        for holder in standings(procedure, records):
            if not overdue(holder, procedure, context.today, grace):
                continue
            person = holder.person
            where = Place(person.loc, person.line, person.col)
            subject = f"{person.name} ({', '.join(holder.roles)})"
            about = f"{procedure.id} {procedure.version}"
            if holder.standing is Standing.never_read:
                message = f"{subject} never read {about}: record their reading"
            elif holder.standing is Standing.must_reread:
                steps = ", ".join(step.number for step in holder.changed)
                read = holder.reading.version if holder.reading else "?"
                which = "step" if len(holder.changed) == 1 else "steps"
                message = (
                    f"{subject} read {read}; {which} {steps} of their roles changed since:"
                    f" they must read {about} again"
                )
            else:
                read = holder.reading.version if holder.reading else "?"
                message = (
                    f"{subject} read {read}, not {about}, and {holder.reason}: record a"
                    f" reading of {procedure.version}, or run `sopmodel status` in the"
                    " repository to look in the history"
                )
            yield summary, where, message
