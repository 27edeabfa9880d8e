"""Training records: who is current with a procedure, who must re-read it, who never read it."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from sopmodel.cli import main
from sopmodel.model import Records
from sopmodel.rules import Config, validate_paths
from sopmodel.rules.training import procedure_facts
from sopmodel.source import LoadError, load, load_bytes
from tests.conftest import EXAMPLES, git

DATA = Path(__file__).parent / "data" / "records"
OLD = DATA / "hiring-2.0.0.yaml"
NEW = DATA / "hiring-2.1.0.yaml"
TEAM = DATA / "team.yaml"


def _with_fingerprints(folder: Path) -> Path:
    """Write the team's records with the fingerprints of the 2.0.0 steps of each person's
    roles, as sopmodel stores them when it writes a reading."""
    old = procedure_facts(load(OLD))  # type: ignore[arg-type]

    def prints(role: str) -> str:
        found = {k: s.fingerprint for k, s in old.steps.items() if role in s.roles}
        return "{" + ", ".join(f"{k}: {v}" for k, v in found.items()) + "}"

    text = TEAM.read_text(encoding="utf-8")
    text = text.replace(
        "date: 2026-03-05}", f"date: 2026-03-05, steps: {prints('recruiter')}}}"
    ).replace("trainer: Rosa Diaz}", f"trainer: Rosa Diaz, steps: {prints('manager')}}}")
    path = folder / "team.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _status(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict, str]:
    code = main(["status", *map(str, args), "--format", "json"])
    out, err = capsys.readouterr()
    return code, json.loads(out), err


def _by_person(report: dict) -> dict[str, dict]:
    return {p["person"]: p for p in report["people"]}


def _repository(tmp_path: Path, versions: list[Path]) -> Path:
    """Return the procedure file of a git repository where each version was committed."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    target = repo / "hiring.yaml"
    for version in versions:
        shutil.copyfile(version, target)
        git(repo, "add", "hiring.yaml")
        git(repo, "commit", "-q", "-m", version.stem)
    return target


def test_stored_fingerprints_tell_who_must_reread(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = _with_fingerprints(tmp_path)
    code, report, _ = _status(capsys, NEW, "--records", records)
    people = _by_person(report)
    assert people["rosa"]["standing"] == "must-reread"
    assert [s["step"] for s in people["rosa"]["changed"]] == ["screen"]
    assert people["iris"]["standing"] == "current"  # her step did not change in 2.1.0
    assert people["noah"]["standing"] == "never-read"
    assert "zoe" not in people  # she holds no role of HR-007
    assert code == 1


def test_git_history_tells_who_must_reread(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    procedure = _repository(tmp_path, [OLD, NEW])
    code, report, _ = _status(capsys, procedure, "--records", TEAM)
    people = _by_person(report)
    assert people["rosa"]["standing"] == "must-reread"
    assert [s["number"] for s in people["rosa"]["changed"]] == ["2"]
    assert people["iris"]["standing"] == "current"
    assert code == 1


def test_a_version_absent_from_history_is_said_honestly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    procedure = _repository(tmp_path, [NEW])
    code, report, _ = _status(capsys, procedure, "--records", TEAM)
    rosa = _by_person(report)["rosa"]
    assert rosa["standing"] == "unknown"
    assert rosa["reason"] == "version 2.0.0 not found in the history of hiring.yaml"
    main(["status", str(procedure), "--records", str(TEAM)])
    text = capsys.readouterr().out
    assert (
        "Rosa Diaz (Recruiter) — read 2.0.0 on 5 March 2026; cannot tell what changed since:"
        " version 2.0.0 not found in the history of hiring.yaml"
    ) in text
    assert code == 1


def test_outside_a_repository_the_reason_is_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    procedure = tmp_path / "hiring.yaml"
    shutil.copyfile(NEW, procedure)
    _, report, _ = _status(capsys, procedure, "--records", TEAM)
    reason = _by_person(report)["rosa"]["reason"]
    assert reason.startswith("version 2.0.0 cannot be looked for in the history of hiring.yaml:")
    assert "not a git repository" in reason


def test_text_output_in_french(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = _with_fingerprints(tmp_path)
    code = main(["status", str(NEW), "--records", str(records), "--lang", "fr"])
    text = capsys.readouterr().out
    assert "À jour (1)" in text
    assert "À relire (1)" in text
    assert "Jamais lue (1)" in text
    assert "Iris Chen (Warehouse manager) — formation à la 2.0.0 le 6 mars 2026" in text
    assert code == 1


def test_everyone_current_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = tmp_path / "team.yaml"
    text = TEAM.read_text(encoding="utf-8").replace("version: 2.0.0", "version: 2.1.0")
    text += "  - {person: noah, procedure: HR-007, version: 2.1.0, date: 2026-09-10}\n"
    records.write_text(text, encoding="utf-8")
    code, report, _ = _status(capsys, NEW, "--records", records)
    assert {p["standing"] for p in report["people"]} == {"current"}
    assert code == 0


def test_a_records_folder_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "records"
    folder.mkdir()
    _with_fingerprints(folder)
    (folder / "more.yaml").write_text(
        "sopmodel: 1\nkind: records\nid: MORE\ntitle: More\n"
        "people: [{id: noah, name: Noah Kim, roles: [recruiter]}]\n"
        "entries: [{person: noah, procedure: HR-007, version: 2.1.0, date: 2026-09-10}]\n",
        encoding="utf-8",
    )
    _, report, _ = _status(capsys, NEW, "--records", folder)
    assert _by_person(report)["noah"]["standing"] == "current"


# --- the rule ----------------------------------------------------------------------------


def _validated(folder: Path, today: str, grace: int | None = None) -> list[str]:
    config = Config(options={"reading-grace-days": grace}) if grace is not None else None
    report = validate_paths([str(folder)], config, today=dt.date.fromisoformat(today))
    return [f"{Path(d.file or '').name}:{d.line} {d.message}" for d in report.diagnostics]


def test_rule_reports_overdue_role_holders(tmp_path: Path) -> None:
    _with_fingerprints(tmp_path)
    shutil.copyfile(NEW, tmp_path / "hiring.yaml")
    found = _validated(tmp_path, "2026-11-24")
    assert found == [
        "team.yaml:7 Rosa Diaz (recruiter) read 2.0.0; step 2 of their roles changed since:"
        " they must read HR-007 2.1.0 again",
        "team.yaml:13 Noah Kim (recruiter) never read HR-007 2.1.0: record their reading",
    ]


def test_rule_waits_for_the_grace_period(tmp_path: Path) -> None:
    _with_fingerprints(tmp_path)
    shutil.copyfile(NEW, tmp_path / "hiring.yaml")
    assert _validated(tmp_path, "2026-09-20") == []  # 2.1.0 took effect on 1 September
    assert len(_validated(tmp_path, "2026-09-20", grace=10)) == 2


def test_rule_ignores_a_draft(tmp_path: Path) -> None:
    _with_fingerprints(tmp_path)
    text = NEW.read_text(encoding="utf-8").replace("status: approved", "status: draft")
    (tmp_path / "hiring.yaml").write_text(text, encoding="utf-8")
    assert [f for f in _validated(tmp_path, "2026-11-24") if "HR-007" in f] == []


# --- trials ------------------------------------------------------------------------------


def test_confusing_steps_stay_flagged_until_a_version_changes_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    procedure = _repository(tmp_path, [OLD, NEW])
    _, report, _ = _status(capsys, procedure)
    states = {s["step"]: s["state"] for t in report["trials"] for s in t["steps"]}
    assert states == {"screen": "changed", "interview": "open"}
    assert report["people"] is None
    main(["status", str(procedure)])
    text = capsys.readouterr().out
    assert "step 3 (interview) found confusing: not changed since" in text
    assert "step 2 (screen) found confusing: changed since" in text


def test_trials_of_an_unknown_version_are_said_honestly(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, report, _ = _status(capsys, NEW)
    assert {s["state"] for t in report["trials"] for s in t["steps"]} == {"unknown"}


def test_trials_of_the_current_version_are_open(capsys: pytest.CaptureFixture[str]) -> None:
    _, report, _ = _status(capsys, EXAMPLES / "lab-piranha-clean.yaml")
    steps = [s for t in report["trials"] for s in t["steps"]]
    assert steps and all(s["state"] in ("open", "unknown") for s in steps)


# --- the file kind -----------------------------------------------------------------------


def test_example_records_validate_with_their_procedures() -> None:
    examples = sorted([*EXAMPLES.glob("*.yaml"), *(EXAMPLES / "records").glob("*.yaml")])
    report = validate_paths([str(p) for p in examples], today=dt.date(2026, 11, 24))
    assert report.diagnostics == []
    assert any(isinstance(load(p), Records) for p in examples)


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        (
            "entries:\n  - {person: rosa, procedure: HR-007, version: 2.0.0, date: 2026-03-05,"
            " activty: read}\n",
            "t.yaml:8:73 SCHEMA001 unknown key 'activty' in entries[0]: did you mean 'activity'?",
        ),
        (
            "entries:\n  - {person: rosa, procedure: HR-007, version: 2.0.0, date: 2026-03-05,"
            " activity: skimmed}\n",
            "t.yaml:8:83 SCHEMA003 entries[0].activity: Input should be 'read', 'trained',"
            " 'performed' or 'verified' (got 'skimmed')",
        ),
        (
            "entries:\n  - {person: rosa, version: 2.0.0, date: 2026-03-05}\n",
            "t.yaml:8:5 SCHEMA002 missing required key 'procedure' in entries[0]",
        ),
        (
            "entries:\n  - {person: rosa, procedure: HR-007, version: 2.0.0, date: 2026-03-05,"
            " steps: {screen: not-a-print}}\n",
            "t.yaml:8:89 SCHEMA003 entries[0].steps.screen: String should match pattern"
            " '^[0-9a-f]{8,64}$' (got 'not-a-print')",
        ),
    ],
)
def test_bad_records_get_one_located_line(tail: str, expected: str) -> None:
    head = "sopmodel: 1\nkind: records\nid: R\ntitle: R\npeople: [{id: rosa, name: Rosa}]\n"
    with pytest.raises(LoadError) as raised:
        load_bytes(head + "\n" + tail, "t.yaml")
    assert [str(d) for d in raised.value.diagnostics] == [expected]


def test_a_records_file_is_not_exported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["export", str(TEAM), "--to", "docx", "-o", str(tmp_path), "--quiet"])
    captured = capsys.readouterr()
    assert code == 1
    assert "a records file is not exported" in captured.out + captured.err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_records_found_in_a_folder_are_left_out_without_failing_the_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], jobs: str
) -> None:
    """A folder may keep its training records next to its procedures: exporting the folder
    writes the procedures and says the records are not exported; exit 0."""
    folder = tmp_path / "team"
    folder.mkdir()
    shutil.copy(EXAMPLES / "sales-opportunity.yaml", folder / "sales.yaml")
    shutil.copy(EXAMPLES / "records" / "sales-team-records.yaml", folder / "records.yaml")
    out = tmp_path / "out"
    code = main(["export", str(folder), "--to", "svg", "-o", str(out), "-j", jobs])
    captured = capsys.readouterr()
    assert code == 0, captured.out + captured.err
    assert (out / "SALES-001.svg").is_file()
    assert "records.yaml: not exported: training records are read by" in captured.out
    assert "1 record file not exported" in captured.err


@pytest.mark.parametrize("language", ["en", "fr"])
def test_starter_validates(tmp_path: Path, language: str) -> None:
    path = tmp_path / f"records.{language}.yaml"
    assert main(["new", "records", str(path), "--lang", language]) == 0
    assert isinstance(load(path), Records)
    assert main(["validate", str(path)]) == 0


def test_schema_of_records(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "records"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$id"] == "urn:sopmodel:schema:records:1"
    assert "people" in schema["properties"]


def test_status_refuses_a_plan_with_records(capsys: pytest.CaptureFixture[str]) -> None:
    plan = EXAMPLES / "plan-sop-90-jours.fr.yaml"
    assert main(["status", str(plan), "--records", str(TEAM)]) == 2
    assert "a plan, not a procedure" in capsys.readouterr().err


def test_french_status_puts_a_french_colon_after_a_trial(
    capsys: pytest.CaptureFixture[str],
) -> None:
    procedure = EXAMPLES / "achats-fournisseurs.fr.yaml"
    main(["status", str(procedure), "--records", str(EXAMPLES / "records")])
    out = capsys.readouterr().out
    assert "réussi\u00a0: Le tableau des seuils" in out
