"""A page per role: what it does in which procedure (roles merged across documents by id)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from sopmodel.exporters.site.entries import DocumentEntry, RoleSteps, safe_name
from sopmodel.exporters.site.pages import Book, SiteContext

__all__ = ["MergedRole", "merged_roles", "render", "urls"]


@dataclass(slots=True)
class MergedRole:
    """A role id and what each document calls it and gives it to do."""

    id: str
    slug: str
    documents: list[tuple[DocumentEntry, RoleSteps]] = field(default_factory=list)

    @property
    def name(self) -> str:
        """Return the name most documents give it (the first one on a tie)."""
        names = [steps.name for _e, steps in self.documents]
        return max(names, key=names.count) if names else self.id

    @property
    def step_count(self) -> int:
        """Return how many steps it does, in every document."""
        return sum(len(steps.steps) for _e, steps in self.documents)


def merged_roles(book: Book) -> list[MergedRole]:
    """Return every role of the site, merged by id, sorted by name."""
    found: dict[str, MergedRole] = {}
    for entry in book.entries():
        for role_id, steps in entry.roles:
            merged = found.setdefault(role_id, MergedRole(role_id, safe_name(role_id)))
            merged.documents.append((entry, steps))
    return sorted(found.values(), key=lambda r: (r.name.casefold(), r.id))


def urls(book: Book) -> list[str]:
    """Return the URLs of the role pages."""
    return [f"roles/{role.slug}.html" for role in merged_roles(book)]


def render(site: SiteContext) -> Iterator[tuple[str, bytes]]:
    """Yield every role page (in the site's language; each document's part in its own)."""
    labels = site.labels(site.lang)
    for role in merged_roles(site.book):
        documents = [
            {
                "url": "../" + entry.url,
                "title": entry.title,
                "lang": entry.language,
                "kind": entry.kind,
                "name": labels.format("site_role_in", document=entry.title, name=steps.name),
                "steps": [
                    {"href": f"../{entry.url}#{anchor}", "number": number, "title": title}
                    for number, anchor, title in steps.steps
                ],
            }
            for entry, steps in role.documents
        ]
        page = site.page("role", role.name, site.lang)
        yield (
            f"roles/{role.slug}.html",
            site.render(
                "role.html", page=page, l=labels, role=role, name=role.name, documents=documents
            ),
        )
