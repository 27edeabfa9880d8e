"""What a step's box says: its title, guard, roles, timing, repeat, details, checks, notes,
references, and every sub-step at every depth as a hanging outline."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sopmodel.exporters.flowchart.callouts import BAND, callout_rows, reference_rows, rich_cell
from sopmodel.exporters.flowchart.text import Row, Ruler, cell, grid
from sopmodel.i18n import Labels
from sopmodel.model import NoteLevel
from sopmodel.views import HAZARDS, StepText, signal_word

__all__ = [
    "CHECK_COLOR",
    "GUARD_COLOR",
    "REPEAT_COLOR",
    "StepEntry",
    "box_labels",
    "brief_rows",
    "step_tree",
]

CHECK_COLOR = "#1b7a35"
REPEAT_COLOR = "#6b3fa0"
GUARD_COLOR = "#fff1c2"
"""The background of an 'Only if' row."""
FACT_COLOR = "#555555"
DETAIL_COLOR = "#333333"
DECISION_WRAP = 22
"""Characters on a line of a decision's question: a diamond is twice as wide as its text.
A brief box's diamond is as much narrower than its boxes."""
WRAP = 28
"""Characters on a line of a step's text when lanes share the page's width. Sub-steps wrap
at the same width, further right: were they narrower, Graphviz would spread the spare
width between their number and their text."""


@dataclass(frozen=True)
class StepEntry:
    """A step with its sub-steps, as a tree."""

    text: StepText
    children: tuple[StepEntry, ...]

    def levels(self) -> set[NoteLevel]:
        """Return the levels of every note of the step and of its sub-steps."""
        found = {callout.level for callout in self.text.callouts}
        for child in self.children:
            found |= child.levels()
        return found


def step_tree(texts: Sequence[StepText]) -> list[StepEntry]:
    """Return the top-level steps with their sub-steps nested, from texts in reading order."""

    def build(start: int, depth: int) -> tuple[list[StepEntry], int]:
        entries = []
        at = start
        while at < len(texts) and texts[at].item.depth == depth:
            children, after = build(at + 1, depth + 1)
            entries.append(StepEntry(texts[at], tuple(children)))
            at = after
        return entries, at

    return build(0, 0)[0]


def guard_rows(text: StepText, indent: int, width: int) -> list[Row]:
    """Return the 'Only if: ...' row of a conditional step, on its own background, or []."""
    if not text.condition:
        return []
    return [Row(indent, cell(text.condition, width, italic=True), background=GUARD_COLOR)]


def _own_rows(entry: StepEntry, labels: Labels, indent: int, width: int) -> list[Row]:
    """Return the rows of what a step says under its title (not its sub-steps)."""
    text = entry.text
    depth = text.item.depth
    rows: list[Row] = []
    several = len(text.item.roles) > 1
    if text.who and (depth or several):
        rows.append(Row(indent, cell(text.who, width, color=FACT_COLOR)))
    if depth:
        rows += guard_rows(text, indent, width)
    timing = " · ".join(fact for fact in (text.duration, text.within) if fact)
    if timing:
        rows.append(Row(indent, cell(timing, width, color=FACT_COLOR)))
    if text.repeat:
        rows.append(Row(indent, cell(f"↻ {text.repeat}", width, bold=True, color=REPEAT_COLOR)))
    rows += [
        Row(indent, inside, background=background)
        for inside, background in callout_rows(text.callouts, labels, width)
    ]
    if text.details:
        rows.append(Row(indent, rich_cell(text.details, width, DETAIL_COLOR)))
    if text.check:
        check = labels.format("labelled", label=f"✔ {labels['check']}", text=text.check)
        rows.append(Row(indent, cell(check, width, color=CHECK_COLOR)))
    rows += [
        Row(indent, inside)
        for inside in reference_rows(text.links, text.attachments, labels, width)
    ]
    return rows


def body_rows(entry: StepEntry, labels: Labels, wrap: int = WRAP, indent: int = 1) -> list[Row]:
    """Return the rows under a step's title: its own, then each sub-step with its number."""
    rows = _own_rows(entry, labels, indent, wrap)
    for child in entry.children:
        item = child.text.item
        number = cell(item.label, 8, bold=True)
        rows.append(Row(indent, cell(child.text.title, wrap), label=number))
        rows += body_rows(child, labels, wrap, indent + 1)
    return rows


def brief_rows(entry: StepEntry, labels: Labels, wrap: int = WRAP) -> list[Row]:
    """Return the rows under a step's title on a projected chart: who when it is several
    roles, its repeat, and the signal word of each hazard level it holds (its own slide says
    the rest)."""
    text = entry.text
    rows: list[Row] = []
    if text.who and len(text.item.roles) > 1:
        rows.append(Row(1, cell(text.who, wrap, color=FACT_COLOR)))
    if text.repeat:
        rows.append(Row(1, cell(f"↻ {text.repeat}", wrap, bold=True, color=REPEAT_COLOR)))
    held = entry.levels()
    for level in (level for level in NoteLevel if level in held and level in HAZARDS):
        band, ink, _tint = BAND[level]
        word = cell(signal_word(level, labels), wrap, bold=True, color=ink)
        rows.append(Row(1, word, background=band))
    return rows


def box_labels(
    entry: StepEntry,
    number: str,
    decision: bool,
    labels: Labels,
    wrap: int = WRAP,
    ruler: Ruler | None = None,
    brief: bool = False,
) -> tuple[str, str | None]:
    """Return the label of a step's box, and of the note beside a decision (or None).

    A decision's diamond holds only its number and question, so that it stays small;
    everything else it says goes in a note next to it. A brief box (a projected chart)
    says only what `brief_rows` gives under its title.
    """
    text = entry.text
    if decision:  # the number in the question's first line: a diamond is twice as wide
        width = wrap - (WRAP - DECISION_WRAP) if brief else DECISION_WRAP
        head = Row(0, cell(f"{number}  {text.title}", width, bold=True))
    else:
        head = Row(0, cell(text.title, wrap, bold=True), label=cell(number, 4, bold=True))
    guard = guard_rows(text, 0, wrap)
    body = brief_rows(entry, labels, wrap) if brief else body_rows(entry, labels, wrap)
    if decision:
        shifted = [Row(row.indent - 1, row.text, row.label, row.background) for row in body]
        rows = guard + shifted
        return f"<{grid([head], ruler=ruler)}>", f"<{grid(rows, ruler=ruler)}>" if rows else None
    return f"<{grid([*guard, head, *body], ruler=ruler)}>", None
