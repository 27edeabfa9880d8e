"""The YAML comment trap (YAML004): `note: Ask on #purchasing-team` is silently cut at ` #`;
sopmodel says so, with the location, and stays silent on deliberate comments, `C#` and quotes."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from sopmodel.cli import main
from sopmodel.rules import RULES, Config, check_document
from sopmodel.rules.catalogue import CHECKS
from sopmodel.source import LoadError, load_bytes
from sopmodel.source.yamlparse import PARSER, ParseError, PurePythonParser, parse_yaml
from tests.conftest import TODAY

MESSAGE = "YAML004 the text after ' #' is a YAML comment: quote the value"

ACHATS = """\
sopmodel: 1
kind: procedure
id: ACH-012
title: Commander des fournitures de bureau
language: fr
objective: Les fournitures arrivent avant la rupture.
roles:
  - {id: acheteur, name: Acheteur}
steps:
  - id: demander
    title: Demander sur #achats-fournitures quel fournisseur retenir
    role: acheteur
    check: Le fournisseur est référencé  # commentaire voulu, avec une espace
  - id: commander
    title: Commander via l'outil C# maison
    role: acheteur
    details: "Utiliser le canal #commandes"
    warning: 'Ne jamais payer par virement sans #bon-de-commande signé'
quality:
  criteria: [Aucune rupture de stock]
troubleshooting:
  - {problem: Pas de réponse, solution: Appeler l'acheteur}
"""


def _found(text: str) -> list[str]:
    """Return the YAML004 findings, of the rule or with the errors of a document refused."""
    try:
        document = load_bytes(textwrap.dedent(text), "achats.yaml")
    except LoadError as error:
        found = error.diagnostics
    else:
        found = check_document(document, Config(select=("YAML004",)), TODAY)
    return [f"{d.line}:{d.col} {d.code} {d.message}" for d in found if d.code == "YAML004"]


def test_a_value_cut_at_space_hash_is_reported_at_the_value() -> None:
    assert _found(ACHATS) == [
        f"11:12 {MESSAGE} (it reads 'Demander sur' and drops"
        " '#achats-fournitures quel fournisseur re…')"
    ]


@pytest.mark.parametrize(
    "line",
    [
        "    title: Demander sur le canal  # une remarque",
        "    title: Demander sur le canal # une remarque",
        "    title: Demander sur le canal #",
        "    title: Demander au service C#, F# ou R#",
        "    title: Demander sur le canal#achats",
        '    title: "Demander sur #achats-fournitures"',
        "    title: 'Demander sur #achats-fournitures' # remarque",
        '    title: "Demander sur" #achats',  # quoted: nothing of the value is lost
    ],
)
def test_deliberate_comments_hashes_in_words_and_quotes_are_silent(line: str) -> None:
    text = ACHATS.replace(
        "    title: Demander sur #achats-fournitures quel fournisseur retenir", line
    )
    assert _found(text) == []


def test_block_scalars_keep_their_hashes() -> None:
    text = ACHATS.replace(
        "    role: acheteur\n    check:",
        "    role: acheteur\n    details: |\n      Voir #achats-fournitures\n"
        "      et le canal #commandes\n    check:",
        1,
    ).replace("Demander sur #achats-fournitures quel", "Demander sur le canal quel")
    document = load_bytes(text, "achats.yaml")
    assert "#commandes" in (document.steps[0].details or "")
    assert _found(text) == []


def test_an_empty_value_cut_by_a_comment_is_reported() -> None:
    text = ACHATS.replace("    role: acheteur\n    check:", "    role: #acheteur\n    check:")
    assert _found(text) == [
        f"11:12 {MESSAGE} (it reads 'Demander sur' and drops"
        " '#achats-fournitures quel fournisseur re…')",
        f"12:10 {MESSAGE} (it is empty and drops '#acheteur')",
    ]


def test_items_flow_collections_and_multi_line_values() -> None:
    text = """\
    sopmodel: 1
    kind: procedure
    id: LAB-002
    title: Label the samples
    keywords:
      - #lab
      - labels
    roles: [{id: tech, name: Technician}]
    steps:
      - {id: label, role: tech, title: Print the labels #3
        }
      - id: store
        title: Store the samples in the fridge
          of room B #204
        role: tech
    """
    assert _found(text) == [
        f"6:4 {MESSAGE} (it is empty and drops '#lab')",
        f"10:36 {MESSAGE} (it reads 'Print the labels' and drops '#3')",
        f"13:12 {MESSAGE} (it reads 'Store the samples in the fridge of room B' and drops '#204')",
    ]


def test_columns_count_characters_and_any_line_break() -> None:
    text = ACHATS.replace("Demander sur #achats", "Prévenir l’équipe 🛒 sur\t#achats")
    for newline in ("\n", "\r\n", "\r"):
        assert _found(text.replace("\n", newline)) == [
            f"11:12 {MESSAGE} (it reads 'Prévenir l’équipe 🛒 sur' and drops"
            " '#achats-fournitures quel fournisseur re…')"
        ]


def test_both_parsers_find_the_same_cuts() -> None:
    data = ACHATS.replace("    role: acheteur\n    check:", "    role: #acheteur\n    check:")
    found = []
    for parser in (PARSER, PurePythonParser):
        cuts: list[object] = []
        parse_yaml(data.encode(), parser, cuts)  # type: ignore[arg-type]
        found.append(cuts)
    assert found[0] == found[1] and len(found[0]) == 2


def test_the_warning_comes_with_the_error_it_explains() -> None:
    text = ACHATS.replace("id: ACH-012", "id: #ACH-012")
    with pytest.raises(LoadError) as caught:
        load_bytes(text, "achats.yaml")
    assert [f"{d.line}:{d.col} {d.code} {d.severity}" for d in caught.value.diagnostics] == [
        "3:4 SCHEMA003 error",
        "3:4 YAML004 warning",
        "11:12 YAML004 warning",
    ]


def test_a_comment_that_leaves_a_bracket_open_is_named_in_the_parse_error() -> None:
    text = ACHATS.replace(
        "  - {id: acheteur, name: Acheteur}", "  - {id: acheteur, name: Acheteur #achats}"
    )
    with pytest.raises(ParseError) as caught:
        parse_yaml(text)
    assert caught.value.code == "YAML001"
    assert caught.value.message.endswith(
        "; on line 8 the text after ' #' is a YAML comment: quote the value (it drops '#achats}')"
    )


def test_json_files_have_no_comments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = load_bytes(textwrap.dedent(ACHATS).replace("C#", "C #sharp"), "achats.yaml")
    data = document.model_dump(mode="json", exclude_none=True)
    data["title"] = "Commander #fournitures"
    path = tmp_path / "achats.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["validate", str(path), "--select", "YAML004"]) == 0


def test_it_is_a_warning_that_configuration_selects_ignores_and_raises(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert RULES["YAML004"].severity.name == "warning"
    assert not CHECKS["YAML004"].loader
    path = tmp_path / "achats.yaml"
    path.write_text(ACHATS.replace("id: ACH-012", "id: #ACH-012"), encoding="utf-8")
    assert main(["validate", str(path), "--select", "YAML"]) == 1
    out = capsys.readouterr().out
    assert out.count(" YAML004 ") == 2 and "SCHEMA003" in out  # a loader check is always on
    assert main(["validate", str(path), "--ignore", "YAML004"]) == 1
    assert " YAML004 " not in capsys.readouterr().out
    good = tmp_path / "good.yaml"
    good.write_text(ACHATS, encoding="utf-8")
    assert main(["validate", str(good), "--fail-on", "error"]) == 0
    assert capsys.readouterr().out.endswith("1 file checked: 1 warning.\n")
    config = tmp_path / "sopmodel.toml"
    config.write_text('[severity]\nYAML004 = "error"\n')
    assert main(["validate", str(good), "--config", str(config), "--fail-on", "error"]) == 1
    assert capsys.readouterr().out.endswith("1 file checked: 1 error.\n")


def test_the_rule_has_its_reference_page() -> None:
    page = (Path(__file__).parent.parent / "docs" / "rules" / "YAML004.md").read_text()
    assert page.startswith("# YAML004 comment-cuts-value\n")
    assert "## Example that fails" in page and 'ignore = ["YAML004"]' in page
