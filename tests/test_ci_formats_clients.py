"""The CI reports pass their real clients: the SARIF Multitool with the GitHub rule sets and the
OASIS SARIF 2.1.0 schema, jsonschema with that schema, and the Jenkins JUnit XSD.

The clients are installed by `make test-tools` (tools/node/install.sh); nothing is downloaded
here.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import unquote
from xml.etree import ElementTree as ET

import jsonschema
import pytest
import xmlschema

from sopmodel.cli import main
from sopmodel.rules.catalogue import CHECKS, DOCS_URL
from tests.conftest import EXAMPLES, INVALID, ROOT

TOOLS = ROOT / "tools" / "node"
JUNIT_XSD = TOOLS / "vendor" / "junit-10.xsd"
TODAY = ["--today", "2026-11-24"]
INSTALL = "run `make test-tools` (tools/node/install.sh) to install the test clients"


@pytest.fixture(scope="module")
def multitool() -> Path:
    """Return the SARIF Multitool's executable, installed by npm for this platform."""
    node = shutil.which("node")
    if node is None:
        pytest.fail(f"Node.js is not installed: {INSTALL}")
    found = subprocess.run(
        [node, "-p", "require('@microsoft/sarif-multitool')"],
        cwd=TOOLS,
        capture_output=True,
        text=True,
        timeout=60,
    )
    path = Path(found.stdout.strip())
    if found.returncode or not path.is_file():
        pytest.fail(f"the SARIF Multitool is not installed: {INSTALL}\n{found.stderr}")
    return path


def report(
    capsys: pytest.CaptureFixture[str], form: str, *paths: str, fail_on: str = "warning"
) -> str:
    main(["validate", *paths, "-f", form, "--fail-on", fail_on, *TODAY])
    return capsys.readouterr().out


@pytest.fixture
def spaced_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Return a folder with a space and accents, holding a document with a finding."""
    folder = tmp_path / "my procedures"
    folder.mkdir()
    shutil.copy(INVALID / "REF001-unknown-role.yaml", folder / "prise de commande é#1.yaml")
    monkeypatch.chdir(tmp_path)
    return "my procedures"


def _multitool_errors(multitool: Path, log: Path, tmp_path: Path) -> list[str]:
    out = tmp_path / "multitool.sarif"
    result = subprocess.run(
        [
            str(multitool),
            "validate",
            str(log),
            "--rule-kind",
            "Sarif;Gh",
            "--json-schema",
            str(multitool.parent / "sarif-2.1.0.json"),
            "--output",
            str(out),
            "--log",
            "ForceOverwrite",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    findings = json.loads(out.read_text(encoding="utf-8-sig"))["runs"][0]
    notes = findings.get("invocations", [{}])[0].get("toolExecutionNotifications", [])
    assert [n for n in notes if n.get("level") == "error"] == []
    return [
        f"{r['ruleId']}: {r['message'].get('arguments')}"
        for r in findings.get("results", [])
        if r.get("level", "warning") == "error"
    ]


def test_sarif_of_the_invalid_examples_passes_the_multitool(
    capsys: pytest.CaptureFixture[str],
    multitool: Path,
    tmp_path: Path,
    spaced_copy: str,
) -> None:
    text = report(capsys, "sarif", str(INVALID), spaced_copy, "nowhere.yaml")
    log = tmp_path / "sopmodel.sarif"
    log.write_text(text, encoding="utf-8")
    assert _multitool_errors(multitool, log, tmp_path) == []


def test_sarif_without_findings_passes_the_multitool(
    capsys: pytest.CaptureFixture[str], multitool: Path, tmp_path: Path
) -> None:
    log = tmp_path / "clean.sarif"
    log.write_text(report(capsys, "sarif", str(EXAMPLES / "sales-opportunity.yaml")))
    assert _multitool_errors(multitool, log, tmp_path) == []


def test_the_multitool_refuses_a_rule_without_help(
    capsys: pytest.CaptureFixture[str], multitool: Path, tmp_path: Path
) -> None:
    """The check above is not vacuous: the GitHub rules run and see what 0.1 lacked."""
    log = json.loads(report(capsys, "sarif", str(INVALID / "REF001-unknown-role.yaml")))
    rule = log["runs"][0]["tool"]["driver"]["rules"][0]
    del rule["fullDescription"], rule["help"]
    path = tmp_path / "stripped.sarif"
    path.write_text(json.dumps(log), encoding="utf-8")
    errors = _multitool_errors(multitool, path, tmp_path)
    assert errors and all(error.startswith("GH") for error in errors), errors


def _sarif_schema(multitool: Path) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(
        (multitool.parent / "sarif-2.1.0.json").read_text(encoding="utf-8-sig")
    )
    return schema


def test_sarif_is_schema_valid_with_a_space_in_a_path(
    capsys: pytest.CaptureFixture[str], multitool: Path, spaced_copy: str
) -> None:
    log = json.loads(report(capsys, "sarif", spaced_copy, str(INVALID)))
    schema = _sarif_schema(multitool)
    validator = jsonschema.validators.validator_for(schema)
    checker = validator.FORMAT_CHECKER
    assert {"uri", "uri-reference"} <= set(checker.checkers)  # jsonschema[format-nongpl]
    validator(schema, format_checker=checker).validate(log)
    run = log["runs"][0]
    root = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert root.startswith("file:///") and root.endswith("/")
    first = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert first == {
        "uri": "my%20procedures/prise%20de%20commande%20%C3%A9%231.yaml",
        "uriBaseId": "%SRCROOT%",
    }
    base = Path(unquote(root.removeprefix("file://")))
    assert (base / unquote(first["uri"])).is_file()


def test_sarif_uris_are_relative_to_the_repository(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT / "examples")
    log = json.loads(report(capsys, "sarif", "invalid/REF001-unknown-role.yaml"))
    run = log["runs"][0]
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == "examples/invalid/REF001-unknown-role.yaml"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == ROOT.as_uri() + "/"


def test_every_sarif_rule_has_full_help_and_an_existing_page(
    capsys: pytest.CaptureFixture[str],
) -> None:
    rules = json.loads(report(capsys, "sarif", str(INVALID)))["runs"][0]["tool"]["driver"]["rules"]
    assert {rule["id"] for rule in rules} == set(CHECKS)
    assert {"IO001", "YAML001", "YAML002", "YAML003", "SCHEMA001", "SCHEMA004"} <= set(CHECKS)
    for rule in rules:
        assert rule["fullDescription"]["text"].startswith(rule["shortDescription"]["text"])
        assert len(rule["fullDescription"]["text"]) > len(rule["shortDescription"]["text"])
        assert rule["help"]["text"] and rule["help"]["markdown"].startswith("**")
        assert rule["helpUri"] == DOCS_URL.format(code=rule["id"])
        assert (ROOT / "docs" / "rules" / f"{rule['id']}.md").is_file(), rule["id"]


def test_sarif_results_point_at_their_rule(capsys: pytest.CaptureFixture[str]) -> None:
    run = json.loads(report(capsys, "sarif", str(INVALID)))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert run["results"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]


def _junit_schema() -> xmlschema.XMLSchema:
    if not JUNIT_XSD.is_file():
        pytest.fail(f"the Jenkins JUnit XSD is not installed: {INSTALL}")
    return xmlschema.XMLSchema(str(JUNIT_XSD))


def test_junit_passes_the_jenkins_xsd(capsys: pytest.CaptureFixture[str]) -> None:
    schema = _junit_schema()
    for paths in (
        [str(INVALID)],
        [str(EXAMPLES / "sales-opportunity.yaml")],
        [str(INVALID / "SOP103-undefined-acronym.yaml"), "nowhere.yaml"],
    ):
        schema.validate(report(capsys, "junit", *paths))


def test_junit_has_one_test_case_per_finding_with_file_and_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    broken = INVALID / "SOP106-revision-order.yaml"
    clean = EXAMPLES / "sales-opportunity.yaml"
    root = ET.fromstring(report(capsys, "junit", str(broken), str(clean)))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [str(broken), str(clean)]
    failing = suites[0].findall("testcase")
    assert len(failing) == 2
    for case in failing:
        [failure] = case.findall("failure")
        assert failure.get("type") == "SOP106"
        assert case.get("name", "").startswith(f"{broken}:")
        assert case.get("classname") == str(broken)
    assert failing[0].get("name") == f"{broken}:22:28 SOP106 revision-order"
    [passing] = suites[1].findall("testcase")
    assert list(passing) == [] and passing.get("name") == f"{clean} no problems found"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == (
        str(len(failing) + 1),
        str(len(failing)),
        "0",
    )


def test_junit_warnings_below_fail_on_pass_with_their_text(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = INVALID / "SOP103-undefined-acronym.yaml"
    root = ET.fromstring(report(capsys, "junit", str(path), fail_on="error"))
    [case] = root.iter("testcase")
    assert case.find("failure") is None
    assert "SOP103" in (case.findtext("system-out") or "")


def test_junit_holds_names_with_control_characters(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "esc\x1b[31m.yaml"
    shutil.copy(INVALID / "REF001-unknown-role.yaml", path)
    out = report(capsys, "junit", str(path))
    _junit_schema().validate(out)
    [case] = ET.fromstring(out).iter("testcase")
    assert "esc\\x1b[31m.yaml:" in case.get("name", "")
