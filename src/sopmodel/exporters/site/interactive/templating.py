"""The interactive pages' own environment, for when they are made without the handbook's."""

from __future__ import annotations

import functools

from jinja2 import PackageLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

__all__ = ["environment"]


@functools.cache
def environment() -> SandboxedEnvironment:
    """Return an autoescaping, strict sandbox that finds the interactive templates."""
    return SandboxedEnvironment(
        loader=PackageLoader("sopmodel.exporters.site.interactive", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
