"""`sopmodel export NEW --since OLD`: a refresher deck or change notice of a new version."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sopmodel.exporters import ExportError, MissingDependency
from sopmodel.exporters.refresher import (
    REFRESHER_FORMATS,
    NothingChanged,
    export_refresher,
    refresher_settings,
)
from sopmodel.exporters.run import refusal
from sopmodel.model import AnyDocument, Document, Plan, Procedure
from sopmodel.source import LoadError, load

if TYPE_CHECKING:
    from sopmodel.rules import Config

__all__ = ["old_version", "run_refresher"]


class Usage(Exception):
    """A refresher that cannot be asked so; the message says why (exit status 2)."""


def old_version(since: str, new_path: Path) -> Document:
    """Return the older version --since names: a file, else the new file at a git revision."""
    candidate = Path(since)
    if candidate.is_file():
        return _versioned(load(candidate), candidate)
    if candidate.suffix.lower() in (".yaml", ".yml", ".json"):
        raise Usage(f"--since {since}: no such file (give a file, or a git revision: HEAD~1)")
    from sopmodel.source.revisions import RevisionError, document_at

    try:
        return document_at(new_path, since)
    except RevisionError as error:
        raise Usage(str(error)) from None


def _versioned(document: AnyDocument, path: Path) -> Document:
    """Return a procedure or plan; a record file has no versions to compare (ExportError)."""
    if isinstance(document, Procedure | Plan):
        return document
    raise ExportError(f"{path}: a {document.kind} file has no refresher: give a procedure")


def _refused(document: Document, config: Config) -> bool:
    """Print the errors the rules find in the new version; return whether there are any."""
    errors, refused = refusal(document, config, "errors in the new version")
    for diagnostic in errors:
        sys.stdout.write(f"{diagnostic}\n")
    if refused is not None:
        sys.stderr.write(f"sopmodel: {refused}\n")
    return refused is not None


def run_refresher(args: argparse.Namespace, options: dict[str, Any], config: Config | None) -> int:
    """Write the refresher of a change (options: the exporter options; config: the rules to
    check the new version with, None: no check); return 0 written, 1 refused or failed,
    2 usage."""
    formats = [f.strip().lower().lstrip(".") for f in args.to.split(",") if f.strip()]
    try:
        wrong = [f for f in formats if f not in REFRESHER_FORMATS]
        if not formats or wrong:
            raise Usage(
                f"--since makes a refresher, a pptx deck or a docx change notice, not"
                f" {', '.join(wrong) or 'nothing'}: use --to pptx or --to docx"
            )
        if len(args.paths) != 1 or not Path(args.paths[0]).is_file():
            raise Usage("--since takes one file, the new version: sopmodel export NEW --since OLD")
        for format in formats:
            refresher_settings(format, options)
    except (Usage, ExportError) as error:
        sys.stderr.write(f"sopmodel: {error}\n")
        return 2
    new_path = Path(args.paths[0])
    try:
        new = _versioned(load(new_path), new_path)
        old = old_version(args.since, new_path)
    except LoadError as error:
        for diagnostic in error.diagnostics:
            sys.stdout.write(f"{diagnostic}\n")
        return 1
    except Usage as error:
        sys.stderr.write(f"sopmodel: {error}\n")
        return 2
    except ExportError as error:
        sys.stderr.write(f"sopmodel: {error}\n")
        return 1
    if config is not None and _refused(new, config):
        return 1
    status = 0
    for format in formats:
        try:
            folder = os.path.join(args.output, "")  # -o is a folder, even named v2.1
            written = export_refresher(old, new, format, folder, **options)
        except MissingDependency as error:
            sys.stderr.write(f"sopmodel: {format}: {error}\n")
            return 2
        except NothingChanged as error:
            sys.stderr.write(f"sopmodel: {error}\n")
            return 1
        except (ExportError, OSError) as error:
            sys.stderr.write(f"sopmodel: {new_path}: {format}: {error}\n")
            status = 1
            continue
        if not args.quiet:
            sys.stdout.write(f"wrote {written}\n")
    return status
