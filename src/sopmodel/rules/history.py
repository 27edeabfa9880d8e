"""The steps of a procedure at an older version, found in the git history of its file.

The commits that changed the file are walked newest first (at most `MAX_COMMITS`, each read
with `source.revisions.read_at`, only as far as needed); the first whose text is the same
procedure at the version asked for gives its steps: the last state of that version.
Anything that stops the search (no git, not a repository, a version never committed) is a
one-line reason, never an error.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

from sopmodel.model import Procedure
from sopmodel.model.versions import compare_versions
from sopmodel.rules.training import Reason, StepFacts, procedure_facts
from sopmodel.source import LoadError, load_bytes
from sopmodel.source.revisions import RevisionError, read_at

__all__ = ["MAX_COMMITS", "version_steps"]

MAX_COMMITS = 200
"""The commits of the file looked at, newest first."""
_TIMEOUT = 20.0


def _git(folder: Path, *args: str) -> bytes:
    """Run git in folder; raise OSError with one line when it cannot or fails."""
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            timeout=_TIMEOUT,
            check=False,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"},
        )
    except FileNotFoundError:
        raise OSError("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise OSError(f"git took more than {_TIMEOUT:.0f} s") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OSError(message[-1] if message else f"git {args[0]} failed")
    return done.stdout


def _commits(path: Path) -> list[str]:
    """Return the commits that changed the file at its path, newest first."""
    folder = path.resolve().parent
    out = _git(folder, "log", f"--max-count={MAX_COMMITS}", "--format=%H", "--", path.name)
    return out.decode("ascii", "replace").split()


def version_steps(path: Path, procedure: Procedure) -> Callable[[str], dict[str, StepFacts] | str]:
    """Return a function that gives the steps of the procedure at a version, from the git
    history of its file, or the reason why they cannot be known."""
    commits: list[str] | None = None
    seen: list[Procedure] = []  # the versions read so far, newest first
    failure = ""

    def versions() -> Iterator[Procedure]:
        nonlocal commits, failure
        yield from seen
        if commits is None:
            try:
                commits = _commits(path)
            except OSError as error:
                failure = str(error).removeprefix("fatal: ")
                commits = []
        while commits:
            commit = commits.pop(0)
            try:
                document = load_bytes(read_at(path, commit), f"{commit[:12]}:{path.name}")
            except (RevisionError, LoadError):
                continue
            if isinstance(document, Procedure) and document.id == procedure.id:
                seen.append(document)
                yield document

    def lookup(version: str) -> dict[str, StepFacts] | str:
        for document in versions():
            if compare_versions(document.version, version) == 0 or document.version == version:
                return procedure_facts(document).steps
        where = {"version": version, "file": path.name}
        if failure:
            text = (
                f"version {version} cannot be looked for in the history of {path.name}: {failure}"
            )
            return Reason("history_failed", text, problem=failure, **where)
        text = f"version {version} not found in the history of {path.name}"
        return Reason("version_not_found", text, **where)

    return lookup
