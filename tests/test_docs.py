"""The generated reference pages and schemas match the code; the public API is importable."""

from __future__ import annotations

import subprocess
import sys

import pytest

import sopmodel
from tests.conftest import ROOT


def test_generated_docs_are_current() -> None:
    result = subprocess.run(
        [sys.executable, "tools/generate_docs.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr + "\nrun: python tools/generate_docs.py"


def test_public_api() -> None:
    for name in sopmodel.__all__:
        assert getattr(sopmodel, name) is not None
    document = sopmodel.load(ROOT / "examples" / "sales-opportunity.yaml")
    assert isinstance(document, sopmodel.Procedure)
    assert sopmodel.check(document) == [] or all(d.file for d in sopmodel.check(document))
    assert sopmodel.load_bytes(sopmodel.dump(document)) == document
    records = sopmodel.load(ROOT / "examples" / "records" / "sales-team-records.yaml")
    assert isinstance(records, sopmodel.Records)


def test_every_code_listed_by_rules_has_its_page_and_index_entry(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from sopmodel.cli import main

    assert main(["rules"]) == 0
    codes = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert {"IO001", "YAML001", "YAML003", "SCHEMA001", "SOP101", "PLAN201"} <= set(codes)
    pages = ROOT / "docs" / "rules"
    index = (pages / "index.md").read_text(encoding="utf-8")
    for code in codes:
        page = pages / f"{code}.md"
        assert page.is_file(), f"docs/rules/{code}.md is missing: run tools/generate_docs.py"
        assert page.read_text(encoding="utf-8").startswith(f"# {code} ")
        assert f"[{code}]({code}.md)" in index, f"{code} is not in docs/rules/index.md"
