"""Library users catch one base exception: every error sopmodel raises on purpose is under it."""

from __future__ import annotations

import pytest

import sopmodel
from sopmodel.exporters.workbook import TrackerError
from sopmodel.source.update import UpdateError
from sopmodel.source.writing import FileChangedError

PUBLIC_ERRORS = [
    "LoadError",
    "ParseError",
    "ConfigError",
    "ExportError",
    "MissingDependency",
    "RuleError",
]


def test_every_public_error_is_exported_and_derives_from_the_base() -> None:
    for name in PUBLIC_ERRORS:
        assert name in sopmodel.__all__
        assert issubclass(getattr(sopmodel, name), sopmodel.SopmodelError), name
    for error in (TrackerError, UpdateError, FileChangedError):
        assert issubclass(error, sopmodel.SopmodelError), error


def test_a_load_failure_is_caught_by_the_base_exception() -> None:
    with pytest.raises(sopmodel.SopmodelError, match="kind"):
        sopmodel.load_bytes("sopmodel: 1\nkind: nothing\n", "x.yaml")
