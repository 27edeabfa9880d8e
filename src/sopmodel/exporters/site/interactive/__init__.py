"""The handbook's interactive pages: a procedure's checklist mode and its training quiz.

`interactive_pages(procedure)` returns each page's content (what goes in `<main>`), its title,
language, style sheets and scripts; the handbook wraps them in its layout and writes them with
`interactive_assets()` under `assets/`. The pages are made of autoescaped templates in a Jinja
sandbox; their scripts read everything from data attributes and never insert HTML.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any, Protocol

from jinja2 import Environment
from markupsafe import Markup

from sopmodel.exporters.site.entries import safe_name
from sopmodel.exporters.site.environment import environment
from sopmodel.exporters.site.interactive.checklist import checklist_steps, storage_key
from sopmodel.exporters.site.interactive.parts import callout_views
from sopmodel.exporters.site.interactive.quiz_page import quiz_questions
from sopmodel.i18n import labels as labels_of
from sopmodel.i18n import language_tag
from sopmodel.model import AnyDocument, Procedure
from sopmodel.views.richtext import callouts, plain

__all__ = [
    "ASSET_NAMES",
    "InteractivePage",
    "PageContext",
    "interactive_assets",
    "interactive_pages",
    "pages",
]

ASSET_NAMES = ("interactive.css", "checklist.js", "quiz.js")
"""The files the pages need, written under the site's assets/ folder."""
STYLES = ("assets/interactive.css",)


@dataclass(frozen=True)
class InteractivePage:
    """A page's content and what its layout needs around it."""

    url: str
    """Its place in the site: procedures/<ID>.checklist.html."""
    kind: str
    """checklist or quiz."""
    title: str
    language: str
    main: Markup
    """The content of `<main>`, its `<h1>` first."""
    styles: tuple[str, ...]
    """Style sheets, relative to the site's root."""
    scripts: tuple[str, ...]
    """Scripts (deferred), relative to the site's root."""


def _render(env: Environment, name: str, procedure: Procedure, home: str, **values: Any) -> Markup:
    return Markup(
        env.get_template(name).render(procedure=procedure, home=posixpath.basename(home), **values)
    )


def _beside(home: str, kind: str) -> str:
    """Return the URL of a page beside the procedure's page: procedures/ID.checklist.html."""
    return f"{home.removesuffix('.html')}.{kind}.html"


def _checklist(
    procedure: Procedure,
    language: str,
    env: Environment,
    known: Mapping[str, str] | None,
    home: str,
) -> InteractivePage:
    labels = labels_of(language)
    title = labels.format("site_checklist_title", title=plain(procedure.title, language))
    main = _render(
        env,
        "checklist_main.html",
        procedure,
        home,
        title=title,
        labels=labels,
        storage_key=storage_key(procedure, home),
        locale=language_tag(language),
        notes=callout_views(callouts(procedure.notes, language), labels),
        steps=checklist_steps(procedure, labels, known),
    )
    return InteractivePage(
        _beside(home, "checklist"),
        "checklist",
        title,
        language,
        main,
        STYLES,
        ("assets/checklist.js",),
    )


def _quiz(
    procedure: Procedure, language: str, env: Environment, home: str
) -> InteractivePage | None:
    labels = labels_of(language)
    questions = quiz_questions(procedure, labels)
    if not questions:
        return None
    title = labels.format("site_quiz_title", title=plain(procedure.title, language))
    main = _render(
        env, "quiz_main.html", procedure, home, title=title, labels=labels, questions=questions
    )
    return InteractivePage(
        _beside(home, "quiz"),
        "quiz",
        title,
        language,
        main,
        STYLES,
        ("assets/quiz.js",),
    )


def interactive_pages(
    procedure: Procedure,
    env: Environment | None = None,
    known: Mapping[str, str] | None = None,
    home: str | None = None,
) -> list[InteractivePage]:
    """Return a procedure's checklist, and its quiz when the procedure gives questions
    (`known`: the site's pages by document id, for links to other procedures; `home`: the
    site URL of the procedure's page, procedures/ID.html unless another file has its id).
    The pages sit beside the procedure's page: procedures/ID.checklist.html."""
    env = env or environment()
    language = str(procedure.language)
    home = home or f"procedures/{safe_name(procedure.id)}.html"
    found = [_checklist(procedure, language, env, known, home)]
    quiz = _quiz(procedure, language, env, home)
    if quiz is not None:
        found.append(quiz)
    return found


class PageContext(Protocol):
    """What the handbook gives to lay out a page (its SiteContext)."""

    @property
    def env(self) -> Environment:
        """The handbook's sandboxed environment, whose loader finds these templates too."""

    @property
    def site(self) -> Any:
        """The values every page's layout takes about the site."""

    @property
    def known(self) -> Mapping[str, str]:
        """The site URL of each document's page, by id."""

    def page(
        self,
        kind: str,
        title: str,
        lang: str,
        root: str = ...,
        styles: tuple[str, ...] = ...,
        scripts: tuple[str, ...] = ...,
    ) -> Any:
        """Return the values the layout takes about one page."""


def pages(document: AnyDocument, context: PageContext, home: str) -> list[tuple[str, str, str]]:
    """Return a procedure's interactive pages in the handbook's layout, as (kind, URL, HTML),
    beside its page at `home` (site URL); kind is checklist or quiz."""
    if not isinstance(document, Procedure):
        return []
    found = []
    for page in interactive_pages(document, context.env, context.known, home):
        values = context.page(
            page.kind,
            page.title,
            page.language,
            root="../",
            styles=page.styles,
            scripts=page.scripts,
        )
        html = context.env.get_template("interactive.html").render(
            page=values, site=context.site, main=page.main
        )
        found.append((page.kind, page.url, html))
    return found


def interactive_assets() -> list[tuple[str, bytes]]:
    """Return the pages' style sheet and scripts as (site URL, bytes)."""
    folder = resources.files(__package__).joinpath("assets")
    return [(f"assets/{name}", folder.joinpath(name).read_bytes()) for name in ASSET_NAMES]
