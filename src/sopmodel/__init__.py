"""sopmodel: procedures and 90-day S&OP plans as checked, typed documents.

>>> import sopmodel
>>> doc = sopmodel.load("examples/sales-opportunity.yaml")      # doctest: +SKIP
>>> [str(d) for d in sopmodel.check(doc)]                        # doctest: +SKIP

The names below are imported on first use, so `import sopmodel` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from sopmodel._version import __version__

if TYPE_CHECKING:
    from sopmodel.diagnostics import Diagnostic, Severity
    from sopmodel.errors import SopmodelError
    from sopmodel.exporters import ExportError, MissingDependency, export, export_many
    from sopmodel.exporters.workbook.read import read_tracker
    from sopmodel.model import KPI, Document, Plan, Procedure, Records, Role
    from sopmodel.rules import (
        Config,
        ConfigError,
        Report,
        RuleError,
        load_config,
        validate_paths,
    )
    from sopmodel.rules import check_document as check
    from sopmodel.source import LoadError, load, load_bytes
    from sopmodel.source import dump_yaml as dump
    from sopmodel.source.yamlparse import ParseError

__all__ = [
    "KPI",
    "Config",
    "ConfigError",
    "Diagnostic",
    "Document",
    "ExportError",
    "LoadError",
    "MissingDependency",
    "ParseError",
    "Plan",
    "Procedure",
    "Records",
    "Report",
    "Role",
    "RuleError",
    "Severity",
    "SopmodelError",
    "__version__",
    "check",
    "dump",
    "export",
    "export_many",
    "load",
    "load_bytes",
    "load_config",
    "read_tracker",
    "validate_paths",
]

_HOMES = {
    "check": ("sopmodel.rules", "check_document"),
    "dump": ("sopmodel.source", "dump_yaml"),
    "Diagnostic": ("sopmodel.diagnostics", None),
    "Severity": ("sopmodel.diagnostics", None),
    "KPI": ("sopmodel.model", None),
    "Document": ("sopmodel.model", None),
    "Plan": ("sopmodel.model", None),
    "Procedure": ("sopmodel.model", None),
    "Records": ("sopmodel.model", None),
    "Role": ("sopmodel.model", None),
    "Config": ("sopmodel.rules", None),
    "ConfigError": ("sopmodel.rules", None),
    "Report": ("sopmodel.rules", None),
    "RuleError": ("sopmodel.rules", None),
    "load_config": ("sopmodel.rules", None),
    "validate_paths": ("sopmodel.rules", None),
    "LoadError": ("sopmodel.source", None),
    "ParseError": ("sopmodel.source.yamlparse", None),
    "SopmodelError": ("sopmodel.errors", None),
    "load": ("sopmodel.source", None),
    "load_bytes": ("sopmodel.source", None),
    "export": ("sopmodel.exporters", None),
    "export_many": ("sopmodel.exporters", None),
    "ExportError": ("sopmodel.exporters", None),
    "MissingDependency": ("sopmodel.exporters", None),
    "read_tracker": ("sopmodel.exporters.workbook.read", None),
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'sopmodel' has no attribute {name!r}")
    home, attribute = _HOMES[name]
    value = getattr(importlib.import_module(home), attribute or name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
