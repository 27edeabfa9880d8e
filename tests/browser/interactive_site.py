"""Build the handbook of some documents into a folder (`sopmodel site`), for the browser tests."""

from __future__ import annotations

from pathlib import Path

from sopmodel.exporters.site import Handbook, SiteOptions
from sopmodel.exporters.site.interactive import interactive_assets


def build(paths: list[Path], folder: Path) -> Path:
    """Build (or rebuild) the handbook of paths into folder; return the folder."""
    result = Handbook(paths, folder, SiteOptions()).build()
    assert not result.problems, result.problems
    for url, data in interactive_assets():  # until the handbook writes them itself
        target = folder / url
        if not target.exists():
            target.write_bytes(data)
    return folder
