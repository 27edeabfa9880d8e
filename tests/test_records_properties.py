"""Properties of the standings: what decides who must re-read, whatever the procedure."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sopmodel.cli import main
from sopmodel.model import Procedure, Records
from sopmodel.rules.training import Standing, procedure_facts, record_facts, standings
from sopmodel.source import load

DATA = Path(__file__).parent / "data" / "records"
NEW = DATA / "hiring-2.1.0.yaml"
TEAM = DATA / "team.yaml"
ROLES = ["recruiter", "manager"]
TITLES = ["Post the opening", "Screen the applications", "Interview", "Send the offer"]


@st.composite
def procedures(draw: st.DrawFn) -> Procedure:
    """Return a small approved procedure whose steps have random titles and roles."""
    count = draw(st.integers(1, 6))
    steps = [
        {
            "id": f"s{i}",
            "title": draw(st.sampled_from(TITLES)) + f" {i}",
            "role": draw(st.sampled_from(ROLES)),
        }
        for i in range(count)
    ]
    return Procedure.model_validate(
        {
            "id": "HR-007",
            "title": "Hire",
            "version": "2.1.0",
            "status": "approved",
            "roles": [{"id": r, "name": r} for r in ROLES],
            "steps": steps,
        }
    )


def _records(procedure: Procedure, role: str, version: str, changed: set[str]) -> Records:
    """Return records where one person of `role` read `version`, with the fingerprints of the
    steps of their role, those of `changed` altered."""
    facts = procedure_facts(procedure)
    prints = {
        k: ("0" * 16 if k in changed else s.fingerprint)
        for k, s in facts.steps.items()
        if role in s.roles
    }
    return Records.model_validate(
        {
            "id": "R",
            "title": "R",
            "people": [{"id": "p", "name": "P", "roles": [role]}],
            "entries": [
                {
                    "person": "p",
                    "procedure": "HR-007",
                    "version": version,
                    "date": "2026-01-01",
                    "steps": prints,
                }
            ],
        }
    )


@settings(max_examples=80)
@given(procedure=procedures(), role=st.sampled_from(ROLES), data=st.data())
def test_must_reread_exactly_when_a_step_of_their_role_changed(
    procedure: Procedure, role: str, data: st.DataObject
) -> None:
    facts = procedure_facts(procedure)
    mine = [k for k, s in facts.steps.items() if role in s.roles]
    changed = set(data.draw(st.lists(st.sampled_from(mine), unique=True))) if mine else set()
    (holder,) = standings(facts, record_facts(_records(procedure, role, "2.0.0", changed)))
    expected = Standing.must_reread if changed else Standing.current
    assert holder.standing is expected
    assert {s.key for s in holder.changed} == changed


@settings(max_examples=40)
@given(procedure=procedures(), role=st.sampled_from(ROLES))
def test_a_reading_of_the_current_version_is_always_current(
    procedure: Procedure, role: str
) -> None:
    facts = procedure_facts(procedure)
    records = _records(procedure, role, "2.1.0", set(facts.steps))  # even with other prints
    (holder,) = standings(facts, record_facts(records))
    assert holder.standing is Standing.current


@settings(max_examples=40)
@given(procedure=procedures())
def test_a_step_given_to_their_role_counts_as_a_change(procedure: Procedure) -> None:
    """Steps reassigned from the manager to the recruiter: the recruiter must read them."""
    records = _records(procedure, "recruiter", "2.0.0", set())
    facts = procedure_facts(procedure)
    moved = procedure.model_copy(
        update={"steps": [s.model_copy(update={"role": "recruiter"}) for s in procedure.steps]}
    )
    (holder,) = standings(procedure_facts(moved), record_facts(records))
    had = {k for k, s in facts.steps.items() if "recruiter" in s.roles}
    assert holder.standing is (
        Standing.current if had == set(facts.steps) else Standing.must_reread
    )


def test_diff_refuses_records(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(TEAM), str(TEAM)]) == 2
    assert "training records are not compared" in capsys.readouterr().err


def test_validate_against_a_revision_skips_records(tmp_path: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
            cwd=tmp_path,
            check=True,
            capture_output=True,
        )

    git("init", "-q")
    (tmp_path / "team.yaml").write_bytes(TEAM.read_bytes())
    (tmp_path / "hiring.yaml").write_bytes(NEW.read_bytes())
    git("add", ".")
    git("commit", "-q", "-m", "one")
    code = main(["validate", str(tmp_path), "--against", "HEAD", "--today", "2026-11-24"])
    assert code == 1  # SOP115 findings, not an unreadable record file


def test_records_load_and_dates_are_dates() -> None:
    records = load(TEAM)
    assert isinstance(records, Records)
    assert records.entries[0].date == dt.date(2026, 3, 5)
