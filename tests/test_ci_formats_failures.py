"""Every output format records what kept a run from being complete: a run that checked nothing
never looks green."""

from __future__ import annotations

import json
import os
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from sopmodel.cli import main
from tests.conftest import EXAMPLES

CLEAN = str(EXAMPLES / "sales-opportunity.yaml")
TODAY = ["--today", "2026-11-24"]


def report(capsys: pytest.CaptureFixture[str], form: str, *paths: str) -> tuple[int, str]:
    code = main(["validate", *paths, "-f", form, *TODAY])
    return code, capsys.readouterr().out


@pytest.fixture
def fifo(tmp_path: Path) -> str:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return str(path)


def test_text_names_the_missing_path(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = report(capsys, "text", "nowhere.yaml")
    assert code == 2
    assert out.splitlines() == [
        "nowhere.yaml: no such file or folder",
        "0 files checked: no problems found. Incomplete: 1 path not found.",
    ]


def test_json_lists_missing_and_unreadable_paths(
    capsys: pytest.CaptureFixture[str], fifo: str
) -> None:
    code, out = report(capsys, "json", CLEAN, "nowhere.yaml", fifo)
    data = json.loads(out)
    assert code == data["exit_code"] == 2
    assert data["complete"] is False
    assert data["missing"] == ["nowhere.yaml"]
    assert data["unreadable"] == [fifo]
    assert data["errors"] == []
    assert [d["code"] for d in data["diagnostics"]] == ["IO001"]


def test_github_annotates_missing_and_unreadable_paths(
    capsys: pytest.CaptureFixture[str], fifo: str
) -> None:
    code, out = report(capsys, "github", "nowhere.yaml", fifo)
    assert code == 2
    lines = out.splitlines()
    assert lines[0].startswith(f"::error file={fifo},title=IO001 unreadable-file::")
    assert lines[1] == "::error title=IO001 missing path::nowhere.yaml: no such file or folder"


def test_sarif_records_an_unsuccessful_execution(
    capsys: pytest.CaptureFixture[str], fifo: str
) -> None:
    code, out = report(capsys, "sarif", CLEAN, "nowhere.yaml", fifo)
    assert code == 2
    run = json.loads(out)["runs"][0]
    [invocation] = run["invocations"]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert [n["associatedRule"]["id"] for n in notes] == ["IO001", "IO001"]
    assert [n["level"] for n in notes] == ["error", "error"]
    assert notes[0]["message"]["text"] == "nowhere.yaml: no such file or folder"
    assert notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "nowhere.yaml"
    )
    assert "named pipe" in notes[1]["message"]["text"]


def test_sarif_of_a_clean_run_is_successful(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = report(capsys, "sarif", CLEAN)
    assert code == 0
    [invocation] = json.loads(out)["runs"][0]["invocations"]
    assert invocation == {"executionSuccessful": True, "toolExecutionNotifications": []}


def test_junit_of_a_missing_path_is_not_green(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = report(capsys, "junit", "nowhere.yaml")
    assert code == 2
    root = ET.fromstring(out)
    assert (root.get("tests"), root.get("errors"), root.get("failures")) == ("1", "1", "0")
    [error] = root.iter("error")
    assert (error.get("type"), error.get("message")) == ("IO001", "no such file or folder")


def test_junit_of_an_unreadable_file_is_an_error(
    capsys: pytest.CaptureFixture[str], fifo: str
) -> None:
    code, out = report(capsys, "junit", CLEAN, fifo)
    assert code == 2
    root = ET.fromstring(out)
    assert (root.get("tests"), root.get("errors"), root.get("failures")) == ("2", "1", "0")
    [error] = root.iter("error")
    assert error.get("type") == "IO001"
