"""Shared writing rules: reproducible timestamps, output names, normalised zip containers."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import zipfile
from pathlib import Path
from typing import Any, NamedTuple

from sopmodel.exporters.base import LOG, ExportError
from sopmodel.i18n import Labels, format_date
from sopmodel.model import Document, Plan
from sopmodel.views import plain

__all__ = [
    "FALLBACK_TIME",
    "ZIP_FIRST",
    "ZIP_LAST",
    "DocumentProperties",
    "document_properties",
    "export_time",
    "graphviz_missing",
    "normalize_zip",
    "normalized_zip",
    "output_path",
    "page_paths",
    "printed_date",
    "printed_line",
]

FALLBACK_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
"""The time written into outputs of a document that carries no date at all."""
ZIP_FIRST = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
"""The earliest time a zip entry can carry (MS-DOS dates)."""
ZIP_LAST = dt.datetime(2107, 12, 31, 23, 59, 58, tzinfo=dt.UTC)
"""The latest time a zip entry can carry: later dates are written as this one."""


def _source_epoch() -> dt.datetime | None:
    """Return the time SOURCE_DATE_EPOCH gives, or None when it is not set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    try:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise ValueError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds") from None


def printed_date() -> dt.date:
    """Return the date a "Printed on" line shows: SOURCE_DATE_EPOCH's, else today's (UTC)."""
    epoch = _source_epoch()
    return (epoch or dt.datetime.now(dt.UTC)).date()


def printed_line(labels: Labels, date: dt.date) -> str:
    """Return the neutral line `-O printed=true` adds: "Printed on 26 November 2026"."""
    return labels.format("printed_on", date=format_date(date, labels.language))


def export_time(document: Document) -> dt.datetime:
    """Return the time to write into an output: SOURCE_DATE_EPOCH, else the document's own date.

    The document's date is its latest revision, review or effective date (a plan's start),
    so that the same input always gives the same bytes.
    """
    epoch = _source_epoch()
    if epoch:
        return epoch
    if isinstance(document, Plan):
        dates = [document.start]
    else:
        dates = [r.date for r in document.revisions]
        dates += [d for d in (document.effective,) if d]
        if document.review and document.review.last_reviewed:
            dates.append(document.review.last_reviewed)
    if not dates:
        return FALLBACK_TIME
    return dt.datetime.combine(max(dates), dt.time(), tzinfo=dt.UTC)


class DocumentProperties(NamedTuple):
    """What an Office file's properties say of the document: nothing about the tool."""

    title: str
    subject: str
    author: str


def document_properties(document: Document) -> DocumentProperties:
    """Return the title, subject (objective, else id) and author (owner, else organization)."""
    owner = next((r for r in document.roles if r.id == document.owner), None)
    author = (owner and (owner.holder or owner.name)) or document.organization or ""
    objective = getattr(document, "objective", None)
    subject = plain(objective, str(document.language)) if objective else document.id
    return DocumentProperties(
        f"{document.id} {document.title}"[:255], " ".join(subject.split())[:255], author[:255]
    )


def describe_office_file(
    properties: Any, document: Document, language_tag: str, when: dt.datetime
) -> None:
    """Fill the core properties of a .docx or .pptx (python-docx and python-pptx share them):
    what the document is, its language and date, and no tool credit left by a template."""
    properties.title, properties.subject, properties.author = document_properties(document)
    properties.last_modified_by = properties.comments = properties.keywords = ""
    properties.category = ""
    properties.language = language_tag
    properties.created = properties.modified = when.replace(tzinfo=None)
    properties.revision = 1


def output_path(document: Document, format: str, folder: Path) -> Path:
    """Return the file an export of the document in a format is written to in a folder."""
    return folder / f"{document.id}.{format}"


def folder_named(to: str | os.PathLike[str]) -> Path | None:
    """Return `to` made as a folder when it names one (an existing folder, a path ending
    with a separator, or a name without suffix), else None: `to` is then a file name."""
    target = Path(to)
    if not (target.is_dir() or os.fspath(to).endswith(os.sep) or not target.suffix):
        return None
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"{target}: cannot write there: {error.strerror or error}") from None
    return target


def page_paths(target: Path, count: int) -> list[Path]:
    """Return the files of an output of count pages: target, then target-2, target-3..."""
    return [target] + [
        target.with_name(f"{target.stem}-{number}{target.suffix}") for number in range(2, count + 1)
    ]


def normalize_zip(path: Path, when: dt.datetime) -> None:
    """Rewrite a zip container (docx, pptx, xlsx) with every entry dated `when`, in place."""
    data = normalized_zip(path.read_bytes(), when)
    temporary = path.with_name(path.name + ".zip-tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def normalized_zip(data: bytes, when: dt.datetime) -> bytes:
    """Return a zip container (docx, pptx, xlsx) with every entry dated `when`."""
    stamp = min(max(when, ZIP_FIRST), ZIP_LAST).timetuple()[:6]
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = [(info, source.read(info.filename)) for info in source.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info, content in entries:
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            fixed.create_system = 3
            target.writestr(fixed, content, compresslevel=6)
    return out.getvalue()


def graphviz_missing(document_id: str, what: str) -> bool:
    """Return True, with one warning saying what is left out of a document, when Graphviz's
    `dot` is not installed."""
    if shutil.which("dot") is not None:
        return False
    LOG.warning(
        "%s: the %s is left out of the Word document: install Graphviz"
        " (apt-get install graphviz) to include it",
        document_id,
        what,
    )
    return True
