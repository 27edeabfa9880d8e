"""Refreshers of every example procedure changed in every way a person changes one: nothing
the comparison reports is lost, and every slide fits."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from sopmodel.changes import StepChangeKind, compare
from sopmodel.exporters.refresher import export_refresher
from sopmodel.model import Note, NoteLevel, Procedure, Step
from sopmodel.source import load
from tests.conftest import valid_examples
from tests.test_slides import _overflows

PROCEDURES = [p for p in valid_examples() if isinstance(load(p), Procedure)]


def _changed(procedure: Procedure) -> Procedure:
    """Return a new version: a step reworded, a warning on a sub-step (or a step), a step
    reassigned, one removed, one added, and a KPI retargeted."""
    steps = [step.model_copy(deep=True) for step in procedure.steps]
    steps[0] = steps[0].model_copy(update={"title": steps[0].title + " and sign the form"})
    host = next((s for s in steps if s.substeps), steps[-1])
    note = Note(level=NoteLevel.warning, text="Wear cut-resistant gloves from here on.")
    if host.substeps:
        sub = host.substeps[-1]
        host.substeps[-1] = sub.model_copy(update={"notes": [*sub.notes, note]})
    else:
        host.notes.append(note)
    roles = [role.id for role in procedure.roles]
    if len(roles) > 1 and len(steps) > 1:
        other = next(r for r in roles if r != steps[1].lead_role)
        steps[1] = steps[1].model_copy(update={"role": other})
    targets = {b.goto for s in steps for b in s.decision or ()} | {s.next for s in steps}
    removable = [s for s in steps[2:] if s.id not in targets and not s.end]
    if removable:
        steps.remove(removable[-1])
    steps.append(Step(title="Archive the signed form in the shared folder", role=roles[0]))
    quality = procedure.quality
    if quality.kpis:
        kpi = quality.kpis[0]
        target = (kpi.target or 0) + 1
        quality = quality.model_copy(update={"kpis": [kpi.model_copy(update={"target": target}),
                                                      *quality.kpis[1:]]})  # fmt: skip
    return procedure.model_copy(update={"steps": steps, "version": "9.9.9", "quality": quality})


def _text(path: Path) -> str:
    texts = []
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
    return " ".join(" ".join(texts).split())


@pytest.mark.parametrize("path", PROCEDURES, ids=lambda p: p.stem)
def test_nothing_the_change_says_is_lost(path: Path, tmp_path: Path) -> None:
    old = load(path)
    assert isinstance(old, Procedure)
    new = _changed(old)
    deck = export_refresher(old, new, "pptx", tmp_path, quiz_questions=0)
    assert _overflows(deck) == []
    seen = _text(deck)
    changes = compare(old, new)
    inherited = {c.new_loc for c in changes.steps if StepChangeKind.reassigned in c.kinds}
    for change in changes.steps:
        if not change.substantive:
            continue
        if change.kinds == (StepChangeKind.reassigned,) and change.new_loc[:-2] in inherited:
            continue  # a sub-step that follows its step's new role: the step's slide says it
        assert _key(change.title)[:40] in _key(seen), change.key
    assert "Wear cut-resistant gloves from here on." in seen
    assert "Archive the signed form in the shared folder" in seen
    assert "and sign the form" in seen
    for item in changes.items:
        assert _key(item.label)[:30] in _key(seen), item.key


def _key(text: str) -> str:
    """Return text as compared: letters and digits only (typography changes quotes)."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())
