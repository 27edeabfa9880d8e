"""The text and Markdown reports of `sopmodel diff` (the JSON one is `Changes.to_dict()`)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from sopmodel.changes import Changes, FieldChange, ItemChange, StepChange, word_diff
from sopmodel.diagnostics import Loc
from sopmodel.i18n import Labels, labels
from sopmodel.i18n.typography import typeset
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
        kinds = _counts(
            kind.value for step in steps for kind in step.kinds if kind.value != "renumbered"
        )
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


_SPACES = re.compile(r"[^\S\u00a0\u202f]+")
"""Runs of whitespace, less the no-break spaces that typography puts on purpose."""


def _flat(text: str | None) -> str:
    """Return text on one line: each run of whitespace one space (no-break spaces kept)."""
    return _SPACES.sub(" ", text or "").strip()


def text_report(
    changes: Changes, old: Document, new: Document, sides: Sides, language: str = "en"
) -> str:
    """Return the report for a terminal or a CI log: one located line per change, in
    English as every diagnostic (language is for the Markdown report)."""
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
        removed = item.new_loc is None
        where = (
            _where(old, sides.old, item.old_loc)
            if removed
            else _where(new, sides.new, item.new_loc)
        )
        lines.append(f"{where}: {item.section} {item.key}: {item.kind.value}: {item.label!r}")
        lines.extend(f"    {_text_field(change)}" for change in item.fields)
    lines.append(f"roles concerned: {', '.join(changes.roles_concerned) or 'none'}")
    return "\n".join(lines) + "\n"


# --- Markdown ---------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_LINE_START = re.compile(r"^([#+-]|\d+[.)](?=\s|$))")


def _md(text: str | None) -> str:
    """Return user text safe inside Markdown and a table cell: markup shown as written."""
    flat = _flat(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _LINE_START.sub(r"\\\1", _MARKDOWN_SPECIAL.sub(r"\\\1", flat))


@dataclass(frozen=True, slots=True)
class _Markdown:
    """The Markdown writer's labels, in the report's language, and the roles' names."""

    labels: Labels
    language: str
    names: dict[str, str]

    def named(self, ids: Iterable[str]) -> str:
        """Return roles by their names, as a reader knows them (Supervisor, not supervisor)."""
        return ", ".join(self.names.get(role, role) for role in ids)

    def roles(self, ids: Iterable[str]) -> str:
        """Return roles by their names, as Markdown."""
        return ", ".join(_md(self.names.get(role, role)) for role in ids)

    def colon(self, text: str) -> str:
        """Return a label followed by a colon, typeset (French: a no-break space before it)."""
        return typeset(f"{text}:", self.language)

    def field(self, change: FieldChange) -> str:
        if change.field in ("role", "owner") and (change.before or change.after):
            change = replace(
                change,
                before=change.before and self.named(change.before.split(", ")),
                after=change.after and self.named(change.after.split(", ")),
            )
        name = self.colon(f"*{change.field}*")
        if change.before is None:
            return f"{name} {self.labels['diff_field_added']} {_md(change.after)}"
        if change.after is None:
            return f"{name} {self.labels['diff_field_removed']} ~~{_md(change.before)}~~"
        if change.field in _TEXT_FIELDS:
            return f"{name} {_md_edit(change.before, change.after)}"
        return f"{name} ~~{_md(change.before)}~~ → {_md(change.after)}"

    def details(self, fields: tuple[FieldChange, ...]) -> str:
        return "<br>".join(self.field(change) for change in fields)

    def number(self, step: StepChange) -> str:
        if step.new_number is None:
            return self.labels.format("diff_gone", old=step.old_number)
        if step.old_number not in (None, step.new_number):
            return self.labels.format("diff_was", number=step.new_number, old=step.old_number)
        return step.new_number

    def step(self, step: StepChange) -> str:
        title = _md(step.title)
        if step.new_number is None:
            title = f"~~{title}~~"
        kinds = ", ".join(self.labels[f"diff_kind_{kind.value}"] for kind in step.kinds)
        roles = self.roles(step.roles_concerned)
        number = _md(self.number(step))
        return f"| {number} | {title} | {kinds} | {self.details(step.fields)} | {roles} |"

    def item(self, item: ItemChange) -> str:
        label = _md(item.label)
        if item.kind.value == "removed":
            label = f"~~{label}~~"
        kind = self.labels[f"diff_item_{item.kind.value}"]
        return f"| {_md(item.section)} | {label} | {kind} | {self.details(item.fields)} |"

    def summary(self, changes: Changes) -> str:
        parts = []
        steps = _substantive(changes)
        if steps:
            kinds = _counts(
                self.labels[f"diff_kind_{kind.value}"]
                for step in steps
                for kind in step.kinds
                if kind.value != "renumbered"
            )
            parts.append(f"{self.labels.format('diff_summary_steps', count=len(steps))} ({kinds})")
        renumbered = _renumbered(changes)
        if renumbered:
            parts.append(self.labels.format("diff_summary_renumbered", count=len(renumbered)))
        if changes.items:
            kinds = _counts(self.labels[f"diff_item_{item.kind.value}"] for item in changes.items)
            count = len(changes.items)
            parts.append(f"{self.labels.format('diff_summary_items', count=count)} ({kinds})")
        text = typeset("; ".join(parts), self.language)
        return text[:1].upper() + text[1:]


def _md_edit(before: str, after: str) -> str:
    """Return a text's edit in Markdown: removed words ~~struck~~, added ones **bold**."""
    pieces = []
    previous = "="
    for op, text in word_diff(_flat(before), _flat(after)):
        core = text.strip()
        mark = {"=": "", "-": "~~", "+": "**"}[op]
        lead = " " if text[:1].isspace() or (previous, op) == ("-", "+") else ""
        previous = op
        trail = " " if text[-1:].isspace() else ""
        pieces.append(f"{lead}{mark}{_md(core)}{mark}{trail}" if core else lead or trail)
    return re.sub(" +", " ", "".join(pieces)).strip()


def markdown_report(
    changes: Changes, old: Document, new: Document, sides: Sides, language: str = "en"
) -> str:
    """Return the report as GitHub-flavoured Markdown, for a pull-request comment, with the
    labels of a language (en, fr); user text is shown as written."""
    names = {role.id: role.name for role in (*old.roles, *new.roles)}  # the new name wins
    writer = _Markdown(labels(language), language, names)
    words = writer.labels
    versions = f"{_md(changes.old_version)} → {_md(changes.new_version)}"
    if changes.old_version == changes.new_version:
        versions = words.format("diff_version", version=_md(changes.new_version))
    lines = [f"### {_md(changes.id)} · {_md(changes.title)} ({versions})", ""]
    if changes.why:
        revision = words.format("diff_revision", version=_md(changes.new_version))
        why = writer.colon(f"**{words['diff_why']}** ({revision})")
        lines += [f"> {why} {_md(changes.why)}", ""]
    if not changes:
        return "\n".join([*lines, words["diff_no_change"], ""])
    lines += [f"{_md(writer.summary(changes))}.", ""]
    steps = _substantive(changes)
    if steps:
        columns = ("diff_col_step", "diff_col_title", "diff_col_what", "diff_col_details")
        header = " | ".join(words[key] for key in (*columns, "diff_col_roles"))
        lines += [
            f"| {header} |",
            "|---|---|---|---|---|",
            *(writer.step(step) for step in steps),
            "",
        ]
    renumbered = _renumbered(changes)
    if renumbered:
        moves = ", ".join(
            f"{_md(s.key)} {_md(s.old_number)} → {_md(s.new_number)}" for s in renumbered
        )
        lines += [f"{writer.colon(words['diff_renumbered_only'])} {moves}.", ""]
    if changes.items:
        columns = ("diff_col_section", "diff_col_item", "diff_col_what", "diff_col_details")
        lines += [
            f"| {' | '.join(words[key] for key in columns)} |",
            "|---|---|---|---|",
            *(writer.item(item) for item in changes.items),
            "",
        ]
    roles = writer.roles(changes.roles_concerned) or words["diff_none"]
    lines += [f"**{writer.colon(words['diff_roles_concerned'])}** {roles}", ""]
    return "\n".join(lines)


WRITERS: dict[str, Callable[[Changes, Document, Document, Sides, str], str]] = {
    "text": text_report,
    "markdown": markdown_report,
}
"""The report writers by --format name: (changes, old, new, sides, language) -> text."""
