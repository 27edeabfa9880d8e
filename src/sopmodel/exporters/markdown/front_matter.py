"""The YAML front matter a knowledge base indexes: id, title, version, status, language,
owner, dates, approvals; safely dumped, keys in a fixed order, every value on one line."""

from __future__ import annotations

from typing import Any

import yaml

from sopmodel.exporters.markdown.escape import one_line
from sopmodel.model import Document, Plan, Procedure
from sopmodel.model.common import add_interval
from sopmodel.views import lines, rich

__all__ = ["front_matter"]


def _clean(value: Any) -> Any:
    """Return a value with its texts on one line and its empty parts left out."""
    if isinstance(value, str):
        return one_line(value)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _role(document: Document, role: str | None) -> str | None:
    names = {r.id: r.name for r in document.roles}
    return names.get(role, role) if role else None


def _fields(document: Document) -> dict[str, Any]:
    approvals = [
        {"role": a.role, "name": a.name, "date": a.date, "version": a.version}
        for a in document.approvals
    ]
    if isinstance(document, Plan):
        return {
            "id": document.id,
            "title": document.title,
            "kind": document.kind,
            "version": document.version,
            "status": document.status.value if document.status else None,
            "language": document.language.value,
            "organization": document.organization,
            "owner": _role(document, document.owner),
            "start": document.start,
            "end": document.end,
            "approvals": approvals,
            "procedures": list(document.procedures),
        }
    assert isinstance(document, Procedure)
    review = document.review
    language = document.language.value
    description = " ".join(lines(rich(document.objective, language)))
    updated = max((r.date for r in document.revisions), default=None)
    return {
        "id": document.id,
        "title": document.title,
        "kind": document.kind,
        "version": document.version,
        "status": document.status.value,
        "language": language,
        "category": document.category.value,
        "layout": document.layout.value,
        "description": description,
        "organization": document.organization,
        "owner": _role(document, document.owner),
        "keywords": list(document.keywords),
        "effective": document.effective,
        "updated": updated,
        "last_reviewed": review.last_reviewed if review else None,
        "review_interval": review.interval if review else None,
        "review_due": add_interval(review.last_reviewed, review.interval)
        if review and review.last_reviewed
        else None,
        "approvals": approvals,
    }


def front_matter(document: Document) -> list[str]:
    """Return the front matter block, between its two `---` lines."""
    data = _clean(_fields(document))
    text = yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1 << 20
    )
    return ["---", *text.rstrip("\n").split("\n"), "---"]
