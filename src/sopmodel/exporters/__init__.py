"""Exporters: plugins that turn documents into files, found through entry points."""

from sopmodel.exporters.base import (
    Destination,
    Exporter,
    ExportError,
    ExportNote,
    ExportOptions,
    ExportWarning,
    MissingDependency,
    need_module,
    need_program,
)
from sopmodel.exporters.registry import GROUP, Registry, registry
from sopmodel.exporters.run import ExportResult, export, export_many
from sopmodel.exporters.writing import export_time, normalize_zip, output_path

__all__ = [
    "GROUP",
    "Destination",
    "ExportError",
    "ExportNote",
    "ExportOptions",
    "ExportResult",
    "ExportWarning",
    "Exporter",
    "MissingDependency",
    "Registry",
    "export",
    "export_many",
    "export_time",
    "need_module",
    "need_program",
    "normalize_zip",
    "output_path",
    "registry",
]
