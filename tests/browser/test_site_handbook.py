"""The handbook in Chromium: clean pages, offline search, flowchart links, hostile text inert."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tools.chromium import PHONE

from sopmodel.exporters.site import Handbook
from tests.browser.conftest import Visit, assert_accessible, serve_folder
from tests.conftest import examples_handbook
from tests.test_site_search import TRICKY

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return examples_handbook(tmp_path_factory)


def in_viewport(page: Any, selector: str) -> bool:
    return bool(
        page.eval_on_selector(
            selector,
            "e => { const r = e.getBoundingClientRect();"
            " return r.top >= 0 && r.top < window.innerHeight; }",
        )
    )


def test_every_page_opens_clean(visit: Visit, site: Path) -> None:
    pages = [site / "index.html", site / "search.html"]
    pages += sorted((site / "procedures").glob("*.html"))
    pages += sorted((site / "plans").glob("*.html")) + sorted((site / "roles").glob("*.html"))[:3]
    for path in pages:
        visit.open(path, site=site)
        assert visit.page.locator("main h1").count() >= 1, path.name
    visit.assert_clean()
    assert all(request.startswith("file://") for request in visit.requests)


def test_search_finds_a_step_by_a_word_of_its_details(visit: Visit, site: Path) -> None:
    page = visit.open(site / "search.html", site=site)
    page.fill("#search-q", "NEUTRALIS")  # a word of the step's details, another case, a prefix
    result_title = "Contain the spill with the spill kit"
    result = page.locator("#search-results a", has_text=result_title)
    result.wait_for()
    item = page.locator("#search-results li", has=page.locator("a", has_text=result_title))
    excerpt = item.locator(".result-excerpt")
    assert "neutralise acids and bases with the kit’s powder" in excerpt.inner_text()
    assert excerpt.locator("mark").all_inner_texts() == ["neutralis"]  # as written, its case
    result.click()
    page.wait_for_load_state()
    assert page.url.endswith("procedures/LAB-003.html#step-3")
    assert in_viewport(page, "#step-3")
    visit.assert_clean()


def test_search_folds_french_accents(visit: Visit, site: Path) -> None:
    page = visit.open(site / "search.html", site=site)
    page.fill("#search-q", "reception")  # "réception" in a French procedure
    page.locator("#search-results li").first.wait_for()
    assert page.locator("#search-results a[lang=fr]").count() >= 1


def test_search_marks_a_french_word_typed_without_accents(visit: Visit, site: Path) -> None:
    page = visit.open(site / "search.html", site=site)
    page.fill("#search-q", "numero siret")  # "numéro SIRET" in the details of step 2.a
    result = page.locator("#search-results li", has_text="2.a. Vérifier que le fournisseur")
    result.wait_for()
    excerpt = result.locator(".result-excerpt")
    assert excerpt.get_attribute("lang") == "fr"
    assert excerpt.inner_text() == "Le fournisseur a un numéro SIRET valide."
    assert excerpt.locator("mark").all_inner_texts() == ["numéro", "SIRET"]
    visit.assert_clean()


def test_search_says_how_many_results_it_shows(
    visit: Visit, tmp_path_factory: pytest.TempPathFactory
) -> None:
    source = tmp_path_factory.mktemp("many")
    steps = "".join(f"  - {{id: s{n}, title: Count the pallets of row {n}}}\n" for n in range(120))
    (source / "count.yaml").write_text(
        "sopmodel: 1\nkind: procedure\nid: INV-001\ntitle: Stock count\nversion: 1.0.0\n"
        f"status: draft\nlanguage: en\nsteps:\n{steps}",
        encoding="utf-8",
    )
    site = tmp_path_factory.mktemp("many-site") / "site"
    Handbook([source], site).build()
    page = visit.open(site / "search.html", site=site)
    status = page.locator("#search-status")
    for query, said, shown in [
        ("pallets", "The first 100 results: add a word to narrow the search.", 100),
        ("row 7", "11 results", 11),  # 7, 70 to 79
        ("row 119", "1 result", 1),
        ("crates", "No step or document matches.", 0),
    ]:
        page.fill("#search-q", query)
        page.wait_for_function(
            "text => document.getElementById('search-status').textContent === text", arg=said
        )
        assert status.inner_text() == said
        assert page.locator("#search-results li").count() == shown
    visit.assert_clean()


def test_search_by_a_title_word_shows_the_start_of_the_step(visit: Visit, site: Path) -> None:
    page = visit.open(site / "search.html", site=site)
    page.fill("#search-q", "emettre")  # only in the title "Émettre le bon de commande"
    result = page.locator("#search-results li", has_text="4. Émettre le bon de commande")
    result.wait_for()
    assert result.locator("a mark").all_inner_texts() == ["Émettre"]
    excerpt = result.locator(".result-excerpt")
    assert excerpt.inner_text().startswith("Créez le BC dans le module Achats")
    assert excerpt.locator("mark").count() == 0


def test_search_excerpts_fold_as_the_unit_tests_say_in_chromium(visit: Visit, site: Path) -> None:
    """The browser's own Unicode data gives the marks tests/test_site_search.py checks."""
    page = visit.open(site / "search.html", site=site)
    found = page.evaluate(
        """cases => cases.map(([text, query]) => {
             const t = window.SopmodelSearchText;
             return t.excerpt(text, t.fold(query), 24).marks.map(m => text.slice(m[0], m[1]));
           })""",
        [[text, query] for text, query, _ in TRICKY],
    )
    assert found == [marked for _, _, marked in TRICKY]


def test_flowchart_step_links_scroll_to_the_step(visit: Visit, site: Path) -> None:
    page = visit.open(site / "procedures" / "LAB-003.html", site=site)
    node = page.locator('figure.flowchart a.chart-step[href="#step-5"]')
    node.scroll_into_view_if_needed()
    node.click()
    page.wait_for_function("location.hash === '#step-5'")
    assert in_viewport(page, "#step-5")
    visit.assert_clean()


def test_hostile_text_is_shown_and_never_runs(visit: Visit, site: Path) -> None:
    page = visit.page
    page.add_init_script("window.__pwned = false; window.alert = () => { window.__pwned = true; };")
    for path in [
        site / "procedures" / "TEST-HOSTILE.html",
        site / "index.html",
        site / "roles" / "tester.html",
    ]:
        visit.open(path, site=site)
        assert page.evaluate("window.__pwned") is False
    visit.open(site / "procedures" / "TEST-HOSTILE.html", site=site)
    assert "<script>alert(‘x’)</script> must stay text" in page.inner_text("main")
    page.goto((site / "search.html").as_uri() + "?q=%3Cscript%3E")
    excerpt = page.locator("#search-results .result-excerpt", has_text="must stay text")
    assert "<script>alert(‘x’)</script> must stay text" in excerpt.inner_text()
    assert excerpt.locator("mark").all_inner_texts() == ["script", "script"]
    page.fill("#search-q", "<img src=x onerror=alert(1)> quoted")
    page.wait_for_timeout(200)
    page.fill("#search-q", "braces angle ampersands")
    page.locator("#search-results li").first.wait_for()
    assert page.locator("#search-results *").evaluate_all(
        "nodes => [...new Set(nodes.map(n => n.localName))].sort()"
    ) == ["a", "li", "mark", "p", "span"]
    assert page.evaluate("window.__pwned") is False
    assert visit.dialogs == []
    visit.assert_clean()


def test_french_page_has_lang_fr_and_french_labels(visit: Visit, site: Path) -> None:
    page = visit.open(site / "procedures" / "ACH-003.html", site=site)
    assert page.get_attribute("html", "lang") == "fr"
    assert page.locator("article").get_attribute("lang") == "fr"
    assert page.get_by_role("heading", name="Les étapes").count() == 1


def test_phone_width_has_no_horizontal_scroll(visit: Visit, site: Path) -> None:
    visit.page.set_viewport_size(PHONE)
    page = visit.open(site / "index.html", site=site)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page = visit.open(site / "procedures" / "LAB-003.html", site=site)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize(
    "name",
    [
        "index.html",
        "search.html",
        "procedures/LAB-003.html",
        "procedures/ACH-003.html",
        "procedures/TEST-HOSTILE.html",
        "roles/researcher.html",
    ],
)
def test_pages_have_no_serious_accessibility_violation(visit: Visit, site: Path, name: str) -> None:
    with serve_folder(site) as base:  # over http: axe reads the style sheets
        visit.allow(base)
        page = visit.open(base + name)
        assert_accessible(page)
        page.set_viewport_size(PHONE)
        assert_accessible(page)


def test_plan_page_has_no_serious_accessibility_violation(visit: Visit, site: Path) -> None:
    plan = next((site / "plans").glob("*.html"))
    with serve_folder(site) as base:
        visit.allow(base)
        assert_accessible(visit.open(f"{base}plans/{plan.name}"))
