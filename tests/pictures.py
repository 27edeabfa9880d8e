"""Small real PNG files made in the tests, without an imaging library."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path


def write_png(path: Path, width: int, height: int, colour: tuple[int, int, int] = (40, 90, 160),
              padding: int = 0) -> Path:  # fmt: skip
    """Write a solid-colour RGB PNG of the given size (plus padding bytes in a text chunk)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(colour) * width
    raw = zlib.compress(row * height, 9)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    extra = chunk(b"tEXt", b"padding\x00" + b"x" * padding) if padding else b""
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + extra
                     + chunk(b"IDAT", raw) + chunk(b"IEND", b""))  # fmt: skip
    return path
