"""Exporters: plugins that turn documents into files, found through entry points."""

from sopmodel.exporters.base import (
    LOG,
    Destination,
    Exporter,
    ExportError,
    ExportOptions,
    ExportWarning,
    FontName,
    MissingDependency,
    need_module,
    need_program,
)
from sopmodel.exporters.registry import GROUP, Registry, registry
from sopmodel.exporters.run import (
    BinaryStream,
    ExportResult,
    Output,
    export,
    export_many,
    render,
    render_output,
)
from sopmodel.exporters.writing import export_time, normalize_zip, output_path

__all__ = [
    "GROUP",
    "LOG",
    "BinaryStream",
    "Destination",
    "ExportError",
    "ExportOptions",
    "ExportResult",
    "ExportWarning",
    "Exporter",
    "FontName",
    "MissingDependency",
    "Output",
    "Registry",
    "export",
    "export_many",
    "export_time",
    "need_module",
    "need_program",
    "normalize_zip",
    "output_path",
    "registry",
    "render",
    "render_output",
]
