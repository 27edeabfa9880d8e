"""Fixed labels in English and French, and dates written the local way.

Every exporter takes its words from here, so that a French procedure reads "Étape" and
"24 novembre 2026" in every output. Babel is imported on first use of a date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

__all__ = ["LANGUAGES", "Labels", "format_date", "labels"]

LANGUAGES = ("en", "fr")
"""The languages the labels exist in."""

_EN: dict[str, str] = {
    "start": "Start",
    "end": "End",
    "step": "Step",
    "steps": "Steps",
    "decision": "Decision",
    "yes": "Yes",
    "no": "No",
    "check": "Check",
    "warning": "Warning",
    "duration": "Duration",
    "handoff": "Handoff between roles",
    "no_role": "No role",
    "page": "Page",
    "page_of": "page {page} of {pages}",
    "continued_on": "continued on page {page}, step {step}",
    "continued_from": "from page {page}, step {step}",
    "legend": "Legend",
    "roles": "Roles",
    "objective": "Objective",
    "objectives": "Objectives",
    "scope": "Scope",
    "kpis": "KPIs",
    "baseline": "Baseline",
    "target": "Target",
    "phases": "Phases",
    "activities": "Activities",
    "milestones": "Milestones",
    "retrospective": "Retrospective",
    "meetings": "Meetings",
    "due": "due {date}",
    "more": "+ {count} more",
    "priority": "Priority {priority}",
    "troubleshooting": "Troubleshooting",
    "risks": "Risks",
    "glossary": "Glossary",
    "quality": "Quality",
    "version": "Version",
    "owner": "Owner",
    "responsible": "Responsible",
    "accountable": "Accountable",
    "consulted": "Consulted",
    "informed": "Informed",
}

_FR: dict[str, str] = {
    "start": "Début",
    "end": "Fin",
    "step": "Étape",
    "steps": "Étapes",
    "decision": "Décision",
    "yes": "Oui",
    "no": "Non",
    "check": "Contrôle",
    "warning": "Attention",
    "duration": "Durée",
    "handoff": "Passage de relais entre rôles",
    "no_role": "Sans rôle",
    "page": "Page",
    "page_of": "page {page} sur {pages}",
    "continued_on": "suite page {page}, étape {step}",
    "continued_from": "depuis la page {page}, étape {step}",
    "legend": "Légende",
    "roles": "Rôles",
    "objective": "Objectif",
    "objectives": "Objectifs",
    "scope": "Périmètre",
    "kpis": "Indicateurs",
    "baseline": "Situation de départ",
    "target": "Cible",
    "phases": "Phases",
    "activities": "Activités",
    "milestones": "Jalons",
    "retrospective": "Bilan",
    "meetings": "Réunions",
    "due": "échéance {date}",
    "more": "+ {count} autres",
    "priority": "Priorité {priority}",
    "troubleshooting": "Dépannage",
    "risks": "Risques",
    "glossary": "Glossaire",
    "quality": "Qualité",
    "version": "Version",
    "owner": "Responsable",
    "responsible": "Réalise",
    "accountable": "Rend compte",
    "consulted": "Consulté",
    "informed": "Informé",
}

_CATALOGUE: dict[str, dict[str, str]] = {"en": _EN, "fr": _FR}
_LOCALES = {"en": "en_GB", "fr": "fr_FR"}
"""The Babel locale of each language: British English writes 24 November 2026."""


class Labels(Mapping[str, str]):
    """The fixed labels of one language; a missing label falls back to English."""

    def __init__(self, language: str) -> None:
        if language not in _CATALOGUE:
            raise ValueError(f"no labels for language {language!r}: use one of {LANGUAGES}")
        self.language = language
        self._own = _CATALOGUE[language]

    def __getitem__(self, key: str) -> str:
        return self._own.get(key) or _EN[key]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(_EN)

    def __len__(self) -> int:
        return len(_EN)

    def format(self, key: str, **values: object) -> str:
        """Return a label with its {placeholders} filled in."""
        return self[key].format(**values)


def labels(language: str) -> Labels:
    """Return the labels of a language (en, fr)."""
    return Labels(language)


def format_date(value: dt.date, language: str, width: str = "long") -> str:
    """Return a date written the local way: 24 November 2026, 24 novembre 2026."""
    from babel.dates import format_date as babel_format_date

    return str(babel_format_date(value, format=width, locale=_LOCALES.get(language, language)))
