"""A third-party exporter, installed as a real package, is listed and used by the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT


@pytest.fixture(scope="module")
def plugin_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a folder where the example plugin package is installed by pip."""
    work = tmp_path_factory.mktemp("plugin")
    source = work / "source"
    shutil.copytree(EXAMPLES / "exporter-plugin", source)
    site = work / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--target",
            str(site),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return site


def _sopmodel(site: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run(
        [sys.executable, "-m", "sopmodel", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


def test_installed_plugin_is_listed(plugin_site: Path, tmp_path: Path) -> None:
    listed = _sopmodel(plugin_site, "exporters", cwd=tmp_path)
    assert listed.returncode == 0
    assert (
        "checklist (sopmodel-checklist 1.0.0): a procedure as a Markdown checklist" in listed.stdout
    )
    assert "--to checklist.md: ready" in listed.stdout
    assert "markdown (sopmodel" in listed.stdout
    assert "flowchart (sopmodel" in listed.stdout


def test_installed_plugin_is_used_by_export(plugin_site: Path, tmp_path: Path) -> None:
    done = _sopmodel(
        plugin_site,
        "export",
        str(EXAMPLES / "prise-de-commande.fr.yaml"),
        "--to",
        "checklist.md,svg",
        "-o",
        str(tmp_path / "out"),
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    text = (tmp_path / "out" / "ADV-002.checklist.md").read_text(encoding="utf-8")
    assert text.startswith("# ADV-002 · Saisir une commande client une seule fois")
    assert "- [ ] **1.1** Transférer la commande orale sur le formulaire type" in text
    assert "Version 2.1.0 · 1er octobre 2026" in text
    assert (tmp_path / "out" / "ADV-002.svg").exists()


def test_a_plan_is_refused_by_a_procedure_only_plugin(plugin_site: Path, tmp_path: Path) -> None:
    done = _sopmodel(
        plugin_site,
        "export",
        str(EXAMPLES / "plan-sop-90-jours.fr.yaml"),
        "--to",
        "checklist.md",
        "-o",
        str(tmp_path),
        cwd=tmp_path,
    )
    assert done.returncode == 1
    assert "checklist.md: the checklist.md export takes a procedure, not a plan" in done.stdout


def test_the_plugin_source_is_untouched(plugin_site: Path) -> None:
    assert not (EXAMPLES / "exporter-plugin" / "build").exists()
    assert ROOT.joinpath("examples", "exporter-plugin", "pyproject.toml").exists()
