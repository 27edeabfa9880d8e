"""The safety block a procedure shows on its first page, and its risks coloured by severity:
the template variables `safety`, `safety_rich` and `risks_rich` (see docs/word-templates.md)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sopmodel.exporters.word.richtext import Fragment, RichWriter
from sopmodel.exporters.word.tables import Cell, grid, grid_xml
from sopmodel.exporters.word.wordxml import paragraph, runs
from sopmodel.i18n import Labels
from sopmodel.i18n.typography import typeset
from sopmodel.markup import ListBlock, Paragraph, Text
from sopmodel.model import NoteLevel, Procedure
from sopmodel.model.content import Risk
from sopmodel.views import (
    SIGNAL_COLOURS,
    StepText,
    danger_notes,
    lines,
    needs_safety_first,
    plain,
    protective_equipment,
    rich,
    severity_colours,
    signal_word,
    sorted_risks,
    warned_steps,
)

__all__ = ["RISK_WEIGHTS", "risk_rows", "risks_table", "safety_values"]

RISK_WEIGHTS = (22, 58, 72, 18)
"""Relative widths of the columns severity, risk, mitigation, step."""


def _headers(labels: Labels) -> list[str]:
    return [typeset(labels[k], labels.language) for k in ("severity", "risk", "mitigation", "step")]


def risk_rows(risks: Sequence[Risk], labels: Labels, steps: dict[str, str]) -> list[list[Cell]]:
    """Return risks most severe first as table rows, each severity on its colour."""
    rows = []
    for risk in sorted_risks(risks):
        level = risk.severity.value
        fill, ink = severity_colours(level)
        rows.append(
            [
                Cell(typeset(labels[f"severity_{level}"], labels.language), fill, ink, True),
                Cell(plain(risk.risk, labels.language)),
                Cell(plain(risk.mitigation, labels.language)),
                Cell(steps.get(getattr(risk, "step", None) or "", "")),
            ]
        )
    return rows


def risks_table(
    writer: RichWriter, risks: Sequence[Risk], labels: Labels, steps: dict[str, str]
) -> Fragment:
    """Return the risk table: severities coloured, the step column only when a risk has one."""
    return grid(writer, _headers(labels), risk_rows(risks, labels, steps), RISK_WEIGHTS, (0, 1))


def safety_values(
    procedure: Procedure,
    labels: Labels,
    texts: Sequence[StepText],
    shown_as: Sequence[str],
    writer: RichWriter,
) -> dict[str, Any]:
    """Return `safety` (what the safety block says, as data) and `safety_rich` (the block)."""
    language = labels.language
    steps = {t.step.id: ref for t, ref in zip(texts, shown_as, strict=True) if t.step.id}
    where = {id(t): ref for t, ref in zip(texts, shown_as, strict=True)}
    shown = needs_safety_first(procedure)
    rows = risk_rows(procedure.risks, labels, steps)
    hazards = [
        {
            "severity": row[0].text,
            "level": risk.severity.value,
            "fill": row[0].fill,
            "ink": row[0].ink,
            "risk": row[1].text,
            "mitigation": row[2].text,
            "step": row[3].text,
        }
        for risk, row in zip(sorted_risks(procedure.risks), rows, strict=True)
    ]
    danger_fill, danger_ink = SIGNAL_COLOURS[NoteLevel.danger]
    for found in danger_notes(texts):
        text = "\n".join(lines(rich(found.note.text, language)))
        word = signal_word(NoteLevel.danger, labels)
        place = Cell(where[id(found.text)])
        rows.append([Cell(word, danger_fill, danger_ink, True), Cell(text), Cell(), place])
        hazards.append(
            {
                "severity": word,
                "level": "danger",
                "fill": danger_fill,
                "ink": danger_ink,
                "risk": text,
                "mitigation": "",
                "step": where[id(found.text)],
            }
        )
    equipment = [
        {
            "name": plain(item.name, language),
            "details": plain(item.details, language) if item.details else "",
        }
        for item in protective_equipment(procedure)
    ]
    warned = [
        {
            "step": where[id(text)],
            "title": text.title,
            "level": level.value,
            "signal": signal_word(level, labels),
        }
        for text, level in warned_steps(texts)
    ]
    values = {"shown": shown, "hazards": hazards, "equipment": equipment, "warned": warned}
    if not shown or not (rows or equipment or warned):
        return {"safety": values, "safety_rich": Fragment("")}

    def lead(key: str) -> str:
        bold = runs(typeset(labels[key], language), bold=True)
        return paragraph(bold, keep=True, before_pt=4, after_pt=2)

    parts: list[str] = []
    if rows:
        parts += [lead("hazards"), grid_xml(writer, _headers(labels), rows, RISK_WEIGHTS, (0, 1))]
    if equipment:
        items = tuple(
            (Paragraph((Text(e["name"] + (f" — {e['details']}" if e["details"] else "")),)),)
            for e in equipment
        )
        parts += [lead("requirement_ppe"), writer.rich((ListBlock(False, 1, items),)).xml]
    if warned:
        parts.append(lead("steps_with_warnings"))
        for entry in warned:
            band, ink = SIGNAL_COLOURS[NoteLevel(entry["level"])]
            word = runs(f"\u00a0{entry['signal']}\u00a0", True, ink, band)
            parts.append(paragraph(word + runs(f"  {entry['step']}  {entry['title']}"), after_pt=2))
    return {"safety": values, "safety_rich": Fragment("".join(parts))}
