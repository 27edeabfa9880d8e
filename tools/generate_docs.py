"""Generate docs/rules/*.md and docs/schema/*.json from the code; --check fails on drift.

Run `python tools/generate_docs.py` after changing a rule, a model or an example.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sopmodel.model.schema import json_schema
from sopmodel.rules import RULES, Config, validate_paths
from sopmodel.rules.catalogue import CHECKS

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
TODAY = "2026-11-24"
"""The date the overdue-review examples are checked on."""


WITHOUT_FILE = {"IO001"}
"""Checks whose failing example cannot be committed (a file that cannot be read): the page
makes one, a named pipe, in a temporary folder."""


def _entry(folder: Path, code: str) -> Path:
    for path in sorted(folder.iterdir()):
        if path.name.split("-")[0] == code:
            return path
    raise SystemExit(f"{folder.relative_to(ROOT)} has no example of {code}: add one")


@contextmanager
def _inside(folder: Path) -> Iterator[None]:
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(cwd)


def _output(paths: list[str], folder: Path, code: str) -> str:
    """Return what `sopmodel validate --select ALL,CODE` prints for the paths, run from folder
    (a rule that is off by default is turned on by its code)."""
    config = Config(select=("ALL", code)) if code in RULES else None
    with _inside(folder):
        report = validate_paths(paths, config, today=dt.date.fromisoformat(TODAY))
    return "".join(f"{d}\n" for d in report.diagnostics).rstrip("\n")


def _files(entry: Path) -> list[Path]:
    if not entry.is_dir():
        return [entry]
    return sorted(p for p in entry.iterdir() if p.suffix in (".yaml", ".yml", ".json"))


def _show(entry: Path) -> str:
    blocks = []
    for path in _files(entry):
        relative = path.relative_to(ROOT).as_posix()
        language = "json" if path.suffix == ".json" else "yaml"
        text = path.read_text(encoding="utf-8")
        blocks.append(f"`{relative}`:\n\n```{language}\n{text}```\n")
    return "\n".join(blocks)


def _failing(code: str) -> list[str]:
    """Return the lines of the page's failing example and of what validate says of it."""
    if code in WITHOUT_FILE:
        with tempfile.TemporaryDirectory() as folder:
            os.mkfifo(Path(folder) / "pipe.yaml")
            output = _output(["pipe.yaml"], Path(folder), code)
        return [
            "A named pipe where a document was expected:",
            "",
            "```sh",
            "mkfifo pipe.yaml",
            "sopmodel validate pipe.yaml",
            "```",
            "",
            "```text",
            output,
            "```",
            "",
        ]
    failing = _entry(ROOT / "examples" / "invalid", code)
    relative = failing.relative_to(ROOT).as_posix()
    turned_on = f" --select ALL,{code}" if code in RULES and not RULES[code].enabled else ""
    return [
        _show(failing),
        f"`sopmodel validate {relative}{turned_on}` (on {TODAY}):",
        "",
        "```text",
        _output([relative], ROOT, code),
        "```",
        "",
    ]


def _passing(code: str) -> list[str]:
    if code in WITHOUT_FILE:
        return [
            "Name the document's own file, a regular file that the user running sopmodel can"
            " read: `sopmodel validate procedures/answer-a-call.yaml`.",
            "",
        ]
    return [_show(_entry(DOCS / "rules" / "examples", code))]


def rule_page(code: str) -> str:
    """Return the reference page of a check, with its examples and their real output."""
    item = CHECKS[code]
    if item.loader:
        applies = "every file, checked while loading: always on, always an error"
    else:
        scope = " validated together" if RULES[code].scope == "corpus" else ""
        applies = " and ".join(k if k.endswith("s") else f"{k}s" for k in item.kinds) + scope
    lines = [
        f"# {code} {item.name}",
        "",
        f"**Default severity:** {item.severity.name} · **Applies to:** {applies}",
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
            f"{name} = {json.dumps(value, ensure_ascii=False)}" for name, value in item.options
        ]
        lines += ["```", ""]
    lines += ["## Example that fails", "", *_failing(code)]
    lines += ["## Example that passes", "", *_passing(code)]
    if code in RULES and not RULES[code].enabled:
        lines += ["## Turning it on", "", "It is off by default: select it by its code.", ""]
        lines += ["```toml", "[tool.sopmodel]", f'select = ["ALL", "{code}"]', "```", ""]
        return "\n".join(lines)
    lines += ["## Turning it off", ""]
    if item.loader:
        lines += [
            "It cannot be turned off: a file that fails it is not a document that the rules"
            " could check. Files that cannot be read (IO001) make `validate` exit with 2; the"
            " others are findings (exit 1).",
            "",
        ]
    else:
        lines += ["```toml", "[tool.sopmodel]", f'ignore = ["{code}"]', "```", ""]
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
        "They are findings in a file (exit status 1), except IO001: a file that cannot be read",
        "at all makes `validate` exit with 2 (see [exit status](../ci.md#exit-status)).",
        "",
        "| code | name | what it means |",
        "|---|---|---|",
    ]
    for code, item in sorted(CHECKS.items()):
        if item.loader:
            lines.append(f"| [{code}]({code}.md) | {item.name} | {item.summary} |")
    return "\n".join(lines) + "\n"


def outputs() -> dict[Path, str]:
    """Return every generated file and its content."""
    files = {DOCS / "rules" / "index.md": index_page()}
    for code in sorted(CHECKS):
        files[DOCS / "rules" / f"{code}.md"] = rule_page(code)
    for kind in ("procedure", "plan", "records"):
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
