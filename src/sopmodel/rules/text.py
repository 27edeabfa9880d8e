"""Rules on what the text of a document points to and holds: links, addresses and raw HTML."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from sopmodel import markup
from sopmodel.diagnostics import Loc, Severity
from sopmodel.model import Plan, Procedure
from sopmodel.model.content import Link
from sopmodel.rules.engine import Context, Finding, all_steps, rule, walk_steps

__all__ = ["address_problem", "link_fields", "rich_texts"]

BOTH = ("procedure", "plan")


def rich_texts(document: Procedure | Plan, context: Context) -> Iterator[tuple[Loc, str]]:
    """Yield (path, text) for every Markdown text: notes (a step's `warning` among them)
    and step details."""
    for n, note in enumerate(document.notes):
        yield ("notes", n, "text"), note.text
    if not isinstance(document, Procedure):
        return
    for loc, step in all_steps(document, context):
        if step.details:
            yield (*loc, "details"), step.details
        if step.warning:
            yield (*loc, "warning"), step.warning
        for n, note in enumerate(step.notes):
            yield (*loc, "notes", n, "text"), note.text


def link_fields(
    document: Procedure | Plan, context: Context | None = None
) -> Iterator[tuple[Loc, Link]]:
    """Yield (path, link) for every entry of `links`: the document's and its steps'."""
    for i, link in enumerate(document.links):
        yield ("links", i), link
    if isinstance(document, Procedure):
        steps = all_steps(document, context) if context else walk_steps(document.steps)
        for loc, step in steps:
            for i, link in enumerate(step.links):
                yield (*loc, "links", i), link


_HOST = re.compile(r"(?:[^\W_](?:[\w-]*[^\W_])?\.)*[^\W_](?:[\w-]*[^\W_])?", re.UNICODE)
_MAILBOX = re.compile(r"[^@\s,;<>()\[\]]+@[^@\s,;<>()\[\]]+\.[^@\s,;<>()\[\].]+")
_BARE_HOST = re.compile(r"(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:[/?#]\S*)?", re.IGNORECASE)


def _host_ok(host: str | None) -> bool:
    if not host:
        return False
    if host.startswith("[") or ":" in host:  # an IPv6 address, already parsed by urlsplit
        return True
    return bool(_HOST.fullmatch(host.rstrip(".")))


def address_problem(url: str) -> str | None:
    """Return what to write instead when url is not an http, https or mailto address with a
    host (or a mailbox for mailto), else None."""
    text = url.strip()
    try:
        parts = urlsplit(text)
        scheme = parts.scheme.lower()
        if scheme in ("http", "https") and text[len(scheme) : len(scheme) + 3] == "://":
            _ = parts.port  # raises ValueError for a port that is not a number
            netloc = parts.netloc.rpartition("@")[2]
            if _host_ok(parts.hostname) and not any(c.isspace() for c in netloc):
                return None
        elif scheme == "mailto":
            boxes = [box.strip() for box in parts.path.split(",")]
            if boxes and all(_MAILBOX.fullmatch(box) for box in boxes):
                return None
    except ValueError:
        pass
    if _MAILBOX.fullmatch(text):
        return f"write mailto:{text}"
    if _BARE_HOST.fullmatch(text):
        return f"write https://{text}"
    return "write https://... or mailto:..."


@rule("TEXT001", "malformed-link", Severity.error, BOTH)
def malformed_link(document: Procedure | Plan, context: Context) -> Iterator[Finding]:
    """A link is not a web address: http or https with a host, or mailto with an address.

    Every output turns links into hyperlinks; `htp:/intranet`, `www.example.org` or a path
    on someone's disk lead nowhere for the reader. Write the whole address
    (`https://intranet.example.org/policy`, `mailto:safety@example.org`), in a link's `url`
    as in the Markdown links (`[text](address)`) of details and notes. A form kept next to
    the procedure belongs under `attachments`; another procedure is linked with
    `procedure: ID`.
    """
    for loc, link in link_fields(document, context):
        if link.url is not None:
            fix = address_problem(link.url)
            if fix:
                yield Finding((*loc, "url"), f"link {link.url!r} is not a web address: {fix}")
    for loc, text in rich_texts(document, context):
        for address in markup.links(text):
            fix = address_problem(address)
            if fix:
                yield Finding(loc, f"link {address!r} is not a web address: {fix}")


HTML_ELEMENTS = frozenset(
    [
        "a",
        "abbr",
        "address",
        "article",
        "aside",
        "b",
        "bdi",
        "bdo",
        "big",
        "blockquote",
        "body",
        "br",
        "button",
        "caption",
        "center",
        "cite",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "details",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "embed",
        "fieldset",
        "figcaption",
        "figure",
        "font",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hr",
        "html",
        "i",
        "iframe",
        "img",
        "input",
        "ins",
        "kbd",
        "label",
        "legend",
        "li",
        "link",
        "main",
        "mark",
        "meta",
        "nav",
        "object",
        "ol",
        "optgroup",
        "option",
        "p",
        "picture",
        "pre",
        "q",
        "s",
        "samp",
        "script",
        "section",
        "select",
        "small",
        "source",
        "span",
        "strike",
        "strong",
        "style",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "template",
        "textarea",
        "tfoot",
        "th",
        "thead",
        "time",
        "title",
        "tr",
        "tt",
        "u",
        "ul",
        "var",
        "video",
        "wbr",
    ]
)
"""The elements of HTML: `<Enter>` or `<order number>` are placeholders, not HTML."""
_TAG = re.compile(r"<(?:!--|/?([A-Za-z][A-Za-z0-9]*)(?=[\s/>])[^>\n]*>?)")


def _html_tag(fragment: str) -> str | None:
    """Return the first tag of a raw HTML fragment when it is an HTML element or comment
    (`<b>`, `</div>`, `<!--`), else None."""
    found = _TAG.match(fragment)
    if found is None:
        return None
    name = found.group(1)
    if name is not None and name.lower() not in HTML_ELEMENTS:
        return None
    tag = found.group(0)
    return tag if len(tag) <= 40 else tag[:39] + "…"


@rule("TEXT002", "raw-html", Severity.warning, BOTH)
def raw_html(document: Procedure | Plan, context: Context) -> Iterator[Finding]:
    """Markdown in details or a note holds raw HTML, which is shown as text.

    The outputs (Word, slides, workbook, flowchart) never interpret HTML: `<b>`, `<br>` or
    `<ul>` would be printed as written. Use Markdown instead: `**bold**`, `*italic*`,
    `- item` lists, a blank line between paragraphs. Placeholders such as `<order number>`
    or `<Enter>` are not HTML and are left alone.
    """
    for loc, text in rich_texts(document, context):
        for fragment in markup.raw_html(text):
            tag = _html_tag(fragment)
            if tag:
                yield Finding(
                    loc,
                    f"raw HTML {tag!r} is shown as text, not interpreted: write Markdown"
                    " (**bold**, - lists) instead",
                )
                break
