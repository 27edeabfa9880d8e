"""Slides being written: each typeset and fitted to its boxes as it is added."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from sopmodel.exporters.slides.deck import (
    Box,
    Fonts,
    Geometry,
    Para,
    Run,
    Sizes,
    Slide,
    fit_paras,
    para,
    split_title,
)
from sopmodel.exporters.slides.fit import wrap
from sopmodel.exporters.slides.session import MINUTES
from sopmodel.i18n import Labels
from sopmodel.i18n.typography import typeset

__all__ = ["CARDS_PER_SLIDE", "TITLE_STEPS", "SlideWriter", "one_line", "typeset_para"]


TITLE_STEPS = (0.0, -4.0, -8.0, -12.0)
"""How much smaller than its first size a long title may get before it continues below."""


CARDS_PER_SLIDE = 6


def typeset_para(item: Para, language: str) -> Para:
    """Return a paragraph with its language's typography; code runs stay as written."""
    runs: list[Run] = []
    for run in item.runs:
        text = run.text if run.code else typeset(run.text, language)
        if runs and language == "fr" and text[:1] in ":;!?»" and runs[-1].text.endswith(" "):
            last = runs[-1]
            if not last.code:
                runs[-1] = replace(last, text=last.text[:-1] + "\u00a0")
        runs.append(replace(run, text=text) if text != run.text else run)
    return replace(item, runs=tuple(runs))


class SlideWriter:
    """Slides being written, each typeset and fitted to its boxes as it is added."""

    def __init__(self, geometry: Geometry, sizes: Sizes, fonts: Fonts, labels: Labels) -> None:
        self.geometry, self.sizes, self.fonts, self.labels = geometry, sizes, fonts, labels
        self.slides: list[Slide] = []

    def _typeset(self, text: str) -> str:
        return typeset(text, self.labels.language)

    def _title(self, title: str, box: str, first: float) -> tuple[str, float, str]:
        sizes = tuple(first + step for step in TITLE_STEPS)
        text = self._typeset(one_line(title))
        return split_title(text, getattr(self.geometry, box), sizes, self.fonts.bold)

    def add(
        self,
        layout: str,
        title: str,
        box: str = "title",
        size: float | None = None,
        **parts: Any,
    ) -> None:
        """Add a slide whose title fits its box; the words that do not fit go on below it."""
        shown, fitted, rest = self._title(title, box, size or self.sizes.title)
        for key in ("notes", "subtitle"):
            if parts.get(key):
                parts[key] = self._typeset(parts[key])
        if parts.get("cards"):
            parts["cards"] = [(self._typeset(h), self._typeset(t)) for h, t in parts["cards"]]
        self.slides.append(Slide(layout, shown, title_size=fitted, **parts))
        if rest:
            self.content(
                f"({self.labels['continued']})",
                [para(0, rest, bullet=False, bold=True)],
                minutes=MINUTES["continued"],
            )

    def content(
        self,
        title: str,
        paras: list[Para],
        notes: str = "",
        minutes: float = MINUTES["overview"],
        short: str = "",
        aside: Path | None = None,
        continued: bool = False,
    ) -> None:
        """Add one or more content slides; a long body continues on the next slides.

        A title too long for its box shows the words that fit and goes on in bold at the top
        of the body; the next slides are titled `short` (or the title) and "continued". With
        a picture `aside`, the body is fitted beside it and every slide shows it. A body that
        `continued` a slide before starts with the "continued" title.
        """
        language = self.labels.language
        paras = [typeset_para(item, language) for item in paras]
        notes = self._typeset(notes)
        shown, fitted, rest = self._title(title, "title", self.sizes.title)
        more = f"{title} ({self.labels['continued']})"
        if self._title(more, "title", self.sizes.title)[2]:
            more = f"{short or shown} ({self.labels['continued']})"
        if continued:
            shown, fitted, rest = self._title(more, "title", self.sizes.title)
            minutes = MINUTES["continued"]
        if rest:
            paras = [para(0, rest, bullet=False, bold=True), *paras]
        box: Box = self.geometry.beside if aside is not None else self.geometry.body
        pages = fit_paras(paras, box, self.sizes, self.fonts)
        for number, page in enumerate(pages):
            if number == 0:
                self.slides.append(
                    Slide("content", shown, paras=page, notes=notes, minutes=minutes,
                          title_size=fitted, aside=aside)
                )  # fmt: skip
            else:
                self.add("content", more, paras=page, notes=notes,
                         minutes=MINUTES["continued"], aside=aside)  # fmt: skip

    def cards(self, title: str, cards: list[tuple[str, str]], notes: str = "") -> None:
        """Add slides of boxes (at most six a slide); text too long for a box gets a list."""
        area = self.geometry.picture_area
        width, height = area.width / 3 * 0.92, area.height / 2 * 0.88
        regular, bold = self.fonts.regular, self.fonts.bold
        for heading, text in cards:
            heading_lines = wrap(heading, width - 14.4, self.sizes.box + 2, bold)
            room = height - 7.2 - len(heading_lines) * bold.line_height(self.sizes.box + 2)
            body = wrap(text, width - 14.4, self.sizes.box, regular) if text else []
            most = int(room * 0.9 // regular.line_height(self.sizes.box))
            if len(heading_lines) > 2 or len(body) > max(0, most):
                paras = []
                for heading, text in cards:
                    paras.append(para(0, heading, bold=True, keep=bool(text)))
                    paras += [para(1, text)] if text else []
                self.content(title, paras, notes)
                return
        for start in range(0, len(cards), CARDS_PER_SLIDE):
            shown = title if start == 0 else f"{title} ({self.labels['continued']})"
            minutes = MINUTES["overview"] if start == 0 else MINUTES["continued"]
            self.add("cards", shown, notes=notes, cards=cards[start : start + CARDS_PER_SLIDE],
                     minutes=minutes)  # fmt: skip

    def cover(self, title: str, subtitle: list[str], notes: str = "") -> None:
        """Add the title slide; its subtitle lines get smaller before they wrap."""
        box = self.geometry.cover_subtitle
        text = self._typeset("\n".join(subtitle))
        size = self.sizes.subtitle
        for size in (self.sizes.subtitle, 18.0, 16.0, 14.0):
            lines = len(wrap(text, box.text_width(), size, self.fonts.regular))
            if lines * self.fonts.regular.line_height(size) <= box.text_height:
                break
        self.add("cover", title, "cover_title", 36, notes=notes, minutes=MINUTES["cover"],
                 subtitle=text, subtitle_size=size)  # fmt: skip

    def section(self, title: str, text: str = "") -> None:
        """Add a section divider."""
        self.add("section", title, "section_title", 36, minutes=MINUTES["divider"], subtitle=text)

    def picture(
        self, title: str, path: Path, notes: str = "", size: tuple[float, float] | None = None
    ) -> None:
        """Add a slide of one picture under its title (a flowchart)."""
        self.add("picture", title, picture=path, notes=notes, picture_size=size,
                 minutes=MINUTES["chart"])  # fmt: skip

    @property
    def minutes(self) -> float:
        """Return the session length of the slides so far (render.py prints it rounded)."""
        return sum(slide.minutes for slide in self.slides)


def one_line(text: str) -> str:
    """Return text with tabs and line breaks as single spaces: a title is one line."""
    return " ".join(text.split())
