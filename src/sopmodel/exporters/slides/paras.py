"""Paragraphs the procedure and plan decks both show: notes, risks, links, KPIs."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sopmodel.exporters.slides.deck import (
    Para,
    Run,
    para,
)
from sopmodel.exporters.slides.richtext import callout_paras, link_runs
from sopmodel.exporters.slides.session import MINUTES
from sopmodel.exporters.slides.writer import SlideWriter
from sopmodel.i18n import Labels
from sopmodel.i18n.quantity import format_quantity
from sopmodel.model import Attachment, Note
from sopmodel.model.common import KPI
from sopmodel.model.content import Risk as BaseRisk
from sopmodel.views import (
    SEVERITY_BANDS,
    SEVERITY_ORDER,
    callouts,
    link_texts,
    plain,
)

__all__ = [
    "SEVERITY_BANDS",
    "SEVERITY_ORDER",
    "attachment_runs",
    "band_run",
    "kpi_text",
    "labelled",
    "labelled_text",
    "notes_paras",
    "references",
    "risk_paras",
    "role_list",
    "styled",
]


def labelled(labels: Labels, label: str, text: str) -> str:
    return labels.format("labelled", label=labels[label], text=text)


def notes_paras(notes: list[Note], labels: Labels, level: int = 0) -> list[Para]:
    found: list[Para] = []
    for callout in callouts(notes, labels.language):
        found += callout_paras(callout, level, labels)
    return found


def attachment_runs(attachments: list[Attachment]) -> list[Run]:
    runs: list[Run] = []
    for index, attachment in enumerate(attachments):
        runs += [Run("; ")] if index else []
        runs.append(Run(f"{attachment.title} ({attachment.path})"))
    return runs


def styled(level: int, text: str, style: str, bold: bool = False) -> Para:
    return Para(level, (Run(text, bold=bold),), bullet=False, style=style)


def band_run(level: str, word: str) -> Run:
    """Return a signal word on its level's colour."""
    return Run(f"\u00a0{word}\u00a0", bold=True, band=level)


def risk_paras(
    risks: Sequence[BaseRisk], labels: Labels, where: dict[str, str] | None = None
) -> list[Para]:
    """Return risks most severe first, each on its severity's colour, with its mitigation."""
    found: list[Para] = []

    def shown(text: str) -> str:
        return plain(text, labels.language)

    for risk in sorted(risks, key=lambda r: SEVERITY_ORDER[r.severity.value]):
        severity = risk.severity.value
        band = band_run(SEVERITY_BANDS[severity], labels[f"severity_{severity}"])
        step = getattr(risk, "step", None)
        place = f" ({where[step]})" if where and step in where else ""
        found += [
            Para(0, (band, Run(f" {shown(risk.risk)}{place}")), bullet=False),
            para(1, shown(risk.mitigation)),
        ]
    return found


def references(deck: SlideWriter, links: list[Any], attachments: list[Attachment]) -> None:
    """Add the References slide: every link (clickable) and every attachment."""
    labels = deck.labels
    found: list[Para] = []
    for link in link_texts(links, labels):
        found.append(Para(0, tuple(link_runs([link], labels))))
        if link.url and link.url != link.label:
            found.append(Para(1, (Run(link.url, url=link.url),)))
    if attachments:
        found.append(para(0, labels["attachments"], bullet=False, bold=True, keep=True))
        found += [para(1, f"{a.title} ({a.path})") for a in attachments]
    if found:
        deck.content(labels["links"], found, minutes=MINUTES["references"])


def kpi_text(kpi: KPI, labels: Labels) -> str:
    """Return a KPI as 'name: baseline unit → target unit'."""
    language = labels.language
    values = " → ".join(
        format_quantity(v, kpi.unit, language) for v in (kpi.baseline, kpi.target) if v is not None
    )
    name = plain(kpi.name, language)
    return labels.format("labelled", label=name, text=values) if values else name


def role_list(ids: Iterable[str], roles: dict[str, str]) -> str:
    return ", ".join(roles.get(i, i) for i in ids)


def labelled_text(labels: Labels, label: str, text: str) -> str:
    return labels.format("labelled", label=label, text=plain(text, labels.language))
