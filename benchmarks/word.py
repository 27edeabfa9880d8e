"""Word export speed: sopmodel against pandoc converting an equivalent Markdown file.

- one 50-step procedure, as whole processes: `sopmodel export --to docx` and
  `pandoc FILE.md -o FILE.docx` (targets: sopmodel at most 1.5 x pandoc's time);
- 100 procedures: one `sopmodel export` call against pandoc run once per file
  (target: sopmodel at least 3 x pandoc's documents per second).
Flowcharts are left out of the comparison (pandoc draws none); the figure with them is
printed too. Run: python benchmarks/word.py (needs pandoc: apt-get install pandoc)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import procedure
from sopmodel.model import Procedure
from sopmodel.source import dump_yaml

BIN = Path(sys.executable).parent


def markdown(data: dict[str, Any]) -> str:
    """Return the same procedure as Markdown, as a person would write it for pandoc."""
    document = Procedure.model_validate(data)
    roles = {role.id: role.name for role in document.roles}
    out = [f"% {document.title}", "", f"**{document.id}** · version {document.version}", ""]
    out += ["# Objective", "", document.objective or "", "", "# Scope", "", document.scope or ""]
    out += ["", "# Roles", "", "| Role | Responsibilities |", "|---|---|"]
    out += [f"| {r.name} | {'; '.join(r.responsibilities)} |" for r in document.roles]
    out += ["", "# Steps", ""]
    for number, step in enumerate(document.steps, 1):
        out += [f"## {number} {step.title}", "", f"*Who: {roles.get(step.role or '', '')}*", ""]
        out += [step.details or "", ""]
        out += [f"> ✔ Check: {step.check}", ""] if step.check else []
        out += [f"> ⚠ Warning: {step.warning}", ""] if step.warning else []
        out += [f"### {number}.{n} {sub.title}" for n, sub in enumerate(step.substeps, 1)]
        out += [f"- If {b.when}, go to step {b.goto}" for b in step.decision or []] + [""]
    out += ["# Troubleshooting", "", "| Problem | Solution |", "|---|---|"]
    out += [f"| {t.problem} | {t.solution} |" for t in document.troubleshooting]
    out += ["", "# Revision history", "", "| Version | Date | Changes |", "|---|---|---|"]
    out += [f"| {r.version} | {r.date} | {r.changes} |" for r in document.revisions]
    return "\n".join(out) + "\n"


def timed(command: list[str], repeat: int = 3) -> float:
    """Return the best wall time of a command."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    """Print the figures."""
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        raise SystemExit("pandoc is not installed: apt-get install pandoc")
    sopmodel = str(BIN / "sopmodel")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "yaml").mkdir()
        (folder / "md").mkdir()
        for index in range(100):
            data = procedure(index, 50)
            (folder / "yaml" / f"p{index:03d}.yaml").write_text(
                dump_yaml(Procedure.model_validate(data)), encoding="utf-8"
            )
            (folder / "md" / f"p{index:03d}.md").write_text(markdown(data), encoding="utf-8")
        one_yaml, one_md = folder / "yaml" / "p000.yaml", folder / "md" / "p000.md"
        ours = timed(
            [
                sopmodel,
                "export",
                str(one_yaml),
                "--to",
                "docx",
                "-O",
                "flowchart=false",
                "-o",
                str(folder / "one"),
                "-q",
            ]
        )
        with_chart = timed(
            [
                sopmodel,
                "export",
                str(one_yaml),
                "--to",
                "docx",
                "-o",
                str(folder / "one-chart"),
                "-q",
            ]
        )
        theirs = timed([pandoc, str(one_md), "-o", str(folder / "one.docx")])
        print("one 50-step procedure, whole process (best of 3):")
        print(f"  pandoc                          {theirs:6.2f} s")
        print(f"  sopmodel export --to docx       {ours:6.2f} s  ({ours / theirs:.2f} x pandoc)")
        print(f"  ... with the flowchart embedded {with_chart:6.2f} s")
        start = time.perf_counter()
        subprocess.run(
            [
                sopmodel,
                "export",
                str(folder / "yaml"),
                "--to",
                "docx",
                "-O",
                "flowchart=false",
                "-o",
                str(folder / "all"),
                "-q",
            ],
            check=True,
            capture_output=True,
        )
        batch = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run(
            [
                sopmodel,
                "export",
                str(folder / "yaml"),
                "--to",
                "docx",
                "-o",
                str(folder / "all-chart"),
                "-q",
            ],
            check=True,
            capture_output=True,
        )
        batch_chart = time.perf_counter() - start
        start = time.perf_counter()
        for md in sorted((folder / "md").glob("*.md")):
            subprocess.run([pandoc, str(md), "-o", str(md.with_suffix(".docx"))], check=True)
        serial = time.perf_counter() - start
        print("100 procedures of 50 steps:")
        print(f"  pandoc, once per file           {serial:6.2f} s  {100 / serial:6.1f} documents/s")
        print(
            f"  sopmodel export, one call       {batch:6.2f} s  {100 / batch:6.1f} documents/s"
            f"  ({serial / batch:.1f} x pandoc's rate)"
        )
        print(
            f"  ... with flowcharts embedded    {batch_chart:6.2f} s  {100 / batch_chart:6.1f}"
            " documents/s"
        )


if __name__ == "__main__":
    main()
