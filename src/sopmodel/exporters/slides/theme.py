"""The colours of the deck: the default template's palette and the paragraph styles' inks.

One accent (a deep blue) for the title bar, section dividers and the cover; text colours
chosen to reach WCAG AA contrast (4.5:1) on the background they are drawn on.
"""

from __future__ import annotations

__all__ = [
    "ACCENT",
    "CHECK",
    "INK",
    "MARKS",
    "MUTED",
    "NAVY",
    "ON_NAVY",
    "PALE",
    "RULE",
    "STYLE_INKS",
    "contrast",
    "tint",
]

NAVY = "1B365D"
"""The deck's colour: title bar, cover and section backgrounds."""
ACCENT = "2E6DB4"
"""The same blue, lighter: bullets, facts (who, duration), branches."""
INK = "262626"
"""Body text."""
MUTED = "5F6B7A"
"""Footer and slide number on white."""
ON_NAVY = "D3DEEC"
"""Text on the deep blue: subtitles, the footer of a section divider."""
PALE = "7FA7DA"
"""The short rule under the title of the cover and of a section divider."""
RULE = "C8D3E1"
"""The thin line above the footer."""
CHECK = "1E7B34"
"""A step's check (✔): a dark green."""
STYLE_INKS = {"facts": ACCENT, "check": CHECK, "condition": NAVY, "branch": ACCENT}
"""The colour of each paragraph style (deck.Para.style)."""


def tint(colour: str, share: float) -> str:
    """Return a colour mixed with white: `share` of the colour, the rest white (RRGGBB)."""
    channels = [int(colour[i : i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(255 - share * (255 - c)):02X}" for c in channels)


def _luminance(colour: str) -> float:
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(int(colour[i : i + 2], 16)) for i in (0, 2, 4))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(ink: str, paper: str) -> float:
    """Return the WCAG contrast ratio of two colours (1 to 21)."""
    light, dark = sorted((_luminance(ink), _luminance(paper)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


MARKS = {"added": "CDEBD3", "removed": "F6D0D4"}
"""The background of words a change added (a pale green) and removed (a pale red), under
body text (INK reaches more than 10:1 on both)."""
