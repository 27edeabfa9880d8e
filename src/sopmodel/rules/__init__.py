"""Lint rules with stable codes, their configuration, and validation runs over files."""

from sopmodel.rules import (  # noqa: F401 (imported for the rules they register)
    attachments,
    conditions,
    corpus,
    flow,
    governance,
    horizon,
    plan,
    procedure,
    records,
    references,
    text,
    yamlsource,
)
from sopmodel.rules.config import Config, ConfigError, find_config, load_config
from sopmodel.rules.engine import RULES, Context, Finding, Rule, RuleError, check_document
from sopmodel.rules.run import Report, find_documents, validate_paths

__all__ = [
    "RULES",
    "Config",
    "ConfigError",
    "Context",
    "Finding",
    "Report",
    "Rule",
    "RuleError",
    "check_document",
    "find_config",
    "find_documents",
    "load_config",
    "validate_paths",
]
