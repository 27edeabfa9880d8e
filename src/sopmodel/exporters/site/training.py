"""A procedure's training on its page: where each holder of its roles stands, from the
record files (`kind: records`) among the handbook's inputs, and its trials with what became
of the steps they found confusing (as `sopmodel status --records` says them)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sopmodel.exporters.site.html import step_anchor
from sopmodel.i18n import Labels
from sopmodel.markup import plain
from sopmodel.model import AnyDocument, Procedure, Records
from sopmodel.rules.history import version_steps
from sopmodel.rules.training import (
    RecordFacts,
    Standing,
    merge_records,
    procedure_facts,
    record_facts,
    standings,
    trial_findings,
)
from sopmodel.views.training import (
    finding_text,
    holder_detail,
    holder_reading,
    standing_label,
    trial_text,
)

__all__ = ["URGENCY", "records_of", "training"]

URGENCY = (Standing.must_reread, Standing.unknown, Standing.never_read, Standing.current)
"""The order people are listed in: who must act first."""


def records_of(documents: Iterable[AnyDocument | None]) -> RecordFacts | None:
    """Return the record files among the documents as one, or None when there is none."""
    found = [d for d in documents if isinstance(d, Records)]
    if not found:
        return None
    return record_facts(merge_records(found, found[0].title))


def training(
    procedure: Procedure, path: str, records: RecordFacts | None, labels: Labels
) -> dict[str, Any] | None:
    """Return the values of a procedure's training section, or None when the handbook has no
    record file and the procedure no trial."""
    if records is None and not procedure.trials:
        return None
    language = labels.language
    facts = procedure_facts(procedure)
    history = version_steps(Path(path), procedure)
    names = {r.id: plain(r.name, language) for r in procedure.roles}
    holders = standings(facts, records, history) if records is not None else []
    holders.sort(key=lambda h: URGENCY.index(h.standing))
    people = [
        {
            "name": h.person.name,
            "roles": ", ".join(names.get(r, r) for r in h.roles),
            "standing": h.standing.value,
            "label": standing_label(h.standing, labels),
            "reading": holder_reading(h, labels),
            "detail": holder_detail(h, facts, labels),
        }
        for h in holders
    ]
    trials = [
        {
            "text": trial_text(report, facts, labels),
            "outcome": report.trial.outcome,
            "remarks": plain(report.trial.remarks, language) if report.trial.remarks else "",
            "colon": labels.format("labelled", label="", text=""),
            "steps": [
                {
                    "text": finding_text(step, labels),
                    "href": f"#{step_anchor(step.number)}" if step.key in facts.steps else "",
                }
                for step in report.steps
            ],
        }
        for report in trial_findings(facts, history)
    ]
    return {"records": records is not None, "people": people, "trials": trials}
