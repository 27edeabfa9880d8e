"""`sopmodel serve` in Chromium: the open page reloads by itself after a save, keeps its place,
and shows a broken file's finding; no console error along the way."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from sopmodel.preview import PreviewServer
from tests.browser.conftest import Visit

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLE = ROOT / "examples" / "sales-opportunity.yaml"
WAIT_MS = 15_000
"""The longest wait for the page to change by itself; a pass takes a fraction of it."""
STEP = "Book an FO with the decision-maker"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[PreviewServer, Path]]:
    folder = tmp_path / "procedures"
    folder.mkdir()
    document = folder / EXAMPLE.name
    shutil.copy(EXAMPLE, document)
    server = PreviewServer([str(folder)], port=0)
    try:
        server.start()
        yield server, document
    finally:
        server.stop()


# Tests ask for `served` before `visit`, so the page closes before the server stops.


def _open(visit: Visit, server: PreviewServer, document: Path) -> Any:
    visit.allow(server.url)
    page = visit.page
    page.goto(server.url_of(str(document)))
    page.wait_for_function("() => document.readyState === 'complete'")
    return page


def _marker(page: Any) -> None:
    """Mark the window: a reload makes a new one, without the mark."""
    page.evaluate("() => { window.__before_reload = true; }")


def _reloaded(page: Any, text: str) -> None:
    page.wait_for_function(
        "text => !window.__before_reload && document.body.innerText.includes(text)",
        arg=text,
        timeout=WAIT_MS,
    )


def test_the_open_page_reloads_after_a_save_at_the_same_place(
    served: tuple[PreviewServer, Path], visit: Visit
) -> None:
    server, document = served
    page = _open(visit, server, document)
    page.set_viewport_size({"width": 1280, "height": 500})
    page.evaluate("() => window.scrollTo(0, 900)")
    _marker(page)
    text = document.read_text(encoding="utf-8")
    document.write_text(text.replace(STEP, "Book an FO with the buyer"), encoding="utf-8")
    _reloaded(page, "Book an FO with the buyer")
    assert STEP not in page.inner_text("body")
    assert abs(page.evaluate("() => window.scrollY") - 900) <= 2


def test_a_broken_file_shows_its_finding_then_the_fixed_page(
    served: tuple[PreviewServer, Path], visit: Visit
) -> None:
    server, document = served
    page = _open(visit, server, document)
    text = document.read_text(encoding="utf-8")
    _marker(page)
    document.write_text(text.replace("title:", "title: [unclosed", 1), encoding="utf-8")
    _reloaded(page, "YAML001")
    finding = page.inner_text("#findings")
    assert f"{document}:" in finding and "YAML001" in finding
    _marker(page)
    document.write_text(text, encoding="utf-8")
    _reloaded(page, STEP)
    assert page.url == server.url_of(str(document))
    assert page.locator("#findings").count() == 0 or "YAML001" not in page.inner_text("#findings")


def _until(condition: Callable[[], object], what: str) -> None:
    deadline = time.monotonic() + WAIT_MS / 1000
    while not condition():
        assert time.monotonic() < deadline, f"waited too long for {what}"
        time.sleep(0.05)


def test_a_page_that_was_not_rebuilt_stays_as_it_is(
    served: tuple[PreviewServer, Path], visit: Visit
) -> None:
    server, document = served
    other = document.with_name("other.yaml")
    new = other.with_name(".other.yaml.new")  # saved whole, as an editor does
    new.write_text(EXAMPLE.read_text("utf-8").replace("SALES-001", "SALES-002"), "utf-8")
    new.rename(other)
    _until(lambda: server.url_of(str(other)), "the new file's page")
    page = _open(visit, server, other)
    _marker(page)
    seen = len(server.history)
    text = document.read_text(encoding="utf-8")
    document.write_text(text.replace(STEP, "Book an FO with the buyer"), encoding="utf-8")
    _until(lambda: len(server.history) > seen, "the rebuild of the first file")
    assert server.history[-1].written  # its page, the home page, roles, the search index
    page.wait_for_timeout(500)  # time enough for a wrong reload to start
    assert page.evaluate("() => window.__before_reload === true")


def test_a_failed_rebuild_shows_a_banner_in_the_page(tmp_path: Path, browser: Any) -> None:
    from sopmodel.preview import handbook

    class Failing:
        def __init__(self, *args: Any) -> None:
            self.book = handbook()(*args)

        def build(self) -> Any:
            return self.book.build()

        def rebuild(self, changed: Any, shown: Any = None) -> Any:
            raise RuntimeError("a page template broke")

        def url_of(self, path: str) -> str:
            return self.book.url_of(path)

    document = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, document)
    server = PreviewServer([str(document)], port=0, builder=Failing)
    try:
        server.start()
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto(server.url_of(str(document)))
            page.wait_for_function("() => document.readyState === 'complete'")
            _until(lambda: server.hub.listeners, "the page listening")
            document.write_text(document.read_text("utf-8") + "\n", "utf-8")
            alert = page.get_by_role("alert")
            alert.wait_for(timeout=WAIT_MS)
            assert "RuntimeError: a page template broke" in alert.inner_text()
        finally:
            context.close()
    finally:
        server.stop()
