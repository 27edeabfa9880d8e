"""Word export speed: one document against the floor, and a batch against pandoc.

- the floor: a Python process that only imports pydantic, PyYAML and docxtpl;
- one 50-step procedure exported to docx as a whole `sopmodel export` process, without
  the flowchart (target: at most 1.5 x the floor), and with it (`dot` runs counted);
- 100 procedures: one `sopmodel export` call against pandoc run once per file on the same
  procedures written as Markdown (target: at least 3 x pandoc's documents per second).

To tell what the libraries cost from what sopmodel adds, it also times the libraries alone
doing the least of the same job: read the YAML, validate it with sopmodel's models, render a
template of two fields with docxtpl and save it.

Figures are medians of several runs. Processes run with Python's bytecode cache on, as an
installed package has it (PYTHONDONTWRITEBYTECODE is dropped). Run: python
benchmarks/word.py [RUNS]; the batch part needs pandoc (apt-get install pandoc) and says so
when it is missing.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
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


ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str], runs: int, env: dict[str, str] | None = None) -> float:
    """Return the median wall time of a command, after one run to warm the caches."""
    subprocess.run(command, check=True, capture_output=True, env=env or ENVIRONMENT)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env or ENVIRONMENT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def dot_runs(command: list[str], folder: Path) -> int:
    """Return how many times a command runs `dot`, counted by a script first on the PATH."""
    real = shutil.which("dot")
    if real is None:
        return 0
    log, script = folder / "dot.log", folder / "bin" / "dot"
    script.parent.mkdir(exist_ok=True)
    script.write_text(f'#!/bin/sh\necho run >> "{log}"\nexec "{real}" "$@"\n', "utf-8")
    script.chmod(0o755)
    env = {**ENVIRONMENT, "PATH": f"{script.parent}{os.pathsep}{ENVIRONMENT['PATH']}"}
    subprocess.run(command, check=True, capture_output=True, env=env)
    return len(log.read_text("utf-8").splitlines()) if log.exists() else 0


def export(sources: Path, out: Path, *more: str) -> list[str]:
    """Return the `sopmodel export` command line of a file or folder to docx."""
    command = [str(BIN / "sopmodel"), "export", str(sources), "--to", "docx", "-o", str(out)]
    return [*command, "-q", *more]


BARE = """import io, sys
import yaml
from docxtpl import DocxTemplate
from sopmodel.model import Procedure
data = yaml.load(open(sys.argv[1], encoding="utf-8"), Loader=yaml.CSafeLoader)
document = Procedure.model_validate(data)
template = DocxTemplate(sys.argv[2])
template.render({"id": document.id, "title": document.title})
out = io.BytesIO()
template.save(out)
open(sys.argv[3], "wb").write(out.getvalue())
"""
"""The libraries alone doing the least of the job: the pipeline's cost without sopmodel's."""


def bare_pipeline(folder: Path, source: Path) -> list[str]:
    """Return the command of the bare pipeline (its script and template written to folder)."""
    from docx import Document

    template = Document()
    template.add_paragraph("{{ title }}")
    template.add_paragraph("{{ id }}")
    template.save(str(folder / "bare.docx"))
    (folder / "bare.py").write_text(BARE, encoding="utf-8")
    files = [folder / "bare.py", source, folder / "bare.docx", folder / "bare-out.docx"]
    return [sys.executable, *map(str, files)]


def main() -> None:
    """Print the figures."""
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
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
        one = folder / "yaml" / "p000.yaml"
        floor = timed([sys.executable, "-c", "import pydantic, yaml, docxtpl"], runs)
        bare = timed(bare_pipeline(folder, one), runs)
        alone = timed(export(one, folder / "one", "-O", "flowchart=false"), runs)
        charted = timed(export(one, folder / "chart"), max(3, runs // 2))
        counted = dot_runs(export(one, folder / "counted"), folder)
        pictures = sum(
            1
            for name in zipfile.ZipFile(folder / "counted" / "BENCH-0000.docx").namelist()
            if name.startswith("word/media/")
        )
        print(f"one 50-step procedure, whole process (median of {runs}):")
        print(f"  floor: python -c 'import pydantic, yaml, docxtpl'  {floor:6.3f} s")
        print(
            f"  the libraries alone: YAML, models, 2-field docx  {bare:6.3f} s"
            f"  ({bare / floor:.2f} x the floor)"
        )
        print(
            f"  sopmodel export --to docx -O flowchart=false     {alone:6.3f} s"
            f"  ({alone / floor:.2f} x the floor; target 1.5 x)"
        )
        print(
            f"  ... with the flowchart                         {charted:6.3f} s"
            f"  ({counted} dot runs for {pictures} flowchart pages)"
        )
        pandoc = shutil.which("pandoc")
        if pandoc is None:
            print("100 procedures: NOT MEASURED, pandoc is missing (apt-get install pandoc)")
            return
        batch = timed(export(folder / "yaml", folder / "all", "-O", "flowchart=false"), 3)
        times = []
        for _ in range(3):
            start = time.perf_counter()
            for md in sorted((folder / "md").glob("*.md")):
                subprocess.run([pandoc, str(md), "-o", str(md.with_suffix(".docx"))], check=True)
            times.append(time.perf_counter() - start)
        serial = statistics.median(times)
        print("100 procedures of 50 steps (median of 3):")
        print(f"  pandoc, once per file           {serial:6.2f} s  {100 / serial:6.1f} documents/s")
        print(
            f"  sopmodel export, one call       {batch:6.2f} s  {100 / batch:6.1f} documents/s"
            f"  ({serial / batch:.1f} x pandoc's rate; target 3 x)"
        )


if __name__ == "__main__":
    main()
