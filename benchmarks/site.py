"""Handbook speed: `sopmodel site` for N generated procedures, against `mkdocs build` of the
same procedures as Markdown, measured in the same run.

Each procedure has 50 steps (benchmarks/corpus.py). The handbook is built without its inline
flowcharts first (the pages, index, role pages and search index: what mkdocs is compared
with, since mkdocs draws no chart), then the cost of the flowcharts is measured on a few
procedures (Graphviz's `dot`). mkdocs is given what a team would give it: each procedure
written by sopmodel's `md` exporter (without its chart; writing it is not timed).
Run: python benchmarks/site.py [--counts 250 500 1000]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import write_corpus
from sopmodel.exporters import render_output
from sopmodel.exporters.site import Handbook, SiteOptions
from sopmodel.source import load


def markdown(source: Path) -> str:
    """Return a procedure file as the `md` exporter writes it, without its chart."""
    output = render_output(load(source), "md", flowchart=False)
    return output.pages[0].decode("utf-8")


def mkdocs_build(sources: list[Path], folder: Path) -> float:
    """Write the procedures as a mkdocs project, then time `mkdocs build` alone."""
    docs = folder / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Procedures\n", encoding="utf-8")
    for source in sources:
        (docs / f"{source.stem}.md").write_text(markdown(source), encoding="utf-8")
    (folder / "mkdocs.yml").write_text(
        "site_name: Procedures\nmarkdown_extensions: [admonition, tables]\n", encoding="utf-8"
    )
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(folder / "mkdocs.yml")],
        check=True,
    )
    return time.perf_counter() - started


def site_build(sources: Path, out: Path, flowchart: bool) -> float:
    """Time a whole handbook build."""
    started = time.perf_counter()
    Handbook([sources], out, SiteOptions(flowchart=flowchart)).build()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[250, 500, 1000])
    parser.add_argument("--charts", type=int, default=10, help="procedures for the chart cost")
    args = parser.parse_args()
    has_mkdocs = shutil.which("mkdocs") or _importable("mkdocs")
    print(f"{'N':>6} {'site (s)':>9} {'ms/proc':>8} {'mkdocs (s)':>11} {'site/mkdocs':>12}")
    for count in args.counts:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            sources = write_corpus(root / "in", count)
            site = site_build(root / "in", root / "site", flowchart=False)
            peer = mkdocs_build(sources, root / "mk") if has_mkdocs else float("nan")
            print(
                f"{count:>6} {site:>9.2f} {site / count * 1000:>8.1f} {peer:>11.2f}"
                f" {site / peer:>12.2f}"
            )
    if shutil.which("dot") and args.charts:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            write_corpus(root / "in", args.charts)
            plain = site_build(root / "in", root / "a", flowchart=False)
            charts = site_build(root / "in", root / "b", flowchart=True)
            print(
                f"flowcharts: {(charts - plain) / args.charts * 1000:.0f} ms per 50-step"
                f" procedure on top ({args.charts} procedures, Graphviz dot)"
            )
    if not has_mkdocs:
        print("mkdocs is not installed: pip install -e '.[bench]'")
    return 0


def _importable(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


if __name__ == "__main__":
    raise SystemExit(main())
