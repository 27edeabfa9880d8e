"""The rule engine: rules with stable codes yield findings; the engine locates and filters them."""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sopmodel.diagnostics import Diagnostic, Loc, Severity
from sopmodel.model import Document
from sopmodel.rules.config import Config
from sopmodel.source import origin_of

__all__ = ["RULES", "Context", "Finding", "Rule", "check_document", "rule"]


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule reports: where (a path in the document) and what to do."""

    loc: Loc
    message: str
    key: bool = False
    """Point at the key rather than its value."""


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule may know besides the document: today's date and its options."""

    today: dt.date
    options: dict[str, Any]

    def option(self, name: str) -> Any:
        """Return the value of a rule option (configured, or the rule's default)."""
        return self.options[name]


Check = Callable[[Any, Context], Iterable[Any]]
"""A rule's check: (document, context) -> findings; corpus rules take summaries."""


@dataclass(frozen=True)
class Rule:
    """A lint rule: a stable code, a kebab-case name, a default severity and a check."""

    code: str
    name: str
    severity: Severity
    kinds: tuple[str, ...]
    """The document kinds it applies to (procedure, plan)."""
    check: Check
    options: dict[str, Any] = field(default_factory=dict)
    """The rule's options and their defaults (max-priorities = 3)."""
    scope: str = "document"
    """document: checks one document; corpus: checks the documents validated together."""

    @property
    def summary(self) -> str:
        """Return the first line of the rule's documentation."""
        return (inspect.getdoc(self.check) or self.name).splitlines()[0]

    @property
    def rationale(self) -> str:
        """Return the rest of the rule's documentation: why it matters, what to do."""
        doc = inspect.getdoc(self.check) or ""
        return doc.partition("\n")[2].strip()


RULES: dict[str, Rule] = {}
"""Every rule, by code. A code is never reused for another rule."""


def rule(
    code: str,
    name: str,
    severity: Severity,
    kinds: tuple[str, ...],
    scope: str = "document",
    **options: Any,
) -> Callable[[Check], Check]:
    """Register the decorated function as the check of a rule."""

    def register(check: Check) -> Check:
        if code in RULES or any(r.name == name for r in RULES.values()):
            raise ValueError(f"rule {code} {name} is registered twice")
        normalized = {key.replace("_", "-"): value for key, value in options.items()}
        RULES[code] = Rule(code, name, severity, kinds, check, normalized, scope)
        return check

    return register


def check_document(
    document: Document, config: Config | None = None, today: dt.date | None = None
) -> list[Diagnostic]:
    """Return the diagnostics of every enabled rule on a document, sorted by position."""
    config = config or Config()
    context = Context(today or config.today or dt.date.today(), config.options_for(RULES.values()))
    origin = origin_of(document)
    found: list[Diagnostic] = []
    for code, item in RULES.items():
        if item.scope != "document" or document.kind not in item.kinds or not config.enabled(code):
            continue
        severity = config.severity_of(code, item.severity)
        for finding in item.check(document, context):
            line = col = None
            if origin is not None:
                line, col = origin.locate(finding.loc, key=finding.key)
            found.append(
                Diagnostic(
                    code,
                    item.name,
                    severity,
                    finding.message,
                    origin.file if origin else None,
                    line,
                    col,
                    finding.loc,
                )
            )
    found.sort(key=lambda d: (d.line or 0, d.col or 0, d.code))
    return found


def walk_steps(steps: Iterable[Any], loc: Loc = ("steps",)) -> Iterator[tuple[Loc, Any]]:
    """Yield (path, step) for every step and sub-step, depth first, in reading order."""
    for index, step in enumerate(steps):
        here = (*loc, index)
        yield here, step
        if step.substeps:
            yield from walk_steps(step.substeps, (*here, "substeps"))
