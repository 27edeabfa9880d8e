"""Put exported pages in an output folder: atomically, never over an input, nothing else lost.

Each page is written to a hidden temporary file in the output folder, flushed to disk, then
renamed over its final name, so that a reader (or a `kill -9`) sees the previous file or the
new one, never a part. A killed run can leave its hidden temporary files behind: the next run
in the folder removes those of processes that are gone.

Pages of an earlier, longer export (`SALES-001-3.png` after a two-page export), and companion
files an export no longer writes (a picture of `SALES-001.assets/` the Markdown stopped
linking to), are removed only when a manifest in the folder says sopmodel wrote them and the
file is still the one it wrote: a file of the same name that someone else put there is never
touched.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import threading
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from sopmodel.exporters.base import ExportError, companion_parts
from sopmodel.exporters.writing import page_paths
from sopmodel.model import Document, Procedure
from sopmodel.source import origin_of

__all__ = [
    "MANIFEST",
    "companion_paths",
    "digest",
    "file_digest",
    "inputs_of",
    "place_pages",
    "refuse_inputs",
    "source_of",
    "write_atomically",
]

MANIFEST = ".sopmodel-manifest.json"
"""The file, in an output folder, that lists the extra pages each output was written with,
and (under SOURCES) the document file each output was written from."""
SOURCES = "sources"
"""The manifest's key for output name -> the absolute path of the file it was written from."""
_PARTIAL = re.compile(r"^\..+\.(\d+)-[0-9a-f]+\.sopmodel-partial$")
_LOCK = threading.Lock()
"""Serialises manifest updates between threads of one process."""


def inputs_of(
    document: Document, extra: Iterable[str | os.PathLike[str] | None] = ()
) -> list[Path]:
    """Return the files an export must never write over: the document's own file, its
    pictures and its attachments."""
    found: list[Path] = [Path(p) for p in extra if p]
    origin = origin_of(document)
    if origin is None:
        return found
    found.append(Path(origin.file))
    if isinstance(document, Procedure):
        from sopmodel.views import number_steps

        folder = Path(origin.file).parent
        steps = [item.step for item in number_steps(document)]
        found += [folder / step.image.path for step in steps if step.image]
        attachments = [*document.attachments, *(a for step in steps for a in step.attachments)]
        found += [folder / attachment.path for attachment in attachments]
    return found


def _same(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def refuse_inputs(outputs: Sequence[Path], inputs: Sequence[Path]) -> None:
    """Raise ExportError (one line) when an output would be written over an input file.

    An output is an input when both are the same file (same device and inode: a link, a
    path through a symbolic link), or when neither exists yet and both paths resolve to the
    same place. Each path is looked at once: a procedure may have hundreds of inputs.
    """
    existing: dict[tuple[int, int], Path] = {}
    missing: list[Path] = []
    for source in inputs:
        identity = _identity(source)
        if identity is None:
            missing.append(source)
        else:
            existing.setdefault(identity, source)
    for output in outputs:
        identity = _identity(output)
        if identity is not None:
            clash = existing.get(identity)
        else:
            real = os.path.realpath(output)
            clash = next((s for s in missing if os.path.realpath(s) == real), None)
        if clash is not None:
            raise ExportError(
                f"{output} is an input of this export ({clash}): it is never written"
                " over; choose another output folder or file name"
            )


def _identity(path: Path) -> tuple[int, int] | None:
    """Return the (device, inode) of an existing file, or None when there is none."""
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    return status.st_dev, status.st_ino


def digest(data: bytes) -> str:
    """Return the SHA-256 of bytes, as the manifests record what sopmodel wrote."""
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str | None:
    """Return the SHA-256 of a file read in chunks, or None when it cannot be read."""
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process: alive as far as we can tell
    return True


def _remove_abandoned(folder: Path) -> None:
    """Remove hidden temporary files that killed runs left in the folder."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            match = _PARTIAL.match(entry.name)
            if match and not _alive(int(match.group(1))):
                Path(entry.path).unlink(missing_ok=True)


def write_atomically(path: Path, data: bytes) -> None:
    """Write data through a hidden temporary file next to path, then rename it over path."""
    temporary = path.with_name(
        f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.sopmodel-partial"
    )
    try:
        with temporary.open("xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask()
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _read_manifest(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def source_of(document: Document) -> str | None:
    """Return the absolute path of the file a document was loaded from, or None."""
    origin = origin_of(document)
    return None if origin is None else os.path.realpath(origin.file)


def _refuse_other_source(target: Path, source: str, manifest: dict[str, Any]) -> None:
    """Refuse to replace an output written from another document file that still exists."""
    sources = manifest.get(SOURCES)
    earlier = sources.get(target.name) if isinstance(sources, dict) else None
    if (
        isinstance(earlier, str)
        and earlier != source
        and target.exists()
        and os.path.isfile(earlier)
    ):
        raise ExportError(
            f"{target} was written from {earlier}, and {source} has the same id: give each"
            f" document its own id, or remove {target} to replace it"
        )


def companion_paths(folder: Path, companions: Mapping[str, bytes]) -> list[Path]:
    """Return where companion files (by name relative to the output's folder) are written,
    or raise ExportError for a name that is not a plain relative path."""
    return [folder.joinpath(*companion_parts(name)) for name in companions]


def place_pages(
    target: Path,
    pages: Sequence[bytes],
    inputs: Sequence[Path] = (),
    source: str | None = None,
    companions: Mapping[str, bytes] | None = None,
) -> list[Path]:
    """Write pages as target, target-2, ... and companions beside them (by their names
    relative to target's folder: SALES-001.assets/flowchart.svg) atomically; return the
    files written, pages first.

    Refuses (before writing anything) to write over an input, or over an output written
    from another document file (source: the file this one was loaded from) that still
    exists. Pages and companions left by an earlier export of the same target are removed
    only when the manifest lists them, they are unchanged since, and no other output of the
    folder lists them too; a companion folder left empty is removed.
    """
    companions = dict(companions or {})
    folder = target.parent
    paths = page_paths(target, len(pages))
    extras = companion_paths(folder, companions)
    refuse_inputs([*paths, *extras], inputs)
    _remove_abandoned(folder)
    for directory in sorted({path.parent for path in extras}):
        _remove_abandoned(directory)
    with _LOCK:
        manifest = _read_manifest(folder)
        if source is not None:
            _refuse_other_source(target, source, manifest)
        earlier = manifest.get(target.name, {})
        for path, data in zip(paths, pages, strict=True):
            write_atomically(path, data)
        for path, data in zip(extras, companions.values(), strict=True):
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, data)
        written = {*paths, *extras}
        claimed = _claimed_by_others(manifest, target.name)
        for name, recorded in earlier.items() if isinstance(earlier, dict) else ():
            old = _listed_path(folder, str(name))
            if old is None or old in written or str(name) in claimed:
                continue
            if any(_same(old, i) for i in inputs):
                continue
            if file_digest(old) == recorded:  # still the file sopmodel wrote: remove it
                old.unlink(missing_ok=True)
                _remove_empty_parents(old.parent, folder)
        extra = {p.name: digest(d) for p, d in zip(paths[1:], pages[1:], strict=True)}
        extra |= {name: digest(data) for name, data in companions.items()}
        before = json.dumps(manifest, sort_keys=True)
        if extra:
            manifest[target.name] = extra
        else:
            manifest.pop(target.name, None)
        if source is not None:
            sources = manifest.get(SOURCES)
            manifest[SOURCES] = {
                **(sources if isinstance(sources, dict) else {}),
                target.name: source,
            }
        if json.dumps(manifest, sort_keys=True) != before:
            write_atomically(
                folder / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode("utf-8")
            )
    return [*paths, *extras]


def _claimed_by_others(manifest: dict[str, Any], name: str) -> set[str]:
    """Return the files the manifest lists for outputs other than `name`."""
    return {
        str(listed)
        for output, entries in manifest.items()
        if output not in (name, SOURCES) and isinstance(entries, dict)
        for listed in entries
    }


def _listed_path(folder: Path, name: str) -> Path | None:
    """Return the file a manifest entry names, or None when it is not a plain relative path
    that stays inside the folder (links followed)."""
    try:
        path = folder.joinpath(*companion_parts(name))
    except ExportError:
        return None
    inside = os.path.realpath(path).startswith(os.path.realpath(folder) + os.sep)
    return path if inside else None


def _remove_empty_parents(directory: Path, folder: Path) -> None:
    """Remove directory and its parents up to (not including) folder while they are empty."""
    while directory != folder and directory.is_relative_to(folder):
        try:
            directory.rmdir()
        except OSError:
            return
        directory = directory.parent
