"""Build the checklist and quiz pages of some documents into a folder, as the handbook does.

Until the handbook (`sopmodel site`) is merged, the pages are wrapped in a minimal layout
with the landmarks every page of the site has.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup, escape

from sopmodel.exporters.site.interactive import (
    InteractivePage,
    interactive_assets,
    interactive_pages,
)
from sopmodel.model import Procedure
from sopmodel.source.loading import load

LAYOUT = Markup("""<!doctype html>
<html lang="{lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy"
 content="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:">
<title>{title}</title>{styles}</head>
<body><a class="skip" href="#main">Skip</a><header><p>Handbook</p></header>
<nav aria-label="Site"><a href="../index.html">Index</a></nav>
<main id="main">{main}</main><footer><p>sopmodel</p></footer>{scripts}</body></html>
""")


def page_html(page: InteractivePage) -> str:
    """Return a page in the minimal layout."""
    styles = Markup("").join(
        Markup('<link rel="stylesheet" href="../{}">').format(s) for s in page.styles
    )
    scripts = Markup("").join(
        Markup('<script src="../{}" defer></script>').format(s) for s in page.scripts
    )
    return str(
        LAYOUT.format(
            lang=page.language,
            title=escape(page.title),
            styles=styles,
            main=page.main,
            scripts=scripts,
        )
    )


def build(paths: list[Path], folder: Path) -> dict[str, dict[str, Path]]:
    """Write the interactive pages of the procedures in paths; return {id: {kind: file}}."""
    found: dict[str, dict[str, Path]] = {}
    for url, data in interactive_assets():
        target = folder / url
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    for path in paths:
        document = load(path)
        if not isinstance(document, Procedure):
            continue
        for page in interactive_pages(document):
            target = folder / page.url
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page_html(page), encoding="utf-8")
            found.setdefault(document.id, {})[page.kind] = target
    return found
