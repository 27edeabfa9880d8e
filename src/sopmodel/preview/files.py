"""Which file of the site folder a URL names (never one outside it), and its content type."""

from __future__ import annotations

import mimetypes
import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

__all__ = ["content_type", "page_key", "site_file"]

_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".txt": "text/plain; charset=utf-8",
    ".pdf": "application/pdf",
}


def content_type(path: str | os.PathLike[str]) -> str:
    """Return the Content-Type to send a file with (text always says UTF-8)."""
    suffix = os.path.splitext(os.fspath(path))[1].lower()
    known = _TYPES.get(suffix) or mimetypes.guess_type(f"x{suffix}")[0]
    return known or "application/octet-stream"


def page_key(target: str) -> str | None:
    """Return the site-relative path a request target names (index.html for a folder), or
    None when it tries to leave the site or reach a hidden file (.., ., dot-files, NUL,
    backslashes), encoded or not."""
    path = unquote(urlsplit(target).path, errors="strict")
    if "\x00" in path or "\\" in path:
        return None
    parts = [part for part in path.split("/") if part]
    if any(part.startswith(".") for part in parts):
        return None
    if not parts or path.endswith("/"):
        parts.append("index.html")
    return "/".join(parts)


def site_file(root: Path, target: str) -> Path | None:
    """Return the regular file under root that a request target names, or None.

    root must be a resolved path. Symbolic links are followed only when they stay inside it.
    """
    try:
        key = page_key(target)
    except UnicodeDecodeError:
        return None
    if key is None:
        return None
    real = Path(os.path.realpath(root.joinpath(*key.split("/"))))
    if real != root and root not in real.parents:
        return None
    return real if real.is_file() else None
