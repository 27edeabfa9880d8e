"""The text and Markdown reports of `sopmodel diff` (the JSON one is `Changes.to_dict()`)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sopmodel.changes import Changes, FieldChange, ItemChange, StepChange, word_diff
from sopmodel.diagnostics import Loc
from sopmodel.model import Document
from sopmodel.source import origin_of

__all__ = ["WRITERS", "Sides", "markdown_report", "text_report"]

_TEXT_FIELDS = frozenset({"title", "details", "when", "repeat", "check", "notes"})
"""Fields shown as a word-by-word edit when both sides have them."""


@dataclass(frozen=True, slots=True)
class Sides:
    """How the two versions are named in a report: their files (or REV:file)."""

    old: str
    new: str


def _where(document: Document, name: str, loc: Loc | None) -> str:
    origin = origin_of(document)
    if origin is None or loc is None:
        return name
    line, col = origin.locate(loc)
    return f"{name}:{line}:{col}"


def _counts(kinds: Iterable[str]) -> str:
    return ", ".join(f"{n} {kind}" for kind, n in Counter(kinds).most_common())


def _headline(changes: Changes) -> str:
    versions = f"{changes.old_version} -> {changes.new_version}"
    if changes.old_version == changes.new_version:
        versions = f"version {changes.new_version}"
    return f"{changes.id} {changes.title!r}: {versions}"


def _substantive(changes: Changes) -> list[StepChange]:
    return [step for step in changes.steps if step.substantive]


def _renumbered(changes: Changes) -> list[StepChange]:
    return [step for step in changes.steps if not step.substantive]


def _summary(changes: Changes) -> str:
    steps = _substantive(changes)
    parts = []
    if steps:
        kinds = _counts(kind.value for step in steps for kind in step.kinds)
        parts.append(f"{len(steps)} step{'s' * (len(steps) != 1)} changed ({kinds})")
    renumbered = _renumbered(changes)
    if renumbered:
        parts.append(f"{len(renumbered)} only renumbered")
    if changes.items:
        kinds = _counts(item.kind.value for item in changes.items)
        parts.append(f"{len(changes.items)} document change{'s' * (len(changes.items) != 1)}"
                     f" ({kinds})")  # fmt: skip
    return "; ".join(parts)


def _number(step: StepChange) -> str:
    if step.new_number is None:
        return f"{step.old_number} (removed)"
    if step.old_number not in (None, step.new_number):
        return f"{step.new_number} (was {step.old_number})"
    return step.new_number


# --- text -------------------------------------------------------------------------------


def _text_field(change: FieldChange) -> str:
    if change.before is None:
        return f"{change.field}: + {_flat(change.after)}"
    if change.after is None:
        return f"{change.field}: - {_flat(change.before)}"
    if change.field in _TEXT_FIELDS:
        edit = "".join(
            text if op == "=" else f"[-{text}-]" if op == "-" else f"{{+{text}+}}"
            for op, text in word_diff(_flat(change.before), _flat(change.after))
        )
        return f"{change.field}: {edit}"
    return f"{change.field}: {_flat(change.before)} -> {_flat(change.after)}"


def _flat(text: str | None) -> str:
    return " ".join((text or "").split())


def text_report(changes: Changes, old: Document, new: Document, sides: Sides) -> str:
    """Return the report for a terminal or a CI log: one located line per change."""
    lines = [_headline(changes)]
    if changes.why:
        lines.append(f"why: {_flat(changes.why)}")
    if not changes:
        lines.append("no change to what a reader follows")
        return "\n".join(lines) + "\n"
    lines.append(_summary(changes))
    for step in _substantive(changes):
        removed = step.new_loc is None
        where = (
            _where(old, sides.old, step.old_loc)
            if removed
            else _where(new, sides.new, step.new_loc)
        )
        kinds = ", ".join(kind.value for kind in step.kinds)
        roles = ", ".join(step.roles_concerned)
        lines.append(f"{where}: step {_number(step)} {step.key}: {kinds}: {step.title!r} ({roles})")
        lines.extend(f"    {_text_field(change)}" for change in step.fields)
    renumbered = _renumbered(changes)
    if renumbered:
        moves = ", ".join(f"{s.key} {s.old_number}->{s.new_number}" for s in renumbered)
        lines.append(f"renumbered only: {moves}")
    for item in changes.items:
        lines.append(f"{item.section} {item.key}: {item.kind.value}: {item.label!r}")
        lines.extend(f"    {_text_field(change)}" for change in item.fields)
    lines.append(f"roles concerned: {', '.join(changes.roles_concerned) or 'none'}")
    return "\n".join(lines) + "\n"


# --- Markdown ---------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_LINE_START = re.compile(r"^([#+-]|\d+[.)](?=\s|$))")


def _md(text: str | None) -> str:
    """Return user text safe inside Markdown and a table cell: markup shown as written."""
    flat = " ".join((text or "").split())
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _LINE_START.sub(r"\\\1", _MARKDOWN_SPECIAL.sub(r"\\\1", flat))


def _md_field(change: FieldChange) -> str:
    name = f"*{change.field}*"
    if change.before is None:
        return f"{name}: added {_md(change.after)}"
    if change.after is None:
        return f"{name}: removed ~~{_md(change.before)}~~"
    if change.field in _TEXT_FIELDS:
        pieces = []
        previous = "="
        for op, text in word_diff(_flat(change.before), _flat(change.after)):
            core = text.strip()
            mark = {"=": "", "-": "~~", "+": "**"}[op]
            lead = " " if text[:1].isspace() or (previous, op) == ("-", "+") else ""
            previous = op
            trail = " " if text[-1:].isspace() else ""
            pieces.append(f"{lead}{mark}{_md(core)}{mark}{trail}" if core else lead or trail)
        return f"{name}: {re.sub(' +', ' ', ''.join(pieces)).strip()}"
    return f"{name}: ~~{_md(change.before)}~~ → {_md(change.after)}"


def _md_details(fields: tuple[FieldChange, ...]) -> str:
    return "<br>".join(_md_field(change) for change in fields)


def _md_step(step: StepChange) -> str:
    number = _md(_number(step))
    title = _md(step.title)
    if step.new_number is None:
        title = f"~~{title}~~"
    kinds = ", ".join(kind.value for kind in step.kinds)
    roles = ", ".join(_md(role) for role in step.roles_concerned)
    return f"| {number} | {title} | {kinds} | {_md_details(step.fields)} | {roles} |"


def _md_item(item: ItemChange) -> str:
    label = _md(item.label)
    if item.kind.value == "removed":
        label = f"~~{label}~~"
    return f"| {_md(item.section)} | {label} | {item.kind.value} | {_md_details(item.fields)} |"


def markdown_report(changes: Changes, old: Document, new: Document, sides: Sides) -> str:
    """Return the report as GitHub-flavoured Markdown, for a pull-request comment."""
    versions = f"{_md(changes.old_version)} → {_md(changes.new_version)}"
    if changes.old_version == changes.new_version:
        versions = f"version {_md(changes.new_version)}"
    lines = [f"### {_md(changes.id)} · {_md(changes.title)} ({versions})", ""]
    if changes.why:
        lines += [f"> **Why** (revision {_md(changes.new_version)}): {_md(changes.why)}", ""]
    if not changes:
        return "\n".join([*lines, "No change to what a reader follows.", ""])
    lines += [f"{_md(_summary(changes))}.", ""]
    steps = _substantive(changes)
    if steps:
        lines += [
            "| Step | Title | What changed | Details | Roles |",
            "|---|---|---|---|---|",
            *(_md_step(step) for step in steps),
            "",
        ]
    renumbered = _renumbered(changes)
    if renumbered:
        moves = ", ".join(
            f"{_md(s.key)} {_md(s.old_number)} → {_md(s.new_number)}" for s in renumbered
        )
        lines += [f"Renumbered only: {moves}.", ""]
    if changes.items:
        lines += [
            "| Section | Item | What changed | Details |",
            "|---|---|---|---|",
            *(_md_item(item) for item in changes.items),
            "",
        ]
    roles = ", ".join(_md(role) for role in changes.roles_concerned) or "none"
    lines += [f"**Roles concerned:** {roles}", ""]
    return "\n".join(lines)


WRITERS: dict[str, Callable[[Changes, Document, Document, Sides], str]] = {
    "text": text_report,
    "markdown": markdown_report,
}
"""The report writers by --format name."""
