"""A time limit on pure-Python work that cannot be split up, such as rendering a template.

The work runs in the calling thread; when the time is up, a watchdog thread raises an
exception in it (CPython's PyThreadState_SetAsyncExc), which a Jinja loop meets at its
next step. Work that never returns to the interpreter (one huge C operation) is not
interrupted: bound such operations where they are made (see word/sandbox.py).
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sopmodel.exporters.base import ExportError

__all__ = ["time_limit"]


class _TimeUp(Exception):
    """Raised in the working thread by the watchdog."""


def _raise_in(thread: int, exception: type[BaseException] | None) -> None:
    target = ctypes.py_object(exception) if exception is not None else None
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), target)


@contextmanager
def time_limit(seconds: float, what: str) -> Iterator[None]:
    """Run the body, or raise ExportError "WHAT took more than N s" once seconds have passed."""
    thread = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def fire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                _raise_in(thread, _TimeUp)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    late = ExportError(f"{what} took more than {seconds:g} s and was stopped")
    try:
        timer.start()
        try:
            yield
        finally:
            with lock:
                state["done"] = True
                if state["fired"]:
                    _raise_in(thread, None)  # withdraw an exception not yet delivered
            timer.cancel()
    except _TimeUp:
        raise late from None
    if state["fired"]:
        raise late
