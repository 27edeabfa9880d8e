"""Rules on how a YAML file is written, read from what the loader noticed in its source."""

from __future__ import annotations

from collections.abc import Iterator

from sopmodel.diagnostics import Severity
from sopmodel.model import Document
from sopmodel.rules.engine import Context, Finding, rule
from sopmodel.source import origin_of
from sopmodel.source.comments import CODE, NAME


@rule(CODE, NAME, Severity.warning, ("procedure", "plan"))
def comment_cuts_value(document: Document, context: Context) -> Iterator[Finding]:
    """An unquoted value is cut short by ` #`, which starts a YAML comment.

    In YAML a space followed by `#` starts a comment, even in the middle of an unquoted
    value: `note: Ask on #purchasing-team` reads "Ask on", and `role: #buyer` reads
    nothing. The file stays valid, so the text would be lost without a word. A comment
    whose `#` is followed by text is reported; a deliberate comment written with a space
    after the `#` (`value  # a comment`), a `#` inside a word (`C#`) and a `#` inside quotes
    are not.

    Put the whole value in quotes: `note: "Ask on #purchasing-team"`, or write the comment
    with a space after `#`. JSON files have no comments and are not concerned. When the cut
    value makes the document invalid, this warning comes with the error, and when a cut
    leaves a `{` or `[` unclosed the YAML001 error says which line to quote.
    """
    origin = origin_of(document)
    for cut in origin.cuts if origin is not None else ():
        yield Finding(cut.loc, cut.message)
