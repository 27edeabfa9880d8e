"""Validation reports in the formats CI systems read: text, JSON, GitHub, SARIF, JUnit.

Every format records what kept the run from being complete (missing or unreadable paths,
internal errors), not only the findings: a run that checked nothing never looks green.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote
from xml.etree import ElementTree as ET

from sopmodel._version import __version__
from sopmodel.diagnostics import Diagnostic, Severity
from sopmodel.i18n import counted
from sopmodel.rules import Report
from sopmodel.rules.catalogue import CHECKS

__all__ = ["FORMATS", "STATISTICS", "Statistic", "statistics"]

MISSING = "no such file or folder"
"""What is said of a path given that does not exist."""


def _incomplete(report: Report) -> str:
    """Return what kept the run from checking everything, as a sentence, or ''."""
    parts = []
    if report.missing:
        parts.append(f"{counted(len(report.missing), 'path')} not found")
    if report.unreadable:
        parts.append(f"{counted(len(report.unreadable), 'file')} unreadable")
    if report.errors:
        parts.append(counted(len(report.errors), "internal error"))
    return f" Incomplete: {', '.join(parts)}." if parts else ""


def _summary_line(report: Report) -> str:
    """Return the last line of a text report: files checked, findings by severity."""
    counts = [
        counted(report.count(s), s.name)
        for s in (Severity.error, Severity.warning, Severity.info)
        if report.count(s)
    ]
    checked = counted(len(report.files), "file")
    found = ", ".join(counts) if counts else "no problems found"
    return f"{checked} checked: {found}.{_incomplete(report)}"


def _not_checked(report: Report) -> list[str]:
    """Return a line per missing path and per internal error."""
    return [f"{path}: {MISSING}" for path in report.missing] + [str(e) for e in report.errors]


def text(report: Report, fail_on: Severity, verbose: bool = False) -> str:
    """Return one `file:line:col CODE message` line per diagnostic, then a summary."""
    lines = [str(d) for d in report.diagnostics]
    if verbose:
        lines += [f"{d.file}: {d.outline}" for d in report.documents]
    lines += _not_checked(report)
    lines.append(_summary_line(report))
    return "\n".join(lines) + "\n"


def _report_object(report: Report) -> dict[str, object]:
    """Return what every JSON report holds besides its findings."""
    return {
        "version": __version__,
        "files": report.files,
        "missing": report.missing,
        "unreadable": report.unreadable,
        "errors": [error.to_dict() for error in report.errors],
        "complete": report.complete,
    }


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def _totals(report: Report, fail_on: Severity) -> dict[str, object]:
    return {
        "summary": {s.name: report.count(s) for s in Severity} | {"files": len(report.files)},
        "exit_code": report.exit_code(fail_on),
    }


def as_json(report: Report, fail_on: Severity, verbose: bool = False) -> str:
    """Return the report as one JSON object."""
    return _json(
        _report_object(report)
        | {"diagnostics": [d.to_dict() for d in report.diagnostics]}
        | _totals(report, fail_on)
    )


@dataclass(frozen=True, slots=True)
class Statistic:
    """How many findings one check made in a run."""

    count: int
    code: str
    name: str
    severity: Severity

    def to_dict(self) -> dict[str, object]:
        """Return the statistic as plain JSON-ready data."""
        return {
            "count": self.count,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.name,
        }


def statistics(report: Report) -> list[Statistic]:
    """Return a statistic per code found, the most frequent first (then by code)."""
    counts = Counter(d.code for d in report.diagnostics)
    first: dict[str, Diagnostic] = {}
    for d in report.diagnostics:
        first.setdefault(d.code, d)
    return sorted(
        (Statistic(n, code, first[code].name, first[code].severity) for code, n in counts.items()),
        key=lambda s: (-s.count, s.code),
    )


def text_statistics(report: Report, fail_on: Severity, verbose: bool = False) -> str:
    """Return a `count CODE name` line per code found, the most frequent first, then a
    summary, as `ruff check --statistics` does."""
    found = statistics(report)
    width = max((len(str(s.count)) for s in found), default=1)
    lines = [f"{s.count:>{width}}  {s.code:<9} {s.name}" for s in found]
    if verbose:
        lines += [f"{d.file}: {d.outline}" for d in report.documents]
    lines += _not_checked(report)
    lines.append(_summary_line(report))
    return "\n".join(lines) + "\n"


def json_statistics(report: Report, fail_on: Severity, verbose: bool = False) -> str:
    """Return the JSON report with `statistics` (count, code, name, severity per code, the
    most frequent first) in place of `diagnostics`."""
    return _json(
        _report_object(report)
        | {"statistics": [s.to_dict() for s in statistics(report)]}
        | _totals(report, fail_on)
    )


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(report: Report, fail_on: Severity, verbose: bool = False) -> str:
    """Return GitHub Actions workflow commands that annotate the files."""
    level = {Severity.error: "error", Severity.warning: "warning", Severity.info: "notice"}
    lines = []
    for d in report.diagnostics:
        props = [f"file={_escape_property(d.file or '')}"]
        if d.line is not None:
            props += [f"line={d.line}", f"col={d.col or 1}"]
        props.append(f"title={_escape_property(f'{d.code} {d.name}')}")
        lines.append(f"::{level[d.severity]} {','.join(props)}::{_escape_data(d.message)}")
    lines += [
        f"::error title=IO001 missing path::{_escape_data(f'{p}: {MISSING}')}"
        for p in report.missing
    ]
    for error in report.errors:
        where = f"file={_escape_property(error.file)}," if error.file else ""
        lines.append(f"::error {where}title=internal error::{_escape_data(error.message)}")
    return "".join(line + "\n" for line in lines)


_LEVEL = {Severity.error: "error", Severity.warning: "warning", Severity.info: "note"}
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SRCROOT = "%SRCROOT%"
"""The base of every file URI in SARIF: the repository (or current folder) validated."""


def _source_root() -> Path:
    """Return the repository that holds the current folder (the folder itself outside one)."""
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def _artifact(file: str, root: Path) -> dict[str, str]:
    """Return the SARIF artifactLocation of a file: percent-encoded, relative to root."""
    path = Path(os.path.abspath(file))
    if path.is_relative_to(root):
        return {"uri": quote(path.relative_to(root).as_posix(), safe="/"), "uriBaseId": SRCROOT}
    return {"uri": path.as_uri()}


def _help(code: str) -> dict[str, object]:
    """Return the SARIF reportingDescriptor of a check, with its full help."""
    item = CHECKS[code]
    rationale = " ".join(item.rationale.split())
    paragraphs = "\n\n".join(" ".join(p.split()) for p in item.rationale.split("\n\n"))
    return {
        "id": code,
        "name": item.name,
        "shortDescription": {"text": item.summary},
        "fullDescription": {"text": f"{item.summary} {rationale}"},
        "help": {
            "text": f"{item.summary}\n\n{paragraphs}\n\nSee {item.help_uri}",
            "markdown": f"**{item.summary}**\n\n{paragraphs}\n\n[{code} {item.name}]"
            f"({item.help_uri})",
        },
        "helpUri": item.help_uri,
        "defaultConfiguration": {"level": _LEVEL[item.severity]},
    }


def _notifications(
    report: Report, root: Path, index: dict[str, int]
) -> Iterator[dict[str, object]]:
    """Yield a SARIF notification for each path not checked and each internal error."""

    def note(text: str, file: str | None, code: str | None) -> dict[str, object]:
        found: dict[str, object] = {"level": "error", "message": {"text": text}}
        if file:
            found["locations"] = [{"physicalLocation": {"artifactLocation": _artifact(file, root)}}]
        if code in index:
            found["associatedRule"] = {"id": code, "index": index[code]}
        return found

    for path in report.missing:
        yield note(f"{path}: {MISSING}", path, "IO001")
    for d in report.diagnostics:
        if d.file in report.unreadable and d.code == "IO001":
            yield note(str(d), d.file, d.code)
    for error in report.errors:
        yield note(str(error), error.file, error.code)


def sarif(report: Report, fail_on: Severity, verbose: bool = False) -> str:
    """Return a SARIF 2.1.0 log, for code scanning."""
    codes = sorted(CHECKS)
    index = {code: i for i, code in enumerate(codes)}
    root = _source_root()
    results = []
    for d in report.diagnostics:
        result: dict[str, object] = {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": _LEVEL[d.severity],
            "message": {"text": d.message},
        }
        if d.file is not None:
            location: dict[str, object] = {"artifactLocation": _artifact(d.file, root)}
            if d.line is not None:
                location["region"] = {"startLine": d.line, "startColumn": d.col or 1}
            result["locations"] = [{"physicalLocation": location}]
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "sopmodel",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": "https://github.com/sopmodel/sopmodel",
                        "rules": [_help(code) for code in codes],
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": report.complete,
                        "toolExecutionNotifications": list(_notifications(report, root, index)),
                    }
                ],
                "originalUriBaseIds": {SRCROOT: {"uri": root.as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot hold, even escaped (control characters, lone surrogates)."""


def _xml(value: str) -> str:
    """Return text that XML can hold: other characters are written as \\xNN escapes."""
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", value)


def _testcase(suite: ET.Element, name: str, classname: str) -> ET.Element:
    return ET.SubElement(suite, "testcase", name=_xml(name), classname=_xml(classname), time="0")


def _outcome(case: ET.Element, kind: str, code: str, message: str, text: str) -> None:
    """Add a failure or error element to a test case."""
    ET.SubElement(case, kind, type=code, message=_xml(message)).text = _xml(text)


def junit(report: Report, fail_on: Severity, verbose: bool = False) -> str:
    """Return a JUnit XML report: a test suite per file, a test case per finding (failing at
    or above fail_on), a passing case per clean file, an error per path not checked and per
    internal error."""
    suites = ET.Element("testsuites", name="sopmodel validate")
    by_file: dict[str, ET.Element] = {}

    def suite(path: str) -> ET.Element:
        if path not in by_file:
            by_file[path] = ET.SubElement(suites, "testsuite", name=_xml(path), file=_xml(path))
        return by_file[path]

    for path in report.files:
        suite(path)
    for d in report.diagnostics:
        path = d.file or "<document>"
        where = f"{path}:{d.line}:{d.col or 1}" if d.line is not None else path
        case = _testcase(suite(path), f"{where} {d.code} {d.name}", path)
        if d.code == "IO001":
            _outcome(case, "error", d.code, d.message, str(d))
        elif d.severity >= fail_on:
            _outcome(case, "failure", d.code, d.message, str(d))
        else:
            ET.SubElement(case, "system-out").text = _xml(f"{d.severity.name}: {d}")
    for path in report.missing:
        case = _testcase(suite(path), f"{path} IO001 unreadable-file", path)
        _outcome(case, "error", "IO001", MISSING, f"{path}: {MISSING}")
    for error in report.errors:
        path = error.file or "sopmodel"
        case = _testcase(suite(path), f"{path} internal error", path)
        _outcome(case, "error", "internal-error", error.message, str(error))
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for element in suites:
        if element.find("testcase") is None:
            _testcase(element, f"{element.get('name')} no problems found", element.get("name", ""))
        counts = {
            "tests": len(element.findall("testcase")),
            "failures": len(element.findall("testcase/failure")),
            "errors": len(element.findall("testcase/error")),
        }
        for key, value in counts.items():
            element.set(key, str(value))
            totals[key] += value
        element.set("skipped", "0")
    for key, value in totals.items():
        suites.set(key, str(value))
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


FORMATS: dict[str, Callable[[Report, Severity, bool], str]] = {
    "text": text,
    "json": as_json,
    "github": github,
    "sarif": sarif,
    "junit": junit,
}
"""Each output format of `sopmodel validate`, by name: (report, fail_on, verbose) -> text.
Only text says more when verbose (a line per document)."""

STATISTICS: dict[str, Callable[[Report, Severity, bool], str]] = {
    "text": text_statistics,
    "json": json_statistics,
}
"""The formats `sopmodel validate --statistics` writes: a count per code instead of the
findings. The CI formats (github, sarif, junit) annotate findings and have none."""
