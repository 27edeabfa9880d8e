"""Shared fixtures and paths for the test suite."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "default", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "thorough", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)  # CI explores the same examples every run: a submission never fails by chance
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "default")
)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
INVALID = EXAMPLES / "invalid"
PASSING = ROOT / "docs" / "rules" / "examples"
TODAY = dt.date(2026, 11, 24)
"""The date the time-based rules take as today in every test."""


def _is_records(path: Path) -> bool:
    return "\nkind: records\n" in path.read_text(encoding="utf-8")


def valid_examples() -> list[Path]:
    """Return the valid example documents that are exported: procedures and plans."""
    return sorted(p for p in EXAMPLES.glob("*.yaml") if not _is_records(p))


def record_examples() -> list[Path]:
    """Return the example training records (kind: records), which are validated, not exported."""
    return sorted(p for p in (EXAMPLES / "records").glob("*.yaml") if _is_records(p))


@pytest.fixture(autouse=True)
def _isolated_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run each test from an empty folder, so no configuration file is picked up by chance."""
    monkeypatch.chdir(tmp_path)


def flat_positions(pos: Any) -> Any:
    """Return a position tree as plain (line, column, children) tuples, to compare two parsers."""
    mark, children = pos
    if isinstance(children, dict):
        children = {k: (m.line, m.column, flat_positions(p)) for k, (m, p) in children.items()}
    elif isinstance(children, list):
        children = [flat_positions(p) for p in children]
    return (mark.line, mark.column, children)


def output_names(folder: Path) -> list[str]:
    """Return the names in an output folder, less the manifest every export keeps there."""
    return sorted(p.name for p in folder.iterdir() if p.name != ".sopmodel-manifest.json")


def git(folder: Path, *args: str) -> None:
    """Run git in folder as a made-up author (for repositories made in a test)."""
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
        cwd=folder,
        check=True,
        capture_output=True,
        timeout=60,
    )


def examples_handbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the handbook of the examples (pictures, forms and training records with them)
    into a new folder; return the site's folder."""
    import shutil

    from sopmodel.exporters.site import Handbook

    source = tmp_path_factory.mktemp("examples")
    for path in EXAMPLES.glob("*.yaml"):
        shutil.copy(path, source / path.name)
    for folder in ("img", "forms", "records"):
        shutil.copytree(EXAMPLES / folder, source / folder)
    out = tmp_path_factory.mktemp("handbook") / "site"
    Handbook([source], out).build()
    return out
