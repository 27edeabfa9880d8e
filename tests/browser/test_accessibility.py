"""axe-core on every page of the examples' handbook: no serious or critical violation.

Every HTML file of the built site is checked, grouped by page type; a page of a type this file
does not know fails the test, so a new page type cannot go unchecked. The checklist and the
quiz are checked again in the states a reader brings them to (a branch chosen, answers marked)
and the checklist at phone width.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tools.chromium import PHONE

from tests.browser.conftest import SERIOUS, Visit, axe, axe_report
from tests.browser.interactive_site import build
from tests.conftest import EXAMPLES

PAGE_TYPES = {
    "index": "index.html",
    "search": "search.html",
    "checklist": "procedures/*.checklist.html",
    "quiz": "procedures/*.quiz.html",
    "procedure": "procedures/*.html",
    "plan": "plans/*.html",
    "role": "roles/*.html",
}
"""Each page type and the files it is (the first pattern that matches a file wins)."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    records = sorted((EXAMPLES / "records").glob("*.yaml"))  # the procedures' training tables
    return build([*sorted(EXAMPLES.glob("*.yaml")), *records], tmp_path_factory.mktemp("site"))


def page_type(site: Path, file: Path) -> str | None:
    """Return the type of a page of the site, None for a file of no known type."""
    relative = file.relative_to(site)
    return next((kind for kind, pattern in PAGE_TYPES.items() if relative.match(pattern)), None)


def _violations(page: Any) -> list[dict[str, Any]]:
    return [v for v in axe(page) if v["impact"] in SERIOUS]


def test_every_page_is_of_a_known_type(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert pages
    assert [p for p in pages if page_type(site, p) is None] == []
    assert {page_type(site, p) for p in pages} == set(PAGE_TYPES)


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_serious_violation(visit: Visit, site: Path, kind: str) -> None:
    files = [p for p in sorted(site.rglob("*.html")) if page_type(site, p) == kind]
    assert files, f"the handbook of the examples has no {kind} page"
    found = []
    for file in files:
        visit.open(file, site=site)
        bad = _violations(visit.page)
        if bad:
            found.append(f"{file.relative_to(site)}:\n  {axe_report(bad)}")
    assert not found, "axe-core found serious or critical violations:\n" + "\n".join(found)


def test_checklist_in_use_at_phone_width(visit: Visit, site: Path) -> None:
    page = visit.open(site / "procedures" / "LAB-003.checklist.html", site=site)
    page.set_viewport_size(PHONE)
    page.get_by_label("Alert the people in the room").check()
    page.get_by_label("no (go to step 5)").check()
    bad = _violations(page)
    assert not bad, axe_report(bad)


def test_quiz_once_marked(visit: Visit, site: Path) -> None:
    page = visit.open(site / "procedures" / "LAB-003.quiz.html", site=site)
    page.locator("#q1-0").check()
    page.locator("#q2-1").check()
    page.get_by_role("button", name="Check my answers").click()
    bad = _violations(page)
    assert not bad, axe_report(bad)


@pytest.mark.parametrize("query", ["spill", "numero fournisseur", "script"])
def test_search_with_results(visit: Visit, site: Path, query: str) -> None:
    """Results in English and French with their excerpts and <mark>s (their contrast)."""
    page = visit.open(site / "search.html", site=site)
    page.fill("#search-q", query)
    page.locator("#search-results .result-excerpt mark").first.wait_for()
    for size in (None, PHONE):
        if size:
            page.set_viewport_size(size)
        bad = _violations(page)
        assert not bad, axe_report(bad)
