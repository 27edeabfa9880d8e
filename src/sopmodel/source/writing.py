"""Write documents back as YAML, and write any file atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from sopmodel.model import Document
from sopmodel.source.yamlparse import resolves_to_text

__all__ = ["atomic_write", "dump_yaml"]


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """A safe dumper that quotes any text our YAML 1.2 reader would not read back as text."""


def _represent_str(dumper: Any, value: str) -> Any:
    style = None if resolves_to_text(value) else '"'
    if "\n" in value and style is None:
        style = "|"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_yaml(document: Document) -> str:
    """Return the document as YAML that loads back into an equal document."""
    data = document.model_dump(mode="json", exclude_defaults=True)
    head = {"sopmodel": document.sopmodel, "kind": document.kind}
    text: str = yaml.dump(
        {**head, **data}, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100
    )
    return text


def atomic_write(path: str | os.PathLike[str], data: bytes | str) -> None:
    """Write data to path through a temporary file in the same folder, then rename it.

    A failure at any point leaves the previous file, if any, untouched and no partial file.
    """
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
