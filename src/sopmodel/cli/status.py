"""`sopmodel status`: where each KPI of a plan stands, from the plan and a filled tracker."""

from __future__ import annotations

import argparse
import json
import sys

from sopmodel.exporters import ExportError
from sopmodel.exporters.workbook.read import read_tracker
from sopmodel.i18n import counted, format_number, labels
from sopmodel.model import Plan
from sopmodel.source import LoadError, load
from sopmodel.source.update import write_measurements
from sopmodel.views.kpi_status import plan_status

__all__ = ["run_status"]


def run_status(args: argparse.Namespace) -> int:
    """Print each KPI's status and trend; 0 when every cell was read, 1 if not, 2 on bad input."""
    try:
        plan = load(args.plan)
    except LoadError as error:
        sys.stdout.write("".join(f"{d}\n" for d in error.diagnostics))
        return 2
    if not isinstance(plan, Plan):
        sys.stderr.write(f"sopmodel: {args.plan} is a {plan.kind}, not a plan\n")
        return 2
    measurements = {(m.kpi, m.period): m for m in plan.measurements}
    problems: list[str] = []
    if args.tracker:
        try:
            tracker = read_tracker(args.tracker)
        except ExportError as error:
            sys.stderr.write(f"sopmodel: {error}\n")
            return 2
        problems = [f"{args.tracker}: {p}" for p in tracker.problems]
        for m in tracker.measurements:
            known = measurements.get((m.kpi, m.period))
            measurements[(m.kpi, m.period)] = (
                m.model_copy(update={"note": known.note}) if known else m
            )
    merged = list(measurements.values())
    statuses = plan_status(plan, merged)
    words = labels(str(args.lang or plan.language))
    if args.format == "json":
        sys.stdout.write(
            json.dumps(
                {"plan": plan.id, "kpis": [s.to_dict() for s in statuses], "problems": problems},
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
    else:
        for line in problems:
            sys.stdout.write(f"{line}\n")
        for s in statuses:
            latest = "—" if s.latest is None else format_number(s.latest, words.language)
            expected = (
                ""
                if s.expected is None
                else f" / {format_number(round(s.expected, 2), words.language)}"
            )
            trend = f" · {words[f'trend_{s.trend}']}" if s.trend else ""
            where = f" ({s.period})" if s.period else ""
            sys.stdout.write(
                f"{words[f'status_{s.status}']:14} {s.name}: {latest}{expected}{where}{trend}\n"
            )
    if args.update and args.tracker:
        try:
            changed = write_measurements(
                args.plan, [m for m in merged if m.kpi in {k.id for k in plan.kpis}]
            )
        except (ValueError, OSError) as error:
            sys.stderr.write(f"sopmodel: {error}\n")
            return 2
        sys.stderr.write(f"{args.plan}: {counted(changed, 'measurement')} written\n")
    return 1 if problems else 0
