"""A document as it was at a git revision: `git show REV:path`, run safely.

git is run without a shell, with the revision checked first (`rev-parse --verify`, after
`--end-of-options`, so that a revision can never be read as an option), a timeout, no
pager and no prompt. Every failure is one line that names the file and the revision.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from sopmodel.errors import SopmodelError
from sopmodel.model import Document
from sopmodel.source.loading import load_bytes
from sopmodel.source.parsed import MAX_BYTES

__all__ = ["GIT_TIMEOUT", "RevisionError", "check_revision", "document_at", "read_at"]

GIT_TIMEOUT = 30.0
"""Seconds a git command may take before it is given up."""

_ENV = {"GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}


class RevisionError(SopmodelError):
    """A document that cannot be read at a git revision; the message is one located line."""

    def __init__(self, message: str, reason: str = "other") -> None:
        super().__init__(message)
        self.reason = reason
        """absent (the file is not in that revision), repository, or other."""


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "--no-pager", "-C", str(folder), *args],
            capture_output=True,
            timeout=GIT_TIMEOUT,
            env={**os.environ, **_ENV},
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise RevisionError("git is not installed: it is needed to read a revision") from None
    except subprocess.TimeoutExpired:
        raise RevisionError(f"git took more than {GIT_TIMEOUT:g} s in {folder}") from None


def _first_line(output: bytes) -> str:
    lines = output.decode("utf-8", "replace").strip().splitlines()
    return lines[0].removeprefix("fatal: ") if lines else "git failed"


def _folder_of(name: str) -> Path:
    parent = Path(name).parent
    return parent if str(parent) else Path(".")


def _commit(folder: Path, revision: str) -> str:
    """Return the commit a revision names, seen from a folder; raise RevisionError."""
    if not revision.strip() or revision.startswith("-"):
        raise RevisionError(f"{revision!r} is not a revision (write HEAD~1, a branch, a tag)")
    if not folder.is_dir():
        raise RevisionError("its folder does not exist")
    commit = _git(
        folder, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"
    )
    if commit.returncode == 0:
        return commit.stdout.decode("ascii").strip()
    inside = _git(folder, "rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0 or inside.stdout.strip() != b"true":
        raise RevisionError("not in a git repository", reason="repository")
    raise RevisionError(f"unknown revision {revision!r} in this repository")


def check_revision(path: str | os.PathLike[str], revision: str) -> str:
    """Return the commit a revision names in the repository that holds path (a file or a
    folder); raise RevisionError (one line) when there is no repository or no such revision."""
    name = os.fspath(path)
    folder = Path(name) if os.path.isdir(name) else _folder_of(name)
    try:
        return _commit(folder.resolve(), revision)
    except RevisionError as error:
        raise RevisionError(f"{name}: {error}", reason=error.reason) from None


def read_at(path: str | os.PathLike[str], revision: str) -> bytes:
    """Return the bytes of the file at path as it was at a git revision (HEAD~1, origin/main).

    The path is the file as it is now (it may have been deleted since); git looks it up in
    the repository that holds its folder. Raise RevisionError with one line: not a
    repository, unknown revision, file absent at that revision (reason "absent"), too
    large, or git missing.
    """
    name = os.fspath(path)
    folder = _folder_of(name).resolve()
    sha = check_revision(name, revision)
    spec = f"{sha}:./{Path(name).name}"
    kind = _git(folder, "cat-file", "-t", spec)
    if kind.returncode != 0 or kind.stdout.strip() != b"blob":
        raise RevisionError(
            f"{name}: the file is not in revision {revision} (added after it?)", reason="absent"
        )
    size = int(_git(folder, "cat-file", "-s", spec).stdout.strip() or 0)
    if size > MAX_BYTES:
        raise RevisionError(
            f"{name}: at revision {revision} the file is {size:,} bytes,"
            f" more than the {MAX_BYTES:,} a document may have"
        )
    shown = _git(folder, "cat-file", "blob", spec)
    if shown.returncode != 0:
        raise RevisionError(f"{name}: at revision {revision}: {_first_line(shown.stderr)}")
    return shown.stdout


def document_at(path: str | os.PathLike[str], revision: str) -> Document:
    """Return the document in a file as it was at a git revision.

    Raise RevisionError when it cannot be read there, LoadError (its diagnostics name the
    file as "REV:path") when what was there is not a valid document.
    """
    data = read_at(path, revision)
    return load_bytes(data, f"{revision}:{os.fspath(path)}")
