"""Validate files and folders: find documents, load and check them, in one or many processes."""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sopmodel.diagnostics import Diagnostic, Severity
from sopmodel.rules.config import Config
from sopmodel.rules.corpus import Summary, check_corpus, summarize
from sopmodel.rules.engine import RULES, Context, check_document
from sopmodel.source import LoadError, load

__all__ = ["Report", "find_documents", "validate_paths"]

SUFFIXES = (".yaml", ".yml", ".json")
_DECLARES = re.compile(rb"""(?:^|[{,])\s*["']?sopmodel["']?\s*:""", re.MULTILINE)
_SKIPPED_DIRS = {"node_modules", "__pycache__", "venv"}


@dataclass
class Report:
    """The outcome of a validation run."""

    files: list[str] = field(default_factory=list)
    """The files validated, in order."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    """Every diagnostic, grouped by file in the order of files."""
    unreadable: list[str] = field(default_factory=list)
    """Files that could not be read as YAML or JSON at all."""
    missing: list[str] = field(default_factory=list)
    """Paths given that do not exist."""
    documents: list[Summary] = field(default_factory=list)
    """What each document that loaded holds, in the order of files."""

    def count(self, severity: Severity) -> int:
        """Return how many diagnostics have this severity."""
        return sum(d.severity == severity for d in self.diagnostics)

    def exit_code(self, fail_on: Severity) -> int:
        """Return 2 for unreadable input, 1 for findings at or above fail_on, else 0."""
        if self.unreadable or self.missing:
            return 2
        return int(any(d.severity >= fail_on for d in self.diagnostics))


def _declares_sopmodel(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(65536)
    except OSError:
        return True  # let the loader report why it cannot be read
    return bool(_DECLARES.search(head))


def find_documents(
    paths: Iterable[str], exclude: Iterable[str] = ()
) -> tuple[list[str], list[str]]:
    """Return (documents, missing paths): files as given, and sopmodel files under folders."""
    patterns = tuple(exclude)

    def excluded(path: str) -> bool:
        parts = Path(path).parts
        return any(
            fnmatch.fnmatch(path, p) or any(fnmatch.fnmatch(x, p) for x in parts) for p in patterns
        )

    found: list[str] = []
    missing: list[str] = []
    for given in paths:
        if os.path.isdir(given):
            for folder, dirs, files in os.walk(given):
                dirs[:] = sorted(
                    d
                    for d in dirs
                    if not d.startswith(".")
                    and d not in _SKIPPED_DIRS
                    and not excluded(os.path.join(folder, d))
                )
                for name in sorted(files):
                    path = os.path.join(folder, name)
                    if (
                        name.endswith(SUFFIXES)
                        and not excluded(path)
                        and _declares_sopmodel(Path(path))
                    ):
                        found.append(path)
        elif os.path.exists(given):
            found.append(given)
        else:
            missing.append(given)
    return list(dict.fromkeys(found)), missing


def _validate_one(
    path: str, config: Config, today: dt.date
) -> tuple[list[Diagnostic], Summary | None, bool]:
    """Return (diagnostics, summary or None, unreadable) for one file."""
    try:
        document = load(path)
    except LoadError as error:
        return error.diagnostics, None, error.unreadable
    return check_document(document, config, today), summarize(document), False


def _validate_chunk(
    paths: list[str], config: Config, today: dt.date
) -> list[tuple[list[Diagnostic], Summary | None, bool]]:
    return [_validate_one(path, config, today) for path in paths]


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


AUTO_MIN_FILES = 64
"""Below this many files, `jobs=None` (automatic) checks them in this process."""


def _auto_jobs(files: int) -> int:
    """Return how many processes are worth starting for a number of files."""
    if files < AUTO_MIN_FILES:
        return 1
    return max(1, min(os.cpu_count() or 1, files // (AUTO_MIN_FILES // 2)))


def validate_paths(
    paths: Iterable[str],
    config: Config | None = None,
    today: dt.date | None = None,
    jobs: int | None = 1,
) -> Report:
    """Validate files and folders (recursing over sopmodel YAML/JSON files) into a Report.

    jobs is the number of processes; None chooses by the number of files and CPUs.
    """
    config = config or Config()
    today = today or config.today or dt.date.today()
    files, missing = find_documents(paths, config.exclude)
    report = Report(files=files, missing=missing)
    jobs = _auto_jobs(len(files)) if jobs is None else jobs
    if jobs > 1 and len(files) > 1:
        from concurrent.futures import ProcessPoolExecutor

        size = max(1, min(64, len(files) // (jobs * 4) or 1))
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = [
                pool.submit(_validate_chunk, chunk, config, today) for chunk in _chunks(files, size)
            ]
            results = [item for future in futures for item in future.result()]
    else:
        results = [_validate_one(path, config, today) for path in files]
    summaries = report.documents
    for path, (diagnostics, summary, unreadable) in zip(files, results, strict=True):
        report.diagnostics.extend(diagnostics)
        if unreadable:
            report.unreadable.append(path)
        if summary is not None:
            summaries.append(summary)
    context = Context(today, config.options_for(RULES.values()))
    corpus = check_corpus(summaries, config, context)
    if corpus:
        order = {path: index for index, path in enumerate(files)}
        report.diagnostics.extend(corpus)
        report.diagnostics.sort(
            key=lambda d: (order.get(d.file or "", -1), d.line or 0, d.col or 0)
        )
    return report
