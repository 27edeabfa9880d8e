"""Real public procedures, transcribed by hand: they load, and the rules find exactly what is wrong.

Each file in tests/realworld/ transcribes a public procedure (its source is cited at its top).
A section the source does not have is left out, so the finding that says so is right; any
other finding is a rule crying wolf on real text, and fails here.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from sopmodel.cli import main

REALWORLD = Path(__file__).parent / "realworld"
FILES = sorted(REALWORLD.glob("*.yaml"))

LOADING = ("SCHEMA", "YAML", "JSON", "IO")
"""Codes of findings that mean a file did not load as a document."""

Finding = tuple[str, str]
"""(code, location): the path in the document, or for SOP103 the acronym (its location is the
first text the rule reads it in, which moves when the rule reads more fields)."""


def _unaccountable(phase: int, count: int) -> list[Finding]:
    """PLAN203 on each of the first `count` activities of a phase: no one is accountable."""
    return [("PLAN203", f"phases[{phase}].activities[{i}].raci") for i in range(count)]


RIGHT: dict[str, list[Finding]] = {
    # A draft guide: no quality or troubleshooting section; WTTJ (a recruiting site) undefined.
    "desembarquer-un-membre.fr.yaml": [
        ("SOP101", "quality"),
        ("SOP102", "troubleshooting"),
        ("SOP103", "WTTJ"),
    ],
    # The page has no quality, troubleshooting or objective, and never spells out HF.
    "hf-first-aid.yaml": [
        ("SOP101", "quality"),
        ("SOP102", "troubleshooting"),
        ("SOP109", "title"),
        ("SOP103", "HF"),
    ],
    "lavage-des-mains.fr.yaml": [
        ("SOP101", "quality"),
        ("SOP102", "troubleshooting"),
    ],
    # A model procedure: no quality, troubleshooting or risks section; CFR (Code of Federal
    # Regulations) in the link's title is not spelled out.
    "osha-lockout.yaml": [
        ("SOP101", "quality"),
        ("SOP102", "troubleshooting"),
        ("SOP110", "category"),
        ("SOP103", "CFR"),
    ],
    # No objectives and no KPIs; no activity of the plan names who is accountable for it.
    "plan-30-60-90-m1.yaml": [
        ("PLAN211", "title"),
        ("PLAN211", "title"),
        *_unaccountable(0, 29),
        *_unaccountable(1, 11),
        *_unaccountable(2, 11),
    ],
    # OVH (the mail host, a brand written in capitals) is not explained on the page.
    "quitter-beta-gouv.fr.yaml": [
        ("SOP101", "quality"),
        ("SOP102", "troubleshooting"),
        ("SOP103", "OVH"),
    ],
    # No objective, quality or troubleshooting; acronyms the page never spells out, some of
    # them in the titles of its "Additional Reading" links.
    "security-incident-response.yaml": [
        ("SOP101", "quality"),
        ("SOP102", "troubleshooting"),
        ("SOP109", "title"),
        ("SOP103", "VP"),
        ("SOP103", "MFA"),
        ("SOP103", "FBI"),
        ("SOP103", "PR"),
        ("SOP103", "NIST"),
        ("SOP103", "SANS"),
        ("SOP103", "CMU"),
        ("SOP103", "CERT"),
        ("SOP103", "CSIRT"),
    ],
}
"""The right findings of each file."""


def _key(found: dict[str, str]) -> Finding:
    """Return the (code, location) of a finding from the JSON report."""
    if found["code"] == "SOP103":
        return found["code"], re.findall(r"'([^']+)'", found["message"])[0]
    return found["code"], found["path"]


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, str]]]:
    """Validate the folder with the real command line; return the findings of each file."""
    report = tmp_path_factory.mktemp("realworld") / "report.json"
    main(["validate", "--format", "json", "--output", str(report), str(REALWORLD)])
    result = json.loads(report.read_text(encoding="utf-8"))
    assert result["complete"], result
    assert sorted(Path(name).name for name in result["files"]) == [path.name for path in FILES]
    by_file: dict[str, list[dict[str, str]]] = {path.name: [] for path in FILES}
    for found in result["diagnostics"]:
        by_file[Path(found["file"]).name].append(found)
    return by_file


def test_every_transcription_has_its_expected_findings() -> None:
    assert sorted(RIGHT) == [path.name for path in FILES]


@pytest.mark.parametrize("name", [path.name for path in FILES])
def test_transcription_loads(name: str, findings: dict[str, list[dict[str, str]]]) -> None:
    broken = [
        f"{found['line']}:{found['col']} {found['code']} {found['message']}"
        for found in findings[name]
        if found["code"].startswith(LOADING)
    ]
    assert broken == []


@pytest.mark.parametrize("name", [path.name for path in FILES])
def test_rules_find_exactly_what_the_source_lacks(
    name: str, findings: dict[str, list[dict[str, str]]]
) -> None:
    found = Counter(_key(item) for item in findings[name])
    assert found == Counter(RIGHT[name])  # no wrong finding: a rule crying wolf fails here


SOURCE = re.compile(r"^# Source: https?://\S+$", re.MULTILINE)


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_transcription_cites_its_source(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    header = text[: text.index("\nsopmodel:")]
    assert all(line.startswith("#") for line in header.splitlines())
    assert SOURCE.search(header), "the first lines must cite the source: # Source: <URL>"
    assert re.search(r"^# (Left out|Laissé de côté)\b", header, re.MULTILINE), (
        "the header must say what was left out"
    )


@pytest.mark.parametrize("fmt", ["docx", "pptx", "xlsx", "svg", "png", "pdf", "dot"])
def test_transcriptions_export(fmt: str, tmp_path: Path) -> None:
    code = main(
        ["export", "--no-check", "--quiet", "--to", fmt, "-o", str(tmp_path), str(REALWORLD)]
    )
    assert code == 0
    assert {path.suffix for path in tmp_path.iterdir()} >= {f".{fmt}"}
