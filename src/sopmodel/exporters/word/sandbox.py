"""The Jinja sandbox Word templates run in, with bounds on what a template may compute.

A template is untrusted code. Jinja's sandbox stops it from reaching Python's internals;
these bounds stop it from exhausting the machine: no number or sequence larger than
MAX_SIZE made by `**`, `*`, `+` or `%`, no argument larger than MAX_SIZE given to a
function or filter (`center(10**9)`), no joined or rendered text larger than MAX_OUTPUT.
Time is bounded separately, by `sopmodel.exporters.deadline`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sized
from typing import Any

from jinja2 import StrictUndefined, Template
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

__all__ = ["MAX_OUTPUT", "MAX_SIZE", "BoundedSandbox"]

MAX_SIZE = 1_000_000
"""The largest number of characters or items a template expression may make."""
MAX_DIGITS = 4_000
"""The largest number of digits an integer a template computes may have."""
MAX_OUTPUT = 32 * 1024 * 1024
"""The most characters one template part may render to."""
_BIG_WIDTH = re.compile(r"\d{7,}")


def _size(value: Any) -> int:
    if isinstance(value, int | float):
        return 0
    return len(value) if isinstance(value, Sized) else 0


def _digits(value: int) -> int:
    return int(value.bit_length() * math.log10(2)) + 1 if value else 1


def _refuse(what: str) -> SecurityError:
    return SecurityError(f"{what}: a template may not compute something this large")


def _checked_args(args: Iterable[Any]) -> None:
    for value in args:
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_SIZE:
            raise _refuse(f"the argument {value if _digits(value) < 20 else 'given'}")
        if _size(value) > MAX_SIZE:
            raise _refuse(f"an argument of {_size(value):,} characters or items")


class _BoundedTemplate(Template):
    """A template whose rendered text is bounded (MAX_OUTPUT characters)."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        """Return the rendered text, or raise SecurityError once it grows past MAX_OUTPUT."""
        context = self.new_context(dict(*args, **kwargs))
        parts: list[str] = []
        total = 0
        try:
            for part in self.root_render_func(context):
                total += len(part)
                if total > MAX_OUTPUT:
                    raise _refuse(f"text of more than {MAX_OUTPUT:,} characters")
                parts.append(part)
        except Exception:
            self.environment.handle_exception()
        return str(self.environment.concat(parts))


def _bounded_filter(function: Callable[..., Any]) -> Callable[..., Any]:
    def bounded(*args: Any, **kwargs: Any) -> Any:
        _checked_args(args[1:])
        _checked_args(kwargs.values())
        return function(*args, **kwargs)

    bounded.__name__ = getattr(function, "__name__", "filter")
    for attribute in ("jinja_pass_arg",):
        if hasattr(function, attribute):
            setattr(bounded, attribute, getattr(function, attribute))
    return bounded


class BoundedSandbox(SandboxedEnvironment):
    """A sandboxed, autoescaping, strict Jinja environment that refuses runaway expressions."""

    intercepted_binops = frozenset({"**", "*", "+", "%"})
    template_class = _BoundedTemplate

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=StrictUndefined)
        self.globals.pop("lipsum", None)
        self.filters = {name: _bounded_filter(f) for name, f in self.filters.items()}
        join = self.filters["join"]

        def bounded_join(*args: Any, **kwargs: Any) -> Any:
            items = args[1] if len(args) > 1 else ()
            if isinstance(items, list | tuple) and sum(_size(i) for i in items) > MAX_SIZE:
                raise _refuse("joining these values")
            return join(*args, **kwargs)

        bounded_join.jinja_pass_arg = join.jinja_pass_arg  # type: ignore[attr-defined]
        self.filters["join"] = bounded_join

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """Apply a binary operator whose result is bounded; refuse an unbounded one."""
        if operator == "**":
            whole = isinstance(left, int) and isinstance(right, int) and abs(left) > 1
            if whole and right > 0 and right * math.log10(abs(left)) > MAX_DIGITS:
                raise _refuse(f"{left} ** {right}")
        elif operator == "*":
            if isinstance(left, int) and isinstance(right, int):
                if _digits(left) + _digits(right) > MAX_DIGITS:
                    raise _refuse("this product")
            elif isinstance(left, int) or isinstance(right, int):
                count = left if isinstance(left, int) else right
                other = right if isinstance(left, int) else left
                if count * max(_size(other), 1) > MAX_SIZE:
                    raise _refuse(f"repeating a value {count} times")
        elif operator == "+":
            if _size(left) + _size(right) > MAX_SIZE:
                raise _refuse("joining these values")
        elif operator == "%" and isinstance(left, str):
            if _BIG_WIDTH.search(left) or "*" in left:
                raise _refuse("this format")
            _checked_args(right if isinstance(right, tuple) else (right,))
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Call a function with bounded arguments; refuse str methods that multiply text."""
        _checked_args(args)
        _checked_args(kwargs.values())
        owner = getattr(__obj, "__self__", None)
        name = getattr(__obj, "__name__", "")
        if isinstance(owner, str) and name in ("join", "replace"):
            pieces = [i for a in args for i in (a if isinstance(a, list | tuple) else (a,))]
            if _size(owner) * max(len(pieces), 1) + sum(_size(p) for p in pieces) > MAX_SIZE:
                raise _refuse(f"str.{name}")
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """Return str.format wrapped by the sandbox, refusing very wide fields."""
        owner = getattr(value, "__self__", None)
        if isinstance(owner, str) and _BIG_WIDTH.search(owner):
            raise _refuse("this format")
        return super().wrap_str_format(value)
