"""Images named in a document: found next to it, never outside its folder, of a sane size."""

from __future__ import annotations

from pathlib import Path

from sopmodel.diagnostics import Loc, format_loc
from sopmodel.exporters.base import ExportError
from sopmodel.model import Document
from sopmodel.source import origin_of

__all__ = ["IMAGE_SUFFIXES", "MAX_IMAGE_BYTES", "document_folder", "image_file", "named_file"]

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff")
"""The picture formats Office files can embed."""
MAX_IMAGE_BYTES = 20 * 1024 * 1024
"""Larger pictures are refused: they would bloat every copy of the document."""


def _where(document: Document, loc: Loc) -> str:
    origin = origin_of(document)
    if origin is None:
        return format_loc(loc)
    line, col = origin.locate(loc)
    return f"{origin.file}:{line}:{col}"


def document_folder(document: Document) -> Path:
    """Return the folder of the document's file (resolved), or the current one."""
    origin = origin_of(document)
    return (Path(origin.file).parent if origin else Path.cwd()).resolve()


def named_file(document: Document, relative: str) -> Path | None:
    """Return the file a document names by a path relative to it (a picture, an attachment)
    when it is a file inside the document's folder, else None: a file outside is never
    read, whatever `..` or link leads there (SOP112 names it)."""
    folder = document_folder(document)
    path = (folder / relative).resolve()
    return path if path.is_relative_to(folder) and path.is_file() else None


def image_file(document: Document, relative: str, loc: Loc) -> Path:
    """Return the image file a document names, or raise ExportError saying where and why."""
    folder = document_folder(document)
    path = (folder / relative).resolve()
    where = _where(document, loc)
    if not path.is_relative_to(folder):
        raise ExportError(
            f"{where}: image {relative!r} is outside the document's folder"
            f" ({folder}): copy it next to the document"
        )
    if not path.is_file():
        raise ExportError(f"{where}: image {relative!r} not found (looked for {str(path)!r})")
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        raise ExportError(
            f"{where}: image {relative!r} is not a picture Office can embed:"
            f" use {', '.join(IMAGE_SUFFIXES)}"
        )
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        raise ExportError(
            f"{where}: image {relative!r} is {size / 1e6:.0f} MB, more than the"
            f" {MAX_IMAGE_BYTES / 1e6:.0f} MB allowed: make it smaller"
        )
    return path
