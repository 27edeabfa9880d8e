"""Collect what an export tells (warnings and notes logged to "sopmodel.export"), per thread."""

from __future__ import annotations

import logging
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sopmodel.exporters.base import LOG, ExportWarning

__all__ = ["Told", "collect"]

_LEVEL_LOCK = threading.Lock()
_COLLECTING = [0]
"""How many collections are open: while any is, LOG passes INFO records on."""


@dataclass
class Told:
    """What exports run in one thread said: warnings (things changed or left out) and notes."""

    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class _Handler(logging.Handler):
    def __init__(self, told: Told) -> None:
        super().__init__(logging.INFO)
        self.told = told
        self.thread = threading.get_ident()

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread != self.thread:
            return
        target = self.told.warnings if record.levelno >= logging.WARNING else self.told.notes
        target.append(record.getMessage())


@contextmanager
def collect() -> Iterator[Told]:
    """Yield a Told filled with what exports in this thread log, instead of printing it.

    ExportWarning warnings raised by third-party exporters are collected too, in the main
    thread only: the warnings module's state is global, so other threads leave them alone.
    """
    told = Told()
    handler = _Handler(told)
    with _LEVEL_LOCK:
        if _COLLECTING[0] == 0:
            _COLLECTING.append(LOG.level)
            LOG.setLevel(logging.INFO)
        _COLLECTING[0] += 1
    LOG.addHandler(handler)
    try:
        if threading.current_thread() is not threading.main_thread():
            yield told
            return
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ExportWarning)
            yield told
        told.warnings += [str(w.message) for w in caught if issubclass(w.category, ExportWarning)]
    finally:
        LOG.removeHandler(handler)
        with _LEVEL_LOCK:
            _COLLECTING[0] -= 1
            if _COLLECTING[0] == 0:
                LOG.setLevel(_COLLECTING.pop())
