"""The change notice of a new version: one page to circulate, from change_notice.docx.

The variables its template sees are listed in docs/word-templates.md ("Change notice").
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docxtpl import RichText

from sopmodel.exporters.base import Destination
from sopmodel.exporters.officefile import TEMPLATE_LIMITS, check_office_file
from sopmodel.exporters.word import TEMPLATES, WordOptions
from sopmodel.exporters.word.context import typeset_values
from sopmodel.exporters.word.render import write_template
from sopmodel.exporters.word.richtext import RichWriter, tint
from sopmodel.exporters.writing import printed_date, printed_line
from sopmodel.i18n import Labels
from sopmodel.i18n import labels as labels_for
from sopmodel.i18n.typography import typeset
from sopmodel.views import SIGNAL_COLOURS, rich, signal_word
from sopmodel.views.refresher import Edit, Refresher
from sopmodel.views.richtext import lines
from sopmodel.views.wording import Piece

__all__ = ["NOTICE_TEMPLATE", "notice_context", "write_change_notice"]

NOTICE_TEMPLATE = TEMPLATES / "change_notice.docx"
"""The default template of the change notice."""
ADDED_INK = "1E7B34"
"""The words a change added are bold in this green; those it removed struck through in
REMOVED_INK (both above 4.5:1 on white)."""
REMOVED_INK = "B3261E"
CALLOUT_TINT = 0.2
"""How much of its level's colour the background of a new note's text takes."""


def _pieces(into: RichText, pieces: tuple[Piece, ...], mark: str, language: str) -> None:
    for piece in pieces:
        text = typeset(piece.text, language)
        if piece.changed and mark == "added":
            into.add(text, bold=True, color=ADDED_INK)
        elif piece.changed:
            into.add(text, strike=True, color=REMOVED_INK)
        else:
            into.add(text)


def _change(edit: Edit, labels: Labels) -> RichText:
    """Return what an edit is: 'Check', a note's signal word in its colour, 'Sub-step a'."""
    cell = RichText()
    if edit.where and edit.aspect != "substep":
        cell.add(labels.format("change_substep_of", step=edit.where) + "\n", italic=True)
    if edit.aspect == "note" and edit.level is not None:
        fill, ink = SIGNAL_COLOURS[edit.level]
        word = signal_word(edit.level, labels).replace(" ", "\u00a0")  # one band, unbroken
        cell.add(f"\u00a0{word}\u00a0", bold=True, color=ink, highlight=fill)
        tag = labels["refresher_new" if edit.added else "refresher_gone"]
        cell.add(f" {tag}")
        return cell
    cell.add(edit.label, bold=True)
    return cell


def _side(edit: Edit, after: bool, language: str) -> RichText:
    cell = RichText()
    pieces = edit.after if after else edit.before
    if edit.added or edit.removed or edit.aspect == "note":
        pieces = tuple(Piece(p.text, True) for p in pieces)
    if edit.aspect == "note" and edit.added and edit.level is not None:
        shade = tint(SIGNAL_COLOURS[edit.level][0], CALLOUT_TINT)  # as the training deck's
        for piece in pieces:
            cell.add(typeset(piece.text, language), bold=True, highlight=shade)
        return cell
    _pieces(cell, pieces, "added" if after else "removed", language)
    return cell


def _rows(made: Refresher, labels: Labels) -> list[dict[str, Any]]:
    """Return the table of changes: one row an edit; a new or removed step one row."""
    language = labels.language
    rows: list[dict[str, Any]] = []
    for step in made.steps:
        if step.kind != "changed":
            kind = RichText()
            kind.add(labels[f"change_kind_{step.kind}"], bold=True)
            title = RichText()
            title.add(typeset(step.title, language), bold=step.kind == "added",
                      strike=step.kind == "removed")  # fmt: skip
            empty = RichText()
            before, after = (title, empty) if step.kind == "removed" else (empty, title)
            rows.append({"step": step.label, "change": kind, "before": before, "after": after})
        for edit in step.edits:
            rows.append(
                {
                    "step": "" if step.kind != "changed" else step.label,
                    "change": _change(edit, labels),
                    "before": _side(edit, False, language),
                    "after": _side(edit, True, language),
                }
            )
    for edit in made.others:
        rows.append(
            {
                "step": "",
                "change": _change(edit, labels),
                "before": _side(edit, False, language),
                "after": _side(edit, True, language),
            }
        )
    return rows


def _why(made: Refresher, labels: Labels) -> RichText:
    """Return the revision note as one run of text (the title block keeps it short)."""
    cell = RichText()
    text = " ".join(lines(rich(made.why, labels.language))) if made.why else ""
    if text:
        cell.add(text)
    else:
        cell.add(labels.format("refresher_no_why", version=made.new_version), italic=True)
    return cell


def _holders(made: Refresher) -> dict[str, str]:
    """Return who holds each role, by its name ('Lab manager': 'Dr. Amal Haddad')."""
    return {r.name: r.holder for r in made.procedure.roles if r.holder}


def notice_context(made: Refresher, labels: Labels, printed: str) -> dict[str, Any]:
    """Return what the change notice template sees."""
    procedure = made.procedure
    holders = _holders(made)
    roles = [f"{name} ({holders[name]})" if name in holders else name for name in made.roles]
    versions = labels.format("refresher_versions", old=made.old_version, new=made.new_version)
    values = {
        "labels": dict(labels),
        "doc": {
            "id": procedure.id,
            "title": procedure.title,
            "version": procedure.version,
            "note": versions,
        },
        "notice": {
            "title": labels["change_notice"],
            "versions": versions.split(" ", 1)[1] if " " in versions else versions,
            "date": made.date,
            "author": made.author,
            "roles": ", ".join(roles) if roles else labels["change_reread_none"],
            "acknowledge": labels.format("change_acknowledge_lead", version=made.new_version),
        },
        "acknowledgements": [{"role": name} for name in made.roles] or [{"role": ""}],
        "printed": printed,
    }
    context: dict[str, Any] = typeset_values(values, labels.language)
    context["notice"]["why"] = _why(made, labels)
    context["changes"] = _rows(made, labels)
    return context


def _template(options: WordOptions) -> Path:
    """Return the notice's template: a custom one is checked as untrusted input first."""
    if options.template is None:
        return NOTICE_TEMPLATE
    check_office_file(options.template, "Word template", TEMPLATE_LIMITS,
                      required=["word/document.xml"])  # fmt: skip
    return options.template


def write_change_notice(made: Refresher, destination: Destination, options: WordOptions) -> None:
    """Write the change notice of a refresher to destination.path."""
    labels = labels_for(str(options.lang or made.procedure.language))
    printed = printed_line(labels, printed_date()) if options.printed else ""

    def context_of(_template_: Any, _writer: RichWriter) -> dict[str, Any]:
        return notice_context(made, labels, printed)

    write_template(made.procedure, _template(options), context_of, destination, options)
