"""Images named in a document: found next to it, never outside its folder, of a sane size."""

from __future__ import annotations

from pathlib import Path

from sopmodel.diagnostics import Loc, format_loc
from sopmodel.exporters.base import ExportError
from sopmodel.model import Document
from sopmodel.source import origin_of

__all__ = ["IMAGE_SUFFIXES", "MAX_IMAGE_BYTES", "image_file"]

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


def image_file(document: Document, relative: str, loc: Loc) -> Path:
    """Return the image file a document names, or raise ExportError saying where and why."""
    origin = origin_of(document)
    folder = (Path(origin.file).parent if origin else Path.cwd()).resolve()
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
