"""Run the `dot` program: one process lays out and draws any number of pages."""

from __future__ import annotations

import os
import re
import struct
import subprocess
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from sopmodel.exporters.base import ExportError, MissingDependency
from sopmodel.exporters.flowchart import INSTALL_DOT

__all__ = ["output_size", "run_dot", "run_dot_each", "run_dot_many", "svg_size"]

_SVG_SIZE = re.compile(rb'<svg width="([\d.]+)pt" height="([\d.]+)pt"')
_PDF_SIZE = re.compile(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]")
_PNG = b"\x89PNG\r\n\x1a\n"
_PDF_SEAM = b"%%EOF\n%PDF-"
_SVG_SEAM = b"</svg>\n<?xml "


def run_dot(source: str, format: str, timeout: float) -> bytes:
    """Return the output of `dot -T<format>` on DOT source, or raise a one-line ExportError."""
    return _run(source, format, timeout)


def run_dot_each(sources: Sequence[str], format: str, timeout: float) -> list[bytes]:
    """Return the output of each DOT source, each drawn by a `dot` process of its own, as
    many side by side as there are cores (the first error is raised, as run_dot's)."""
    workers = min(len(sources), os.cpu_count() or 1)
    if workers <= 1:
        return [run_dot(source, format, timeout) for source in sources]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda source: run_dot(source, format, timeout), sources))


def run_dot_many(sources: Sequence[str], format: str, timeout: float) -> list[bytes]:
    """Return the output of each DOT source (svg, png or pdf), all drawn by one `dot` process.

    `timeout` is for each source: the process may take that many seconds per page.
    """
    if not sources:
        return []
    if len(sources) == 1:
        return [run_dot(sources[0], format, timeout)]
    data = _run("\n".join(sources), format, timeout * len(sources))
    parts = _split(data, format)
    if len(parts) != len(sources):
        raise ExportError(f"`dot` drew {len(parts)} pages instead of {len(sources)}")
    return parts


def _run(source: str, format: str, timeout: float) -> bytes:
    try:
        done = subprocess.run(
            ["dot", f"-T{format}"],
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError:
        raise MissingDependency(
            f"the {format} export needs the `dot` program: {INSTALL_DOT}"
        ) from None
    except subprocess.TimeoutExpired:
        raise ExportError(f"`dot` took more than {timeout:g} s: raise the timeout option") from None
    if done.returncode != 0:
        problem = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ExportError(f"`dot` failed: {problem[-1] if problem else done.returncode}")
    return done.stdout


def _split(data: bytes, format: str) -> list[bytes]:
    """Return the files `dot` wrote one after the other for the graphs of one input."""
    if format == "png":
        return _split_png(data)
    seam = {"svg": _SVG_SEAM, "pdf": _PDF_SEAM}[format]
    keep = len(seam) - len(b"<?xml ") if format == "svg" else len(b"%%EOF\n")
    parts, start = [], 0
    while (at := data.find(seam, start)) >= 0:
        parts.append(data[start : at + keep])
        start = at + keep
    return [*parts, data[start:]]


def _split_png(data: bytes) -> list[bytes]:
    """Return PNG files written back to back, walked chunk by chunk to each IEND."""
    parts, start = [], 0
    while start < len(data):
        if data[start : start + 8] != _PNG:
            raise ExportError("`dot` wrote a PNG that cannot be read")
        at = start + 8
        while True:
            (length,) = struct.unpack(">I", data[at : at + 4])
            kind = data[at + 4 : at + 8]
            at += 12 + length
            if kind == b"IEND" or at >= len(data):
                break
        parts.append(data[start:at])
        start = at
    return parts


def svg_size(svg: bytes) -> tuple[float, float]:
    """Return the (width, height) in points of an SVG written by `dot`."""
    match = _SVG_SIZE.search(svg[:2000])
    if not match:
        raise ExportError("`dot` wrote an SVG without a size")
    return float(match.group(1)), float(match.group(2))


def output_size(data: bytes, format: str, dpi: float = 96) -> tuple[float, float]:
    """Return the (width, height) in points of a page `dot` drew as svg, png or pdf."""
    if format == "svg":
        return svg_size(data)
    if format == "png":
        width, height = struct.unpack(">II", data[16:24])
        return width * 72 / dpi, height * 72 / dpi
    match = _PDF_SIZE.search(data)
    if not match:
        raise ExportError("`dot` wrote a PDF without a page size")
    return float(match.group(1)), float(match.group(2))
