"""Hostile files: how fast sopmodel refuses them and how much memory it takes.

Each case runs in a fresh process for sopmodel and for the named peer, PyYAML's
`yaml.load(..., CSafeLoader)` followed by `json.dumps` (what a naive tool does to look at
the data). Run: python benchmarks/hostile.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

CASES = {
    "alias bomb (9 levels of 9)": "\n".join(
        ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
        + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    ),
    "nesting 50,000 deep": "a: " + "[" * 50_000 + "]" * 50_000,
    "3 MB of text": "sopmodel: 1\nkind: procedure\n" + "# padding\n" * 300_000,
}

SOPMODEL = """
import resource, sys
from sopmodel.source import LoadError, load
try:
    load(sys.argv[1])
    outcome = "loaded"
except LoadError as error:
    outcome = error.diagnostics[0].code + " " + error.diagnostics[0].message[:50]
print(outcome, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""
PEER = """
import json, resource, sys, yaml
try:
    data = yaml.load(open(sys.argv[1], "rb"), Loader=yaml.CSafeLoader)
    json.dumps(data)
    outcome = "loaded"
except BaseException as error:
    outcome = type(error).__name__
print(outcome, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def run(script: str, path: Path, limit: float = 60.0) -> str:
    """Return the outcome, wall time and peak memory of a script on a file."""
    start = time.perf_counter()
    try:
        result = subprocess.run(
            [sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=limit
        )
    except subprocess.TimeoutExpired:
        return f"still running after {limit:.0f} s (killed)"
    seconds = time.perf_counter() - start
    if result.returncode != 0 or not result.stdout.strip():
        tail = (result.stderr.strip().splitlines() or ["?"])[-1][:60]
        return f"crashed (exit {result.returncode}: {tail}) in {seconds:.2f} s"
    outcome, _, peak = result.stdout.strip().rpartition(" ")
    return f"{outcome} in {seconds:.2f} s, peak {int(peak) / 1024:.0f} MB"


def main() -> None:
    """Print the figures."""
    with tempfile.TemporaryDirectory() as folder:
        for name, text in CASES.items():
            path = Path(folder) / "hostile.yaml"
            path.write_text(text)
            print(name)
            print(f"  sopmodel: {run(SOPMODEL, path)}")
            print(f"  PyYAML + json.dumps (peer): {run(PEER, path)}")


if __name__ == "__main__":
    main()
