"""Every check `validate` can report, the loader's and the rules', described the same way.

The command `sopmodel rules`, the SARIF output and the reference pages read this catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass

from sopmodel.diagnostics import Severity
from sopmodel.rules.engine import RULES
from sopmodel.source import STRUCTURE_CHECKS
from sopmodel.source.yamlparse import MAX_BYTES, MAX_DEPTH

__all__ = ["CHECKS", "DOCS_URL", "Check", "checks"]

DOCS_URL = "https://github.com/sopmodel/sopmodel/blob/main/docs/rules/{code}.md"
"""Where the reference page of each check is published."""


@dataclass(frozen=True, slots=True)
class Check:
    """What a check reports and why, with the fix: the same fields for loader and rules."""

    code: str
    name: str
    severity: Severity
    summary: str
    """One line: what it reports."""
    rationale: str
    """Why it matters and what to do instead."""
    kinds: tuple[str, ...] = ("procedure", "plan")
    loader: bool = False
    """True for checks made while loading: always on, always errors."""
    options: tuple[tuple[str, object], ...] = ()

    @property
    def help_uri(self) -> str:
        """Return the address of the check's reference page."""
        return DOCS_URL.format(code=self.code)


_LOADER_RATIONALE = {
    "IO001": (
        "sopmodel could not open or read the file: it does not exist, permissions forbid"
        " reading it, or it is not a regular file (a named pipe, a socket, a device).\n\n"
        "Nothing in it could be checked, so `validate` exits with status 2. Name the"
        " document's file itself, or give the user running sopmodel the right to read it."
    ),
    "YAML001": (
        "The file is not valid YAML (or JSON): an unclosed bracket or quote, a tab used for"
        " indentation, a key without its colon.\n\n"
        "Nothing in it can be checked until it parses. Fix the text at the line and column"
        " given; quote values that contain `: ` or start with `{`, `[`, `*` or `&`."
    ),
    "YAML002": (
        "The same key is written twice in one mapping. YAML parsers silently keep the last"
        " one, so the first value would be lost without a word.\n\n"
        "Keep one of the two keys, or merge their values."
    ),
    "YAML003": (
        f"The file is larger than {MAX_BYTES // 1024 // 1024} MiB, nests deeper than"
        f" {MAX_DEPTH} levels, or its aliases expand into more values than a document may"
        " hold. Such files are refused before they are read, so that a hostile file cannot"
        " exhaust memory or time.\n\n"
        "Split the document, flatten the nesting, or write the repeated parts out instead"
        " of using `&anchors` and `*aliases`."
    ),
    "JSON001": (
        "The `.json` file is not valid JSON: a trailing comma, a comment, single quotes, or"
        " an unclosed bracket.\n\n"
        "Fix the text at the line and column given, or write the document as YAML in a"
        " `.yaml` file."
    ),
    "SCHEMA001": (
        "The file format does not define this key: often a typo (`owner` written `ower`)"
        " or text cut at a comma inside `{ }`. Unknown keys are refused so that nothing"
        " written is silently ignored.\n\n"
        "Correct the key as the message suggests, or put text that contains commas in"
        " quotes."
    ),
    "SCHEMA002": (
        "A key the format requires is missing, such as a step's `title` or a plan's"
        " `start`.\n\n"
        "Add the key; `sopmodel new procedure` and `sopmodel new plan` write starters that"
        " show every required key."
    ),
    "SCHEMA003": (
        "A value has the wrong type or form: text where a number is expected, a date that"
        " does not exist, an identifier with spaces, a value outside its list of choices.\n\n"
        "Write the value as the message says; put values in quotes to keep them as text."
    ),
    "SCHEMA004": (
        "The file does not say which sopmodel document it holds: `sopmodel: 1` or `kind:`"
        " is missing or unknown, or the file is not a mapping at all.\n\n"
        "Start the file with `sopmodel: 1` and `kind: procedure` (or `kind: plan`)."
    ),
}
"""Why each loader check matters and what to do; a code without an entry shows its summary."""


def checks() -> dict[str, Check]:
    """Return every check by code: the loader's first, then the rules, each sorted."""
    found = {
        code: Check(
            code,
            name,
            Severity.error,
            summary,
            _LOADER_RATIONALE.get(code, summary),
            loader=True,
        )
        for code, (name, summary) in sorted(STRUCTURE_CHECKS.items())
    }
    for code, item in sorted(RULES.items()):
        found[code] = Check(
            code,
            item.name,
            item.severity,
            item.summary,
            item.rationale or item.summary,
            item.kinds,
            options=tuple(item.options.items()),
        )
    return found


CHECKS = checks()
"""Every check `validate` can report, by code."""
