"""Hostile and odd input: every root shape, special files, huge values; never a traceback."""

from __future__ import annotations

import json
import os
import socket
import threading
from pathlib import Path

import pytest

from sopmodel.cli import main
from sopmodel.diagnostics import Diagnostic, Severity
from sopmodel.source import LoadError, load, load_bytes

HEAD = "sopmodel: 1\nkind: procedure\nid: DEMO-001\n"
MINIMAL = HEAD + "title: Answer a call\nsteps:\n  - title: Take the call\n"


def _diagnostics(text: str | bytes, file: str = "f.yaml") -> list[Diagnostic]:
    with pytest.raises(LoadError) as caught:
        load_bytes(text, file)
    return caught.value.diagnostics


@pytest.mark.parametrize(
    ("text", "file", "where"),
    [
        ("- a\n- b\n", "f.yaml", (1, 1)),
        ("just text\n", "f.yaml", (1, 1)),
        ("\n\n  42\n", "f.yaml", (3, 3)),
        ("~\n", "f.yaml", (1, 1)),
        ("null", "f.json", (1, 1)),
        ('\n  ["a"]', "f.json", (2, 3)),
        ("3.5", "f.json", (1, 1)),
        ('"text"', "f.json", (1, 1)),
        ("true", "f.json", (1, 1)),
        ("", "f.yaml", (1, 1)),
        ("# only a comment\n", "f.yaml", (1, 1)),
        ("", "f.json", (1, 1)),
        ("  \n", "f.json", (1, 1)),
    ],
)
def test_every_root_shape_is_a_located_schema004(
    text: str, file: str, where: tuple[int, int]
) -> None:
    [diagnostic] = _diagnostics(text, file)
    assert diagnostic.code == "SCHEMA004"
    assert (diagnostic.line, diagnostic.col) == where
    assert type(diagnostic.line) is int and type(diagnostic.col) is int


@pytest.mark.parametrize("form", ["json", "sarif", "github", "junit", "text"])
@pytest.mark.parametrize("text", ["- a\n- b\n", "42\n", "~\n"])
def test_odd_roots_do_not_crash_any_output_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], form: str, text: str
) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text(text)
    code = main(["validate", str(path), "--format", form])
    out = capsys.readouterr().out
    assert code in (1, 2)
    assert "SCHEMA004" in out
    if form in ("json", "sarif"):
        json.loads(out)


def test_diagnostic_refuses_a_position_that_is_not_an_int() -> None:
    class Mark:
        line = 0
        column = 0

    with pytest.raises(TypeError):
        Diagnostic("X1", "x", Severity.error, "m", "f", Mark(), 1)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Diagnostic("X1", "x", Severity.error, "m", "f", 1, True)
    assert Diagnostic("X1", "x", Severity.error, "m", "f", None, None).line is None


def _io001(path: Path | str) -> str:
    with pytest.raises(LoadError) as caught:
        load(path)
    [diagnostic] = caught.value.diagnostics
    assert diagnostic.code == "IO001"
    assert diagnostic.line is None
    return diagnostic.message


def _ends_soon(function: object, *args: object) -> object:
    """Run function in a thread and fail the test if it is still running after 10 s."""
    result: list[object] = []
    thread = threading.Thread(target=lambda: result.append(function(*args)), daemon=True)  # type: ignore[operator]
    thread.start()
    thread.join(10)
    assert not thread.is_alive(), "still running after 10 s: it hangs"
    return result[0] if result else None


def test_a_fifo_is_refused_without_being_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    message = _ends_soon(_io001, fifo)
    assert "pipe" in str(message)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    assert "folder" in _io001(tmp_path)


def test_dev_zero_is_refused() -> None:
    message = _ends_soon(_io001, "/dev/zero")
    assert "device" in str(message)


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        assert "socket" in _io001(path)
    finally:
        server.close()


def test_a_symlink_to_a_regular_file_is_read(tmp_path: Path) -> None:
    target = tmp_path / "real.yaml"
    target.write_text(MINIMAL)
    (tmp_path / "link.yaml").symlink_to(target)
    assert load(tmp_path / "link.yaml").id == "DEMO-001"


def test_a_fifo_on_the_command_line_does_not_hang(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    code = _ends_soon(main, ["validate", str(fifo), "--format", "json"])
    assert code == 2
    assert "IO001" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("value", "col"),
    [
        ("9" * 4301, 8),
        ("-" + "9" * 5000, 8),
        ("0x" + "f" * 5000, 8),
        ("0o" + "7" * 5000, 8),
        ("1." + "5" * 5000, 8),
        ("!!int " + "9" * 5000, 8),
    ],
)
def test_huge_numbers_are_refused_with_their_location(value: str, col: int) -> None:
    [diagnostic] = _diagnostics(MINIMAL.replace("title: Answer a call", f"title: {value}"))
    assert (diagnostic.code, diagnostic.line, diagnostic.col) == ("YAML003", 4, col)
    assert len(str(diagnostic)) < 300


def test_a_long_hexadecimal_title_never_crashes_validate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "hex.yaml"
    path.write_text(MINIMAL.replace("title: Answer a call", "title: 0x" + "f" * 5000))
    for form in ("text", "json", "sarif", "github"):
        code = main(["validate", str(path), "--format", form])
        out = capsys.readouterr().out
        assert code in (1, 2)
        assert "YAML003" in out


def test_a_quoted_long_number_is_text() -> None:
    document = load_bytes(MINIMAL.replace("title: Answer a call", f"title: '{'9' * 99}0'"))
    assert document.title == "9" * 99 + "0"


def test_a_number_of_100_characters_is_still_a_number() -> None:
    [diagnostic] = _diagnostics(MINIMAL.replace("title: Answer a call", f"title: {'9' * 100}"))
    assert diagnostic.code == "SCHEMA003"
    assert "quotes" in diagnostic.message


@pytest.mark.parametrize("file", ["f.yaml", "f.json"])
def test_over_long_text_is_refused_with_its_location(file: str) -> None:
    data = {
        "sopmodel": 1,
        "kind": "procedure",
        "id": "A",
        "title": "t",
        "steps": [{"title": "x", "details": "word " * 20_001}],
    }
    text = json.dumps(data, indent=1)
    [diagnostic] = _diagnostics(text, file)
    assert diagnostic.code == "YAML003"
    assert diagnostic.line == 9
    assert "100,000" in diagnostic.message


def test_text_at_the_limit_is_accepted() -> None:
    details = "w" * 100_000
    document = load_bytes(MINIMAL + f"    details: {details}\n")
    assert document.steps[0].details == details


def test_an_over_long_key_is_refused() -> None:
    [diagnostic] = _diagnostics(MINIMAL + "? " + "k" * 100_001 + "\n: 1\n")
    assert (diagnostic.code, diagnostic.line) == ("YAML003", 7)


@pytest.mark.parametrize("number", ["1e400", "-1e400", ".inf", "-.inf", ".nan"])
@pytest.mark.parametrize("key", ["baseline", "target"])
def test_non_finite_kpi_numbers_are_refused_with_their_location(number: str, key: str) -> None:
    text = MINIMAL + f"quality:\n  kpis:\n    - {{id: k, name: K, {key}: {number}}}\n"
    [diagnostic] = _diagnostics(text)
    assert (diagnostic.code, diagnostic.line) == ("SCHEMA003", 9)
    assert diagnostic.loc == ("quality", "kpis", 0, key)


def test_reader_errors_are_located() -> None:
    [diagnostic] = _diagnostics(MINIMAL + "notes: a\x01b\n")
    assert (diagnostic.code, diagnostic.line, diagnostic.col) == ("YAML001", 7, 9)
