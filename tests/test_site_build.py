"""The handbook as a reader gets it: pages for every document, the index, role pages, French
and English, hostile text shown literally, links only when safe (the search index:
tests/test_site_search.py)."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sopmodel.cli import main
from sopmodel.exporters.site import Handbook, SiteOptions

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOOD = [p for p in EXAMPLES.glob("*.yaml") if "kind: records" not in p.read_text(encoding="utf-8")]


class _Page(HTMLParser):
    """The text, links, scripts and lang of an HTML page, as a browser would read them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[str] = []
        self.scripts: list[dict[str, str | None]] = []
        self.lang: str | None = None
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.lang = found.get("lang")
        if tag == "a" and "href" in found:
            self.links.append(found["href"] or "")
        if tag == "script":
            self.scripts.append(found)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def read(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def words(path: Path) -> str:
    return " ".join(" ".join(read(path).text).split())


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("handbook") / "site"
    examples = tmp_path_factory.mktemp("examples")
    for path in [*GOOD, *(EXAMPLES / "records").glob("*.yaml")]:
        shutil.copy(path, examples / path.name)
    shutil.copytree(EXAMPLES / "img", examples / "img")
    shutil.copytree(EXAMPLES / "forms", examples / "forms")
    Handbook([examples], folder, SiteOptions()).build()
    return folder


def test_every_procedure_and_plan_has_a_page_and_records_have_none(site: Path) -> None:
    pages = {p.name for p in (site / "procedures").glob("*.html") if p.name.count(".") == 1}
    plans = {p.name for p in (site / "plans").glob("*.html")}
    assert {"LAB-003.html", "ACH-003.html", "TEST-HOSTILE.html", "SALES-001.html"} <= pages
    assert len(plans) == 1
    assert len(pages) + len(plans) == len(GOOD)


def test_index_groups_by_category_status_and_role(site: Path) -> None:
    text = words(site / "index.html")
    for heading in ("By category", "By role", "By status", "Instructional", "Draft"):
        assert heading in text or heading.lower() in text.lower()
    links = read(site / "index.html").links
    assert "procedures/LAB-003.html" in links
    assert any(link.startswith("roles/") for link in links)


def test_procedure_page_shows_steps_with_anchors_and_the_linked_flowchart(site: Path) -> None:
    html = (site / "procedures" / "LAB-003.html").read_text(encoding="utf-8")
    assert 'id="step-3"' in html and 'id="contain"' in html
    assert "Contain the spill with the spill kit" in html
    assert '<a href="#step-3" xlink:href="#step-3"' in html
    assert "Safety first" in html
    assert "⚠ WARNING" in html


def test_french_page_is_french(site: Path) -> None:
    page = read(site / "procedures" / "ACH-003.html")
    assert page.lang == "fr"
    text = " ".join(page.text)
    assert "Étapes" in text or "étapes" in text
    assert "Version" in text and "Statut" in text


def test_role_page_lists_the_roles_steps_with_links(site: Path) -> None:
    page = read(site / "roles" / "researcher.html")
    assert "../procedures/LAB-003.html#step-1" in page.links
    assert "Alert the people in the room" in " ".join(page.text)


def test_plan_page_shows_kpi_status_from_the_measurements(site: Path) -> None:
    plan = next((site / "plans").glob("*.html"))
    page = read(plan)
    assert page.lang == "fr"
    text = " ".join(page.text)
    assert "Qui fait quoi" in text and "Indicateurs" in text
    statuses = re.findall(r'class="kpi kpi-([a-z_]+)">([^<]+)<', plan.read_text(encoding="utf-8"))
    assert ("off_track", "En retard") in statuses
    assert ("no_data", "Pas de mesure") in statuses


def test_hostile_text_appears_literally_and_adds_no_script(site: Path) -> None:
    page = read(site / "procedures" / "TEST-HOSTILE.html")
    text = " ".join(" ".join(page.text).split())
    assert "<script>alert(‘x’)</script> must stay text" in text  # typographic quotes
    assert "Type {{ 7*7 }} and {% raw %} into the <input> field & press “Enter”" in text
    assert page.handlers == []
    assert all(s.get("src") for s in page.scripts)
    for other in [site / "index.html", *(site / "roles").glob("*.html")]:
        assert read(other).handlers == []
        assert all(s.get("src") for s in read(other).scripts)
    role = read(site / "roles" / "tester.html")
    assert "Tester “<b>bold</b>” & {{ role }}" in " ".join(role.text)


def test_a_javascript_link_is_never_a_link(tmp_path: Path) -> None:
    source = tmp_path / "docs" / "evil.yaml"
    source.parent.mkdir()
    source.write_text(
        "sopmodel: 1\nkind: procedure\nid: EVIL-1\ntitle: Evil links\n"
        "roles: [{id: a, name: A}]\n"
        "links:\n  - {title: Click me, url: 'javascript:alert(1)'}\n"
        "  - {title: Data, url: 'data:text/html,<script>alert(1)</script>'}\n"
        "  - {title: Fine, url: 'https://example.org/ok'}\n"
        "steps:\n  - title: Go\n    role: a\n"
        "    details: 'See [here](javascript:alert(2)) and [there](JaVaScRiPt:alert(3))'\n",
        encoding="utf-8",
    )
    Handbook([source.parent], tmp_path / "site").build()
    page = read(tmp_path / "site" / "procedures" / "EVIL-1.html")
    assert not [link for link in page.links if ":" in link and not link.startswith("https:")]
    assert "https://example.org/ok" in page.links
    text = " ".join(page.text)
    assert "Click me" in text and "here" in text and "there" in text


def test_rebuild_rewrites_only_what_changed(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("lab-chemical-spill.yaml", "lab-piranha-clean.yaml"):
        shutil.copy(EXAMPLES / name, folder / name)
    book = Handbook([folder], tmp_path / "site")
    book.build()
    assert book.rebuild([folder / "lab-chemical-spill.yaml"]).written == []
    source = folder / "lab-chemical-spill.yaml"
    source.write_text(
        source.read_text(encoding="utf-8").replace(
            "keep everyone away from the spill", "keep everyone away from the zanzibar"
        ),
        encoding="utf-8",
    )
    result = book.rebuild([source])
    assert "procedures/LAB-003.html" in result.written
    assert "assets/search-index.js" in result.written
    assert "procedures/LAB-012.html" not in result.written
    assert "index.html" not in result.written
    assert book.url_of(source) == "procedures/LAB-003.html"
    source.write_text(
        source.read_text(encoding="utf-8").replace(
            "{id: researcher, name: Researcher}", "{id: researcher, name: Chemist}"
        ),
        encoding="utf-8",
    )
    result = book.rebuild([source])
    assert "roles/researcher.html" in result.written
    source.unlink()
    result = book.rebuild([source])
    assert "procedures/LAB-003.html" in result.removed
    assert not (tmp_path / "site" / "procedures" / "LAB-003.html").exists()


def test_rebuild_shows_the_changed_page_before_rendering_the_shared_pages(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    source = folder / "lab-chemical-spill.yaml"
    shutil.copy(EXAMPLES / source.name, source)
    book = Handbook([folder], tmp_path / "site")
    book.build()
    text = source.read_text(encoding="utf-8")
    source.write_text(
        text.replace("title: Respond to a small chemical spill", "title: Acid spill", 1), "utf-8"
    )
    early: list[list[str]] = []

    def shown(result: object) -> None:
        early.append(list(result.written))  # type: ignore[attr-defined]
        assert "Acid spill" in words(tmp_path / "site" / "procedures" / "LAB-003.html")
        assert "Acid spill" not in words(tmp_path / "site" / "index.html")

    result = book.rebuild([source], shown=shown)
    assert len(early) == 1 and "procedures/LAB-003.html" in early[0]
    assert not [url for url in early[0] if not url.startswith("procedures/LAB-003.")]
    assert {"procedures/LAB-003.html", "index.html"} <= set(result.written)
    assert "Acid spill" in words(tmp_path / "site" / "index.html")


def test_findings_option_shows_findings_and_load_errors(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(EXAMPLES / "invalid" / "YAML001-invalid-yaml.yaml", folder / "broken.yaml")
    shutil.copy(EXAMPLES / "invalid" / "SOP101-missing-quality.yaml", folder / "weak.yaml")
    book = Handbook([folder], tmp_path / "site", SiteOptions(findings=True))
    book.build()
    broken = words(tmp_path / "site" / book.url_of(folder / "broken.yaml"))
    assert "YAML001" in broken and "broken.yaml:8:1" in broken
    assert "SOP101" in words(tmp_path / "site" / book.url_of(folder / "weak.yaml"))


def test_command_reports_bad_files_and_writes_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(EXAMPLES / "invalid" / "YAML001-invalid-yaml.yaml", folder / "broken.yaml")
    shutil.copy(EXAMPLES / "lab-chemical-spill.yaml", folder / "spill.yaml")
    assert main(["site", str(folder), "-o", str(tmp_path / "site")]) == 1
    err = capsys.readouterr().err
    assert re.search(r"broken\.yaml:8:1 YAML001", err)
    assert "Traceback" not in err
    assert (tmp_path / "site" / "procedures" / "LAB-003.html").is_file()


def test_command_refuses_a_folder_it_did_not_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "mine.txt").write_text("x")
    assert (
        main(["site", str(EXAMPLES / "lab-chemical-spill.yaml"), "-o", str(tmp_path / "site")]) == 2
    )
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "did not write" in err


def test_the_sandbox_still_guards_the_pages_own_view_objects() -> None:
    from jinja2.exceptions import SecurityError, UndefinedError

    from sopmodel.exporters.site.environment import environment
    from sopmodel.exporters.site.interactive.checklist import Choice

    env = environment()
    choice = Choice("1", "Yes: go to step 3")
    assert env.from_string("{{ c.label }}").render(c=choice) == "Yes: go to step 3"
    for unsafe in ("{{ c.__class__.__mro__ }}", "{{ c.__init__.__globals__ }}"):
        with pytest.raises((SecurityError, UndefinedError)):
            env.from_string(unsafe).render(c=choice)


def test_kpi_figures_are_written_the_pages_way(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    text = (EXAMPLES / "achats-fournisseurs.fr.yaml").read_text(encoding="utf-8")
    (docs / "a.yaml").write_text(text.replace("target: 2", "target: 2.5", 1), encoding="utf-8")
    Handbook([docs], tmp_path / "site").build()
    page = words(tmp_path / "site" / "procedures" / "ACH-003.html")
    assert "% 18 2,5 À réduire" in page  # not 18.0 and 2.5
