"""Validation speed: sopmodel against check-jsonschema and against merely composing the YAML.

Generates 1,000 realistic procedure files of 50 steps, then times, as whole processes:
- `sopmodel validate` (one process, and --jobs 2),
- `check-jsonschema` with the committed JSON Schema (the named peer),
- composing every file with PyYAML's libyaml CSafeLoader (the floor: reading only),
and `sopmodel --version`. Run: python benchmarks/validate.py [--files N] [--steps N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "docs" / "schema" / "procedure.schema.json"
BIN = Path(sys.executable).parent
COMPOSE = """
import sys, yaml
for name in sys.argv[1:]:
    with open(name, "rb") as handle:
        yaml.compose(handle, Loader=yaml.CSafeLoader)
"""


def wall(command: list[str], repeat: int = 3, ok: tuple[int, ...] = (0,)) -> float:
    """Return the best wall time of a command over repeat runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if result.returncode not in ok:
            raise SystemExit(
                f"{command[0]} failed ({result.returncode}):\n{result.stdout[-2000:]}"
                f"{result.stderr[-2000:]}"
            )
    return min(times)


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--steps", type=int, default=50)
    args = parser.parse_args()
    sopmodel = str(BIN / "sopmodel")
    peer = shutil.which("check-jsonschema", path=str(BIN)) or shutil.which("check-jsonschema")
    with tempfile.TemporaryDirectory() as folder:
        paths = [str(p) for p in write_corpus(Path(folder) / "docs", args.files, args.steps)]
        size = sum(Path(p).stat().st_size for p in paths)
        print(f"{args.files} procedure files of {args.steps} steps, {size / 1e6:.1f} MB in all")
        floor = wall([sys.executable, "-c", COMPOSE, *paths])
        ours = wall([sopmodel, "validate", folder, "--jobs", "1", "--today", "2026-11-24"])
        auto = wall([sopmodel, "validate", folder, "--today", "2026-11-24"])
        ours_jobs = wall([sopmodel, "validate", folder, "--jobs", "2", "--today", "2026-11-24"])
        rows = [
            ("compose with CSafeLoader (floor)", floor),
            ("sopmodel validate --jobs 1", ours),
            ("sopmodel validate (default: auto jobs)", auto),
            ("sopmodel validate --jobs 2", ours_jobs),
        ]
        if peer:
            theirs = wall([peer, "--schemafile", str(SCHEMA), *paths], repeat=1)
            rows.append(("check-jsonschema (peer)", theirs))
        else:
            print("check-jsonschema is not installed: pip install -e '.[bench]'")
        for name, seconds in rows:
            print(f"  {name:40} {seconds:8.2f} s   {args.files / seconds:8.0f} files/s")
        print(
            f"sopmodel / floor: default {auto / floor:.2f} x, --jobs 1 {ours / floor:.2f} x,"
            f" --jobs 2 {ours_jobs / floor:.2f} x"
        )
        if peer:
            print(
                f"sopmodel / check-jsonschema: default {auto / theirs:.3f} x,"
                f" --jobs 1 {ours / theirs:.3f} x"
            )
    versions = []
    for _ in range(10):
        start = time.perf_counter()
        subprocess.run([sopmodel, "--version"], capture_output=True, check=True)
        versions.append(time.perf_counter() - start)
    print(
        f"sopmodel --version:          {statistics.median(versions) * 1000:5.0f} ms (median of 10)"
    )


if __name__ == "__main__":
    main()
