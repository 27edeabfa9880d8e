"""Add readings to a record file, changing nothing else in it (comments included).

New entries go after the last one, one line each, in the list's indentation (or in a new
`entries:` list at the end). The file is kept byte for byte otherwise (encoding and byte-order
mark, line endings, a final newline or its absence), written atomically, and only if it still
holds the bytes that were read, as measurements are written into a plan (`update.py`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence

from sopmodel.model import Reading, Records
from sopmodel.source.loading import is_json, load_bytes
from sopmodel.source.locate import origin_of
from sopmodel.source.update import (
    UpdateError,
    _ending,
    _indent,
    _insert,
    _lines,
    _read,
    opened,
    reloaded,
    rewrite,
)

__all__ = ["add_readings", "read_records", "write_readings"]


def read_records(path: str | os.PathLike[str]) -> tuple[Records, bytes]:
    """Return the records in a file and the bytes they were read from, to update them later.

    Raise LoadError when the file does not load, UpdateError when it cannot be read or holds
    another kind of document.
    """
    name = os.fspath(path)
    data = _read(name)
    document = load_bytes(data, name)
    if not isinstance(document, Records):
        raise UpdateError(f"{name}: a {document.kind}, not a record file (kind: records)")
    return document, data


def _key(reading: Reading) -> tuple[str, str, str, str, str]:
    return (
        reading.person,
        reading.procedure,
        reading.version,
        reading.date.isoformat(),
        reading.activity.value,
    )


def _entry(reading: Reading) -> str:
    """Return a reading as one YAML flow mapping, its texts quoted."""
    parts = [
        f"person: {json.dumps(reading.person)}",
        f"procedure: {json.dumps(reading.procedure)}",
        f"version: {json.dumps(reading.version)}",
        f"date: {reading.date.isoformat()}",
        f"activity: {reading.activity.value}",
    ]
    if reading.source:
        parts.append(f"source: {json.dumps(reading.source, ensure_ascii=False)}")
    if reading.steps is not None:
        steps = ", ".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in reading.steps.items())
        parts.append(f"steps: {{{steps}}}")
    return "{" + ", ".join(parts) + "}"


def add_readings(
    data: bytes, readings: Sequence[Reading], file: str = "<string>"
) -> tuple[bytes, int]:
    """Return a record file's bytes with the readings added, and how many were new (a
    reading already recorded, same person, procedure, version, date and activity, is not
    added again)."""
    if is_json(file):
        raise UpdateError(f"{file}: a JSON record file is not updated; add the entries by hand")
    source = opened(data, file)
    text, document = source.text, source.document
    if not isinstance(document, Records):
        raise UpdateError(f"{file}: not a record file; nothing written")
    known = {_key(e) for e in document.entries}
    new: list[Reading] = []
    for reading in readings:
        if _key(reading) not in known:
            known.add(_key(reading))
            new.append(reading)
    if not new:
        return data, 0
    lines = _lines(text)
    newline = next((_ending(line) for line in lines if _ending(line)), "\n")
    origin = origin_of(document)
    assert origin is not None
    if document.entries:
        last_line, _ = origin.locate(("entries", len(document.entries) - 1))
        first_line, first_col = origin.locate(("entries", 0))
        head = lines[first_line - 1]
        dash = head.index("-") if "-" in head[: first_col - 1] else first_col - 3
        after = last_line  # skip the continuation lines of the last entry
        while after < len(lines) and lines[after].strip() and _indent(lines[after]) > dash:
            after += 1
        block = [" " * dash + f"- {_entry(r)}{newline}" for r in new]
        lines = _insert(lines, after, block, newline)
    else:
        kept = [line for line in lines if line.split("#")[0].strip() not in ("entries: []",)]
        block = [f"entries:{newline}", *(f"  - {_entry(r)}{newline}" for r in new)]
        final = bool(lines) and bool(_ending(lines[-1]))
        lines = _insert(kept, len(kept), block, newline)
        if not final and lines and (ending := _ending(lines[-1])):
            lines[-1] = lines[-1][: -len(ending)]
    payload = source.encoded("".join(lines))
    _check(payload, file, new)
    return payload, len(new)


def _check(updated: bytes, file: str, readings: Sequence[Reading]) -> None:
    """Refuse an update that would not load back with every new reading in it."""
    entries = {_key(e) for e in getattr(reloaded(updated, file), "entries", [])}
    if any(_key(r) not in entries for r in readings):
        raise UpdateError(f"{file}: the file's layout could not be updated safely; nothing written")


def write_readings(
    path: str | os.PathLike[str], readings: Sequence[Reading], *, original: bytes | None = None
) -> int:
    """Add readings to a record file atomically; return how many were new.

    original is the bytes the records were read from (`read_records`): when the file no longer
    holds them, UpdateError is raised and nothing is written.
    """
    return rewrite(path, lambda data, name: add_readings(data, readings, name), original)
