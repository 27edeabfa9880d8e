"""Which link addresses a reader may follow: one answer for every output that makes links."""

from __future__ import annotations

import re

__all__ = ["followable"]

_FOLLOWED = re.compile(r"(https?://|mailto:)", re.IGNORECASE)


def followable(url: str) -> bool:
    """Say whether an address (its ends stripped) may become a link: http://, https:// or
    mailto:, with no space nor invisible character in it. Any other (javascript:, data:, a
    path on someone's disk) is shown as text and never followed."""
    url = url.strip()
    return bool(_FOLLOWED.match(url)) and all(c.isprintable() and not c.isspace() for c in url)
