"""Load a file into a typed document, turning every problem into a located diagnostic."""

from __future__ import annotations

import difflib
import os
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from sopmodel.diagnostics import Diagnostic, Loc, Severity, format_loc
from sopmodel.errors import SopmodelError
from sopmodel.model import MODELS, AnyDocument
from sopmodel.source.comments import CODE as CUT_CODE
from sopmodel.source.comments import NAME as CUT_NAME
from sopmodel.source.comments import CutValue
from sopmodel.source.files import FileRefused, read_document_file
from sopmodel.source.jsonparse import parse_json
from sopmodel.source.locate import Origin, remember_origin
from sopmodel.source.parsed import ParseError
from sopmodel.source.yamlparse import parse_yaml

__all__ = ["STRUCTURE_CHECKS", "LoadError", "is_json", "load", "load_bytes"]

STRUCTURE_CHECKS: dict[str, tuple[str, str]] = {
    "IO001": ("unreadable-file", "The file cannot be read."),
    "YAML001": ("invalid-yaml", "The file is not valid YAML."),
    "JSON001": ("invalid-json", "A .json file is not valid JSON."),
    "YAML002": ("duplicate-key", "A key appears twice in the same mapping."),
    "YAML003": (
        "refused-input",
        "The file is too large, too deep or expands too much, or holds a text or number"
        " too long to be real.",
    ),
    "SCHEMA001": ("unknown-key", "A key the format does not define."),
    "SCHEMA002": ("missing-key", "A required key is missing."),
    "SCHEMA003": ("invalid-value", "A value of the wrong type or form."),
    "SCHEMA004": ("not-a-document", "The file does not declare a known sopmodel document."),
}
"""The checks the loader itself makes: code -> (name, summary). They are always errors."""

UNREADABLE = frozenset(("IO001",))
"""Codes that mean the file could not be read at all (exit status 2). A file read but not
valid YAML or JSON, or refused as hostile (YAML001, YAML003), is a finding (exit status 1),
as ruff and ESLint report a file's broken content."""


class LoadError(SopmodelError):
    """A file that could not be loaded as a document; diagnostics say where and why."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        super().__init__("\n".join(str(d) for d in diagnostics))

    @property
    def unreadable(self) -> bool:
        """Return True when the file could not even be read as YAML or JSON."""
        return any(d.code in UNREADABLE for d in self.diagnostics)


def _diagnostic(
    code: str, message: str, file: str, line: int | None, col: int | None, loc: Loc = ()
) -> Diagnostic:
    return Diagnostic(
        code, STRUCTURE_CHECKS[code][0], Severity.error, message, file, line, col, loc
    )


def load(path: str | os.PathLike[str]) -> AnyDocument:
    """Return the procedure or plan in a YAML or JSON file; raise LoadError with diagnostics.

    Folders, pipes, sockets and devices are refused (IO001) without being opened.
    """
    name = os.fspath(path)
    try:
        data = read_document_file(name)
    except OSError as exc:
        raise LoadError(
            [_diagnostic("IO001", exc.strerror or str(exc), name, None, None)]
        ) from None
    except FileRefused as refused:
        raise LoadError([_diagnostic(refused.code, refused.reason, name, None, None)]) from None
    return load_bytes(data, name)


def is_json(file: str) -> bool:
    """Return True when a file name says JSON (it ends in .json, in any case)."""
    return file.lower().endswith(".json")


def load_bytes(data: bytes | str, file: str = "<string>") -> AnyDocument:
    """Return the document held in YAML or JSON text; raise LoadError with diagnostics.

    The text is read as JSON when file ends in .json, as YAML otherwise.
    """
    cuts: list[CutValue] = []
    try:
        value, positions = parse_json(data) if is_json(file) else parse_yaml(data, cuts=cuts)
    except ParseError as exc:
        raise LoadError([_diagnostic(exc.code, exc.message, file, exc.line, exc.col)]) from None
    origin = Origin(file, positions, tuple(cuts))
    try:
        document = _validated(value, origin)
    except LoadError as error:  # a cut value often explains the error: say it too
        error.diagnostics += [_cut(cut, origin) for cut in origin.cuts]
        error.diagnostics.sort(key=lambda d: (d.line or 0, d.col or 0))
        raise
    remember_origin(document, origin)
    return document


def _validated(value: Any, origin: Origin) -> AnyDocument:
    """Return the document that parsed data holds; raise LoadError with its diagnostics."""
    if not isinstance(value, dict):
        shape = "empty" if value is None else f"a {_shape(value)}"
        raise LoadError(
            [
                _diagnostic(
                    "SCHEMA004",
                    f"the file holds {shape}: it must be a mapping with `sopmodel: 1` and `kind:`",
                    origin.file,
                    *origin.locate(()),
                )
            ]
        )
    model = _model_for(value, origin)
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        raise LoadError(
            [_from_pydantic(error, model, value, origin) for error in exc.errors()]
        ) from None


def _cut(cut: CutValue, origin: Origin) -> Diagnostic:
    """Return the YAML004 warning for a value cut short, at the value (as the rule gives it)."""
    line, col = origin.locate(cut.loc)
    return Diagnostic(
        CUT_CODE, CUT_NAME, Severity.warning, cut.message, origin.file, line, col, cut.loc
    )


def _shape(value: Any) -> str:
    """Return what a value is, in words: a list, a number, a text."""
    if isinstance(value, list):
        return "list"
    if isinstance(value, bool):
        return "true/false value"
    if isinstance(value, int | float):
        return "number"
    return "text"


def _model_for(value: dict[str, Any], origin: Origin) -> type[AnyDocument]:
    """Return the model that the document's `sopmodel` and `kind` keys ask for."""
    problems = []
    if "sopmodel" not in value:
        problems.append((("sopmodel",), "add `sopmodel: 1` at the top: it marks a sopmodel file"))
    elif value["sopmodel"] != 1 or isinstance(value["sopmodel"], bool):
        problems.append(
            (
                ("sopmodel",),
                f"format version {value['sopmodel']!r} is not known:"
                " this sopmodel reads `sopmodel: 1`",
            )
        )
    kind = value.get("kind")
    if not isinstance(kind, str) or kind not in MODELS:
        *first, last = MODELS
        kinds = f"{', '.join(first)} or {last}"
        said = "missing" if kind is None else f"{kind!r}"
        problems.append((("kind",), f"`kind` is {said}: write kind: {kinds}"))
    if problems:
        raise LoadError(
            [
                _diagnostic("SCHEMA004", message, origin.file, *origin.locate(loc), loc)
                for loc, message in problems
            ]
        )
    return MODELS[str(kind)]


def _from_pydantic(error: Any, model: type[BaseModel], value: Any, origin: Origin) -> Diagnostic:
    """Return the diagnostic for one pydantic error, with a location and a useful message."""
    loc: Loc = tuple(error["loc"])
    kind = error["type"]
    where = format_loc(loc[:-1]) or "the document"
    if kind == "extra_forbidden":
        known = _fields_at(model, loc[:-1])
        message = f"unknown key {loc[-1]!r} in {where}"
        if error.get("input") is None and not str(loc[-1]).isidentifier():
            message += (
                ": this looks like text cut at a comma inside { }; put the whole text in quotes"
            )
            return _diagnostic(
                "SCHEMA001", message, origin.file, *origin.locate(loc, key=True), loc
            )
        close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        if close:
            message += f": did you mean {close[0]!r}?"
        elif known:
            message += f"; known keys: {', '.join(sorted(known))}"
        return _diagnostic("SCHEMA001", message, origin.file, *origin.locate(loc, key=True), loc)
    if kind == "missing":
        return _diagnostic(
            "SCHEMA002",
            f"missing required key {loc[-1]!r} in {where}",
            origin.file,
            *origin.locate(loc),
            loc,
        )
    given = error.get("input")
    message = f"{format_loc(loc)}: {error['msg'].removeprefix('Value error, ').rstrip('.')}"
    if not isinstance(given, dict | list):
        message += f" (got {_brief(given)})"
    if kind == "string_type" and isinstance(given, int | float | bool):
        message += "; put the value in quotes to keep it as text"
    elif kind == "bool_type":
        message += "; write true or false"
    return _diagnostic("SCHEMA003", message, origin.file, *origin.locate(loc), loc)


def _brief(value: Any, limit: int = 60) -> str:
    """Return the repr of a value, cut to limit characters."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """Return the key names the model accepts at a path, for "did you mean" hints."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not _is_model(current) or part not in current.model_fields:
            return []
        current = _model_in(current.model_fields[part].annotation)
    return list(current.model_fields) if _is_model(current) else []


def _is_model(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)


def _model_in(annotation: Any) -> Any:
    """Return the model class inside list[X], X | None and similar annotations."""
    if _is_model(annotation):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) in (
        typing.Union,
        list,
        typing.Annotated,
    ):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None
