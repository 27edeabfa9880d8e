"""The handbook shows where each holder of a procedure's roles stands (from the record files
among its inputs) and what became of the steps its trials found confusing."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from sopmodel.exporters.site import Handbook
from tests.test_records import NEW, OLD, _repository, _with_fingerprints
from tests.test_site_build import EXAMPLES, read, words


def training(page: Path) -> str:
    """Return the words of a page's training section."""
    html = page.read_text(encoding="utf-8")
    found = re.search(r'<section id="training".*?</section>', html, re.S)
    assert found, f"{page.name} has no training section"
    section = page.with_name("training-only.html")
    section.write_text(found.group(0), encoding="utf-8")
    return words(section)


def rows(text: str) -> dict[str, str]:
    """Return the words that follow each person's name, up to the next one."""
    names = ["Rosa Diaz", "Iris Chen", "Noah Kim", "Zoe Park"]
    found = {}
    for name in names:
        if name in text:
            rest = text.split(name, 1)[1]
            ends = [rest.index(n) for n in names if n in rest]
            found[name] = rest[: min(ends)] if ends else rest
    return found


def test_stored_fingerprints_show_who_must_reread_most_urgent_first(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(NEW, docs / "hiring.yaml")
    _with_fingerprints(docs)
    book = Handbook([docs], tmp_path / "site")
    book.build()
    text = training(tmp_path / "site" / "procedures" / "HR-007.html")
    people = rows(text)
    assert "Must re-read" in people["Rosa Diaz"] and "changed since" in people["Rosa Diaz"]
    assert "Current" in people["Iris Chen"]
    assert "Never read" in people["Noah Kim"]
    assert "Zoe Park" not in people  # she holds no role of HR-007
    assert text.index("Rosa Diaz") < text.index("Noah Kim") < text.index("Iris Chen")


def test_a_changed_record_file_rewrites_the_procedure_pages(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(NEW, docs / "hiring.yaml")
    records = _with_fingerprints(docs)
    book = Handbook([docs], tmp_path / "site")
    book.build()
    text = records.read_text(encoding="utf-8")
    records.write_text(
        text + "  - {person: rosa, procedure: HR-007, version: 2.1.0, date: 2026-11-20}\n",
        encoding="utf-8",
    )
    result = book.rebuild([records])
    assert "procedures/HR-007.html" in result.written
    people = rows(training(tmp_path / "site" / "procedures" / "HR-007.html"))
    assert "Current" in people["Rosa Diaz"] and "20 November 2026" in people["Rosa Diaz"]
    records.unlink()
    result = book.rebuild([records])
    assert "procedures/HR-007.html" in result.written
    assert "Rosa Diaz" not in words(tmp_path / "site" / "procedures" / "HR-007.html")


def test_git_history_tells_who_must_reread_when_no_fingerprint_was_stored(
    tmp_path: Path,
) -> None:
    procedure = _repository(tmp_path, [OLD, NEW])
    shutil.copy(Path(__file__).parent / "data" / "records" / "team.yaml", procedure.parent)
    Handbook([procedure.parent], tmp_path / "site").build()
    people = rows(training(tmp_path / "site" / "procedures" / "HR-007.html"))
    assert "Must re-read" in people["Rosa Diaz"]


def test_trials_link_the_steps_they_found_confusing_in_the_page_language(
    tmp_path: Path,
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("lab-piranha-clean.yaml", "achats-fournisseurs.fr.yaml"):
        shutil.copy(EXAMPLES / name, docs / name)
    Handbook([docs], tmp_path / "site").build()
    lab = tmp_path / "site" / "procedures" / "LAB-012.html"
    text = training(lab)
    assert "Trials" in text and "changes needed" in text and "step 3 (mix) found confusing" in text
    assert "Did not know the order of the acids" in text
    assert "#step-3" in read(lab).links
    assert "Nobody in the records" not in text  # no record file among the inputs
    french = training(tmp_path / "site" / "procedures" / "ACH-003.html")
    assert "Formation et essais" in french and "Essais" in french and "réussi" in french
    html = (tmp_path / "site" / "procedures" / "ACH-003.html").read_text(encoding="utf-8")
    assert "réussi</strong>\u00a0: Le tableau des seuils" in html  # French colon


def test_why_a_change_cannot_be_told_is_said_in_the_page_language(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    text = (EXAMPLES / "achats-fournisseurs.fr.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "    outcome: passed\n", "    outcome: changes-needed\n    steps: [devis]\n"
    )
    (docs / "achats.yaml").write_text(text, encoding="utf-8")
    Handbook([docs], tmp_path / "site").build()  # not in a git repository: no history
    french = training(tmp_path / "site" / "procedures" / "ACH-003.html")
    assert "étape 2 (devis) jugée confuse" in french
    assert "ne peut pas être cherchée dans l’historique de achats.yaml" in french
    assert "cannot be looked for" not in french
