"""The one Jinja environment of a site: sandboxed, autoescaping, templates compiled once.

Templates are found in this package's `templates/` folder, then in
`sopmodel/exporters/site/interactive/templates/` (the checklist and quiz pages), so
every page can `{% extends "base.html" %}`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

__all__ = ["TEMPLATES", "environment"]

TEMPLATES = Path(__file__).parent / "templates"


@cache
def environment() -> SandboxedEnvironment:
    """Return the site's environment (shared; its templates are compiled on first use)."""
    folders = [TEMPLATES, Path(__file__).parent / "interactive" / "templates"]
    env = SandboxedEnvironment(
        loader=FileSystemLoader([str(f) for f in folders if f.is_dir()]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.globals.pop("lipsum", None)
    return env
