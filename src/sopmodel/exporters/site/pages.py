"""Every page of a handbook, rendered through the one shared Jinja environment."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Protocol

from jinja2.sandbox import SandboxedEnvironment

from sopmodel._version import __version__
from sopmodel.exporters.site.entries import DocumentEntry, LoadedFile
from sopmodel.exporters.site.environment import environment
from sopmodel.exporters.site.training import records_of
from sopmodel.i18n import Labels, format_date, labels
from sopmodel.rules.training import RecordFacts


class Book(Protocol):
    """What page builders read of a handbook (`Handbook` is one)."""

    files: dict[str, LoadedFile]
    options: Any

    def entries(self) -> list[DocumentEntry]:
        """Return the documents of the site, in the order found."""
        ...

    def language(self) -> str:
        """Return the language of the site's own words."""
        ...


__all__ = ["ASSETS", "Book", "SiteContext", "asset", "context"]

ASSETS = ("assets/site.css", "assets/print.css", "assets/search.js")


@cache
def asset(name: str) -> bytes:
    """Return one of the site's static files (assets/site.css)."""
    return (resources.files("sopmodel.exporters.site") / name).read_bytes()


@dataclass(slots=True)
class SiteContext:
    """What every page builder receives: the environment, the site's words, the documents."""

    book: Book
    env: SandboxedEnvironment
    lang: str
    site: dict[str, Any]
    known: dict[str, str] = field(default_factory=dict)
    """Procedure and plan id -> site-relative URL of its page (for links between documents)."""
    records: RecordFacts | None = None
    """The record files among the inputs, as one (None when there is none)."""

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
            "kind": kind,
            "title": title,
            "lang": lang,
            "root": root,
            "styles": list(styles),
            "scripts": list(scripts),
        }

    def render(self, template: str, **values: Any) -> bytes:
        """Render a template with `site` and the given values, as UTF-8."""
        text = self.env.get_template(template).render(site=self.site, **values)
        return text.encode("utf-8")


@cache
def _labels(language: str) -> Labels:
    return labels(language)


def context(book: Book) -> SiteContext:
    """Return the context pages are rendered in (the site's language and words)."""
    lang = book.language()
    chrome = _labels(lang)
    footer = chrome.format(
        "site_generated", version=__version__, date=format_date(dt.date.today(), lang)
    )
    site = {
        "title": chrome["site_title"],
        "lang": lang,
        "chrome": chrome,
        "footer": footer,
        "live_script": book.options.live_script,
    }
    known = {e.id: e.url for e in book.entries()}
    records = records_of(f.document for f in book.files.values())
    return SiteContext(book, environment(), lang, site, known, records)
