"""What an exporter is: the protocol every exporter plugin follows, and its errors."""

from __future__ import annotations

import importlib.util
import logging
import re
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any, ClassVar, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from sopmodel.errors import SopmodelError
from sopmodel.i18n import language_tag
from sopmodel.model import Document, Language

__all__ = [
    "COMPANION_SUFFIX",
    "LOG",
    "Destination",
    "DocumentOptions",
    "ExportError",
    "ExportOptions",
    "ExportWarning",
    "Exporter",
    "FontName",
    "MissingDependency",
    "companion_parts",
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


COMPANION_SUFFIX = ".assets"
"""What the companion folder of an output adds to the document id (SALES-001.assets)."""
_COMPANION_PART = re.compile(r"^[^/\\\x00-\x1f]+$")


def companion_parts(name: str) -> tuple[str, ...]:
    """Return the parts of a companion's relative name, or raise ExportError when it is not
    a plain relative path (absolute, empty, with `..`, `.`, a backslash or a control)."""
    parts = tuple(name.split("/"))
    if not name or any(
        part in ("", ".", "..") or not _COMPANION_PART.match(part) for part in parts
    ):
        raise ExportError(f"{name!r} is not a companion file name: use a relative path")
    return parts


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
        self._companions: dict[str, Path] = {}

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

    @property
    def companion_folder(self) -> str:
        """Return the name of the folder, beside the output, that holds its companion files:
        `<document id>.assets` (named after the document, not after the output file, so that
        the links inside the output never depend on where it is written)."""
        return f"{self.stem}{COMPANION_SUFFIX}"

    def companion(self, name: str) -> Path:
        """Return the scratch path of a companion file: a file the output links to (an
        image, a chart), written beside it as `companion_link(name)`.

        `name` is a relative path with forward slashes (flowchart.svg, img/photo.png).
        Like pages, companions are read back once `export` has returned, then placed
        atomically beside the output, listed in the folder's manifest, and removed by a
        later export that no longer writes them (unless changed since, or claimed by
        another output).
        """
        parts = companion_parts(name)
        path = self.folder.joinpath(self.companion_folder, *parts)
        self._companions["/".join(parts)] = path
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def companion_link(self, name: str) -> str:
        """Return the relative link from the output to companion `name`, as written in it
        (percent-encoded: SALES-001.assets/img/crm%20card.png)."""
        from urllib.parse import quote

        parts = companion_parts(name)
        return quote("/".join((self.companion_folder, *parts)))

    def companions(self) -> dict[str, Path]:
        """Return every companion claimed: its path relative to the output's folder
        (SALES-001.assets/flowchart.svg) -> its scratch path, sorted by name."""
        return {
            f"{self.companion_folder}/{name}": self._companions[name]
            for name in sorted(self._companions)
        }


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
