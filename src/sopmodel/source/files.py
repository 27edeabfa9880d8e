"""Read a document file safely: regular files only, never more than a document may hold."""

from __future__ import annotations

import os
import stat

from sopmodel.errors import SopmodelError
from sopmodel.source.parsed import MAX_BYTES

__all__ = ["FileRefused", "read_document_file"]

_SPECIAL_FILES = (
    (stat.S_ISDIR, "it is a folder, not a file"),
    (stat.S_ISFIFO, "it is a named pipe (FIFO), not a regular file"),
    (stat.S_ISSOCK, "it is a socket, not a regular file"),
    (stat.S_ISCHR, "it is a device, not a regular file"),
    (stat.S_ISBLK, "it is a device, not a regular file"),
)


class FileRefused(SopmodelError):
    """A file not read: code is IO001 (not a regular file) or YAML003 (too large)."""

    def __init__(self, code: str, reason: str) -> None:
        self.code = code
        self.reason = reason
        super().__init__(reason)


def _not_a_regular_file(mode: int) -> str | None:
    """Return why a file of this mode is not read (a folder, a pipe, a device), or None."""
    for test, reason in _SPECIAL_FILES:
        if test(mode):
            return reason
    return None if stat.S_ISREG(mode) else "it is not a regular file"


def read_document_file(name: str) -> bytes:
    """Return the bytes of a regular file of at most MAX_BYTES.

    Folders, pipes, sockets and devices are refused from their status, without being
    opened (opening a pipe waits for a writer; /dev/zero never ends). Raise FileRefused,
    or OSError when the file cannot be read.
    """
    status = os.stat(name)
    refused = _not_a_regular_file(status.st_mode)
    size, data = status.st_size, b""
    if refused is None and size <= MAX_BYTES:
        # Opened without blocking and checked again: a pipe put in its place meanwhile
        # must not hang the read.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        with os.fdopen(os.open(name, flags), "rb") as handle:
            refused = _not_a_regular_file(os.fstat(handle.fileno()).st_mode)
            if refused is None:
                data = handle.read(MAX_BYTES + 1)
                size = max(size, len(data))
    if refused is not None:
        raise FileRefused("IO001", f"cannot read: {refused}")
    if size > MAX_BYTES:
        limit = f"more than the {MAX_BYTES:,} a document may have"
        raise FileRefused("YAML003", f"the file is {size:,} bytes, {limit}")
    return data
