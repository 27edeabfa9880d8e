"""Server-Sent Events: tell every open page what a rebuild wrote, as it happens."""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Generator
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
        self._queues: set[queue.SimpleQueue[bytes | None]] = set()
        self._closed = False

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

    def stream(
        self, first: bytes = b"", keepalive: float = KEEPALIVE
    ) -> Generator[bytes, None, None]:
        """Yield what to write to one client: first, then each event, a comment when idle.

        The stream ends when the hub closes, or when the caller stops iterating (the client
        went away), which unsubscribes it.
        """
        q: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        with self._lock:
            if self._closed:
                return
            self._queues.add(q)
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
                self._queues.discard(q)
