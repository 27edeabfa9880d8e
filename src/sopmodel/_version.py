"""The package version, kept apart so that `sopmodel --version` imports nothing else."""

__version__ = "0.1.0"
