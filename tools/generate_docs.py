"""Generate docs/rules/*.md and docs/schema/*.json from the code; --check fails on drift.

Run `python tools/generate_docs.py` after changing a rule, a model or an example.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from sopmodel.model.schema import json_schema
from sopmodel.rules import RULES, validate_paths
from sopmodel.source import STRUCTURE_CHECKS

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
TODAY = "2026-11-24"
"""The date the overdue-review examples are checked on."""


def _entry(folder: Path, code: str) -> Path:
    return next(p for p in sorted(folder.iterdir()) if p.name.split("-")[0] == code)


def _files(entry: Path) -> list[Path]:
    return sorted(entry.glob("*.yaml")) if entry.is_dir() else [entry]


def _show(entry: Path) -> str:
    blocks = []
    for path in _files(entry):
        relative = path.relative_to(ROOT).as_posix()
        blocks.append(f"`{relative}`:\n\n```yaml\n{path.read_text(encoding='utf-8')}```\n")
    return "\n".join(blocks)


def rule_page(code: str) -> str:
    """Return the reference page of a rule, with its examples and their real output."""
    import datetime as dt

    item = RULES[code]
    failing = _entry(ROOT / "examples" / "invalid", code)
    passing = _entry(DOCS / "rules" / "examples", code)
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        report = validate_paths(
            [str(failing.relative_to(ROOT))], today=dt.date.fromisoformat(TODAY)
        )
    finally:
        os.chdir(cwd)
    output = "".join(f"{d}\n" for d in report.diagnostics)
    applies = " and ".join(f"{k}s" for k in item.kinds)
    scope = " validated together" if item.scope == "corpus" else ""
    lines = [
        f"# {code} {item.name}",
        "",
        f"**Default severity:** {item.severity.name} · **Applies to:** {applies}{scope}",
        "",
        "## What it does",
        "",
        item.summary,
        "",
        "## Why",
        "",
        item.rationale,
        "",
    ]
    if item.options:
        lines += ["## Options", "", "```toml", "[tool.sopmodel]"]
        lines += [
            f"{name} = {json.dumps(value, ensure_ascii=False)}"
            for name, value in item.options.items()
        ]
        lines += ["```", ""]
    lines += [
        "## Example that fails",
        "",
        _show(failing),
        f"`sopmodel validate {failing.relative_to(ROOT).as_posix()}` (on {TODAY}):",
        "",
        "```text",
        output.rstrip("\n"),
        "```",
        "",
        "## Example that passes",
        "",
        _show(passing),
        "## Turning it off",
        "",
        "```toml",
        "[tool.sopmodel]",
        f'ignore = ["{code}"]',
        "```",
        "",
    ]
    return "\n".join(lines)


def index_page() -> str:
    """Return the index of every check, the loader's included."""
    lines = [
        "# Rules",
        "",
        "Each rule has a stable code that is never reused. Configure them in `[tool.sopmodel]`",
        "of `pyproject.toml` or in `sopmodel.toml` (see [configuration](../configuration.md)).",
        "",
        "| code | name | default severity | what it checks |",
        "|---|---|---|---|",
    ]
    for code, item in sorted(RULES.items()):
        lines.append(
            f"| [{code}]({code}.md) | {item.name} | {item.severity.name} | {item.summary} |"
        )
    lines += [
        "",
        "## Checks made while loading",
        "",
        "These are always errors and cannot be ignored: a file that fails them is not a document.",
        "Files that cannot be read at all (IO001, YAML001, YAML003) make `validate` exit with 2.",
        "",
        "| code | name | what it means |",
        "|---|---|---|",
    ]
    for code, (name, summary) in STRUCTURE_CHECKS.items():
        lines.append(f"| {code} | {name} | {summary} |")
    return "\n".join(lines) + "\n"


def outputs() -> dict[Path, str]:
    """Return every generated file and its content."""
    files = {DOCS / "rules" / "index.md": index_page()}
    for code in sorted(RULES):
        files[DOCS / "rules" / f"{code}.md"] = rule_page(code)
    for kind in ("procedure", "plan"):
        text = json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
        files[DOCS / "schema" / f"{kind}.schema.json"] = text
    return files


def main() -> int:
    """Write the generated files, or with --check report those that are out of date."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if a file is out of date")
    args = parser.parse_args()
    stale = []
    for path, text in outputs().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            stale.append(path)
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    for path in stale:
        verb = "out of date" if args.check else "written"
        print(f"{path.relative_to(ROOT)}: {verb}", file=sys.stderr)
    return 1 if stale and args.check else 0


if __name__ == "__main__":
    raise SystemExit(main())
