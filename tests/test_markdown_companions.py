"""Companion files (a Markdown file's pictures, forms and chart): written beside the output,
listed in the manifest, stale ones removed, a user's never, an input never written over."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sopmodel.cli import main
from sopmodel.exporters import ExportError, export
from sopmodel.exporters.outputs import MANIFEST
from sopmodel.source import load
from tests.conftest import EXAMPLES

PHOTO = next((EXAMPLES / "img").glob("*.png")).read_bytes()


def procedure(folder: Path, images: list[str], attachments: list[str] = ()) -> Path:  # type: ignore[assignment]
    """Write a procedure with a step per image (and the images), return its file."""
    lines = ["sopmodel: 1", "kind: procedure", "id: D-1", "title: Pictures"]
    lines += ["quality: {criteria: [Every picture shown]}"]
    lines += ["troubleshooting: [{problem: A picture is missing, solution: Add it}]", "steps:"]
    for number, image in enumerate(images or ["-"], 1):
        lines.append(f"  - title: Step {number}")
        if image != "-":
            lines.append(f"    image: {{path: {image}, caption: Picture {number}}}")
            (folder / image).parent.mkdir(parents=True, exist_ok=True)
            (folder / image).write_bytes(PHOTO + image.encode())
    if attachments:
        lines.append("attachments:")
        for path in attachments:
            lines.append(f"  - {{title: Form {path}, path: {path}}}")
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_text(f"form {path}\n", encoding="utf-8")
    source = folder / "d.yaml"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return source


def _md(source: Path, out: Path | str, **options: object) -> list[Path]:
    return export(load(source), "md", out, flowchart=False, **options)


def test_companions_are_written_beside_the_file_and_listed(tmp_path: Path) -> None:
    source = procedure(tmp_path, ["img/a.png", "img/b c.png"], ["forms/f.txt"])
    out = tmp_path / "out"
    written = _md(source, out)
    assert [p.relative_to(out).as_posix() for p in written] == [
        "D-1.md",
        "D-1.assets/forms/f.txt",
        "D-1.assets/img/a.png",
        "D-1.assets/img/b c.png",
    ]
    text = written[0].read_text(encoding="utf-8")
    assert "![Picture 2](D-1.assets/img/b%20c.png)" in text
    assert (out / "D-1.assets/img/a.png").read_bytes() == (tmp_path / "img/a.png").read_bytes()
    listed = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["D-1.md"]
    assert sorted(listed) == [p.relative_to(out).as_posix() for p in written[1:]]


def test_a_later_export_removes_its_stale_companions_never_a_users_file(tmp_path: Path) -> None:
    source = procedure(tmp_path, ["img/a.png", "img/b.png", "img/c.png"])
    out = tmp_path / "out"
    _md(source, out)
    assets = out / "D-1.assets"
    (assets / "mine.txt").write_text("my notes\n", encoding="utf-8")
    (assets / "img/c.png").write_bytes(b"changed by hand")
    procedure(tmp_path, ["img/a.png"])
    _md(source, out)
    assert (assets / "img/a.png").is_file()
    assert not (assets / "img/b.png").exists()  # sopmodel wrote it, nothing links to it now
    assert (assets / "img/c.png").read_bytes() == b"changed by hand"  # changed since: kept
    assert (assets / "mine.txt").read_text(encoding="utf-8") == "my notes\n"
    procedure(tmp_path, [])
    (assets / "mine.txt").unlink()
    (assets / "img/c.png").unlink()
    _md(source, out)
    assert not assets.exists()  # emptied of what sopmodel wrote: removed
    assert json.loads((out / MANIFEST).read_text(encoding="utf-8")).get("D-1.md") is None


def test_a_companion_another_output_still_links_to_is_kept(tmp_path: Path) -> None:
    source = procedure(tmp_path, ["img/a.png", "img/b.png"])
    (tmp_path / "out").mkdir()
    _md(source, tmp_path / "out" / "first.md")
    _md(source, tmp_path / "out" / "second.md")
    procedure(tmp_path, ["img/a.png"])
    _md(source, tmp_path / "out" / "first.md")
    assert (tmp_path / "out/D-1.assets/img/b.png").is_file()  # second.md links to it


def test_a_companion_that_would_overwrite_an_input_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = procedure(tmp_path, [], ["f.txt", "D-1.assets/f.txt"])
    before = (tmp_path / "D-1.assets/f.txt").read_bytes()
    with pytest.raises(ExportError, match="is an input of this export"):
        _md(source, tmp_path)
    code = main(["export", str(source), "--to", "md", "-o", str(tmp_path), "-O", "flowchart=false"])
    told = capsys.readouterr()
    assert code == 1
    lines = (told.out + told.err).splitlines()
    refusal = [line for line in lines if "is an input of this export" in line]
    assert len(refusal) == 1 and "D-1.assets/f.txt" in refusal[0]
    assert (tmp_path / "D-1.assets/f.txt").read_bytes() == before
    assert not (tmp_path / "D-1.md").exists()


def test_export_of_a_folder_writes_every_document_and_its_companions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "examples", ignore=shutil.ignore_patterns("invalid"))
    out = tmp_path / "out"
    code = main(["export", str(tmp_path / "examples"), "--to", "md", "-o", str(out), "-q"])
    assert code == 0, capsys.readouterr().err
    assert (out / "MAINT-004.assets/img/battery-connector.png").is_file()
    assert (out / "MAINT-004.assets/flowchart.svg").is_file()
    assert (out / "PLAN-2027-T1.md").is_file() and (out / "SALES-001.md").is_file()
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert "MAINT-004.assets/img/battery-connector.png" in manifest["MAINT-004.md"]


def test_exporters_lists_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["exporters"]) == 0
    listing = capsys.readouterr().out
    assert "markdown" in listing and "md" in listing


def test_a_missing_picture_is_one_line_with_its_location(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = procedure(tmp_path, ["img/a.png"])
    (tmp_path / "img/a.png").unlink()
    code = main(["export", str(source), "--to", "md", "-o", str(tmp_path / "out"), "--no-check"])
    told = capsys.readouterr()
    assert code == 1
    line = next(x for x in told.out.splitlines() if "not found" in x)
    assert f"{source}:" in line and "img/a.png" in line
    assert "Traceback" not in told.out + told.err
    assert not (tmp_path / "out" / "D-1.md").exists()
