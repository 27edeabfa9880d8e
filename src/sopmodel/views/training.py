"""A procedure's training status in words: where each role-holder stands (from record files)
and what became of the steps its trials found confusing, as `sopmodel status --records` and
the handbook say them."""

from __future__ import annotations

from sopmodel.i18n import Labels, format_date
from sopmodel.rules.training import (
    Holder,
    ProcedureFacts,
    Reason,
    Standing,
    StepFinding,
    TrialReport,
)

__all__ = [
    "ORDER",
    "finding_text",
    "holder_detail",
    "holder_name",
    "holder_reading",
    "reason_text",
    "standing_label",
    "trial_text",
]

ORDER = (Standing.current, Standing.must_reread, Standing.unknown, Standing.never_read)
"""The standings in the order a report lists them."""


def standing_label(standing: Standing, words: Labels) -> str:
    """Return a standing in words: Current, Must re-read, Cannot tell, Never read."""
    return words["records_" + standing.value.replace("-", "_")]


def holder_name(holder: Holder, names: dict[str, str]) -> str:
    """Return a person and the roles they hold, by the roles' names: Julie (Buyer)."""
    return f"{holder.person.name} ({', '.join(names.get(r, r) for r in holder.roles)})"


def holder_reading(holder: Holder, words: Labels) -> str:
    """Return a holder's last reading: 'read 1.2.0 on 16 September 2026' ('' if none)."""
    reading = holder.reading
    if reading is None:
        return ""
    return words.format(
        "records_read",
        activity=words[f"records_activity_{reading.activity}"],
        version=reading.version,
        date=format_date(reading.date, words.language),
    )


def _step(key: str, number: str) -> str:
    return number if number == key else f"{number} ({key})"


def holder_detail(holder: Holder, facts: ProcedureFacts, words: Labels) -> str:
    """Return what follows a holder's reading: what changed since, or why it cannot be told."""
    if holder.standing is Standing.current and holder.reading:
        return "" if holder.reading.version == facts.version else words["records_unchanged"]
    if holder.standing is Standing.must_reread:
        steps = ", ".join(_step(s.key, s.number) for s in holder.changed)
        return words.format("records_changed", steps=steps)
    if holder.standing is Standing.unknown:
        return words.format("records_cannot_tell", reason=reason_text(holder.reason, words))
    return ""


def trial_text(report: TrialReport, facts: ProcedureFacts, words: Labels) -> str:
    """Return a trial in one line: date · tester · version · outcome."""
    t = report.trial
    return words.format(
        "records_trial",
        date=format_date(t.date, words.language),
        tester=t.tester,
        version=t.version or facts.version,
        outcome=words[f"records_outcome_{t.outcome}"],
    )


def finding_text(step: StepFinding, words: Labels) -> str:
    """Return what became of a step a trial found confusing."""
    return words.format(
        f"records_step_{step.state}",
        step=_step(step.key, step.number),
        reason=reason_text(step.reason, words),
    )


def reason_text(reason: str, words: Labels) -> str:
    """Return why what changed cannot be told, in the words' language when it is known."""
    if isinstance(reason, Reason):
        return words.format(f"records_reason_{reason.key}", **reason.values)
    return reason
