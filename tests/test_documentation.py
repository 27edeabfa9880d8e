"""The examples in README.md and docs/ are true: files validate, code runs, output matches."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

from sopmodel.cli import main
from sopmodel.rules import check_document
from sopmodel.source import load_bytes
from tests.conftest import ROOT, TODAY

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.DOTALL)


def _blocks(language: str) -> list[tuple[str, str]]:
    found = []
    for page in PAGES:
        for number, (lang, body) in enumerate(BLOCK.findall(page.read_text(encoding="utf-8"))):
            if lang == language:
                found.append((f"{page.name}#{number}", body))
    return found


DOCUMENTS = [(name, body) for name, body in _blocks("yaml") if body.startswith("sopmodel: 1")]


@pytest.mark.parametrize(("name", "body"), DOCUMENTS, ids=[n for n, _ in DOCUMENTS])
def test_documents_shown_in_the_docs_are_clean(name: str, body: str) -> None:
    document = load_bytes(body, name)
    assert [str(d) for d in check_document(document, today=TODAY)] == []


PYTHON = _blocks("python")
"""Blocks marked `python` are run; fragments are marked `py`."""


@pytest.mark.parametrize(("name", "body"), PYTHON, ids=[n for n, _ in PYTHON])
def test_python_shown_in_the_docs_runs(
    name: str, body: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(body, name, "exec"), {})
    for line in body.splitlines():
        printed = re.match(r"print\((.*)\)\s+# (\[.*\])$", line)
        if printed:
            assert printed.group(2) in out.getvalue()


SESSIONS = [(n, b) for n, b in _blocks("text") if b.startswith("$ sopmodel ")]


@pytest.mark.parametrize(("name", "body"), SESSIONS, ids=[n for n, _ in SESSIONS])
def test_command_output_shown_in_the_docs(
    name: str, body: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    command, _, expected = body.partition("\n")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main([*command.split()[2:], "--today", TODAY.isoformat()])
    assert out.getvalue() == expected


def test_there_is_something_to_check() -> None:
    assert DOCUMENTS and PYTHON and SESSIONS
    assert all(Path(p).exists() for p in PAGES)


MARKDOWN = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
FENCE = re.compile(r"^(```|~~~).*?^\1", re.DOTALL | re.MULTILINE)
LINK = re.compile(
    r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)"  # [text](target), ![alt](image)
    r"|^\[[^\]]+\]:\s*(\S+)",  # [label]: target
    re.MULTILINE,
)
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def _anchor(heading: str) -> str:
    """Return the anchor GitHub gives a heading: lower case, punctuation dropped, - for spaces."""
    text = re.sub(r"[`*_]|\[([^\]]*)\]\([^)]*\)", r"\1", heading.strip()).lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    return {_anchor(h) for h in re.findall(r"^#{1,6}\s+(.+?)\s*#*$", text, re.M)}


def _links() -> list[tuple[str, Path, str]]:
    found = []
    for page in MARKDOWN:
        text = FENCE.sub("", page.read_text(encoding="utf-8"))
        text = re.sub(r"`[^`\n]*`", "", text)
        for match in LINK.finditer(text):
            target = match.group(1) or match.group(2)
            if not EXTERNAL.match(target):
                found.append((f"{page.relative_to(ROOT)} -> {target}", page, target))
    return found


LINKS = _links()


@pytest.mark.parametrize(("name", "page", "target"), LINKS, ids=[n for n, _, _ in LINKS])
def test_relative_links_and_images_resolve(name: str, page: Path, target: str) -> None:
    path, _, anchor = target.partition("#")
    resolved = (page.parent / path).resolve() if path else page
    assert resolved.exists(), f"{name}: {resolved} does not exist"
    if anchor and resolved.suffix == ".md":
        assert anchor in _anchors(resolved), f"{name}: no heading gives #{anchor}"


def test_links_are_found() -> None:
    assert any(target.endswith(".png") for _, _, target in LINKS)
    assert any("#" in target for _, _, target in LINKS)
