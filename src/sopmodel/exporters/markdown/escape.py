"""User text made safe for GitHub-flavoured Markdown: it reads as written, never as markup.

Every character that could open Markdown or HTML structure is escaped with a backslash
(CommonMark lets any ASCII punctuation be escaped, and a renderer shows the character
itself): `\\`, `` ` ``, `*`, `[`, `]`, `<`, `|`, `~`, `_` (unless between two letters or
digits, where it never marks emphasis), `&` before an entity name, and what starts a block
at the beginning of a line (`#`, `>`, `-`, `+`, `=`, `1.`). Addresses become links only when
they are http, https or mailto.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from sopmodel.i18n.typography import one_line
from sopmodel.markup import followable

__all__ = ["code_span", "escape", "line_start", "link_address", "one_line"]

_ALWAYS = re.compile(r"([\\`*\[\]<|~])")
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
"""An underscore not between two letters or digits (only those can mark emphasis)."""
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))")
_URL_SAFE = "/:?#[]@!$&'*+,;=%-._~"
"""What stays as it is in a link's address; everything else is percent-encoded."""


def escape(text: str) -> str:
    """Return text (one line, no newline) escaped so that Markdown shows it as written
    anywhere but at the start of a line (see `line_start`)."""
    text = " ".join(text.replace("\t", " ").splitlines())  # \r, U+2028... end lines too
    text = _ALWAYS.sub(r"\\\1", text)
    text = _UNDERSCORE.sub(r"\\_", text)
    return _ENTITY.sub(r"\\&", text)


def line_start(markdown: str) -> str:
    """Return Markdown that begins a line with what would start a block there escaped
    (`#`, `>`, `-`, `+`, `=`, `1.`): for a line of user text."""
    return _LINE_START.sub(_escaped_start, markdown)


def _escaped_start(found: re.Match[str]) -> str:
    lead, mark = found.group(1), found.group(2)
    return f"{lead}\\{mark}" if not mark[0].isdigit() else f"{lead}{mark}\\"


def code_span(text: str, in_cell: bool = False) -> str:
    """Return text as an inline code span (shown as written, in a fixed-width font)."""
    text = " ".join(text.splitlines())
    if not text:
        return ""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    padded = text[0] in "` " or text[-1] in "` "
    body = f" {text} " if padded else text
    if in_cell:
        body = body.replace("|", "\\|")
    return f"{fence}{body}{fence}"


def link_address(url: str) -> str | None:
    """Return a web address as written in a link (percent-encoded where Markdown would stop
    reading it), or None when it is not http, https or mailto: it is then never a link."""
    return quote(url.strip(), safe=_URL_SAFE) if followable(url) else None
