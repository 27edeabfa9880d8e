"""Read a filled procedure checklist back: who performed and who verified it, and when.

The checklist (`sopmodel export PROC --to xlsx`) opens as a paper form: under the two lines
of its title block, a row of boxes for the operator (name, date, signature) and one for the
verifier. A name or a date is typed over the box's label (or after it: "Operator: Julie").
The workbook comes from other hands: it is checked as an untrusted Office file first, as a
tracker is (`check_workbook`), read in read-only mode, and only the boxes are read.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import warnings
from dataclasses import dataclass, field
from typing import Any

from sopmodel.exporters.base import ExportError
from sopmodel.exporters.workbook import DOCUMENT_PROPERTY, VERSION_PROPERTY
from sopmodel.exporters.workbook.checklist import CHECKLIST_TABLE, FIELD_SPANS
from sopmodel.exporters.workbook.read import TrackerError, check_workbook, find_table
from sopmodel.i18n import labels
from sopmodel.model import Procedure, Reading, ReadingKind, Records
from sopmodel.model.bounds import FIRST_DATE, LAST_DATE
from sopmodel.model.versions import compare_versions
from sopmodel.rules.training import procedure_facts

__all__ = [
    "FORM_ROWS",
    "ChecklistError",
    "FilledChecklist",
    "Signer",
    "checklist_readings",
    "read_checklist",
]

FORM_ROWS = {"performed": 4, "verified": 5}
"""The rows of the operator's and the verifier's boxes: after the title block's two lines
and an empty row (`checklist_form.field_rows`)."""
_NAME_COLUMN, _DATE_COLUMN = FIELD_SPANS[0][0], FIELD_SPANS[1][0]
_BOX_LABELS = {
    "performed": ("form_operator",),
    "verified": ("form_verified_by",),
}
_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


class ChecklistError(ExportError):
    """A checklist that cannot be read, or that was written for another procedure or version."""


@dataclass(frozen=True)
class Signer:
    """A name and a date typed in a box of the form: who performed or verified, and when."""

    role: str
    """performed (the operator's box) or verified (the verifier's box)."""
    name: str
    date: dt.date | None
    cell: str
    """Where the name was read: Checklist!A4."""


@dataclass
class FilledChecklist:
    """What a filled checklist says: which procedure and version, who signed, what is wrong."""

    file: str
    document: str | None
    version: str | None
    signers: list[Signer] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """One line per box that could not be read: Checklist!E4: why."""


def _box_labels(role: str) -> set[str]:
    """Return the label a box shows in every language, casefolded."""
    return {labels(lang)[key].casefold() for lang in ("en", "fr") for key in _BOX_LABELS[role]}


def _date_labels() -> set[str]:
    return {labels(lang)["date"].casefold() for lang in ("en", "fr")}


def _without_label(value: Any, known: set[str]) -> str:
    """Return what was typed in a box: its text without the box's label, or ''."""
    if value is None:
        return ""
    text = " ".join(str(value).split())
    folded = text.casefold()
    for label in sorted(known, key=len, reverse=True):
        if folded.startswith(label):
            text = text[len(label) :].lstrip(" :\u00a0\u202f-–—")
            break
    return text.strip()


def _date(value: Any) -> dt.date | str:
    """Return the date typed in a date box, or why it is not one ('' for an empty box)."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        if not FIRST_DATE <= value <= LAST_DATE:
            return f"{value.isoformat()} is not a date between {FIRST_DATE} and {LAST_DATE}"
        return value
    text = _without_label(value, _date_labels())
    if not text:
        return ""
    found = _DAY_FIRST.fullmatch(text)
    try:
        if found:
            day, month, year = map(int, found.groups())
            return _date(dt.date(year, month, day))
        return _date(dt.date.fromisoformat(text))
    except ValueError:
        return f"{text!r} is not a date: type 2026-11-20 or 20/11/2026"


def read_checklist(path: str | os.PathLike[str]) -> FilledChecklist:
    """Return who performed and verified the procedure of a filled checklist, and when.

    Raise ChecklistError (one line naming the file) when it is not a checklist that can be read.
    """
    from openpyxl import load_workbook

    name = os.fspath(path)
    try:
        check_workbook(name, "checklist")
    except ExportError as error:
        raise ChecklistError(str(error)) from None
    try:
        with open(name, "rb") as handle, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = load_workbook(handle, read_only=True, data_only=True)
            try:
                document = _property(book, DOCUMENT_PROPERTY)
                filled = FilledChecklist(name, document, _property(book, VERSION_PROPERTY))
                found = find_table(book, CHECKLIST_TABLE)
                if found is None:
                    raise ChecklistError(
                        f"{name}: no table named {CHECKLIST_TABLE!r}: is it a procedure's"
                        " checklist written by sopmodel (`sopmodel export PROC --to xlsx`)?"
                    )
                _read_boxes(found[0], filled)
            finally:
                book.close()
    except (ChecklistError, TrackerError):
        raise
    except Exception as error:  # openpyxl raises anything on a damaged file
        text = " ".join(str(error).split())[:200]
        raise ChecklistError(
            f"{name}: the checklist cannot be read: {type(error).__name__}: {text}"
        ) from None
    return filled


def _property(book: Any, wanted: str) -> str | None:
    for prop in book.custom_doc_props:
        if prop.name == wanted and isinstance(prop.value, str):
            return prop.value.strip() or None
    return None


def _read_boxes(sheet: Any, filled: FilledChecklist) -> None:
    """Read the name and date of the operator's and the verifier's boxes."""
    from openpyxl.utils import get_column_letter

    first, last = min(FORM_ROWS.values()), max(FORM_ROWS.values())
    rows = list(sheet.iter_rows(first, last, 1, _DATE_COLUMN, values_only=True))
    for role, row in FORM_ROWS.items():
        values = rows[row - first] if row - first < len(rows) else ()
        name_value = values[_NAME_COLUMN - 1] if len(values) >= _NAME_COLUMN else None
        date_value = values[_DATE_COLUMN - 1] if len(values) >= _DATE_COLUMN else None
        cell = f"{sheet.title}!{get_column_letter(_NAME_COLUMN)}{row}"
        date_cell = f"{sheet.title}!{get_column_letter(_DATE_COLUMN)}{row}"
        who = _without_label(name_value, _box_labels(role))
        when = _date(date_value)
        if not who:
            if isinstance(when, dt.date):
                filled.problems.append(f"{cell}: a date but no name; the box is not read")
            continue
        if isinstance(when, str):
            reason = when or "no date"
            filled.problems.append(f"{date_cell}: {reason} for {who}; {who} is not recorded")
            continue
        filled.signers.append(Signer(role, who, when, cell))


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def checklist_readings(
    filled: FilledChecklist, procedure: Procedure, records: Records
) -> tuple[list[Reading], list[str]]:
    """Return the readings a filled checklist adds to records (the operator performed the
    procedure, the verifier verified it), with the fingerprints of the steps of each
    person's roles, and the problems (boxes not read, names not among the people).

    Raise ChecklistError when the checklist was written for another procedure or version.
    """
    if filled.document != procedure.id:
        said = repr(filled.document) if filled.document else "no procedure (it does not say)"
        raise ChecklistError(
            f"{filled.file}: the checklist was written for {said}, not for procedure {procedure.id}"
        )
    if filled.version is None or compare_versions(filled.version, procedure.version) != 0:
        said = f"version {filled.version}" if filled.version else "a version it does not say"
        raise ChecklistError(
            f"{filled.file}: the checklist was written for {said} of {procedure.id}, not for"
            f" the current {procedure.version}: have the current checklist filled"
            f" (`sopmodel export {procedure.id} --to xlsx`)"
        )
    by_name = {_folded(p.name): p for p in records.people}
    by_name.update({_folded(p.id): p for p in records.people})
    facts = procedure_facts(procedure)
    readings: list[Reading] = []
    problems = list(filled.problems)
    source = os.path.basename(filled.file)
    for signer in filled.signers:
        person = by_name.get(_folded(signer.name))
        if person is None:
            problems.append(
                f"{signer.cell}: {signer.name!r} is not among the people of {records.id}:"
                " add them (with their roles) under people, or correct the name"
            )
            continue
        roles = set(person.roles)
        steps = {k: s.fingerprint for k, s in facts.steps.items() if roles & set(s.roles)}
        readings.append(
            Reading(
                person=person.id,
                procedure=procedure.id,
                version=procedure.version,
                date=signer.date,
                activity=ReadingKind(signer.role),
                steps=steps,
                source=source,
            )
        )
    return readings, problems
