"""Rules on the files a procedure keeps next to it: images and attachments present inside its
folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sopmodel.diagnostics import Loc, Severity
from sopmodel.model import Procedure
from sopmodel.model.content import Attachment
from sopmodel.rules.engine import Context, Finding, all_steps, rule
from sopmodel.source import origin_of

__all__ = ["file_problem"]


def file_problem(folder: Path, path: str) -> str | None:
    """Return 'outside' when path leaves folder (with `..`, as an absolute path or through a
    link), 'missing' when no file is there, and None when the file is inside folder."""
    try:
        found = (folder / path).resolve()
    except (OSError, RuntimeError, ValueError):  # a loop of links, a NUL byte
        return "missing"
    if not found.is_relative_to(folder):
        return "outside"
    return None if found.is_file() else "missing"


def _attachments(document: Procedure, context: Context) -> Iterator[tuple[Loc, Attachment]]:
    for i, item in enumerate(document.attachments):
        yield ("attachments", i), item
    for loc, step in all_steps(document, context):
        for i, item in enumerate(step.attachments):
            yield (*loc, "attachments", i), item


def _folder(document: Procedure) -> Path | None:
    """Return the folder of the procedure's file (None: built in memory, no folder to look in)."""
    origin = origin_of(document)
    return None if origin is None else Path(origin.file).parent.resolve()


@rule("SOP111", "missing-image", Severity.error, ("procedure",))
def missing_image(document: Procedure, context: Context) -> Iterator[Finding]:
    """A step's image is not found next to the procedure, or lies outside its folder.

    The Word document and the deck would stop at this image. Put the picture in the
    procedure's folder (or a folder under it) and give its path relative to the file.
    """
    folder = _folder(document)
    if folder is None:
        return
    for loc, step in all_steps(document, context):
        if step.image is None:
            continue
        problem = file_problem(folder, step.image.path)
        if problem == "outside":
            yield Finding(
                (*loc, "image", "path"),
                f"image {step.image.path!r} is outside the"
                " procedure's folder: copy it next to the procedure",
            )
        elif problem == "missing":
            yield Finding(
                (*loc, "image", "path"),
                f"image {step.image.path!r} not found next to"
                " the procedure: check the path or add the picture",
            )


@rule("SOP112", "missing-attachment", Severity.error, ("procedure",))
def missing_attachment(document: Procedure, context: Context) -> Iterator[Finding]:
    """An attachment is not found next to the procedure, or lies outside its folder.

    Forms, templates and sample letters travel with the procedure: the reader is told to
    use them. Put the file in the procedure's folder (or a folder under it) and give its
    path relative to the procedure file, as for images.
    """
    folder = _folder(document)
    if folder is None:
        return
    for loc, item in _attachments(document, context):
        problem = file_problem(folder, item.path)
        if problem == "outside":
            yield Finding(
                (*loc, "path"),
                f"attachment {item.path!r} is outside the procedure's folder:"
                " copy it next to the procedure and give its relative path",
            )
        elif problem == "missing":
            yield Finding(
                (*loc, "path"),
                f"attachment {item.path!r} not found next to the procedure:"
                " check the path or add the file",
            )
