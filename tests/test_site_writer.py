"""The handbook's writer: atomic files, a manifest, refusals, only its own stale files removed."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from sopmodel.exporters.site import MANIFEST, SiteWriteError, SiteWriter


def test_writes_files_and_lists_them_in_the_manifest(tmp_path: Path) -> None:
    writer = SiteWriter(tmp_path / "site")
    writer.open()
    assert writer.write("index.html", "<p>hello</p>")
    assert writer.write("procedures/A.html", b"A")
    writer.save_manifest()
    assert (tmp_path / "site" / "procedures" / "A.html").read_bytes() == b"A"
    listed = json.loads((tmp_path / "site" / MANIFEST).read_text())["files"]
    assert set(listed) == {"index.html", "procedures/A.html"}
    assert [p.name for p in (tmp_path / "site").rglob("*.tmp")] == []


def test_same_bytes_are_not_written_again(tmp_path: Path) -> None:
    writer = SiteWriter(tmp_path)
    writer.open()
    assert writer.write("a.html", "x")
    before = os.stat(tmp_path / "a.html").st_mtime_ns
    assert not writer.write("a.html", "x")
    assert os.stat(tmp_path / "a.html").st_mtime_ns == before


def test_a_failed_write_leaves_the_old_file_and_no_partial(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = SiteWriter(tmp_path)
    writer.open()
    writer.write("a.html", "old")

    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        writer.write("a.html", "new")
    assert (tmp_path / "a.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html"]


def test_refuses_a_folder_it_did_not_write(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(SiteWriteError, match="not empty and sopmodel did not write it"):
        SiteWriter(tmp_path).open()
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_refuses_an_output_folder_holding_an_input(tmp_path: Path) -> None:
    source = tmp_path / "procedure.yaml"
    source.write_text("x")
    with pytest.raises(SiteWriteError, match="contains an input"):
        SiteWriter(tmp_path).open([source])


def test_never_overwrites_a_file_someone_else_put_there(tmp_path: Path) -> None:
    writer = SiteWriter(tmp_path)
    writer.open()
    writer.write("index.html", "x")
    writer.save_manifest()
    (tmp_path / "procedures").mkdir()
    (tmp_path / "procedures" / "A.html").write_text("theirs")
    again = SiteWriter(tmp_path)
    again.open()
    with pytest.raises(SiteWriteError, match="did not write"):
        again.write("procedures/A.html", "ours")
    assert (tmp_path / "procedures" / "A.html").read_text() == "theirs"


def test_removes_only_its_own_unchanged_stale_files(tmp_path: Path) -> None:
    writer = SiteWriter(tmp_path)
    writer.open()
    for name in ("keep.html", "gone.html", "edited.html"):
        writer.write(name, name)
    writer.save_manifest()
    (tmp_path / "edited.html").write_text("someone edited me")
    (tmp_path / "theirs.html").write_text("not ours")
    again = SiteWriter(tmp_path)
    again.open()
    assert again.remove_stale(["keep.html"]) == ["gone.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [MANIFEST, "keep.html", "edited.html", "theirs.html"]
    )


@pytest.mark.parametrize("url", ["../x.html", "/etc/x", "a/../../x"])
def test_refuses_paths_outside_the_site(tmp_path: Path, url: str) -> None:
    writer = SiteWriter(tmp_path)
    writer.open()
    with pytest.raises(SiteWriteError):
        writer.write(url, "x")
