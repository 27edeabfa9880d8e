"""Untrusted templates: each hostile one ends in one line naming it, fast and in little memory."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from sopmodel.cli import main
from sopmodel.exporters import ExportError, export
from sopmodel.exporters.slides import TEMPLATE as DECK
from sopmodel.exporters.word import TEMPLATES
from sopmodel.source import load
from tests.conftest import EXAMPLES

SALES = EXAMPLES / "sales-opportunity.yaml"
SECONDS = 10
"""The longest a hostile template may take to be refused (the whole command)."""
MEGABYTES = 300
"""The most memory the command may use while refusing it."""

_MEASURE = """
import json, resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=float(sys.argv[0]))
used = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"code": done.returncode, "out": done.stdout, "err": done.stderr, "mb": used}))
"""


def measured(*args: str) -> dict[str, object]:
    """Run `sopmodel ARGS` in a fresh process; return its exit code, output and peak memory."""
    command = [sys.executable, "-c", _MEASURE.replace("float(sys.argv[0])", str(SECONDS)),
               sys.executable, "-m", "sopmodel", *args]  # fmt: skip
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=SECONDS + 5)
    except subprocess.TimeoutExpired:
        pytest.fail(f"sopmodel {' '.join(args)} took more than {SECONDS} s")
    assert done.returncode == 0, done.stderr  # the measuring process itself
    result: dict[str, object] = json.loads(done.stdout)
    return result


def word_template(folder: Path, name: str, body: str | None = None, drop: str = "") -> Path:
    """Return a copy of the default Word template with body added to its document.xml."""
    target = folder / name
    with (
        zipfile.ZipFile(TEMPLATES / "procedure.docx") as source,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for item in source.infolist():
            if item.filename == drop:
                continue
            data = source.read(item.filename)
            if item.filename == "word/document.xml" and body is not None:
                text = data.decode("utf-8")
                at = text.index("<w:body>") + len("<w:body>")
                data = (text[:at] + body + text[at:]).encode("utf-8")
            out.writestr(item, data)
    return target


DOUBLING = (
    "{% macro d(s, n) %}{{ d(s ~ s, n - 1) if n else s|length }}{% endmacro %}{{ d('ab', 60) }}"
)
"""Text that doubles at each call: 2**60 characters if nothing stops it."""
LOOPS = "{% for a in range(99999) %}{% for b in range(99999) %}{% endfor %}{% endfor %}"
"""Ten billion turns of an empty loop."""
FLOOD = "{% for i in range(99999) %}{{ 'a' * 999999 }}{% endfor %}"
"""A hundred billion characters, a million at a time."""


def paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Return hostile templates by name, made once."""
    folder = tmp_path_factory.mktemp("hostile")
    found = {
        # Jinja reads ** from left to right: 9**9**9 is (9**9)**9, 77 digits; this is not.
        "runaway power": word_template(folder, "power.docx", paragraph("{{ 9**(9**9) }}")),
        "huge repeat": word_template(folder, "repeat.docx", paragraph("{{ 'x' * 10**9 }}")),
        "wide field": word_template(folder, "center.docx", paragraph("{{ 'x'|center(10**9) }}")),
        "wide format": word_template(folder, "format.docx", paragraph("{{ '%0999999999d' % 1 }}")),
        "doubling": word_template(folder, "doubling.docx", paragraph(DOUBLING)),
        "endless loops": word_template(folder, "loops.docx", paragraph(LOOPS)),
        "flood of text": word_template(folder, "flood.docx", paragraph(FLOOD)),
        "no document.xml": word_template(folder, "hollow.docx", drop="word/document.xml"),
        "malformed": word_template(folder, "malformed.docx", "<w:p><w:r>unclosed"),
    }
    truncated = folder / "truncated.docx"
    truncated.write_bytes((TEMPLATES / "procedure.docx").read_bytes()[:3000])
    found["truncated zip"] = truncated
    bomb = folder / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with zipfile.ZipFile(TEMPLATES / "procedure.docx") as source:
            for item in source.infolist():
                archive.writestr(item.filename, source.read(item.filename))
        with archive.open("word/media/bomb.bin", "w", force_zip64=True) as member:
            zeros = bytes(1024 * 1024)
            for _ in range(600):
                member.write(zeros)
    found["600 MB zip bomb"] = bomb
    text = folder / "notes.docx"
    text.write_text("not a zip at all")
    found["not a zip"] = text
    return found


CASES = [
    ("runaway power", "may not compute something this large"),
    ("huge repeat", "may not compute something this large"),
    ("wide field", "may not compute something this large"),
    ("wide format", "may not compute something this large"),
    ("doubling", "may not compute something this large"),
    ("endless loops", "took more than 2 s and was stopped"),
    ("flood of text", "text of more than 33,554,432 characters"),
    ("no document.xml", "has no word/document.xml"),
    ("malformed", "the Word template is not usable"),
    ("truncated zip", "not a readable Office file"),
    ("600 MB zip bomb", "(a zip bomb?)"),
    ("not a zip", "not a readable Office file"),
]


@pytest.mark.parametrize(("name", "expected"), CASES, ids=[c[0] for c in CASES])
def test_a_hostile_word_template_is_refused_in_one_line(
    hostile: dict[str, Path], tmp_path: Path, name: str, expected: str
) -> None:
    template = hostile[name]
    run = measured("export", str(SALES), "--to", "docx", "--template", str(template),
                   "-O", "render_timeout=2", "-o", str(tmp_path))  # fmt: skip
    assert run["code"] == 1, run
    [line] = [x for x in str(run["out"]).splitlines() if "docx:" in x]
    assert line.startswith(f"{SALES}: docx: {template}: "), line
    assert expected in line, line
    assert "Traceback" not in str(run["err"]) + str(run["out"])
    assert float(str(run["mb"])) < MEGABYTES, f"{run['mb']:.0f} MB"
    assert not list(tmp_path.iterdir())


def test_a_word_template_given_to_powerpoint_is_refused_in_one_line(tmp_path: Path) -> None:
    docx = TEMPLATES / "procedure.docx"
    with pytest.raises(ExportError) as refused:
        export(load(SALES), "pptx", tmp_path, template=docx, flowchart=False)
    assert str(refused.value) == (
        f"{docx}: the PowerPoint template has no ppt/presentation.xml:"
        " is it the right kind of file?"
    )
    renamed = tmp_path / "deck.pptx"
    renamed.write_bytes(docx.read_bytes())
    run = measured("export", str(SALES), "--to", "pptx", "--template", str(renamed),
                   "-o", str(tmp_path / "out"))  # fmt: skip
    assert run["code"] == 1
    assert f"{renamed}: the PowerPoint template has no ppt/presentation.xml" in str(run["out"])


def test_a_broken_powerpoint_template_is_refused_in_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pptx"
    with zipfile.ZipFile(DECK) as source, zipfile.ZipFile(broken, "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            out.writestr(item, data[:40] if item.filename == "ppt/presentation.xml" else data)
    with pytest.raises(ExportError) as refused:
        export(load(SALES), "pptx", tmp_path, template=broken, flowchart=False)
    message = str(refused.value)
    assert message.startswith(f"{broken}: the PowerPoint template is not usable: ")
    assert "\n" not in message


def test_each_template_goes_to_the_exporter_that_takes_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code = main(["export", str(SALES), "--to", "docx,pptx", "--template", str(DECK),
                 "-O", "flowchart=false", "-o", str(tmp_path)])  # fmt: skip
    assert code == 0, capsys.readouterr()
    capsys.readouterr()
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    code = main(["export", str(SALES), "--to", "docx,svg", "--template", str(notes),
                 "-o", str(tmp_path)])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2
    assert err == (
        f"sopmodel: template {notes} is for none of docx, svg: .docx (docx) take templates\n"
    )
