"""The docstrings written under the fields of the models, read from their source on demand.

Reading them when the classes are made (pydantic's `use_attribute_docstrings`) costs every
command the parsing of the models' source; only the JSON Schema needs them.
"""

from __future__ import annotations

import ast
import inspect
import sys
from collections.abc import Iterator
from functools import cache
from typing import Any, get_args

from pydantic import BaseModel

__all__ = ["describe_fields"]


@cache
def _module_docstrings(module: str) -> dict[str, dict[str, str]]:
    """Return, for each class of a module, the docstring under each of its annotated names."""
    tree = ast.parse(inspect.getsource(sys.modules[module]))
    found: dict[str, dict[str, str]] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        docs = found.setdefault(node.name, {})
        for statement, following in zip(node.body, node.body[1:], strict=False):
            if (
                isinstance(statement, ast.AnnAssign)
                and isinstance(statement.target, ast.Name)
                and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
            ):
                docs[statement.target.id] = inspect.cleandoc(following.value.value)
    return found


def _docstrings(model: type[BaseModel]) -> dict[str, str]:
    """Return the docstring of each field of a model, its own class's first."""
    found: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if issubclass(cls, BaseModel) and cls is not BaseModel:
            found.update(_module_docstrings(cls.__module__).get(cls.__name__, {}))
    return found


def _nested(annotation: Any) -> Iterator[type[BaseModel]]:
    """Yield the models an annotation refers to."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for argument in get_args(annotation):
        yield from _nested(argument)


def _leaves_first(model: type[BaseModel], seen: list[type[BaseModel]]) -> None:
    """Add the models a model refers to, then the model itself, to seen."""
    if model in seen:
        return
    seen.append(model)  # first, so that a model referring to itself stops here
    for field in model.model_fields.values():
        for inner in _nested(field.annotation):
            _leaves_first(inner, seen)
    seen.remove(model)
    seen.append(model)


@cache
def describe_fields(model: type[BaseModel]) -> None:
    """Give every field of a model and of the models it holds the docstring written under
    it as its description (a description given in Field is kept), then rebuild them."""
    order: list[type[BaseModel]] = []
    _leaves_first(model, order)
    for each in order:
        docs = _docstrings(each)
        for name, field in each.model_fields.items():
            if field.description is None and name in docs:
                field.description = docs[name]
        each.model_rebuild(force=True)
