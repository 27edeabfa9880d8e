"""`validate` never hangs nor prints a traceback: bounded dates, isolated rules, special files,
exit codes as ruff and ESLint define them, unknown rule codes refused."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import resource
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from sopmodel.cli import main
from sopmodel.model import Plan, Procedure
from sopmodel.model.plan import Measurement, Milestone, Phase
from sopmodel.model.procedure import Review
from sopmodel.rules import RULES, RuleError, check_document
from sopmodel.rules.engine import _prepared, evaluate
from sopmodel.source import load
from tests.conftest import EXAMPLES, INVALID, ROOT

TODAY = ["--today", "2026-11-24"]
LIMIT = 60
"""Seconds a run may take before the test fails as a hang."""
MEMORY = 1536 * 1024 * 1024
"""Bytes of address space a run may take: reading a device endlessly fails, not the machine."""


def _bounded() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def sopmodel(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a process of its own, failing the test on a hang."""
    return subprocess.run(
        [sys.executable, "-m", "sopmodel", *args],
        capture_output=True,
        text=True,
        timeout=LIMIT,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        preexec_fn=_bounded,
    )


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _procedure_text(review: str) -> str:
    text = (INVALID / "SOP104-review-overdue.yaml").read_text(encoding="utf-8")
    head = text[: text.index("review:")]
    return head + review


# --- dates at the ends of the calendar -----------------------------------------------------


@pytest.mark.parametrize(
    "review",
    [
        "review:\n  interval: P9000Y\n  last_reviewed: 2026-01-15\n",
        "review:\n  interval: quarterly\n  last_reviewed: 9999-12-31\n",
        "review:\n  interval: P9000Y\n  last_reviewed: 9999-12-31\n",
        "review:\n  interval: P999999999D\n  last_reviewed: 2026-01-15\n",
    ],
)
def test_review_interval_past_the_calendar_ends_quickly(tmp_path: Path, review: str) -> None:
    path = tmp_path / "far.yaml"
    path.write_text(_procedure_text(review), encoding="utf-8")
    result = sopmodel("validate", str(path), *TODAY)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, 1), result.stdout + result.stderr
    assert "internal error" not in result.stdout
    assert "SOP104" not in result.stdout  # a review due after 9999 is not overdue


def test_plan_at_the_end_of_the_calendar_is_checked(tmp_path: Path) -> None:
    text = (EXAMPLES / "plan-sop-90-jours.fr.yaml").read_text(encoding="utf-8")
    text = text.replace("start: 2027-01-04", "start: 9999-12-01", 1)
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    for form in ("text", "json", "sarif", "junit", "github"):
        result = sopmodel("validate", str(path), "-f", form, "-v", *TODAY)
        assert "Traceback" not in result.stderr, result.stderr
        assert result.returncode == 1, result.stdout + result.stderr
        assert "internal error" not in result.stdout
    result = sopmodel("validate", str(path), "-v", *TODAY)
    assert f"{path}:11:8 SCHEMA003 start: 9999-12-01 is outside the dates" in result.stdout


def _constructed_procedure(**review: object) -> Procedure:
    document = load(INVALID / "SOP104-review-overdue.yaml")
    assert isinstance(document, Procedure)
    return document.model_copy(update={"review": Review.model_construct(**review)})


@pytest.mark.parametrize(
    "review",
    [
        {"interval": "P9000Y", "last_reviewed": dt.date.max},
        {"interval": "P99999999999Y", "last_reviewed": dt.date.min},
        {"interval": "P99999999999D", "last_reviewed": dt.date(2026, 1, 1)},
        {"interval": "monthly", "last_reviewed": dt.date.max},
        {"interval": "not an interval", "last_reviewed": dt.date(2026, 1, 1)},
    ],
)
def test_rules_on_unvalidated_procedures_stay_in_the_calendar(review: dict[str, object]) -> None:
    found, errors = evaluate(_constructed_procedure(**review), today=dt.date(2026, 11, 24))
    assert errors == []
    assert "SOP104" not in {d.code for d in found}


def test_review_due_just_before_the_end_of_the_calendar_is_overdue() -> None:
    document = _constructed_procedure(interval="P1D", last_reviewed=dt.date(9999, 12, 29))
    found = check_document(document, today=dt.date.max)
    assert [d.message for d in found if d.code == "SOP104"] == [
        "the P1D review was due on 9999-12-30 (last review 9999-12-29): review the"
        " procedure and update review.last_reviewed"
    ]


def _constructed_plan(start: dt.date, horizon: int) -> Plan:
    document = load(EXAMPLES / "plan-sop-90-jours.fr.yaml")
    assert isinstance(document, Plan)
    last = dt.date.max
    return document.model_copy(
        update={
            "start": start,
            "horizon_days": horizon,
            "phases": [
                Phase.model_construct(id="p", name="P", start=start, end=last, activities=[])
            ],
            "milestones": [
                Milestone.model_construct(
                    id="retro", title="Retro", date=last, kind="retrospective"
                )
            ],
            "measurements": [
                Measurement.model_construct(kpi=document.kpis[0].id, period=p, value=1.0)
                for p in ("9999-W52", "0001-W01", "9999-12-31", "not a period", 42)
            ],
        }
    )


@pytest.mark.parametrize(
    ("start", "horizon"),
    [
        (dt.date(9999, 12, 1), 90),
        (dt.date.max, 366),
        (dt.date.min, 7),
        (dt.date(2027, 1, 4), 10**12),
        (dt.date(2027, 1, 4), -(10**12)),
    ],
)
def test_rules_on_unvalidated_plans_stay_in_the_calendar(start: dt.date, horizon: int) -> None:
    found, errors = evaluate(_constructed_plan(start, horizon), today=dt.date(2026, 11, 24))
    assert errors == [], errors
    assert all(d.message for d in found)


# --- one rule's crash does not stop the others -------------------------------------------


@pytest.fixture
def crashing_rule(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Make SOP101 crash on every procedure, as a bug would."""

    def boom(document: object, context: object) -> Iterator[object]:
        yield from ()
        raise ZeroDivisionError("division by zero\nsecond line")

    monkeypatch.setitem(RULES, "SOP101", dataclasses.replace(RULES["SOP101"], check=boom))
    _prepared.cache_clear()
    yield "internal error in missing-quality (SOP101): ZeroDivisionError: division by zero"
    _prepared.cache_clear()


def test_a_crashing_rule_is_one_line_and_the_others_still_run(
    capsys: pytest.CaptureFixture[str], crashing_rule: str
) -> None:
    path = str(INVALID / "SOP103-undefined-acronym.yaml")
    code, out, err = run(capsys, "validate", path, *TODAY)
    assert code == 2
    assert "SOP103" in out  # the other rules ran
    assert f"{path}: {crashing_rule} second line; please report it" in out.splitlines()
    assert "Traceback" not in out + err
    assert out.splitlines()[-1].endswith("Incomplete: 1 internal error.")


def test_a_crashing_rule_is_recorded_by_every_format(
    capsys: pytest.CaptureFixture[str], crashing_rule: str
) -> None:
    path = str(INVALID / "SOP103-undefined-acronym.yaml")
    _, out, _ = run(capsys, "validate", path, "-f", "json", *TODAY)
    report = json.loads(out)
    assert report["exit_code"] == 2 and report["complete"] is False
    assert [e["code"] for e in report["errors"]] == ["SOP101"]
    _, out, _ = run(capsys, "validate", path, "-f", "github", *TODAY)
    assert "::error file=" in out and "title=internal error::" + crashing_rule in out
    _, out, _ = run(capsys, "validate", path, "-f", "sarif", *TODAY)
    invocation = json.loads(out)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert note["associatedRule"]["id"] == "SOP101" and crashing_rule in note["message"]["text"]
    _, out, _ = run(capsys, "validate", path, "-f", "junit", *TODAY)
    assert '<error type="internal-error"' in out and 'errors="1"' in out


def test_a_crashing_rule_raises_after_every_rule_ran_in_the_library(crashing_rule: str) -> None:
    document = load(INVALID / "SOP103-undefined-acronym.yaml")
    with pytest.raises(RuleError) as caught:
        check_document(document, today=dt.date(2026, 11, 24))
    assert [d.code for d in caught.value.diagnostics] == ["SOP103"]
    assert crashing_rule in str(caught.value)


def test_an_unexpected_error_outside_the_rules_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from sopmodel.cli import formats

    def broken(*args: object) -> str:
        raise RuntimeError("formatter bug")

    monkeypatch.setitem(formats.FORMATS, "text", broken)
    code, _, err = run(capsys, "validate", str(EXAMPLES / "sales-opportunity.yaml"))
    assert code == 2
    assert err == (
        "sopmodel: internal error in validate: RuntimeError: formatter bug; please report it\n"
    )


# --- exit codes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "code"),
    [
        ("syntax.yaml", "sopmodel: 1\nkind: [procedure\n", "YAML001"),
        (
            "deep.yaml",
            "sopmodel: 1\nkind: procedure\nx: " + "[" * 200 + "]" * 200 + "\n",
            "YAML003",
        ),
        ("dup.yaml", "sopmodel: 1\nsopmodel: 1\nkind: procedure\n", "YAML002"),
        ("list.yaml", "- sopmodel: 1\n", "SCHEMA004"),
    ],
)
def test_broken_and_refused_files_are_findings_exit_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, text: str, code: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    status, out, _ = run(capsys, "validate", str(path), "--fail-on", "error")
    assert status == 1, out
    assert f" {code} " in out


def test_missing_path_exits_2_even_with_clean_files(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys, "validate", str(EXAMPLES / "sales-opportunity.yaml"), "nowhere.yaml", *TODAY
    )
    assert status == 2
    assert out.splitlines() == [
        "nowhere.yaml: no such file or folder",
        "1 file checked: no problems found. Incomplete: 1 path not found.",
    ]


# --- special files ---------------------------------------------------------------------------


def test_fifo_named_on_the_command_line_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result = sopmodel("validate", str(fifo))
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout.splitlines()[0] == (
        f"{fifo} IO001 a named pipe (FIFO), not a regular file: name the document's file"
    )
    assert result.stderr == ""


def test_device_named_on_the_command_line_is_refused() -> None:
    result = sopmodel("validate", "/dev/zero", "-f", "sarif")
    assert result.returncode == 2, result.stderr
    log = json.loads(result.stdout)["runs"][0]
    assert [r["ruleId"] for r in log["results"]] == ["IO001"]
    assert log["invocations"][0]["executionSuccessful"] is False


def test_special_files_in_folders_are_skipped_unopened(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    os.mkfifo(tmp_path / "docs" / "pipe.yaml")
    (tmp_path / "docs" / "call.yaml").write_text(
        (EXAMPLES / "sales-opportunity.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = sopmodel("validate", str(tmp_path), *TODAY)
    assert (result.returncode, result.stdout) == (0, "1 file checked: no problems found.\n")


# --- output file ------------------------------------------------------------------------------


def test_output_into_a_missing_folder_creates_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "reports" / "ci" / "sopmodel.sarif"
    path = str(INVALID / "REF001-unknown-role.yaml")
    status, out, err = run(capsys, "validate", path, "-f", "sarif", "-o", str(target), *TODAY)
    assert (status, out, err) == (1, "", "")
    assert json.loads(target.read_text(encoding="utf-8"))["runs"][0]["results"]


def test_output_that_cannot_be_written_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "file").write_text("in the way")
    target = tmp_path / "file" / "report.json"
    status, _, err = run(capsys, "validate", str(EXAMPLES), "-o", str(target), *TODAY)
    assert status == 2
    assert err.startswith(f"sopmodel: {target}: cannot write the report: ")
    assert len(err.splitlines()) == 1


# --- unknown rule codes -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--select", "SOP999"], "sopmodel: --select: unknown rule code 'SOP999': did you mean"),
        (["--select", "PLN"], "sopmodel: --select: unknown rule code 'PLN': did you mean PLAN2"),
        (["--ignore", "SOP1O1"], "sopmodel: --ignore: unknown rule code 'SOP1O1': did you mean"),
        (["--ignore", "YAML001"], "sopmodel: --ignore: YAML001 is a check made while loading"),
    ],
)
def test_unknown_codes_in_options_exit_2(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    status, out, err = run(capsys, "validate", str(EXAMPLES / "sales-opportunity.yaml"), *args)
    assert status == 2
    assert out == ""
    assert err.startswith(message), err


def test_did_you_mean_names_the_closest_code(capsys: pytest.CaptureFixture[str]) -> None:
    _, _, err = run(capsys, "validate", str(EXAMPLES), "--ignore", "PLN205")
    assert err == "sopmodel: --ignore: unknown rule code 'PLN205': did you mean PLAN205?\n"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('select = ["SOP", "PLAM"]\n', "sopmodel.toml: select: unknown rule code 'PLAM'"),
        ('ignore = ["ref001"]\n', "sopmodel.toml: ignore: unknown rule code 'ref001': did you"),
        ('[severity]\nSOP1 = "info"\n', "sopmodel.toml: severity: unknown rule code 'SOP1'"),
        ('[severity]\nSCHEMA001 = "info"\n', "sopmodel.toml: severity: SCHEMA001 is a check"),
    ],
)
def test_unknown_codes_in_configuration_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, toml: str, message: str
) -> None:
    (tmp_path / "sopmodel.toml").write_text(toml)
    status, _, err = run(capsys, "validate", str(EXAMPLES / "sales-opportunity.yaml"))
    assert status == 2
    assert message in err, err


def test_prefixes_and_all_are_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(INVALID / "SOP103-undefined-acronym.yaml")
    assert run(capsys, "validate", path, "--select", "ALL", "--ignore", "SOP10", *TODAY)[0] == 0
    assert run(capsys, "validate", path, "--select", "S,FLOW", *TODAY)[0] == 1


@pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
def test_special_configuration_file_is_refused_without_hanging(
    tmp_path: Path, special: str
) -> None:
    config = special
    if special == "fifo":
        config = str(tmp_path / "sopmodel.toml")
        os.mkfifo(config)
    result = sopmodel("validate", str(EXAMPLES / "sales-opportunity.yaml"), "--config", config)
    assert result.returncode == 2
    assert result.stderr == (
        f"sopmodel: {config}: not a regular file: name a sopmodel.toml or pyproject.toml\n"
    )
