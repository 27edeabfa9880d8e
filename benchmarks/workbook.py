"""Workbook speed and memory: a plan of 25 KPIs over 52 weeks with 400 activities.

Prints the time and peak memory (tracemalloc) of exporting the tracker, and the time of
reading a filled tracker back (every week of every KPI filled). The named peer is
openpyxl itself writing the same number of cells with no formulas, tables or charts, the
floor any tracker built on it pays. Run: python benchmarks/workbook.py
"""

from __future__ import annotations

import datetime as dt
import random
import tempfile
import time
import tracemalloc
from pathlib import Path

from openpyxl import Workbook, load_workbook

from sopmodel.exporters import export
from sopmodel.exporters.workbook.read import read_tracker
from sopmodel.model import Plan


def big_plan() -> Plan:
    """Return a one-year plan with 25 KPIs, 8 roles, 4 phases and 400 activities."""
    rng = random.Random(3)
    start = dt.date(2027, 1, 4)
    roles = [{"id": f"r{i}", "name": f"Role {i}"} for i in range(8)]
    phases = []
    for p in range(4):
        first = start + dt.timedelta(days=91 * p)
        activities = []
        for a in range(100):
            activities.append(
                {
                    "id": f"a{p}-{a}",
                    "title": f"Activity {p}.{a} of the plan",
                    "due": (first + dt.timedelta(days=rng.randint(0, 89))).isoformat(),
                    "raci": {
                        "responsible": [f"r{rng.randint(0, 7)}"],
                        "accountable": f"r{rng.randint(0, 7)}",
                        "consulted": [f"r{rng.randint(0, 7)}"],
                        "informed": [f"r{rng.randint(0, 7)}"],
                    },
                }
            )
        phases.append(
            {
                "id": f"p{p}",
                "name": f"Quarter {p + 1}",
                "start": first.isoformat(),
                "end": (first + dt.timedelta(days=90)).isoformat(),
                "activities": activities,
            }
        )
    return Plan.model_validate(
        {
            "id": "PLAN-BIG",
            "title": "A year of weekly tracking",
            "start": start.isoformat(),
            "horizon_days": 364,
            "roles": roles,
            "phases": phases,
            "kpis": [
                {
                    "id": f"k{i}",
                    "name": f"KPI number {i}",
                    "unit": "%",
                    "baseline": 50,
                    "target": 80,
                    "owner": f"r{i % 8}",
                }
                for i in range(25)
            ],
            "objectives": [{"id": "o1", "statement": "Improve", "priority": 1, "kpis": ["k0"]}],
            "milestones": [
                {
                    "id": "retro",
                    "title": "Retrospective",
                    "date": "2027-12-27",
                    "kind": "retrospective",
                }
            ],
        }
    )


def main() -> None:
    """Print the figures."""
    plan = big_plan()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        tracemalloc.start()
        start = time.perf_counter()
        [xlsx] = export(plan, "xlsx", folder)
        exported = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        book = load_workbook(xlsx)
        sheet = next(s for s in book.worksheets if "KPIs" in s.tables)
        for row in range(2, 27):
            for column in range(11, 11 + 52):
                sheet.cell(row=row, column=column).value = 50 + (row * column) % 30
        book.save(xlsx)
        start = time.perf_counter()
        tracker = read_tracker(xlsx)
        reading = time.perf_counter() - start
        tracemalloc.start()
        start = time.perf_counter()
        floor = Workbook()
        plain = floor.active
        for row in range(1, 27):
            for column in range(1, 64):
                plain.cell(row=row, column=column).value = row * column
        raci = floor.create_sheet()
        for row in range(1, 402):
            for column in range(1, 12):
                raci.cell(row=row, column=column).value = "R"
        floor.save(folder / "floor.xlsx")
        floor_time = time.perf_counter() - start
        _, floor_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    print("plan of 25 KPIs over 52 weeks, 400 activities, 8 roles:")
    print(f"  export the tracker          {exported:6.2f} s   peak memory {peak / 1e6:6.1f} MB")
    bare = f"{floor_time:6.2f} s   peak memory {floor_peak / 1e6:6.1f} MB"
    print(f"  openpyxl, same cells, bare  {bare}")
    print(
        f"  read a filled tracker back  {reading:6.2f} s   ({len(tracker.measurements)} values,"
        f" {len(tracker.problems)} problems)"
    )


if __name__ == "__main__":
    main()
