"""The export API for library users: bytes and streams, logging, batches on a Dask cluster."""

from __future__ import annotations

import io
import logging
import warnings
from collections.abc import Callable
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Any

import pytest

import sopmodel
from sopmodel.exporters import ExportError, export_many, render
from sopmodel.rules import Config
from sopmodel.source import load
from tests.conftest import EXAMPLES, INVALID, output_names, valid_examples

SALES = EXAMPLES / "sales-opportunity.yaml"


@pytest.mark.parametrize("format", ["docx", "pptx", "svg", "pdf"])
def test_export_returns_bytes_or_writes_a_stream(tmp_path: Path, format: str) -> None:
    document = sopmodel.load(SALES)
    [written] = sopmodel.export(document, format, tmp_path)
    data = sopmodel.export(document, format, None)
    assert isinstance(data, bytes) and data == written.read_bytes()
    stream = io.BytesIO()
    assert sopmodel.export(document, format, stream) is None
    assert stream.getvalue() == data
    assert output_names(tmp_path) == [written.name]  # bytes touch no disk


def test_a_paged_output_is_every_page_from_render(tmp_path: Path) -> None:
    document = load(SALES)
    pages = render(document, "dot", steps_per_page=3)
    written = sopmodel.export(document, "dot", tmp_path, steps_per_page=3)
    assert len(pages) == len(written) > 1
    assert pages == [path.read_bytes() for path in written]
    with pytest.raises(ExportError) as refused:
        sopmodel.export(document, "dot", io.BytesIO(), steps_per_page=3)
    assert str(refused.value) == (
        f"the dot export of SALES-001 has {len(pages)} pages, a stream holds one file:"
        " export to a folder, use render() for every page, or use pdf"
    )


def test_notes_are_logged_and_collected_by_export_many(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        [result] = export_many([SALES], ["pptx"], tmp_path, flowchart=False)
    assert result.ok
    [note] = result.notes
    assert note.startswith("SALES-001: Estimated session: ")
    assert logging.getLogger("sopmodel.export").level == logging.NOTSET  # left as it was


def test_export_many_refuses_documents_sharing_an_id_before_writing(tmp_path: Path) -> None:
    twins = sorted((INVALID / "REF006-duplicate-document-id").glob("*.yaml"))
    results = export_many([*twins, SALES], ["dot"], tmp_path / "out")
    assert [r.ok for r in results] == [False, False, True]
    assert f"{twins[1]} has the same id 'DEMO-001'" in results[0].errors[0]
    assert output_names(tmp_path / "out") == ["SALES-001.dot"]


def test_export_many_with_a_config_refuses_documents_with_errors(tmp_path: Path) -> None:
    flawed = INVALID / "FLOW001-unknown-branch-target.yaml"
    [refused] = export_many([flawed], ["dot"], tmp_path, check=Config())
    assert [d.code for d in refused.diagnostics] == ["FLOW001"]
    assert not refused.written and not list(tmp_path.iterdir())
    [unchecked] = export_many([flawed], ["dot"], tmp_path)
    assert unchecked.ok and unchecked.written


def test_an_exporter_crash_is_an_internal_error_in_the_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sopmodel.exporters.flowchart import FlowchartExporter

    def crash(*args: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(FlowchartExporter, "export", crash)
    [result] = export_many([SALES], ["dot", "pptx"], tmp_path, flowchart=False)
    assert result.internal_error
    assert result.errors == [
        "internal error in flowchart (dot): KeyError: 'boom'; please report it"
    ]
    assert [Path(p).name for p in result.written] == ["SALES-001.pptx"]


class Recording(Executor):
    """An executor that passes work to another and notes what each worker sent back."""

    def __init__(self, inner: Executor) -> None:
        self.inner = inner
        self.returned: list[dict[str, list[str]]] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        handed: Future[Any] = Future()

        def note(done: Future[Any]) -> None:
            value = done.result()
            self.returned.append({f: [type(p).__name__ for p in v] for f, v in value.pages.items()})
            handed.set_result(value)

        self.inner.submit(fn, *args, **kwargs).add_done_callback(note)
        return handed


@pytest.mark.parametrize("processes", [False, True], ids=["threads", "processes"])
def test_export_many_on_a_dask_cluster(tmp_path: Path, processes: bool) -> None:
    """Workers send pages back as bytes; this process writes them: no shared disk needed."""
    import distributed

    sources = [str(p) for p in valid_examples()]
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=processes, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        executor = Recording(client.get_executor())
        results = export_many(sources, ["svg", "docx"], tmp_path / "dask", executor=executor)
    assert all(r.ok for r in results), [r.errors for r in results]
    sequential = export_many(sources, ["svg", "docx"], tmp_path / "here")
    for spread, local in zip(results, sequential, strict=True):
        for a, b in zip(spread.written, local.written, strict=True):
            assert Path(a).read_bytes() == Path(b).read_bytes(), a
    assert len(executor.returned) == len(sources)
    for sent in executor.returned:
        assert sorted(sent) == ["docx", "svg"]
        assert {kind for pages in sent.values() for kind in pages} == {"bytes"}
