"""The rule engine: rules with stable codes yield findings; the engine locates and filters them."""

from __future__ import annotations

import datetime as dt
import difflib
import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, TypeVar

from sopmodel.diagnostics import Diagnostic, InternalError, Loc, Severity
from sopmodel.errors import SopmodelError
from sopmodel.model import Document
from sopmodel.rules.config import DEFAULT_CONFIG, Config, ConfigError
from sopmodel.source import STRUCTURE_CHECKS, origin_of

__all__ = [
    "RULES",
    "Context",
    "Finding",
    "Rule",
    "RuleError",
    "all_steps",
    "check_codes",
    "check_config",
    "check_document",
    "evaluate",
    "internal_error",
    "is_active",
    "rule",
]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule reports: where (a path in the document) and what to do."""

    loc: Loc
    message: str
    key: bool = False
    """Point at the key rather than its value."""


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule may know besides the document: today's date, its options, shared views."""

    today: dt.date
    options: dict[str, Any]
    memo: dict[str, Any] = field(default_factory=dict)
    """Views of the document computed once and shared by the rules (see `derived`)."""
    previous: Document | None = None
    """The same document at the revision given to `validate --against`, when it was there."""
    against: str | None = None
    """The revision `validate --against` names (origin/main), or None."""

    def option(self, name: str) -> Any:
        """Return the value of a rule option (configured, or the rule's default)."""
        return self.options[name]

    def derived(self, name: str, compute: Callable[[], T]) -> T:
        """Return a view of the document that several rules need, computing it once."""
        if name not in self.memo:
            self.memo[name] = compute()
        value: T = self.memo[name]
        return value


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
    enabled: bool = True
    """False for a rule that runs only when `select` names its code."""

    @property
    def summary(self) -> str:
        """Return the first line of the rule's documentation (saying when it is off by default)."""
        first = (inspect.getdoc(self.check) or self.name).splitlines()[0]
        return first if self.enabled else f"{first} (off by default)"

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
    enabled: bool = True,
    **options: Any,
) -> Callable[[Check], Check]:
    """Register the decorated function as the check of a rule.

    enabled=False makes a rule that is off by default: it runs only when `select` names
    its whole code (`ALL` and prefixes do not turn it on).
    """

    def register(check: Check) -> Check:
        if code in RULES or any(r.name == name for r in RULES.values()):
            raise ValueError(f"rule {code} {name} is registered twice")
        normalized = {key.replace("_", "-"): value for key, value in options.items()}
        RULES[code] = Rule(code, name, severity, kinds, check, normalized, scope, enabled)
        return check

    return register


class RuleError(SopmodelError):
    """A rule crashed on a document (a bug in sopmodel); the other rules' findings are kept."""

    def __init__(self, errors: list[InternalError], diagnostics: list[Diagnostic]) -> None:
        self.errors = errors
        self.diagnostics = diagnostics
        super().__init__("\n".join(str(error) for error in errors))


def internal_error(
    code: str | None, name: str, error: BaseException, file: str | None
) -> InternalError:
    """Return the one-line report of an unexpected exception in a check."""
    text = " ".join(str(error).split())
    if len(text) > 200:
        text = text[:199] + "…"
    described = f"{type(error).__name__}: {text}" if text else type(error).__name__
    return InternalError(code, name, described, file)


def check_codes(patterns: Iterable[str], where: str, exact: bool = False) -> None:
    """Refuse rule codes or prefixes that select no rule, with a "did you mean" hint.

    exact: only whole codes are accepted (severity tables), not prefixes nor ALL.
    """
    codes = sorted(RULES)
    for pattern in patterns:
        if exact:
            if pattern in RULES:
                continue
        elif pattern == "ALL" or any(code.startswith(pattern) for code in codes):
            continue
        if pattern in STRUCTURE_CHECKS or (
            not exact and pattern and any(code.startswith(pattern) for code in STRUCTURE_CHECKS)
        ):
            raise ConfigError(
                f"{where}: {pattern} is a check made while loading: it always runs, as an"
                " error, and cannot be selected, ignored or given another severity"
            )
        close = difflib.get_close_matches(pattern.upper(), codes, n=1, cutoff=0.5)
        hint = f": did you mean {close[0]}?" if close else ": see `sopmodel rules`"
        raise ConfigError(f"{where}: unknown rule code {pattern!r}{hint}")


def check_config(config: Config) -> None:
    """Refuse a configuration that names a rule code that does not exist."""
    where = config.source or "configuration"
    check_codes(config.select, f"{where}: select")
    check_codes(config.ignore, f"{where}: ignore")
    check_codes(config.severity, f"{where}: severity", exact=True)


def is_active(item: Rule, config: Config) -> bool:
    """Return True when a rule runs under a configuration: selected and not ignored, and for a
    rule that is off by default, selected by its whole code."""
    if not config.enabled(item.code):
        return False
    return item.enabled or item.code in config.select


@lru_cache(maxsize=16)
def _prepared(config: Config) -> tuple[tuple[Rule, ...], dict[str, Any]]:
    """Return the enabled document rules of a configuration and every rule option."""
    check_config(config)
    active = tuple(r for r in RULES.values() if r.scope == "document" and is_active(r, config))
    return active, config.options_for(RULES.values())


def evaluate(
    document: Document,
    config: Config | None = None,
    today: dt.date | None = None,
    previous: Document | None = None,
    against: str | None = None,
) -> tuple[list[Diagnostic], list[InternalError]]:
    """Return the diagnostics of every enabled rule on a document, sorted by position, and
    the errors of the rules that crashed (each rule runs on its own: a crash stops only it).

    previous is the same document at the revision `against` names, for the rules that
    compare versions (`validate --against`).
    """
    config = config or DEFAULT_CONFIG
    active, options = _prepared(config)
    context = Context(
        today or config.today or dt.date.today(), options, previous=previous, against=against
    )
    origin = origin_of(document)
    file = origin.file if origin else None
    found: list[Diagnostic] = []
    errors: list[InternalError] = []
    for item in active:
        if document.kind not in item.kinds:
            continue
        severity = config.severity_of(item.code, item.severity)
        try:
            for finding in item.check(document, context):
                line = col = None
                if origin is not None:
                    line, col = origin.locate(finding.loc, key=finding.key)
                found.append(
                    Diagnostic(
                        item.code,
                        item.name,
                        severity,
                        finding.message,
                        file,
                        line,
                        col,
                        finding.loc,
                    )
                )
        except Exception as error:  # a bug in one rule must not stop the others
            errors.append(internal_error(item.code, item.name, error, file))
    found.sort(key=lambda d: (d.line or 0, d.col or 0, d.code))
    return found, errors


def check_document(
    document: Document, config: Config | None = None, today: dt.date | None = None
) -> list[Diagnostic]:
    """Return the diagnostics of every enabled rule on a document, sorted by position.

    Raise RuleError, after every rule ran, when a rule crashed.
    """
    found, errors = evaluate(document, config, today)
    if errors:
        raise RuleError(errors, found)
    return found


def all_steps(document: Any, context: Context) -> list[tuple[Loc, Any]]:
    """Return (path, step) for every step and sub-step of a procedure, in reading order."""
    return context.derived("steps", lambda: list(walk_steps(document.steps)))


def walk_steps(steps: Iterable[Any], loc: Loc = ("steps",)) -> Iterator[tuple[Loc, Any]]:
    """Yield (path, step) for every step and sub-step, depth first, in reading order."""
    for index, step in enumerate(steps):
        here = (*loc, index)
        yield here, step
        if step.substeps:
            yield from walk_steps(step.substeps, (*here, "substeps"))
