"""Nothing a user had is lost: inputs never replaced, only our stale pages removed, kill -9."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from sopmodel.cli import main
from sopmodel.exporters import ExportError, export
from sopmodel.exporters.outputs import MANIFEST
from sopmodel.exporters.word import TEMPLATES
from sopmodel.source import load
from tests.conftest import EXAMPLES

PHOTO = (EXAMPLES / "img").glob("*.png")


def procedure(folder: Path, steps: int, *, image: str | None = None, title: str = "Do") -> Path:
    """Write a valid procedure of `steps` steps (the first with an image) and return its file."""
    lines = [
        "sopmodel: 1",
        "kind: procedure",
        "id: T-001",
        f"title: {title} the thing",
        "objective: Do the thing well.",
        "roles:",
        "  - {id: a, name: Agent}",
        "steps:",
    ]
    for number in range(1, steps + 1):
        lines += [f"  - id: s{number}", f"    title: {title} step {number}", "    role: a"]
        if number == 1 and image:
            lines.append(f"    image: {{path: {image}, caption: A photo}}")
    lines += [
        "quality:",
        "  criteria: [The thing is done]",
        "troubleshooting:",
        "  - {problem: It fails, solution: Do it again.}",
    ]
    path = folder / "t.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_a_step_photo_named_like_a_page_is_never_written_over(tmp_path: Path) -> None:
    photo = tmp_path / "T-001-2.png"
    shutil.copyfile(next(PHOTO), photo)
    document = load(procedure(tmp_path, 6, image="T-001-2.png"))
    before = snapshot(tmp_path)
    with pytest.raises(ExportError) as refused:
        export(document, "png", tmp_path, steps_per_page=2)
    message = str(refused.value)
    assert "\n" not in message
    assert message.startswith(f"{photo} is an input of this export")
    assert snapshot(tmp_path) == before  # nothing written, page 1 included


def test_an_attachment_named_like_an_output_is_never_written_over(tmp_path: Path) -> None:
    form = tmp_path / "T-001.docx"
    form.write_bytes(b"the team's own form")
    source = procedure(tmp_path, 2)
    text = source.read_text()
    source.write_text(text + "attachments:\n  - {title: Form, path: T-001.docx}\n")
    document = load(source)
    with pytest.raises(ExportError) as refused:
        export(document, "docx", tmp_path)
    assert str(refused.value).startswith(f"{form} is an input of this export")
    assert form.read_bytes() == b"the team's own form"


def test_a_page_changed_since_it_was_written_is_kept(tmp_path: Path) -> None:
    document = load(procedure(tmp_path, 6))
    out = tmp_path / "out"
    pages = export(document, "dot", out, steps_per_page=2)
    assert [p.name for p in pages] == ["T-001.dot", "T-001-2.dot", "T-001-3.dot"]
    pages[2].write_text("edited by hand")
    assert export(document, "dot", out) == [out / "T-001.dot"]
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST, "T-001-3.dot", "T-001.dot"]
    assert pages[2].read_text() == "edited by hand"


def test_a_template_is_never_written_over(tmp_path: Path) -> None:
    template = tmp_path / "T-001.docx"
    shutil.copyfile(TEMPLATES / "procedure.docx", template)
    before = template.read_bytes()
    with pytest.raises(ExportError, match="is an input of this export"):
        export(load(procedure(tmp_path, 2)), "docx", tmp_path, template=template)
    assert template.read_bytes() == before


def test_a_file_named_on_the_command_line_is_never_written_over(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = procedure(tmp_path, 6)
    out = tmp_path / "out"
    out.mkdir()
    given = out / "T-001-2.dot"
    given.write_text("a file the user passed")
    code = main(["export", str(source), str(given), "--to", "dot", "-O", "steps_per_page=2",
                 "-o", str(out), "-j", "1"])  # fmt: skip
    printed = capsys.readouterr().out
    assert code == 1
    assert f"{given} is an input of this export" in printed
    assert given.read_text() == "a file the user passed"
    assert not (out / "T-001.dot").exists()  # refused before anything was written


def test_temporary_files_of_a_killed_run_are_removed_by_the_next(tmp_path: Path) -> None:
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    dead = tmp_path / f".T-001.dot.{gone.stdout.strip()}-0a1b2c3d.sopmodel-partial"
    dead.write_text("half a file")
    alive = tmp_path / f".T-001.dot.{os.getpid()}-0a1b2c3d.sopmodel-partial"
    alive.write_text("being written by a run still going")
    export(load(procedure(tmp_path, 2)), "dot", tmp_path)
    assert not dead.exists()
    assert alive.exists()


def _complete(path: Path) -> bool:
    """Return True when an output is a whole file of its format."""
    data = path.read_bytes()
    if path.suffix in (".docx", ".pptx"):
        try:
            with zipfile.ZipFile(path) as archive:
                return archive.testzip() is None
        except zipfile.BadZipFile:
            return False
    return data.rstrip().endswith(b"}")  # a whole DOT graph


def test_kill_9_during_export_leaves_the_previous_files_whole(tmp_path: Path) -> None:
    """Kill a real `sopmodel export` at many moments: every output is the old file or the new."""
    out = tmp_path / "out"
    old_source = procedure(tmp_path, 600, title="Old")
    command = [sys.executable, "-m", "sopmodel", "export", str(old_source), "--to", "dot,docx",
               "-O", "steps_per_page=1", "-O", "flowchart=false", "-o", str(out), "-q"]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    old = snapshot(out)
    assert len(old) > 600
    procedure(tmp_path, 600, title="New")
    fresh = tmp_path / "fresh"
    started = time.monotonic()
    subprocess.run([*command[:-3], "-o", str(fresh), "-q"], check=True, capture_output=True,
                   timeout=300)  # fmt: skip
    duration = time.monotonic() - started
    new = snapshot(fresh)
    kills = mixed = 0
    for share in (0.4, 0.55, 0.65, 0.75, 0.8, 0.85, 0.9, 0.95):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(duration * share)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait(timeout=60)
        ages = set()
        for path in out.iterdir():
            if path.name.startswith("."):
                continue  # hidden temporary files, removed by the next run
            assert path.read_bytes() in (old.get(path.name), new.get(path.name)), path.name
            assert _complete(path), path.name
            ages.add(path.read_bytes() == new.get(path.name))
        mixed += len(ages) > 1  # killed while writing: some files new, some still old
    assert kills, "the export always ended before it was killed: make the document bigger"
    print(f"{kills} kills, {mixed} of them while the files were being written")
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    assert snapshot(out) == {**new, MANIFEST: snapshot(out)[MANIFEST]}
    assert not [p for p in out.iterdir() if p.name.endswith(".sopmodel-partial")]


def test_a_second_run_with_another_document_of_the_same_id_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    procedure(first, 2, title="Check")
    procedure(second, 2, title="Pack")
    out = tmp_path / "out"
    assert main(["export", str(first / "t.yaml"), "--to", "svg,docx", "-o", str(out), "-q"]) == 0
    before = snapshot(out)
    capsys.readouterr()
    assert main(["export", str(second / "t.yaml"), "--to", "svg,docx", "-o", str(out), "-q"]) == 1
    said = capsys.readouterr().out
    assert f"was written from {(first / 't.yaml').resolve()}" in said and "same id" in said
    assert snapshot(out) == before  # the first document's files are kept
    with pytest.raises(ExportError, match="same id"):
        export(load(second / "t.yaml"), "svg", out)


def test_a_moved_source_file_replaces_its_own_outputs(tmp_path: Path) -> None:
    source = procedure(tmp_path, 2, title="Check")
    out = tmp_path / "out"
    assert main(["export", str(source), "--to", "svg", "-o", str(out), "-q"]) == 0
    moved = source.rename(tmp_path / "moved.yaml")
    assert main(["export", str(moved), "--to", "svg", "-o", str(out), "-q"]) == 0
    assert main(["export", str(moved), "--to", "svg", "-o", str(out), "-q"]) == 0  # again


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_exports_leave_no_scratch_folder_behind(tmp_path: Path, jobs: str) -> None:
    """The scratch folders of the exporting process and of its workers are removed."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    for name in ("sales-opportunity.yaml", "prise-de-commande.fr.yaml", "lab-piranha-clean.yaml"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    command = [sys.executable, "-m", "sopmodel", "export", str(tmp_path), "--to", "docx,svg"]
    command += ["-o", str(tmp_path / "out"), "-q", "-j", jobs, "--no-check"]
    environment = {**os.environ, "TMPDIR": str(scratch)}
    done = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=300)
    assert done.returncode == 0, done.stderr
    assert len(list((tmp_path / "out").glob("*.docx"))) == 3
    assert list(scratch.iterdir()) == []
