"""The steps of a procedure at an older version, found in the git history of its file.

The file's commits are walked newest first (renames followed, at most `MAX_COMMITS`); the
first whose text is the same procedure at the version asked for gives its steps: the last
state of that version. Anything that stops the search (no git, not a repository, a version
never committed) is a one-line reason, never an error.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

from sopmodel.model import Procedure
from sopmodel.model.versions import compare_versions
from sopmodel.rules.training import StepFacts, procedure_facts
from sopmodel.source import LoadError, load_bytes

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


def _commits(path: Path) -> list[tuple[str, str]]:
    """Return (commit, path in that commit) of the file's commits, newest first."""
    folder = path.resolve().parent
    top = _git(folder, "rev-parse", "--show-toplevel").decode().strip()
    relative = path.resolve().relative_to(Path(top).resolve()).as_posix()
    out = _git(
        Path(top),
        "log",
        "--follow",
        f"--max-count={MAX_COMMITS}",
        "--format=%x00%H",
        "--name-only",
        "--",
        relative,
    ).decode("utf-8", "replace")
    found = []
    for block in out.split("\0")[1:]:
        lines = [line for line in block.splitlines() if line.strip()]
        if len(lines) >= 2:
            found.append((lines[0], lines[-1]))
    return found


def version_steps(path: Path, procedure: Procedure) -> Callable[[str], dict[str, StepFacts] | str]:
    """Return a function that gives the steps of the procedure at a version, from the git
    history of its file, or the reason why they cannot be known."""
    walked: list[tuple[str, Procedure]] | None = None
    failure = ""

    def history() -> list[tuple[str, Procedure]]:
        nonlocal walked, failure
        if walked is None:
            walked = []
            try:
                commits = _commits(path)
                top = Path(
                    _git(path.resolve().parent, "rev-parse", "--show-toplevel").decode().strip()
                )
                for commit, name in commits:
                    try:
                        text = _git(top, "show", f"{commit}:{name}")
                        document = load_bytes(text, name)
                    except (OSError, LoadError):
                        continue
                    if isinstance(document, Procedure) and document.id == procedure.id:
                        walked.append((commit, document))
            except (OSError, ValueError) as error:
                failure = str(error).removeprefix("fatal: ")
        return walked

    def lookup(version: str) -> dict[str, StepFacts] | str:
        versions = history()
        if failure:
            return (
                f"version {version} cannot be looked for in the history of {path.name}: {failure}"
            )
        for _, document in versions:
            if compare_versions(document.version, version) == 0 or document.version == version:
                return procedure_facts(document).steps
        return f"version {version} not found in the history of {path.name}"

    return lookup
