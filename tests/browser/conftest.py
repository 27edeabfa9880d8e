"""The shared browser harness: Debian's Chromium driven by Playwright, axe-core for accessibility.

Fixtures and helpers (see /work/notes/site-api.md, "Browser harness (C)"):

- ``browser`` (session): headless Chromium from ``shutil.which("chromium")``; never downloaded.
- ``visit`` (per test): a :class:`Visit`, a new browser context and page that record console
  errors, page errors, dialogs and every request; requests leaving the site are aborted and
  recorded. ``visit.open(path)`` opens a file of a site folder; ``visit.assert_clean()`` fails
  the test on any console error, page error or request outside the site (also checked when the
  test ends, unless ``visit.check_at_end = False``).
- ``page``: the Playwright page of ``visit``.
- :func:`serve_folder`: serve a folder on http://127.0.0.1:PORT/ (a context manager).
- :func:`axe` runs axe-core in the page and returns its violations; :func:`assert_accessible`
  fails on serious or critical ones with a readable list (rule, impact, target, help).

A missing Chromium or axe-core makes the tests fail with how to install them, never skip.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from tools.chromium import CHROMIUM_ARGS, DESKTOP

ROOT = Path(__file__).resolve().parent.parent.parent
AXE_SCRIPT = ROOT / "tools" / "node" / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")
_QUIET_SCHEMES = ("data:", "blob:", "about:")
"""URLs that never leave the page (inline pictures, the blank page)."""


def tab_to(page: Any, selector: str, most: int = 80) -> None:
    """Press Tab until the element is focused, as a keyboard user reaches it."""
    target = page.locator(selector)
    for _ in range(most):
        page.keyboard.press("Tab")
        if target.evaluate("e => e === document.activeElement"):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test of this folder `browser` (registered in pyproject.toml)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


def chromium_path() -> str:
    """Return Debian's Chromium, or fail the test saying how to install it."""
    found = shutil.which("chromium")
    if found is None:
        pytest.fail(
            "Chromium is missing: the browser tests run Debian's chromium package. "
            "Install it with `make system` (sudo apt-get install chromium).",
            pytrace=False,
        )
    return found


def axe_source() -> str:
    """Return axe-core's script, or fail the test saying how to install it."""
    if not AXE_SCRIPT.is_file():
        pytest.fail(
            f"axe-core is missing ({AXE_SCRIPT.relative_to(ROOT)}): "
            "install it with `make test-tools` (tools/node/install.sh, npm ci).",
            pytrace=False,
        )
    return _read_axe()


@functools.cache
def _read_axe() -> str:
    return AXE_SCRIPT.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Launch headless Chromium once for the session."""
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@dataclass
class Visit:
    """A browser page that records what could go wrong in it."""

    page: Any
    """The Playwright page."""
    allowed: list[str] = field(default_factory=list)
    """URL prefixes that belong to the site (file:///.../site/, http://127.0.0.1:PORT/)."""
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    """The messages of alert/confirm/prompt dialogs, in order."""
    requests: list[str] = field(default_factory=list)
    """Every URL the page asked for."""
    blocked: list[str] = field(default_factory=list)
    """URLs outside the site, aborted."""
    accept_dialogs: bool = True
    """Answer confirm() with OK (True) or Cancel (False)."""
    check_at_end: bool = True

    def allow(self, prefix: str) -> None:
        """Count URLs starting with prefix as the site's own."""
        self.allowed.append(prefix)

    def open(self, path: Path | str, site: Path | None = None) -> Any:
        """Open a file (or an http URL) and wait for it to load; allow its site folder.

        ``site`` is the site's root folder (default: the file's folder and its parent, which
        covers ``procedures/X.html`` next to ``assets/``).
        """
        if isinstance(path, str) and path.startswith("http"):
            self.page.goto(path)
            return self.page
        file = Path(path).resolve()
        root = (site or file.parent.parent).resolve()
        self.allow(root.as_uri() + "/")
        self.page.goto(file.as_uri())
        return self.page

    def is_inside(self, url: str) -> bool:
        """Say whether a URL belongs to the site."""
        return url.startswith(_QUIET_SCHEMES) or any(url.startswith(p) for p in self.allowed)

    def problems(self) -> list[str]:
        """Return what makes the page unclean, one line each."""
        lines = [f"console error: {m}" for m in self.console_errors]
        lines += [f"page error: {m}" for m in self.page_errors]
        outside = self.blocked + [u for u in self.requests if not self.is_inside(u)]
        lines += [f"request outside the site: {u}" for u in dict.fromkeys(outside)]
        return lines

    def assert_clean(self) -> None:
        """Fail on a console error, a page error, or a request that left the site."""
        problems = self.problems()
        assert not problems, "the page was not clean:\n  " + "\n  ".join(problems)


def _record(visit: Visit, context: Any) -> None:
    page = visit.page
    page.on(
        "console",
        lambda m: (
            visit.console_errors.append(f"{m.text} ({m.location.get('url', '')})")
            if m.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda e: visit.page_errors.append(str(e)))
    page.on("request", lambda r: visit.requests.append(r.url))

    def on_dialog(dialog: Any) -> None:
        visit.dialogs.append(dialog.message)
        if visit.accept_dialogs:
            dialog.accept()
        else:
            dialog.dismiss()

    page.on("dialog", on_dialog)

    def route(route: Any) -> None:
        url = route.request.url
        if visit.is_inside(url):
            route.continue_()
        else:
            visit.blocked.append(url)
            route.abort()

    context.route("**/*", route)


@pytest.fixture
def visit(browser: Any) -> Iterator[Visit]:
    """A new context and page per test (desktop size), recording errors and requests."""
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    current = Visit(context.new_page())
    _record(current, context)
    yield current
    try:
        if current.check_at_end:
            current.assert_clean()
    finally:
        context.close()


@pytest.fixture
def page(visit: Visit) -> Any:
    """The Playwright page of this test's visit."""
    return visit.page


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve a folder on http://127.0.0.1:PORT/ while the block runs; yield that base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def axe(page: Any, tags: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Run axe-core on the page (optionally only rules with these tags); return violations."""
    source = axe_source()
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated by the debugging protocol, as a page script would not be: a strict
        # Content-Security-Policy (no inline script) does not stop it.
        page.evaluate(source + "\n;undefined")
    # No preload: on file:// axe would fetch the style sheets with XMLHttpRequest, which
    # Chromium refuses there (a console error); only css-orientation-lock needs them.
    options: dict[str, Any] = {"preload": False}
    if tags:
        options["runOnly"] = {"type": "tag", "values": list(tags)}
    result: dict[str, Any] = page.evaluate("options => window.axe.run(document, options)", options)
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def axe_report(violations: list[dict[str, Any]]) -> str:
    """Return violations as lines: rule id, impact, target of each node, help and its URL."""
    lines = []
    for v in violations:
        targets = ", ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:5])
        more = f" (+{len(v['nodes']) - 5} more)" if len(v["nodes"]) > 5 else ""
        lines.append(f"{v['id']} [{v['impact']}] {targets}{more}: {v['help']} ({v['helpUrl']})")
    return "\n  ".join(lines)


def assert_accessible(page: Any, impacts: tuple[str, ...] = SERIOUS) -> None:
    """Fail when axe-core finds a violation of these impacts (serious or critical)."""
    bad = [v for v in axe(page) if v["impact"] in impacts]
    assert not bad, f"axe-core found in {page.url}:\n  " + axe_report(bad)
