"""`sopmodel validate --statistics`: a line per code (count, code, name), the most frequent
first, as `ruff check --statistics`; the exit status does not change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sopmodel.cli import main
from tests.conftest import INVALID

TODAY = ["--today", "2026-11-24"]
ACRONYMS = [f"Q{chr(65 + i)}Z" for i in range(26)] + ["XYZ", "WXY"]
"""28 made-up acronyms: 28 findings of SOP103 in one document."""


def _procedure(folder: Path) -> Path:
    steps = "\n".join(
        f"  - {{id: s{i}, title: Fill in the {name} form, role: clerk}}"
        for i, name in enumerate(ACRONYMS)
    )
    path = folder / "forms.yaml"
    path.write_text(
        "sopmodel: 1\nkind: procedure\nid: ADM-010\ntitle: File the monthly forms\n"
        "objective: Every form is filed on time.\nroles:\n  - {id: clerk, name: Clerk}\n"
        f"steps:\n{steps}\n",
        encoding="utf-8",
    )
    return path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["validate", *args, *TODAY])
    out, err = capsys.readouterr()
    return code, out, err


def test_many_findings_of_one_code_read_as_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(_procedure(tmp_path))
    code, out, _ = _run(capsys, path, "--statistics")
    assert code == 1
    assert out.splitlines() == [
        "28  SOP103    undefined-acronym",
        " 1  SOP101    missing-quality",
        " 1  SOP102    missing-troubleshooting",
        "1 file checked: 2 errors, 28 warnings.",
    ]


def test_statistics_are_sorted_by_count_then_code_and_keep_the_exit_status(
    capsys: pytest.CaptureFixture[str],
) -> None:
    paths = [str(INVALID), "nowhere.yaml"]
    plain_code, plain, _ = _run(capsys, *paths)
    code, out, _ = _run(capsys, *paths, "--statistics")
    assert code == plain_code == 2  # a missing path: the run is incomplete either way
    lines = out.splitlines()
    assert lines[-2:] == plain.splitlines()[-2:]  # the missing path, then the summary
    assert "Incomplete: 1 path not found." in lines[-1]
    table = [line.split() for line in lines[:-2]]
    counts = [(-int(count), code) for count, code, _ in table]
    assert counts == sorted(counts)
    found = [line.split()[1] for line in plain.splitlines() if line.startswith(str(INVALID))]
    assert {code: int(count) for count, code, _ in table} == {c: found.count(c) for c in set(found)}


def test_statistics_in_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(_procedure(tmp_path))
    code, out, _ = _run(capsys, path, "--statistics", "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert "diagnostics" not in data
    assert data["statistics"] == [
        {"count": 28, "code": "SOP103", "name": "undefined-acronym", "severity": "warning"},
        {"count": 1, "code": "SOP101", "name": "missing-quality", "severity": "error"},
        {"count": 1, "code": "SOP102", "name": "missing-troubleshooting", "severity": "error"},
    ]
    assert data["summary"] == {"info": 0, "warning": 28, "error": 2, "files": 1}
    assert (data["exit_code"], data["complete"], data["files"]) == (1, True, [path])


def test_statistics_of_a_clean_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(_procedure(tmp_path))
    code, out, _ = _run(capsys, path, "--statistics", "--select", "FLOW")
    assert (code, out) == (0, "1 file checked: no problems found.\n")
    code, out, _ = _run(capsys, path, "--statistics", "-f", "json", "--select", "FLOW")
    assert (code, json.loads(out)["statistics"]) == (0, [])


@pytest.mark.parametrize("name", ["github", "sarif", "junit"])
def test_statistics_in_a_ci_format_is_a_usage_error(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, str(_procedure(tmp_path)), "--statistics", "-f", name)
    assert (code, out) == (2, "")
    assert err == (
        f"sopmodel: --statistics is written as text or json, not {name}: run validate twice,"
        f" once with --format {name} and once with --statistics\n"
    )


def test_statistics_written_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(_procedure(tmp_path))
    target = tmp_path / "reports" / "stats.txt"
    code, out, _ = _run(capsys, path, "--statistics", "-o", str(target))
    assert (code, out) == (1, "")
    assert target.read_text(encoding="utf-8").startswith("28  SOP103    undefined-acronym\n")


def test_the_help_documents_statistics(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["validate", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "--statistics print how many findings each code made" in help_text
