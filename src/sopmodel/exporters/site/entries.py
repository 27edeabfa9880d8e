"""One input file as the site knows it: its document (or why it did not load), its page's URL,
and the summary that decides whether the shared pages (index, roles, search) must change."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from sopmodel.diagnostics import Diagnostic, Severity
from sopmodel.exporters.site.html import step_anchor
from sopmodel.markup import plain
from sopmodel.model import AnyDocument, Plan, Procedure

if TYPE_CHECKING:
    from sopmodel.rules.config import Config
    from sopmodel.rules.corpus import Summary

__all__ = ["DocumentEntry", "LoadedFile", "RoleSteps", "load_file", "safe_name"]

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(text: str) -> str:
    """Return a file name made of letters, digits, '.', '_' and '-' only."""
    return _UNSAFE.sub("-", text).strip(".-") or "document"


@dataclass(frozen=True, slots=True)
class RoleSteps:
    """A role of one document: its name there, and the steps it does (the reference the
    document uses, 2.a; the anchor; the title)."""

    name: str
    steps: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True, slots=True)
class DocumentEntry:
    """What the shared pages show of a document."""

    kind: str
    """procedure or plan."""
    id: str
    title: str
    language: str
    status: str
    """draft, in_review, approved, retired, or '' (a plan without a status)."""
    category: str
    """A procedure's category; '' for a plan."""
    url: str
    roles: tuple[tuple[str, RoleSteps], ...]
    """(role id, its name and steps), in the document's order."""
    step_count: int


@dataclass(slots=True)
class LoadedFile:
    """An input file: its document, or the diagnostics of why it did not load."""

    path: str
    """The absolute path."""
    display: str
    """The path as found (shown in messages)."""
    document: AnyDocument | None
    """What it holds: a procedure or a plan (they have pages), training records (they feed
    the procedures' pages), or None when it did not load."""
    problems: list[Diagnostic] = field(default_factory=list)
    """Its findings: why it did not load, or (when checked) its own and those of the rules
    across documents (`Handbook` adds those)."""
    entry: DocumentEntry | None = None
    outputs: list[str] = field(default_factory=list)
    """The URLs its last render wrote: its page, copied pictures and attachments, checklist
    and quiz."""
    search: str | None = None
    """Its entries in the search index, as JSON (made once per load)."""
    own: list[Diagnostic] = field(default_factory=list)
    """The findings of the file alone (problems without those across documents)."""
    together: Summary | None = None
    """What the rules across documents need of it (when checked)."""

    @property
    def url(self) -> str:
        """Return the page's site-relative URL ('' for a records file)."""
        if self.entry is not None:
            return self.entry.url
        if self.document is None and self.problems:
            return f"procedures/{safe_name(os.path.basename(self.path))}.html"
        return ""

    @property
    def summary(self) -> object:
        """What the shared pages depend on: changes here mean re-render them."""
        return self.entry if self.entry is not None else (self.path, bool(self.problems))

    @property
    def failed(self) -> bool:
        """True when the file did not load."""
        return self.document is None and bool(self.problems)


def _entry(document: Procedure | Plan) -> DocumentEntry:
    language = document.language.value
    title = plain(document.title, language)
    if isinstance(document, Procedure):
        from sopmodel.views import number_steps
        from sopmodel.views.references import step_reference

        numbered = number_steps(document)
        steps: dict[str, list[tuple[str, str, str]]] = {}
        for item in numbered:
            shown = step_reference(item.number, document.layout)
            for role in item.roles:
                anchor = step_anchor(item.number)
                steps.setdefault(role, []).append((shown, anchor, plain(item.step.title, language)))
        names = {r.id: plain(r.name, language) for r in document.roles}
        order = list(names) + [r for r in steps if r not in names]
        roles = tuple((r, RoleSteps(names.get(r, r), tuple(steps.get(r, ())))) for r in order)
        return DocumentEntry(
            "procedure",
            document.id,
            title,
            language,
            document.status.value,
            document.category.value,
            f"procedures/{safe_name(document.id)}.html",
            roles,
            len(numbered),
        )
    roles = tuple((r.id, RoleSteps(plain(r.name, language), ())) for r in document.roles)
    status = document.status.value if document.status else ""
    return DocumentEntry(
        "plan",
        document.id,
        title,
        language,
        status,
        "",
        f"plans/{safe_name(document.id)}.html",
        roles,
        0,
    )


def load_file(path: str, check: Config | None, display: str | None = None) -> LoadedFile:
    """Load one file; with a configuration to check it with, run the validation rules too.
    Never raises for bad input."""
    from sopmodel.source import LoadError, load

    shown = display or path
    absolute = os.path.abspath(path)
    try:
        document = load(path)
    except LoadError as error:
        return LoadedFile(absolute, shown, None, list(error.diagnostics))
    problems: list[Diagnostic] = []
    together = None
    if check is not None:
        from sopmodel.rules import RuleError, check_document
        from sopmodel.rules.corpus import summarize

        try:
            problems = check_document(document, check)
        except RuleError as error:
            problems = list(error.diagnostics)
        together = replace(summarize(document), file=shown)
    entry = _entry(document) if isinstance(document, Procedure | Plan) else None
    return LoadedFile(
        absolute, shown, document, problems, entry, own=list(problems), together=together
    )


def worst(problems: list[Diagnostic]) -> Severity | None:
    """Return the most serious severity among diagnostics, or None."""
    return max((p.severity for p in problems), default=None)
