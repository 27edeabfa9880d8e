"""What an exporter is: the protocol every exporter plugin follows, and its errors."""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict

from sopmodel.errors import SopmodelError
from sopmodel.model import Document, Language

__all__ = [
    "Destination",
    "ExportError",
    "ExportNote",
    "ExportOptions",
    "ExportWarning",
    "Exporter",
    "MissingDependency",
    "need_module",
    "need_program",
]


class ExportError(SopmodelError):
    """An export that cannot be done; the message says why in one line."""


class ExportWarning(UserWarning):
    """Something an export changed or left out; the message says what and where."""


class ExportNote(ExportWarning):
    """Something worth telling about an export that went well (a deck's session length)."""


class MissingDependency(ExportError):
    """A library or program an exporter needs is not installed; the message says what to do."""


class ExportOptions(BaseModel):
    """Options every exporter accepts; an exporter's own options model extends it."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    lang: Language | None = None
    """The language of fixed labels and dates (default: the document's `language`)."""


class Destination:
    """Where an exporter writes: temporary files that become its outputs only on success.

    The exporter writes the main output to `path` (and further pages, if any, to
    `page(2)`, `page(3)`...). The files are in the target's folder under temporary
    names; `sopmodel.export` renames them into place once `export` has returned, and
    removes them if it raised, so a failed export leaves earlier outputs untouched.
    """

    def __init__(self, target: Path, format: str) -> None:
        self.target = target
        """The final path of the main output."""
        self.format = format
        """The format asked for: the file suffix without its dot (svg, docx)."""
        self._temporary: dict[Path, Path] = {}

    def _claim(self, final: Path) -> Path:
        if final not in self._temporary:
            temporary = final.with_name(f".{final.stem}.partial-{id(self):x}{final.suffix}")
            self._temporary[final] = temporary
        return self._temporary[final]

    @property
    def path(self) -> Path:
        """Return the temporary path of the main output; write the output there."""
        return self._claim(self.target)

    def page(self, number: int) -> Path:
        """Return the temporary path of page `number` (2 and up) of a multi-file output."""
        if number < 2:
            return self.path
        return self._claim(
            self.target.with_name(f"{self.target.stem}-{number}{self.target.suffix}")
        )

    @property
    def written(self) -> dict[Path, Path]:
        """Return final path -> temporary path for every file the exporter claimed."""
        return dict(self._temporary)


@runtime_checkable
class Exporter(Protocol):
    """An exporter plugin, registered under the `sopmodel.exporters` entry-point group.

    The module that defines it must not import heavy libraries at import time: listing
    exporters imports it. Import them inside `export`.
    """

    name: ClassVar[str]
    """The exporter's name (flowchart, docx)."""
    formats: ClassVar[tuple[str, ...]]
    """The formats it writes, as file suffixes without the dot (svg, png)."""
    kinds: ClassVar[tuple[str, ...]]
    """The document kinds it accepts (procedure, plan)."""
    options: ClassVar[type[ExportOptions]]
    """The model of its options."""
    description: ClassVar[str]
    """One line that says what it produces."""

    def missing(self, format: str) -> list[str]:
        """Return one line per library or program the format needs that is not installed."""
        ...

    def export(self, document: Document, destination: Destination, options: Any) -> None:
        """Write the document in destination.format to destination.path."""
        ...


def need_module(module: str, install: str) -> list[str]:
    """Return [a hint] when a Python module cannot be imported, else []."""
    if importlib.util.find_spec(module) is None:
        return [f"the Python package {module!r} is missing: {install}"]
    return []


def need_program(program: str, install: str, formats: Sequence[str] = ()) -> list[str]:
    """Return [a hint] when a program is not on the PATH, else []."""
    if shutil.which(program) is None:
        what = f"the {'/'.join(formats)} export needs" if formats else "this export needs"
        return [f"{what} the `{program}` program: {install}"]
    return []
