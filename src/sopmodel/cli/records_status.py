"""`sopmodel status PROCEDURE --records FILE|FOLDER`: who read the procedure, and its trials.

Each person of the records who holds a role of the procedure is current, must re-read it
(a step of their role changed since the version they read, by fingerprint), cannot be told
(the steps of the version they read are known neither from the record nor from the git
history of the procedure file), or never read it. `--checklist FILLED.xlsx --update` adds
who performed and verified the procedure, from a filled checklist, to the record file.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from sopmodel.errors import SopmodelError
from sopmodel.i18n import Labels, format_date, labels
from sopmodel.model import AnyDocument, Procedure, Reading, Records
from sopmodel.rules.training import (
    Holder,
    ProcedureFacts,
    Standing,
    TrialReport,
    procedure_facts,
    record_facts,
    standings,
    trial_findings,
)
from sopmodel.source import LoadError, load

__all__ = ["run_records_status"]

ORDER = (Standing.current, Standing.must_reread, Standing.unknown, Standing.never_read)
"""The groups of the text output, in order."""


class _Refused(SopmodelError):
    """Input the command cannot use; the message is one line."""


def run_records_status(args: argparse.Namespace, document: AnyDocument) -> int:
    """Print who is current with a procedure and its trials; 0 when every role-holder is
    current, 1 when someone must (re-)read it or cannot be told, or a checklist box was not
    read, 2 on bad input."""
    try:
        if args.tracker:
            raise _Refused("--tracker is a plan's tracker; a procedure takes --checklist")
        if not isinstance(document, Procedure):
            raise _Refused(f"{args.plan}: a {document.kind}, not a procedure")
        procedure = document
        records, original = _records(args.records, args.update)
        readings: list[Reading] = []
        problems: list[str] = []
        if args.checklist:
            if records is None:
                raise _Refused("--checklist is read into records: give them with --records FILE")
            readings, problems = _from_checklist(args.checklist, procedure, records)
            records = records.model_copy(update={"entries": [*records.entries, *readings]})
    except LoadError as error:
        sys.stdout.write("".join(f"{d}\n" for d in error.diagnostics))
        return 2
    except SopmodelError as error:
        sys.stderr.write(f"sopmodel: {error}\n")
        return 2
    facts = procedure_facts(procedure)
    history = _history(args.plan, procedure)
    holders = standings(facts, record_facts(records), history) if records else []
    trials = trial_findings(facts, history)
    language = str(args.lang or procedure.language)
    if args.format == "json":
        report = _json(facts, holders, trials, problems, records is not None)
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write("".join(f"{line}\n" for line in problems))
        names = {role.id: role.name for role in procedure.roles}
        words = labels(language)
        sys.stdout.write(_text(facts, holders, trials, records is not None, words, names))
    if args.update and readings:
        from sopmodel.source.records_update import write_readings
        from sopmodel.source.update import UpdateError

        try:
            written = write_readings(args.records, readings, original=original)
        except (UpdateError, OSError) as error:
            sys.stderr.write(f"sopmodel: {error}\n")
            return 2
        sys.stderr.write(f"{args.records}: {written} reading{'s' * (written != 1)} written\n")
    behind = any(h.standing is not Standing.current for h in holders)
    return 1 if behind or problems else 0


def _records(given: str | None, update: bool) -> tuple[Records | None, bytes | None]:
    """Return the records of a file, or of every record file in a folder (merged)."""
    if given is None:
        if update:
            raise _Refused("--update writes into a record file: give it with --records FILE")
        return None, None
    if os.path.isdir(given):
        if update:
            raise _Refused(f"{given}: --update writes into one record file, not a folder")
        return _folder_records(given), None
    from sopmodel.source.records_update import read_records
    from sopmodel.source.update import UpdateError

    try:
        records, data = read_records(given)
    except UpdateError as error:
        raise _Refused(str(error)) from None
    return records, data


def _folder_records(folder: str) -> Records:
    """Return the record files of a folder as one: their people (by id, roles together)
    and their entries."""
    from sopmodel.rules.run import find_documents

    found, _ = find_documents([folder])
    people: dict[str, Any] = {}
    entries = []
    ids = []
    for path in found:
        document = load(path)
        if not isinstance(document, Records):
            continue
        ids.append(document.id)
        for person in document.people:
            known = people.get(person.id)
            if known is None:
                people[person.id] = person
            else:
                roles = list(dict.fromkeys([*known.roles, *person.roles]))
                people[person.id] = known.model_copy(update={"roles": roles})
        entries += document.entries
    if not ids:
        raise _Refused(f"{folder}: no record file (kind: records) in this folder")
    return Records(id=ids[0], title=folder, people=list(people.values()), entries=entries)


def _from_checklist(
    path: str, procedure: Procedure, records: Records
) -> tuple[list[Reading], list[str]]:
    from sopmodel.exporters.workbook.checklist_read import checklist_readings, read_checklist

    readings, problems = checklist_readings(read_checklist(path), procedure, records)
    return readings, [f"{path}: {p}" for p in problems]


def _history(path: str, procedure: Procedure) -> Any:
    """Return a function that gives the steps of the procedure at an older version, from
    the git history of its file, or why it cannot."""
    from sopmodel.cli.history import version_steps

    return version_steps(Path(path), procedure)


def _person(holder: Holder, names: dict[str, str]) -> str:
    """Return a person and the roles they hold, by the roles' names: Julie (Buyer)."""
    return f"{holder.person.name} ({', '.join(names.get(r, r) for r in holder.roles)})"


def _reading(holder: Holder, words: Labels) -> str:
    reading = holder.reading
    if reading is None:
        return ""
    return words.format(
        "records_read",
        activity=words[f"records_activity_{reading.activity}"],
        version=reading.version,
        date=format_date(reading.date, words.language),
    )


def _detail(holder: Holder, facts: ProcedureFacts, words: Labels) -> str:
    """Return what follows a holder's reading: what changed since, or why it cannot be told."""
    if holder.standing is Standing.current and holder.reading:
        same = holder.reading.version == facts.version
        return "" if same else "; " + words["records_unchanged"]
    if holder.standing is Standing.must_reread:
        steps = ", ".join(
            s.number if s.number == s.key else f"{s.number} ({s.key})" for s in holder.changed
        )
        return "; " + words.format("records_changed", steps=steps)
    if holder.standing is Standing.unknown:
        return "; " + words.format("records_cannot_tell", reason=holder.reason)
    return ""


def _text(
    facts: ProcedureFacts,
    holders: list[Holder],
    trials: list[TrialReport],
    with_records: bool,
    words: Labels,
    names: dict[str, str],
) -> str:
    status = words[f"status_{facts.status}"].lower()
    out = [
        words.format(
            "records_heading",
            id=facts.id,
            title=facts.title,
            version=facts.version,
            status=status,
        )
    ]
    if with_records and not holders:
        out.append(words["records_nobody"])
    for standing in ORDER:
        group = [h for h in holders if h.standing is standing]
        if not group:
            continue
        out.append(f"{words['records_' + standing.value.replace('-', '_')]} ({len(group)})")
        for holder in group:
            reading = _reading(holder, words)
            line = _person(holder, names) + (f" — {reading}" if reading else "")
            out.append(f"  {line}{_detail(holder, facts, words)}")
    out.append(words["records_trials"])
    if not trials:
        out.append(f"  {words['records_no_trials']}")
    for report in trials:
        t = report.trial
        out.append(
            "  "
            + words.format(
                "records_trial",
                date=format_date(t.date, words.language),
                tester=t.tester,
                version=t.version or facts.version,
                outcome=words[f"records_outcome_{t.outcome}"],
            )
            + (f": {t.remarks}" if t.remarks else "")
        )
        for step in report.steps:
            shown = step.number if step.number == step.key else f"{step.number} ({step.key})"
            out.append(
                "    " + words.format(f"records_step_{step.state}", step=shown, reason=step.reason)
            )
    return "".join(f"{line}\n" for line in out)


def _json(
    facts: ProcedureFacts,
    holders: list[Holder],
    trials: list[TrialReport],
    problems: list[str],
    with_records: bool,
) -> dict[str, Any]:
    return {
        "procedure": facts.id,
        "version": facts.version,
        "status": facts.status,
        "people": [h.to_dict() for h in holders] if with_records else None,
        "trials": [t.to_dict() for t in trials],
        "problems": problems,
    }
