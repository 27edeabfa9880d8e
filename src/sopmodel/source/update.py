"""Write measurements back into a plan file, changing nothing else in it (comments included).

The file's own positions say where each value is: an existing value is replaced in place,
a new measurement is added after the last one, in the style of the list. The file is read
once and kept byte for byte outside the values it changes: encoding and byte-order mark,
line endings (CRLF stays CRLF), a final newline or its absence. It is written atomically,
and only if it still holds the bytes that were read.
"""

from __future__ import annotations

import codecs
import json
import math
import os
import re
import stat
from collections.abc import Callable, Sequence
from typing import NamedTuple

from sopmodel.errors import SopmodelError
from sopmodel.model import AnyDocument, Measurement, Plan
from sopmodel.source.loading import LoadError, load_bytes
from sopmodel.source.locate import Origin, origin_of
from sopmodel.source.writing import FileChangedError, atomic_write
from sopmodel.source.yamlparse import MAX_BYTES

__all__ = ["UpdateError", "read_document", "read_plan", "update_measurements", "write_measurements"]

_TOKEN = re.compile(r"[^\s,}\]#]+")
_BREAK = re.compile(r"(\r\n|[\r\n\x85\u2028\u2029])")
"""The line breaks YAML counts (libyaml's positions count lines by them)."""
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class UpdateError(SopmodelError, ValueError):
    """A plan file that cannot be updated safely; nothing was written."""


def _format(value: float) -> str:
    number = float(value)
    return str(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)


def _read(name: str) -> bytes:
    """Return the bytes of a file, refusing special files and oversized ones unopened."""
    try:
        status = os.stat(name)
        if not stat.S_ISREG(status.st_mode):
            raise UpdateError(f"{name}: not a regular file (a folder, a pipe or a device?)")
        if status.st_size > MAX_BYTES:
            raise UpdateError(f"{name}: {status.st_size:,} bytes, more than {MAX_BYTES:,}")
        with open(name, "rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise UpdateError(f"{name}: cannot read: {error.strerror or error}") from None


def read_document(path: str | os.PathLike[str]) -> tuple[AnyDocument, bytes]:
    """Return the document in a file and the bytes it was read from, to update it safely
    later. Raise LoadError when the file does not load, UpdateError when it cannot be read."""
    name = os.fspath(path)
    data = _read(name)
    return load_bytes(data, name), data


def read_plan(path: str | os.PathLike[str]) -> tuple[Plan, bytes]:
    """Return the plan in a file and the bytes it was read from, to update it safely later.

    Raise LoadError when the file does not load, UpdateError when it cannot be read or is
    not a plan.
    """
    document, data = read_document(path)
    if not isinstance(document, Plan):
        raise UpdateError(f"{os.fspath(path)}: a {document.kind}, not a plan")
    return document, data


def write_measurements(
    path: str | os.PathLike[str],
    measurements: Sequence[Measurement],
    *,
    original: bytes | None = None,
) -> int:
    """Put measurements into a plan file (replacing the value of the same KPI and period);
    return how many changed. The rest of the file is kept byte for byte.

    original is the bytes the plan was read from (`read_plan`); by default the file is read
    now. When the file no longer holds them right before it is replaced, UpdateError is
    raised and nothing is written. A symbolic link is followed: its target is updated.
    """
    return rewrite(path, lambda data, name: update_measurements(data, measurements, name), original)


def rewrite(
    path: str | os.PathLike[str],
    change: Callable[[bytes, str], tuple[bytes, int]],
    original: bytes | None = None,
) -> int:
    """Replace a document file by `change(its bytes, its name)`, atomically; return the count
    `change` gives. original: the bytes the document was read from (default: read now); when
    the file no longer holds them right before it is replaced, UpdateError is raised and
    nothing is written."""
    name = os.fspath(path)
    data = _read(name) if original is None else original
    updated, count = change(data, name)
    if updated != data:
        try:
            atomic_write(name, updated, expected=data)
        except FileChangedError as error:
            raise UpdateError(f"{error}; nothing written: run the update again") from None
    return count


def update_measurements(
    data: bytes,
    measurements: Sequence[Measurement],
    file: str = "<string>",
) -> tuple[bytes, int]:
    """Return a plan file's bytes with the measurements put in, and how many changed."""
    for m in measurements:
        if not math.isfinite(m.value):
            raise UpdateError(
                f"{file}: {m.kpi} {m.period}: {m.value} is not a finite number; nothing written"
            )
    source = opened(data, file)
    text, document = source.text, source.document
    if not isinstance(document, Plan):
        raise UpdateError(f"{file}: not a plan; nothing written")
    origin = origin_of(document)
    assert origin is not None
    lines = _lines(text)
    newline = next((_ending(line) for line in lines if _ending(line)), "\n")
    existing = {(m.kpi, m.period): i for i, m in enumerate(document.measurements)}
    edits: list[tuple[int, int, str]] = []  # (line, column, new token), 0-based
    new: list[Measurement] = []
    added: set[tuple[str, str]] = set()
    for measurement in measurements:
        key = (measurement.kpi, measurement.period)
        if key in existing:
            index = existing[key]
            if document.measurements[index].value == measurement.value:
                continue
            line, col = origin.locate(("measurements", index, "value"))
            edits.append((line - 1, col - 1, _format(measurement.value)))
        elif key not in added:
            added.add(key)
            new.append(measurement)
    written_as_json = _is_json(text)
    if new and written_as_json:  # added after every edited value: positions stay right
        lines = _lines(_append_json("".join(lines), lines, document, origin, new, newline))
    for line, col, token in sorted(edits, reverse=True):
        found = _TOKEN.match(lines[line], col)
        end = found.end() if found else col
        lines[line] = lines[line][:col] + token + lines[line][end:]
    if new and not written_as_json:
        lines = _append(lines, document, origin, new, newline)
    updated = "".join(lines)
    if updated == text:
        return data, 0
    payload = source.encoded(updated)
    _check(payload, file, measurements)
    return payload, len(edits) + len(new)


def _check(updated: bytes, path: str, measurements: Sequence[Measurement]) -> None:
    """Refuse to write an update that would not load back with every measurement in it."""
    again = reloaded(updated, path)
    values = {(m.kpi, m.period): m.value for m in getattr(again, "measurements", [])}
    if any(values.get((m.kpi, m.period)) != m.value for m in measurements):
        raise UpdateError(f"{path}: the file's layout could not be updated safely; nothing written")


def reloaded(updated: bytes, path: str) -> AnyDocument:
    """Return the document an update would write, or raise UpdateError if it would not load."""
    try:
        return load_bytes(updated, path)
    except LoadError as error:
        raise UpdateError(
            f"{path}: the update would break the file ({error}); nothing written"
        ) from None


class Opened(NamedTuple):
    """A document file opened to be updated: its text, the document it holds, and how its
    bytes were written (byte-order mark and encoding), kept when it is written back."""

    bom: bytes
    encoding: str
    text: str
    document: AnyDocument

    def encoded(self, text: str) -> bytes:
        """Return text as the file's bytes: its byte-order mark, then its encoding."""
        return self.bom + text.encode(self.encoding)


def opened(data: bytes, file: str) -> Opened:
    """Return a document file opened to be updated, or raise UpdateError: a file that does
    not load is never updated."""
    bom, encoding = next(((b, e) for b, e in _BOMS if data.startswith(b)), (b"", "utf-8"))
    try:
        return Opened(bom, encoding, data[len(bom) :].decode(encoding), load_bytes(data, file))
    except (UnicodeDecodeError, LoadError) as error:
        raise UpdateError(f"{file}: cannot be updated, it does not load ({error})") from None


def _lines(text: str) -> list[str]:
    """Split text into lines that keep their line breaks, as YAML counts them."""
    parts = _BREAK.split(text)
    lines = [a + b for a, b in zip(parts[::2], [*parts[1::2], ""], strict=True)]
    if lines and not lines[-1]:
        lines.pop()  # the text ends with a line break
    return lines


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _json_entry(m: Measurement) -> str:
    kpi, period = json.dumps(m.kpi), json.dumps(m.period)
    return f'{{"kpi": {kpi}, "period": {period}, "value": {_format(m.value)}}}'


def _append_json(
    text: str, lines: list[str], plan: Plan, origin: Origin, new: list[Measurement], newline: str
) -> str:
    """Add new measurements to a JSON plan: after the last one, or as a list of its own."""
    decoder = json.JSONDecoder()

    def offset(line: int, col: int) -> int:
        return sum(map(len, lines[: line - 1])) + col - 1

    def on_own_line(line: int, col: int) -> bool:
        return not lines[line - 1][: col - 1].strip()

    entries = [_json_entry(m) for m in new]
    if plan.measurements:
        line, col = origin.locate(("measurements", len(plan.measurements) - 1))
        _, end = decoder.raw_decode(text, offset(line, col))
        gap = f",{newline}{' ' * (col - 1)}" if on_own_line(line, col) else ", "
        return text[:end] + "".join(gap + entry for entry in entries) + text[end:]
    line, col = origin.locate(("id",), key=True)
    unit = " " * (col - 1) if on_own_line(line, col) else ""
    inner, outer = (f"{newline}{unit * 2}", f"{newline}{unit}") if unit else ("", "")
    block = "[" + inner + f",{inner or ' '}".join(entries) + outer + "]"
    if "measurements" in json.loads(text):  # an empty list
        start = offset(*origin.locate(("measurements",)))
        _, end = decoder.raw_decode(text, start)
        return text[:start] + block + text[end:]
    _, end = decoder.raw_decode(text, offset(*origin.locate(())))
    close = end - 1
    while text[close - 1].isspace():
        close -= 1
    return text[:close] + f",{outer or ' '}" + f'"measurements": {block}' + text[close:]


def _entry(m: Measurement) -> str:
    return f"{{kpi: {m.kpi}, period: {m.period}, value: {_format(m.value)}}}"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _ending(line: str) -> str:
    found = _BREAK.search(line)
    return found.group(1) if found else ""


def _insert(lines: list[str], at: int, block: list[str], newline: str) -> list[str]:
    """Insert lines before index at; at the end of a file without a final newline, keep none."""
    if at > 0 and not _ending(lines[at - 1]):
        lines = [*lines[: at - 1], lines[at - 1] + newline]
        block = [*block[:-1], block[-1][: -len(newline)]]
    return lines[:at] + block + lines[at:]


def _append(
    lines: list[str], plan: Plan, origin: Origin, new: list[Measurement], newline: str
) -> list[str]:
    """Add new measurements after the last one (or a measurements list at the end)."""
    locate = origin.locate
    if plan.measurements:
        last_line, _ = locate(("measurements", len(plan.measurements) - 1))
        first_line, first_col = locate(("measurements", 0))
        dash = lines[first_line - 1].index("-") if "-" in lines[first_line - 1] else first_col - 3
        after = last_line  # 1-based line of the last item; skip its continuation lines
        while after < len(lines) and lines[after].strip() and _indent(lines[after]) > dash:
            after += 1
        block = [" " * dash + f"- {_entry(m)}{newline}" for m in new]
        return _insert(lines, after, block, newline)
    empty = re.compile(r"measurements:\s*\[\]\s*")
    kept = [line for line in lines if not empty.fullmatch(line)]
    block = [f"measurements:{newline}", *(f"  - {_entry(m)}{newline}" for m in new)]
    updated = _insert(kept, len(kept), block, newline)
    if lines and not _ending(lines[-1]) and (ending := _ending(updated[-1])):
        updated[-1] = updated[-1][: -len(ending)]  # the file had no final newline: keep none
    return updated
