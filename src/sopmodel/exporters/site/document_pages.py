"""The page (or pages) of one input file: a procedure, a plan, or a file that did not load."""

from __future__ import annotations

from collections.abc import Iterator

from sopmodel.exporters.site import plan_page, procedure_page
from sopmodel.exporters.site.entries import LoadedFile
from sopmodel.exporters.site.pages import SiteContext
from sopmodel.model import Plan, Procedure

__all__ = ["render", "urls"]


def urls(loaded: LoadedFile) -> list[str]:
    """Return the URLs of the pages a file has (without its copied files, kept by render)."""
    return [loaded.url] if loaded.url else []


def render(loaded: LoadedFile, site: SiteContext) -> Iterator[tuple[str, bytes]]:
    """Yield the file's page and the files it copies."""
    document = loaded.document
    if isinstance(document, Procedure):
        yield from procedure_page.render(document, loaded, site)
    elif isinstance(document, Plan):
        yield from plan_page.render(document, loaded, site)
    elif loaded.failed and site.book.options.findings:
        labels = site.labels(site.lang)
        page = site.page("failed", loaded.display, site.lang)
        yield (
            loaded.url,
            site.render(
                "failed.html", page=page, l=labels, file=loaded.display, findings=loaded.problems
            ),
        )
