"""The `sopmodel` command line. Heavy modules are imported by the command that needs them."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sopmodel._version import __version__

__all__ = ["main"]

FORMAT_NAMES = ("text", "json", "github", "sarif", "junit")
KINDS = ("procedure", "plan", "records")


VALIDATE_EXIT_STATUS = """\
exit status (as ruff and ESLint define it):
  0  no finding at or above --fail-on
  1  findings at or above --fail-on, including files that are not valid YAML or
     JSON and files refused as too large or too deep (they are findings in a file)
  2  bad usage or configuration (an unknown option or rule code), a path that is
     missing or cannot be read (IO001: permissions, a FIFO or device), or an
     internal error in a check (reported as one line; the other checks still run)
"""


class UsageError(Exception):
    """A command that cannot run as asked; the message says why (exit status 2)."""


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (2026-11-24)") from None


def _jobs(value: str) -> int | None:
    if value == "auto":
        return None
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of processes") from None
    if jobs < 0:
        raise argparse.ArgumentTypeError("the number of processes cannot be negative")
    return jobs or None


def _codes(value: str) -> list[str]:
    return [code.strip().upper() for code in value.split(",") if code.strip()]


def _parser() -> argparse.ArgumentParser:
    from sopmodel.cli.configuration import add_config_options

    parser = argparse.ArgumentParser(
        prog="sopmodel",
        description="Check procedures and 90-day S&OP plans written as YAML or JSON files.",
    )
    parser.add_argument("--version", action="version", version=f"sopmodel {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        help="check files and folders; exit 0 clean, 1 findings, 2 usage, unreadable or crash",
        description="Check procedures and plans: files named, and sopmodel files in folders.",
        epilog=VALIDATE_EXIT_STATUS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    validate.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to check")
    validate.add_argument(
        "--format", "-f", choices=FORMAT_NAMES, default="text", help="output format (default: text)"
    )
    validate.add_argument(
        "--verbose", "-v", action="store_true", help="also say what each document holds"
    )
    validate.add_argument(
        "--statistics",
        action="store_true",
        help="print how many findings each code made (count, code, name), the most frequent"
        " first, instead of the findings; with --format text or json",
    )
    validate.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="write the report to FILE (its folder is created when missing)",
    )
    add_config_options(validate)
    validate.add_argument(
        "--select",
        type=_codes,
        metavar="CODES",
        help="comma-separated codes or prefixes to run (replaces the config)",
    )
    validate.add_argument(
        "--ignore",
        type=_codes,
        metavar="CODES",
        default=[],
        help="comma-separated codes or prefixes not to run (adds to the config)",
    )
    validate.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        help="lowest severity that fails the run (default: warning)",
    )
    validate.add_argument(
        "--today", type=_date, metavar="DATE", help="the date that time-based rules take as today"
    )
    validate.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        default=None,
        metavar="N",
        help="check files in N processes (default: auto, chosen by the number of files)",
    )
    validate.add_argument(
        "--against",
        metavar="REF",
        help="also compare each file with itself at git revision REF (origin/main, HEAD~1):"
        " content changed needs a higher version with its revision entry, and approvals"
        " of the older version are outdated",
    )
    validate.set_defaults(run=_validate)

    diff = commands.add_parser(
        "diff",
        help="what changed between two versions of a procedure or plan;"
        " exit 0 (1 with --exit-code and changes), 2 bad input",
        description="Compare OLD and NEW, or FILE with itself at a git revision (--against).",
    )
    diff.add_argument("paths", nargs="+", metavar="FILE", help="OLD NEW, or FILE with --against")
    diff.add_argument("--against", metavar="REV", help="compare FILE with itself at git REV")
    diff.add_argument(
        "--format", "-f", choices=("text", "markdown", "json"), default="text",
        help="text (default), markdown (a pull-request comment) or json",
    )  # fmt: skip
    diff.add_argument(
        "--lang",
        choices=("en", "fr"),
        help="language of the Markdown report (default: the document's)",
    )
    diff.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    diff.add_argument(
        "--exit-code", action="store_true", help="exit 1 when the content changed (as git diff)"
    )
    diff.set_defaults(run=_diff)

    schema = commands.add_parser("schema", help="print the JSON Schema of a document kind")
    schema.add_argument("kind", choices=KINDS)
    schema.set_defaults(run=_schema)

    new = commands.add_parser("new", help="write a commented starter file that validates")
    new.add_argument("kind", choices=KINDS)
    new.add_argument("path", nargs="?", type=Path, help="file to write (default: print it)")
    new.add_argument("--lang", choices=("en", "fr"), default="en", help="language of the file")
    new.add_argument("--force", action="store_true", help="overwrite an existing file")
    new.set_defaults(run=_new)

    export = commands.add_parser(
        "export",
        help="check documents, then write them as flowcharts, Word, PowerPoint...;"
        " exit 0 all written, 1 refused or failed, 2 usage or internal error",
    )
    export.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to export")
    export.add_argument(
        "--to",
        "-t",
        required=True,
        metavar="FORMAT[,FORMAT]",
        help="formats to write: svg, png, pdf, dot, ... (see `sopmodel exporters`)",
    )
    export.add_argument(
        "--output",
        "-o",
        default=".",
        metavar="OUTDIR",
        help="folder to write into (default: the current folder)",
    )
    export.add_argument(
        "--lang",
        choices=("en", "fr"),
        help="language of labels and dates (default: the document's)",
    )
    export.add_argument(
        "--template",
        metavar="FILE",
        help="your own template: a .docx for Word (see `sopmodel template`), a .pptx for slides",
    )
    export.add_argument(
        "--no-check",
        action="store_true",
        help="export documents even when the rules find errors in them (with a warning)",
    )
    export.add_argument(
        "--config",
        metavar="FILE",
        type=Path,
        help="sopmodel.toml or pyproject.toml to check with instead of the nearest one",
    )
    export.add_argument(
        "--option",
        "-O",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="an exporter option, such as steps_per_page=10 (repeatable)",
    )
    export.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        default=None,
        metavar="N",
        help="export in N processes (default: one per CPU)",
    )
    export.add_argument(
        "--quiet", "-q", action="store_true", help="print only problems, and no progress bar"
    )
    export.add_argument(
        "--since",
        metavar="OLD",
        help="a refresher of what changed since OLD (a file, or a git revision of the same"
        " file: HEAD~1, v2.0.0): --to pptx a short deck, --to docx a one-page change notice",
    )
    export.set_defaults(run=_export)

    from sopmodel.cli.site import add_parser as add_site  # issue 14, part B

    add_site(commands)

    status = commands.add_parser(
        "status",
        help="where each KPI of a plan stands (from a filled tracker); who read a procedure"
        " (from training records) and its trials",
    )
    status.add_argument("plan", metavar="PLAN|PROCEDURE", help="the plan or procedure file")
    status.add_argument("--tracker", "-t", metavar="XLSX", help="a tracker filled in Excel")
    status.add_argument(
        "--records", "-r", metavar="FILE|FOLDER", help="training records (kind: records)"
    )
    status.add_argument(
        "--checklist", metavar="XLSX", help="a procedure's checklist filled in and signed"
    )
    status.add_argument(
        "--update",
        action="store_true",
        help="write the tracker's values into the plan file, or the checklist's signers into"
        " the record file (nothing else changes); refused for another document's workbook",
    )
    status.add_argument("--format", "-f", choices=("text", "json"), default="text")
    status.add_argument("--lang", choices=("en", "fr"), help="language of the text output")
    status.set_defaults(run=_status)

    template = commands.add_parser(
        "template", help="write a copy of a default Word template, to restyle as your own"
    )
    template.add_argument("kind", choices=("procedure", "plan"))
    template.add_argument("path", type=Path, help="the .docx file to write")
    template.add_argument("--force", action="store_true", help="overwrite an existing file")
    template.set_defaults(run=_template)

    exporters = commands.add_parser("exporters", help="list the installed exporters")
    exporters.set_defaults(run=_exporters)

    rules = commands.add_parser("rules", help="list the rules with their codes")
    rules.set_defaults(run=_rules)

    from sopmodel.cli.serve import add_serve

    add_serve(commands)
    return parser


def _validate(args: argparse.Namespace) -> int:
    import dataclasses
    import gc

    from sopmodel.cli.configuration import project_config
    from sopmodel.cli.formats import FORMATS, STATISTICS
    from sopmodel.diagnostics import Severity
    from sopmodel.rules import ConfigError, validate_paths
    from sopmodel.rules.engine import check_codes

    if args.statistics and args.format not in STATISTICS:
        raise UsageError(
            f"--statistics is written as text or json, not {args.format}: run validate"
            f" twice, once with --format {args.format} and once with --statistics"
        )
    try:
        check_codes(args.select or (), "--select")
        check_codes(args.ignore, "--ignore")
        config = project_config(args)
        changes: dict[str, Any] = {"ignore": (*config.ignore, *args.ignore)}
        if args.select:
            changes["select"] = tuple(args.select)
        if args.fail_on:
            changes["fail_on"] = Severity[args.fail_on]
        config = dataclasses.replace(config, **changes)
        # Documents make many short-lived objects and few cycles: collect rarely (as mypy does),
        # and never rescan what the imports made, which lives as long as the process.
        gc.freeze()
        gc.set_threshold(100_000, 50, 50)
        if args.against is not None:
            _check_against(args.paths, args.against)
        report = validate_paths(
            args.paths, config, args.today, jobs=args.jobs, against=args.against
        )
    except ConfigError as error:
        raise UsageError(str(error)) from None
    output = (STATISTICS if args.statistics else FORMATS)[args.format](
        report, config.fail_on, args.verbose
    )
    if args.output:
        _write_report(Path(args.output), output)
    else:
        sys.stdout.write(output)
    return report.exit_code(config.fail_on)


def _check_against(paths: Sequence[str], revision: str) -> None:
    """Refuse, in one line, a revision that the repository of the first path does not have."""
    from sopmodel.source.revisions import RevisionError, check_revision

    try:
        check_revision(paths[0], revision)
    except RevisionError as error:
        raise UsageError(f"--against: {error}") from None


def _diff(args: argparse.Namespace) -> int:
    from sopmodel.cli.diff import run_diff

    return run_diff(args)


def _write_report(path: Path, text: str) -> None:
    """Write a report atomically, creating its folder as ruff and ESLint do."""
    from sopmodel.source import atomic_write

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, text)
    except OSError as error:
        raise UsageError(f"{path}: cannot write the report: {error.strerror or error}") from None


def _schema(args: argparse.Namespace) -> int:
    import json

    from sopmodel.model.schema import json_schema

    sys.stdout.write(json.dumps(json_schema(args.kind), indent=2, ensure_ascii=False) + "\n")
    return 0


def _new(args: argparse.Namespace) -> int:
    from sopmodel.cli.starters import starter

    text = starter(args.kind, args.lang, dt.date.today())
    if args.path is None:
        sys.stdout.write(text)
        return 0
    if args.path.exists() and not args.force:
        raise UsageError(f"{args.path} already exists: choose another name or pass --force")
    from sopmodel.source import atomic_write

    try:
        atomic_write(args.path, text)
    except OSError as error:
        raise UsageError(f"{args.path}: cannot write: {error.strerror or error}") from None
    sys.stderr.write(f"wrote {args.path}: edit it, then run `sopmodel validate {args.path}`\n")
    return 0


def _export(args: argparse.Namespace) -> int:
    from sopmodel.cli.export import run_export

    return run_export(args)


def _status(args: argparse.Namespace) -> int:
    from sopmodel.cli.status import run_status

    return run_status(args)


def _template(args: argparse.Namespace) -> int:
    from sopmodel.exporters.word import TEMPLATES
    from sopmodel.source import atomic_write

    if args.path.exists() and not args.force:
        raise UsageError(f"{args.path} already exists: choose another name or pass --force")
    try:
        atomic_write(args.path, (TEMPLATES / f"{args.kind}.docx").read_bytes())
    except OSError as error:
        raise UsageError(f"{args.path}: cannot write: {error.strerror or error}") from None
    sys.stderr.write(
        f"wrote {args.path}: restyle it in Word, keep the {{{{ }}}} tags, then"
        f" `sopmodel export FILE --to docx --template {args.path}`\n"
    )
    return 0


def _exporters(args: argparse.Namespace) -> int:
    from sopmodel.cli.export import list_exporters

    return list_exporters(args)


def _rules(args: argparse.Namespace) -> int:
    from sopmodel.rules.catalogue import CHECKS

    for code in sorted(CHECKS):
        item = CHECKS[code]
        extra = "".join(f" [{k} = {v!r}]" for k, v in item.options)
        if item.loader:
            extra = " (checked while loading: always on)"
        sys.stdout.write(f"{code:9} {item.name:28} {item.severity.name:8} {item.summary}{extra}\n")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except UsageError as error:
        sys.stderr.write(f"sopmodel: {error}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("sopmodel: interrupted\n")
        return 130
    except BrokenPipeError:
        return 1
    except Exception as error:  # a bug: one line, exit 2, never a traceback
        text = " ".join(str(error).split())[:300]
        sys.stderr.write(
            f"sopmodel: internal error in {args.command}: {type(error).__name__}: {text};"
            " please report it\n"
        )
        return 2
    return code


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
