"""The one Jinja environment of a site: sandboxed, autoescaping, templates compiled once.

Templates are found in this package's `templates/` folder, then in
`sopmodel/exporters/site/interactive/templates/` (the checklist and quiz pages), so
every page can `{% extends "base.html" %}`.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

__all__ = ["TEMPLATES", "environment"]

TEMPLATES = Path(__file__).parent / "templates"


class _Sandbox(SandboxedEnvironment):
    """The sandbox, with a quick answer for the fields of the pages' own view dataclasses.

    The sandbox asks whether every attribute a template reads is safe; a checklist of 50
    steps reads tens of thousands (a sixth of a build). A public field of a dataclass that
    sopmodel defines is plain data: it is safe without the sandbox's full look. Anything
    else, and every name starting with '_', gets the full look.
    """

    _plain: ClassVar[dict[type, bool]] = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        kind = type(obj)
        plain = self._plain.get(kind)
        if plain is None:
            plain = dataclasses.is_dataclass(kind) and kind.__module__.startswith("sopmodel.")
            self._plain[kind] = plain
        if plain and not attr.startswith("_") and attr in kind.__dataclass_fields__:
            return True
        return bool(super().is_safe_attribute(obj, attr, value))


@cache
def environment() -> SandboxedEnvironment:
    """Return the site's environment (shared; its templates are compiled on first use)."""
    folders = [TEMPLATES, Path(__file__).parent / "interactive" / "templates"]
    env = _Sandbox(
        loader=FileSystemLoader([str(f) for f in folders if f.is_dir()]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.globals.pop("lipsum", None)
    return env
