"""`sopmodel diff`: two files, or a file against a git revision, as text, Markdown and JSON."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sopmodel.cli import main
from tests.conftest import EXAMPLES, git

DATA = Path(__file__).resolve().parent / "data" / "changes"


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A git repository with two commits of one procedure: 2.0.0, then 2.1.0 (rerouted)."""
    git(tmp_path, "init", "-q")
    shutil.copy(DATA / "base.yaml", tmp_path / "lab.yaml")
    git(tmp_path, "add", "lab.yaml")
    git(tmp_path, "commit", "-q", "-m", "2.0.0")
    shutil.copy(DATA / "reroute.yaml", tmp_path / "lab.yaml")
    git(tmp_path, "commit", "-q", "-a", "-m", "2.1.0")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_file_against_the_previous_commit(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "diff", str(repository / "lab.yaml"), "--against", "HEAD~1")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "LAB-007 'Clean glassware with piranha solution': 2.0.0 -> 2.1.0"
    assert lines[1] == "why: reroute"
    located = [line for line in lines if "inspect" in line]
    assert located == [
        f"{repository / 'lab.yaml'}:30:5: step 4 inspect: rerouted:"
        " 'Is the glassware clean?' (supervisor)"
    ]
    assert "    decision: yes → rinse; no → soak -> yes → rinse; no → dispose" in lines


def test_the_working_copy_against_head_after_an_edit(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = repository / "lab.yaml"
    path.write_text(path.read_text().replace("for 15 minutes", "for 50 minutes"))
    code, out, _ = run(capsys, "diff", str(path), "--against", "HEAD", "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert data["old"] == f"HEAD:{path}" and data["new"] == str(path)
    assert [(s["key"], s["kinds"]) for s in data["steps"]] == [("soak", ["reworded"])]
    (field,) = data["steps"][0]["fields"]
    assert (field["before"], field["after"]) == (
        "Soak the glassware for 15 minutes",
        "Soak the glassware for 50 minutes",
    )


def test_markdown_for_a_pull_request_comment(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "diff", str(DATA / "base.yaml"), str(DATA / "reword.yaml"), "-f", "markdown"
    )
    assert code == 0
    assert out.startswith("### LAB-007 · Clean glassware with piranha solution (2.0.0 → 2.1.0)")
    assert "> **Why** (revision 2.1.0): reword" in out
    assert "| Step | Title | What changed | Details | Roles |" in out
    assert (
        "| 3 | Soak the glassware for 50 minutes | reworded |"
        " *title*: Soak the glassware for ~~15~~ **50** minutes | Lab technician |"
    ) in out
    assert "**Roles concerned:** Lab technician" in out


def test_markdown_shows_user_markup_as_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = tmp_path / "new.yaml"
    text = (DATA / "base.yaml").read_text()
    new.write_text(text.replace("Soak the glassware for 15 minutes", "Soak | <b>all</b> *it*"))
    _, out, _ = run(capsys, "diff", str(DATA / "base.yaml"), str(new), "-f", "markdown")
    row = next(line for line in out.splitlines() if line.startswith("| 3 |"))
    assert "Soak \\| &lt;b&gt;all&lt;/b&gt; \\*it\\*" in row
    assert row.count(" | ") == 4  # the user's pipe does not add a column


def test_renumbered_steps_are_listed_apart_from_changed_ones(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, "diff", str(DATA / "base.yaml"), str(DATA / "insert.yaml"))
    assert "1 step changed (1 added); 4 only renumbered" in out
    assert "renumbered only: soak 3->4, inspect 4->5, rinse 5->6, dispose 6->7" in out


@pytest.mark.parametrize(("new", "status"), [("typo", 0), ("reword", 1), ("base", 0)])
def test_exit_code_says_whether_the_content_changed(
    new: str, status: int, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys, "diff", str(DATA / "base.yaml"), str(DATA / f"{new}.yaml"), "--exit-code"
    )
    assert code == status
    if status == 0:
        assert "no change to what a reader follows" in out


def test_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out" / "diff.md"
    code, out, _ = run(
        capsys, "diff", str(DATA / "base.yaml"), str(DATA / "danger.yaml"),
        "-f", "markdown", "-o", str(target),
    )  # fmt: skip
    assert (code, out) == (0, "")
    assert "note added" in target.read_text()


def _bad_inputs(tmp_path: Path, repository: Path) -> dict[str, tuple[list[str], str]]:
    broken = tmp_path / "broken.yaml"
    broken.write_text("sopmodel: 1\nkind: procedure\nid: [\n")
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(DATA / "base.yaml", outside / "lab.yaml")
    shutil.copy(DATA / "base.yaml", repository / "new.yaml")
    lab = str(repository / "lab.yaml")
    base = str(DATA / "base.yaml")
    return {
        "missing file": ([base, str(tmp_path / "nothere.yaml")], "nothere.yaml IO001"),
        "not a document": ([base, str(broken)], "broken.yaml:4:1 YAML001"),
        "not a repository": (
            [str(outside / "lab.yaml"), "--against", "HEAD"],
            "lab.yaml: not in a git repository",
        ),
        "unknown revision": ([lab, "--against", "v9"], "lab.yaml: unknown revision 'v9'"),
        "option as revision": ([lab, "--against=--output=x"], "'--output=x' is not a revision"),
        "absent at revision": (
            [str(repository / "new.yaml"), "--against", "HEAD"],
            "new.yaml: the file is not in revision HEAD (added after it?)",
        ),
        "two ids": (
            [base, str(EXAMPLES / "lab-piranha-clean.yaml")],
            "lab-piranha-clean.yaml:8:5: cannot compare two different procedures",
        ),
        "two kinds": (
            [base, str(EXAMPLES / "plan-sop-90-jours.fr.yaml")],
            "cannot compare a procedure (LAB-007) with a plan",
        ),
        "one file": ([base], "diff takes OLD NEW"),
        "two files and a revision": ([base, base, "--against", "HEAD"], "takes one FILE"),
    }


BAD = [
    "missing file", "not a document", "not a repository", "unknown revision",
    "option as revision", "absent at revision", "two ids", "two kinds", "one file",
    "two files and a revision",
]  # fmt: skip


@pytest.mark.parametrize("case", BAD)
def test_bad_input_is_one_located_line_and_exit_2(
    case: str, tmp_path: Path, repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args, expected = _bad_inputs(_scratch(tmp_path), repository)[case]
    code, out, err = run(capsys, "diff", *args)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith("sopmodel: "), err
    assert expected in err


def _scratch(tmp_path: Path) -> Path:
    folder = tmp_path.parent / f"{tmp_path.name}-scratch"
    folder.mkdir(exist_ok=True)
    return folder


def test_a_real_process_says_one_line_without_a_traceback(repository: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sopmodel", "diff", "lab.yaml", "--against", "nope"],
        cwd=repository,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr == "sopmodel: lab.yaml: unknown revision 'nope' in this repository\n"
    assert "Traceback" not in done.stderr


ROOT = Path(__file__).resolve().parent.parent
CONSOLE = re.compile(r"```console\n\$ (sopmodel diff [^\n]*)\n(.*?)```", re.DOTALL)


def test_the_reports_shown_in_docs_governance_are_true(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    page = (ROOT / "docs" / "governance.md").read_text(encoding="utf-8")
    sessions = CONSOLE.findall(page)
    assert len(sessions) >= 2
    for command, expected in sessions:
        code, out, _ = run(capsys, *command.split()[1:])
        assert (code, out) == (0, expected), command
    markdown = re.search(r"```markdown\n(.*?)```", page, re.DOTALL)
    assert markdown is not None
    base, new = "tests/data/changes/base.yaml", "tests/data/changes/v2.1.0.yaml"
    assert run(capsys, "diff", base, new, "-f", "markdown")[1] == markdown.group(1)


def test_a_plan_retargeted_kpi_is_a_located_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = EXAMPLES / "plan-sop-90-jours.fr.yaml"
    new = tmp_path / "plan.yaml"
    new.write_text(
        old.read_text(encoding="utf-8").replace(
            "baseline: 6, target: 0.5", "baseline: 6, target: 1"
        ),
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "diff", str(old), str(new))
    assert code == 0
    assert f"{new}:44:5: kpis taux-doublons: retargeted: 'Commandes saisies en double'" in out
    assert "    target: 0.5 -> 1" in out
    assert out.endswith("roles concerned: resp-adv\n")


def test_markdown_in_french_for_a_french_team(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "diff", str(DATA / "base.yaml"), str(DATA / "v2.1.0.yaml"),
        "-f", "markdown", "--lang", "fr",
    )  # fmt: skip
    assert code == 0
    assert "> **Pourquoi** (révision 2.1.0)\u00a0: Wait for the mixture" in out
    assert "| Étape | Intitulé | Changement | Détail | Rôles |" in out
    assert "| 4 (avant\u00a0: 3) | Soak the glassware for 20 minutes |" in out
    assert "renumérotée, reformulée, note ajoutée" in out
    assert "| kpis | Incidents per quarter | cible revue | *target*\u00a0: ~~0~~ → 1 |" in out
    assert "**Rôles concernés\u00a0:** Lab technician, Lab supervisor" in out
