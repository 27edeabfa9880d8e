"""tools/site_screenshots.py takes a picture of every page type of the examples' handbook."""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

from tests.browser.conftest import ROOT, chromium_path

EXPECTED = {
    "index": (1280, 900),
    "procedure": (1280, 900),
    "plan": (1280, 900),
    "role": (1280, 900),
    "search": (1280, 900),
    "checklist": (1280, 900),
    "checklist-phone": (390, 844),
    "checklist-fr-phone": (390, 844),
    "quiz": (1280, 900),
}


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_every_page_type_gets_a_picture(tmp_path: Path) -> None:
    chromium_path()  # fails with how to install it
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "site_screenshots.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    for name, size in EXPECTED.items():
        picture = tmp_path / f"site-{name}.png"
        assert picture.is_file(), f"no picture of the {name} page"
        assert picture.stat().st_size > 5_000, f"the picture of the {name} page is empty"
        assert _png_size(picture) == size
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"site-{n}.png" for n in EXPECTED)
