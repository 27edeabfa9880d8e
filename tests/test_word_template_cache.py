"""Word template parts prepared once per machine: the same document with or without them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES


def _export(source: Path, out: Path, cache: str | None) -> bytes:
    environment = {k: v for k, v in os.environ.items() if k != "SOPMODEL_CACHE_DIR"}
    if cache is not None:
        environment["SOPMODEL_CACHE_DIR"] = cache
    command = [sys.executable, "-m", "sopmodel", "export", str(source), "--to", "docx"]
    command += ["-o", str(out), "-q", "--no-check", "-O", "flowchart=false"]
    done = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=300)
    assert done.returncode == 0, done.stderr
    return next(out.glob("*.docx")).read_bytes()


@pytest.mark.parametrize("name", ["prise-de-commande.fr.yaml", "plan-sop-90-jours.fr.yaml"])
def test_a_cached_template_gives_the_same_bytes_as_no_cache(tmp_path: Path, name: str) -> None:
    cache = tmp_path / "cache"
    without = _export(EXAMPLES / name, tmp_path / "none", "")
    first = _export(EXAMPLES / name, tmp_path / "first", str(cache))
    kept = sorted(p.name.split("-")[0] for p in (cache / "word-templates").iterdir())
    assert "jinja" in kept and "patched" in kept
    second = _export(EXAMPLES / name, tmp_path / "second", str(cache))
    assert without == first == second


def test_a_damaged_or_unwritable_cache_is_not_used(tmp_path: Path) -> None:
    source = EXAMPLES / "sales-opportunity.yaml"
    cache = tmp_path / "cache"
    expected = _export(source, tmp_path / "none", "")
    _export(source, tmp_path / "first", str(cache))
    for kept in (cache / "word-templates").glob("jinja-*"):
        kept.write_bytes(b"not a cache file")
    for kept in (cache / "word-templates").glob("patched-*"):
        kept.write_text(kept.read_text(encoding="utf-8")[:-200], encoding="utf-8")
    assert _export(source, tmp_path / "damaged", str(cache)) == expected
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    assert _export(source, tmp_path / "blocked-out", str(blocked)) == expected
