"""Refreshers: a short deck (pptx) or a one-page change notice (docx) of what changed
between two versions of a procedure, from the comparison `sopmodel.changes` makes."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sopmodel.changes import ChangesError, compare
from sopmodel.exporters.base import Destination, ExportError, MissingDependency
from sopmodel.exporters.outputs import inputs_of, place_pages, source_of
from sopmodel.exporters.registry import exporter_for
from sopmodel.exporters.slides import SlidesOptions
from sopmodel.exporters.textsafety import xml_safe
from sopmodel.exporters.writing import folder_named
from sopmodel.i18n import labels as labels_for
from sopmodel.model import Document, Procedure
from sopmodel.views.refresher import Refresher, refresher

__all__ = [
    "REFRESHER_FORMATS",
    "NothingChanged",
    "export_refresher",
    "refresher_of",
    "refresher_settings",
]

REFRESHER_FORMATS = ("pptx", "docx")
"""What a refresher is written as: a deck to project, a notice to circulate."""


QUIZ_QUESTIONS = 4
"""The questions a refresher deck asks on what changed, at most, unless told otherwise."""


class NothingChanged(ExportError):
    """Two versions that say the same to a reader: there is nothing to teach."""


def refresher_of(old: Document, new: Document, language: str, questions: int = 4) -> Refresher:
    """Return the refresher of a change between two versions of a procedure, or raise
    NothingChanged (one line) when no step or content changed."""
    if not isinstance(old, Procedure) or not isinstance(new, Procedure):
        raise ExportError(f"a refresher compares two procedures, not a {old.kind} and a {new.kind}")
    if old.id != new.id:
        raise ExportError(
            f"the two versions are of different procedures ({old.id} and {new.id}):"
            " --since names an older version of the same procedure"
        )
    try:
        changes = compare(old, new)
    except ChangesError as error:
        raise ExportError(str(error)) from None
    made = refresher(old, new, changes, labels_for(language), questions)
    if not made.steps and not made.others:
        raise NothingChanged(
            f"{new.id}: nothing changed for a reader between version {old.version} and"
            f" version {new.version} (at most a typo or a layout change): there is no"
            " refresher to make"
        )
    return made


def _render(made: Refresher, format: str, settings: Any) -> bytes:
    """Write the deck or the notice in a scratch folder; return its bytes."""
    document = made.procedure
    with tempfile.TemporaryDirectory(prefix="sopmodel-refresher-") as scratch:
        destination = Destination(Path(scratch), document.id, format)
        if format == "pptx":
            from sopmodel.exporters.slides.refresher import write_refresher_deck

            write_refresher_deck(made, destination, settings)
        else:
            from sopmodel.exporters.word.change_notice import write_change_notice

            write_change_notice(made, destination, settings)
        return destination.path.read_bytes()


def refresher_name(old: Procedure, new: Procedure, format: str) -> str:
    """Return the file name of a refresher: LAB-031-2.0.0-to-2.1.0.pptx."""
    span = f"{old.version}-to-{new.version}"
    safe = "".join(ch if ch.isalnum() or ch in ".-_" else "-" for ch in span)
    return f"{new.id}-{safe}.{format}"


def refresher_settings(format: str, options: dict[str, Any]) -> Any:
    """Return the validated options of a refresher in a format (those of the slides or Word
    exporter); raise ExportError for another format or an option neither takes, and
    MissingDependency when the format's library is not installed."""
    if format not in REFRESHER_FORMATS:
        raise ExportError(
            f"a refresher (--since) is a pptx deck or a docx change notice, not {format}:"
            " use --to pptx or --to docx"
        )
    exporters = {f: exporter_for(f) for f in REFRESHER_FORMATS}
    known = sorted({key for e in exporters.values() for key in e.options.model_fields})
    unknown = sorted(set(options) - set(known))
    if unknown:
        raise ExportError(
            f"no refresher takes the option {unknown[0]!r}: known options are {', '.join(known)}"
        )
    exporter = exporters[format]
    missing = exporter.missing(format)
    if missing:
        raise MissingDependency("; ".join(missing))
    try:
        return exporter.options.model_validate(exporter.options.own(options))
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        raise ExportError(f"bad option for the {format} refresher: {problems}") from None


def export_refresher(
    old: Document,
    new: Document,
    format: str,
    to: str | os.PathLike[str] = ".",
    **options: Any,
) -> Path:
    """Write the refresher of a change from `old` to `new`: a deck (pptx) or a one-page
    change notice (docx), into a folder (named ID-OLD-to-NEW.pptx) or to a file name;
    return the file written. Options are those of the slides or Word exporter (lang,
    template, font, quiz_questions...). Raises ExportError, NothingChanged when there is
    nothing to refresh."""
    settings = refresher_settings(format, options)
    new, old = xml_safe(new), xml_safe(old)
    language = str(settings.lang or new.language)
    questions = 0
    if isinstance(settings, SlidesOptions):  # a short quiz unless asked otherwise
        asked = "quiz_questions" in settings.model_fields_set
        questions = settings.quiz_questions if asked else QUIZ_QUESTIONS
    made = refresher_of(old, new, language, questions)
    target = Path(to)
    folder = folder_named(to)
    if folder is not None:
        assert isinstance(old, Procedure) and isinstance(new, Procedure)
        target = folder / refresher_name(old, new, format)
    inputs = inputs_of(new, [getattr(settings, "template", None)]) + inputs_of(old)
    data = _render(made, format, settings)
    return place_pages(target, [data], inputs, source_of(new))[0]
