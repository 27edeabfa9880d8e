"""Diff speed: `sopmodel.changes.compare` on two versions of one procedure, against difflib.

Generates a procedure of N steps (the benchmarks' realistic steps: details, checks,
warnings, sub-steps, decisions) and a second version with 2% of its steps reworded, 1%
reassigned, 1% given a danger note, 1% moved, 1% removed, as many inserted (so the steps
after them are renumbered) and its KPI retargeted. Times, for 500, 1,000, 2,000 and 4,000
steps, with every cache emptied before each run:
- `compare(old, new)`: matching, classifying and both document fingerprints;
- the named peer: `difflib.unified_diff` on the two YAML texts (what a line diff of the
  files costs; it knows nothing of steps).
The time per step stays flat when the time is linear in the steps.
Run: python benchmarks/diff.py [--sizes 500,1000,2000,4000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import copy
import difflib
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import procedure
from sopmodel.changes import compare
from sopmodel.changes.words import markdown_words, text_words, word_key
from sopmodel.markup import parse
from sopmodel.model import Procedure


def changed(data: dict[str, Any], seed: int = 1) -> dict[str, Any]:
    """Return a new version of a procedure's data with a few changes of every kind."""
    rng = random.Random(seed)
    new = copy.deepcopy(data)
    steps: list[dict[str, Any]] = new["steps"]
    count = len(steps)
    plain = [i for i, s in enumerate(steps[:-1]) if "decision" not in s]
    for i in rng.sample(plain, count // 50):
        steps[i]["title"] = f"{steps[i]['title']} twice"
    for i in rng.sample(plain, count // 100):
        steps[i]["role"] = "role-5" if steps[i]["role"] != "role-5" else "role-4"
    for i in rng.sample(plain, count // 100):
        steps[i]["notes"] = [{"level": "danger", "text": "The press can close on your hand."}]
    targets = {b["goto"] for s in steps if "decision" in s for b in s["decision"]}
    movable = [i for i in plain if steps[i]["id"] not in targets and i > 0]
    for i in sorted(rng.sample(movable, count // 50), reverse=True)[: count // 100]:
        del steps[i]  # removed
    for i in rng.sample(range(1, len(steps) - 1), count // 100):
        steps.insert(i, {"id": f"new-{i}", "title": "Photograph the label", "role": "role-1"})
    for _ in range(count // 100):
        i = rng.randrange(1, len(steps) - 2)
        if "decision" not in steps[i] and steps[i]["id"] not in targets:
            j = rng.randrange(1, len(steps) - 2)
            steps.insert(j, steps.pop(i))  # moved
    new["quality"]["kpis"][0]["target"] = 0.5
    new["version"] = "1.1.0"
    new["revisions"].append({"version": "1.1.0", "date": "2026-11-01", "changes": "Benchmark."})
    return new


def _clear() -> None:
    for cached in (markdown_words, text_words, word_key, parse):
        cached.cache_clear()


def best(run: Callable[[], object], repeat: int) -> float:
    """Return the best time of run over repeat tries, caches emptied before each."""
    times = []
    for _ in range(repeat):
        _clear()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="500,1000,2000,4000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    print(f"{'steps':>6} {'compare':>10} {'per step':>10} {'difflib':>10} {'per step':>10}"
          f"  reported")  # fmt: skip
    rows = []
    for size in sizes:
        old_data = procedure(0, size)
        new_data = changed(old_data)
        old, new = Procedure.model_validate(old_data), Procedure.model_validate(new_data)
        old_text = yaml.safe_dump(old_data, sort_keys=False, allow_unicode=True).splitlines()
        new_text = yaml.safe_dump(new_data, sort_keys=False, allow_unicode=True).splitlines()
        ours = best(lambda: compare(old, new), args.repeat)  # noqa: B023
        peer = best(lambda: list(difflib.unified_diff(old_text, new_text)), args.repeat)  # noqa: B023
        changes = compare(old, new)
        kinds: dict[str, int] = {}
        for step in changes.steps:
            for kind in step.kinds:
                kinds[kind.value] = kinds.get(kind.value, 0) + 1
        summary = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
        rows.append((size, ours, peer))
        print(
            f"{size:>6} {ours * 1000:>8.1f}ms {ours / size * 1e6:>8.1f}µs"
            f" {peer * 1000:>8.1f}ms {peer / size * 1e6:>8.1f}µs  {summary}"
        )
    if len(rows) > 1:
        (small, t_small, p_small), (large, t_large, p_large) = rows[0], rows[-1]
        grow = large / small
        print(
            f"{small} -> {large} steps (x{grow:g}): compare x{t_large / t_small:.1f},"
            f" difflib x{p_large / p_small:.1f} (x{grow:g} is linear)"
        )


if __name__ == "__main__":
    main()
