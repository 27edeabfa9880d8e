"""The preview server: build a handbook into a private folder, serve it, rebuild on save.

Three threads besides the caller's: the HTTP server, the file watcher, and the builder
that turns each batch of changes into `Handbook.rebuild` and tells the open pages.
"""

from __future__ import annotations

import gc
import os
import queue
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Protocol

from sopmodel.diagnostics import Diagnostic
from sopmodel.preview.events import EventHub
from sopmodel.preview.watch import Watcher, documents_touched
from sopmodel.preview.web import LIVE_SCRIPT, PreviewHTTPServer

if TYPE_CHECKING:
    from sopmodel.rules.config import Config

__all__ = ["Builder", "BuilderFactory", "Outcome", "PreviewServer", "Rebuild", "handbook"]

RELOAD_WAIT = 0.5
"""Seconds the shared pages wait for the open pages told of a save to reload (their script
opens a new event stream), so that rendering them does not slow the reload down."""
SWITCH_INTERVAL = 0.0005
"""Seconds a thread holds the GIL while another waits for it (Python's default is 0.005): each
of the few dozen waits of the reloading page's requests, while the builder renders the shared
pages, would otherwise cost up to 5 ms (see benchmarks/serve.py)."""


class Outcome(Protocol):
    """What a build or rebuild did (sopmodel.exporters.site.BuildResult)."""

    @property
    def written(self) -> list[str]: ...
    @property
    def removed(self) -> list[str]: ...
    @property
    def problems(self) -> list[Diagnostic]: ...


class Builder(Protocol):
    """What the preview needs of a handbook (sopmodel.exporters.site.Handbook)."""

    def build(self) -> Outcome: ...
    def rebuild(
        self, changed: Iterable[str], shown: Callable[[Outcome], None] | None = None
    ) -> Outcome:
        """Rebuild; call `shown` with what the changed files' own pages wrote, before the
        pages shared by every document are rendered."""
        ...

    def url_of(self, path: str) -> str: ...


BuilderFactory = Callable[[Sequence[str], Path, str], Builder]
"""Make a builder from the input paths, the output folder and the live script's URL."""


def handbook(language: str | None = None, config: Config | None = None) -> BuilderFactory:
    """Return a factory of handbooks that show their findings and load the live script
    (`config`: the project's configuration, defaults when None)."""

    def make(paths: Sequence[str], out: Path, live_script: str) -> Builder:
        from sopmodel.exporters.site import Handbook, SiteOptions

        options = SiteOptions(language=language, live_script=live_script, findings=True)
        if config is not None:
            options = replace(options, config=config)
        return Handbook(list(paths), out, options)

    return make


@dataclass(slots=True)
class Rebuild:
    """One rebuild after a save, with when each part happened (time.time())."""

    changed: list[str]
    """The document files rebuilt."""
    seen: float
    """When the watcher reported the change."""
    started: float = 0.0
    finished: float = 0.0
    sent: float = 0.0
    """When the open pages were first told (the changed files' own pages were written)."""
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    moved: dict[str, str] = field(default_factory=dict)
    """Pages now at another URL (a file that stopped loading, or loads again)."""
    problems: list[Diagnostic] = field(default_factory=list)
    error: str = ""
    """An internal error of the rebuild, in one line ('' when it worked)."""


class PreviewServer:
    """Serve a live handbook of paths on http://127.0.0.1:port/ until stopped.

    Use it as a context manager, or call start() and stop(). start() builds everything
    once (its result is returned), then every save rebuilds what changed.
    """

    def __init__(
        self,
        paths: Sequence[str],
        port: int = 0,
        builder: BuilderFactory | None = None,
        on_rebuild: Callable[[Rebuild], None] | None = None,
    ) -> None:
        self.paths = [os.path.abspath(p) for p in paths]
        self.port = port
        self.factory = builder or handbook()
        self.on_rebuild = on_rebuild
        self.history: list[Rebuild] = []
        self.hub = EventHub()
        self.folder: Path | None = None
        self.book: Builder | None = None
        self._known: set[str] = set()
        self._http: PreviewHTTPServer | None = None
        self._watcher: Watcher | None = None
        self._queue: queue.SimpleQueue[tuple[set[str], float] | None] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._stopped = False
        self._tuned = False
        self._lock = threading.Lock()
        """Held while the handbook changes, so url_of() never names a page not yet written."""

    # -- life -----------------------------------------------------------------------------

    def start(self) -> Outcome:
        """Listen, build everything, then watch; return the first build's result.

        Raises web.PortError when the port cannot be listened on; anything the first build
        raises is raised after the server has cleaned up.
        """
        try:
            self.folder = Path(tempfile.mkdtemp(prefix="sopmodel-serve-")).resolve()
            self._http = PreviewHTTPServer(self.folder, self.hub, self.port)
            self._watcher = Watcher(self.paths, self.folder, self.changed)
            self._watcher.start()
            self.book = self.factory(self.paths, self.folder, LIVE_SCRIPT)
            with self._lock:
                result = self.book.build()
            _TUNING.enter()
            self._tuned = True
            self._known = set(_documents(self.paths))
            self._spawn(self._serve, "sopmodel-http")
            self._spawn(self._build_loop, "sopmodel-build")
        except BaseException:
            self.stop()
            raise
        return result

    def stop(self) -> None:
        """Stop watching, building and serving; remove the private folder. Idempotent."""
        if self._stopped:
            return
        self._stopped = True
        if self._watcher is not None:
            self._watcher.stop()
        self._queue.put(None)
        self.hub.close()
        if self._http is not None:
            if any(t.name == "sopmodel-http" for t in self._threads):
                self._http.shutdown()
            self._http.server_close()
        for thread in self._threads:
            thread.join(10.0)
        if self._tuned:
            _TUNING.leave()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> PreviewServer:
        self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """The handbook's home page, http://127.0.0.1:PORT/."""
        if self._http is None:
            raise RuntimeError("the preview server is not started")
        return self._http.url

    def url_of(self, path: str) -> str:
        """Return the full URL of a document's page ('' when it is not in the handbook)."""
        with self._lock:
            page = self.book.url_of(os.path.abspath(path)) if self.book else ""
        return self.url + page if page else ""

    # -- rebuilding -----------------------------------------------------------------------

    def changed(self, paths: set[str], seen: float) -> None:
        """Take a batch of changed paths from the watcher (any thread)."""
        self._queue.put((paths, seen))

    def rebuild(self, documents: list[str], seen: float) -> Rebuild:
        """Rebuild these documents now, tell the open pages, and return what happened.

        The pages are told twice: as soon as the documents' own pages are written (the page
        being edited reloads), then with what the shared pages (home, roles, search) changed.
        """
        assert self.book is not None
        book = self.book
        record = Rebuild(changed=documents, seen=seen, started=time.time())
        before = {path: book.url_of(path) for path in documents}
        told: set[str] = set()

        def moved() -> dict[str, str]:
            now = {path: book.url_of(path) for path in before}
            return {old: now[p] for p, old in before.items() if old and now[p] and now[p] != old}

        def tell(written: list[str], removed: list[str], early: bool = False) -> None:
            record.moved = moved()
            fresh = [url for url in written if url not in told]
            if told and not (fresh or removed):
                return  # the second telling has nothing new
            reloading = self.hub.arrivals(self.hub.open_pages() & set(fresh)) if early else {}
            self.hub.publish(
                "rebuilt", {"written": fresh, "removed": removed, "moved": record.moved}
            )
            told.update(fresh)
            record.sent = record.sent or time.time()
            if reloading:  # let the edited page reload before the shared pages are rendered
                self.hub.wait_for_return(reloading, RELOAD_WAIT)

        try:
            with self._lock:
                result = book.rebuild(
                    documents, shown=lambda early: tell(list(early.written), [], early=True)
                )
        except Exception as error:  # a bug in a page: say it, keep serving
            record.error = f"{type(error).__name__}: {' '.join(str(error).split())[:300]}"
            record.finished = time.time()
            self.hub.publish("failed", {"message": record.error})
            record.sent = time.time()
        else:
            record.finished = time.time()
            record.written, record.removed = list(result.written), list(result.removed)
            record.problems = list(result.problems)
            tell(record.written, record.removed)
        for path in documents:
            if os.path.exists(path):
                self._known.add(path)
            else:
                self._known.discard(path)
        self.history.append(record)
        if self.on_rebuild is not None:
            self.on_rebuild(record)
        return record

    def _build_loop(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            paths, seen = item
            more = True
            while more:  # take every batch already waiting: one rebuild for them all
                try:
                    waiting = self._queue.get_nowait()
                except queue.Empty:
                    break
                if waiting is None:
                    more = False
                    self._queue.put(None)
                else:
                    paths |= waiting[0]
                    seen = min(seen, waiting[1])
            documents = documents_touched(paths, self._known)
            if documents:
                self.rebuild(documents, seen)

    def _serve(self) -> None:
        assert self._http is not None
        self._http.serve_forever(poll_interval=0.1)  # stop() answers within 0.1 s

    def _spawn(self, target: Callable[[], None], name: str) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        self._threads.append(thread)
        thread.start()


class _Tuning:
    """The process settings a running preview wants, set while at least one runs.

    - The first build is moved out of reach of Python's cycle collector (gc.freeze): the
      handbook keeps it alive as long as the server runs, and a full collection walking it
      again paused one rebuild in five of a 300-procedure handbook by 0.1 to 0.3 s.
    - Threads switch every SWITCH_INTERVAL instead of every 5 ms, so that the reloading
      page's requests are answered while the builder renders the shared pages.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = 0
        self._interval = 0.0

    def enter(self) -> None:
        with self._lock:
            self._running += 1
            if self._running == 1:
                self._interval = sys.getswitchinterval()
                sys.setswitchinterval(SWITCH_INTERVAL)
            gc.collect()
            gc.freeze()

    def leave(self) -> None:
        with self._lock:
            self._running -= 1
            if self._running == 0:
                gc.unfreeze()
                sys.setswitchinterval(self._interval)


_TUNING = _Tuning()


def _documents(paths: Sequence[str]) -> list[str]:
    """Return the documents found in paths (excluded ones too: the handbook skips them)."""
    from sopmodel.rules import find_documents

    found, _missing = find_documents(paths)
    return [os.path.abspath(p) for p in found]
