"""The exporter framework: registry, atomic and reproducible writing, naming, batches."""

from __future__ import annotations

import datetime as dt
import zipfile
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import EntryPoint
from pathlib import Path
from typing import Any, ClassVar

import pytest

from sopmodel.exporters import (
    GROUP,
    Destination,
    ExportError,
    ExportOptions,
    MissingDependency,
    Registry,
    export,
    export_many,
    export_time,
    need_module,
    need_program,
    normalize_zip,
    registry,
)
from sopmodel.model import Document
from sopmodel.source import load, load_bytes
from tests.conftest import EXAMPLES, output_names, valid_examples

SALES = EXAMPLES / "sales-opportunity.yaml"
FLOWCHART = "sopmodel.exporters.flowchart:FlowchartExporter"


class Failing:
    """An exporter that writes half a file, then fails, as a crash would."""

    name: ClassVar[str] = "failing"
    formats: ClassVar[tuple[str, ...]] = ("svg",)
    kinds: ClassVar[tuple[str, ...]] = ("procedure", "plan")
    options: ClassVar[type[ExportOptions]] = ExportOptions
    description: ClassVar[str] = "fails half way"

    def missing(self, format: str) -> list[str]:
        return []

    def export(self, document: Document, destination: Destination, options: Any) -> None:
        destination.path.write_bytes(b"<svg half written")
        destination.page(2).write_bytes(b"<svg another half")
        raise RuntimeError("the exporter crashed")


def test_builtin_exporter_is_registered_through_its_entry_point() -> None:
    found = registry()
    assert found.by_name["flowchart"].source.startswith("sopmodel ")
    assert {"dot", "svg", "png", "pdf"} <= set(found.formats())
    assert found.problems == []


def test_duplicate_exporter_names_are_refused() -> None:
    point = EntryPoint(name="flowchart", value=FLOWCHART, group=GROUP)
    found = Registry.from_entry_points([point, point])
    assert "flowchart" not in found.by_name
    assert "registered twice" in found.problems[0]


def test_a_broken_plugin_does_not_hide_the_others() -> None:
    good = EntryPoint(name="flowchart", value=FLOWCHART, group=GROUP)
    broken = EntryPoint(name="broken", value="no_such_module_here:Exporter", group=GROUP)
    found = Registry.from_entry_points([good, broken])
    assert "flowchart" in found.by_name
    assert "cannot be loaded" in found.problems[0]


def test_a_format_is_written_by_one_exporter_only() -> None:
    found = Registry.from_entry_points([EntryPoint(name="flowchart", value=FLOWCHART, group=GROUP)])
    with pytest.raises(ExportError, match="already written by 'flowchart'"):
        found.register(Failing())
    with pytest.raises(ExportError, match="no exporter writes 'docz'"):
        found.for_format("docz")


def test_output_is_named_after_the_document_id(tmp_path: Path) -> None:
    written = export(load(SALES), "dot", tmp_path)
    assert written == [tmp_path / "SALES-001.dot"]
    assert export(load(SALES), "dot", tmp_path / "chosen.dot") == [tmp_path / "chosen.dot"]


def test_the_input_file_is_never_overwritten(tmp_path: Path) -> None:
    source = tmp_path / "doc.dot"
    source.write_text(SALES.read_text(encoding="utf-8"), encoding="utf-8")
    before = source.read_bytes()
    with pytest.raises(ExportError, match="is an input of this export"):
        export(load(source), "dot", source)
    assert source.read_bytes() == before


def test_a_failed_export_leaves_the_earlier_file_byte_identical(tmp_path: Path) -> None:
    document = load(SALES)
    [earlier] = export(document, "svg", tmp_path)
    before = earlier.read_bytes()
    failing = Registry()
    failing.register(Failing())
    with pytest.raises(RuntimeError, match="crashed"):
        export(document, "svg", tmp_path, registry_=failing)
    assert earlier.read_bytes() == before
    assert output_names(tmp_path) == ["SALES-001.svg"]


def test_a_failing_dot_leaves_the_earlier_file_byte_identical(tmp_path: Path) -> None:
    document = load(SALES)
    [earlier] = export(document, "png", tmp_path)
    before = earlier.read_bytes()
    with pytest.raises(ExportError, match="took more than"):
        export(document, "png", tmp_path, timeout=0.0001)
    assert earlier.read_bytes() == before
    assert output_names(tmp_path) == ["SALES-001.png"]


@pytest.mark.parametrize("format", ["dot", "svg", "png", "pdf"])
@pytest.mark.parametrize("path", valid_examples(), ids=lambda p: p.stem)
def test_two_exports_are_byte_identical(tmp_path: Path, format: str, path: Path) -> None:
    first = export(load(path), format, tmp_path / "one")
    second = export(load(path), format, tmp_path / "two")
    assert [p.name for p in first] == [p.name for p in second]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_source_date_epoch_is_honoured(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from pypdf import PdfReader

    document = load(SALES)
    assert export_time(document) == dt.datetime(2026, 11, 2, tzinfo=dt.UTC)  # latest review
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert export_time(document) == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)
    [pdf] = export(document, "pdf", tmp_path)
    assert PdfReader(pdf).metadata["/CreationDate"] == "D:20231114221320Z"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        export_time(document)


def test_zip_containers_are_normalised(tmp_path: Path) -> None:
    def make(path: Path, when: tuple[int, ...]) -> None:
        with zipfile.ZipFile(path, "w") as archive:
            for name in ("[Content_Types].xml", "word/document.xml"):
                archive.writestr(zipfile.ZipInfo(name, date_time=when), f"<x>{name}</x>")

    make(tmp_path / "a.docx", (2024, 5, 1, 10, 11, 12))
    make(tmp_path / "b.docx", (2025, 7, 3, 8, 9, 10))
    when = dt.datetime(2026, 11, 24, tzinfo=dt.UTC)
    for name in ("a.docx", "b.docx"):
        normalize_zip(tmp_path / name, when)
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.docx") as archive:
        assert archive.testzip() is None
        assert {i.date_time for i in archive.infolist()} == {(2026, 11, 24, 0, 0, 0)}


def test_kind_and_options_are_checked(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="bad option"):
        export(load(SALES), "svg", tmp_path, steps_per_pgae=3)
    with pytest.raises(ExportError, match="bad option"):
        export(load(SALES), "svg", tmp_path, steps_per_page="many")


def test_missing_tools_give_one_line_that_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert need_module("no_such_module_here", "pip install it") == [
        "the Python package 'no_such_module_here' is missing: pip install it"
    ]
    monkeypatch.setenv("PATH", "/nonexistent")
    [line] = need_program("dot", "apt-get install graphviz", ("svg",))
    assert line == "the svg export needs the `dot` program: apt-get install graphviz"
    with pytest.raises(MissingDependency, match="apt-get install graphviz"):
        export(load(SALES), "svg", "/tmp")


def test_stale_pages_of_a_longer_earlier_export_are_removed(tmp_path: Path) -> None:
    longer = export(load(SALES), "dot", tmp_path, steps_per_page=3)
    assert len(longer) > 2
    assert export(load(SALES), "dot", tmp_path) == [tmp_path / "SALES-001.dot"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".sopmodel-manifest.json",
        "SALES-001.dot",
    ]


def test_files_named_like_pages_that_sopmodel_did_not_write_are_kept(tmp_path: Path) -> None:
    photo = tmp_path / "SALES-001-2.png"
    photo.write_bytes(b"a step photo")
    (tmp_path / "SALES-001-3.png").write_bytes(b"another photo")
    assert export(load(SALES), "png", tmp_path) == [tmp_path / "SALES-001.png"]
    assert photo.read_bytes() == b"a step photo"
    assert (tmp_path / "SALES-001-3.png").read_bytes() == b"another photo"


def test_export_many_takes_any_executor(tmp_path: Path) -> None:
    sources = [str(p) for p in valid_examples()]
    broken = tmp_path / "broken.yaml"
    broken.write_text("sopmodel: 1\nkind: procedure\nid: X\n")
    done: list[str] = []
    with ThreadPoolExecutor(2) as pool:
        results = export_many(
            [*sources, broken],
            ["dot"],
            tmp_path / "out",
            executor=pool,
            on_result=lambda r: done.append(r.source),
        )
    assert sorted(done) == sorted([*sources, str(broken)])
    assert all(r.ok for r in results[:-1])
    assert results[-1].diagnostics[0].code == "SCHEMA002"
    sequential = export_many(sources, ["dot"], tmp_path / "seq")
    assert [Path(p).name for r in sequential for p in r.written] == [
        Path(p).name for r in results[:-1] for p in r.written
    ]


def test_in_memory_documents_export_too(tmp_path: Path) -> None:
    document = load_bytes(SALES.read_text(encoding="utf-8"))
    assert export(document, "dot", tmp_path)[0].name == "SALES-001.dot"


class Gappy(Failing):
    """An exporter that writes page 2 but no page 1."""

    def export(self, document: Document, destination: Destination, options: Any) -> None:
        destination.page(2).write_bytes(b"<svg/>")


def test_an_exporter_that_skips_a_page_is_refused(tmp_path: Path) -> None:
    gappy = Registry()
    gappy.register(Gappy())
    with pytest.raises(ExportError, match="the failing exporter skipped a page number"):
        export(load(SALES), "svg", tmp_path, registry_=gappy)
    assert list(tmp_path.iterdir()) == []


def test_the_built_in_formats_are_those_sopmodel_registers() -> None:
    """exporter_for skips the plugin search for these formats: they must agree."""
    from importlib.metadata import entry_points

    from sopmodel.exporters.registry import BUILT_IN, exporter_for

    installed = {p.value for p in entry_points(group=GROUP) if p.value.startswith("sopmodel.")}
    assert set(BUILT_IN.values()) == installed
    found = Registry.from_entry_points()
    assert {f: found.for_format(f).name for f in BUILT_IN} == {
        f: exporter_for(f).name for f in BUILT_IN
    }


def test_a_plugin_never_takes_a_built_in_format_whatever_its_name() -> None:
    """A plugin named to be loaded first that writes svg is refused; the flowchart keeps svg."""
    flowchart = EntryPoint(name="flowchart", value=FLOWCHART, group=GROUP)
    thief = EntryPoint(name="aaa-svg", value=f"{__name__}:Failing", group=GROUP)
    found = Registry.from_entry_points([thief, flowchart])
    assert found.for_format("svg").name == "flowchart"
    assert "aaa-svg" not in found.by_name
    assert "already written by 'flowchart'" in found.problems[0]
