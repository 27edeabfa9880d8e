"""Characters XML and Graphviz cannot carry: removed once, where data enters an export.

Every export goes through `xml_safe` before its exporter sees the document, so that no
exporter (Word, PowerPoint, `dot`) meets a control character or a non-character such as
U+FFFE; each removal is logged as a warning located at file:line:col.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from sopmodel.diagnostics import Loc, format_loc
from sopmodel.exporters.base import LOG, ExportError
from sopmodel.model import Document
from sopmodel.source import origin_of

__all__ = ["xml_safe"]

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
    """Return the document without characters XML cannot hold, logging where each was.

    The document is returned as it is when it is clean (the common case); a cleaned copy
    keeps the original's file, so that its pictures are still found next to it.
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
        LOG.warning("%s: removed characters that exported files cannot hold: %s", where, characters)
    try:
        cleaned = type(document).model_validate(data)
    except ValidationError as error:  # a text made only of such characters: refuse it
        loc = tuple(error.errors()[0]["loc"])
        where = format_loc(loc)
        if origin is not None:
            line, col = origin.locate(loc)
            where = f"{origin.file}:{line}:{col} ({where})"
        raise ExportError(
            f"{where}: holds nothing but characters Office files cannot hold: write real text there"
        ) from None
    if origin is not None:
        from sopmodel.source.locate import remember_origin

        remember_origin(cleaned, origin)
    return cleaned
