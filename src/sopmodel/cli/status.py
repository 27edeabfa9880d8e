"""`sopmodel status`: where each KPI of a plan stands, from the plan and a filled tracker."""

from __future__ import annotations

import argparse
import json
import sys

from sopmodel.errors import SopmodelError
from sopmodel.exporters.workbook.read import merge_tracker, read_tracker
from sopmodel.i18n import counted, format_number, labels
from sopmodel.i18n.typography import typeset
from sopmodel.model import Plan, Procedure
from sopmodel.source import LoadError
from sopmodel.source.update import read_document, write_measurements
from sopmodel.views.kpi_status import KPIStatus, plan_status

__all__ = ["run_status"]


def run_status(args: argparse.Namespace) -> int:
    """Print each KPI's status and trend; 0 when every cell was read, 1 if not, 2 on bad input.

    A procedure's status (who read it, its trials) is `records_status.run_records_status`.
    """
    try:
        document, original = read_document(args.plan)  # an update writes over these bytes only
    except LoadError as error:
        sys.stdout.write("".join(f"{d}\n" for d in error.diagnostics))
        return 2
    except SopmodelError as error:
        sys.stderr.write(f"sopmodel: {error}\n")
        return 2
    if args.records or args.checklist or isinstance(document, Procedure):
        from sopmodel.cli.records_status import run_records_status

        return run_records_status(args, document)
    if args.update and not args.tracker:
        sys.stderr.write("sopmodel: --update writes a tracker's values: give it with --tracker\n")
        return 2
    if not isinstance(document, Plan):
        sys.stderr.write(f"sopmodel: {args.plan}: a {document.kind}, not a plan\n")
        return 2
    plan = document
    measurements, changes, problems = list(plan.measurements), [], []
    if args.tracker:
        try:
            merge = merge_tracker(plan, read_tracker(args.tracker))
        except SopmodelError as error:
            sys.stderr.write(f"sopmodel: {error}\n")
            return 2
        measurements, changes = merge.measurements, merge.changes
        problems = [f"{args.tracker}: {p}" for p in merge.problems]
    statuses = plan_status(plan, measurements)
    if args.format == "json":
        report = {"plan": plan.id, "kpis": [s.to_dict() for s in statuses], "problems": problems}
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2, allow_nan=False) + "\n")
    else:
        sys.stdout.write("".join(f"{line}\n" for line in problems))
        sys.stdout.write(_text(statuses, str(args.lang or plan.language)))
    if args.update and args.tracker:
        try:
            written = write_measurements(args.plan, changes, original=original)
        except (SopmodelError, OSError) as error:
            sys.stderr.write(f"sopmodel: {error}\n")
            return 2
        sys.stderr.write(f"{args.plan}: {counted(written, 'measurement')} written\n")
    return 1 if problems else 0


def _number(value: float, language: str) -> str:
    """Return a value the local way, or in scientific notation when it is too large for that."""
    try:
        return format_number(value, language)
    except (ArithmeticError, ValueError):
        return f"{value:.6g}"


def _text(statuses: list[KPIStatus], language: str) -> str:
    """Return one line per KPI: status, name, latest and expected values, week and trend."""
    words = labels(language)
    lines = []
    for s in statuses:
        latest = "—" if s.latest is None else _number(s.latest, words.language)
        expected = ""
        if s.expected is not None:
            expected = f" / {_number(round(s.expected, 2), words.language)}"
        trend = f" · {words[f'trend_{s.trend}']}" if s.trend else ""
        where = f" ({s.period})" if s.period else ""
        status = words[f"status_{s.status}"]
        line = words.format(
            "labelled", label=typeset(s.name, language), text=f"{latest}{expected}{where}{trend}"
        )
        lines.append(f"{status:14} {line}\n")
    return "".join(lines)
