"""Read JSON into plain data plus a tree of positions, with the same limits as the YAML reader.

Strings go through the standard library's (C) JSON string scanner, so every valid JSON
escape is read exactly; the rest is one loop with an explicit stack, so deep nesting
cannot overflow the stack. The result has the shape parse_yaml gives.
"""

from __future__ import annotations

import gc
import re
from json import JSONDecodeError
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any

from sopmodel.source.parsed import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_NUMBER_CHARS,
    MAX_TEXT_CHARS,
    Mark,
    ParseError,
    Pos,
    too_big,
)

__all__ = ["parse_json"]

_SPACE = re.compile(r"[ \t\n\r]*")
_SPACE_CHARS = frozenset(" \t\n\r")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
_WORDS = {"true": True, "false": False, "null": None}
_WORD_STARTS = frozenset(word[0] for word in _WORDS)


class _Frame:
    """An object or array being built."""

    __slots__ = ("children", "is_map", "key", "key_mark", "mark", "value")

    def __init__(self, is_map: bool, mark: Mark) -> None:
        self.is_map = is_map
        self.value: Any = {} if is_map else []
        self.children: Any = {} if is_map else []
        self.mark = mark
        self.key: str | None = None
        self.key_mark: Mark | None = None


class _Reader:
    """The text being parsed and the line the parse has got to.

    Line breaks can only be in the white space between tokens (JSON strings hold none
    unescaped), so counting them in skip keeps the current line exact.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.size = len(text)
        self.line = 0
        self.line_start = 0

    def mark(self, offset: int) -> Mark:
        """Return the mark of an offset on the current line."""
        return Mark(self.line, offset - self.line_start)

    def error(self, offset: int, message: str, code: str = "JSON001") -> ParseError:
        text = self.text
        line = text.count("\n", 0, offset)
        column = offset - (text.rfind("\n", 0, offset) + 1)
        return ParseError(code, message, line + 1, column + 1)

    def skip(self, offset: int) -> int:
        """Return the offset after the white space at offset, counting its line breaks."""
        text = self.text
        if offset >= self.size or text[offset] not in _SPACE_CHARS:
            return offset
        end: int = _SPACE.match(text, offset).end()  # type: ignore[union-attr]
        breaks = text.count("\n", offset, end)
        if breaks:
            self.line += breaks
            self.line_start = text.rfind("\n", offset, end) + 1
        return end

    def string(self, offset: int, what: str) -> tuple[str, int]:
        """Return the string that starts at offset (a double quote) and the offset after it."""
        try:
            value, end = scanstring(self.text, offset + 1, True)
        except JSONDecodeError as exc:
            raise self.error(exc.pos, f"invalid JSON: {exc.msg}") from None
        if not value.isascii() and _LONE_SURROGATE.search(value):
            raise self.error(offset, "invalid JSON: a \\u escape names half of a character")
        if len(value) > MAX_TEXT_CHARS:
            raise self.error(offset, str(too_big(value, what)), "YAML003")
        return value, end

    def number(self, offset: int) -> tuple[int | float, int] | None:
        found = _NUMBER.match(self.text, offset)
        if found is None:
            return None
        token = found.group()
        if len(token) > MAX_NUMBER_CHARS:
            raise self.error(
                offset,
                f"a number of {len(token):,} characters is refused: the limit is"
                f" {MAX_NUMBER_CHARS}; put it in quotes if it is text",
                "YAML003",
            )
        if found.group(1) or found.group(2):
            return float(token), found.end()
        return int(token), found.end()

    def key(self, frame: _Frame, offset: int) -> int:
        """Read an object key and its colon; return the offset of the value."""
        text = self.text
        if offset >= len(text) or text[offset] != '"':
            raise self.error(offset, "invalid JSON: a key must be a string in double quotes")
        key, end = self.string(offset, "key")
        if key in frame.value:
            first = frame.children[key][0]
            raise self.error(
                offset,
                f"duplicate key {key!r} (first at line {first.line + 1}): keep only one",
                "YAML002",
            )
        frame.key = key
        frame.key_mark = self.mark(offset)
        end = self.skip(end)
        if end >= len(text) or text[end] != ":":
            raise self.error(end, "invalid JSON: ':' expected after a key")
        return self.skip(end + 1)


def parse_json(data: bytes | str) -> tuple[Any, Pos]:
    """Return the single JSON value in data as plain Python values and their positions."""
    if len(data) > MAX_BYTES:
        raise ParseError(
            "YAML003",
            f"the file is {len(data):,} bytes, more than the {MAX_BYTES:,} a document may have",
        )
    text = _decoded(data).removeprefix("\ufeff")
    collecting = gc.isenabled()
    gc.disable()  # the parse makes many objects and no cycles: collections would be wasted
    try:
        return _build(_Reader(text))
    finally:
        if collecting:
            gc.enable()


def _decoded(data: bytes | str) -> str:
    """Return the text of UTF-8 data; refuse other bytes at the first one that is wrong."""
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        head = _Reader(data[: exc.start].decode("utf-8"))
        raise head.error(len(head.text), "invalid JSON: the file is not UTF-8 text") from None


def _build(reader: _Reader) -> tuple[Any, Pos]:
    text = reader.text
    size = len(text)
    stack: list[_Frame] = []
    top: _Frame | None = None
    offset = reader.skip(0)
    if offset >= size:
        raise ParseError("SCHEMA004", "the file is empty: it must hold one sopmodel document", 1, 1)
    while True:
        # Read one value at offset: a scalar, or the start of an object or array.
        if offset >= size:
            raise reader.error(offset, "invalid JSON: the file ends where a value was expected")
        char = text[offset]
        mark = reader.mark(offset)
        value: Any
        if char == "{" or char == "[":
            if len(stack) >= MAX_DEPTH:
                raise reader.error(
                    offset, f"nesting deeper than {MAX_DEPTH} levels is refused", "YAML003"
                )
            top = _Frame(char == "{", mark)
            stack.append(top)
            offset = reader.skip(offset + 1)
            closing = "}" if top.is_map else "]"
            if offset < size and text[offset] == closing:
                offset += 1
            elif top.is_map:
                offset = reader.key(top, offset)
                continue
            else:
                continue
            frame = stack.pop()
            top = stack[-1] if stack else None
            value, pos = frame.value, (frame.mark, frame.children)
        elif char == '"':
            value, offset = reader.string(offset, "text")
            pos = (mark, None)
        elif char in _WORD_STARTS:
            word = next((w for w in _WORDS if text.startswith(w, offset)), None)
            if word is None:
                raise reader.error(offset, "invalid JSON: a value was expected")
            value, offset = _WORDS[word], offset + len(word)
            pos = (mark, None)
        else:
            number = reader.number(offset)
            if number is None:
                raise reader.error(offset, f"invalid JSON: unexpected {char!r}")
            value, offset = number
            pos = (mark, None)
        # Attach the value to its container; close every container that ends here.
        while True:
            if top is None:
                offset = reader.skip(offset)
                if offset < size:
                    raise reader.error(offset, "invalid JSON: extra text after the document")
                return value, pos
            if top.is_map:
                key = top.key
                assert key is not None
                top.value[key] = value
                top.children[key] = (top.key_mark, pos)
                top.key = None
            else:
                top.value.append(value)
                top.children.append(pos)
            offset = reader.skip(offset)
            closing = "}" if top.is_map else "]"
            if offset < size and text[offset] == ",":
                offset = reader.skip(offset + 1)
                if top.is_map:
                    offset = reader.key(top, offset)
                break
            if offset < size and text[offset] == closing:
                offset += 1
                frame = stack.pop()
                top = stack[-1] if stack else None
                value, pos = frame.value, (frame.mark, frame.children)
                continue
            raise reader.error(offset, f"invalid JSON: ',' or '{closing}' expected")
