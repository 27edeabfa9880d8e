"""What an exporter is: the protocol every exporter plugin follows, and its errors."""

from __future__ import annotations

import importlib.util
import logging
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any, ClassVar, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from sopmodel.errors import SopmodelError
from sopmodel.i18n import language_tag
from sopmodel.model import Document, Language

__all__ = [
    "LOG",
    "Destination",
    "DocumentOptions",
    "ExportError",
    "ExportOptions",
    "ExportWarning",
    "Exporter",
    "FontName",
    "MissingDependency",
    "need_module",
    "need_program",
]


LOG = logging.getLogger("sopmodel.export")
"""Where exports tell what they changed (WARNING) or what is worth knowing (INFO)."""

FontName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=64, pattern=r"^[\w .,+-]+$"),
]
"""A font family: letters, digits, spaces and . , + - only (it goes into SVG and fontconfig)."""


class ExportError(SopmodelError):
    """An export that cannot be done; the message says why in one line."""


class ExportWarning(UserWarning):
    """A warning a third-party exporter may raise; built-in exporters log to LOG instead."""


class MissingDependency(ExportError):
    """A library or program an exporter needs is not installed; the message says what to do."""


class ExportOptions(BaseModel):
    """Options every exporter accepts; an exporter's own options model extends it."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    template_suffix: ClassVar[str | None] = None
    """The suffix of the template files this exporter takes (.docx), or None."""

    lang: Language | None = None
    """The language of fixed labels and dates (default: the document's `language`)."""
    region: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    """The country whose spelling the text follows, as in its language tag: GB (the default)
    or US for English, FR (the default), BE, CA or CH for French."""

    def language_tag(self, document: Document) -> str:
        """Return the tag the output's text is marked with (fr-FR, en-GB, en-US)."""
        return language_tag(str(self.lang or document.language), self.region)

    @classmethod
    def takes_template(cls, path: str | Path) -> bool:
        """Return True when this exporter takes the template file (a .docx for Word)."""
        suffix = cls.template_suffix
        return suffix is not None and str(path).lower().endswith(suffix)

    @classmethod
    def own(cls, options: Mapping[str, Any]) -> dict[str, Any]:
        """Return the options of a batch that this exporter takes (a template only if its kind)."""
        mine = {key: value for key, value in options.items() if key in cls.model_fields}
        if (
            "template" in mine
            and mine["template"] is not None
            and not cls.takes_template(mine["template"])
        ):
            del mine["template"]
        return mine


class DocumentOptions(ExportOptions):
    """Options of the exporters that write client documents: Word, Excel, PowerPoint."""

    printed: bool = False
    """Add a neutral "Printed on <date>" line (SOURCE_DATE_EPOCH's date, else the export's);
    off by default, so that a document shows no date its source does not have."""


class Destination:
    """Where an exporter writes: files in a private scratch folder, read back as pages.

    The exporter writes the main output to `path` (and further pages, if any, to
    `page(2)`, `page(3)`...). sopmodel reads them back as bytes once `export` has returned,
    then writes them in place atomically, or hands them to the caller; nothing the
    exporter writes ever lands at an output name directly.
    """

    def __init__(self, folder: Path, stem: str, format: str) -> None:
        self.folder = folder
        """The scratch folder the pages are written in."""
        self.stem = stem
        """The name of the output without its suffix (the document id)."""
        self.format = format
        """The format asked for: the file suffix without its dot (svg, docx)."""
        self._pages: dict[int, Path] = {}

    @property
    def path(self) -> Path:
        """Return the path of the main output (page 1); write the output there."""
        return self.page(1)

    def page(self, number: int) -> Path:
        """Return the path of page `number` (2 and up) of a multi-file output."""
        number = max(number, 1)
        if number not in self._pages:
            suffix = "" if number == 1 else f"-{number}"
            self._pages[number] = self.folder / f"{self.stem}{suffix}.{self.format}"
        return self._pages[number]

    def pages(self) -> list[Path]:
        """Return the paths of every page claimed, in page order."""
        return [self._pages[number] for number in sorted(self._pages)]


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
