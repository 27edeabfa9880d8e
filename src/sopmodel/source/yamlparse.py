"""Read YAML into plain data plus a tree of positions, safely and quickly.

libyaml's event stream is turned into dicts, lists and scalars by one loop with an
explicit stack, so deep nesting cannot overflow the C stack; alias expansion, depth
and size are bounded; duplicate keys are refused. Plain scalars follow the YAML 1.2
core schema: `yes`, `no`, `on` and `off` stay text, and dates stay text until the
model reads them.
"""

from __future__ import annotations

import gc
import re
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.scanner import Scanner

from sopmodel.diagnostics import Loc
from sopmodel.source.comments import CommentWatch, CutValue
from sopmodel.source.parsed import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_NODES,
    MAX_NUMBER_CHARS,
    MAX_TEXT_CHARS,
    ParseError,
    Pos,
    too_big,
)

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_NODES",
    "PARSER",
    "ParseError",
    "Pos",
    "PurePythonParser",
    "parse_yaml",
    "resolves_to_text",
    "scalar",
]


class PurePythonParser(Reader, Scanner, Parser):
    """PyYAML's pure-Python parser: the same events as libyaml's, several times slower."""

    def __init__(self, stream: Any) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)


def _fastest_parser() -> Any:
    try:
        from yaml._yaml import CParser
    except ImportError:  # PyYAML built without libyaml
        return PurePythonParser
    return CParser


PARSER: Any = _fastest_parser()
"""The event parser used: libyaml's when PyYAML was built with it."""


class _LongNumber(Exception):
    """A plain scalar that reads as a number of more than MAX_NUMBER_CHARS characters."""


_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_MAYBE_SPECIAL = frozenset("-+.0123456789~nNtTfF")
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_SPECIAL_FLOATS = {
    ".inf": float("inf"),
    ".Inf": float("inf"),
    ".INF": float("inf"),
    "+.inf": float("inf"),
    "+.Inf": float("inf"),
    "+.INF": float("inf"),
    "-.inf": float("-inf"),
    "-.Inf": float("-inf"),
    "-.INF": float("-inf"),
    ".nan": float("nan"),
    ".NaN": float("nan"),
    ".NAN": float("nan"),
}
_STR_TAGS = frozenset(("tag:yaml.org,2002:str", "!"))
_TAG_TYPES: dict[str, type | tuple[type, ...]] = {
    "tag:yaml.org,2002:int": int,
    "tag:yaml.org,2002:float": (int, float),
    "tag:yaml.org,2002:bool": bool,
    "tag:yaml.org,2002:null": type(None),
}


_HEX_OR_OCTAL = re.compile(r"0x[0-9a-fA-F]+\Z|0o[0-7]+\Z")


def _plain(value: str) -> Any:
    """Resolve a plain scalar with the YAML 1.2 core schema; raise _LongNumber for huge ones."""
    if not value or value[0] not in _MAYBE_SPECIAL:
        return value or None
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    if _INT.match(value):
        return int(_short(value))
    if _HEX_OR_OCTAL.match(value):
        return int(_short(value), 0)
    if _FLOAT.match(value):
        return float(_short(value))
    return _SPECIAL_FLOATS.get(value, value)


def _short(number: str) -> str:
    """Return the text of a number, or raise _LongNumber when it is too long to be one."""
    if len(number) > MAX_NUMBER_CHARS:
        raise _LongNumber(number)
    return number


def scalar(text: str) -> Any:
    """Return the value a plain YAML scalar stands for: 10 -> 10, true -> True, fr -> 'fr'.

    A number too long to be one (more than MAX_NUMBER_CHARS characters) stays text.
    """
    try:
        return _plain(text)
    except _LongNumber:
        return text


def resolves_to_text(value: str) -> bool:
    """Return True when a plain scalar with this text reads back as the same text."""
    try:
        return type(_plain(value)) is str
    except _LongNumber:
        return False


def _tagged(event: ScalarEvent) -> Any:
    """Resolve a scalar that carries an explicit tag, or refuse the tag."""
    tag, value = event.tag or "", event.value
    if tag in _STR_TAGS:
        return value
    resolved = _resolved(event)
    expected = _TAG_TYPES.get(tag)
    if expected is None:
        raise _error(event, "YAML003", f"the tag {tag} is not supported: remove it")
    if not isinstance(resolved, expected):
        raise _error(event, "YAML001", f"{value!r} is not a valid {tag.rsplit(':', 1)[-1]}")
    return resolved


def _resolved(event: ScalarEvent) -> Any:
    """Resolve a plain scalar, refusing a number too long to be one."""
    try:
        return _plain(event.value)
    except _LongNumber:
        raise _error(
            event,
            "YAML003",
            f"a number of {len(event.value):,} characters is refused: the limit is"
            f" {MAX_NUMBER_CHARS}; put it in quotes if it is text",
        ) from None


def _error(event: Any, code: str, message: str) -> ParseError:
    mark = event.start_mark
    return ParseError(code, message, mark.line + 1, mark.column + 1)


class _Frame:
    """A mapping or sequence being built."""

    __slots__ = ("anchor", "children", "is_map", "key", "key_mark", "mark", "size", "value")

    def __init__(self, event: Any, is_map: bool) -> None:
        self.is_map = is_map
        self.value: Any = {} if is_map else []
        self.children: Any = {} if is_map else []
        self.mark = event.start_mark
        self.anchor = event.anchor
        self.key: str | None = None
        self.key_mark: Any = None
        self.size = 1


def parse_yaml(
    data: bytes | str, parser: Any = None, cuts: list[CutValue] | None = None
) -> tuple[Any, Pos]:
    """Return the single document in data as plain Python values and their positions.

    parser is the event parser class (default: PARSER, libyaml's when available). cuts, when
    given, receives the plain values that a comment written ` #text` cuts short.
    """
    if len(data) > MAX_BYTES:
        raise ParseError(
            "YAML003",
            f"the file is {len(data):,} bytes, more than the {MAX_BYTES:,} a document may have",
        )
    watch = CommentWatch.of(data)
    collecting = gc.isenabled()
    gc.disable()  # the parse makes many objects and no cycles: collections would be wasted
    try:
        built = _build((parser or PARSER)(data), watch)
        if watch is not None and cuts is not None:
            cuts.extend(watch.found)
        return built
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "invalid YAML"
        if exc.context:
            problem = f"{problem} ({exc.context})"
        code = "YAML001"
        if "nesting depth" in problem:  # libyaml (PyYAML >= 6.0.4) refuses deep nesting itself
            code, problem = "YAML003", f"nesting deeper than {MAX_DEPTH} levels is refused"
        if watch is not None and code == "YAML001":  # a comment may have cut a { or [ short
            problem += watch.hint(mark.line + 1 if mark else None)
        if mark is None:
            raise ParseError(code, problem) from None
        raise ParseError(code, problem, mark.line + 1, mark.column + 1) from None
    except yaml.reader.ReaderError as exc:  # bad encoding, control characters
        line, col = _line_and_column(data, exc.position)
        raise ParseError("YAML001", _reader_problem(exc), line, col) from None
    except yaml.YAMLError as exc:
        raise ParseError("YAML001", str(exc).replace("\n", " ")) from None
    finally:
        if collecting:
            gc.enable()


def _reader_problem(exc: yaml.reader.ReaderError) -> str:
    """Return what is wrong with a character the YAML reader refused."""
    if isinstance(exc.character, bytes) or "allowed" not in exc.reason:
        return f"the file is not UTF-8 text ({exc.reason})"
    return f"the character {chr(exc.character)!r} is not allowed in YAML: remove it or escape it"


def _line_and_column(data: bytes | str, position: int) -> tuple[int, int]:
    """Return the 1-based line and column of a character position in the data."""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    start = text.rfind("\n", 0, position) + 1
    return text.count("\n", 0, position) + 1, position - start + 1


def _loc(stack: list[_Frame]) -> Loc:
    """Return the path of the value being built at the top of the stack."""
    return tuple(str(frame.key) if frame.is_map else len(frame.value) for frame in stack)


def _build(parser: Any, watch: CommentWatch | None = None) -> tuple[Any, Pos]:
    get = parser.get_event
    plain = _plain
    limit = MAX_TEXT_CHARS
    stack: list[_Frame] = []
    top: _Frame | None = None
    anchors: dict[str, tuple[Any, Pos, int]] = {}
    expanded = 0
    root: tuple[Any, Pos] | None = None
    documents = 0
    while True:
        event = get()
        kind = type(event)
        if kind is ScalarEvent:
            if len(event.value) > limit:
                is_key = top is not None and top.is_map and top.key is None
                raise _error(
                    event, "YAML003", str(too_big(event.value, "key" if is_key else "text"))
                )
            if top is not None and top.is_map and top.key is None:
                key = event.value
                if key in top.value:
                    first = top.children[key][0]
                    raise _error(
                        event,
                        "YAML002",
                        f"duplicate key {key!r} (first at line {first.line + 1}): keep only one",
                    )
                top.key = key
                top.key_mark = event.start_mark
                continue
            if watch is not None and not event.style and event.end_mark.line in watch.lines:
                watch.check(event, _loc(stack))
            if event.implicit[0]:
                try:
                    value = plain(event.value)
                except _LongNumber:
                    value = _resolved(event)
            elif event.tag is None or event.implicit[1]:
                value = event.value
            else:
                value = _tagged(event)
            pos: Pos = (event.start_mark, None)
            size = 1
            if event.anchor is not None:
                anchors[event.anchor] = (value, pos, 1)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if top is not None and top.is_map and top.key is None:
                raise _error(event, "YAML001", "a key must be plain text, not a list or mapping")
            if len(stack) >= MAX_DEPTH:
                raise _error(event, "YAML003", f"nesting deeper than {MAX_DEPTH} levels is refused")
            top = _Frame(event, kind is MappingStartEvent)
            stack.append(top)
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            frame = stack.pop()
            top = stack[-1] if stack else None
            value, size = frame.value, frame.size
            pos = (frame.mark, frame.children)
            if frame.anchor is not None:
                anchors[frame.anchor] = (value, pos, size)
        elif kind is AliasEvent:
            if top is not None and top.is_map and top.key is None:
                raise _error(event, "YAML001", "an alias cannot be used as a key")
            try:
                value, pos, size = anchors[event.anchor]
            except KeyError:
                raise _error(event, "YAML001", f"unknown alias *{event.anchor}") from None
            expanded += size
            if expanded > MAX_NODES:
                raise _error(
                    event,
                    "YAML003",
                    f"the document expands to more than {MAX_NODES:,} values (alias bomb?)",
                )
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _error(event, "YAML001", "a file holds one document: remove the '---' split")
            continue
        elif kind is StreamEndEvent:
            break
        else:  # StreamStart, DocumentEnd
            continue
        if top is None:
            root = (value, pos)
        elif top.is_map:
            key = top.key
            top.value[key] = value
            top.children[key] = (top.key_mark, pos)
            top.key = None
            top.size += size
        else:
            top.value.append(value)
            top.children.append(pos)
            top.size += size
    if root is None:
        raise ParseError("SCHEMA004", "the file is empty: it must hold one sopmodel document", 1, 1)
    return root
