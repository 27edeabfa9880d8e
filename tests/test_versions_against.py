"""Version discipline in CI: `sopmodel validate --against REF` and approvals of the version."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sopmodel.cli import main
from tests.conftest import git

DATA = Path(__file__).resolve().parent / "data" / "changes"
TODAY = "2026-11-24"


@pytest.fixture
def lab(tmp_path: Path) -> Path:
    """lab.yaml at 2.0.0, committed; the test edits the working copy."""
    git(tmp_path, "init", "-q")
    shutil.copy(DATA / "base.yaml", tmp_path / "lab.yaml")
    git(tmp_path, "add", "lab.yaml")
    git(tmp_path, "commit", "-q", "-m", "2.0.0")
    return tmp_path / "lab.yaml"


def validate(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    code = main(["validate", *args, "--today", TODAY])
    out, err = capsys.readouterr()
    return code, out.splitlines()[:-1], err  # the last line is the summary


def edit(path: Path, *pairs: tuple[str, str]) -> None:
    text = path.read_text()
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text)


RAISED = (
    ("version: 2.0.0\nstatus", "version: 2.1.0\nstatus"),
    ("date: 2026-09-02, version: 2.0.0}", "date: 2026-10-02, version: 2.1.0}"),
    (
        "changes: First approved version.}",
        "changes: First approved version.}\n  - {version: 2.1.0, date: 2026-10-01,"
        " changes: Soak longer.}",
    ),
)
REWORD = ("for 15 minutes", "for 50 minutes")


def test_base_is_clean_against_itself(lab: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert validate(capsys, str(lab), "--against", "HEAD") == (0, [], "")


def test_content_changed_while_the_version_stayed(
    lab: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(lab, REWORD)
    code, lines, _ = validate(capsys, str(lab), "--against", "HEAD")
    assert code == 1
    assert lines == [
        f"{lab}:5:10 SOP107 the content changed since HEAD (step soak reworded) but version"
        " is still 2.0.0: raise version and add a revision that says what changed"
    ]


def test_without_against_the_same_edit_passes(
    lab: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(lab, REWORD)
    assert validate(capsys, str(lab))[:2] == (0, [])


def test_a_typo_fix_needs_no_new_version(lab: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(DATA / "typo.yaml", lab)
    assert validate(capsys, str(lab), "--against", "HEAD")[:2] == (0, [])


def test_governance_edits_need_no_new_version(
    lab: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(lab, ("last_reviewed: 2026-09-01", "last_reviewed: 2026-11-01"))
    assert validate(capsys, str(lab), "--against", "HEAD")[:2] == (0, [])


def test_a_raised_version_with_its_revision_and_approval_is_clean(
    lab: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(lab, REWORD, *RAISED)
    assert validate(capsys, str(lab), "--against", "HEAD")[:2] == (0, [])


def test_a_new_version_without_its_revision_entry(
    lab: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(lab, REWORD, *RAISED[:2])
    text = lab.read_text()
    lab.write_text(text[: text.index("revisions:")])  # no history at all: SOP107 had no latest
    code, lines, _ = validate(capsys, str(lab), "--against", "HEAD")
    assert code == 1
    assert lines == [
        f"{lab}:5:10 SOP107 version rose from 2.0.0 at HEAD to 2.1.0 but no revision is"
        " listed for 2.1.0: add one with its date and what changed"
    ]


def test_a_version_that_went_back(lab: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(
        lab,
        ("version: 2.0.0\nstatus", "version: 1.9.0\nstatus"),
        ("{version: 2.0.0, date", "{version: 1.9.0, date"),
        ("date: 2026-09-02, version: 2.0.0}", "date: 2026-09-02, version: 1.9.0}"),
    )
    code, lines, _ = validate(capsys, str(lab), "--against", "HEAD")
    assert code == 1
    assert lines == [
        f"{lab}:5:10 SOP107 version went back from 2.0.0 at HEAD to 1.9.0: a new text needs"
        " a version above 2.0.0"
    ]


def test_approved_at_2_0_0_while_at_2_1_0_fails_with_a_located_message(
    lab: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(lab, REWORD, RAISED[0], RAISED[2])  # the approval still says 2.0.0
    for args in ([str(lab)], [str(lab), "--against", "HEAD"]):
        code, lines, _ = validate(capsys, *args)
        assert code == 1
        assert lines == [
            f"{lab}:52:71 SOP113 Ada Lovelace approved version 2.0.0, older than the current"
            " 2.1.0: have 2.1.0 approved, or set status back to in_review"
        ]


def test_an_approval_without_version_carried_over_from_the_older_version(
    lab: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(lab, ("date: 2026-09-02, version: 2.0.0}", "date: 2026-09-02}"))
    git(lab.parent, "commit", "-q", "-a", "-m", "approval without version")
    edit(lab, REWORD, RAISED[0], RAISED[2])
    assert validate(capsys, str(lab))[:2] == (0, [])  # alone, it reads as of the current one
    code, lines, _ = validate(capsys, str(lab), "--against", "HEAD")
    assert code == 1
    assert lines == [
        f"{lab}:52:5 SOP113 Ada Lovelace's approval gives no version and was already there"
        " at HEAD, when the version was 2.0.0: have 2.1.0 approved (an approval with"
        " version: 2.1.0), or set status back to in_review"
    ]


def test_a_file_added_since_the_revision_is_checked_alone(
    lab: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    added = lab.parent / "added.yaml"
    shutil.copy(DATA / "reword.yaml", added)
    edit(
        added,
        ("id: LAB-007", "id: LAB-008"),
        ("date: 2026-09-02, version: 2.0.0}", "date: 2026-10-02, version: 2.1.0}"),
    )
    assert validate(capsys, str(lab.parent), "--against", "HEAD")[:2] == (0, [])


def test_an_unknown_revision_is_one_line_and_exit_2(
    lab: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["validate", str(lab), "--against", "origin/main"])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err == f"sopmodel: --against: {lab}: unknown revision 'origin/main' in this repository\n"


def test_outside_a_repository_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(DATA / "base.yaml", tmp_path / "lab.yaml")
    code = main(["validate", str(tmp_path / "lab.yaml"), "--against", "HEAD"])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err == f"sopmodel: --against: {tmp_path / 'lab.yaml'}: not in a git repository\n"


def test_a_folder_checked_in_two_processes_against_a_revision(
    lab: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    second = lab.parent / "second.yaml"
    shutil.copy(DATA / "base.yaml", second)
    edit(second, ("id: LAB-007", "id: LAB-009"))
    git(lab.parent, "add", "second.yaml")
    git(lab.parent, "commit", "-q", "-m", "second")
    edit(lab, REWORD)
    edit(second, REWORD)
    code, lines, _ = validate(capsys, str(lab.parent), "--against", "HEAD", "--jobs", "2")
    assert code == 1
    assert [line.split(" ", 2)[:2] for line in lines] == [
        [f"{lab}:5:10", "SOP107"],
        [f"{second}:5:10", "SOP107"],
    ]
