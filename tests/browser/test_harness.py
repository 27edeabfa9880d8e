"""The browser harness itself: it sees errors, outside requests and accessibility problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import Visit, assert_accessible, axe, serve_folder

CLEAN = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Clean</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'">
</head><body><main><h1>Clean</h1><p>Nothing wrong.</p></main></body></html>"""


def _site(tmp_path: Path, body: str) -> Path:
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    page = site / "index.html"
    page.write_text(body, encoding="utf-8")
    return page


def test_a_clean_page_is_clean_and_accessible(visit: Visit, tmp_path: Path) -> None:
    visit.open(_site(tmp_path, CLEAN), site=tmp_path / "site")
    visit.assert_clean()
    assert_accessible(visit.page)


def test_errors_and_outside_requests_are_reported(visit: Visit, tmp_path: Path) -> None:
    hostile = CLEAN.replace(
        "<p>Nothing wrong.</p>",
        '<img src="https://example.org/x.png" alt="x"><script>console.error("boom");'
        "throw new Error('thrown')</script>",
    ).replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    visit.open(_site(tmp_path, hostile), site=tmp_path / "site")
    problems = "\n".join(visit.problems())
    assert "console error: boom" in problems
    assert "page error: " in problems and "thrown" in problems
    assert "request outside the site: https://example.org/x.png" in problems
    visit.check_at_end = False
    with pytest.raises(AssertionError, match="not clean"):
        visit.assert_clean()


def test_axe_reports_rule_impact_and_target(visit: Visit, tmp_path: Path) -> None:
    visit.open(_site(tmp_path, CLEAN.replace("<p>Nothing wrong.</p>", '<img src="a.png">')))
    visit.check_at_end = False  # a.png does not exist: the console says so
    assert any(v["id"] == "image-alt" for v in axe(visit.page))
    with pytest.raises(AssertionError, match=r"image-alt \[critical\] img"):
        assert_accessible(visit.page)


def test_a_served_folder_is_the_site(visit: Visit, tmp_path: Path) -> None:
    _site(tmp_path, CLEAN)
    with serve_folder(tmp_path / "site") as base:
        visit.allow(base)
        visit.open(base + "index.html")
        assert visit.page.title() == "Clean"
        assert visit.requests == [base + "index.html"]
    visit.assert_clean()


def test_a_script_refused_by_the_content_security_policy_is_reported(
    visit: Visit, tmp_path: Path
) -> None:
    inline = CLEAN.replace("<p>Nothing wrong.</p>", "<script>document.title = 'ran'</script>")
    visit.open(_site(tmp_path, inline), site=tmp_path / "site")
    visit.check_at_end = False
    assert visit.page.title() == "Clean"
    assert any("Content Security Policy" in p for p in visit.problems())
