"""The rules for the second edition's additions: links, attachments, approvals, trials, plan
sections and horizon, raw HTML, conditions on branch targets; and their bad input, located."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from sopmodel.cli import main
from sopmodel.rules import RULES, Config, validate_paths
from sopmodel.rules.engine import is_active
from sopmodel.rules.text import address_problem
from tests.conftest import TODAY

PROCEDURE = """\
sopmodel: 1
kind: procedure
id: {id}
title: Answer a customer call
version: {version}
status: {status}
objective: Every caller gets an answer the same day.
roles:
  - {{id: agent, name: Support agent}}
  - {{id: lead, name: Support lead}}
{top}steps:
  - id: take
    title: Take the call
    role: agent
{step}  - {{id: log, title: Log the request, role: agent}}
quality:
  criteria: [Every call is logged the same day]
troubleshooting:
  - {{problem: The caller hangs up, solution: Call back within the hour.}}
review: {{interval: annual, last_reviewed: 2026-09-01}}
{tail}"""


def procedure(
    top: str = "",
    step: str = "",
    tail: str = "",
    *,
    id: str = "DEMO-001",
    version: str = "1.0.0",
    status: str = "draft",
) -> str:
    """Return a clean procedure with extra top-level keys, keys of its first step, and keys
    at its end (each given as YAML at the indentation of where it goes)."""
    indent = lambda text, n: textwrap.indent(textwrap.dedent(text), " " * n)  # noqa: E731
    return PROCEDURE.format(
        id=id,
        version=version,
        status=status,
        top=textwrap.dedent(top),
        step=indent(step, 4),
        tail=textwrap.dedent(tail),
    )


PLAN = """\
sopmodel: 1
kind: plan
id: PLAN-DEMO
title: 90-day plan
start: 2027-01-04
roles:
  - {{id: ceo, name: Managing director}}
  - {{id: ops, name: Operations manager}}
{objectives}{kpis}{phases}milestones:
  - {{id: retro, title: 90-day retrospective, date: 2027-03-31, kind: retrospective}}
{tail}"""
OBJECTIVES = (
    "objectives:\n  - {id: late, statement: Cut late deliveries, priority: 1, kpis: [otd]}\n"
)
KPIS = 'kpis:\n  - {id: otd, name: On-time delivery, unit: "%", baseline: 82, target: 95}\n'
PHASES = """\
phases:
  - {id: diagnostic, name: Diagnostic, start: 2027-01-04, end: 2027-01-29}
  - {id: planning, name: Planning, start: 2027-02-01, end: 2027-02-28}
  - {id: actions, name: Actions and adjustments, start: 2027-03-01, end: 2027-04-03}
"""


def plan(
    objectives: str = OBJECTIVES, kpis: str = KPIS, phases: str = PHASES, tail: str = ""
) -> str:
    """Return a clean plan, with the sections given."""
    return PLAN.format(objectives=objectives, kpis=kpis, phases=phases, tail=tail)


def validate(
    capsys: pytest.CaptureFixture[str], files: dict[str, str], *args: str
) -> tuple[int, list[str]]:
    """Write files in the current folder, run `sopmodel validate` on them; return the exit
    status and the diagnostic lines (the summary line left out)."""
    for name, text in files.items():
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        Path(name).write_text(text, encoding="utf-8")
    code = main(["validate", *files, "--today", TODAY.isoformat(), *args])
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    assert "checked" in lines[-1]
    return code, lines[:-1]


def codes(lines: list[str]) -> list[str]:
    """Return the rule code of each diagnostic line."""
    return [line.split()[1] for line in lines]


def test_the_base_documents_are_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = validate(capsys, {"p.yaml": procedure(), "plan.yaml": plan()})
    assert (code, lines) == (0, [])


# TEXT001 malformed-link


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org",
        "http://intranet/policy",
        "https://intranet.example.org:8443/a?b=c#d",
        "HTTPS://EXAMPLE.ORG/",
        "https://münchen.example/",
        "https://[2001:db8::1]/",
        "mailto:safety@example.edu",
        "mailto:a@example.org,b@example.org?subject=Spill",
    ],
)
def test_web_addresses_are_accepted(url: str) -> None:
    assert address_problem(url) is None


@pytest.mark.parametrize(
    ("url", "fix"),
    [
        ("htp:/x", "write https://... or mailto:..."),
        ("https:/example.org", "write https://... or mailto:..."),
        ("https://", "write https://... or mailto:..."),
        ("http://exa mple.org", "write https://... or mailto:..."),
        ("https://example.org:port/", "write https://... or mailto:..."),
        ("https://[::1", "write https://... or mailto:..."),
        ("ftp://files.example.org/a", "write https://... or mailto:..."),
        ("mailto:", "write https://... or mailto:..."),
        ("mailto:safety", "write https://... or mailto:..."),
        ("forms/refund.docx", "write https://... or mailto:..."),
        ("C:\\Procedures\\refund.docx", "write https://... or mailto:..."),
        ("www.example.org/policy", "write https://www.example.org/policy"),
        ("safety@example.edu", "write mailto:safety@example.edu"),
        ("javascript:alert(1)", "write https://... or mailto:..."),
        ("JavaScript:alert(1)", "write https://... or mailto:..."),
        ("data:text/html,<script>alert(1)</script>", "write https://... or mailto:..."),
    ],
)
def test_malformed_addresses_get_what_to_write(url: str, fix: str) -> None:
    assert address_problem(url) == fix


def test_malformed_link_is_located_in_url_details_and_notes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = procedure(
        top="""\
        notes:
          - {level: info, text: "Read [the policy](htp:/x) first."}
        links:
          - {title: Policy, url: "htp:/x"}
          - {title: Mail, url: "mailto:help@example.org"}
        """,
        step="""\
        details: |
          Look the caller up in [the customer base](https://crm.example.org) or
          [the old base](www.example.org/base).
        warning: "Never give a price: see <https://example.org/prices>."
        links:
          - {title: Script, url: "https://example.org/script"}
          - {title: Form, url: "forms/call.docx"}
        """,
    )
    code, lines = validate(capsys, {"p.yaml": text})
    assert code == 1
    assert lines == [
        "p.yaml:12:25 TEXT001 link 'htp:/x' is not a web address: write https://... or mailto:...",
        "p.yaml:14:26 TEXT001 link 'htp:/x' is not a web address: write https://... or mailto:...",
        "p.yaml:20:14 TEXT001 link 'www.example.org/base' is not a web address: write"
        " https://www.example.org/base",
        "p.yaml:26:28 TEXT001 link 'forms/call.docx' is not a web address: write https://..."
        " or mailto:...",
    ]


def test_a_javascript_link_in_text_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """The renderer shows such a link as text; the rule says so, where the author wrote it."""
    text = procedure(step='details: "Open [the form](javascript:alert(1)) now."\n')
    code, lines = validate(capsys, {"p.yaml": text})
    assert code == 1
    assert [line for line in lines if "TEXT001" in line] == [
        "p.yaml:15:14 TEXT001 link 'javascript:alert(1)' is not a web address: write https://..."
        " or mailto:..."
    ]


def test_plan_links_and_notes_are_checked(capsys: pytest.CaptureFixture[str]) -> None:
    tail = """\
notes:
  - {level: caution, text: "Figures from [finance](finance.example.org)."}
links:
  - {title: Method, url: "htps://example.org/sop"}
"""
    _, lines = validate(capsys, {"plan.yaml": plan(tail=tail)})
    assert codes(lines) == ["TEXT001", "TEXT001"]
    assert lines[0].startswith("plan.yaml:20:28 TEXT001 link 'finance.example.org'")
    assert lines[1].startswith("plan.yaml:22:26 TEXT001 link 'htps://example.org/sop'")


# TEXT002 raw-html


def test_raw_html_is_one_located_warning_per_text(capsys: pytest.CaptureFixture[str]) -> None:
    text = procedure(
        top="""\
        notes:
          - {level: warning, text: "Wear gloves.<br>Always."}
        """,
        step="""\
        details: |
          Write the <b>customer number</b> first.
          <!-- to check with the support lead -->
        notes:
          - {level: info, text: "<div>Mind the queue.</div>"}
        """,
    )
    code, lines = validate(capsys, {"p.yaml": text})
    message = "is shown as text, not interpreted: write Markdown (**bold**, - lists) instead"
    assert code == 1
    assert lines == [
        f"p.yaml:12:28 TEXT002 raw HTML '<br>' {message}",
        f"p.yaml:17:14 TEXT002 raw HTML '<b>' {message}",
        f"p.yaml:21:29 TEXT002 raw HTML '<div>' {message}",
    ]


def test_placeholders_comparisons_and_code_are_not_html(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = procedure(
        step="""\
        details: |
          Type `<b>` to get bold in the old tool, then press <Enter>.
          Name the file <customer number>-<date>.pdf when the amount is < 500 EUR
          and the delay is >2 days; write to <support@example.org> or see
          <https://example.org/help>.

              <table> in an indented code block stays code
        """,
    )
    assert validate(capsys, {"p.yaml": text}) == (0, [])


# REF007 unknown-linked-procedure


LINKING = procedure(
    top="""\
    links:
      - {title: Handle a complaint, procedure: SALES-002}
    """,
    step="""\
    links:
      - {title: Escalate, procedure: SALES-003}
    """,
)


def test_linked_procedures_are_resolved_among_the_files_validated_together(
    capsys: pytest.CaptureFixture[str],
) -> None:
    files = {
        "calls.yaml": LINKING,
        "complaints.yaml": procedure(id="SALES-002"),
        "plan.yaml": plan(tail="links:\n  - {title: Calls, procedure: DEMO-009}\n"),
    }
    code, lines = validate(capsys, files)
    assert code == 1
    message = "among the files validated together: correct the id, or validate the linked"
    assert lines == [
        f"calls.yaml:18:38 REF007 no procedure 'SALES-003' {message} procedure with this file",
        f"plan.yaml:20:31 REF007 no procedure 'DEMO-009' {message} procedure with this file",
    ]


def test_a_file_validated_alone_is_not_checked_for_its_linked_procedures(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert validate(capsys, {"calls.yaml": LINKING}) == (0, [])


def test_linked_procedures_resolve_in_parallel_runs(tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"p{n}.yaml").write_text(procedure(id=f"SALES-00{n + 2}"))
    (tmp_path / "calls.yaml").write_text(LINKING)
    report = validate_paths([str(tmp_path)], today=TODAY, jobs=2)
    assert report.diagnostics == []


# SOP112 missing-attachment


def test_attachments_must_be_inside_the_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_text("secret")
    Path("forms").mkdir()
    Path("forms/call-log.txt").write_text("form")
    os.symlink(outside, "forms/link.txt")
    text = procedure(
        top=f"""\
        attachments:
          - {{title: Call log, path: forms/call-log.txt}}
          - {{title: Letter, path: forms/letter.docx}}
          - {{title: Outside, path: ../{outside.name}}}
          - {{title: Absolute, path: "{outside}"}}
          - {{title: Linked, path: forms/link.txt}}
          - {{title: Back in, path: ../{tmp_path.name}/forms/call-log.txt}}
        """,
        step="""\
        substeps:
          - title: Fill the form
            attachments:
              - {title: Folder, path: forms}
        """,
    )
    code, lines = validate(capsys, {"p.yaml": text})
    outside_message = "is outside the procedure's folder: copy it next to the procedure"
    missing_message = "not found next to the procedure: check the path or add the file"
    assert code == 1
    assert lines == [
        f"p.yaml:13:27 SOP112 attachment 'forms/letter.docx' {missing_message}",
        f"p.yaml:14:28 SOP112 attachment '../{outside.name}' {outside_message}"
        " and give its relative path",
        f"p.yaml:15:29 SOP112 attachment '{outside}' {outside_message} and give its relative path",
        f"p.yaml:16:27 SOP112 attachment 'forms/link.txt' {outside_message} and give its"
        " relative path",
        f"p.yaml:25:35 SOP112 attachment 'forms' {missing_message}",
    ]


# SOP113 outdated-approval


@pytest.mark.parametrize(
    ("approvals", "findings"),
    [
        ("  - {role: lead, name: Claire Martin, version: 1.1.0}\n", ["22:48"]),
        ("  - {role: lead, name: Claire Martin, version: 1.2.0-rc1}\n", ["22:48"]),
        ("  - {role: lead, name: Claire Martin, version: v1.2}\n", []),
        ("  - {role: lead, name: Claire Martin}\n", []),
        ("  - {role: lead, name: Claire Martin, version: 1.3.0}\n", []),
        (
            "  - {role: lead, name: Claire Martin, version: 1.0.0}\n"
            "  - {role: lead, name: Paul Durand, version: 1.2.0}\n",
            [],
        ),
        (
            "  - {role: lead, name: Claire Martin, version: 1.2.0}\n"
            "  - {role: agent, name: Paul Durand, version: 1.0.0}\n",
            ["23:47"],
        ),
        ("  - {role: lead, name: Claire Martin, version: the March draft}\n", []),
    ],
)
def test_an_approval_of_an_older_version_is_reported(
    capsys: pytest.CaptureFixture[str], approvals: str, findings: list[str]
) -> None:
    text = procedure(version="1.2.0", status="approved", tail="approvals:\n" + approvals)
    _, lines = validate(capsys, {"p.yaml": text})
    assert [line.split()[0].partition(":")[2] for line in lines] == findings
    assert set(codes(lines)) <= {"SOP113"}
    if findings:
        assert "older than the current 1.2.0: have 1.2.0 approved" in lines[0]


@pytest.mark.parametrize(("approved", "found"), [("1.0.0", ["SOP113"]), ("1.1.0", [])])
def test_an_approved_plan_signed_at_an_older_version_is_reported(
    capsys: pytest.CaptureFixture[str], approved: str, found: list[str]
) -> None:
    tail = (
        "version: 1.1.0\nstatus: approved\napprovals:\n"
        f"  - {{role: ceo, name: Anne Rivière, date: 2026-12-18, version: {approved}}}\n"
    )
    _, lines = validate(capsys, {"plan.yaml": plan(tail=tail)})
    assert [code for code in codes(lines) if code.startswith("SOP")] == found
    if found:
        line = next(line for line in lines if "SOP113" in line)
        assert line.startswith("plan.yaml:") and "older than the current 1.1.0" in line


@pytest.mark.parametrize(
    ("current", "approved", "older"),
    [
        ("B", "A", True),
        ("Rev. 4", "Rev. 3", True),
        ("2", "1.9", True),
        ("AA", "Z", True),
        ("B", "1.0", False),
        ("1.0", "1.0.0", False),
    ],
)
def test_approved_versions_compare_by_precedence(
    capsys: pytest.CaptureFixture[str], current: str, approved: str, older: bool
) -> None:
    tail = f'approvals:\n  - {{role: lead, name: Claire Martin, version: "{approved}"}}\n'
    text = procedure(version=f'"{current}"', status="approved", tail=tail)
    assert codes(validate(capsys, {"p.yaml": text})[1]) == (["SOP113"] if older else [])


def test_an_older_approval_is_expected_while_a_new_version_is_in_review(
    capsys: pytest.CaptureFixture[str],
) -> None:
    tail = "approvals:\n  - {role: lead, name: Claire Martin, version: 1.1.0}\n"
    text = procedure(version="1.2.0", status="in_review", tail=tail)
    assert validate(capsys, {"p.yaml": text}) == (0, [])


# SOP114 untried-procedure (off by default)


UNTRIED = procedure(
    version="1.2.0",
    status="approved",
    tail="""\
    approvals:
      - {role: lead, name: Claire Martin}
    """,
)


def test_untried_procedure_is_off_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert not RULES["SOP114"].enabled
    assert validate(capsys, {"p.yaml": UNTRIED}) == (0, [])
    code, lines = validate(capsys, {"p.yaml": UNTRIED}, "--select", "SOP")
    assert (code, lines) == (0, [])


def test_untried_procedure_is_turned_on_by_its_code(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = validate(capsys, {"p.yaml": UNTRIED}, "--select", "ALL,SOP114")
    assert code == 1
    assert lines == [
        "p.yaml:6:9 SOP114 version 1.2.0 is approved but was never tried: have someone less"
        " familiar with it follow it, and record the trial under trials"
    ]
    code, lines = validate(capsys, {"p.yaml": UNTRIED}, "--select", "SOP114", "--ignore", "SOP")
    assert (code, lines) == (0, [])


def test_untried_procedure_is_turned_on_in_the_configuration(
    capsys: pytest.CaptureFixture[str],
) -> None:
    Path("sopmodel.toml").write_text('select = ["ALL", "SOP114"]\n')
    assert codes(validate(capsys, {"p.yaml": UNTRIED})[1]) == ["SOP114"]


@pytest.mark.parametrize(
    ("trials", "said"),
    [
        ("  - {date: 2026-08-20, tester: Julie, version: 1.2.0, outcome: passed}\n", None),
        ("  - {date: 2026-08-20, tester: Julie, version: 1.2.0-rc.2, outcome: passed}\n", None),
        ("  - {date: 2026-08-20, tester: Julie, outcome: passed}\n", None),
        (
            "  - {date: 2026-08-20, tester: Julie, version: 1.2.0, outcome: failed}\n",
            "its trial ended failed",
        ),
        (
            "  - {date: 2026-08-20, tester: Julie, version: 1.1.0, outcome: passed}\n",
            "no trial is of this version",
        ),
        (
            "  - {date: 2026-08-20, tester: Julie, version: 1.2.1-rc1, outcome: passed}\n",
            "no trial is of this version",
        ),
    ],
)
def test_only_a_passed_trial_of_the_current_version_counts(
    capsys: pytest.CaptureFixture[str], trials: str, said: str | None
) -> None:
    text = UNTRIED + "trials:\n" + trials
    code, lines = validate(capsys, {"p.yaml": text}, "--select", "ALL,SOP114")
    if said is None:
        assert (code, lines) == (0, [])
    else:
        assert lines == [
            f"p.yaml:23:1 SOP114 version 1.2.0 is approved but {said}: try it again and record"
            " a trial with outcome: passed"
        ]


def test_rules_lists_what_is_off_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    listed = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()}
    assert listed["SOP114"].endswith("(off by default)")
    assert "off by default" not in listed["SOP113"]


# PLAN211 incomplete-plan


def test_a_plan_without_objectives_kpis_or_phases(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = validate(capsys, {"plan.yaml": plan("", "kpis: []\n", "")})
    assert code == 1
    assert lines == [
        "plan.yaml:4:8 PLAN211 the plan has no objectives: add objectives (the few priorities,"
        " each measured by KPIs)",
        "plan.yaml:4:8 PLAN211 the plan has no phases: add phases (diagnostic, planning, actions,"
        " with their dates)",
        "plan.yaml:9:1 PLAN211 the plan has no KPIs: add kpis (what is measured every week)",
    ]


# PLAN212 uncovered-horizon


@pytest.mark.parametrize(
    ("phases", "found"),
    [
        (
            "  - {id: a, name: A, start: 2027-01-06, end: 2027-02-28}\n"
            "  - {id: b, name: B, start: 2027-03-01, end: 2027-04-03}\n",
            [
                "14:29 PLAN212 2027-01-04 to 2027-01-05 (2 days) falls in no phase: start phase"
                " 'a' on 2027-01-04, or add a phase before it"
            ],
        ),
        (
            "  - {id: a, name: A, start: 2027-01-04, end: 2027-02-10}\n"
            "  - {id: b, name: B, start: 2027-02-12, end: 2027-04-03}\n",
            ["15:29 PLAN212 2027-02-11 falls in no phase: extend phase 'a' or start 'b' earlier"],
        ),
        (
            "  - {id: a, name: A, start: 2027-01-04, end: 2027-03-31}\n",
            [
                "14:46 PLAN212 2027-04-01 to 2027-04-03 (3 days) falls in no phase: end phase"
                " 'a' on 2027-04-03, or add a phase after it"
            ],
        ),
        (  # listed out of order, overlapping, and beyond the horizon: covered all the same
            "  - {id: b, name: B, start: 2027-02-01, end: 2027-05-31}\n"
            "  - {id: a, name: A, start: 2026-12-01, end: 2027-02-15}\n",
            [],
        ),
        (  # weekends only: Friday to Monday, and a plan ending on a Saturday
            "  - {id: a, name: A, start: 2027-01-04, end: 2027-01-29}\n"
            "  - {id: b, name: B, start: 2027-02-01, end: 2027-04-02}\n",
            [],
        ),
        (  # a phase that ends before it starts is PLAN209's: the others still cover
            "  - {id: a, name: A, start: 2027-01-04, end: 2027-04-03}\n"
            "  - {id: b, name: B, start: 2027-03-01, end: 2027-02-01}\n",
            [],
        ),
    ],
)
def test_uncovered_days_of_the_horizon_are_reported(
    capsys: pytest.CaptureFixture[str], phases: str, found: list[str]
) -> None:
    _, lines = validate(capsys, {"plan.yaml": plan(phases="phases:\n" + phases)})
    lines = [line for line in lines if " PLAN212 " in line]
    assert len(lines) == len(found)
    assert [line.partition(":")[2][: len(f)] for line, f in zip(lines, found, strict=True)] == found


def test_a_plan_without_phases_is_not_also_uncovered(capsys: pytest.CaptureFixture[str]) -> None:
    _, lines = validate(capsys, {"plan.yaml": plan(phases="")})
    assert codes(lines) == ["PLAN211"]


# FLOW007 condition-on-branch-target


DECISION = procedure(
    step='decision:\n  - {when: "yes", goto: log}\n  - {when: "no", goto: refer}\n'
)
DECISION = DECISION.replace(
    "  - {id: log, title: Log the request, role: agent}\n",
    "  - {id: log, title: Log the request, role: agent, when: The caller is a customer,"
    " end: true}\n"
    "  - {id: refer, title: Refer the caller to sales, role: agent}\n"
    "  - {id: record, title: Record the lead, role: agent, when: The caller agrees}\n",
)
"""The first step asks; 'yes' leads to log (which repeats the answer in its when), 'no' to
refer, which record follows in sequence."""


def test_when_on_a_step_reached_only_by_branches(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = validate(capsys, {"p.yaml": DECISION})
    assert code == 1
    assert lines == [
        "p.yaml:18:58 FLOW007 step 'log' is reached only through decision branches (answer"
        " 'yes' of step 'take'), which already say when it runs: remove when, or put the"
        " condition in the branch"
    ]


def test_when_on_a_step_also_reached_in_sequence_is_its_own(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = DECISION.replace(", when: The caller is a customer, end: true", "").replace(
        "role: agent}\n  - {id: record", "role: agent, when: The caller is new}\n  - {id: record"
    )
    code, lines = validate(capsys, {"p.yaml": text})
    # refer is reached by the answer 'no' and after log, in sequence: its when stands
    assert (code, lines) == (0, [])


# Bad input of the additions: one located line each


def test_an_unknown_note_level_is_one_located_line(capsys: pytest.CaptureFixture[str]) -> None:
    text = procedure(top="notes:\n  - {level: critical, text: Hot.}\n")
    code, lines = validate(capsys, {"p.yaml": text})
    assert code == 1
    assert lines == [
        "p.yaml:12:13 SCHEMA003 notes[0].level: Input should be 'danger', 'warning', 'caution',"
        " 'notice' or 'info' (got 'critical')"
    ]


@pytest.mark.parametrize(
    "link",
    [
        '{title: Both, url: "https://example.org", procedure: SALES-002}',
        "{title: Neither}",
    ],
)
def test_a_link_needs_a_url_or_a_procedure(capsys: pytest.CaptureFixture[str], link: str) -> None:
    text = procedure(step=f"links:\n  - {link}\n")
    code, lines = validate(capsys, {"p.yaml": text})
    assert code == 1
    assert lines == [
        "p.yaml:16:9 SCHEMA003 steps[0].links[0]: a link needs either url (a web page) or"
        " procedure (the id of a procedure), not both and not neither"
    ]


def test_off_by_default_rules_need_their_whole_code() -> None:
    for code, item in RULES.items():
        config = Config(select=("ALL",))
        assert is_active(item, config) is item.enabled, code
        assert is_active(item, Config(select=("ALL", code)))


REAL_LOOKING = """\
sopmodel: 1
kind: procedure
id: ACH-010
title: Valider une demande d'achat
language: fr
objective: Aucune commande n'est passée sans devis validé.
roles:
  - {id: acheteur, name: Acheteur}
  - {id: finance, name: Contrôleur de gestion}
links:
  - {title: Politique d'achats, url: "https://intranet.example.fr/achats/politique?v=3#seuils"}
  - {title: Écrire aux achats, url: "mailto:achats@example.fr?subject=Demande%20d'achat"}
notes:
  - level: notice
    text: |
      Au-delà de 40 000 € HT, le contrôleur de gestion **doit** signer.
      Écrire à <achats@example.fr> ou voir <https://intranet.example.fr/achats>.
steps:
  - id: saisir
    title: Saisir la demande
    role: acheteur
    details: |
      Saisir `<numéro de commande>-<date>` dans le champ *Référence*, puis appuyer sur <Entrée>.

      | montant | signataire |
      |---|---|
      | < 5 000 € | acheteur |
      | > 40 000 € | contrôleur |

      Voir [la procédure fournisseurs](https://intranet.example.fr/fournisseurs) et
      [le guide](http://guide.example.fr/achats.pdf).
    notes:
      - {level: caution, text: "Ne jamais transmettre le prix d'un fournisseur à un autre."}
  - id: valider
    title: Valider le devis
    role: [acheteur, finance]
    when: Le montant dépasse 40 000 € HT
quality:
  criteria: [Chaque commande a un devis validé]
troubleshooting:
  - {problem: Le fournisseur ne répond pas, solution: Relancer après 48 h.}
glossary:
  - {term: HT, definition: Hors taxes.}
"""


def test_real_looking_text_gets_no_finding_from_the_new_rules(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert validate(capsys, {"achats.yaml": REAL_LOOKING}, "--select", "ALL,SOP114") == (0, [])


def test_an_image_in_a_loop_of_links_is_missing_not_an_internal_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.png").symlink_to(tmp_path / "b.png")
    (tmp_path / "b.png").symlink_to(tmp_path / "a.png")
    source = tmp_path / "p.yaml"
    source.write_text(
        "sopmodel: 1\nkind: procedure\nid: P-1\ntitle: T\n"
        "steps:\n  - {title: Look, image: {path: a.png}}\n",
        encoding="utf-8",
    )
    assert main(["validate", str(source), "--select", "SOP111"]) == 1
    out = capsys.readouterr().out
    assert "SOP111 image 'a.png' not found next to the procedure" in out
    assert "internal error" not in out
