"""Untrusted Office files (custom templates, filled trackers) checked before a library opens them.

A .docx, .pptx or .xlsx file is a zip container. Before python-docx, python-pptx or openpyxl
inflate it, its members' declared sizes are read from the central directory and bounded:
CPython's zipfile never inflates a member past its declared size, so bounding the declared
sizes bounds the memory an Office library can be made to use. Special files (folders, FIFOs,
devices) are refused without being opened, since opening a FIFO waits for a writer.
"""

from __future__ import annotations

import os
import stat
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from sopmodel.exporters.base import ExportError

__all__ = ["TEMPLATE_LIMITS", "TRACKER_LIMITS", "ZipLimits", "check_office_file", "regular_file"]

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ZipLimits:
    """How large an Office container and its members may be."""

    max_file: int
    """Bytes on disk."""
    max_members: int
    """Number of members."""
    max_total: int
    """Declared uncompressed bytes of all members together."""
    max_member: int
    """Declared uncompressed bytes of any one member."""
    max_ratio: float = 200.0
    """Uncompressed / compressed size of a member above 1 MiB (XML compresses ~20:1)."""


TEMPLATE_LIMITS = ZipLimits(
    max_file=64 * MIB, max_members=5_000, max_total=256 * MIB, max_member=64 * MIB
)
"""A custom Word or PowerPoint template: pictures allowed, no bombs."""
TRACKER_LIMITS = ZipLimits(
    max_file=32 * MIB, max_members=2_000, max_total=96 * MIB, max_member=48 * MIB
)
"""A tracker filled in Excel or LibreOffice: a few hundred kilobytes in real use."""


def regular_file(path: str | os.PathLike[str], what: str) -> os.stat_result:
    """Return the file's status, or raise ExportError when it is missing or not a regular file."""
    name = os.fspath(path)
    try:
        status = os.stat(name)
    except OSError as error:
        raise ExportError(f"{name}: cannot read the {what}: {error.strerror or error}") from None
    if stat.S_ISDIR(status.st_mode):
        raise ExportError(f"{name}: the {what} is a folder, not a file")
    if not stat.S_ISREG(status.st_mode):
        raise ExportError(f"{name}: the {what} is not a regular file (a pipe or a device?)")
    return status


def check_office_file(
    path: str | os.PathLike[str],
    what: str,
    limits: ZipLimits,
    required: Iterable[str] = (),
) -> None:
    """Raise ExportError (one line naming the file) unless path is a bounded Office container.

    what names the file for the message ("Word template", "tracker"); required lists the
    members the format must have (word/document.xml).
    """
    name = os.fspath(path)
    status = regular_file(name, what)
    if status.st_size > limits.max_file:
        raise ExportError(
            f"{name}: the {what} is {status.st_size:,} bytes, more than the"
            f" {limits.max_file:,} allowed"
        )
    try:
        with zipfile.ZipFile(name) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise ExportError(
            f"{name}: the {what} is not a readable Office file (a zip container): {error}"
        ) from None
    if len(members) > limits.max_members:
        raise ExportError(
            f"{name}: the {what} holds {len(members):,} parts, more than the"
            f" {limits.max_members:,} allowed"
        )
    total = 0
    for member in members:
        size = member.file_size
        if size > limits.max_member:
            raise ExportError(
                f"{name}: part {member.filename} of the {what} inflates to {size:,} bytes,"
                f" more than the {limits.max_member:,} allowed (a zip bomb?)"
            )
        if size > MIB and size > limits.max_ratio * max(member.compress_size, 1):
            raise ExportError(
                f"{name}: part {member.filename} of the {what} is compressed"
                f" {size // max(member.compress_size, 1):,} to 1 (a zip bomb?)"
            )
        total += size
    if total > limits.max_total:
        raise ExportError(
            f"{name}: the {what} inflates to {total:,} bytes, more than the"
            f" {limits.max_total:,} allowed (a zip bomb?)"
        )
    present = {member.filename for member in members}
    for part in required:
        if part not in present:
            raise ExportError(f"{name}: the {what} has no {part}: is it the right kind of file?")
