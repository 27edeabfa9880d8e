"""Rules that don't cry wolf on real text: acronyms among emphasis, URLs and code; revision
histories newest first; versions by semantic-version precedence."""

from __future__ import annotations

import itertools
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sopmodel.cli import main
from sopmodel.diagnostics import format_loc
from sopmodel.model.versions import compare_versions, version_key
from sopmodel.rules import Config, check_document
from sopmodel.source import load_bytes
from tests.conftest import TODAY

HEAD = """\
sopmodel: 1
kind: procedure
id: ACH-004
title: {title}
language: {language}
version: '{version}'
objective: Chaque commande est validée avant l'envoi au fournisseur.
roles:
  - {{id: acheteur, name: Acheteur}}
steps:
  - {{id: devis, title: Comparer les devis, role: acheteur}}
  - {{id: commande, title: Passer la commande, role: acheteur}}
quality:
  criteria: [Aucune commande sans devis comparé]
troubleshooting:
  - {{problem: Le fournisseur ne répond pas, solution: Relancer sous 48 heures.}}
"""


def _findings(text: str, *codes: str) -> list[str]:
    document = load_bytes(textwrap.dedent(text), "procedure.yaml")
    config = Config(select=codes) if codes else Config()
    return [
        f"{d.line}:{d.col} {d.code} {d.message}" for d in check_document(document, config, TODAY)
    ]


def _history(version: str, *revisions: tuple[str, str]) -> str:
    lines = [HEAD.format(title="Valider une commande", language="fr", version=version)]
    lines.append("revisions:\n")
    for number, date in revisions:
        lines.append(f"  - {{version: '{number}', date: {date}, changes: Relecture.}}\n")
    return "".join(lines)


# -- versions ---------------------------------------------------------------------------------

SEMVER_ORDER = [
    "1.0.0-alpha",
    "1.0.0-alpha.1",
    "1.0.0-alpha.beta",
    "1.0.0-beta",
    "1.0.0-beta.2",
    "1.0.0-beta.11",
    "1.0.0-rc.1",
    "1.0.0",
    "1.0.1",
    "1.2.0",
    "1.10.0",
    "2.0.0-rc1",
    "2.0.0",
]
"""SemVer 2.0.0's own example of precedence (section 11), with a few more."""


def test_versions_follow_semantic_version_precedence() -> None:
    for first, second in itertools.combinations(SEMVER_ORDER, 2):
        assert compare_versions(first, second) == -1, (first, second)
        assert compare_versions(second, first) == 1, (second, first)
    keys = [version_key(v) for v in reversed(SEMVER_ORDER)]
    assert all(key is not None for key in keys)
    assert sorted(SEMVER_ORDER, key=version_key) == SEMVER_ORDER  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("1.0.0-rc1", "1.0.0", -1),
        ("1.0.0+build.5", "1.0.0", 0),
        ("1.0.0+20260101", "1.0.0+20250101", 0),
        ("1.0.0-rc2", "1.0.0-rc10", -1),  # natural order inside an identifier
        ("1.0.0-RC.1", "1.0.0-rc.1", 0),
        ("1.0rc1", "1.0", -1),
        ("1.2", "1.2.0", 0),
        ("2", "1.9.9", 1),
        ("v3.1", "3.1.0", 0),
        ("V3.2", "v3.1", 1),
        ("Rev. 4", "Rev. 3", 1),
        ("rev 10", "Rev. 9", 1),
        ("Version 2", "1", 1),
        ("Indice B", "Indice A", 1),
        ("A", "B", -1),
        ("Z", "AA", -1),
        ("V", "W", -1),  # a letter on its own, not the prefix "v"
        ("b", "B", 0),
        ("1.01", "1.1", 0),
    ],
)
def test_versions_real_procedures_write_compare(first: str, second: str, expected: int) -> None:
    assert compare_versions(first, second) == expected


_NUMBER = st.integers(0, 30).map(str)
_IDENTIFIER = st.one_of(_NUMBER, st.sampled_from(["alpha", "beta", "rc", "pre", "x-y"]))
SEMVERS = st.builds(
    lambda release, pre, build: (
        ".".join(release) + (f"-{'.'.join(pre)}" if pre else "") + (f"+{build}" if build else "")
    ),
    st.lists(_NUMBER, min_size=3, max_size=3),
    st.lists(_IDENTIFIER, max_size=3),
    st.sampled_from(["", "build.5", "20260101"]),
)


@given(SEMVERS, SEMVERS, SEMVERS)
def test_precedence_is_a_total_order_on_semantic_versions(a: str, b: str, c: str) -> None:
    assert compare_versions(a, a) == 0
    assert compare_versions(a, b) == -(compare_versions(b, a) or 0)
    if compare_versions(a, b) == -1 and compare_versions(b, c) == -1:
        assert compare_versions(a, c) == -1
    release, _, _ = a.partition("+")
    assert compare_versions(a, release) == 0  # build metadata is ignored
    assert compare_versions(f"v{a}", a) == 0
    if "-" in release:
        assert compare_versions(release, release.partition("-")[0]) == -1


@pytest.mark.parametrize(
    ("first", "second"), [("A", "1"), ("draft", "1.0"), ("1.0", "première version"), ("", "1")]
)
def test_versions_of_two_schemes_or_unreadable_do_not_compare(first: str, second: str) -> None:
    assert compare_versions(first, second) is None


# -- revisions (SOP106, SOP107) ------------------------------------------------------------------


@pytest.mark.parametrize(
    "revisions",
    [
        [("1.0.0", "2026-01-10"), ("1.1.0", "2026-05-01"), ("1.2.0", "2026-09-01")],
        [("1.2.0", "2026-09-01"), ("1.1.0", "2026-05-01"), ("1.0.0", "2026-01-10")],
        [("1.0.0-rc1", "2026-01-02"), ("1.0.0-rc2", "2026-01-05"), ("1.2.0", "2026-09-01")],
        [("1.2.0", "2026-09-01"), ("1.0.0", "2026-01-05"), ("1.0.0-rc1", "2026-01-02")],
        [("Rev. 4", "2026-09-01"), ("Rev. 3", "2026-09-01"), ("Rev. 2", "2025-03-14")],
        [("A", "2024-02-01"), ("B", "2025-03-01"), ("C", "2026-09-01")],
        [("1.2.0", "2026-09-01")],
    ],
)
def test_a_consistent_history_is_valid_in_either_order(revisions: list[tuple[str, str]]) -> None:
    latest = max(revisions, key=lambda r: r[1])[0]
    if latest.startswith("Rev"):
        latest = "Rev. 4"
    assert _findings(_history(latest, *revisions), "SOP106", "SOP107") == []


def test_the_latest_revision_of_a_history_newest_first_is_the_first() -> None:
    text = _history("1.1.0", ("1.2.0", "2026-09-01"), ("1.1.0", "2026-05-01"))
    assert _findings(text, "SOP107") == [
        "6:10 SOP107 version is 1.1.0 but the latest revision is 1.2.0: add a revision for"
        " 1.1.0 or correct version"
    ]
    assert _findings(_history("1.2", *[("1.2.0", "2026-09-01"), ("1.1.0", "2026-05-01")])) == []


def test_a_mixed_order_is_an_error_on_the_line_that_breaks_it() -> None:
    text = _history(
        "1.3.0",
        ("1.0.0", "2026-01-10"),
        ("1.1.0", "2026-05-01"),
        ("1.3.0", "2026-11-02"),
        ("1.2.0", "2026-09-01"),
    )
    assert _findings(text, "SOP106", "SOP107") == [
        "21:30 SOP106 revision 1.2.0 is dated 2026-09-01, before the one above it (2026-11-02),"
        " but the history is listed oldest first: keep one order, oldest first or newest first"
    ]
    newest_first = _history(
        "1.3.0",
        ("1.3.0", "2026-11-02"),
        ("1.1.0", "2026-05-01"),
        ("1.2.0", "2026-09-01"),
        ("1.0.0", "2026-01-10"),
    )
    assert _findings(newest_first, "SOP106") == [
        "20:30 SOP106 revision 1.2.0 is dated 2026-09-01, after the one above it (2026-05-01),"
        " but the history is listed newest first: keep one order, oldest first or newest first"
    ]


def test_versions_against_the_order_of_dates_are_reported() -> None:
    same_day = _history(
        "1.2.0",
        ("1.0.0", "2026-01-10"),
        ("1.2.0", "2026-01-10"),
        ("1.1.0", "2026-01-10"),
        ("1.3.0", "2026-02-01"),
    )
    assert _findings(same_day, "SOP106") == [
        "20:15 SOP106 version 1.1.0 is lower than 1.2.0 above it, but the history is listed"
        " oldest first: keep one order, oldest first or newest first"
    ]
    disagree = _history("1.1.0", ("1.1.0", "2026-01-10"), ("1.0.0", "2026-05-01"))
    assert _findings(disagree, "SOP106") == [
        "19:15 SOP106 revision 1.0.0 (2026-05-01) is newer than 1.1.0 (2026-01-10) but has a"
        " lower version: dates and versions must go the same way"
    ]
    twice = _history(
        "1.1.0", ("1.0.0", "2026-01-10"), ("1.1.0", "2026-05-01"), ("1.1.0", "2026-06-01")
    )
    assert _findings(twice, "SOP106") == [
        "20:15 SOP106 version 1.1.0 is listed twice (as 1.1.0 above it): each revision needs its"
        " own version"
    ]


def test_versions_that_cannot_be_ordered_leave_the_dates_to_judge() -> None:
    text = _history(
        "mise à jour", ("première version", "2026-01-10"), ("mise à jour", "2026-05-01")
    )
    assert _findings(text, "SOP106", "SOP107") == []


def test_validate_accepts_the_newest_first_history_of_a_real_procedure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "achats.yaml"
    path.write_text(
        _history("2.1", ("2.1", "2026-10-05"), ("2.0", "2026-03-02"), ("1.0-rc1", "2025-12-01")),
        encoding="utf-8",
    )
    assert main(["validate", str(path), "--select", "SOP106,SOP107", "--today", "2026-11-24"]) == 0
    assert capsys.readouterr().out.endswith("1 file checked: no problems found.\n")


# -- acronyms (SOP103) ---------------------------------------------------------------------------

LAB_SAFETY = """\
sopmodel: 1
kind: procedure
id: LAB-007
title: Clean glassware with piranha solution
language: en
objective: Glassware is free of organic residue and NOBODY gets burnt.
scope: Every lab user, including visiting students (ID badge required).
roles:
  - {id: user, name: Lab user}
  - {id: officer, name: Safety officer}
steps:
  - id: prepare
    title: Put on your PPE
    role: user
    details: >-
      Lab coat, face shield and acid gloves. DO NOT START WITHOUT THE FACE SHIELD.
      Read the SDS first (https://intranet.example.edu/EHS/SDS-H2SO4.pdf).
    warning: NEVER store piranha solution in a closed container.
  - id: mix
    title: Add the peroxide to the acid, ALWAYS in that order
    role: user
    details: Pour slowly. Log the batch with `LOG-BATCH --ID NEW` in the LIMS.
    check: The beaker is in the fume hood, sash DOWN.
  - id: report
    title: Report any spill to the safety officer
    role: officer
    details: >-
      Call extension 4-4357 or +1 (617) 555-0199, or write to
      SAFETY-DESK@example.edu. Send the incident form as a PDF, then log it in the CRM.
quality:
  criteria: [No spill in Phase II of the renovation is left unreported]
troubleshooting:
  - {problem: The solution fizzes, solution: Stop adding peroxide and WAIT for it to cool.}
"""

ACHATS = """\
sopmodel: 1
kind: procedure
id: ACH-004
title: Valider une commande supérieure à 40 000 EUR HT
language: fr
objective: AUCUNE commande n'est passée SANS devis comparé.
roles:
  - {id: acheteur, name: Acheteur}
  - {id: daf, name: Directeur administratif et financier (DAF)}
steps:
  - id: devis
    title: Comparer AU MOINS trois devis
    role: acheteur
    details: >-
      Vérifier le SIRET et le RIB du fournisseur, les montants HT et TTC, la TVA.
      NE PAS transmettre le prix d'un fournisseur à un autre. Voir `BC-2026-*` dans l'ERP.
    warning: Ne JAMAIS valider seul. ATTENTION aux frais de port.
  - id: valider
    title: Faire valider la commande par le DAF
    role: daf
    details: >-
      Envoyer le bon de commande en PDF à achats@example.fr ou appeler le 01 23 45 67 89.
      Modèle : https://intranet.example.fr/RH/Modeles/BC.docx. Questions : voir la FAQ.
    check: Le fournisseur a un numéro SIRET valide ET une attestation URSSAF.
quality:
  criteria: [Toutes les commandes sont validées OU refusées sous 48 h]
troubleshooting:
  - {problem: Le fournisseur n'a PAS de SIRET, solution: Demander un Kbis ou un numéro SIREN.}
"""


def test_an_english_procedure_reports_only_its_real_acronyms() -> None:
    assert _findings(LAB_SAFETY, "SOP103") == [
        "22:14 SOP103 acronym 'LIMS' is not in the glossary: add it under glossary with its"
        " definition",
        "27:14 SOP103 acronym 'CRM' is not in the glossary: add it under glossary with its"
        " definition",
    ]


def test_a_french_procedure_reports_only_its_real_acronyms() -> None:
    assert _findings(ACHATS, "SOP103") == [
        "14:14 SOP103 acronym 'ERP' is not in the glossary: add it under glossary with its"
        " definition"
    ]


def test_emphasis_words_are_read_in_the_document_language() -> None:
    english = LAB_SAFETY.replace("NOBODY gets burnt", "the batch is NOT lost, NI rejeté")
    assert "'NI'" in " ".join(_findings(english, "SOP103"))
    french = ACHATS.replace("AUCUNE commande", "Cette commande, AND NOT another,")
    assert {"'AND'", "'NOT'"} <= set(" ".join(_findings(french, "SOP103")).split())


def test_allowed_acronyms_add_to_the_common_ones(tmp_path: Path) -> None:
    (tmp_path / "sopmodel.toml").write_text('allowed-acronyms = ["CRM", "LIMS"]\n')
    (tmp_path / "lab.yaml").write_text(LAB_SAFETY, encoding="utf-8")
    (tmp_path / "achats.yaml").write_text(ACHATS, encoding="utf-8")
    report = [
        "validate",
        "lab.yaml",
        "achats.yaml",
        "--config",
        str(tmp_path / "sopmodel.toml"),
        "--select",
        "SOP103",
    ]
    assert main(report) == 1  # ERP in the French procedure is still unknown
    glossary = ACHATS.replace(
        "roles:", "glossary:\n  - {term: ERP, definition: Progiciel de gestion intégré.}\nroles:"
    )
    (tmp_path / "achats.yaml").write_text(glossary, encoding="utf-8")
    assert main(report) == 0


def test_an_acronym_is_reported_once_at_its_first_use() -> None:
    text = LAB_SAFETY.replace("in the LIMS", "in the CRM")
    found = _findings(text, "SOP103")
    assert [line.split()[0] for line in found] == ["22:14"]
    assert "'CRM'" in found[0]


def test_markdown_text_is_read_as_prose() -> None:
    markdown = (
        "    warning: |\n"
        "      ## ETAPE 1 : PRÉPARER\n"
        "      **NE PAS** utiliser l'outil `CHK-ABC --FIX` avant la *VALIDATION*.\n"
        "      | Montant HT | TVA | Montant TTC |\n"
        "      |---|---|---|\n"
        "      | 100 | 20 | 120 |\n"
        "      - voir [la procédure RH](https://intranet.example.fr/RH/PROC-12)\n"
        "      - écrire à <support.SI@example.fr>\n"
    )
    text = ACHATS.replace(
        "    warning: Ne JAMAIS valider seul. ATTENTION aux frais de port.\n", markdown
    )
    assert "CHK-ABC" in text
    found = _findings(text, "SOP103")
    assert len(found) == 1 and "'ERP'" in found[0]


def test_every_text_of_the_second_edition_is_read() -> None:
    text = """\
    sopmodel: 1
    kind: procedure
    id: ACH-020
    title: Payer une facture fournisseur
    language: fr
    objective: Chaque facture est payée à l'échéance.
    roles:
      - {id: comptable, name: Comptable}
    notes:
      - {level: warning, text: "Ne JAMAIS payer sans le BAP signé."}
    steps:
      - id: controler
        title: Contrôler la facture
        role: comptable
        when: Le montant dépasse le seuil du CODIR
        repeat: pour chaque ligne du PO
        notes:
          - {level: info, text: "Le **N° TVA** doit figurer sur la facture (voir `ABC-XYZ`)."}
        links:
          - {title: Procédure du SSC, url: "https://intranet.example.fr/SSC"}
        attachments:
          - {title: Modèle de relance RAR, path: forms/relance.txt}
        substeps:
          - title: Vérifier le RIB
            when: Le fournisseur est nouveau au REF
    links:
      - {title: Guide de la DFCG, url: "https://example.org/guide"}
    attachments:
      - {title: Grille du CSP, path: forms/grille.txt}
    trials:
      - {date: 2026-08-20, tester: Julie, outcome: passed, remarks: Le champ GED manque.}
    """
    document = load_bytes(textwrap.dedent(text), "facture.yaml")
    found = check_document(document, Config(select=("SOP103",)), TODAY)
    assert [(format_loc(d.loc), d.message.split()[1]) for d in found] == [
        ("notes[0].text", "'BAP'"),
        ("steps[0].when", "'CODIR'"),
        ("steps[0].repeat", "'PO'"),  # a purchase order is a PO in English, a BC in French
        ("steps[0].links[0].title", "'SSC'"),
        ("steps[0].attachments[0].title", "'RAR'"),
        ("steps[0].substeps[0].when", "'REF'"),
        ("links[0].title", "'DFCG'"),
        ("attachments[0].title", "'CSP'"),
        ("trials[0].remarks", "'GED'"),
    ]


PROCEDURE_WITH = """\
sopmodel: 1
kind: procedure
id: SEC-001
title: Respond to a security incident
language: {language}
steps:
  - title: Open the incident
    details: >-
      {details}
"""


@pytest.mark.parametrize(
    ("language", "details", "reported"),
    [
        ("en", "An Incident Commander (IC) is appointed; the IC leads.", []),
        ("en", "The Federal Bureau of Investigation (FBI) is told; the FBI acts.", []),
        ("en", "Read the Handling Guide (NIST) before the call.", ["NIST"]),
        ("fr", "Portez vos équipements de protection individuelle (EPI) et le EPI.", []),
        ("fr", "Informer la Direction des ressources humaines (DRH).", []),
        ("en", "Call the CSIRT, then the other CSIRTS of the group.", ["CSIRT"]),
        ("fr", "Un avenant datant du XXXXXX, signé par XXX.", []),
    ],
)
def test_acronyms_defined_where_used_plurals_and_blanks(
    language: str, details: str, reported: list[str]
) -> None:
    text = PROCEDURE_WITH.format(language=language, details=details)
    found = [line.split("'")[1] for line in _findings(text, "SOP103")]
    assert found == reported
