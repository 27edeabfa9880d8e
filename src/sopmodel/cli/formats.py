"""Validation reports in the formats CI systems read: text, JSON, GitHub, SARIF, JUnit."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import PurePath
from xml.etree import ElementTree as ET

from sopmodel._version import __version__
from sopmodel.diagnostics import Diagnostic, Severity
from sopmodel.i18n import counted
from sopmodel.rules import RULES, Report
from sopmodel.source import STRUCTURE_CHECKS

__all__ = ["FORMATS"]

DOCS = "https://github.com/sopmodel/sopmodel/blob/main/docs/rules/{code}.md"


def text(report: Report, fail_on: Severity, verbose: bool = False) -> str:
    """Return one `file:line:col CODE message` line per diagnostic, then a summary."""
    lines = [str(d) for d in report.diagnostics]
    if verbose:
        lines += [f"{d.file}: {d.outline}" for d in report.documents]
    lines += [f"{path}: no such file or folder" for path in report.missing]
    counts = [
        counted(report.count(s), s.name)
        for s in (Severity.error, Severity.warning, Severity.info)
        if report.count(s)
    ]
    checked = counted(len(report.files), "file")
    lines.append(
        f"{checked} checked: {', '.join(counts)}."
        if counts
        else f"{checked} checked: no problems found."
    )
    return "\n".join(lines) + "\n"


def as_json(report: Report, fail_on: Severity, verbose: bool = False) -> str:
    """Return the report as one JSON object."""
    return (
        json.dumps(
            {
                "version": __version__,
                "files": report.files,
                "missing": report.missing,
                "diagnostics": [d.to_dict() for d in report.diagnostics],
                "summary": {s.name: report.count(s) for s in Severity}
                | {"files": len(report.files)},
                "exit_code": report.exit_code(fail_on),
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
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
        f"::error title=missing path::{_escape_data(p)} does not exist" for p in report.missing
    ]
    return "".join(line + "\n" for line in lines)


def _checks() -> list[tuple[str, str, str, Severity]]:
    """Return (code, name, summary, default severity) of every check, loader's included."""
    found = [(c, n, s, Severity.error) for c, (n, s) in STRUCTURE_CHECKS.items()]
    return found + [(r.code, r.name, r.summary, r.severity) for r in RULES.values()]


def sarif(report: Report, fail_on: Severity, verbose: bool = False) -> str:
    """Return a SARIF 2.1.0 log, for code scanning."""
    level = {Severity.error: "error", Severity.warning: "warning", Severity.info: "note"}
    checks = _checks()
    index = {code: i for i, (code, *_rest) in enumerate(checks)}
    results = []
    for d in report.diagnostics:
        location: dict[str, object] = {
            "artifactLocation": {"uri": PurePath(d.file or "document").as_posix()}
        }
        if d.line is not None:
            location["region"] = {"startLine": d.line, "startColumn": d.col or 1}
        results.append(
            {
                "ruleId": d.code,
                "ruleIndex": index[d.code],
                "level": level[d.severity],
                "message": {"text": d.message},
                "locations": [{"physicalLocation": location}],
            }
        )
    rules = [
        {
            "id": code,
            "name": name,
            "shortDescription": {"text": summary},
            "helpUri": DOCS.format(code=code),
            "defaultConfiguration": {"level": level[severity]},
        }
        for code, name, summary, severity in checks
    ]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "sopmodel",
                        "version": __version__,
                        "informationUri": "https://github.com/sopmodel/sopmodel",
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def junit(report: Report, fail_on: Severity, verbose: bool = False) -> str:
    """Return a JUnit XML report: one test case per file, a failure per failing diagnostic."""
    failing = [d for d in report.diagnostics if d.severity >= fail_on]
    suites = ET.Element(
        "testsuites",
        name="sopmodel",
        tests=str(len(report.files)),
        failures=str(len({d.file for d in failing})),
    )
    suite = ET.SubElement(
        suites,
        "testsuite",
        name="sopmodel validate",
        tests=str(len(report.files)),
        failures=str(len({d.file for d in failing})),
        errors="0",
    )
    by_file: dict[str | None, list[Diagnostic]] = {}
    for d in report.diagnostics:
        by_file.setdefault(d.file, []).append(d)
    for path in report.files:
        case = ET.SubElement(suite, "testcase", classname="sopmodel.validate", name=path)
        notes = []
        for d in by_file.get(path, []):
            if d.severity >= fail_on:
                failure = ET.SubElement(case, "failure", type=d.code, message=d.message)
                failure.text = str(d)
            else:
                notes.append(str(d))
        if notes:
            ET.SubElement(case, "system-out").text = "\n".join(notes)
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
