"""Refreshers: `sopmodel export NEW --since OLD --to pptx|docx` on a held-out change.

The pair under tests/data/refresher/ rewords a step, reassigns one, reroutes a decision,
adds a danger note on a sub-step, removes a step, adds one and fixes a typo; the deck must
show every step the comparison reports as changed and nothing else, and both outputs must
open in LibreOffice, fit their slides and their one page.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from sopmodel.changes import compare
from sopmodel.cli import main
from sopmodel.exporters.refresher import NothingChanged, export_refresher
from sopmodel.source import load
from tests.conftest import git
from tests.office import to_pdf
from tests.test_slides import _overflows

DATA = Path(__file__).parent / "data" / "refresher"
OLD = DATA / "receive-chemicals-2.0.0.yaml"
NEW = DATA / "receive-chemicals-2.1.0.yaml"
NAME = "LAB-031-2.0.0-to-2.1.0"
UNCHANGED = ("Label each container", "Store the containers in their cabinet")
"""Steps of both versions the change does not touch (one only renumbered, one a typo fixed)."""


def _slides(path: Path) -> list[tuple[str, str]]:
    """Return (title, every other text) of each slide, read back with python-pptx."""
    found = []
    for slide in Presentation(str(path)).slides:
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        texts = [
            shape.text_frame.text
            for shape in slide.shapes
            if shape.has_text_frame and shape != slide.shapes.title
        ]
        found.append((title, "\n".join(texts)))
    return found


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The deck and the notice in English and French, with the real command line, and
    their PDFs from one LibreOffice run."""
    folder = tmp_path_factory.mktemp("refresher")
    made: dict[str, Path] = {}
    for language in ("en", "fr"):
        out = folder / language
        args = ["export", str(NEW), "--since", str(OLD), "--to", "pptx,docx", "-o", str(out)]
        assert main([*args, "--lang", language, "-q"]) == 0
        for format in ("pptx", "docx"):
            made[f"{language}.{format}"] = out / f"{NAME}.{format}"
    copies = folder / "copies"  # the four files share one name: LibreOffice needs four
    copies.mkdir()
    keys = sorted(made)
    named = [copies / f"{key.replace('.', '-')}{made[key].suffix}" for key in keys]
    for key, copy in zip(keys, named, strict=True):
        copy.write_bytes(made[key].read_bytes())
    for key, pdf in zip(keys, to_pdf(named, folder / "pdf"), strict=True):
        made[f"{key}.pdf"] = pdf
    return made


def test_the_deck_shows_every_changed_step_and_nothing_else(outputs: dict[str, Path]) -> None:
    changes = compare(load(OLD), load(NEW))
    new, old = load(NEW), load(OLD)
    tops = {c.new_loc[1] for c in changes.steps if c.substantive and c.new_loc}
    removed = {c.old_loc[1] for c in changes.steps if c.substantive and not c.new_loc and c.old_loc}
    expected = {f"{index + 1} · {new.steps[index].title}" for index in tops}
    slides = _slides(outputs["en.pptx"])
    steps = {t.split(" ", 1)[1] for t, _ in slides if t.startswith(("Step ", "New step "))}
    steps = {s.removeprefix("step ") for s in steps}
    assert steps == expected
    teaching = [(t, body) for t, body in slides if not t.startswith("Question")]
    text = "\n".join(f"{t}\n{body}" for t, body in teaching)
    for index in removed:
        assert old.steps[index].title in text
    for title in UNCHANGED:
        assert title not in text, f"{title!r} did not change but is on a slide"
    assert "reciept" not in text and "receipt" not in text, "a typo fix is not a change"


def test_a_danger_note_added_on_a_sub_step_is_on_its_step_slide(outputs: dict[str, Path]) -> None:
    slides = dict(_slides(outputs["en.pptx"]))
    body = " ".join(slides["Step 2 · Inspect the packages for damage"].split())
    assert "Sub-step a · Look for leaks and stains on the cardboard" in body
    assert "DANGER" in body and "Never open a leaking package" in body


def test_each_change_says_what_was_and_what_is_now(outputs: dict[str, Path]) -> None:
    slides = {t: " ".join(b.split()) for t, b in _slides(outputs["en.pptx"])}
    reworded = slides[
        "Step 1 · Check the delivery note against the purchase order and the safety data sheets"
    ]
    assert "Before: Check the delivery note against the order" in reworded
    assert "Now: Check the delivery note against the purchase order" in reworded
    assert (
        "Who: Storekeeper → Lab manager" in slides["Step 5 · Enter the delivery in the inventory"]
    )
    rerouted = slides["Step 3 · Is any package damaged?"]
    assert "Step 8: Refuse the delivery" in rerouted and "Step 7: Move the damaged" in rerouted
    why = slides["Why it changed"]
    assert "A leaking package was opened in October" in why
    assert "Who must re-read: Storekeeper, Lab manager" in why


def test_changed_words_are_marked_in_the_deck(outputs: dict[str, Path]) -> None:
    """The words a change added are highlighted, those it removed struck through."""
    with zipfile.ZipFile(outputs["en.pptx"]) as deck:
        slides = [
            deck.read(n).decode() for n in deck.namelist() if n.startswith("ppt/slides/slide")
        ]
    xml = "\n".join(slides)
    assert 'strike="sngStrike"' in xml
    assert "<a:highlight>" in xml


def test_the_quiz_asks_about_the_changed_steps_only(outputs: dict[str, Path]) -> None:
    slides = _slides(outputs["en.pptx"])
    questions = [
        body for title, body in slides if title.startswith("Question") and "·" not in title
    ]
    assert 1 <= len(questions) <= 4
    asked = " ".join(" ".join(questions).split())
    assert "Never open a leaking package" in asked  # the danger note added
    assert "step 5" in asked  # the step reassigned
    for question in questions:
        first = question.split("\n")[0]
        assert not any(f"step {n}," in first for n in (4, 6, 8)), first


def test_the_deck_converts_and_fits_its_slides(outputs: dict[str, Path]) -> None:
    for language in ("en", "fr"):
        deck = outputs[f"{language}.pptx"]
        assert _overflows(deck) == []
        pdf = outputs[f"{language}.pptx.pdf"]
        assert len(PdfReader(pdf).pages) == len(Presentation(str(deck)).slides)


def test_the_french_deck_speaks_french(outputs: dict[str, Path]) -> None:
    titles = [t for t, _ in _slides(outputs["fr.pptx"])]
    assert "Pourquoi ce changement" in titles
    assert any(t.startswith("Étape 3 ·") for t in titles)
    assert any(t.startswith("Nouvelle étape 7 ·") for t in titles)
    with zipfile.ZipFile(outputs["fr.pptx"]) as deck:
        assert 'lang="fr-FR"' in deck.read("ppt/slides/slide2.xml").decode()


def _pdf_text(pdf: Path) -> str:
    done = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=120
    )
    return " ".join(done.stdout.split())


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ("Change notice", "What changed", "Who must re-read", "Acknowledgement")),
        (
            "fr",
            ("Avis de modification", "Ce qui change", "Qui doit relire", "Prise de connaissance"),
        ),
    ],
)
def test_the_notice_is_one_page_to_circulate(
    outputs: dict[str, Path], language: str, words: tuple[str, ...]
) -> None:
    pdf = outputs[f"{language}.docx.pdf"]
    assert len(PdfReader(pdf).pages) == 1
    text = _pdf_text(pdf)
    for word in words:
        assert word in text
    for part in ("LAB-031", "2.0.0 → 2.1.0", "Amal Haddad", "A leaking package was opened"):
        assert part in text
    for step in ("Photograph the delivery note", "Lab manager", "Never open a leaking package"):
        assert step in text
    assert "sopmodel" not in text.lower()
    assert "reciept" not in text and "receipt" not in text
    for title in UNCHANGED:
        assert title not in text
    with zipfile.ZipFile(outputs[f"{language}.docx"]) as notice:
        body = notice.read("word/document.xml").decode()
        assert f'w:val="{"fr-FR" if language == "fr" else "en-GB"}"' in body
        for name in notice.namelist():
            if name.endswith((".xml", ".rels")):
                assert b"sopmodel" not in notice.read(name).lower(), name


def test_without_a_change_there_is_a_message_not_an_empty_deck(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["export", str(NEW), "--since", str(NEW), "--to", "pptx", "-o", str(tmp_path)]
    assert main(args) == 1
    assert "nothing changed" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(NothingChanged):
        export_refresher(load(NEW), load(NEW), "docx", tmp_path)


def test_a_typo_fix_alone_is_no_change(tmp_path: Path) -> None:
    fixed = tmp_path / "fixed.yaml"
    fixed.write_text(OLD.read_text("utf-8").replace("reciept", "receipt"), "utf-8")
    with pytest.raises(NothingChanged, match="nothing changed"):
        export_refresher(load(OLD), load(fixed), "pptx", tmp_path)


@pytest.mark.parametrize(
    ("paths", "formats", "message"),
    [
        ([NEW], "svg", "--since makes a refresher, a pptx deck or a docx change notice, not svg"),
        ([NEW, OLD], "pptx", "--since takes one file"),
    ],
)
def test_what_a_refresher_cannot_be_is_refused_in_one_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    paths: list[Path],
    formats: str,
    message: str,
) -> None:
    args = ["export", *map(str, paths), "--to", formats, "--since", str(OLD), "-o", str(tmp_path)]
    assert main(args) == 2
    error = capsys.readouterr().err
    assert message in error and len(error.strip().splitlines()) == 1


def test_a_missing_old_file_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["export", str(NEW), "--since", "gone.yaml", "--to", "pptx", "-o", str(tmp_path)]
    assert main(args) == 2
    assert "--since gone.yaml: no such file" in capsys.readouterr().err


def test_two_versions_of_different_procedures_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = Path(__file__).parent.parent / "examples" / "lab-piranha-clean.yaml"
    args = ["export", str(NEW), "--since", str(other), "--to", "docx", "-o", str(tmp_path)]
    assert main(args) == 1
    error = capsys.readouterr().err
    assert "LAB-031" in error and "LAB-012" in error and len(error.strip().splitlines()) == 1


def test_a_record_file_has_no_refresher(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = Path(__file__).parent.parent / "examples" / "records" / "sales-team-records.yaml"
    for new, old in ((records, NEW), (NEW, records)):
        args = ["export", str(new), "--since", str(old), "--to", "docx", "-o", str(tmp_path)]
        assert main(args) == 1
        error = capsys.readouterr().err
        assert "records file has no refresher" in error and len(error.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_a_french_procedure_gets_a_french_refresher(tmp_path: Path) -> None:
    old, new = DATA / "reception-produits-2.0.0.fr.yaml", DATA / "reception-produits-2.1.0.fr.yaml"
    args = ["export", str(new), "--since", str(old), "--to", "pptx,docx", "-o", str(tmp_path)]
    assert main([*args, "-q"]) == 0
    deck, notice = (tmp_path / f"LAB-032-2.0.0-to-2.1.0.{f}" for f in ("pptx", "docx"))
    assert _overflows(deck) == []
    titles = [t for t, _ in _slides(deck)]
    assert titles[1] == "Pourquoi ce changement"
    assert "Étape 2 · Inspecter les colis" in titles
    copy = tmp_path / "avis.docx"
    copy.write_bytes(notice.read_bytes())
    pdf = to_pdf([copy], tmp_path / "pdf")[0]
    assert len(PdfReader(pdf).pages) == 1
    text = _pdf_text(pdf)
    assert "Avis de modification" in text and "Qui doit relire" in text
    assert "N’ouvrez jamais un colis qui fuit" in text
    assert "récpetion" not in text and "date de réception" not in text
    assert "Étiqueter chaque contenant" not in text


def test_since_a_git_revision(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The old version is the same file at a revision: two commits, then --since HEAD~1."""
    repository = tmp_path / "repo"
    repository.mkdir()
    procedure = repository / "receive-chemicals.yaml"
    git(repository, "init", "-q")
    procedure.write_bytes(OLD.read_bytes())
    git(repository, "add", ".")
    git(repository, "commit", "-q", "-m", "2.0.0")
    procedure.write_bytes(NEW.read_bytes())
    git(repository, "commit", "-q", "-am", "2.1.0")
    out = tmp_path / "out"
    args = ["export", str(procedure), "--since", "HEAD~1", "--to", "pptx", "-o", str(out)]
    assert main(args) == 0
    titles = [t for t, _ in _slides(out / f"{NAME}.pptx")]
    assert "Step 5 · Enter the delivery in the inventory" in titles
    assert main([*args[:3], "HEAD", *args[4:]]) == 1  # HEAD is the file as it is
    assert "nothing changed" in capsys.readouterr().err
    assert main([*args[:3], "no-such-tag", *args[4:]]) == 2
    error = capsys.readouterr().err
    assert "no-such-tag" in error and len(error.strip().splitlines()) == 1


def test_the_committed_notice_template_is_current(tmp_path: Path) -> None:
    import sys

    root = Path(__file__).parent.parent
    subprocess.run(
        [sys.executable, str(root / "tools" / "make_word_templates.py"), str(tmp_path)],
        check=True,
        timeout=120,
    )
    committed = root / "src" / "sopmodel" / "exporters" / "word" / "templates"
    with (
        zipfile.ZipFile(committed / "change_notice.docx") as old,
        zipfile.ZipFile(tmp_path / "change_notice.docx") as fresh,
    ):
        for part in ("word/document.xml", "word/styles.xml", "word/header1.xml"):
            assert old.read(part) == fresh.read(part), f"{part}: run tools/make_word_templates.py"


def test_hostile_text_in_a_change_shows_literally(tmp_path: Path) -> None:
    """Template tags, angle brackets and ampersands in the changed words stay text."""
    hostile = Path(__file__).parent.parent / "examples" / "hostile-text.yaml"
    text = hostile.read_text("utf-8")
    changed = tmp_path / "hostile.yaml"
    changed.write_text(
        text.replace("version: 1.0.0", "version: 1.1.0").replace(
            "'The field shows {{ 7*7 }}, not 49.'", "'The field shows {% if x %} & <b>, not 49.'"
        ),
        "utf-8",
    )
    for format in ("pptx", "docx"):
        written = export_refresher(load(hostile), load(changed), format, tmp_path / format)
        copy = tmp_path / f"hostile-{format}.{format}"
        copy.write_bytes(written.read_bytes())
        seen = _pdf_text(to_pdf([copy], tmp_path / "pdf")[0])
        assert "{% if x %} & <b>" in seen, format
        assert "{{ 7*7 }}" in seen, format


def test_a_step_done_at_another_point_says_where(tmp_path: Path) -> None:
    """A step moved before another shows its old and new place on its slide."""
    text = NEW.read_text("utf-8")
    start, end = text.index("  - id: register\n"), text.index("  - id: store\n")
    register = text[start:end]
    moved = text[:start] + text[end:]
    at = moved.index("  - id: label\n")
    moved = moved[:at] + register + moved[at:]
    moved = moved.replace("version: 2.1.0\nstatus", "version: 2.2.0\nstatus")
    newer = tmp_path / "moved.yaml"
    newer.write_text(moved, "utf-8")
    deck = export_refresher(load(NEW), load(newer), "pptx", tmp_path, quiz_questions=0)
    slides = {t: " ".join(b.split()) for t, b in _slides(deck)}
    assert "Place: Step 5 → Step 4" in slides["Step 4 · Enter the delivery in the inventory"]


def test_a_plan_has_no_refresher(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = Path(__file__).parent.parent / "examples" / "plan-sop-90-jours.fr.yaml"
    args = ["export", str(plan), "--since", str(plan), "--to", "pptx", "-o", str(tmp_path)]
    assert main(args) == 1
    error = capsys.readouterr().err
    assert "a refresher compares two procedures, not a plan" in error
    assert len(error.strip().splitlines()) == 1


def test_the_notice_meets_the_standards_of_every_client_document(
    outputs: dict[str, Path], tmp_path: Path
) -> None:
    """Every run and style carries the language; French text keeps a no-break space before
    its colons and one apostrophe (see tests/test_word_language.py)."""
    from tests.test_word_language import (
        _INNER_STRAIGHT,
        _as_text,
        _spacing_mistakes,
        _untagged,
    )

    assert _untagged(outputs["en.docx"], "en-GB") == []
    assert _untagged(outputs["fr.docx"], "fr-FR") == []
    french = DATA / "reception-produits-2.1.0.fr.yaml"
    args = ["export", str(french), "--since", str(DATA / "reception-produits-2.0.0.fr.yaml")]
    assert main([*args, "--to", "docx", "-o", str(tmp_path / "out"), "-q"]) == 0
    notice = tmp_path / "out" / "LAB-032-2.0.0-to-2.1.0.docx"
    assert _untagged(notice, "fr-FR") == []
    [text] = _as_text([notice], tmp_path)
    assert "Étape 8\u00a0: Refuser la livraison" in text
    assert _spacing_mistakes(text) == []
    assert [line for line in text.splitlines() if _INNER_STRAIGHT.search(line)] == []


def test_an_option_no_refresher_takes_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["export", str(NEW), "--since", str(OLD), "--to", "docx", "-o", str(tmp_path)]
    assert main([*args, "-O", "slides_per_step=2"]) == 2
    error = capsys.readouterr().err
    assert "no refresher takes the option 'slides_per_step'" in error
    assert not tmp_path.exists() or list(tmp_path.iterdir()) == []
    assert main([*args, "-O", "quiz_questions=2", "-q"]) == 0  # a deck's option: docx ignores it


def test_a_new_version_with_errors_is_refused_with_its_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The checks run on the new version as on any export: its findings, then one line
    that says it was not exported; --no-check writes it anyway."""
    broken = tmp_path / "broken.yaml"
    broken.write_text(NEW.read_text("utf-8").replace("goto: quarantine", "goto: nowhere"))
    out = tmp_path / "out"
    args = ["export", str(broken), "--since", str(OLD), "--to", "docx", "-o", str(out)]
    assert main(args) == 1
    captured = capsys.readouterr()
    assert "FLOW001 branch 'yes' goes to unknown step 'nowhere'" in captured.out
    assert captured.err == (
        "sopmodel: not exported: the checks found errors in the new version (above);"
        " fix them, or export without the check (--no-check)\n"
    )
    assert not out.exists()
    assert main([*args, "--no-check", "-q"]) == 0
    assert (out / f"{NAME}.docx").exists()


def test_the_quiz_names_a_sub_step_as_the_slides_do(outputs: dict[str, Path]) -> None:
    """The slide of step 2 shows its sub-step a; the quiz names it 2.a (as Word and the
    handbook refer to it), never 2.1, in both languages."""
    for language, slide, option in (
        ("en", "Sub-step a · Look for leaks", "Step 2.a: Look for leaks"),
        ("fr", "Sous-étape a · Look for leaks", "Étape 2.a : Look for leaks"),
    ):
        text = " ".join(f"{t} {b}" for t, b in _slides(outputs[f"{language}.pptx"]))
        text = " ".join(text.replace("\u00a0", " ").split())
        assert slide in text and option in text
        assert re.search(r"(?i)(step|étape) \d+\.\d", text) is None, text


def test_an_added_sub_step_shows_all_it_says(tmp_path: Path) -> None:
    """A sub-step new in this version is read whole: its check, details and warning are on
    its step's slide and in the notice, not its title alone, at any depth; a deeper one is
    named below its step (Sub-step b.i, as 2.b.i is referred to), not a bare 'i'."""
    text = NEW.read_text("utf-8").replace("version: 2.1.0\nstatus", "version: 2.2.0\nstatus")
    at = text.index("      - title: Check that every label is readable")
    added = (
        "      - title: Weigh the box\n"
        "        details: Use the scale by the door.\n"
        "        check: The weight matches the delivery note\n"
        "        warning: Lift with your legs, not your back.\n"
        "        substeps:\n          - title: Sniff for solvent\n"
        "            warning: Never sniff a container directly.\n"
    )
    newer = tmp_path / "added.yaml"
    newer.write_text(text[:at] + added + text[at:], "utf-8")
    deck = export_refresher(load(NEW), load(newer), "pptx", tmp_path, quiz_questions=0)
    slides = {t: " ".join(b.split()) for t, b in _slides(deck)}
    body = slides["Step 2 · Inspect the packages for damage"]
    assert "Sub-step b.i (new): Sniff for solvent" in body, body
    for said in (
        "Weigh the box",
        "Use the scale by the door.",
        "The weight matches the delivery note",
        "Lift with your legs, not your back.",
        "Sniff for solvent",
        "Never sniff a container directly.",
    ):
        assert said in body, (said, body)
    notice = export_refresher(load(NEW), load(newer), "docx", tmp_path / "docx")
    with zipfile.ZipFile(notice) as document:
        xml = document.read("word/document.xml").decode("utf-8")
    words = " ".join(re.sub(r"<[^>]+>", "", xml.replace("</w:p>", " ")).split())
    assert "Lift with your legs" in words and "Never sniff a container directly." in words
