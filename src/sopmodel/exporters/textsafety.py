"""Characters XML cannot carry: removed once, where data enters an exporter, with a warning."""

from __future__ import annotations

import re
import warnings
from typing import Any

from pydantic import ValidationError

from sopmodel.diagnostics import Loc, format_loc
from sopmodel.exporters.base import ExportError, ExportWarning
from sopmodel.model import MODELS, Document
from sopmodel.source import origin_of

__all__ = ["ExportWarning", "xml_safe"]

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
"""Characters XML 1.0 cannot hold (control characters, lone surrogates, non-characters)."""


def _clean(value: Any, loc: Loc, found: list[tuple[Loc, str]]) -> Any:
    if isinstance(value, str):
        if _NOT_XML.search(value):
            bad = sorted({f"U+{ord(ch):04X}" for ch in _NOT_XML.findall(value)})
            found.append((loc, ", ".join(bad)))
            return _NOT_XML.sub("", value)
        return value
    if isinstance(value, dict):
        return {key: _clean(item, (*loc, key), found) for key, item in value.items()}
    if isinstance(value, list):
        return [_clean(item, (*loc, index), found) for index, item in enumerate(value)]
    return value


def xml_safe(document: Document) -> Document:
    """Return the document without characters XML cannot hold, warning where each was.

    The document is returned as it is when it is clean (the common case).
    """
    found: list[tuple[Loc, str]] = []
    data = _clean(document.model_dump(mode="json"), (), found)
    if not found:
        return document
    origin = origin_of(document)
    for loc, characters in found:
        where = format_loc(loc)
        if origin is not None:
            line, col = origin.locate(loc)
            where = f"{origin.file}:{line}:{col} ({where})"
        warnings.warn(
            ExportWarning(f"{where}: removed characters Office files cannot hold: {characters}"),
            stacklevel=2,
        )
    try:
        return MODELS[document.kind].model_validate(data)
    except ValidationError as error:  # a text made only of such characters: refuse it
        loc = tuple(error.errors()[0]["loc"])
        where = format_loc(loc)
        if origin is not None:
            line, col = origin.locate(loc)
            where = f"{origin.file}:{line}:{col} ({where})"
        raise ExportError(
            f"{where}: holds nothing but characters Office files cannot hold: write real text there"
        ) from None
