"""Client documents (docx, xlsx, pptx) name no tool and show no date the source does not have;
`-O printed=true` adds a neutral "Printed on" line; file properties tell the document; the
bytes do not depend on the clock."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
import time_machine
from openpyxl import load_workbook

from sopmodel.cli import main
from sopmodel.i18n import format_date
from sopmodel.source import load
from tests.conftest import EXAMPLES, valid_examples
from tests.office import pdf_text, to_pdf

FORMATS = ("docx", "xlsx", "pptx")
EPOCH = 1931299200  # 15 March 2031, 00:00 UTC: not today, in no example
PRINTED = {"en": "Printed on 15 March 2031", "fr": "Imprimé le 15 mars 2031"}
INVENTED = ("1 January 2000", "1 janvier 2000", "2000-01-01")
PROPERTIES = ("title", "subject", "description", "keywords", "creator", "lastModifiedBy")


def _export(folder: Path, *options: str) -> Path:
    """Export every example to docx, xlsx and pptx with the real command line."""
    args = ["export", *map(str, valid_examples()), "--to", ",".join(FORMATS), "-o", str(folder)]
    args += [part for option in options for part in ("-O", option)]
    assert main([*args, "-j", "1", "-q"]) == 0
    return folder


def _seen(path: Path, pdfs: dict[str, Path]) -> str:
    """Return what a person sees of an output: its PDF's text, or a workbook's cells,
    headers and footers."""
    if path.suffix != ".xlsx":
        return pdf_text(pdfs[path.name])
    book = load_workbook(path)
    texts = []
    for sheet in book.worksheets:
        texts.append(sheet.title)
        for row in sheet.iter_rows(values_only=True):
            texts += [str(value) for value in row if value is not None]
        for part in (sheet.oddHeader, sheet.oddFooter, sheet.evenHeader, sheet.evenFooter):
            texts += [str(side.text) for side in (part.left, part.center, part.right) if side.text]
    return "\n".join(texts)


def _core(path: Path) -> dict[str, str]:
    """Return the core and app properties of an Office file, by their XML element name."""
    found: dict[str, str] = {}
    with zipfile.ZipFile(path) as archive:
        for part in ("docProps/core.xml", "docProps/app.xml"):
            for element in ElementTree.fromstring(archive.read(part)).iter():
                if element.text and not len(element):
                    found[element.tag.rsplit("}", 1)[-1]] = element.text
    return found


def _outputs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix.lstrip(".") in FORMATS)


@pytest.fixture(scope="module")
def plain_exports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    """Every example exported with default options and no SOURCE_DATE_EPOCH, and its PDFs."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        folder = _export(tmp_path_factory.mktemp("plain"))
    office = [p for p in _outputs(folder) if p.suffix != ".xlsx"]
    pdfs = to_pdf(office, tmp_path_factory.mktemp("pdf"))
    return folder, {p.name: pdf for p, pdf in zip(office, pdfs, strict=True)}


def test_no_client_document_names_the_tool_or_invents_a_date(
    plain_exports: tuple[Path, dict[str, Path]],
) -> None:
    folder, pdfs = plain_exports
    today = dt.datetime.now(dt.UTC).date()
    export_dates = [format_date(today, language) for language in ("en", "fr")]
    outputs = _outputs(folder)
    assert len(outputs) == len(valid_examples()) * len(FORMATS)
    for path in outputs:
        seen = _seen(path, pdfs)
        assert "sopmodel" not in seen.lower(), f"{path.name} names the tool"
        for date in (*INVENTED, *export_dates):
            assert date not in seen, f"{path.name} shows {date!r}, which is not in its source"
        assert "Printed on" not in seen and "Imprimé le" not in seen, path.name
        properties = _core(path)
        for name in PROPERTIES:
            value = properties.get(name, "").lower()
            assert "sopmodel" not in value, f"{path.name}: {name} is {value!r}"
            assert "python-docx" not in value and "python-pptx" not in value, path.name


def test_no_theme_or_style_of_a_deck_or_document_names_the_tool(
    plain_exports: tuple[Path, dict[str, Path]],
) -> None:
    """PowerPoint and Word show theme and style names; none may be the tool's."""
    import zipfile

    folder, _ = plain_exports
    for path in _outputs(folder):
        if path.suffix == ".xlsx":
            continue  # its custom property sopmodel.document is how a tracker is read back
        with zipfile.ZipFile(path) as package:
            for name in package.namelist():
                if name.endswith((".xml", ".rels")):
                    assert b"sopmodel" not in package.read(name).lower(), f"{path.name}: {name}"


def test_file_properties_tell_the_document(plain_exports: tuple[Path, dict[str, Path]]) -> None:
    folder, _ = plain_exports
    for example in valid_examples():
        document = load(example)
        owner = next((r for r in document.roles if r.id == document.owner), None)
        author = (owner and (owner.holder or owner.name)) or document.organization or ""
        tag = "fr-FR" if str(document.language) == "fr" else "en-GB"
        for format in FORMATS:
            properties = _core(folder / f"{document.id}.{format}")
            assert properties["title"] == f"{document.id} {document.title}"[:255]
            assert properties.get("creator", "") == author, f"{document.id}.{format}"
            assert properties.get("subject"), f"{document.id}.{format} has no subject"
            assert properties["language"] == tag, f"{document.id}.{format}"


def test_an_owner_with_a_holder_is_the_author(tmp_path: Path) -> None:
    from sopmodel.source import dump_yaml

    document = load(EXAMPLES / "sales-opportunity.yaml")
    roles = [document.roles[0].model_copy(update={"holder": "Claire Martin"})]
    owned = document.model_copy(update={"roles": roles + document.roles[1:]})
    owned = owned.model_copy(update={"owner": roles[0].id})
    source = tmp_path / "owned.yaml"
    source.write_text(dump_yaml(owned), "utf-8")
    args = ["export", str(source), "--to", ",".join(FORMATS), "-o", str(tmp_path), "-q", "-j", "1"]
    assert main(args) == 0
    for format in FORMATS:
        assert _core(tmp_path / f"{document.id}.{format}")["creator"] == "Claire Martin"


def test_the_printed_option_adds_a_neutral_dated_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    chosen = [EXAMPLES / "sales-opportunity.yaml", EXAMPLES / "plan-sop-90-jours.fr.yaml"]
    folder = tmp_path / "out"
    args = ["export", *map(str, chosen), "--to", ",".join(FORMATS), "-o", str(folder)]
    assert main([*args, "-O", "printed=true", "-q", "-j", "1"]) == 0
    office = [p for p in _outputs(folder) if p.suffix != ".xlsx"]
    pdfs = {p.name: pdf for p, pdf in zip(office, to_pdf(office, tmp_path / "pdf"), strict=True)}
    for example in chosen:
        document = load(example)
        line = PRINTED[str(document.language)]
        for format in FORMATS:
            seen = _seen(folder / f"{document.id}.{format}", pdfs)
            assert line in " ".join(seen.split()), f"{document.id}.{format} has no {line!r}"
            assert "sopmodel" not in seen.lower()


def test_two_exports_a_minute_apart_are_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    chosen = [EXAMPLES / "lab-piranha-clean.yaml", EXAMPLES / "plan-sop-90-jours.fr.yaml"]
    folders = []
    for when in ("2026-11-26 09:00:00", "2026-11-26 09:01:00"):
        folder = tmp_path / when[-8:].replace(":", "")
        args = ["export", *map(str, chosen), "--to", ",".join(FORMATS), "-o", str(folder)]
        with time_machine.travel(dt.datetime.fromisoformat(when + "+00:00"), tick=False):
            assert main([*args, "-q", "-j", "1"]) == 0
        folders.append(folder)
    outputs = _outputs(folders[0])
    assert len(outputs) == len(chosen) * len(FORMATS)
    for path in outputs:
        twin = folders[1] / path.name
        assert path.read_bytes() == twin.read_bytes(), f"{path.name} depends on the clock"


def test_the_printed_option_belongs_to_client_documents_only(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = str(EXAMPLES / "sales-opportunity.yaml")
    code = main(["export", source, "--to", "svg", "-O", "printed=true", "-o", str(tmp_path)])
    assert code == 2
    assert "printed" in capsys.readouterr().err


def test_a_flowchart_pdf_tells_the_document_and_names_no_tool(tmp_path: Path) -> None:
    from pypdf import PdfReader

    source = EXAMPLES / "prise-de-commande.fr.yaml"
    assert main(["export", str(source), "--to", "pdf", "-o", str(tmp_path), "-q"]) == 0
    [pdf] = tmp_path.glob("*.pdf")
    document = load(source)
    info = PdfReader(pdf).metadata
    assert info is not None
    assert info.title == f"{document.id} {document.title}"
    assert info.author and info.subject
    assert not any("sopmodel" in str(value).lower() for value in info.values())
    assert b"sopmodel" not in pdf.read_bytes().lower()
