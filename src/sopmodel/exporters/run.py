"""Export documents: one at a time, or many with any concurrent.futures executor."""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sopmodel.diagnostics import Diagnostic
from sopmodel.exporters.base import (
    Destination,
    ExportError,
    ExportNote,
    ExportWarning,
    MissingDependency,
)
from sopmodel.exporters.registry import Registry, registry
from sopmodel.exporters.writing import output_path, same_file_as_source
from sopmodel.model import Document
from sopmodel.source import LoadError, load

__all__ = ["ExportResult", "export", "export_many"]


def export(
    document: Document,
    format: str,
    path: str | os.PathLike[str] = ".",
    registry_: Registry | None = None,
    **options: Any,
) -> list[Path]:
    """Write a document in a format; return the files written (several for paged output).

    path is a file, or a folder in which the file is named after the document id. Options
    are those of the exporter (`lang="fr"`, ...). Raises ExportError (MissingDependency
    when a library or program is not installed) and leaves earlier outputs intact.
    """
    exporter = (registry_ or registry()).for_format(format)
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
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        raise ExportError(f"bad option for the {format} export: {problems}") from None
    target = Path(path)
    if target.is_dir() or str(path).endswith(os.sep) or not target.suffix:
        target.mkdir(parents=True, exist_ok=True)
        target = output_path(document, format, target)
    if same_file_as_source(document, target):
        raise ExportError(f"{target} is the document's own file: choose another output")
    destination = Destination(target, format)
    try:
        exporter.export(document, destination, settings)
        written = destination.written
        if not written or not all(tmp.exists() for tmp in written.values()):
            raise ExportError(f"the {exporter.name} exporter wrote no {format} file")
        for final, temporary in written.items():
            os.replace(temporary, final)
        _remove_stale_pages(target, len(written))
    finally:
        for temporary in destination.written.values():
            temporary.unlink(missing_ok=True)
    return sorted(destination.written, key=lambda p: (len(p.name), p.name))


def _remove_stale_pages(target: Path, pages: int) -> None:
    """Remove the pages an earlier, longer export left after the last page just written."""
    number = pages + 1
    while True:
        stale = target.with_name(f"{target.stem}-{number}{target.suffix}")
        if not stale.exists():
            return
        stale.unlink()
        number += 1


@dataclass
class ExportResult:
    """What exporting one file gave: the files written, or why it could not."""

    source: str
    written: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    """Why the file could not be loaded."""
    errors: list[str] = field(default_factory=list)
    """Why an export failed, one line each."""
    warnings: list[str] = field(default_factory=list)
    """What an export changed or left out, one line each."""
    notes: list[str] = field(default_factory=list)
    """What is worth telling about exports that went well, one line each."""
    missing_dependency: bool = False

    @property
    def ok(self) -> bool:
        """Return True when every format was written."""
        return not self.diagnostics and not self.errors


def _export_file(
    source: str, formats: list[str], folder: str, options: dict[str, Any]
) -> ExportResult:
    """Load one file and export it in each format (runs in a worker process)."""
    result = ExportResult(source)
    try:
        document = load(source)
    except LoadError as error:
        result.diagnostics = error.diagnostics
        return result
    for format in formats:
        try:
            known = registry().for_format(format).options.model_fields
            mine = {key: value for key, value in options.items() if key in known}
            if "template" in mine and not str(mine["template"]).lower().endswith(f".{format}"):
                del mine["template"]  # a .docx template is for the Word export only
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", ExportWarning)
                written = export(document, format, Path(folder), **mine)
            result.written += [str(p) for p in written]
            result.warnings += [str(w.message) for w in caught if w.category is ExportWarning]
            result.notes += [str(w.message) for w in caught if w.category is ExportNote]
        except MissingDependency as error:
            result.errors.append(f"{format}: {error}")
            result.missing_dependency = True
        except ExportError as error:
            result.errors.append(f"{format}: {error}")
        except OSError as error:
            result.errors.append(f"{format}: cannot write: {error.strerror or error}")
        except Exception as error:  # a bug in an exporter: report it, keep exporting the others
            result.errors.append(
                f"{format}: the exporter failed unexpectedly"
                f" ({type(error).__name__}: {error}); please report it"
            )
    return result


def export_many(
    sources: Iterable[str | os.PathLike[str]],
    formats: Iterable[str],
    folder: str | os.PathLike[str],
    *,
    executor: Executor | None = None,
    on_result: Callable[[ExportResult], None] | None = None,
    **options: Any,
) -> list[ExportResult]:
    """Export many files in many formats into a folder; return one result per file.

    Each exporter gets the options it knows (a Word template is not given to the flowchart
    exporter); an option that no exporter of the formats knows is refused. With an
    executor (a ProcessPoolExecutor, or a Dask or Ray executor), files are exported in
    parallel; on_result is called as each file is done.
    """
    names = [os.fspath(s) for s in sources]
    wanted = list(formats)
    known = {key for f in wanted for key in registry().for_format(f).options.model_fields}
    unknown = sorted(set(options) - known)
    template = str(options.get("template", ""))
    if template and not any(template.lower().endswith(f".{f}") for f in wanted):
        raise ExportError(
            f"template {template} is for none of {', '.join(wanted)}: a Word"
            " template ends in .docx, a PowerPoint one in .pptx"
        )
    if unknown:
        raise ExportError(
            f"no exporter of {', '.join(wanted)} takes the option"
            f" {unknown[0]!r}: known options are {', '.join(sorted(known))}"
        )
    out = os.fspath(folder)
    try:
        Path(out).mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"{out}: cannot write there: {error.strerror or error}") from None
    if executor is None:
        results = []
        for name in names:
            results.append(_export_file(name, wanted, out, options))
            if on_result:
                on_result(results[-1])
        return results
    futures = [executor.submit(_export_file, name, wanted, out, options) for name in names]
    results = []
    for future in futures:
        results.append(future.result())
        if on_result:
            on_result(results[-1])
    return results
