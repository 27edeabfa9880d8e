"""The offline search index: every document and step with its text as the page shows it,
shipped as `assets/search-index.js`, a script that sets `window.SOPMODEL_SEARCH` (a page opened
from file:// may not fetch a JSON file).

One entry per document: `u` its page, `t` its title, `d` its id, `k` procedure or plan, `l`
its language, `s` its text (objective, scope, keywords, glossary, requirements; a plan's
objectives, KPIs, phases, activities, milestones), and for a procedure `p`, its steps, each
`[anchor, number, title, text, role names]`. The text is stored once, as written (lines
apart): assets/search.js folds it (case, accents) to match a query and cuts the excerpt a
result shows from it. Folded words are not stored: they would double the index.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from sopmodel.exporters.site.entries import LoadedFile
from sopmodel.exporters.site.html import step_anchor
from sopmodel.exporters.site.pages import SiteContext
from sopmodel.i18n import labels as labels_for
from sopmodel.i18n.typography import one_line
from sopmodel.markup import Block, plain
from sopmodel.model import Plan, Procedure

__all__ = ["SCRIPT", "document_entry", "render"]

SCRIPT = "assets/search-index.js"
_SERIOUS = frozenset({"danger", "warning", "caution"})
"""Callouts a step page shows before the details (the others come after the check)."""


def _text(parts: Iterable[str]) -> str:
    """Return parts as one text, a line each, their breaking spaces collapsed (no-break
    spaces kept), the empty ones left out."""
    return "\n".join(filter(None, (one_line(part) for part in parts)))


def _lines(blocks: tuple[Block, ...]) -> list[str]:
    """Return rich text as lines: a paragraph, a list item (its bullet left out), a table row."""
    from sopmodel.views.richtext import lines

    return [line.strip().removeprefix("• ") for line in lines(blocks)]


def _procedure(document: Procedure, url: str) -> dict[str, Any]:
    from sopmodel.views import number_steps
    from sopmodel.views.references import step_reference
    from sopmodel.views.richtext import callouts, rich

    language = document.language.value
    names = {r.id: plain(r.name, language) for r in document.roles}
    steps = []
    for item in number_steps(document):
        step = item.step
        notes = callouts(step.all_notes(), language)
        serious = [line for c in notes if c.level.value in _SERIOUS for line in _lines(c.blocks)]
        others = [line for c in notes if c.level.value not in _SERIOUS for line in _lines(c.blocks)]
        text = _text(
            [
                *serious,
                *_lines(rich(step.details, language)),
                plain(step.check, language) if step.check else "",
                *others,
            ]
        )
        roles = ", ".join(names.get(r, r) for r in item.roles)
        title = plain(step.title, language)
        shown = step_reference(item.number, document.layout)  # 2.a, as the page names it
        steps.append([step_anchor(item.number), shown, title, text, roles])
    words = labels_for(language)
    about = [plain(t, language) for t in (document.objective, document.scope) if t]
    about.append(", ".join(plain(k, language) for k in document.keywords))
    about += [
        words.format("labelled", label=plain(g.term, language), text=plain(g.definition, language))
        for g in document.glossary
    ]
    about += [plain(r.name, language) for r in document.requirements]
    return {
        "u": url,
        "t": plain(document.title, language),
        "d": document.id,
        "k": "procedure",
        "l": language,
        "s": _text(about),
        "p": steps,
    }


def _plan(document: Plan, url: str) -> dict[str, Any]:
    language = document.language.value
    parts = [o.statement for o in document.objectives]
    parts += [k.name for k in document.kpis]
    parts += [p.name for p in document.phases]
    parts += [a.title for p in document.phases for a in p.activities]
    parts += [m.title for m in document.milestones]
    return {
        "u": url,
        "t": plain(document.title, language),
        "d": document.id,
        "k": "plan",
        "l": language,
        "s": _text(plain(part, language) for part in parts),
    }


def document_entry(loaded: LoadedFile) -> str:
    """Return a file's entry as JSON ("" for a file without a document), made once per load."""
    if loaded.search is None:
        document = loaded.document
        if isinstance(document, Procedure):
            entry: dict[str, Any] | None = _procedure(document, loaded.url)
        elif isinstance(document, Plan):
            entry = _plan(document, loaded.url)
        else:
            entry = None
        loaded.search = (
            json.dumps(entry, ensure_ascii=False, separators=(",", ":")) if entry else ""
        )
    return loaded.search


def render(site: SiteContext) -> Iterator[tuple[str, bytes]]:
    """Yield the index script and the search page."""
    parts = [document_entry(f) for f in site.book.files.values()]
    body = (
        ",\n".join(p for p in parts if p).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )
    yield SCRIPT, f"window.SOPMODEL_SEARCH = [\n{body}\n];\n".encode()
    labels = site.labels(site.lang)
    page = site.page(
        "search", labels["site_search"], site.lang, root="", scripts=(SCRIPT, "assets/search.js")
    )
    yield "search.html", site.render("search.html", page=page, l=labels)
