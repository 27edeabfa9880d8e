"""Write a site into its folder: atomically, with a manifest, never over someone else's files.

Each file goes to a hidden temporary name in its folder, then `os.replace` puts it in place, so
a reader (a browser, `sopmodel serve`) sees the old file or the new one, never a part. The
folder's manifest (`.sopmodel-site.json`) lists every file the site wrote with its hash: a
folder that is not empty and has no manifest is refused, and a stale file is removed only when
the manifest lists it and it is still the file the site wrote.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from sopmodel.errors import SopmodelError
from sopmodel.exporters.outputs import digest as content_digest
from sopmodel.exporters.outputs import file_digest, write_atomically

__all__ = ["MANIFEST", "SiteWriteError", "SiteWriter"]

MANIFEST = ".sopmodel-site.json"
"""The file in a site folder listing what the site wrote: {"files": {url: sha256}}."""


class SiteWriteError(SopmodelError):
    """The site cannot be written where asked; the message (one line) says why."""


def _checked(url: str) -> PurePosixPath:
    path = PurePosixPath(url)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise SiteWriteError(f"{url!r} is not a path inside the site")
    return path


class SiteWriter:
    """Writes files into one site folder and remembers which ones it wrote."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)
        self._manifest = self.folder / MANIFEST
        self.written: dict[str, str] = {}
        """url -> sha256 of the files written by this site (from the manifest, then this run)."""

    def open(self, inputs: Iterable[Path] = ()) -> None:
        """Check the folder may be written (empty, missing, or an earlier site) and none of the
        inputs lie inside it; read the manifest. Raises SiteWriteError."""
        folder = self.folder
        if folder.exists() and not folder.is_dir():
            raise SiteWriteError(f"{folder}: not a folder")
        resolved = folder.resolve()
        for source in inputs:
            if source.resolve().is_relative_to(resolved):
                raise SiteWriteError(f"{folder}: the output folder contains an input ({source})")
        if not folder.exists():
            folder.mkdir(parents=True)
            return
        if self._manifest.is_file():
            try:
                files = json.loads(self._manifest.read_text(encoding="utf-8"))["files"]
                self.written = {str(k): str(v) for k, v in files.items()}
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                raise SiteWriteError(f"{self._manifest}: not a sopmodel site manifest") from None
            return
        if any(folder.iterdir()):
            raise SiteWriteError(
                f"{folder}: the folder is not empty and sopmodel did not write it "
                "(choose an empty or new folder)"
            )

    def write(self, url: str, data: bytes | str) -> bool:
        """Write one file (atomically) unless it already holds these bytes; True if written."""
        relative = _checked(url)
        content = data.encode("utf-8") if isinstance(data, str) else data
        digest = content_digest(content)
        target = self.folder.joinpath(*relative.parts)
        if self.written.get(url) == digest and target.is_file():
            return False
        if target.exists() and url not in self.written:
            raise SiteWriteError(f"{target}: a file sopmodel did not write is in the way")
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, content)
        self.written[url] = digest
        return True

    def remove_stale(self, keep: Iterable[str]) -> list[str]:
        """Remove files an earlier build wrote that this one did not, if still unchanged."""
        kept = set(keep)
        removed = []
        for url, digest in sorted(self.written.items()):
            if url in kept:
                continue
            target = self.folder.joinpath(*_checked(url).parts)
            try:
                if file_digest(target) == digest:
                    target.unlink()
                    removed.append(url)
            except OSError:
                pass
            del self.written[url]
        return removed

    def save_manifest(self) -> None:
        """Write the manifest (atomically)."""
        text = json.dumps({"files": dict(sorted(self.written.items()))}, indent=0)
        write_atomically(self._manifest, text.encode("utf-8"))
