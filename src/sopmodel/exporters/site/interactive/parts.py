"""Pieces both interactive pages show: links to steps, notes as callouts, links."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup

from sopmodel.exporters.site.entries import safe_name
from sopmodel.exporters.site.html import blocks_html, safe_url, step_anchor
from sopmodel.i18n import Labels
from sopmodel.views import LinkText
from sopmodel.views.richtext import Callout, signal_word

__all__ = ["CalloutView", "LinkView", "callout_views", "link_views", "step_link"]


def step_link(procedure_id: str, number: str) -> str:
    """Return the link from a page under procedures/ to a step of the procedure's page."""
    return f"{safe_name(procedure_id)}.html#{step_anchor(number)}"


@dataclass(frozen=True)
class CalloutView:
    """A note ready to show: its level (the CSS class), signal word and text."""

    level: str
    signal: str
    html: Markup


def callout_views(callouts: list[Callout], labels: Labels) -> list[CalloutView]:
    """Return notes as callouts, in the order given (most serious first)."""
    return [
        CalloutView(c.level.value, signal_word(c.level, labels), blocks_html(c.blocks))
        for c in callouts
    ]


@dataclass(frozen=True)
class LinkView:
    """A link: its text and its address, None when it must not be followed."""

    text: str
    href: str | None


def link_views(
    links: list[LinkText], labels: Labels, known: Mapping[str, str] | None = None
) -> list[LinkView]:
    """Return links: web addresses only when safe; another procedure as its page when the site
    has it (`known`: id -> site URL; None: every procedure is in the site), else as text."""
    found = []
    for link in links:
        if link.procedure is None:
            found.append(LinkView(link.shown, safe_url(link.url or "")))
        elif known is None:
            found.append(LinkView(link.shown, f"{safe_name(link.procedure)}.html"))
        elif link.procedure in known:
            found.append(LinkView(link.shown, "../" + known[link.procedure]))
        else:
            found.append(LinkView(labels.format("site_not_in_site", id=link.shown), None))
    return found
