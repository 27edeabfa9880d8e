"""Take a screenshot of each page type of the examples' handbook, for docs/handbook.md.

Builds the handbook of examples/ into a temporary folder, opens it in Debian's Chromium
(headless, through Playwright) and writes docs/images/site-<type>.png: index, procedure, plan,
role, search results, checklist (desktop, and at phone width in English and French) and quiz,
each at the window's size (1280x900, 390x844 for a phone), not the whole page.
The checklist and the quiz are shown in use: a box ticked and a branch chosen, answers marked.
Run: python tools/site_screenshots.py [OUTDIR]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, sync_playwright

from sopmodel.exporters.site import Handbook, SiteOptions

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tools.chromium import CHROMIUM_ARGS, DESKTOP, PHONE  # noqa: E402


def _tick_and_choose(page: Page) -> None:
    """Tick the first step, and choose the first answer of the first decision if any."""
    page.locator("input[type=checkbox]").first.check()
    radios = page.locator("input[type=radio]")
    if radios.count():
        radios.first.check()


def _answer(page: Page) -> None:
    """Answer the first question right and the second wrong, check, show the first two."""
    for number in (1, 2):
        question = page.locator(f"#question-{number}")
        right = int(question.get_attribute("data-answer") or 0)
        choice = right if number == 1 else (right + 1) % question.locator("input").count()
        page.locator(f"#q{number}-{choice}").check()
    page.locator("#quiz-check").click()
    page.locator("#question-1").scroll_into_view_if_needed()


SHOTS: list[tuple[str, str, dict[str, int], Callable[[Page], None] | None]] = [
    ("index", "index.html", DESKTOP, None),
    ("procedure", "procedures/SALES-001.html", DESKTOP, None),
    ("plan", "plans/PLAN-2027-T1.html", DESKTOP, None),
    ("role", "roles/ae.html", DESKTOP, None),
    ("search", "search.html?q=spill", DESKTOP, None),
    ("checklist", "procedures/LAB-003.checklist.html", DESKTOP, _tick_and_choose),
    ("checklist-phone", "procedures/LAB-003.checklist.html", PHONE, _tick_and_choose),
    ("checklist-fr-phone", "procedures/ACH-003.checklist.html", PHONE, _tick_and_choose),
    ("quiz", "procedures/LAB-003.quiz.html", DESKTOP, _answer),
]
"""(name, page, window size, what to do before the picture)."""


def build(folder: Path) -> Path:
    """Build the examples' handbook into folder."""
    paths = sorted((ROOT / "examples").glob("*.yaml"))
    Handbook(paths, folder, SiteOptions()).build()
    return folder


def take(site: Path, out: Path, browser: Any) -> list[Path]:
    """Write one PNG per entry of SHOTS into out; return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, url, size, prepare in SHOTS:
        context = browser.new_context(viewport=size, device_scale_factor=1)
        page = context.new_page()
        page.goto(
            (site / url.split("?")[0]).as_uri() + ("?" + url.split("?")[1] if "?" in url else "")
        )
        if prepare is not None:
            prepare(page)
        target = out / f"site-{name}.png"
        page.screenshot(path=str(target))
        context.close()
        written.append(target)
    return written


def main(argv: list[str]) -> int:
    """Build the handbook and take the screenshots into argv[0] (default docs/images)."""
    out = Path(argv[0]) if argv else ROOT / "docs" / "images"
    chromium = shutil.which("chromium")
    if chromium is None:
        print("Chromium is missing: install it with `make system`", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as temporary, sync_playwright() as playwright:
        site = build(Path(temporary) / "site")
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            for path in take(site, out, browser):
                print(path)
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
