"""Export documents: to bytes, a stream or files, one at a time or many with any executor."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, overload

from pydantic import ValidationError

from sopmodel.diagnostics import Diagnostic, Severity
from sopmodel.exporters.base import Destination, Exporter, ExportError, MissingDependency
from sopmodel.exporters.outputs import (
    companion_paths,
    inputs_of,
    place_pages,
    refuse_inputs,
    source_of,
)
from sopmodel.exporters.registry import Registry, exporter_for
from sopmodel.exporters.telling import collect
from sopmodel.exporters.textsafety import xml_safe
from sopmodel.exporters.writing import folder_named, output_path, page_paths
from sopmodel.model import AnyDocument, Document, Plan, Procedure
from sopmodel.source import LoadError, load

if TYPE_CHECKING:
    from sopmodel.rules import Config

__all__ = [
    "BinaryStream",
    "ExportResult",
    "Output",
    "export",
    "export_many",
    "refusal",
    "render",
    "render_output",
]


class BinaryStream(Protocol):
    """Anything with a `write(bytes)` method: an open file, io.BytesIO, a socket file."""

    def write(self, data: bytes, /) -> object: ...


def _prepared(
    document: Document, format: str, registry_: Registry | None, options: dict[str, Any]
) -> tuple[Exporter, Any]:
    """Return the exporter of a format and its validated options, or raise ExportError."""
    exporter = exporter_for(format, registry_)
    if document.kind not in exporter.kinds:
        raise ExportError(
            f"the {format} export takes a {' or a '.join(exporter.kinds)}, not a {document.kind}"
        )
    missing = exporter.missing(format)
    if missing:
        raise MissingDependency("; ".join(missing))
    try:
        settings = exporter.options.model_validate(options)
    except ValidationError as error:
        raise ExportError(_bad_option(format, error)) from None
    return exporter, settings


def _bad_option(format: str, error: ValidationError) -> str:
    problems = "; ".join(
        f"{'.'.join(map(str, e['loc'])) or 'options'}: {e['msg']}" for e in error.errors()
    )
    return f"bad option for the {format} export: {problems}"


@dataclass(frozen=True)
class Output:
    """An export in memory: the bytes of each page, and of each companion file."""

    pages: list[bytes]
    """The main file first, then its further pages (SALES-001-2.svg...)."""
    companions: dict[str, bytes] = field(default_factory=dict)
    """Files the output links to (images, a chart), by their path relative to the output's
    folder (SALES-001.assets/flowchart.svg), sorted; written beside the output."""


def _render(document: Document, exporter: Exporter, format: str, settings: Any) -> Output:
    """Run the exporter in a scratch folder; return the bytes of each page, page 1 first,
    and of each companion file."""
    clean = xml_safe(document)
    with _scratch() as scratch:
        destination = Destination(scratch, document.id, format)
        exporter.export(clean, destination, settings)
        pages = destination.pages()
        if not pages or not all(page.is_file() for page in pages):
            raise ExportError(f"the {exporter.name} exporter wrote no {format} file")
        if pages != [destination.page(n) for n in range(1, len(pages) + 1)]:
            raise ExportError(f"the {exporter.name} exporter skipped a page number")
        companions = destination.companions()
        unwritten = [name for name, path in companions.items() if not path.is_file()]
        if unwritten:
            raise ExportError(f"the {exporter.name} exporter wrote no file {unwritten[0]}")
        return Output(
            [page.read_bytes() for page in pages],
            {name: path.read_bytes() for name, path in companions.items()},
        )


class _ScratchFolder:
    """A private folder of one thread of one process, removed when either ends."""

    def __init__(self) -> None:
        self.pid = os.getpid()
        self.path = Path(tempfile.mkdtemp(prefix="sopmodel-export-"))
        weakref.finalize(self, shutil.rmtree, self.path, ignore_errors=True)
        self.busy = False
        processes = sys.modules.get("multiprocessing")
        if processes is not None and processes.parent_process() is not None:
            # a worker of a process pool ends without running atexit: clean up its own way
            processes.util.Finalize(
                self, shutil.rmtree, (self.path,), {"ignore_errors": True}, exitpriority=0
            )


_SCRATCH = threading.local()


@contextmanager
def _scratch() -> Iterator[Path]:
    """Yield an empty private folder, emptied again afterwards.

    Each thread of each process reuses one folder rather than making and removing one per
    file (that costs more than a page of text on some file systems); a nested export (the
    flowchart of a Word document) gets a folder of its own.
    """
    folder: _ScratchFolder | None = getattr(_SCRATCH, "folder", None)
    if folder is None or folder.pid != os.getpid() or folder.busy or not folder.path.is_dir():
        if folder is not None and folder.busy:
            with tempfile.TemporaryDirectory(prefix="sopmodel-export-") as nested:
                yield Path(nested)
            return
        folder = _SCRATCH.folder = _ScratchFolder()
    folder.busy = True
    try:
        yield folder.path
    finally:
        folder.busy = False
        for entry in os.scandir(folder.path):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                Path(entry.path).unlink(missing_ok=True)


def render(
    document: Document, format: str, *, registry_: Registry | None = None, **options: Any
) -> list[bytes]:
    """Return a document exported in a format, as the bytes of each page (the first is the file).

    Most formats have one page. A long procedure's flowchart in svg, png or dot has several
    (the files SALES-001.svg, SALES-001-2.svg... when written to a folder); a pdf holds
    every page in one file. Nothing is written anywhere but a private scratch folder.
    Companion files (the pictures a Markdown file links to) are not returned: use
    `render_output` to get them too.
    """
    return render_output(document, format, registry_=registry_, **options).pages


def render_output(
    document: Document, format: str, *, registry_: Registry | None = None, **options: Any
) -> Output:
    """Return a document exported in a format: the bytes of each page and of each companion
    file (`Output.companions`: SALES-001.assets/flowchart.svg -> bytes), as `export` would
    write them in a folder. Nothing is written anywhere but a private scratch folder."""
    exporter, settings = _prepared(document, format, registry_, options)
    return _render(document, exporter, format, settings)


def _target(document: Document, format: str, to: str | os.PathLike[str]) -> Path:
    folder = folder_named(to)
    return Path(to) if folder is None else output_path(document, format, folder)


@overload
def export(
    document: Document,
    format: str,
    to: str | os.PathLike[str] = ...,
    *,
    protect: Iterable[str | os.PathLike[str]] = ...,
    registry_: Registry | None = ...,
    **options: Any,
) -> list[Path]: ...
@overload
def export(
    document: Document,
    format: str,
    to: None,
    *,
    protect: Iterable[str | os.PathLike[str]] = ...,
    registry_: Registry | None = ...,
    **options: Any,
) -> bytes: ...
@overload
def export(
    document: Document,
    format: str,
    to: BinaryStream,
    *,
    protect: Iterable[str | os.PathLike[str]] = ...,
    registry_: Registry | None = ...,
    **options: Any,
) -> None: ...
def export(
    document: Document,
    format: str,
    to: str | os.PathLike[str] | BinaryStream | None = ".",
    *,
    protect: Iterable[str | os.PathLike[str]] = (),
    registry_: Registry | None = None,
    **options: Any,
) -> list[Path] | bytes | None:
    """Export a document in a format: to files, to a binary stream, or as bytes.

    - `to` a folder (default: the current one) or a file name: write the file (named after
      the document id in a folder), its further pages and its companion files (in
      `<document id>.assets/` beside it); return the files written, pages first.
    - `to=None`: return the file's bytes. `to` a binary stream: write the bytes to it.
      A paged output of several pages (a long flowchart as png) cannot be one stream:
      ExportError says so; use `render` for every page, or the pdf format.

    Options are those of the exporter (`lang="fr"`, `template=...`). Files are written
    atomically, never over the document's file, its pictures, its template or a file named
    in `protect`. Raises ExportError (MissingDependency when a library or program is not
    installed) and leaves earlier outputs intact.
    """
    exporter, settings = _prepared(document, format, registry_, options)
    if to is None or hasattr(to, "write"):
        output = _render(document, exporter, format, settings)
        pages = output.pages
        if output.companions:
            count = len(output.companions)
            raise ExportError(
                f"the {format} export of {document.id} links to {count} companion"
                f" file{'s' * (count > 1)} (pictures, charts) a stream cannot hold: export"
                " to a folder, or use render_output() to get them"
            )
        if len(pages) > 1:
            raise ExportError(
                f"the {format} export of {document.id} has {len(pages)} pages, a stream holds"
                " one file: export to a folder, use render() for every page, or use pdf"
            )
        if to is None:
            return pages[0]
        to.write(pages[0])
        return None
    target = _target(document, format, to)
    inputs = inputs_of(document, [getattr(settings, "template", None), *protect])
    refuse_inputs([target], inputs)
    output = _render(document, exporter, format, settings)
    return place_pages(target, output.pages, inputs, source_of(document), output.companions)


@dataclass
class ExportResult:
    """What exporting one file gave: the files written, or why it could not."""

    source: str
    written: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    """Why the file could not be loaded, or the errors that refused it."""
    errors: list[str] = field(default_factory=list)
    """Why an export failed or was refused, one line each."""
    warnings: list[str] = field(default_factory=list)
    """What an export changed or left out, one line each."""
    notes: list[str] = field(default_factory=list)
    """What is worth telling about exports that went well, one line each."""
    missing_dependency: bool = False
    internal_error: bool = False
    """An exporter failed in a way it did not foresee (a bug to report)."""
    kind: str | None = None
    """The kind of the document (procedure, plan, records), once it is loaded."""

    @property
    def ok(self) -> bool:
        """Return True when every format was written."""
        return not self.diagnostics and not self.errors


@dataclass
class _Rendered:
    """What a worker sends back: each format's pages as bytes, and what went wrong."""

    result: ExportResult
    pages: dict[str, list[bytes]] = field(default_factory=dict)
    companions: dict[str, dict[str, bytes]] = field(default_factory=dict)


def _not_exported(document: AnyDocument) -> str:
    """Return why a document that is neither a procedure nor a plan is not exported."""
    return (
        f"a {document.kind} file is not exported: it is read by"
        " `sopmodel status PROCEDURE --records FILE`"
    )


def _render_file(
    source: str, formats: Sequence[str], options: dict[str, Any], document: Document | None = None
) -> _Rendered:
    """Load one file (unless given loaded) and render it in each format, in memory (runs in a
    worker, or in this process)."""
    result = ExportResult(source)
    rendered = _Rendered(result)
    if document is None:
        try:
            loaded = load(source)
        except LoadError as error:
            result.diagnostics = error.diagnostics
            return rendered
        if not isinstance(loaded, Procedure | Plan):
            result.errors.append(_not_exported(loaded))
            return rendered
        document = loaded
    for format in formats:
        exporter = exporter_for(format)
        with collect() as told:
            try:
                output = render_output(document, format, **exporter.options.own(options))
                rendered.pages[format] = output.pages
                rendered.companions[format] = output.companions
            except MissingDependency as error:
                result.errors.append(f"{format}: {error}")
                result.missing_dependency = True
            except ExportError as error:
                result.errors.append(f"{format}: {error}")
            except OSError as error:
                result.errors.append(f"{format}: cannot write: {error.strerror or error}")
            except Exception as error:  # a bug in an exporter: report it, export the others
                result.internal_error = True
                detail = " ".join(str(error).split()) or "no message"
                result.errors.append(
                    f"internal error in {exporter.name} ({format}):"
                    f" {type(error).__name__}: {detail}; please report it"
                )
        result.warnings += told.warnings
        result.notes += told.notes
    return rendered


def _check_options(formats: list[str], options: dict[str, Any]) -> None:
    """Raise ExportError unless every format is known and every option taken by one of them."""
    exporters = [exporter_for(f) for f in formats]
    known = {key for e in exporters for key in e.options.model_fields}
    unknown = sorted(set(options) - known)
    if unknown:
        raise ExportError(
            f"no exporter of {', '.join(formats)} takes the option"
            f" {unknown[0]!r}: known options are {', '.join(sorted(known))}"
        )
    for format, exporter in zip(formats, exporters, strict=True):
        try:
            exporter.options.model_validate(exporter.options.own(options))
        except ValidationError as error:
            raise ExportError(_bad_option(format, error)) from None
    template = options.get("template")
    if template is not None and not any(e.options.takes_template(template) for e in exporters):
        takers = sorted(
            f"{e.options.template_suffix} ({f})"
            for f, e in zip(formats, exporters, strict=True)
            if e.options.template_suffix
        )
        hint = f": {', '.join(takers)} take templates" if takers else ""
        raise ExportError(
            f"template {template} is for none of {', '.join(formats)}"
            f"{hint or ': none of them takes a template'}"
        )


def refusal(
    document: Document, check: Config, found: str = ""
) -> tuple[list[Diagnostic], str | None]:
    """Return the errors the rules find in a document and the line that refuses to export
    it (None: no error, it may be exported). The line counts them ('the checks found 2
    errors'), or names them with `found` ('errors in the new version')."""
    from sopmodel.rules import check_document

    errors = [d for d in check_document(document, check) if d.severity >= Severity.error]
    if not errors:
        return [], None
    if found:
        named, them = found, "them"
    elif len(errors) > 1:
        named, them = f"{len(errors)} errors", "them"
    else:
        named, them = "1 error", "it"
    return errors, (
        f"not exported: the checks found {named} (above); fix {them}, or export"
        " without the check (--no-check)"
    )


def _refuse_errors(document: Document, result: ExportResult, check: Config) -> None:
    """Refuse a document whose rules find errors, listing them in the result."""
    errors, refused = refusal(document, check)
    if refused is not None:
        result.diagnostics = errors
        result.errors.append(refused)


def _refuse_shared_ids(documents: dict[str, Document], results: dict[str, ExportResult]) -> None:
    """Refuse every document whose id another document of the batch has too."""
    holders: dict[str, list[str]] = {}
    for source, document in documents.items():
        holders.setdefault(document.id, []).append(source)
    for identifier, sources in holders.items():
        for source in sources if len(sources) > 1 else ():
            others = ", ".join(s for s in sources if s != source)
            results[source].errors.append(
                f"not exported: {others} has the same id {identifier!r}, and both would be"
                " written to the same files; give each document its own id"
            )


def export_many(
    sources: Iterable[str | os.PathLike[str]],
    formats: Iterable[str],
    folder: str | os.PathLike[str],
    *,
    executor: Executor | None = None,
    on_result: Callable[[ExportResult], None] | None = None,
    check: Config | None = None,
    **options: Any,
) -> list[ExportResult]:
    """Export many files in many formats into a folder; return one result per file.

    Before anything is written, every file is loaded; documents sharing an id are refused
    (both), and with `check` (a rules Config) so are documents the rules find errors in.
    Each exporter gets the options it takes (a .docx template goes to Word only); an option
    that no exporter of the formats takes is refused. With an executor (a
    ProcessPoolExecutor, a Dask client's `get_executor()`...), files are rendered in
    parallel; the workers send pages back as bytes and this process writes them, so that
    workers need no access to the output folder. on_result is called as each file is done.
    """
    names = [os.fspath(s) for s in sources]
    wanted = list(dict.fromkeys(formats))
    _check_options(wanted, options)
    out = Path(folder)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"{out}: cannot write there: {error.strerror or error}") from None
    results = {name: ExportResult(name) for name in names}
    documents: dict[str, Document] = {}
    futures: dict[str, Future[_Rendered]] = {}
    for name in names:
        try:
            loaded = load(name)
        except LoadError as error:
            results[name].diagnostics = error.diagnostics
            continue
        results[name].kind = loaded.kind
        if not isinstance(loaded, Procedure | Plan):
            results[name].errors.append(_not_exported(loaded))
            continue
        documents[name] = loaded
        if check is not None:
            _refuse_errors(documents[name], results[name], check)
        if executor is not None and results[name].ok:  # workers start while files load
            futures[name] = executor.submit(_render_file, name, wanted, options)
    _refuse_shared_ids(documents, results)
    todo = [name for name in names if name in documents and results[name].ok]
    for name in set(futures) - set(todo):  # refused after all: its pages are not written
        futures.pop(name).cancel()
    done: list[ExportResult] = []
    for name in names:
        result = results[name]
        if name in todo:
            rendered = futures[name].result() if name in futures else None
            rendered = rendered or _render_file(name, wanted, options, documents[name])
            result = _place(rendered, documents[name], out, names, options)
        done.append(result)
        if on_result:
            on_result(result)
    return done


def _place(
    rendered: _Rendered,
    document: Document,
    folder: Path,
    sources: list[str],
    options: dict[str, Any],
) -> ExportResult:
    """Write a rendered file's pages into the folder; return its result.

    Every output of every format is checked against the inputs before the first is written.
    """
    result = rendered.result
    plan = []
    for format, pages in rendered.pages.items():
        template = exporter_for(format).options.own(options).get("template")
        companions = rendered.companions.get(format, {})
        plan.append((format, pages, companions, inputs_of(document, [template, *sources])))
    rendered.pages.clear()
    rendered.companions.clear()
    try:
        for format, pages, companions, inputs in plan:
            target = output_path(document, format, folder)
            written = [*page_paths(target, len(pages)), *companion_paths(folder, companions)]
            refuse_inputs(written, inputs)
    except ExportError as error:
        result.errors.append(str(error))
        return result
    for format, pages, companions, inputs in plan:
        try:
            written = place_pages(
                output_path(document, format, folder),
                pages,
                inputs,
                source_of(document),
                companions,
            )
        except ExportError as error:
            result.errors.append(f"{format}: {error}")
        except OSError as error:
            result.errors.append(f"{format}: cannot write: {error.strerror or error}")
        else:
            result.written += [str(p) for p in written]
    return result
