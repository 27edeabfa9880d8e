"""Write measurements back into a plan file, changing nothing else in it (comments included).

The file's own positions say where each value is: an existing value is replaced in place,
a new measurement is added after the last one, in the style of the list.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from sopmodel.model import Measurement, Plan
from sopmodel.source.loading import LoadError, load, load_bytes
from sopmodel.source.locate import Origin, origin_of
from sopmodel.source.writing import atomic_write

__all__ = ["write_measurements"]

_TOKEN = re.compile(r"[^\s,}\]#]+")


def _format(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def write_measurements(path: str | os.PathLike[str], measurements: list[Measurement]) -> int:
    """Put measurements into a plan file (replacing the value of the same KPI and period);
    return how many changed. The rest of the file is kept byte for byte."""
    plan = load(path)
    if not isinstance(plan, Plan):
        raise ValueError(f"{path} is not a plan")
    origin = origin_of(plan)
    assert origin is not None
    text = Path(path).read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    existing = {(m.kpi, m.period): i for i, m in enumerate(plan.measurements)}
    edits: list[tuple[int, int, str]] = []  # (line, column, new token), 0-based
    new: list[Measurement] = []
    for measurement in measurements:
        key = (measurement.kpi, measurement.period)
        if key in existing:
            index = existing[key]
            if plan.measurements[index].value == measurement.value:
                continue
            line, col = origin.locate(("measurements", index, "value"))
            edits.append((line - 1, col - 1, _format(measurement.value)))
        else:
            new.append(measurement)
    for line, col, token in sorted(edits, reverse=True):
        found = _TOKEN.match(lines[line], col)
        end = found.end() if found else col
        lines[line] = lines[line][:col] + token + lines[line][end:]
    if new:
        lines = _append(lines, plan, origin, new)
    updated = "".join(lines)
    if updated != text:
        _check(updated, str(path), measurements)
        atomic_write(path, updated)
    return len(edits) + len(new)


def _check(updated: str, path: str, measurements: list[Measurement]) -> None:
    """Refuse to write an update that would not load back with every measurement in it."""
    try:
        again = load_bytes(updated, path)
    except LoadError as error:
        raise ValueError(
            f"{path}: the update would break the file ({error}); nothing written"
        ) from None
    values = {(m.kpi, m.period): m.value for m in again.measurements}  # type: ignore[union-attr]
    if any(values.get((m.kpi, m.period)) != m.value for m in measurements):
        raise ValueError(f"{path}: the file's layout could not be updated safely; nothing written")


def _entry(m: Measurement) -> str:
    return f"{{kpi: {m.kpi}, period: {m.period}, value: {_format(m.value)}}}"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _append(lines: list[str], plan: Plan, origin: Origin, new: list[Measurement]) -> list[str]:
    """Add new measurements after the last one (or a measurements list at the end)."""
    locate = origin.locate
    if plan.measurements:
        last_line, _ = locate(("measurements", len(plan.measurements) - 1))
        first_line, first_col = locate(("measurements", 0))
        dash = lines[first_line - 1].index("-") if "-" in lines[first_line - 1] else first_col - 3
        after = last_line  # 1-based line of the last item; skip its continuation lines
        while after < len(lines) and lines[after].strip() and _indent(lines[after]) > dash:
            after += 1
        block = [" " * dash + f"- {_entry(m)}\n" for m in new]
        return lines[:after] + block + lines[after:]
    tail = "" if not lines or lines[-1].endswith("\n") else "\n"
    block = ["measurements:\n", *(f"  - {_entry(m)}\n" for m in new)]
    lines = [*lines[:-1], lines[-1] + tail] if lines else []
    return [line for line in lines if not re.fullmatch(r"measurements:\s*\[\]\s*\n?", line)] + block
