"""Word template parts prepared once per machine, as Python keeps compiled modules.

Before rendering, docxtpl rewrites a template part's XML (its `patch_xml`) and Jinja compiles
it: 25 ms for the default procedure template, paid by every `sopmodel export` process. Both
results are kept in the user's cache folder (`$XDG_CACHE_HOME/sopmodel`, `~/.cache/sopmodel`,
or `SOPMODEL_CACHE_DIR`), named after a hash of everything they depend on (the source, the
versions of sopmodel, docxtpl, Jinja and Python), and written atomically. `SOPMODEL_CACHE_DIR=`
(empty) turns the cache off; a folder that cannot be written is simply not used.
"""

from __future__ import annotations

import hashlib
import os
import sys
from contextlib import suppress
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from jinja2 import Environment, Template
from jinja2.bccache import FileSystemBytecodeCache

from sopmodel._version import __version__

__all__ = ["cache_folder", "compiled", "patched"]


@cache
def _versions() -> str:
    python = ".".join(map(str, sys.version_info[:3]))
    return f"sopmodel {__version__}, docxtpl {version('docxtpl')}, python {python}"


def cache_folder() -> Path | None:
    """Return the folder prepared template parts are kept in, or None when there is none."""
    configured = os.environ.get("SOPMODEL_CACHE_DIR")
    if configured == "":
        return None
    if configured:
        folder = Path(configured)
    else:
        home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        folder = Path(home) / "sopmodel"
    folder = folder / "word-templates"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK) else None


def _key(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in (_versions(), *parts):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()[:40]


def patched(source: str, patch: Any) -> str:
    """Return `patch(source)` (docxtpl's rewriting of a part's XML), kept in the cache."""
    folder = cache_folder()
    if folder is None:
        return str(patch(source))
    path = folder / f"patched-{_key('patch', source)}.xml"
    with suppress(OSError, UnicodeDecodeError):
        digest, _, kept = path.read_text(encoding="utf-8").partition("\n")
        if digest == _key(kept):  # whole and unchanged since it was written
            return kept
    result = str(patch(source))
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(f"{_key(result)}\n{result}", encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)
    return result


def compiled(environment: Environment, source: str) -> Template:
    """Return what `environment.from_string(source)` returns, its compiled code kept in the
    cache."""
    folder = cache_folder()
    if folder is None:
        code = environment.compile(source)
    else:
        store = FileSystemBytecodeCache(str(folder), "jinja-%s.cache")
        name = _key("jinja", type(environment).__qualname__, source)
        bucket = store.get_bucket(environment, name, None, source)
        if bucket.code is None:
            bucket.code = environment.compile(source)
            with suppress(OSError):
                store.set_bucket(bucket)
        code = bucket.code
    return environment.template_class.from_code(
        environment, code, environment.make_globals(None), None
    )
