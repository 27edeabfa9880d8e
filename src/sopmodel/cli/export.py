"""`sopmodel export` and `sopmodel exporters`: write documents in other formats."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sopmodel.exporters import ExportError, ExportResult, export_many, registry
from sopmodel.i18n import counted
from sopmodel.rules import find_documents
from sopmodel.source.yamlparse import scalar

if TYPE_CHECKING:
    from sopmodel.rules import Config

__all__ = ["list_exporters", "run_export"]


class Usage(Exception):
    """A command line that cannot run; the message says why (exit status 2)."""


def _options(pairs: list[str], lang: str | None, template: str | None) -> dict[str, Any]:
    options: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise Usage(f"option {pair!r} is not KEY=VALUE (for example steps_per_page=10)")
        options[key.strip().replace("-", "_")] = scalar(value.strip())
    if lang:
        options["lang"] = lang
    if template:
        options["template"] = template
    return options


@contextmanager
def _progress(total: int, enabled: bool) -> Iterator[Any]:
    """Yield a callback that advances a progress bar on standard error (or does nothing)."""
    if not enabled:
        yield lambda result: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("exporting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("export", total=total)
        yield lambda result: bar.advance(task)


def _config(given: Path | None) -> Config:
    from sopmodel.rules import find_config, load_config

    return load_config(given or find_config(Path.cwd()))


def run_export(args: argparse.Namespace) -> int:
    """Export files; return 0 all written, 1 some refused or failed, 2 usage or internal error."""
    from sopmodel.rules import ConfigError

    if getattr(args, "since", None) is not None:
        from sopmodel.cli.refresher import run_refresher

        try:
            options = _options(args.option, args.lang, args.template)
            config = None if args.no_check else _config(args.config)
        except (Usage, ConfigError) as error:
            sys.stderr.write(f"sopmodel: {error}\n")
            return 2
        return run_refresher(args, options, config)
    formats = [f.strip().lower().lstrip(".") for f in args.to.split(",") if f.strip()]
    try:
        options = _options(args.option, args.lang, args.template)
        if not formats:
            raise Usage("--to names no format")
        export_many([], formats, args.output, **options)  # checks the options, writes nothing
        config = None if args.no_check else _config(args.config)
    except (Usage, ExportError, ConfigError) as error:
        sys.stderr.write(f"sopmodel: {error}\n")
        return 2
    if args.no_check:
        sys.stderr.write(
            "sopmodel: warning: --no-check: documents are exported without being checked;"
            " a document with errors can give an incomplete file\n"
        )
    files, missing = find_documents(args.paths)
    for path in missing:
        sys.stderr.write(f"sopmodel: {path}: no such file or folder\n")
    jobs = args.jobs if args.jobs is not None else min(os.cpu_count() or 1, len(files))
    show = len(files) > 1 and not args.quiet
    with _progress(len(files), show) as advance:
        if jobs > 1 and len(files) > 1:
            from concurrent.futures import ProcessPoolExecutor

            with ProcessPoolExecutor(max_workers=jobs) as pool:
                results = export_many(
                    files,
                    formats,
                    args.output,
                    executor=pool,
                    on_result=advance,
                    check=config,
                    **options,
                )
        else:
            results = export_many(
                files, formats, args.output, on_result=advance, check=config, **options
            )
    named = {os.path.normpath(p) for p in args.paths if not os.path.isdir(p)}
    return _report(results, missing, args.quiet, _skipped(results, named))


def _skipped(results: list[ExportResult], named: set[str]) -> int:
    """Turn the refusal of a record file found in a folder into a note; return how many.

    A folder may hold training records next to its procedures: they are not exported, and
    that is no error. A record file named on the command line is still refused.
    """
    count = 0
    for result in results:
        if result.kind == "records" and os.path.normpath(result.source) not in named:
            result.errors.clear()
            result.notes.append("not exported: training records are read by `sopmodel status`")
            count += 1
    return count


def _report(results: list[ExportResult], missing: list[str], quiet: bool, skipped: int) -> int:
    written = 0
    for result in results:
        for diagnostic in result.diagnostics:
            sys.stdout.write(f"{diagnostic}\n")
        for error in dict.fromkeys(result.errors):
            sys.stdout.write(f"{result.source}: {error}\n")
        for warning in dict.fromkeys(result.warnings):
            sys.stdout.write(f"{result.source}: warning: {warning}\n")
        written += len(result.written)
        if not quiet:  # notes (a deck's session length) and paths are not problems
            for note in dict.fromkeys(result.notes):
                sys.stdout.write(f"{result.source}: {note}\n")
            for path in result.written:
                sys.stdout.write(f"wrote {path}\n")
    failed = sum(not r.ok for r in results)
    summary = f"{counted(written, 'file')} written"
    if skipped:
        summary += f"; {counted(skipped, 'record file')} not exported"
    if failed:
        summary += f"; {failed} of {counted(len(results), 'document')} refused or failed"
    sys.stderr.write(summary + ".\n")
    if missing or any(r.missing_dependency or r.internal_error for r in results):
        return 2
    return 1 if failed else 0


def list_exporters(args: argparse.Namespace) -> int:
    """Print the installed exporters, their formats and what each format still needs."""
    found = registry()
    for name, registered in sorted(found.by_name.items()):
        exporter = registered.exporter
        sys.stdout.write(f"{name} ({registered.source}): {exporter.description}\n")
        sys.stdout.write(f"  kinds: {', '.join(exporter.kinds)}\n")
        for format in exporter.formats:
            needs = exporter.missing(format)
            state = "ready" if not needs else "; ".join(needs)
            sys.stdout.write(f"  --to {format}: {state}\n")
    for problem in found.problems:
        sys.stdout.write(f"refused: {problem}\n")
    return 0
