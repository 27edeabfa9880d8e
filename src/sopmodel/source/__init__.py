"""Reading documents from files with their positions, and writing them back."""

from sopmodel.source.loading import STRUCTURE_CHECKS, LoadError, load, load_bytes
from sopmodel.source.locate import Origin, origin_of
from sopmodel.source.writing import atomic_write, dump_yaml

__all__ = [
    "STRUCTURE_CHECKS",
    "LoadError",
    "Origin",
    "atomic_write",
    "dump_yaml",
    "load",
    "load_bytes",
    "origin_of",
]
