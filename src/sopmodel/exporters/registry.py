"""The exporter registry: plugins found through the `sopmodel.exporters` entry points."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from sopmodel.exporters.base import Exporter, ExportError

if TYPE_CHECKING:  # importlib.metadata is imported only to look for plugins
    from importlib.metadata import EntryPoint

__all__ = ["BUILT_IN", "GROUP", "Registered", "Registry", "exporter_for", "registry"]

GROUP = "sopmodel.exporters"
"""The entry-point group exporters register under, built-in ones included."""


@dataclass(frozen=True)
class Registered:
    """An exporter and where it comes from."""

    exporter: Exporter
    source: str
    """The distribution (package) that registered it, or "python" for `register`."""


@dataclass
class Registry:
    """Exporters by name and by format; duplicates are refused, not silently replaced."""

    by_name: dict[str, Registered] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    """Registrations that were refused, one line each."""

    @classmethod
    def from_entry_points(cls, points: list[EntryPoint] | None = None) -> Registry:
        """Return the registry of the installed exporters (or of the given entry points)."""
        from importlib.metadata import entry_points

        found = cls()
        points = list(entry_points(group=GROUP)) if points is None else points
        claims: dict[str, list[EntryPoint]] = {}
        for point in points:
            claims.setdefault(point.name, []).append(point)
        built_in = set(BUILT_IN.values())
        first = sorted(claims.items(), key=lambda c: (c[1][0].value not in built_in, c[0]))
        for name, claimants in first:  # sopmodel's own exporters keep their formats
            if len(claimants) > 1:
                who = " and ".join(_source(point) for point in claimants)
                found.problems.append(f"exporter {name!r} is registered twice (by {who}): refused")
                continue
            point = claimants[0]
            try:
                loaded: Any = point.load()
                exporter = loaded() if isinstance(loaded, type) else loaded
                found.register(exporter, _source(point), name=name)
            except Exception as error:  # a broken plugin must not break the others
                found.problems.append(
                    f"exporter {name!r} from {_source(point)} cannot be"
                    f" loaded: {type(error).__name__}: {error}"
                )
        return found

    def register(self, exporter: Exporter, source: str = "python", name: str | None = None) -> None:
        """Add an exporter; refuse a name, or a format, that another exporter already has."""
        name = name or exporter.name
        if not isinstance(exporter, Exporter):
            raise ExportError(f"{name!r} from {source} is not an exporter (see docs/exporters.md)")
        if name in self.by_name:
            raise ExportError(
                f"exporter {name!r} is already registered by {self.by_name[name].source}"
            )
        taken = {f: n for n, r in self.by_name.items() for f in r.exporter.formats}
        clashes = [f for f in exporter.formats if f in taken]
        if clashes:
            raise ExportError(
                f"exporter {name!r} from {source} writes {', '.join(clashes)},"
                f" already written by {taken[clashes[0]]!r}"
            )
        self.by_name[name] = Registered(exporter, source)

    def for_format(self, format: str) -> Exporter:
        """Return the exporter that writes a format, or raise ExportError naming the choices."""
        for registered in self.by_name.values():
            if format in registered.exporter.formats:
                return registered.exporter
        known = ", ".join(sorted(self.formats())) or "none installed"
        raise ExportError(f"no exporter writes {format!r}: known formats are {known}")

    def formats(self) -> dict[str, str]:
        """Return format -> exporter name for every format of every exporter."""
        return {f: n for n, r in self.by_name.items() for f in r.exporter.formats}


def _source(point: EntryPoint) -> str:
    dist = getattr(point, "dist", None)
    return f"{dist.name} {dist.version}" if dist is not None else point.value


@lru_cache(maxsize=1)
def registry() -> Registry:
    """Return the registry of installed exporters, built on first use."""
    return Registry.from_entry_points()


BUILT_IN = {
    "dot": "sopmodel.exporters.flowchart:FlowchartExporter",
    "svg": "sopmodel.exporters.flowchart:FlowchartExporter",
    "png": "sopmodel.exporters.flowchart:FlowchartExporter",
    "pdf": "sopmodel.exporters.flowchart:FlowchartExporter",
    "docx": "sopmodel.exporters.word:WordExporter",
    "pptx": "sopmodel.exporters.slides:SlidesExporter",
    "xlsx": "sopmodel.exporters.workbook:WorkbookExporter",
    "md": "sopmodel.exporters.markdown:MarkdownExporter",
}
"""The formats sopmodel's own exporters write, and the exporter of each (as registered under
GROUP in sopmodel's pyproject.toml; a test checks they agree)."""


def exporter_for(format: str, registry_: Registry | None = None) -> Exporter:
    """Return the exporter of a format: a built-in one without looking for plugins (no plugin
    may take a built-in format), else the registry's (or raise ExportError)."""
    if registry_ is None and format in BUILT_IN:
        return _built_in(BUILT_IN[format])
    return (registry_ or registry()).for_format(format)


@cache
def _built_in(reference: str) -> Exporter:
    module, _, name = reference.partition(":")
    exporter: Exporter = getattr(importlib.import_module(module), name)()
    return exporter
