"""The command line: exit codes, output formats, configuration, starters, light imports."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from sopmodel.cli import main
from sopmodel.model.schema import json_schema
from sopmodel.source import load
from tests.conftest import EXAMPLES, INVALID, ROOT, record_examples, valid_examples

TODAY = ["--today", "2026-11-24"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_examples_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", str(EXAMPLES), "--exclude", "invalid", *TODAY)
    assert code == 0
    count = len(valid_examples()) + len(record_examples())
    assert out == f"{count} files checked: no problems found.\n"


def test_findings_exit_1_with_file_line_col_code(capsys: pytest.CaptureFixture[str]) -> None:
    path = INVALID / "REF001-unknown-role.yaml"
    code, out, _ = run(capsys, "validate", str(path), *TODAY)
    assert code == 1
    assert out.splitlines()[0].startswith(f"{path}:11:45 REF001 unknown role 'agnet'")


def test_broken_yaml_is_a_finding_and_a_missing_path_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("sopmodel: 1\nkind: [procedure\n")
    code, out, _ = run(capsys, "validate", str(broken))
    assert code == 1
    assert "YAML001" in out
    code, out, _ = run(capsys, "validate", str(tmp_path / "missing.yaml"))
    assert code == 2
    assert "no such file" in out


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["validate", "--format", "xml", "x.yaml"])
    assert caught.value.code == 2


def test_fail_on_error_lets_warnings_pass(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(INVALID / "SOP103-undefined-acronym.yaml")
    assert run(capsys, "validate", path, *TODAY)[0] == 1
    assert run(capsys, "validate", path, "--fail-on", "error", *TODAY)[0] == 0


def test_ignore_and_select(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(INVALID / "SOP103-undefined-acronym.yaml")
    assert run(capsys, "validate", path, "--ignore", "SOP103", *TODAY)[0] == 0
    assert run(capsys, "validate", path, "--select", "PLAN,FLOW", *TODAY)[0] == 0
    assert run(capsys, "validate", path, "--select", "SOP1", *TODAY)[0] == 1


def test_folders_are_walked_for_sopmodel_files_only(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "other.yaml").write_text("name: not ours\n")
    (tmp_path / "docs" / "call.yml").write_text((EXAMPLES / "sales-opportunity.yaml").read_text())
    minified = json.dumps(load(EXAMPLES / "sales-opportunity.yaml").model_dump(mode="json"))
    (tmp_path / "docs" / "min.json").write_text(minified.replace("SALES-001", "SALES-009"))
    (tmp_path / "docs" / "package.json").write_text('{"name": "x", "version": "1.0.0"}')
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.yaml").write_text("sopmodel: 1\n")
    code, out, _ = run(capsys, "validate", str(tmp_path), *TODAY)
    assert (code, out) == (0, "2 files checked: no problems found.\n")


def test_json_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", str(INVALID), "--format", "json", *TODAY)
    report = json.loads(out)
    assert code == report["exit_code"] == 1
    first = report["diagnostics"][0]
    assert set(first) == {"file", "line", "col", "code", "name", "severity", "message", "path"}
    assert report["summary"]["files"] == len(report["files"])


def test_github_format_escapes_and_levels(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(
        capsys,
        "validate",
        str(INVALID / "SOP103-undefined-acronym.yaml"),
        "--format",
        "github",
        *TODAY,
    )
    [line] = out.splitlines()
    assert line.startswith("::warning file=")
    assert ",line=11,col=22,title=SOP103 undefined-acronym::acronym 'CRM'" in line


def test_sarif_format(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(
        capsys,
        "validate",
        str(INVALID / "PLAN203-raci-accountable.yaml"),
        "--format",
        "sarif",
        *TODAY,
    )
    log = json.loads(out)
    assert log["version"] == "2.1.0"
    run_ = log["runs"][0]
    [result] = run_["results"]
    rule = run_["tool"]["driver"]["rules"][result["ruleIndex"]]
    assert rule["id"] == result["ruleId"] == "PLAN203"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], result["level"]) == (23, "error")


def test_junit_format(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(
        capsys,
        "validate",
        str(INVALID / "REF001-unknown-role.yaml"),
        str(EXAMPLES / "sales-opportunity.yaml"),
        "--format",
        "junit",
        *TODAY,
    )
    root = ET.fromstring(out)
    cases = root.findall(".//testcase")
    assert len(cases) == 2
    failures = root.findall(".//failure")
    assert [f.get("type") for f in failures] == ["REF001"]


def test_output_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "report.sarif"
    code, out, _ = run(
        capsys,
        "validate",
        str(INVALID / "REF001-unknown-role.yaml"),
        "-f",
        "sarif",
        "-o",
        str(target),
        *TODAY,
    )
    assert (code, out) == (1, "")
    assert json.loads(target.read_text())["runs"][0]["results"]


def test_jobs_give_the_same_report(capsys: pytest.CaptureFixture[str]) -> None:
    _, one, _ = run(capsys, "validate", str(INVALID), "-f", "json", *TODAY)
    _, two, _ = run(capsys, "validate", str(INVALID), "-f", "json", "--jobs", "2", *TODAY)
    assert json.loads(one) == json.loads(two)


def test_config_from_pyproject(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.sopmodel]\nmax-priorities = 4\nignore = ["PLAN2"]\n'
        '[tool.sopmodel.severity]\nREF003 = "info"\n'
    )
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    path = str(INVALID / "PLAN201-too-many-priorities.yaml")
    assert run(capsys, "validate", path, *TODAY)[0] == 0
    path = str(INVALID / "REF003-unknown-kpi.yaml")
    code, out, _ = run(capsys, "validate", path, *TODAY)
    assert code == 0 and "REF003" in out and "1 info" in out


def test_max_priorities_option(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    config = tmp_path / "elsewhere" / "sopmodel.toml"
    config.write_text("max-priorities = 4\n")
    path = str(INVALID / "PLAN201-too-many-priorities.yaml")
    assert run(capsys, "validate", path, *TODAY)[0] == 1
    assert run(capsys, "validate", path, "--config", str(config), *TODAY)[0] == 0


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("max-priority = 4\n", "did you mean 'max-priorities'"),
        ('max-priorities = "three"\n', "takes a int"),
        ('fail-on = "fatal"\n', "not a severity"),
        ("select = [\n", "invalid TOML"),
    ],
)
def test_bad_config_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, toml: str, message: str
) -> None:
    (tmp_path / "sopmodel.toml").write_text(toml)
    code, _, err = run(capsys, "validate", str(EXAMPLES / "sales-opportunity.yaml"))
    assert code == 2
    assert message in err


@pytest.mark.parametrize("kind", ["procedure", "plan"])
def test_schema_command_prints_the_committed_schema(
    capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    code, out, _ = run(capsys, "schema", kind)
    assert code == 0
    assert json.loads(out) == json_schema(kind)


@pytest.mark.parametrize("kind", ["procedure", "plan"])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_new_writes_a_starter_that_validates(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str, lang: str
) -> None:
    target = tmp_path / f"{kind}.yaml"
    assert run(capsys, "new", kind, str(target), "--lang", lang)[0] == 0
    text = target.read_text(encoding="utf-8")
    assert text.count("#") > 5, "the starter explains itself in comments"
    assert load(target).language == lang
    assert run(capsys, "validate", str(target))[0] == 0
    code, _, err = run(capsys, "new", kind, str(target))
    assert code == 2 and "already exists" in err
    assert target.read_text(encoding="utf-8") == text


def test_rules_command_lists_every_rule_and_loader_check(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from sopmodel.rules import RULES
    from sopmodel.source import STRUCTURE_CHECKS

    _, out, _ = run(capsys, "rules")
    assert [line.split()[0] for line in out.splitlines()] == sorted({*RULES, *STRUCTURE_CHECKS})


def _imported_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return set(result.stdout.split())


HEAVY = {"docx", "docxtpl", "pptx", "openpyxl", "graphviz", "lxml", "jinja2"}


def test_version_imports_nothing_heavy() -> None:
    modules = _imported_after(
        "from sopmodel.cli import main\ntry:\n    main(['--version'])\nexcept SystemExit:\n    pass"
    )
    assert not modules & (HEAVY | {"pydantic", "yaml"})


def test_validate_imports_no_exporter_library() -> None:
    modules = _imported_after("from sopmodel.cli import main\nmain(['validate', 'examples'])")
    assert "pydantic" in modules
    assert not modules & HEAVY


def test_listing_exporters_imports_no_exporter_library() -> None:
    modules = _imported_after("from sopmodel.cli import main\nmain(['exporters'])")
    assert "sopmodel.exporters.flowchart" in modules
    assert not modules & (HEAVY | {"pypdf", "babel", "rich"})


def test_module_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sopmodel", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("sopmodel ")


def test_verbose_says_what_each_document_holds(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", str(EXAMPLES), "--exclude", "invalid", "-v", *TODAY)
    assert code == 0
    assert "prise-de-commande.fr.yaml: procedure ADV-002 v2.1.0 (fr): 8 steps, 5 sub-steps" in out
    assert "plan PLAN-2027-T1 (fr), 2027-01-04 to 2027-04-03: 3 objectives, 4 KPIs" in out


def test_large_trees_are_checked_in_several_processes_by_default(tmp_path: Path) -> None:
    from sopmodel.rules import validate_paths
    from sopmodel.rules.run import AUTO_MIN_FILES

    text = (EXAMPLES / "sales-opportunity.yaml").read_text(encoding="utf-8")
    for index in range(AUTO_MIN_FILES + 6):
        body = text.replace("id: SALES-001", f"id: SALES-{index:03d}", 1)
        if index == 5:
            body = body.replace("role: sdr", "role: nobody", 1)
        (tmp_path / f"p{index:03d}.yaml").write_text(body, encoding="utf-8")
    auto = validate_paths([str(tmp_path)], today=dt.date(2026, 11, 24), jobs=None)
    single = validate_paths([str(tmp_path)], today=dt.date(2026, 11, 24), jobs=1)
    assert auto.diagnostics == single.diagnostics
    assert [d.code for d in auto.diagnostics] == ["REF001"]
    assert auto.diagnostics[0].file == str(tmp_path / "p005.yaml")
    assert len(auto.documents) == AUTO_MIN_FILES + 6
