"""Build a handbook, then keep it up to date file by file (`Handbook.rebuild`)."""

from __future__ import annotations

import gc
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from sopmodel.diagnostics import Diagnostic
from sopmodel.exporters.site import build as pages
from sopmodel.exporters.site.entries import DocumentEntry, LoadedFile, load_file
from sopmodel.exporters.site.pages import context
from sopmodel.exporters.site.writer import SiteWriter
from sopmodel.i18n import LANGUAGES
from sopmodel.rules.config import DEFAULT_CONFIG, Config

__all__ = ["BuildResult", "Handbook", "SiteOptions"]


@dataclass(frozen=True, slots=True)
class SiteOptions:
    """How a handbook is built."""

    language: str | None = None
    """The language of the site's own words (index, search); None: most documents' language."""
    live_script: str | None = None
    """When set, every page loads this script (`sopmodel serve`'s reload script)."""
    findings: bool = False
    """Show each document's validation findings at the top of its page, and give a file that
    does not load a page with its load error."""
    check: bool = False
    """Run the validation rules on every document (their findings go in BuildResult.problems)."""
    flowchart: bool = True
    """Draw each procedure's flowchart inline (needs Graphviz's `dot`; skipped without it)."""
    config: Config = DEFAULT_CONFIG
    """The project's configuration (sopmodel.toml, as `validate` reads it): which rules run
    and how severe they are, their options, today, and the files skipped in folders."""


@dataclass(slots=True)
class BuildResult:
    """What a build or rebuild did."""

    written: list[str] = field(default_factory=list)
    """Site-relative URLs of the files whose bytes changed, in writing order."""
    rendered: list[str] = field(default_factory=list)
    """Site-relative URLs of the pages rendered (written or unchanged)."""
    removed: list[str] = field(default_factory=list)
    """Stale files of an earlier build that were removed."""
    problems: list[Diagnostic] = field(default_factory=list)
    """Load errors and (with check or findings) validation findings, by file."""


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector: a build makes millions of objects that stay alive
    until it ends, and each collection of the oldest generation walks all of them again
    (a third of the time of 1,000 procedures, and what made it grow faster than linearly)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


class Handbook:
    """A handbook of the procedures and plans found in paths, written into one folder."""

    def __init__(
        self,
        paths: Sequence[str | os.PathLike[str]],
        out: str | os.PathLike[str],
        options: SiteOptions | None = None,
    ) -> None:
        self.paths = [os.fspath(p) for p in paths]
        self.options = options or SiteOptions()
        self.writer = SiteWriter(out)
        self.files: dict[str, LoadedFile] = {}
        """Absolute file path -> what was loaded from it, in the order found."""
        self._opened = False
        self._assets_written = False

    # -- the API ---------------------------------------------------------------------------

    def build(self) -> BuildResult:
        """Find, load and render everything; remove stale files of an earlier build."""
        with _no_cycle_collection():
            return self._build()

    def _build(self) -> BuildResult:
        from sopmodel.rules import find_documents

        found, _missing = find_documents(self.paths, self.options.config.exclude)
        self.files = {}
        for file in found:
            self.files[os.path.abspath(file)] = load_file(file, self._checking())
        self._open()
        self._assign_urls()
        self._check_together()
        result = BuildResult()
        site = context(self)
        self._write(result, pages.render_documents(site, None, first=not self._assets_written))
        self._assets_written = True
        self._write(result, pages.render_shared(site, None, whole=True))
        self._add_problems(result, None)
        result.removed = self.writer.remove_stale(self._urls())
        self.writer.save_manifest()
        return result

    def rebuild(
        self,
        changed: Iterable[str | os.PathLike[str]],
        shown: Callable[[BuildResult], None] | None = None,
    ) -> BuildResult:
        """Reload the changed files (a deleted one leaves the site) and rewrite the pages they
        affect: their own, and the shared pages when their summary changed.

        `shown`, when given, is called with what the changed files' own pages wrote, before
        the shared pages are rendered: a preview can show the page being edited sooner. The
        result returned holds everything written, those pages included."""
        if not self._opened:
            return self.build()
        result = BuildResult()
        touched: list[str] = []
        shared = records = False
        for given in changed:
            path = os.path.abspath(os.fspath(given))
            before = self.files.get(path)
            if not os.path.exists(path):
                if before is not None:
                    del self.files[path]
                    shared = True
                    records |= _is_records(before)
                continue
            if before is None and not self._is_input(path):
                continue
            loaded = load_file(path, self._checking(), display=before.display if before else None)
            self.files[path] = loaded
            touched.append(path)
            if before is None or before.summary != loaded.summary:
                shared = True
            records |= _is_records(before) or _is_records(loaded)
        self._assign_urls()
        if records:  # every procedure's page shows where its role-holders stand
            touched = list(dict.fromkeys([*touched, *self.files]))
        findings = self._check_together()
        if self.options.findings:  # pages whose findings across documents changed
            touched = list(dict.fromkeys([*touched, *findings]))
        site = context(self)
        self._write(result, pages.render_documents(site, touched, first=False))
        self._add_problems(result, touched)
        if shown is not None:
            shown(replace(result, written=list(result.written), rendered=list(result.rendered)))
        self._write(result, pages.render_shared(site, touched, whole=shared))
        if shared:
            result.removed = self.writer.remove_stale(self._urls())
        self.writer.save_manifest()
        return result

    def url_of(self, path: str | os.PathLike[str]) -> str:
        """Return the site-relative URL of a document's page (procedures/ID.html), or '' if the
        file is not in the site."""
        loaded = self.files.get(os.path.abspath(os.fspath(path)))
        return loaded.url if loaded else ""

    # -- internals -------------------------------------------------------------------------

    def _assign_urls(self) -> None:
        """Give each document a page URL of its own: a second file with the same id gets
        ID~2.html (files in the order found)."""
        taken: dict[str, str] = {}
        for loaded in self.files.values():
            entry = loaded.entry
            if entry is None:
                continue
            base = entry.url.removesuffix(".html")
            base = base.rsplit("~", 1)[0]
            url, n = f"{base}.html", 1
            while url in taken and taken[url] != loaded.path:
                n += 1
                url = f"{base}~{n}.html"
            taken[url] = loaded.path
            if url != entry.url:
                loaded.entry = replace(entry, url=url)
                loaded.search = None

    def _check_together(self) -> list[str]:
        """Run the rules across documents (a duplicate id, a link to an unknown procedure,
        who must re-read) as `validate` does; give each file its findings; return the paths
        of the files whose findings changed."""
        loaded = [f for f in self.files.values() if f.together is not None]
        if self._checking() is None or not loaded:
            return []
        from sopmodel.rules.corpus import check_together

        summaries = [f.together for f in loaded if f.together is not None]
        found, _errors = check_together(summaries, self.options.config)
        by_file: dict[str | None, list[Diagnostic]] = {}
        for finding in found:
            by_file.setdefault(finding.file, []).append(finding)
        changed = []
        for file in loaded:
            mine = by_file.get(file.display, [])
            problems = sorted([*file.own, *mine], key=lambda d: (d.line or 0, d.col or 0))
            if problems != file.problems:
                file.problems = problems
                changed.append(file.path)
        return changed

    def _checking(self) -> Config | None:
        """Return the configuration to check documents with, or None not to check them."""
        return self.options.config if self.options.check or self.options.findings else None

    def _is_input(self, path: str) -> bool:
        """Say whether a new file belongs to the site: named, or found under a folder the
        way `find_documents` finds files (a document suffix and a `sopmodel:` key)."""
        from sopmodel.rules import find_documents

        for given in self.paths:
            root = os.path.abspath(given)
            if path == root:
                return True
            if path.startswith(root.rstrip(os.sep) + os.sep):
                found, _missing = find_documents(
                    [os.path.dirname(path)], self.options.config.exclude
                )
                return any(os.path.abspath(f) == path for f in found)
        return False

    def _open(self) -> None:
        if not self._opened:
            self.writer.open(Path(p) for p in self.files)
            self._opened = True

    def entries(self) -> list[DocumentEntry]:
        """Return the documents of the site (files that loaded), in the order found."""
        return [f.entry for f in self.files.values() if f.entry is not None]

    def language(self) -> str:
        """Return the language of the site's own words."""
        if self.options.language:
            return self.options.language
        counts = Counter(e.language for e in self.entries())
        if not counts:
            return "en"
        best = max(counts.values())
        return next(lang for lang in LANGUAGES if counts.get(lang) == best)

    def _urls(self) -> list[str]:
        return list(pages.all_urls(self))

    def _write(self, result: BuildResult, rendered: Iterable[tuple[str, bytes]]) -> None:
        for url, data in rendered:
            result.rendered.append(url)
            if self.writer.write(url, data):
                result.written.append(url)

    def _add_problems(self, result: BuildResult, documents: list[str] | None) -> None:
        for loaded in self.files.values():
            if documents is None or loaded.path in documents:
                result.problems += loaded.problems


def _is_records(loaded: LoadedFile | None) -> bool:
    """Say whether a file holds training records."""
    from sopmodel.model import Records

    return loaded is not None and isinstance(loaded.document, Records)
