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
from sopmodel.i18n import Labels, labels
from sopmodel.model import AnyDocument, Procedure, Reading, Records
from sopmodel.rules.training import (
    Holder,
    ProcedureFacts,
    Standing,
    TrialReport,
    merge_records,
    procedure_facts,
    record_facts,
    standings,
    trial_findings,
)
from sopmodel.source import LoadError, load
from sopmodel.views.training import (
    ORDER,
    finding_text,
    holder_detail,
    holder_name,
    holder_reading,
    standing_label,
    trial_text,
)

__all__ = ["run_records_status"]


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
    """Return the record files of a folder as one (merge_records)."""
    from sopmodel.rules.run import find_documents

    found, _ = find_documents([folder])
    documents = [d for d in map(load, found) if isinstance(d, Records)]
    if not documents:
        raise _Refused(f"{folder}: no record file (kind: records) in this folder")
    return merge_records(documents, folder)


def _from_checklist(
    path: str, procedure: Procedure, records: Records
) -> tuple[list[Reading], list[str]]:
    from sopmodel.exporters.workbook.checklist_read import checklist_readings, read_checklist

    readings, problems = checklist_readings(read_checklist(path), procedure, records)
    return readings, [f"{path}: {p}" for p in problems]


def _history(path: str, procedure: Procedure) -> Any:
    """Return a function that gives the steps of the procedure at an older version, from
    the git history of its file, or why it cannot."""
    from sopmodel.rules.history import version_steps

    return version_steps(Path(path), procedure)


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
        out.append(f"{standing_label(standing, words)} ({len(group)})")
        for holder in group:
            reading = holder_reading(holder, words)
            detail = holder_detail(holder, facts, words)
            line = holder_name(holder, names) + (f" — {reading}" if reading else "")
            out.append(f"  {line}{'; ' + detail if detail else ''}")
    out.append(words["records_trials"])
    if not trials:
        out.append(f"  {words['records_no_trials']}")
    for report in trials:
        remarks, line = report.trial.remarks, trial_text(report, facts, words)
        out.append("  " + (words.format("labelled", label=line, text=remarks) if remarks else line))
        out += [f"    {finding_text(step, words)}" for step in report.steps]
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
