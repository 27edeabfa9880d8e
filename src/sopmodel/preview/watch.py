"""Watch the input files and folders; report which documents a batch of changes touches.

Editors save in different ways: in place, or by writing a new file and renaming it over the
old one (vim, JetBrains, VS Code with some settings). The folders are watched, not the
files, so a file replaced by a rename is still seen; backup and lock files are ignored.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from watchfiles import Change, watch

__all__ = ["DOCUMENT_SUFFIXES", "PICTURE_SUFFIXES", "Watcher", "documents_touched", "ignored_name"]

DOCUMENT_SUFFIXES = (".yaml", ".yml", ".json")
PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")
STEP_MS = 20
"""A batch ends when no change came for this long (a save by rename is several changes)."""
DEBOUNCE_MS = 400
"""A batch never waits longer than this (a tool rewriting many files at once)."""
_SKIPPED_FOLDERS = {".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv", "venv"}


def ignored_name(name: str) -> bool:
    """Say whether a file name is an editor's temporary, backup or lock file, or hidden."""
    return (
        name.startswith((".", "#"))
        or name.endswith(("~", ".swp", ".swx", ".tmp", ".bak"))
        or name.isdigit()  # vim's 4913 probe
    )


OnChange = Callable[[set[str], float], None]
"""Called with the changed paths (absolute) and when they were seen (time.time())."""


class Watcher:
    """Watch folders recursively and single files' folders, and call back with each batch."""

    def __init__(self, paths: Iterable[str], ignore: Path, on_change: OnChange) -> None:
        self.folders: list[str] = []
        self.files: set[str] = set()
        for given in paths:
            path = os.path.abspath(given)
            if os.path.isdir(path):
                self.folders.append(path)
            else:
                self.files.add(path)
        self.ignore = str(ignore.resolve())
        self.on_change = on_change
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        """Start watching (one thread for folders, one for the folders of single files)."""
        folders = _outermost(self.folders)
        parents = sorted({os.path.dirname(f) for f in self.files})
        for roots, recursive in ((folders, True), (parents, False)):
            if roots:
                thread = threading.Thread(
                    target=self._run, args=(roots, recursive), name="sopmodel-watch", daemon=True
                )
                self._threads.append(thread)
                thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop watching and wait for the threads to end."""
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout)

    def wants(self, path: str) -> bool:
        """Say whether a changed path matters: a given file, or something under a given folder
        that is not hidden, a backup or the preview's own output."""
        if path in self.files:
            return True
        if path == self.ignore or path.startswith(self.ignore + os.sep):
            return False
        for folder in self.folders:
            if path.startswith(folder + os.sep):
                parts = path[len(folder) + 1 :].split(os.sep)
                return not any(ignored_name(p) or p in _SKIPPED_FOLDERS for p in parts)
        return False

    def _keep(self, change: Change, path: str) -> bool:
        return self.wants(path)

    def _run(self, roots: list[str], recursive: bool) -> None:
        for changes in watch(
            *roots,
            watch_filter=self._keep,
            debounce=DEBOUNCE_MS,
            step=STEP_MS,
            stop_event=self._stop,
            rust_timeout=500,
            raise_interrupt=False,
            recursive=recursive,
            ignore_permission_denied=True,
        ):
            seen = time.time()
            self.on_change({path for _change, path in changes}, seen)


def _outermost(folders: list[str]) -> list[str]:
    """Drop the folders inside another one of the list (they are watched with it)."""
    ordered = sorted(set(folders))
    kept: list[str] = []
    for folder in ordered:
        if not any(folder.startswith(k + os.sep) for k in kept):
            kept.append(folder)
    return kept


def documents_touched(changed: Iterable[str], known: Iterable[str]) -> list[str]:
    """Return the document paths a batch of changes asks to rebuild, sorted.

    A document file stands for itself (new, changed or deleted). A folder that appeared
    (moved in) stands for the documents in it, one that went away for the known documents
    that were in it. A picture stands for the known documents in its folder and the folders
    above it (the pages that may show it).
    """
    known = list(known)
    touched: set[str] = set()
    for path in changed:
        if path.endswith(DOCUMENT_SUFFIXES):
            touched.add(path)
        elif path.lower().endswith(PICTURE_SUFFIXES):
            folder = os.path.dirname(path)
            touched.update(k for k in known if _within(folder, os.path.dirname(k)))
        elif os.path.isdir(path):
            for inside, dirs, names in os.walk(path):
                dirs[:] = [d for d in dirs if not ignored_name(d) and d not in _SKIPPED_FOLDERS]
                touched.update(
                    os.path.join(inside, n)
                    for n in names
                    if n.endswith(DOCUMENT_SUFFIXES) and not ignored_name(n)
                )
        else:
            touched.update(k for k in known if _within(k, path))
    return sorted(touched)


def _within(path: str, folder: str) -> bool:
    """Say whether path is folder or inside it."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)
