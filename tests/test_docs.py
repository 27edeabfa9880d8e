"""The generated reference pages and schemas match the code; the public API is importable."""

from __future__ import annotations

import subprocess
import sys

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
