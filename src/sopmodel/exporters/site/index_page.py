"""The home page: every document by category, by status and by role; plans apart."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sopmodel.exporters.site.entries import DocumentEntry
from sopmodel.exporters.site.pages import SiteContext
from sopmodel.exporters.site.role_pages import merged_roles

__all__ = ["context", "render"]

CATEGORIES = ("instructional", "administrative", "general")
STATUSES = ("approved", "in_review", "draft", "retired")


def _item(entry: DocumentEntry) -> dict[str, Any]:
    return {
        "url": entry.url,
        "title": entry.title,
        "id": entry.id,
        "lang": entry.language,
        "status": entry.status,
        "steps": entry.step_count,
    }


def context(site: SiteContext) -> dict[str, Any]:
    """Return the template values of the home page (in the site's language)."""
    labels = site.labels(site.lang)
    entries = sorted(site.book.entries(), key=lambda e: (e.title.casefold(), e.id))
    procedures = [e for e in entries if e.kind == "procedure"]
    plans = [e for e in entries if e.kind == "plan"]
    by_category = [
        (labels[f"category_{c}"], c, [_item(e) for e in procedures if e.category == c])
        for c in CATEGORIES
    ]
    by_status = [
        (labels[f"status_{s}"], s, [_item(e) for e in procedures if e.status == s])
        for s in STATUSES
    ]
    roles = [
        {
            "url": f"roles/{role.slug}.html",
            "name": role.name,
            "count": role.step_count,
            "documents": len(role.documents),
        }
        for role in merged_roles(site.book)
    ]
    failed = [f.display for f in site.book.files.values() if f.failed]
    return {
        "l": labels,
        "procedures": procedures,
        "by_category": [c for c in by_category if c[2]],
        "by_status": [s for s in by_status if s[2]],
        "plans": [_item(e) for e in plans],
        "roles": roles,
        "failed": failed,
        "count": labels.format("site_document_count", count=len(entries)),
    }


def render(site: SiteContext) -> Iterator[tuple[str, bytes]]:
    """Yield the home page."""
    values = context(site)
    page = site.page("index", site.site["title"], site.lang, root="")
    yield "index.html", site.render("index.html", page=page, **values)
