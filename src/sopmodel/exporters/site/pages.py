"""Every page of a handbook, rendered through the one shared Jinja environment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from jinja2.sandbox import SandboxedEnvironment

from sopmodel._version import __version__
from sopmodel.exporters.site.environment import environment
from sopmodel.i18n import Labels, format_date, labels

if TYPE_CHECKING:
    from sopmodel.exporters.site.handbook import Handbook

__all__ = ["ASSETS", "SiteContext", "all_urls", "render"]

ASSETS = ("assets/site.css", "assets/print.css", "assets/search.js")


@cache
def _asset(name: str) -> bytes:
    return (resources.files("sopmodel.exporters.site") / name).read_bytes()


@dataclass(slots=True)
class SiteContext:
    """What every page builder receives: the environment, the site's words, the documents."""

    book: Handbook
    env: SandboxedEnvironment
    lang: str
    site: dict[str, Any]
    known: dict[str, str] = field(default_factory=dict)
    """Procedure and plan id -> site-relative URL of its page (for links between documents)."""

    def labels(self, language: str) -> Labels:
        """Return the labels of a language."""
        return _labels(language)

    def page(
        self,
        kind: str,
        title: str,
        lang: str,
        root: str = "../",
        styles: tuple[str, ...] = (),
        scripts: tuple[str, ...] = (),
    ) -> dict[str, Any]:
        """Return the `page` variable of base.html."""
        return {
            "kind": kind, "title": title, "lang": lang, "root": root,
            "styles": list(styles), "scripts": list(scripts),
        }  # fmt: skip

    def render(self, template: str, **values: Any) -> bytes:
        """Render a template with `site` and the given values, as UTF-8."""
        text = self.env.get_template(template).render(site=self.site, **values)
        return text.encode("utf-8")


@cache
def _labels(language: str) -> Labels:
    return labels(language)


def context(book: Handbook) -> SiteContext:
    """Return the context pages are rendered in (the site's language and words)."""
    lang = book.language()
    chrome = _labels(lang)
    footer = chrome.format(
        "site_generated", version=__version__, date=format_date(dt.date.today(), lang)
    )
    site = {
        "title": chrome["site_title"], "lang": lang, "chrome": chrome,
        "footer": footer, "live_script": book.options.live_script,
    }  # fmt: skip
    known = {e.id: e.url for e in book.entries()}
    return SiteContext(book, environment(), lang, site, known)


def all_urls(book: Handbook) -> Iterator[str]:
    """Yield the URL of every file the site is made of now (what a build keeps)."""
    from sopmodel.exporters.site import document_pages, role_pages

    yield from ASSETS
    yield from ("assets/search-index.js", "index.html", "search.html")
    for loaded in book.files.values():
        yield from loaded.outputs
    yield from role_pages.urls(book)


def render(
    book: Handbook, documents: list[str] | None, whole: bool, first: bool
) -> Iterator[tuple[str, bytes]]:
    """Yield (url, content) of the pages to write: every page (documents None), or those of
    the given files, plus the shared pages when `whole`; the static assets when `first`."""
    from sopmodel.exporters.site import document_pages, index_page, role_pages, search_index

    site = context(book)
    if first:
        for name in ASSETS:
            yield name, _asset(name)
    for loaded in book.files.values():
        if documents is None or loaded.path in documents:
            outputs = []
            for url, data in document_pages.render(loaded, site):
                outputs.append(url)
                yield url, data
            loaded.outputs = outputs
    if whole or documents is None:
        yield from index_page.render(site)
        yield from role_pages.render(site)
    if whole or documents is None or documents:
        yield from search_index.render(site)
