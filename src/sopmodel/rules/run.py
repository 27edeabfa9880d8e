"""Validate files and folders: find documents, load and check them, in one or many processes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import fnmatch
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sopmodel.diagnostics import Diagnostic, InternalError, Severity
from sopmodel.model import Document, Records
from sopmodel.rules.config import Config
from sopmodel.rules.corpus import Summary, check_together, summarize
from sopmodel.rules.engine import RULES, check_config, evaluate, internal_error
from sopmodel.source import STRUCTURE_CHECKS, LoadError, load

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
    """Files that could not be read at all (IO001: permissions, special files)."""
    missing: list[str] = field(default_factory=list)
    """Paths given that do not exist."""
    documents: list[Summary] = field(default_factory=list)
    """What each document that loaded holds, in the order of files."""
    errors: list[InternalError] = field(default_factory=list)
    """Checks that crashed (bugs in sopmodel); the other checks still ran."""

    def count(self, severity: Severity) -> int:
        """Return how many diagnostics have this severity."""
        return sum(d.severity == severity for d in self.diagnostics)

    @property
    def complete(self) -> bool:
        """Return True when every path was read and every check ran."""
        return not (self.unreadable or self.missing or self.errors)

    def exit_code(self, fail_on: Severity) -> int:
        """Return the exit status, as ruff and ESLint define it.

        2 when a path is missing or unreadable or a check crashed; 1 for findings at or
        above fail_on (a file that is not valid YAML or JSON, or is refused, is a finding);
        0 otherwise.
        """
        if not self.complete:
            return 2
        return int(any(d.severity >= fail_on for d in self.diagnostics))


def _not_regular(mode: int) -> str | None:
    """Return what a file of this mode is when it is not a regular file, else None."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def _declares_sopmodel(path: str) -> bool:
    """Return True when a regular file declares `sopmodel:` in its first bytes.

    Special files (FIFOs, sockets, devices) are skipped without being opened; files that
    cannot be read are kept, so that the loader reports why.
    """
    try:
        if _not_regular(os.stat(path).st_mode):
            return False
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return True
    try:
        if _not_regular(os.fstat(descriptor).st_mode):
            return False
        head = os.read(descriptor, 65536)
    except OSError:
        return True
    finally:
        os.close(descriptor)
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
                    if name.endswith(SUFFIXES) and not excluded(path) and _declares_sopmodel(path):
                        found.append(path)
        elif os.path.exists(given):
            found.append(given)
        else:
            missing.append(given)
    return list(dict.fromkeys(found)), missing


Outcome = tuple[list[Diagnostic], Summary | None, bool, list[InternalError]]
"""What checking one file gives: diagnostics, summary or None, unreadable, internal errors."""


def _unreadable(path: str, message: str) -> Outcome:
    code = "IO001"
    found = Diagnostic(code, STRUCTURE_CHECKS[code][0], Severity.error, message, path)
    return [found], None, True, []


def _previous(path: str, against: str | None) -> tuple[Document | None, Outcome | None]:
    """Return the document at the revision `against`, or what to report when it cannot be
    read there (a file added since has no previous version, and an invalid one is none)."""
    if against is None:
        return None, None
    from sopmodel.source.revisions import RevisionError, document_at  # runs git: on demand

    try:
        return document_at(path, against), None
    except RevisionError as error:
        if error.reason == "absent":
            return None, None
        return None, _unreadable(path, f"cannot read it at {against}: {error}")
    except LoadError:
        return None, None


def _validate_one(path: str, config: Config, today: dt.date, against: str | None = None) -> Outcome:
    """Return what checking one file gives; never raises for what the file holds."""
    try:
        special = _not_regular(os.stat(path).st_mode)
    except OSError:
        special = None  # the loader says why it cannot be read
    if special:
        return _unreadable(path, f"{special}, not a regular file: name the document's file")
    try:
        document = load(path)
    except LoadError as error:  # its warnings (YAML004) follow the configuration of rules
        return _configured(error.diagnostics, config), None, error.unreadable, []
    except Exception as error:  # a bug in the loader: reported, and the other files go on
        return [], None, False, [internal_error(None, "the loader", error, path)]
    versioned = not isinstance(document, Records)  # training records have no versions
    previous, refused = _previous(path, against if versioned else None)
    if refused is not None:
        return refused
    found, errors = evaluate(document, config, today, previous, against)
    try:
        summary = summarize(document)
    except Exception as error:  # a bug in the summary: its rules cannot see this document
        return found, None, False, [*errors, internal_error(None, "the summary", error, path)]
    return found, summary, False, errors


def _configured(diagnostics: list[Diagnostic], config: Config) -> list[Diagnostic]:
    """Return the loader's diagnostics with those of rule codes selected and set as configured."""
    return [
        dataclasses.replace(d, severity=config.severity_of(d.code, d.severity))
        if d.code in RULES
        else d
        for d in diagnostics
        if d.code not in RULES or config.enabled(d.code)
    ]


def _validate_chunk(
    paths: list[str], config: Config, today: dt.date, against: str | None = None
) -> list[Outcome]:
    return [_validate_one(path, config, today, against) for path in paths]


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
    against: str | None = None,
) -> Report:
    """Validate files and folders (recursing over sopmodel YAML/JSON files) into a Report.

    jobs is the number of processes; None chooses by the number of files and CPUs. against
    is a git revision (origin/main): each file is also compared with itself there (SOP107
    version-mismatch, SOP113 outdated-approval).
    """
    config = config or Config()
    check_config(config)
    today = today or config.today or dt.date.today()
    files, missing = find_documents(paths, config.exclude)
    report = Report(files=files, missing=missing)
    jobs = _auto_jobs(len(files)) if jobs is None else jobs
    if jobs > 1 and len(files) > 1:
        from concurrent.futures import ProcessPoolExecutor

        size = max(1, min(64, len(files) // (jobs * 4) or 1))
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = [
                pool.submit(_validate_chunk, chunk, config, today, against)
                for chunk in _chunks(files, size)
            ]
            results = [item for future in futures for item in future.result()]
    else:
        results = [_validate_one(path, config, today, against) for path in files]
    summaries = report.documents
    for path, (diagnostics, summary, unreadable, errors) in zip(files, results, strict=True):
        report.diagnostics.extend(diagnostics)
        report.errors.extend(errors)
        if unreadable:
            report.unreadable.append(path)
        if summary is not None:
            summaries.append(summary)
    corpus, errors = check_together(summaries, config, today)
    report.errors.extend(errors)
    if corpus:
        order = {path: index for index, path in enumerate(files)}
        report.diagnostics.extend(corpus)
        report.diagnostics.sort(
            key=lambda d: (order.get(d.file or "", -1), d.line or 0, d.col or 0)
        )
    return report
