"""Flowchart speed: sopmodel's part against the `dot` program's, side by side.

A generated procedure of 500 steps, 40 decisions and 8 roles is exported to SVG. The time
spent inside `dot` (every layout, the page measurements included) is measured around each
run of the program; sopmodel's part is the rest: building the flow graph, the DOT source
of each page, and the pagination decisions. Run: python benchmarks/flowchart.py
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from sopmodel.exporters import export
from sopmodel.exporters.flowchart import dot
from sopmodel.model import Procedure
from sopmodel.source import dump_yaml, load_bytes


def procedure(steps: int, decisions: int, roles: int, seed: int = 1) -> Procedure:
    """Return a procedure with the given numbers of steps, decisions and roles."""
    rng = random.Random(seed)
    role_ids = [f"role-{r}" for r in range(roles)]
    deciding = set(rng.sample(range(1, steps - 3), decisions))
    body: list[dict[str, Any]] = []
    for n in range(steps):
        step: dict[str, Any] = {
            "id": f"s{n}",
            "title": f"{rng.choice(['Check', 'Record', 'Send', 'Approve'])} the"
            f" {rng.choice(['order', 'invoice', 'delivery note', 'batch record'])} ({n + 1})",
            "role": rng.choice(role_ids),
        }
        if n in deciding:
            step["decision"] = [
                {"when": "yes", "goto": f"s{n + 1}"},
                {"when": "no", "goto": f"s{min(steps - 1, n + rng.randint(2, 6))}"},
            ]
        if n % 5 == 0:
            step["check"] = "The figures match the order form."
        body.append(step)
    return Procedure.model_validate(
        {
            "id": "BENCH-500",
            "title": "A very long procedure",
            "roles": [{"id": r, "name": f"Role {r}"} for r in role_ids],
            "steps": body,
        }
    )


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--steps", type=int, default=500)
    parser.add_argument("--decisions", type=int, default=40)
    parser.add_argument("--roles", type=int, default=8)
    args = parser.parse_args()
    document = load_bytes(dump_yaml(procedure(args.steps, args.decisions, args.roles)))
    spent = {"dot": 0.0, "runs": 0}
    original = dot._run  # every run of the program goes through it

    def timed_dot(source: str, format: str, timeout: float) -> bytes:
        start = time.perf_counter()
        try:
            return original(source, format, timeout)
        finally:
            spent["dot"] += time.perf_counter() - start
            spent["runs"] += 1

    dot._run = timed_dot  # type: ignore[assignment]
    try:
        with tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            pages = export(document, "svg", Path(folder))
            total = time.perf_counter() - start
    finally:
        dot._run = original  # type: ignore[assignment]
    ours = total - spent["dot"]
    shape = f"{args.steps} steps, {args.decisions} decisions, {args.roles} roles"
    print(f"{shape} -> {len(pages)} A4 pages")
    print(f"  dot (the program, {spent['runs']} runs)   {spent['dot']:7.2f} s")
    print(f"  sopmodel's part                {ours:7.2f} s  ({ours / spent['dot']:.1%} of dot's)")
    print(f"  whole export                   {total:7.2f} s")


if __name__ == "__main__":
    main()
