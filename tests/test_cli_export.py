"""`sopmodel export` and `sopmodel exporters` on the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sopmodel.cli import main
from tests.conftest import EXAMPLES, INVALID, output_names, valid_examples


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_writes_each_format_of_each_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    files = [str(p) for p in valid_examples()]
    code, out, err = run(
        capsys, "export", *files, "--to", "svg,dot", "-o", str(tmp_path), "-j", "2"
    )
    assert code == 0, out + err
    names = set(output_names(tmp_path))
    assert {"SALES-001.svg", "SALES-001.dot", "ADV-002.svg", "PLAN-2027-T1.svg"} <= names
    assert out.count("wrote ") == len(names)
    assert err.strip().endswith(f"{len(names)} files written.")


def test_an_output_folder_that_is_a_file_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    taken = tmp_path / "out"
    taken.write_text("a file, not a folder")
    code, _, err = run(
        capsys, "export", str(EXAMPLES / "sales-opportunity.yaml"), "--to", "svg", "-o", str(taken)
    )
    assert code == 2
    assert f"{taken}: cannot write there: File exists" in err


def test_each_template_goes_to_its_own_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from sopmodel.exporters.word import TEMPLATES

    sales = str(EXAMPLES / "sales-opportunity.yaml")
    docx = str(TEMPLATES / "procedure.docx")
    code, out, _ = run(
        capsys,
        "export",
        sales,
        "--to",
        "docx,pptx",
        "--template",
        docx,
        "-O",
        "flowchart=false",
        "-o",
        str(tmp_path),
        "-j",
        "1",
    )
    assert code == 0, out
    code, _, err = run(
        capsys, "export", sales, "--to", "pptx", "--template", docx, "-o", str(tmp_path)
    )
    assert code == 2 and "is for none of pptx" in err


def test_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "export", str(EXAMPLES / "sales-opportunity.yaml"), "--to", "docz")
    assert code == 2
    assert "no exporter writes 'docz': known formats are" in err


def test_bad_option_is_reported(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(
        capsys,
        "export",
        str(EXAMPLES / "sales-opportunity.yaml"),
        "--to",
        "svg",
        "-O",
        "nonsense",
        "-o",
        str(tmp_path),
    )
    assert code == 2 and "KEY=VALUE" in err
    code, _, err = run(
        capsys,
        "export",
        str(EXAMPLES / "sales-opportunity.yaml"),
        "--to",
        "svg",
        "-O",
        "steps_per_page=0",
        "-o",
        str(tmp_path),
    )
    assert code == 2 and "bad option for the svg export: steps_per_page" in err


def test_invalid_documents_are_reported_with_their_location(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("sopmodel: 1\nkind: procedure\nid: X\ntitle: t\nstepz: []\n")
    code, out, err = run(
        capsys,
        "export",
        str(broken),
        str(EXAMPLES / "sales-opportunity.yaml"),
        "--to",
        "svg",
        "-o",
        str(tmp_path / "out"),
        "-j",
        "1",
    )
    assert code == 1
    assert f"{broken}:5:1 SCHEMA001 unknown key 'stepz'" in out
    assert (tmp_path / "out" / "SALES-001.svg").exists()
    assert "1 of 2 documents refused or failed" in err


def test_documents_sharing_an_id_are_not_silently_overwritten(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = INVALID / "REF006-duplicate-document-id"
    code, out, _ = run(capsys, "export", str(folder), "--to", "dot", "-o", str(tmp_path), "-j", "1")
    assert code == 1
    first, second = sorted(str(p) for p in folder.glob("*.yaml"))
    assert f"{first}: not exported: {second} has the same id 'DEMO-001'" in out
    assert f"{second}: not exported: {first} has the same id 'DEMO-001'" in out
    assert list(tmp_path.iterdir()) == []  # refused before anything was written


def test_exporters_lists_formats_and_their_needs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "exporters")
    assert code == 0
    assert "flowchart (sopmodel" in out
    for format in ("dot", "svg", "png", "pdf"):
        assert f"--to {format}: ready" in out


def test_without_dot_the_user_is_told_what_to_install(tmp_path: Path) -> None:
    env = {**os.environ, "PATH": str(Path(sys.executable).parent)}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sopmodel",
            "export",
            str(EXAMPLES / "sales-opportunity.yaml"),
            "--to",
            "svg,dot",
            "-o",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 2
    [problem] = [line for line in done.stdout.splitlines() if "svg:" in line]
    assert "needs the `dot` program: install Graphviz (apt-get install graphviz" in problem
    assert "Traceback" not in done.stderr
    assert (tmp_path / "SALES-001.dot").exists()  # the format that needs no program is written
    listed = subprocess.run(
        [sys.executable, "-m", "sopmodel", "exporters"], capture_output=True, text=True, env=env
    )
    assert "--to dot: ready" in listed.stdout
    assert "--to svg: the svg/png/pdf export needs the `dot` program" in listed.stdout


def test_documents_with_errors_are_refused_with_their_findings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    flawed = INVALID / "FLOW001-unknown-branch-target.yaml"
    code, out, err = run(capsys, "export", str(flawed), "--to", "docx", "-o", str(tmp_path))
    assert code == 1
    assert f"{flawed}:16:28 FLOW001 branch 'no' goes to unknown step" in out
    assert f"{flawed}: not exported: the checks found 1 error (above)" in out
    assert "0 files written; 1 of 1 document refused or failed." in err
    assert list(tmp_path.iterdir()) == []


def test_two_errors_are_counted_in_the_refusal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    flawed = tmp_path / "flawed.yaml"
    text = (INVALID / "FLOW001-unknown-branch-target.yaml").read_text("utf-8")
    flawed.write_text(text.replace("goto: log}", "goto: logg}"), "utf-8")
    code, out, _ = run(capsys, "export", str(flawed), "--to", "dot", "-o", str(tmp_path / "out"))
    assert code == 1
    assert out.count(" FLOW001 ") == 2 and out.count(" FLOW002 ") == 1  # log is unreached
    assert (
        f"{flawed}: not exported: the checks found 3 errors (above); fix them, or export"
        " without the check (--no-check)"
    ) in out


def test_no_check_exports_anyway_with_a_warning(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    flawed = INVALID / "FLOW001-unknown-branch-target.yaml"
    code, out, err = run(
        capsys, "export", str(flawed), "--to", "dot", "--no-check", "-o", str(tmp_path)
    )
    assert code == 0, out + err
    assert err.startswith("sopmodel: warning: --no-check: documents are exported without")
    assert (tmp_path / "DEMO-001.dot").exists()


def test_the_checks_follow_the_configuration_found(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sopmodel.toml").write_text('ignore = ["FLOW001"]\n')
    monkeypatch.chdir(tmp_path)
    flawed = INVALID / "FLOW001-unknown-branch-target.yaml"
    code, out, err = run(capsys, "export", str(flawed), "--to", "dot", "-o", "out")
    assert code == 0, out + err
    (tmp_path / "strict.toml").write_text("ignore = []\n")
    code, out, err = run(capsys, "export", str(flawed), "--to", "dot", "-o", "strict",
                         "--config", "strict.toml")  # fmt: skip
    assert code == 1 and "FLOW001" in out
    code, _, err = run(capsys, "export", str(flawed), "--to", "dot", "--config", "nowhere.toml")
    assert code == 2 and err.startswith("sopmodel: ") and err.count("\n") == 1


def test_an_exporter_crash_is_one_line_exit_2_and_the_other_formats_are_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sopmodel.exporters.flowchart import FlowchartExporter

    def crash(*args: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(FlowchartExporter, "export", crash)
    sales = str(EXAMPLES / "sales-opportunity.yaml")
    code, out, _ = run(capsys, "export", sales, "--to", "svg,pptx", "-O", "flowchart=false",
                       "-o", str(tmp_path), "-j", "1")  # fmt: skip
    assert code == 2
    assert (
        f"{sales}: internal error in flowchart (svg): ZeroDivisionError: division by zero;"
        " please report it\n"
    ) in out
    assert (tmp_path / "SALES-001.pptx").exists()
    assert "Traceback" not in out


def test_quiet_prints_only_problems(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = str(EXAMPLES / "sales-opportunity.yaml")
    args = ["export", source, "--to", "pptx", "-O", "flowchart=false"]
    assert main([*args, "-o", str(tmp_path / "loud")]) == 0
    loud = capsys.readouterr().out
    assert "Estimated session" in loud and "wrote " in loud
    assert main([*args, "-o", str(tmp_path / "quiet"), "-q"]) == 0
    assert capsys.readouterr().out == ""
