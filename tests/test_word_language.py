"""Word documents in their own language: tagged for proofing, typeset the French way."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from sopmodel.exporters import export
from sopmodel.exporters.word import TEMPLATES
from sopmodel.i18n import labels
from sopmodel.source import load
from tests.conftest import EXAMPLES
from tests.office import _PROFILE, edited_copy, soffice, to_pdf

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
FRENCH = ["achats-fournisseurs.fr.yaml", "prise-de-commande.fr.yaml", "plan-sop-90-jours.fr.yaml"]
ENGLISH = ["sales-opportunity.yaml", "forklift-battery-change.yaml"]
_STYLES = ("word/styles.xml", "word/stylesWithEffects.xml")
_TEXT_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")


def _parts(docx: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(docx) as archive:
        return {
            name: etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if _TEXT_PARTS.match(name) or name in (*_STYLES, "word/settings.xml")
        }


def _untagged(docx: Path, tag: str) -> list[str]:
    """Return where a run, the document defaults or a style is not marked with tag."""
    wrong: list[str] = []
    lang = f"{{{W}}}val"
    for name, root in _parts(docx).items():
        if name == "word/settings.xml":
            theme = root.find("w:themeFontLang", NS)
            if theme is not None and theme.get(lang) != tag:
                wrong.append("themeFontLang")
            continue
        if name in _STYLES:
            defaults = root.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
            if defaults is None or defaults.get(lang) != tag:
                wrong.append(f"{name}: docDefaults")
            for style in root.iterfind("w:style", NS):
                found = style.find("w:rPr/w:lang", NS)
                if found is None or found.get(lang) != tag:
                    wrong.append(f"{name}: style {style.get(f'{{{W}}}styleId')}")
            continue
        for run in root.iter(f"{{{W}}}r"):
            found = run.find("w:rPr/w:lang", NS)
            if found is None or found.get(lang) != tag:
                wrong.append(f"{name}: run {''.join(run.itertext())[:40]!r}")
    return wrong


@pytest.mark.parametrize("name", FRENCH + ENGLISH)
def test_every_run_and_style_carries_the_language(tmp_path: Path, name: str) -> None:
    [docx] = export(load(EXAMPLES / name), "docx", tmp_path, flowchart=False)
    tag = "fr-FR" if name in FRENCH else "en-GB"
    assert _untagged(docx, tag) == []


def test_region_us_gives_en_us(tmp_path: Path) -> None:
    [docx] = export(
        load(EXAMPLES / "sales-opportunity.yaml"), "docx", tmp_path, flowchart=False, region="US"
    )
    assert _untagged(docx, "en-US") == []


def _bare_template(tmp_path: Path) -> Path:
    """Return the default template stripped of every language mark, with a style of its own."""

    def strip(name: str, data: bytes) -> bytes:
        if not name.endswith(".xml"):
            return data
        xml = re.sub(r"<w:lang\b[^>]*/>", "", data.decode("utf-8"))
        if name == "word/styles.xml":
            xml = xml.replace(
                "</w:styles>",
                '<w:style w:type="character" w:styleId="Acme">'
                '<w:name w:val="Acme"/></w:style></w:styles>',
            )
        return xml.encode("utf-8")

    target = edited_copy(TEMPLATES / "procedure.docx", tmp_path / "bare.docx", strip)
    assert b"w:lang" not in zipfile.ZipFile(target).read("word/styles.xml")
    return target


def test_a_custom_template_gets_the_language_too(tmp_path: Path) -> None:
    [docx] = export(
        load(EXAMPLES / "prise-de-commande.fr.yaml"),
        "docx",
        tmp_path / "out",
        template=_bare_template(tmp_path),
        flowchart=False,
    )
    assert _untagged(docx, "fr-FR") == []


_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+|\bwww\.\S+|\S+@\S+")
_SIGN = re.compile(r"(.)([:;!?])")
_TIME = re.compile(r"\d:\d")
NO_BREAK = "\u00a0\u202f"


def _as_text(files: list[Path], folder: Path) -> list[str]:
    """Return the text LibreOffice reads in each Word file (UTF-8, no-break spaces kept)."""
    subprocess.run(
        [soffice(), f"-env:UserInstallation=file://{_PROFILE}", "--headless", "--norestore",
         "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(folder), *map(str, files)],
        capture_output=True, timeout=300, check=False,
    )  # fmt: skip
    return [(folder / f"{f.stem}.txt").read_text(encoding="utf-8-sig") for f in files]


def _spacing_mistakes(text: str, spaces: str = NO_BREAK) -> list[str]:
    """Return the lines where : ; ! ? follows another space than `spaces`, or ':' is glued
    to its word."""
    wrong = []
    for line in text.splitlines():
        kept = _URL.sub("", line)
        for match in _SIGN.finditer(kept):
            before, sign = match.groups()
            if sign == ":" and _TIME.match(kept, match.start()):
                continue  # 10:30
            if (before.isspace() and before not in spaces) or (
                sign == ":" and before not in spaces
            ):
                wrong.append(line)
                break
    return wrong


@pytest.fixture(scope="module")
def french(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Export the French examples (with their flowcharts) to .docx."""
    folder = tmp_path_factory.mktemp("french")
    return [export(load(EXAMPLES / name), "docx", folder)[0] for name in FRENCH]


def test_french_text_has_a_no_break_space_before_every_colon(
    french: list[Path], tmp_path: Path
) -> None:
    texts = _as_text(french, tmp_path)
    assert "Contrôle\u00a0: Recherche faite" in texts[1]
    assert [line for text in texts for line in _spacing_mistakes(text)] == []


def test_french_pdf_never_parts_a_colon_from_its_word(french: list[Path], tmp_path: Path) -> None:
    """In the PDF (read in reading order by pdftotext) no colon is glued to its word and none
    begins a line; the PDF shows a no-break space as a space (Carlito has none: LibreOffice
    draws it with a fallback font mapped to U+0020), so the characters are read above."""
    wrong = []
    for pdf in to_pdf(french, tmp_path):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60
        ).stdout
        wrong += _spacing_mistakes(text, spaces=" " + NO_BREAK)
        wrong += [line for line in text.splitlines() if line.lstrip().startswith((":", ";"))]
    assert wrong == []


@pytest.mark.parametrize("language", ["en", "fr"])
def test_labels_use_typographic_apostrophes(language: str) -> None:
    straight = {key: text for key, text in labels(language).items() if "'" in text}
    assert straight == {}


def test_code_in_plain_values_stays_as_written(tmp_path: Path) -> None:
    """A template showing a step's details and notes as plain text gets French spaces in the
    prose, and code exactly as written."""
    source = (EXAMPLES / "prise-de-commande.fr.yaml").read_text(encoding="utf-8")
    source = source.replace(
        "commandes@ ; le commercial y transfère les commandes prises en visite.",
        "commandes@ ; tapez `WHERE id = ? AND note: x` puis validez.",
    )
    source = source.replace(
        "steps:\n",
        "notes:\n  - level: warning\n"
        "    text: 'Lancez `ping -c 1 hôte ; echo ok` : rien de plus.'\nsteps:\n",
        1,
    )
    assert "WHERE id" in source
    (tmp_path / "commande.yaml").write_text(source, encoding="utf-8")

    def show_values(name: str, data: bytes) -> bytes:
        if name != "word/document.xml":
            return data
        return data.replace(
            b"<w:t>{{ doc.title }}</w:t>",
            b"<w:t>{{ steps[0].details }} | {{ notes[0] }} | {{ labels.labelled }}</w:t>",
            1,
        )

    template = edited_copy(TEMPLATES / "procedure.docx", tmp_path / "plain.docx", show_values)
    [docx] = export(
        load(tmp_path / "commande.yaml"),
        "docx",
        tmp_path / "out",
        template=template,
        flowchart=False,
    )
    first = next(
        "".join(p.itertext())
        for p in _parts(docx)["word/document.xml"].iter(f"{{{W}}}p")
        if "WHERE" in "".join(p.itertext())
    )
    assert "commandes@\u00a0; tapez WHERE id = ? AND note: x puis validez." in first
    note = "AVERTISSEMENT\u00a0: Lancez ping -c 1 hôte ; echo ok\u00a0: rien de plus."
    assert f" | {note} | " in first
    assert first.endswith("{label}\u00a0: {text}")


_INNER_STRAIGHT = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")


def test_french_documents_use_one_apostrophe(french: list[Path], tmp_path: Path) -> None:
    """A straight apostrophe written in the source (l'ERP) is printed as the labels' one."""
    texts = _as_text(french, tmp_path)
    assert "l\u2019ERP" in texts[1]
    assert [
        line for text in texts for line in text.splitlines() if _INNER_STRAIGHT.search(line)
    ] == []


def test_kpi_values_carry_their_unit_the_local_way(tmp_path: Path) -> None:
    """12% in English, 78 % in French (no-break space), and no count word after a count."""
    source = (EXAMPLES / "plan-sop-90-jours.fr.yaml").read_text(encoding="utf-8")
    source = source.replace("unit: k€, direction: decrease", "unit: nombre, direction: decrease")
    (tmp_path / "plan.yaml").write_text(source, encoding="utf-8")
    plan = export(load(tmp_path / "plan.yaml"), "docx", tmp_path / "fr")[0]
    sales = export(load(EXAMPLES / "sales-opportunity.yaml"), "docx", tmp_path / "en")[0]
    french, english = _as_text([plan, sales], tmp_path)
    assert "78\u00a0%" in french and "78 %" not in french
    assert "Stock dormant (plus de 60 jours)\n48\n30\n" in french
    assert "nombre" not in french
    assert "12%" in english and "12 %" not in english and "12\u00a0%" not in english
