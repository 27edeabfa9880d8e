"""Server-Sent Events: tell every open page what a rebuild wrote, as it happens."""

from __future__ import annotations

import json
import queue
import threading
import time
from collections import Counter
from collections.abc import Generator, Iterable
from typing import Any

__all__ = ["EventHub", "encode"]

KEEPALIVE = 15.0
"""Seconds between comment lines on an idle stream, so a closed tab is noticed."""


def encode(event: str, data: dict[str, Any]) -> bytes:
    """Return one Server-Sent Event: its name and its data as one line of JSON."""
    payload = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    return f"event: {event}\ndata: {payload}\n\n".encode("ascii")


class EventHub:
    """Broadcast events to the streams open at the time; closing ends every stream."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queues: dict[queue.SimpleQueue[bytes | None], str] = {}
        """Each open stream, and the page it was opened by."""
        self._closed = False
        self._opened = threading.Condition(self._lock)
        self._arrivals: Counter[str] = Counter()
        """How many streams each page has opened so far (a reloaded page opens a new one)."""

    def publish(self, event: str, data: dict[str, Any]) -> int:
        """Send an event to every open stream; return how many streams it went to."""
        message = encode(event, data)
        with self._lock:
            for q in self._queues:
                q.put(message)
            return len(self._queues)

    def close(self) -> None:
        """End every stream (the server is stopping) and refuse new ones."""
        with self._lock:
            self._closed = True
            for q in self._queues:
                q.put(None)

    @property
    def listeners(self) -> int:
        """How many streams are open."""
        with self._lock:
            return len(self._queues)

    def arrivals(self, pages: Iterable[str]) -> dict[str, int]:
        """Return how many streams each of these pages has opened so far."""
        with self._lock:
            return {page: self._arrivals[page] for page in pages}

    def open_pages(self) -> set[str]:
        """Return the pages that have a stream open."""
        with self._lock:
            return set(self._queues.values())

    def wait_for_return(self, before: dict[str, int], timeout: float) -> bool:
        """Wait until each page of `before` opened a new stream since (it reloaded and its
        script runs again), or timeout seconds; return whether they all came back."""
        deadline = time.monotonic() + timeout
        with self._opened:
            while any(self._arrivals[page] <= count for page, count in before.items()):
                left = deadline - time.monotonic()
                if left <= 0 or self._closed:
                    return False
                self._opened.wait(left)
            return True

    def stream(
        self, first: bytes = b"", keepalive: float = KEEPALIVE, page: str = ""
    ) -> Generator[bytes, None, None]:
        """Yield what to write to one client (opened by `page`): first, then each event, a
        comment when idle.

        The stream ends when the hub closes, or when the caller stops iterating (the client
        went away), which unsubscribes it.
        """
        q: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        with self._lock:
            if self._closed:
                return
            self._queues[q] = page
            self._arrivals[page] += 1
            self._opened.notify_all()
        try:
            if first:
                yield first
            while True:
                try:
                    message = q.get(timeout=keepalive)
                except queue.Empty:
                    yield b": keepalive\n\n"
                    continue
                if message is None:
                    return
                yield message
        finally:
            with self._lock:
                self._queues.pop(q, None)
