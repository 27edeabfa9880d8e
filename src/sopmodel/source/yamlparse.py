"""Read YAML (and JSON) into plain data plus a tree of positions, safely and quickly.

libyaml's event stream is turned into dicts, lists and scalars by one loop with an
explicit stack, so deep nesting cannot overflow the C stack; alias expansion, depth
and size are bounded; duplicate keys are refused. Plain scalars follow the YAML 1.2
core schema: `yes`, `no`, `on` and `off` stay text, and dates stay text until the
model reads them.
"""

from __future__ import annotations

import gc
import re
from dataclasses import dataclass
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

from sopmodel.errors import SopmodelError

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

MAX_BYTES = 2 * 1024 * 1024
"""Files larger than this are refused before they are parsed."""
MAX_DEPTH = 64
"""Deeper nesting than this is refused."""
MAX_NODES = 500_000
"""More values than this, counting each alias as a full copy, are refused."""

Pos = tuple[Any, Any]
"""A value's (mark, children): the mark has 0-based line and column; children is None for a
scalar, a list of Pos for a sequence, and a dict key -> (key mark, Pos) for a mapping."""


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


@dataclass(frozen=True, slots=True)
class ParseError(SopmodelError):
    """A file that cannot be read as one YAML document; code says why."""

    code: str
    message: str
    line: int | None = None
    col: int | None = None


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


def _plain(value: str) -> Any:
    """Resolve a plain scalar with the YAML 1.2 core schema."""
    if not value or value[0] not in _MAYBE_SPECIAL:
        return value or None
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    if _INT.match(value):
        return int(value)
    if value.startswith(("0x", "0o")):
        try:
            return int(value, 0)
        except ValueError:
            return value
    if _FLOAT.match(value):
        return float(value)
    return _SPECIAL_FLOATS.get(value, value)


def scalar(text: str) -> Any:
    """Return the value a plain YAML scalar stands for: 10 -> 10, true -> True, fr -> 'fr'."""
    return _plain(text)


def resolves_to_text(value: str) -> bool:
    """Return True when a plain scalar with this text reads back as the same text."""
    return type(_plain(value)) is str


def _tagged(event: ScalarEvent) -> Any:
    """Resolve a scalar that carries an explicit tag, or refuse the tag."""
    tag, value = event.tag or "", event.value
    if tag in _STR_TAGS:
        return value
    resolved = _plain(value)
    expected = _TAG_TYPES.get(tag)
    if expected is None:
        raise _error(event, "YAML003", f"the tag {tag} is not supported: remove it")
    if not isinstance(resolved, expected):
        raise _error(event, "YAML001", f"{value!r} is not a valid {tag.rsplit(':', 1)[-1]}")
    return resolved


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


def parse_yaml(data: bytes | str, parser: Any = None) -> tuple[Any, Pos]:
    """Return the single document in data as plain Python values and their positions.

    parser is the event parser class (default: PARSER, libyaml's when available).
    """
    if len(data) > MAX_BYTES:
        raise ParseError(
            "YAML003",
            f"the file is {len(data):,} bytes, more than the {MAX_BYTES:,} a document may have",
        )
    collecting = gc.isenabled()
    gc.disable()  # the parse makes many objects and no cycles: collections would be wasted
    try:
        return _build((parser or PARSER)(data))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "invalid YAML"
        if exc.context:
            problem = f"{problem} ({exc.context})"
        code = "YAML001"
        if "nesting depth" in problem:  # libyaml (PyYAML >= 6.0.4) refuses deep nesting itself
            code, problem = "YAML003", f"nesting deeper than {MAX_DEPTH} levels is refused"
        if mark is None:
            raise ParseError(code, problem) from None
        raise ParseError(code, problem, mark.line + 1, mark.column + 1) from None
    except yaml.YAMLError as exc:  # reader errors: bad encoding, control characters
        raise ParseError("YAML001", str(exc).replace("\n", " ")) from None
    finally:
        if collecting:
            gc.enable()


def _build(parser: Any) -> tuple[Any, Pos]:
    get = parser.get_event
    plain = _plain
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
            if event.implicit[0]:
                value = plain(event.value)
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
