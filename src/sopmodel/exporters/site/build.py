"""Which pages a build writes: the static files, each document's pages, the shared pages."""

from __future__ import annotations

from collections.abc import Iterator

from sopmodel.exporters.site import (
    document_pages,
    index_page,
    interactive,
    role_pages,
    search_index,
)
from sopmodel.exporters.site.pages import ASSETS, Book, SiteContext, asset

__all__ = ["all_urls", "render_documents", "render_shared"]


def all_urls(book: Book) -> Iterator[str]:
    """Yield the URL of every file the site is made of now (what a build keeps)."""
    yield from ASSETS
    yield from (url for url, _data in interactive.interactive_assets())
    yield from ("assets/search-index.js", "index.html", "search.html")
    for loaded in book.files.values():
        yield from loaded.outputs
    yield from role_pages.urls(book)


def render_documents(
    site: SiteContext, documents: list[str] | None, first: bool
) -> Iterator[tuple[str, bytes]]:
    """Yield (url, content) of every document's pages (documents None) or of the given
    files' pages; the static assets first when `first`."""
    if first:
        for name in ASSETS:
            yield name, asset(name)
        yield from interactive.interactive_assets()
    for loaded in site.book.files.values():
        if documents is None or loaded.path in documents:
            outputs = []
            for url, data in document_pages.render(loaded, site):
                outputs.append(url)
                yield url, data
            loaded.outputs = outputs


def render_shared(
    site: SiteContext, documents: list[str] | None, whole: bool
) -> Iterator[tuple[str, bytes]]:
    """Yield (url, content) of the pages made from every document: the home and role pages
    when `whole` (or on a full build, documents None), the search index when any document
    changed."""
    if whole or documents is None:
        yield from index_page.render(site)
        yield from role_pages.render(site)
    if whole or documents is None or documents:
        yield from search_index.render(site)
