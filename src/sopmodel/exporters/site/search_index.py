"""The offline search index: every document and step, its words folded (case and accents),
shipped as `assets/search-index.js`, a script that sets `window.SOPMODEL_SEARCH` (a page opened
from file:// may not fetch a JSON file)."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from sopmodel.exporters.site.entries import LoadedFile
from sopmodel.exporters.site.html import plain_text, step_anchor
from sopmodel.exporters.site.pages import SiteContext
from sopmodel.markup import plain
from sopmodel.model import Plan, Procedure

__all__ = ["SCRIPT", "document_entries", "fold", "render"]

SCRIPT = "assets/search-index.js"
_WORD = re.compile(r"\w+")
_MARKS = re.compile("[\u0300-\u036f]+")


def fold(text: str) -> str:
    """Return the words of a text lowercased, without accents, one space apart ('Étape' ->
    'etape'): what the search script compares a query with, folded the same way (it removes
    the same combining marks, U+0300 to U+036F, after the same NFKD decomposition)."""
    if not text.isascii():
        text = _MARKS.sub("", unicodedata.normalize("NFKD", text))
    return " ".join(_WORD.findall(text.casefold()))


def _procedure(document: Procedure, url: str) -> list[dict[str, Any]]:
    from sopmodel.views import number_steps

    language = document.language.value
    title = plain(document.title, language)
    names = {r.id: plain(r.name, language) for r in document.roles}
    found = [
        {
            "u": url,
            "t": title,
            "d": document.id,
            "k": "procedure",
            "l": language,
            "x": fold(
                " ".join(
                    [
                        document.id,
                        title,
                        document.objective or "",
                        document.scope or "",
                        *(plain(k, language) for k in document.keywords),
                    ]
                )
            ),
        }
    ]
    for item in number_steps(document):
        step = item.step
        words = [
            plain(step.title, language),
            plain_text(_parsed(step.details, language)),
            step.check or "",
            step.warning or "",
            *(note.text for note in step.notes),
            *(names.get(r, r) for r in item.roles),
        ]
        found.append(
            {
                "u": f"{url}#{step_anchor(item.number)}",
                "t": f"{item.number}. {plain(step.title, language)}",
                "d": title,
                "k": "step",
                "l": language,
                "x": fold(" ".join(words)),
            }
        )
    return found


def _parsed(text: str | None, language: str) -> Any:
    from sopmodel.markup import parse

    return parse(text, language) if text else ()


def _plan(document: Plan, url: str) -> list[dict[str, Any]]:
    language = document.language.value
    title = plain(document.title, language)
    words = [document.id, title]
    words += [plain(o.statement, language) for o in document.objectives]
    words += [plain(k.name, language) for k in document.kpis]
    words += [plain(p.name, language) for p in document.phases]
    words += [plain(a.title, language) for p in document.phases for a in p.activities]
    words += [plain(m.title, language) for m in document.milestones]
    return [
        {
            "u": url,
            "t": title,
            "d": document.id,
            "k": "plan",
            "l": language,
            "x": fold(" ".join(words)),
        }
    ]


def document_entries(loaded: LoadedFile) -> str:
    """Return a file's entries as JSON items (without brackets), made once per load."""
    if loaded.search is None:
        document = loaded.document
        if isinstance(document, Procedure):
            items = _procedure(document, loaded.url)
        elif isinstance(document, Plan):
            items = _plan(document, loaded.url)
        else:
            items = []
        loaded.search = ",\n".join(json.dumps(i, ensure_ascii=False) for i in items)
    return loaded.search


def render(site: SiteContext) -> Iterator[tuple[str, bytes]]:
    """Yield the index script and the search page."""
    parts = [document_entries(f) for f in site.book.files.values()]
    body = (
        ",\n".join(p for p in parts if p).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )
    yield SCRIPT, f"window.SOPMODEL_SEARCH = [\n{body}\n];\n".encode()
    labels = site.labels(site.lang)
    page = site.page(
        "search", labels["site_search"], site.lang, root="", scripts=(SCRIPT, "assets/search.js")
    )
    yield "search.html", site.render("search.html", page=page, l=labels)
