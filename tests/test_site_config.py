"""`sopmodel site` and `sopmodel serve` read the project's configuration as `validate` does:
the rules it ignores, their severities, and the folders it skips."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sopmodel.cli import main
from tests.test_site_build import EXAMPLES, words

WEAK = EXAMPLES / "invalid" / "SOP101-missing-quality.yaml"
GOOD = EXAMPLES / "lab-chemical-spill.yaml"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with a weak procedure, a good one, and a draft, as the current folder."""
    docs = tmp_path / "docs"
    (docs / "drafts").mkdir(parents=True)
    shutil.copy(WEAK, docs / "weak.yaml")
    shutil.copy(GOOD, docs / "spill.yaml")
    draft = GOOD.read_text("utf-8").replace("id: LAB-003", "id: LAB-DRAFT")
    (docs / "drafts" / "draft.yaml").write_text(draft, "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_nearest_configuration_is_used(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "sopmodel.toml").write_text('ignore = ["SOP101"]\nexclude = ["drafts"]\n')
    assert main(["site", "docs", "-o", "site", "--findings", "--fail-on", "warning"]) == 0
    err = capsys.readouterr().err
    assert "SOP101" not in err
    pages = {p.name for p in (project / "site" / "procedures").glob("*.html")}
    assert "LAB-003.html" in pages and not [p for p in pages if "DRAFT" in p]
    assert "SOP101" not in " ".join(
        words(p) for p in (project / "site" / "procedures").glob("*.html")
    )


def test_without_configuration_the_findings_are_shown_and_drafts_taken(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["site", "docs", "-o", "site", "--findings", "--fail-on", "warning"]) == 1
    assert "SOP101" in capsys.readouterr().err
    pages = {p.name for p in (project / "site" / "procedures").glob("*.html")}
    assert "LAB-DRAFT.html" in pages
    assert "SOP101" in " ".join(words(p) for p in (project / "site" / "procedures").glob("*.html"))


def test_exclude_on_the_command_line_adds_to_the_configuration(project: Path) -> None:
    (project / "sopmodel.toml").write_text('exclude = ["weak.yaml"]\n')
    main(["site", "docs", "-o", "site", "--exclude", "drafts"])
    pages = {p.name for p in (project / "site" / "procedures").glob("*.html")}
    assert pages == {"LAB-003.html", "LAB-003.checklist.html", "LAB-003.quiz.html"}


def test_severity_from_the_configuration_decides_the_exit_status(project: Path) -> None:
    shutil.rmtree(project / "docs" / "drafts")
    assert main(["site", "docs", "-o", "site", "--fail-on", "warning"]) == 1
    (project / "sopmodel.toml").write_text('[severity]\nSOP101 = "info"\n')
    assert main(["site", "docs", "-o", "site", "--fail-on", "warning"]) == 0


def test_a_bad_configuration_is_a_usage_error_naming_the_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for text in ("ignore = [\n", 'ignore = ["SOP999"]\n'):  # not TOML; no such rule
        (project / "sopmodel.toml").write_text(text)
        for command in (["site", "docs", "-o", "site"], ["serve", "docs", "--port", "0"]):
            assert main(command) == 2
            err = capsys.readouterr().err
            assert "sopmodel.toml" in err and "Traceback" not in err
            assert "internal error" not in err
    assert not (project / "site").exists()


def test_serve_applies_the_configuration(project: Path) -> None:
    from sopmodel.preview import PreviewServer, handbook
    from sopmodel.rules import load_config

    (project / "sopmodel.toml").write_text('ignore = ["SOP101"]\nexclude = ["drafts"]\n')
    config = load_config(project / "sopmodel.toml")
    server = PreviewServer(["docs"], port=0, builder=handbook(None, config))
    try:
        server.start()
        weak = project / "docs" / "weak.yaml"
        folder = server.folder
        assert folder is not None
        page = folder / server.url_of(str(weak)).removeprefix(server.url)
        assert "SOP101" not in words(page)
        assert server.url_of(str(project / "docs" / "drafts" / "draft.yaml")) == ""
    finally:
        server.stop()


def test_the_rules_across_documents_run_as_validate_runs_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    twins = EXAMPLES / "invalid" / "REF006-duplicate-document-id"
    linked = EXAMPLES / "invalid" / "REF007-unknown-linked-procedure" / "calls.yaml"
    docs = tmp_path / "docs"
    shutil.copytree(twins, docs)
    shutil.copy(linked, docs / "calls.yaml")
    site = tmp_path / "site"
    assert main(["site", str(docs), "-o", str(site), "--findings", "--fail-on", "warning"]) == 1
    err = capsys.readouterr().err
    assert "callback.yaml:4:5 REF006" in err and "REF007" in err
    pages = {p.name: words(p) for p in (site / "procedures").glob("*.html")}
    assert any("REF006" in text for name, text in pages.items() if "~2" in name)
    assert any("REF007" in text and "SALES-002" in text for text in pages.values())


def test_a_fixed_twin_leaves_the_other_page_without_its_finding(tmp_path: Path) -> None:
    from sopmodel.exporters.site import Handbook, SiteOptions

    docs = tmp_path / "docs"
    shutil.copytree(EXAMPLES / "invalid" / "REF006-duplicate-document-id", docs)
    book = Handbook([docs], tmp_path / "site", SiteOptions(findings=True))
    book.build()
    first = tmp_path / "site" / book.url_of(docs / "call.yaml")
    second = docs / "callback.yaml"
    assert "REF006" in words(tmp_path / "site" / book.url_of(second))
    second.write_text(second.read_text("utf-8").replace("DEMO-001", "DEMO-002"), "utf-8")
    result = book.rebuild([second])
    assert "REF006" not in words(tmp_path / "site" / book.url_of(second))
    assert "REF006" not in words(first)
    assert not [p for p in result.problems if p.code == "REF006"]
