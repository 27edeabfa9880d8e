"""`sopmodel diff`: what changed between two versions, as text, Markdown or JSON.

`sopmodel diff OLD NEW` compares two files; `sopmodel diff FILE --against REV` compares a file
with itself at a git revision. Bad input (a file that cannot be read or is not a document,
no repository, an unknown revision, a file absent at the revision, two different documents)
is one located line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sopmodel.changes import Changes, ChangesError, compare
from sopmodel.cli.diff_writers import WRITERS, Sides
from sopmodel.model import Document
from sopmodel.source import LoadError, atomic_write, load, origin_of
from sopmodel.source.revisions import RevisionError, document_at

__all__ = ["run_diff"]


class _BadInput(Exception):
    """One line to print on stderr, then exit 2."""


def _load(path: str) -> Document:
    try:
        return load(path)
    except LoadError as error:
        raise _BadInput(_first(error)) from None


def _first(error: LoadError) -> str:
    first = str(error.diagnostics[0]) if error.diagnostics else str(error)
    more = len(error.diagnostics) - 1
    return first + (f" (and {more} more: run sopmodel validate on it)" if more > 0 else "")


def _documents(args: argparse.Namespace) -> tuple[Document, Document, Sides]:
    if args.against is not None:
        if len(args.paths) != 1:
            raise _BadInput("diff --against REV takes one FILE (compared with itself at REV)")
        path = args.paths[0]
        new = _load(path)
        try:
            old = document_at(path, args.against)
        except RevisionError as error:
            raise _BadInput(str(error)) from None
        except LoadError as error:
            raise _BadInput(_first(error)) from None
        return old, new, Sides(f"{args.against}:{path}", path)
    if len(args.paths) != 2:
        raise _BadInput("diff takes OLD NEW (two files), or FILE --against REV")
    old_path, new_path = args.paths
    return _load(old_path), _load(new_path), Sides(old_path, new_path)


def _compared(old: Document, new: Document, sides: Sides) -> Changes:
    try:
        return compare(old, new)
    except ChangesError as error:
        origin = origin_of(new)
        where = sides.new
        if origin is not None:
            line, col = origin.locate(("kind",) if old.kind != new.kind else ("id",))
            where = f"{sides.new}:{line}:{col}"
        raise _BadInput(f"{where}: {error}") from None


def run_diff(args: argparse.Namespace) -> int:
    """Run `sopmodel diff`; return the exit status."""
    try:
        old, new, sides = _documents(args)
        changes = _compared(old, new, sides)
    except _BadInput as error:
        sys.stderr.write(f"sopmodel: {error}\n")
        return 2
    if args.format == "json":
        data = {"old": sides.old, "new": sides.new, **changes.to_dict()}
        output = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    else:
        language = args.lang or new.language.value
        output = WRITERS[args.format](changes, old, new, sides, language)
    if args.output:
        try:
            path = Path(args.output)
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, output)
        except OSError as error:
            sys.stderr.write(f"sopmodel: {args.output}: cannot write: {error.strerror}\n")
            return 2
    else:
        sys.stdout.write(output)
    return 1 if args.exit_code and changes.content_changed else 0
