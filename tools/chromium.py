"""How sopmodel's tests and tools start Debian's Chromium: headless, offline, no first run.

Without the background-networking flags Chromium tries to reach Google's hosts at every
start, and a machine with no network refuses those connections.
"""

from __future__ import annotations

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
