"""Untrusted Office containers are bounded before any Office library opens them."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from sopmodel import ExportError, SopmodelError
from sopmodel.exporters.officefile import ZipLimits, check_office_file

SMALL = ZipLimits(max_file=1_000_000, max_members=10, max_total=4_000_000, max_member=3_000_000)


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _refusal(path: Path, limits: ZipLimits = SMALL, required: tuple[str, ...] = ()) -> str:
    with pytest.raises(ExportError) as caught:
        check_office_file(path, "tracker", limits, required)
    message = str(caught.value)
    assert "\n" not in message and str(path) in message
    return message


def test_a_small_container_with_its_parts_passes(tmp_path: Path) -> None:
    path = _zip(tmp_path / "ok.xlsx", {"xl/workbook.xml": b"<workbook/>"})
    check_office_file(path, "tracker", SMALL, ["xl/workbook.xml"])


def test_errors_share_the_base_exception() -> None:
    assert issubclass(ExportError, SopmodelError)


def test_a_member_inflating_past_its_limit_is_a_bomb(tmp_path: Path) -> None:
    path = _zip(tmp_path / "bomb.xlsx", {"xl/worksheets/sheet1.xml": b"\0" * 3_500_000})
    assert "zip bomb" in _refusal(path)


def test_a_high_compression_ratio_is_a_bomb(tmp_path: Path) -> None:
    path = _zip(tmp_path / "ratio.xlsx", {"a.xml": b"\0" * 2_000_000})
    assert "compressed" in _refusal(path)


def test_many_members_together_are_bounded(tmp_path: Path) -> None:
    members = {f"m{i}.bin": os.urandom(1_000_000) for i in range(5)}
    limits = ZipLimits(max_file=10_000_000, max_members=10, max_total=4_000_000, max_member=2**30)
    assert "inflates to" in _refusal(_zip(tmp_path / "many.xlsx", members), limits)


def test_too_many_members_are_refused(tmp_path: Path) -> None:
    path = _zip(tmp_path / "parts.xlsx", {f"p{i}": b"x" for i in range(11)})
    assert "11 parts" in _refusal(path)


def test_not_a_zip_truncated_or_missing_part(tmp_path: Path) -> None:
    csv = tmp_path / "renamed.xlsx"
    csv.write_text("kpi,week\notd,84\n")
    assert "not a readable Office file" in _refusal(csv)
    whole = _zip(tmp_path / "whole.xlsx", {"xl/workbook.xml": os.urandom(5000)})
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(whole.read_bytes()[:3000])
    assert "not a readable Office file" in _refusal(cut)
    assert "has no word/document.xml" in _refusal(whole, required=("word/document.xml",))


def test_special_files_are_refused_without_opening_them(tmp_path: Path) -> None:
    assert "is a folder" in _refusal(tmp_path)
    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)
    assert "not a regular file" in _refusal(fifo)
    assert "not a regular file" in _refusal(Path("/dev/zero"))
    assert "cannot read" in _refusal(tmp_path / "missing.xlsx")
