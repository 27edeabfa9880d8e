"""Read YAML (and JSON) into plain data plus a tree of positions, safely and quickly.

libyaml's event stream is turned into dicts, lists and scalars by one loop with an
explicit stack, so deep nesting cannot overflow the C stack; alias expansion, depth
and size are bounded; duplicate keys are refused. Plain scalars follow the YAML 1.2
core schema: `yes`, `no`, `on` and `off` stay text, and dates stay text until the
model reads them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_NODES",
    "ParseError",
    "Pos",
    "parse_yaml",
    "resolves_to_text",
]

MAX_BYTES = 2 * 1024 * 1024
"""Files larger than this are refused before they are parsed."""
MAX_DEPTH = 64
"""Deeper nesting than this is refused."""
MAX_NODES = 500_000
"""More values than this, counting each alias as a full copy, are refused."""

Pos = tuple[int, int, Any]
"""A value's (line, column, children): children is None for a scalar, a list of Pos for
a sequence, and a dict key -> (key line, key column, Pos) for a mapping."""

try:
    _Parser: Any = yaml.CParser  # type: ignore[attr-defined]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    from yaml.parser import Parser as _PyParser
    from yaml.reader import Reader as _Reader
    from yaml.scanner import Scanner as _Scanner

    class _Parser(_Reader, _Scanner, _PyParser):  # type: ignore[no-redef]
        def __init__(self, stream: Any) -> None:
            _Reader.__init__(self, stream)
            _Scanner.__init__(self)
            _PyParser.__init__(self)


@dataclass(frozen=True, slots=True)
class ParseError(Exception):
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

    __slots__ = ("anchor", "children", "col", "key", "line", "size", "value")

    def __init__(self, value: Any, children: Any, event: Any) -> None:
        self.value = value
        self.children = children
        mark = event.start_mark
        self.line = mark.line + 1
        self.col = mark.column + 1
        self.anchor = event.anchor
        self.key: tuple[str, int, int] | None = None
        self.size = 1


def parse_yaml(data: bytes | str) -> tuple[Any, Pos]:
    """Return the single document in data as plain Python values and their positions."""
    if len(data) > MAX_BYTES:
        raise ParseError(
            "YAML003",
            f"the file is {len(data):,} bytes, more than the {MAX_BYTES:,} a document may have",
        )
    try:
        return _build(_Parser(data))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "invalid YAML"
        if exc.context:
            problem = f"{problem} ({exc.context})"
        if mark is None:
            raise ParseError("YAML001", problem) from None
        raise ParseError("YAML001", problem, mark.line + 1, mark.column + 1) from None
    except yaml.YAMLError as exc:  # reader errors: bad encoding, control characters
        raise ParseError("YAML001", str(exc).replace("\n", " ")) from None


def _build(parser: Any) -> tuple[Any, Pos]:
    get = parser.get_event
    stack: list[_Frame] = []
    anchors: dict[str, tuple[Any, Pos, int]] = {}
    expanded = 0
    root: tuple[Any, Pos] | None = None
    documents = 0
    while True:
        event = get()
        kind = type(event)
        if kind is ScalarEvent:
            if stack and stack[-1].key is None and isinstance(stack[-1].children, dict):
                frame = stack[-1]
                mark = event.start_mark
                key = event.value
                if key in frame.value:
                    first = frame.children[key]
                    raise _error(
                        event,
                        "YAML002",
                        f"duplicate key {key!r} (first at line {first[0]}): keep only one",
                    )
                frame.key = (key, mark.line + 1, mark.column + 1)
                continue
            if event.implicit[0]:
                value = _plain(event.value)
            elif event.tag is None or event.implicit[1]:
                value = event.value
            else:
                value = _tagged(event)
            mark = event.start_mark
            pos: Pos = (mark.line + 1, mark.column + 1, None)
            size = 1
            if event.anchor is not None:
                anchors[event.anchor] = (value, pos, 1)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if stack and stack[-1].key is None and isinstance(stack[-1].children, dict):
                raise _error(event, "YAML001", "a key must be plain text, not a list or mapping")
            if len(stack) >= MAX_DEPTH:
                raise _error(event, "YAML003", f"nesting deeper than {MAX_DEPTH} levels is refused")
            if kind is MappingStartEvent:
                stack.append(_Frame({}, {}, event))
            else:
                stack.append(_Frame([], [], event))
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            frame = stack.pop()
            value, size = frame.value, frame.size
            pos = (frame.line, frame.col, frame.children)
            if frame.anchor is not None:
                anchors[frame.anchor] = (value, pos, size)
        elif kind is AliasEvent:
            if stack and stack[-1].key is None and isinstance(stack[-1].children, dict):
                raise _error(event, "YAML001", "an alias cannot be used as a key")
            try:
                value, pos, size = anchors[event.anchor]
            except KeyError:
                raise _error(event, "YAML001", f"unknown alias *{event.anchor}") from None
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _error(event, "YAML001", "a file holds one document: remove the '---' split")
            continue
        elif kind is StreamEndEvent:
            break
        else:  # StreamStart, DocumentEnd
            continue
        expanded += size
        if expanded > MAX_NODES:
            raise _error(
                event,
                "YAML003",
                f"the document expands to more than {MAX_NODES:,} values (alias bomb?)",
            )
        if not stack:
            root = (value, pos)
            continue
        frame = stack[-1]
        frame.size += size
        if frame.key is None:
            frame.value.append(value)
            frame.children.append(pos)
        else:
            key, key_line, key_col = frame.key
            frame.value[key] = value
            frame.children[key] = (key_line, key_col, pos)
            frame.key = None
    if root is None:
        raise ParseError("SCHEMA004", "the file is empty: it must hold one sopmodel document", 1, 1)
    return root


_ = DocumentEndEvent  # listed for readers: document ends need no action
