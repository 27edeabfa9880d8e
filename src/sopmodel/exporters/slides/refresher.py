"""What a refresher deck says, slide by slide: only what changed between two versions.

A cover (procedure, from version, to version, date), why (the new version's revision note),
one slide a changed step ("before" and "now", the words that changed marked), the new
steps as the training deck shows them, the removed steps, other changes, then a short quiz
on the changed steps. Every edit of `views.refresher` is on a slide.
"""

from __future__ import annotations

from pathlib import Path

from sopmodel.exporters.base import Destination
from sopmodel.exporters.slides import SlidesOptions
from sopmodel.exporters.slides.deck import Fonts, Geometry, Para, Run, Sizes, Slide, para
from sopmodel.exporters.slides.paras import band_run, labelled
from sopmodel.exporters.slides.procedure_deck import quiz_slides, step_paras, sub_label
from sopmodel.exporters.slides.richtext import block_paras
from sopmodel.exporters.slides.session import MINUTES
from sopmodel.exporters.slides.writer import SlideWriter
from sopmodel.i18n import Labels
from sopmodel.model import Layout
from sopmodel.views import rich, signal_word, step_texts
from sopmodel.views.refresher import Edit, Refresher, StepEdit
from sopmodel.views.wording import Piece

__all__ = ["edit_paras", "refresher_deck", "write_refresher_deck"]

SHORT = frozenset({"role", "duration", "within", "decision", "flow", "moved", "image"})
"""Edits shown on one line, "before → now": a role, a time, where a case leads."""


def _runs(pieces: tuple[Piece, ...], mark: str) -> list[Run]:
    """Return pieces as runs, the changed ones marked (and bold when added)."""
    return [
        Run(p.text, bold=p.changed and mark == "added", mark=mark if p.changed else None)
        for p in pieces
    ]


def _whole(pieces: tuple[Piece, ...], mark: str) -> tuple[Piece, ...]:
    return tuple(Piece(p.text, True) for p in pieces) if mark else pieces


def edit_paras(edit: Edit, level: int, labels: Labels) -> list[Para]:
    """Return an edit as paragraphs: a note with its signal word on its colour; a short
    edit on one line, "label: before → now"; a longer one as "Before:" then "Now:"."""
    label = Run(labels.format("labelled", label=edit.label, text=""), bold=True)
    if edit.aspect == "note" and edit.level is not None:  # on its level's tint, as in training
        tag = labels["refresher_new" if edit.added else "refresher_gone"]
        word = band_run(edit.level.value, signal_word(edit.level, labels))
        mark = None if edit.added else "removed"
        text = [Run(p.text, mark=mark) for p in edit.after or edit.before]
        tag_run = Run(labels.format("labelled", label=tag, text=""), bold=True)
        return [Para(level, (word, Run(" "), tag_run, *text), bullet=False)]
    if edit.added or edit.removed:
        mark = "added" if edit.added else "removed"
        tag = labels["refresher_new" if edit.added else "refresher_gone"]
        head = Run(labels.format("labelled", label=f"{edit.label} ({tag.lower()})", text=""),
                   bold=True)  # fmt: skip
        return [Para(level, (head, *_runs(_whole(edit.after or edit.before, mark), mark)),
                     bullet=False)]  # fmt: skip
    if edit.aspect in SHORT:
        before = _runs(edit.before, "removed")
        after = _runs(edit.after, "added")
        return [Para(level, (label, *before, Run(" → "), *after), bullet=False)]
    was = Run(labels.format("labelled", label=labels["refresher_was"], text=""), bold=True)
    now = Run(labels.format("labelled", label=labels["refresher_now"], text=""), bold=True)
    return [
        Para(level, (label,), bullet=False, keep=True),
        Para(level + 1, (was, *_runs(edit.before, "removed")), bullet=False),
        Para(level + 1, (now, *_runs(edit.after, "added")), bullet=False),
    ]


def _step_body(step: StepEdit, labels: Labels) -> list[Para]:
    """Return the edits of a changed step, those of each sub-step under its heading."""
    body: list[Para] = []
    place = None
    for edit in step.edits:
        if edit.where and edit.aspect != "substep" and edit.where != place:
            heading = labels.format("change_substep_of", step=edit.where)
            title = f" · {edit.context}" if edit.context else ""
            body.append(Para(0, (Run(heading + title, bold=True),), bullet=False, keep=True))
        place = edit.where
        level = 1 if edit.where and edit.aspect != "substep" else 0
        body += edit_paras(edit, level, labels)
    return body


def _new_step(deck: SlideWriter, refresher: Refresher, step: StepEdit) -> None:
    """Add a new step as the training deck shows it: at every depth, with its notes."""
    labels, procedure = deck.labels, refresher.procedure
    index = int(step.number) - 1
    texts = [t for t in step_texts(procedure, labels) if t.item.loc[1] == index]
    body: list[Para] = []
    for text in texts:
        if text.item.depth == 0:
            body += step_paras(text, 0, labels)
        else:
            heading = Run(sub_label(text, procedure.layout) + " ", bold=True)
            body.append(Para(text.item.depth, (heading, Run(text.title)), bullet=False, keep=True))
            body += step_paras(text, text.item.depth, labels)
    title = labels.format("refresher_new_step", step=step.label)
    deck.content(f"{title} · {step.title}", body or [para(0, step.title)],
                 minutes=MINUTES["step"], short=title)  # fmt: skip


def _why(deck: SlideWriter, refresher: Refresher) -> None:
    """Add why it changed: the revision note, the steps concerned, who must re-read."""
    labels = deck.labels
    body = block_paras(rich(refresher.why, labels.language), 0) if refresher.why else []
    if not body:
        text = labels.format("refresher_no_why", version=refresher.new_version)
        body = [Para(0, (Run(text, italic=True),), bullet=False)]
    counts = (
        ("refresher_changed", refresher.changed),
        ("refresher_added", refresher.added),
        ("refresher_removed", refresher.removed),
    )
    for key, steps in counts:
        if steps:
            body.append(para(0, labelled(labels, key, ", ".join(s.label for s in steps))))
    if refresher.roles:
        body.append(para(0, labelled(labels, "refresher_reread", ", ".join(refresher.roles))))
    deck.content(labels["refresher_why"], body, minutes=MINUTES["overview"])


def refresher_deck(
    refresher: Refresher, labels: Labels, geometry: Geometry, sizes: Sizes, fonts: Fonts
) -> list[Slide]:
    """Return the slides of a refresher: cover, why, each changed, new and removed step,
    other changes, then the quiz on what changed."""
    deck = SlideWriter(geometry, sizes, fonts, labels)
    procedure = refresher.procedure
    versions = labels.format(
        "refresher_versions", old=refresher.old_version, new=refresher.new_version
    )
    subtitle = [f"{labels['refresher']} · {versions}"]
    subtitle.append(" · ".join(x for x in (procedure.id, refresher.date, refresher.author) if x))
    deck.cover(procedure.title, subtitle, notes=refresher.why)
    _why(deck, refresher)
    for step in refresher.steps:
        if step.kind == "changed":
            heading = f"{labels['step']} {step.label}"
            deck.content(f"{heading} · {step.title}", _step_body(step, labels),
                         minutes=MINUTES["step"], short=heading)  # fmt: skip
        elif step.kind == "added":
            _new_step(deck, refresher, step)
    if refresher.removed:
        body: list[Para] = []
        sep = " " if procedure.layout is Layout.hierarchical else ". "
        for step in refresher.removed:
            body.append(para(0, labelled_line(labels, step, refresher.old_version)))
            body += [para(1, f"{e.where}{sep}{e.context}") for e in step.edits]
        deck.content(labels["refresher_removed"], body, minutes=MINUTES["overview"])
    if refresher.others:
        body = [p for edit in refresher.others for p in edit_paras(edit, 0, labels)]
        deck.content(labels["refresher_other"], body, minutes=MINUTES["overview"])
    quiz_slides(deck, refresher.questions, dividers=True)
    return deck.slides


def labelled_line(labels: Labels, step: StepEdit, version: str) -> str:
    """Return a removed step as 'Step 6 of version 2.0.0: its title'."""
    where = labels.format("refresher_removed_step", step=step.label, version=version)
    return labels.format("labelled", label=where, text=step.title)


def write_refresher_deck(
    refresher: Refresher, destination: Destination, options: SlidesOptions
) -> list[Slide]:
    """Write the refresher deck to destination.path, in the template; return its slides."""
    from sopmodel.exporters.slides.render import deck_fonts, write_deck
    from sopmodel.i18n import labels as labels_for

    labels = labels_for(str(options.lang or refresher.procedure.language))
    fonts = deck_fonts(options)

    def slides_for(geometry: Geometry, _scratch: Path) -> list[Slide]:
        return refresher_deck(refresher, labels, geometry, Sizes(), fonts)

    return write_deck(refresher.procedure, slides_for, destination, options)
