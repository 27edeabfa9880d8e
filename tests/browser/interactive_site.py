"""Build the handbook of some documents into a folder (`sopmodel site`), for the browser tests."""

from __future__ import annotations

from pathlib import Path

from sopmodel.exporters.site import Handbook, SiteOptions


def build(paths: list[Path], folder: Path) -> Path:
    """Build (or rebuild) the handbook of paths into folder; return the folder."""
    result = Handbook(paths, folder, SiteOptions()).build()
    assert not result.problems, result.problems
    return folder
