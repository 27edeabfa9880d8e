"""The checklist page in Chromium: ticks kept per procedure version, branches as choices, reset,
print, keyboard, and a plain list without scripts."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from tools.chromium import PHONE

from sopmodel.exporters.site.interactive.checklist import checklist_steps
from sopmodel.i18n import labels
from sopmodel.source.loading import load
from tests.browser.conftest import Visit, serve_folder, tab_to
from tests.browser.interactive_site import build
from tests.conftest import EXAMPLES

SPILL = EXAMPLES / "lab-chemical-spill.yaml"
"""Step 2 asks whether the spill is small: yes leads to steps 3-4, no to step 5."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    build(sorted(EXAMPLES.glob("*.yaml")), folder)
    return folder


def _checklist(site: Path, procedure: str = "LAB-003") -> Path:
    return site / "procedures" / f"{procedure}.checklist.html"


def _progress(page: Any) -> str:
    return str(page.locator("#cl-progress").inner_text())


def _shown(page: Any, anchor: str) -> bool:
    return bool(page.locator(f"#{anchor}").is_visible())


def test_ticks_count_and_survive_a_reload(visit: Visit, site: Path) -> None:
    page = visit.open(_checklist(site))
    assert _progress(page) == "0 of 5 ticked"  # steps 1, 3, 4, 5 and the question of step 2
    page.get_by_label("Alert the people in the room").check()
    assert _progress(page) == "1 of 5 ticked"
    page.reload()
    assert page.get_by_label("Alert the people in the room").is_checked()
    assert _progress(page) == "1 of 5 ticked"
    assert page.locator("#cl-started").inner_text().startswith("Started ")


def test_a_branch_choice_hides_the_other_branch_and_is_kept(visit: Visit, site: Path) -> None:
    page = visit.open(_checklist(site))
    assert all(_shown(page, f"step-{n}") for n in (3, 4, 5))
    page.get_by_label("no (go to step 5)").check()
    assert not _shown(page, "step-3") and not _shown(page, "step-4")
    assert _shown(page, "step-5")
    assert _progress(page) == "1 of 3 ticked"  # steps 1, 2 (answered) and 5
    page.reload()
    assert page.get_by_label("no (go to step 5)").is_checked()
    assert not _shown(page, "step-3") and _shown(page, "step-5")
    page.get_by_label("yes (go to step 3)").check()
    assert _shown(page, "step-3") and _shown(page, "step-4") and not _shown(page, "step-5")


def test_nested_branches_follow_the_outer_choice(visit: Visit, site: Path) -> None:
    """SALES-001 has two decisions; the steps of the inner one hide with the outer branch."""
    procedure = load(EXAMPLES / "sales-opportunity.yaml")
    steps = checklist_steps(procedure, labels("en"))  # type: ignore[arg-type]
    chained = [s for s in steps if len(s.needs.split()) > 1]
    assert chained
    page = visit.open(_checklist(site, "SALES-001"))
    for step in chained:
        outer = step.needs.split()[-1]
        decision, answer = outer.split(":")
        other = next(
            c.value for s in steps if s.decision == decision for c in s.choices if c.value != answer
        )
        page.locator(f"#choice-{decision}-{other}").check()
        assert not _shown(page, step.key)
        page.locator(f"#choice-{decision}-{answer}").check()


def test_a_new_version_starts_unticked(visit: Visit, tmp_path: Path) -> None:
    source, site = tmp_path / "spill.yaml", tmp_path / "site"
    source.write_text(SPILL.read_text(encoding="utf-8"), encoding="utf-8")
    page = visit.open(_checklist(build([source], site)))
    page.get_by_label("Alert the people in the room").check()
    source.write_text(SPILL.read_text().replace("version: 1.0.0", "version: 1.1.0"))
    build([source], site)  # the same page, of version 1.1.0
    page.reload()
    assert not page.get_by_label("Alert the people in the room").is_checked()
    assert _progress(page) == "0 of 5 ticked"
    source.write_text(SPILL.read_text(encoding="utf-8"), encoding="utf-8")
    build([source], site)  # back to 1.0.0: its ticks are still there
    page.reload()
    assert page.get_by_label("Alert the people in the room").is_checked()


def test_reset_asks_first(visit: Visit, site: Path) -> None:
    page = visit.open(_checklist(site))
    page.get_by_label("Alert the people in the room").check()
    page.get_by_label("no (go to step 5)").check()
    visit.accept_dialogs = False
    page.get_by_role("button", name="Reset").click()
    assert visit.dialogs == ["Clear every tick and answer of this checklist?"]
    assert _progress(page) == "2 of 3 ticked"
    visit.accept_dialogs = True
    page.get_by_role("button", name="Reset").click()
    assert _progress(page) == "0 of 5 ticked"
    assert _shown(page, "step-3") and not page.get_by_label("no (go to step 5)").is_checked()
    page.reload()
    assert _progress(page) == "0 of 5 ticked"


def test_ticks_persist_when_served_over_http(visit: Visit, site: Path) -> None:
    with serve_folder(site) as base:
        visit.allow(base)
        page = visit.open(base + "procedures/LAB-003.checklist.html")
        page.get_by_label("Alert the people in the room").check()
        page.reload()
        assert page.get_by_label("Alert the people in the room").is_checked()


def test_checks_and_sub_steps_are_tickable(visit: Visit, site: Path) -> None:
    page = visit.open(_checklist(site, "TEST-HOSTILE"))
    boxes = page.locator("input[type=checkbox]")
    # steps 1, 1.a, 1.b, 3, 4 and the check of step 1; step 2 is a question, answered
    assert boxes.count() == 6
    check = page.get_by_label("Check: The field shows {{ 7*7 }}, not 49.")
    check.check()
    assert _progress(page) == "1 of 7 ticked"


def test_keyboard_only(visit: Visit, site: Path) -> None:
    page = visit.open(_checklist(site))
    tab_to(page, "#tick-step-1")
    page.keyboard.press("Space")
    assert page.locator("#tick-step-1").is_checked()
    tab_to(page, "#choice-1-0")
    page.keyboard.press("ArrowDown")  # moves to and chooses "no"
    assert page.locator("#choice-1-1").is_checked()
    assert not _shown(page, "step-3")
    focus_ring = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focus_ring != "none"


def test_print_shows_the_result_with_date_and_signature_lines(visit: Visit, site: Path) -> None:
    page = visit.open(_checklist(site))
    page.get_by_label("no (go to step 5)").check()
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    assert not page.locator("#cl-toolbar").is_visible()
    assert page.locator("#cl-printed").inner_text().startswith("Printed ")
    result = page.locator(".cl-result").inner_text()
    for label in ("Operator’s name", "Date and time", "Signature"):
        assert label in result
    assert page.get_by_label("no (go to step 5)").is_checked()


def test_without_scripts_it_is_a_plain_list(browser: Any, site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(_checklist(site).as_uri())
        assert all(page.locator(f"#step-{n}").is_visible() for n in (1, 3, 4, 5))
        assert not page.locator("#cl-toolbar").is_visible()
        assert page.get_by_text("Only if “yes” at step 2").count() == 2
    finally:
        context.close()


def test_french_checklist(visit: Visit, site: Path) -> None:
    page = visit.open(_checklist(site, "ACH-003"))
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("#cl-progress").inner_text().startswith("0 sur ")
    assert page.get_by_role("button", name="Remettre à zéro").is_visible()


def test_phone_width_has_big_targets_and_no_sideways_scroll(visit: Visit, site: Path) -> None:
    page = visit.open(_checklist(site, "TEST-HOSTILE"))
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for selector in (".cl-tick label", ".cl-choice label", "#cl-reset"):
        box = page.locator(selector).first.bounding_box()
        assert box is not None and box["height"] >= 44, selector


def test_hostile_text_stays_text(visit: Visit, site: Path) -> None:
    page = visit.open(_checklist(site, "TEST-HOSTILE"))  # quotes typeset as in every output
    titles = page.locator(".cl-title").all_inner_texts()
    assert "Type {{ 7*7 }} and {% raw %} into the <input> field & press “Enter”" in titles
    assert "Paste <![CDATA[ ]]> and --> into the field" in titles
    assert page.get_by_label("yes <ok> & “fine” (go to step 4)").count() == 1
    assert page.get_by_label("no {{ broken }} (go to step 3)").count() == 1
    assert page.locator("main input:not([type=checkbox]):not([type=radio])").count() == 0
    assert page.locator("main b, main script").count() == 0
    assert visit.dialogs == []


def _procedures() -> list[Path]:
    found = []
    for path in sorted(
        [*EXAMPLES.glob("*.yaml"), *(EXAMPLES.parent / "tests" / "realworld").glob("*.yaml")]
    ):
        if "kind: procedure" in path.read_text(encoding="utf-8"):
            found.append(path)
    return found


class _TextReader(HTMLParser):
    """Collects the text of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("path", _procedures(), ids=lambda p: p.name)
def test_nothing_the_source_says_is_lost(path: Path) -> None:
    """Every step title, check and note (of steps and sub-steps) is in the checklist's text."""
    from sopmodel.exporters.site.interactive import interactive_pages
    from sopmodel.model import Procedure
    from sopmodel.views import lines, step_texts

    procedure = load(path)
    assert isinstance(procedure, Procedure)
    checklist = interactive_pages(procedure)[0]

    reader = _TextReader()
    reader.feed(str(checklist.main))
    shown = _words("".join(reader.parts))  # the text a reader sees
    missing = []
    for text in step_texts(procedure, labels(str(procedure.language))):
        expected = [text.title, text.check]
        rich = [line for c in text.callouts for line in lines(c.blocks)] + lines(text.details)
        for line in rich:  # without list marks; table cells one by one
            expected += re.sub(r"^\s*(•|\d+\.)\s+", "", line).split(" | ")
        missing += [e for e in expected if e.strip() and _words(e) not in shown]
    assert missing == []
