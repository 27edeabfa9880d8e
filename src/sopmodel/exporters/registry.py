"""The exporter registry: plugins found through the `sopmodel.exporters` entry points."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import EntryPoint, entry_points
from typing import Any

from sopmodel.exporters.base import Exporter, ExportError

__all__ = ["GROUP", "Registered", "Registry", "registry"]

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
        found = cls()
        points = list(entry_points(group=GROUP)) if points is None else points
        claims: dict[str, list[EntryPoint]] = {}
        for point in points:
            claims.setdefault(point.name, []).append(point)
        for name, claimants in sorted(claims.items()):
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
