"""Write documents back as YAML, and write any file atomically."""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path
from typing import Any

import yaml

from sopmodel.errors import SopmodelError
from sopmodel.model import Document
from sopmodel.source.yamlparse import resolves_to_text

__all__ = ["FileChangedError", "atomic_write", "dump_yaml"]


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """A safe dumper that quotes any text our YAML 1.2 reader would not read back as text."""


def _represent_str(dumper: Any, value: str) -> Any:
    style = None if resolves_to_text(value) else '"'
    if "\n" in value and style is None:
        style = "|"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_yaml(document: Document) -> str:
    """Return the document as YAML that loads back into an equal document."""
    data = document.model_dump(mode="json", exclude_defaults=True)
    head = {"sopmodel": document.sopmodel, "kind": document.kind}
    text: str = yaml.dump(
        {**head, **data}, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100
    )
    return text


def atomic_write(
    path: str | os.PathLike[str], data: bytes | str, *, expected: bytes | None = None
) -> None:
    """Write data to path through a temporary file in the same folder, then rename it.

    A failure, or the process killed, at any point leaves the previous file, if any,
    untouched and no partial file: where the system allows it (Linux), the temporary file has
    no name until it is complete. A symbolic link is followed: its target is replaced and the
    link stays a link. With expected, the file must still hold exactly those bytes right
    before the rename, else FileChangedError is raised and nothing is written.
    """
    target = Path(os.path.realpath(path))
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    for unnamed in (True, False):
        fd, temporary = _open_temporary(target, unnamed)
        try:
            with os.fdopen(fd, "wb", closefd=False) as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(fd if temporary is None else temporary, mode)
            if expected is not None:
                _unchanged(target, os.fspath(path), expected)
            if temporary is None:
                temporary = _link(fd, target)
                if temporary is None:
                    continue  # the system cannot name an unnamed file: write a named one
            os.replace(temporary, target)
            break
        except BaseException:
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)
            raise
        finally:
            os.close(fd)
    _sync_folder(target.parent)


class FileChangedError(SopmodelError):
    """A file that changed on disk since it was read: nothing was written over it."""


def _unchanged(target: Path, shown: str, expected: bytes) -> None:
    """Raise FileChangedError unless the file holds exactly the bytes expected."""
    try:
        current = target.read_bytes() if target.stat().st_size == len(expected) else None
    except FileNotFoundError:
        raise FileChangedError(f"{shown}: the file was removed since it was read") from None
    if current != expected:
        raise FileChangedError(f"{shown}: the file changed on disk since it was read")


def _open_temporary(target: Path, unnamed: bool) -> tuple[int, str | None]:
    """Open a temporary file beside target: unnamed (name None) where the system allows it."""
    flag = getattr(os, "O_TMPFILE", 0)
    if unnamed and flag and os.path.isdir("/proc/self/fd"):
        try:
            return os.open(target.parent, flag | os.O_WRONLY, 0o600), None
        except OSError:  # a file system without unnamed files
            pass
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    return fd, name


def _link(fd: int, target: Path) -> str | None:
    """Give the complete unnamed file a temporary name beside target; None if impossible."""
    folder = os.open(target.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        for _attempt in range(100):
            name = f".{target.name}.{secrets.token_hex(6)}.tmp"
            try:  # a folder descriptor makes Python call linkat, which follows /proc's link
                os.link(f"/proc/self/fd/{fd}", name, src_dir_fd=folder, dst_dir_fd=folder)
            except FileExistsError:
                continue
            except OSError:
                return None
            return str(target.with_name(name))
    finally:
        os.close(folder)
    raise FileExistsError(f"no free temporary name beside {target}")


def _sync_folder(folder: Path) -> None:
    """Make a rename in the folder durable (best effort: not every system allows it)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
