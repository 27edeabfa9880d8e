"""The project's configuration (sopmodel.toml), read the same way by validate, site and serve."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sopmodel.rules import Config

__all__ = ["add_config_options", "project_config", "refuse_missing"]


def add_config_options(parser: argparse.ArgumentParser) -> None:
    """Add --config FILE and --exclude GLOB (repeatable) to a command."""
    parser.add_argument(
        "--config",
        metavar="FILE",
        type=Path,
        help="sopmodel.toml or pyproject.toml to use instead of the nearest one",
    )
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="skip files and folders matching GLOB when walking folders (adds to the config)",
    )


def project_config(args: argparse.Namespace) -> Config:
    """Return the configuration named by --config, or the nearest one above the current
    folder (defaults without one), with the --exclude patterns added.

    Raise UsageError, naming the file, when it cannot be used."""
    import dataclasses

    from sopmodel.cli import UsageError
    from sopmodel.rules import ConfigError, find_config, load_config
    from sopmodel.rules.engine import check_config

    try:
        config = load_config(args.config or find_config(Path.cwd()))
        check_config(config)  # rule codes that name no rule
    except ConfigError as error:
        raise UsageError(str(error)) from None
    return dataclasses.replace(config, exclude=(*config.exclude, *args.exclude))


def refuse_missing(paths: list[str]) -> None:
    """Raise UsageError naming the first path that is neither a file nor a folder."""
    import os

    from sopmodel.cli import UsageError

    missing = [p for p in paths if not os.path.exists(p)]
    if missing:
        raise UsageError(f"{missing[0]}: no such file or folder")
