"""Every rule and loader check fires on its invalid example, at the marked lines, and nowhere
else; its passing example is clean."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sopmodel.diagnostics import Severity
from sopmodel.rules import RULES, Config, validate_paths
from sopmodel.source import STRUCTURE_CHECKS
from tests.conftest import INVALID, PASSING, TODAY, valid_examples

MARK = re.compile(r"#\s*expect:\s*([A-Z]+\d+)")
WITHOUT_FILE = {"IO001"}
"""Checks whose failing example cannot be a file in the repository (a file that cannot be
read): their reference page makes one (a named pipe) when it is generated."""
CODES = sorted({*RULES, *STRUCTURE_CHECKS} - WITHOUT_FILE)


def _entries(folder: Path) -> dict[str, Path]:
    return {path.name.split("-")[0]: path for path in folder.iterdir() if path.name[0].isupper()}


def _marked_lines(entry: Path) -> set[tuple[str, int]]:
    suffixes = (".yaml", ".yml", ".json")
    files = (
        sorted(p for p in entry.iterdir() if p.suffix in suffixes) if entry.is_dir() else [entry]
    )
    marks = set()
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for code in MARK.findall(line):
                marks.add((str(path), number))
                assert code == entry.name.split("-")[0], f"{path}:{number} marks another rule"
    return marks


def _selecting(code: str) -> Config:
    """Return the default configuration with the rule selected by its code, so that a rule
    that is off by default runs too."""
    return Config(select=("ALL", code)) if code in RULES else Config()


def test_every_check_has_a_failing_and_a_passing_example() -> None:
    assert sorted(_entries(INVALID)) == CODES
    assert sorted(_entries(PASSING)) == CODES


@pytest.mark.parametrize("code", CODES)
def test_check_fires_exactly_on_its_invalid_example(code: str) -> None:
    entry = _entries(INVALID)[code]
    report = validate_paths([str(entry)], _selecting(code), today=TODAY)
    assert report.files, entry
    assert {d.code for d in report.diagnostics} == {code}, [str(d) for d in report.diagnostics]
    assert {(d.file, d.line) for d in report.diagnostics} == _marked_lines(entry)
    severity = RULES[code].severity if code in RULES else Severity.error
    assert report.exit_code(severity) == 1


@pytest.mark.parametrize("code", CODES)
def test_check_is_silent_on_its_passing_example(code: str) -> None:
    report = validate_paths([str(_entries(PASSING)[code])], _selecting(code), today=TODAY)
    assert report.files
    assert report.diagnostics == []


def test_valid_examples_are_clean_together() -> None:
    report = validate_paths([str(p) for p in valid_examples()], today=TODAY)
    assert len(report.files) >= 4
    assert [str(d) for d in report.diagnostics] == []
