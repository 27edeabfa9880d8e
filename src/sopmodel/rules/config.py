"""Rule configuration from [tool.sopmodel] in pyproject.toml or from sopmodel.toml."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import stat
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from sopmodel.diagnostics import Severity
from sopmodel.errors import SopmodelError

__all__ = ["DEFAULT_CONFIG", "Config", "ConfigError", "find_config", "load_config"]

_GENERAL_KEYS = ("select", "ignore", "fail-on", "severity", "today", "exclude")


class ConfigError(SopmodelError):
    """A configuration file or option that cannot be used; the message says where and why."""


class _RuleLike(Protocol):
    @property
    def options(self) -> dict[str, Any]: ...


def _severity(value: Any, where: str) -> Severity:
    try:
        return Severity[str(value)]
    except KeyError:
        raise ConfigError(f"{where}: {value!r} is not a severity (error, warning, info)") from None


@dataclass(frozen=True, eq=False)
class Config:
    """Which rules run, how severe they are, their options, and what fails a run."""

    select: tuple[str, ...] = ("ALL",)
    """Codes or code prefixes to run (SOP, PLAN2, REF001); ALL for every rule."""
    ignore: tuple[str, ...] = ()
    """Codes or code prefixes not to run."""
    fail_on: Severity = Severity.warning
    """The lowest severity that makes validation fail (exit status 1)."""
    severity: dict[str, Severity] = field(default_factory=dict)
    """Severity overrides by rule code."""
    options: dict[str, Any] = field(default_factory=dict)
    """Rule options (max-priorities = 3, ...)."""
    today: dt.date | None = None
    """The date that rules about time take as today (default: the real today)."""
    exclude: tuple[str, ...] = ()
    """Glob patterns of files and folders that `validate` skips when walking folders."""
    source: str | None = None
    """The file the configuration was read from."""

    def enabled(self, code: str) -> bool:
        """Return True when the rule with this code is selected and not ignored."""

        def matches(patterns: Iterable[str]) -> bool:
            return any(p == "ALL" or code.startswith(p) for p in patterns)

        return matches(self.select) and not matches(self.ignore)

    def severity_of(self, code: str, default: Severity) -> Severity:
        """Return the configured severity of a rule, or its default."""
        return self.severity.get(code, default)

    def options_for(self, rules: Iterable[_RuleLike]) -> dict[str, Any]:
        """Return every rule option, configured or default; refuse unknown options."""
        merged: dict[str, Any] = {}
        for item in rules:
            merged.update(item.options)
        for name, value in self.options.items():
            if name not in merged:
                close = difflib.get_close_matches(name, [*merged, *_GENERAL_KEYS], n=1)
                hint = f": did you mean {close[0]!r}?" if close else ""
                raise ConfigError(
                    f"{self.source or 'configuration'}: unknown option {name!r}{hint}"
                )
            default = merged[name]
            if type(value) is not type(default) and not (
                isinstance(default, float) and isinstance(value, int)
            ):
                raise ConfigError(
                    f"{self.source or 'configuration'}: option {name!r} takes a"
                    f" {type(default).__name__}, not {value!r}"
                )
            merged[name] = value
        return merged

    @classmethod
    def from_mapping(cls, data: dict[str, Any], source: str | None = None) -> Config:
        """Return the configuration described by a [tool.sopmodel] table."""
        where = source or "configuration"
        general = {k: data[k] for k in _GENERAL_KEYS if k in data}
        options = {k: v for k, v in data.items() if k not in _GENERAL_KEYS}
        for key in ("select", "ignore", "exclude"):
            if key in general and not (
                isinstance(general[key], list) and all(isinstance(x, str) for x in general[key])
            ):
                raise ConfigError(f"{where}: {key} must be a list of strings")
        table = general.get("severity", {})
        if not isinstance(table, dict):
            raise ConfigError(f'{where}: severity must be a table of CODE = "error|warning|info"')
        today = general.get("today")
        if today is not None and not isinstance(today, dt.date):
            raise ConfigError(f"{where}: today must be a date (2026-11-24)")
        return cls(
            select=tuple(general.get("select", ("ALL",))),
            ignore=tuple(general.get("ignore", ())),
            fail_on=_severity(general.get("fail-on", "warning"), f"{where}: fail-on"),
            severity={code: _severity(v, f"{where}: severity.{code}") for code, v in table.items()},
            options=options,
            today=today,
            exclude=tuple(general.get("exclude", ())),
            source=source,
        )


DEFAULT_CONFIG = Config()
"""Every rule at its default severity and options."""
MAX_CONFIG_BYTES = 4 * 1024 * 1024
"""Configuration files larger than this are refused unread."""


def find_config(start: Path) -> Path | None:
    """Return the nearest sopmodel.toml, or pyproject.toml with [tool.sopmodel], above start."""
    for folder in (start.resolve(), *start.resolve().parents):
        candidate = folder / "sopmodel.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "[tool.sopmodel" in pyproject.read_text(errors="replace"):
            return pyproject
    return None


def load_config(path: Path | None) -> Config:
    """Return the configuration in a sopmodel.toml or pyproject.toml (defaults for None)."""
    if path is None:
        return DEFAULT_CONFIG
    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode):
            raise ConfigError(f"{path}: not a regular file: name a sopmodel.toml or pyproject.toml")
        if status.st_size > MAX_CONFIG_BYTES:
            raise ConfigError(f"{path}: {status.st_size:,} bytes is too large for a configuration")
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the configuration: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("sopmodel", {})
    return Config.from_mapping(data, str(path))
