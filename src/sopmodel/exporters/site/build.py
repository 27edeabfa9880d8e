"""Which pages a build writes: the static files, each document's pages, the shared pages."""

from __future__ import annotations

from collections.abc import Iterator

from sopmodel.exporters.site import document_pages, index_page, role_pages, search_index
from sopmodel.exporters.site.pages import ASSETS, Book, asset, context, interactive

__all__ = ["all_urls", "interactive_assets", "render"]


def interactive_assets() -> list[tuple[str, bytes]]:
    """Return engineer C's assets (checklist and quiz scripts and styles), when present."""
    found = getattr(interactive(), "interactive_assets", None)
    return list(found()) if found else []


def all_urls(book: Book) -> Iterator[str]:
    """Yield the URL of every file the site is made of now (what a build keeps)."""
    yield from ASSETS
    yield from (url for url, _data in interactive_assets())
    yield from ("assets/search-index.js", "index.html", "search.html")
    for loaded in book.files.values():
        yield from loaded.outputs
    yield from role_pages.urls(book)


def render(
    book: Book, documents: list[str] | None, whole: bool, first: bool
) -> Iterator[tuple[str, bytes]]:
    """Yield (url, content) of the pages to write: every page (documents None), or those of
    the given files, plus the shared pages when `whole`; the static assets when `first`."""
    site = context(book)
    if first:
        for name in ASSETS:
            yield name, asset(name)
        yield from interactive_assets()
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
