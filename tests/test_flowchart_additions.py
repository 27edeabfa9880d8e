"""The second edition on the flowchart, as a person sees it: `dot` renders, the SVG is read back.

Conditional steps with their guard, several roles, repeats as loops, notes with their signal
words and colours (danger marked), timing, references, Markdown details as plain lines, and
every sub-step at every depth.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sopmodel.exporters import export, render
from sopmodel.exporters.flowchart.text import LABEL_WIDTH
from sopmodel.model import Plan, Procedure
from sopmodel.source import load
from sopmodel.views import plain
from tests.conftest import EXAMPLES
from tests.svgtools import (
    cluster_labels,
    fills,
    has_edge,
    node_outline,
    pages,
    squeeze,
    texts,
    visible_text,
)

DANGER_RED = "#c8102e"


def _procedure(steps: list[dict[str, Any]], **more: Any) -> Procedure:
    data: dict[str, Any] = {
        "id": "CHART-010",
        "title": "Buy from a supplier",
        "roles": [
            {"id": "buyer", "name": "Buyer"},
            {"id": "finance", "name": "Finance"},
            {"id": "legal", "name": "Legal counsel"},
        ],
        "steps": steps,
        **more,
    }
    return Procedure.model_validate(data)


def _svg(document: Procedure | Plan, folder: Path, **options: Any) -> list[Path]:
    export(document, "svg", folder, **options)
    return pages(folder, document.id)


def _seen(paths: list[Path]) -> str:
    return squeeze(" ".join(visible_text(page) for page in paths))


def _in_order(seen: str, *parts: str) -> bool:
    """Return whether the texts are seen, one after the other."""
    at = 0
    for part in parts:
        found = seen.find(squeeze(part), at)
        if found < 0:
            return False
        at = found + len(squeeze(part))
    return True


def test_a_conditional_step_is_a_dashed_box_headed_by_its_guard(tmp_path: Path) -> None:
    document = _procedure(
        [
            {"title": "Write the request", "role": "buyer"},
            {"title": "Ask the board", "role": "buyer", "when": "The amount is above 40,000 EUR"},
            {"title": "Order", "role": "buyer"},
        ]
    )
    [page] = _svg(document, tmp_path)
    assert _in_order(_seen([page]), "Only if: The amount is above 40,000 EUR", "2", "Ask the board")
    assert "stroke-dasharray" in node_outline(page, "s1")
    assert "stroke-dasharray" not in node_outline(page, "s0")


def test_a_conditional_decision_and_sub_step_show_their_guard(tmp_path: Path) -> None:
    document = _procedure(
        [
            {
                "id": "new",
                "title": "Is the supplier new?",
                "role": "buyer",
                "when": "The supplier was not used this year",
                "decision": [{"when": "yes", "goto": "check"}, {"when": "no", "goto": "order"}],
            },
            {
                "id": "check",
                "title": "Check the supplier",
                "role": "buyer",
                "substeps": [{"title": "Ask for the tax certificate", "when": "Above 5,000 EUR"}],
            },
            {"id": "order", "title": "Order", "role": "buyer"},
        ]
    )
    [page] = _svg(document, tmp_path)
    seen = _seen([page])
    assert "stroke-dasharray" in node_outline(page, "s0")
    assert squeeze("Only if: The supplier was not used this year") in seen
    assert _in_order(seen, "Ask for the tax certificate", "Only if: Above 5,000 EUR")


def test_a_step_of_several_roles_stays_in_the_lead_lane_and_names_the_others(
    tmp_path: Path,
) -> None:
    document = _procedure(
        [
            {"title": "Write the request", "role": "buyer"},
            {"title": "Validate the quote", "role": ["buyer", "finance", "legal"]},
        ]
    )
    [page] = _svg(document, tmp_path)
    assert cluster_labels(page) == ["Buyer"]
    assert _in_order(_seen([page]), "Validate the quote", "Buyer with Finance, Legal counsel")


def test_a_repeated_step_has_a_loop_and_its_repeat_text(tmp_path: Path) -> None:
    document = _procedure(
        [
            {"title": "Ask for quotes", "role": "buyer", "repeat": "for each supplier"},
            {
                "title": "Compare",
                "role": "buyer",
                "substeps": [{"title": "Score the offer", "repeat": "for each criterion"}],
            },
        ]
    )
    [page] = _svg(document, tmp_path)
    seen = _seen([page])
    assert has_edge(page, "s0", "s0")
    assert not has_edge(page, "s1", "s1")
    assert squeeze("↻ Repeat for each supplier") in seen
    assert _in_order(seen, "Score the offer", "↻ Repeat for each criterion")


def test_danger_is_marked_and_every_note_has_its_signal_word(tmp_path: Path) -> None:
    document = _procedure(
        [
            {
                "title": "Mix the solution",
                "role": "buyer",
                "warning": "It gets hot.",
                "notes": [
                    {"level": "info", "text": "Any glass dish will do."},
                    {"level": "danger", "text": "Add the peroxide to the acid."},
                    {"level": "caution", "text": "Wear gloves."},
                    {"level": "notice", "text": "Log the batch."},
                ],
            },
            {"title": "Rinse", "role": "buyer"},
        ]
    )
    [page] = _svg(document, tmp_path)
    shown = texts(page)
    seen = _seen([page])
    assert _in_order(
        seen,
        "Mix the solution",
        "⚠ DANGER",
        "Add the peroxide to the acid.",
        "⚠ WARNING",
        "It gets hot.",
        "⚠ CAUTION",
        "Wear gloves.",
        "NOTICE",
        "Log the batch.",
        "NOTE",
        "Any glass dish will do.",
    )
    danger = next(fill for text, _x, fill in shown if text == "⚠ DANGER")
    assert danger == "#ffffff"  # white on the red band
    assert {DANGER_RED, "#ff7900", "#ffd100", "#005eb8", "#5b6770"} <= fills(page)
    assert node_outline(page, "s0")["stroke"].lower() == DANGER_RED
    assert node_outline(page, "s1")["stroke"].lower() != DANGER_RED


def test_timing_links_and_attachments_are_in_the_box(tmp_path: Path) -> None:
    document = _procedure(
        [
            {
                "title": "Ask for quotes",
                "role": "buyer",
                "duration": "10-15min",
                "within": "4h",
                "links": [
                    {"title": "Quote template", "url": "https://example.org/q.xlsx"},
                    {"procedure": "QUAL-004"},
                ],
                "attachments": [{"title": "Request form", "path": "form.docx"}],
            }
        ]
    )
    seen = _seen(_svg(document, tmp_path))
    assert _in_order(seen, "Duration: 10–15 min", "Within 4 h of the start")
    assert _in_order(seen, "References:", "Quote template", "procedure QUAL-004")
    assert _in_order(seen, "Forms and attachments:", "Request form")


def _deep(levels: int, count: int, tag: str = "") -> list[dict[str, Any]]:
    """Return `count` sub-steps, each with `count` of its own, `levels` deep."""
    found = []
    for n in range(count):
        step: dict[str, Any] = {
            "title": f"Part {tag}{n + 1}",
            "check": f"Checked {tag}{n + 1}",
            "notes": [{"level": "caution", "text": f"Careful with {tag}{n + 1}"}],
        }
        if levels > 1:
            step["substeps"] = _deep(levels - 1, count, f"{tag}{n + 1}.")
        found.append(step)
    return found


@pytest.mark.parametrize(
    ("layout", "labels"),
    [("hierarchical", ["1.6", "1.6.2", "1.6.2.1"]), ("steps", ["f", "ii", "1"])],
)
def test_every_sub_step_at_every_depth_is_shown_with_its_label(
    tmp_path: Path, layout: str, labels: list[str]
) -> None:
    subs = _deep(1, 6)
    subs[5]["substeps"] = _deep(2, 2, "6.")
    document = _procedure(
        [{"title": "Inspect the delivery", "role": "buyer", "substeps": subs}], layout=layout
    )
    paths = _svg(document, tmp_path)
    seen = _seen(paths)
    titles = [f"Part {n}" for n in range(1, 7)] + ["Part 6.1", "Part 6.2", "Part 6.2.1"]
    for title in titles:
        number = title.removeprefix("Part ")
        assert _in_order(seen, title, f"Careful with {number}", f"Checked {number}"), title
    assert "more" not in seen
    shown = [item for page in paths for item in texts(page)]
    x = {text: left for text, left, _fill in shown}
    assert all(label in x for label in labels), labels
    assert x[labels[0]] < x[labels[1]] < x[labels[2]]  # each level further in
    assert x[labels[0]] < x["Part 6.1"] < x["Part 6.2.1"]


def test_markdown_details_are_plain_lines_and_html_stays_text(tmp_path: Path) -> None:
    document = _procedure(
        [
            {
                "title": "Compare the offers",
                "role": "buyer",
                "details": "Compare **at least three** offers:\n\n- price\n- delivery time\n\n"
                "| Amount | Quotes |\n|---|---|\n| 5,000 | 3 |\n\n<b>not bold</b> & `code`",
            }
        ]
    )
    seen = _seen(_svg(document, tmp_path))
    assert _in_order(seen, "Compare at least three offers:", "• price", "• delivery time")
    assert _in_order(seen, "Amount | Quotes", "5,000 | 3", "<b>not bold</b> & code")
    assert "**" not in seen


def test_french_charts_use_french_signal_words_and_guards(tmp_path: Path) -> None:
    document = load(EXAMPLES / "achats-fournisseurs.fr.yaml")
    assert isinstance(document, Procedure)
    seen = _seen(_svg(document, tmp_path))
    for text in [
        "Uniquement si : Le montant dépasse 40 000 € HT",
        "Acheteuse avec Directeur administratif et financier",
        "⚠ AVERTISSEMENT",
        "⚠ ATTENTION",
        "AVIS",
        "REMARQUE",
        "↻ Répéter pour chaque fournisseur consulté",
        "Dans les 5 j suivant le début",
        "Contrôle : Le fournisseur a un numéro SIRET valide.",
        "Demander l’attestation de vigilance URSSAF",
        "Formulaires et pièces jointes : Formulaire de demande d’achat",
    ]:
        assert squeeze(text) in seen, text


def test_the_procedure_notes_and_references_are_on_the_first_page_only(tmp_path: Path) -> None:
    document = load(EXAMPLES / "lab-piranha-clean.yaml")
    assert isinstance(document, Procedure)
    paths = _svg(document, tmp_path, steps_per_page=2)
    assert len(paths) > 1
    first, rest = _seen(paths[:1]), _seen(paths[1:])
    header = "Piranha solution reacts violently with organic solvents"
    assert squeeze(header) in first and squeeze(header) not in rest
    assert _in_order(first, "Roles:", "Researcher", "Trained lab buddy", "Lab manager")
    assert squeeze("Respond to a chemical spill") in first


def test_plan_chart_shows_phase_goals_notes_links_and_risks(tmp_path: Path) -> None:
    plan = load(EXAMPLES / "plan-sop-90-jours.fr.yaml")
    assert isinstance(plan, Plan)
    seen = _seen(_svg(plan, tmp_path))
    wanted = [risk.risk for risk in plan.risks] + [risk.mitigation for risk in plan.risks]
    wanted += [link.title for link in plan.links if link.title]
    for phase in plan.phases:
        wanted += [phase.goal or "", *phase.goals, *(a.title for a in phase.activities)]
    for text in filter(None, wanted):
        assert squeeze(plain(text, "fr")) in seen, text
    assert _in_order(seen, "⚠ AVERTISSEMENT", "La saison des fêtes", "REMARQUE")
    assert squeeze("Gravité : Élevée") in seen


def test_word_and_deck_still_get_png_pages(tmp_path: Path) -> None:
    document = load(EXAMPLES / "lab-piranha-clean.yaml")
    for options in ({"dpi": 150}, {"dpi": 110, "steps_per_page": 4, "direction": "LR"}):
        pages_ = render(document, "png", **options)
        assert pages_ and all(page.startswith(b"\x89PNG") for page in pages_)


def test_a_sub_step_number_stays_next_to_its_title_under_wide_text(tmp_path: Path) -> None:
    document = _procedure(
        [
            {
                "title": "Centralise every order received by phone, mail or visit in one box",
                "role": "buyer",
                "details": "Orders taken by phone are written on the standard form and sent on.",
                "substeps": [
                    {"title": "File it"},
                    {"title": "Tag it", "substeps": [{"title": "Do"}]},
                ],
            }
        ]
    )
    [page] = _svg(document, tmp_path)
    x = {text: left for text, left, _fill in texts(page)}
    assert x["File it"] - x["a"] <= 2 * LABEL_WIDTH
    assert x["Do"] - x["i"] <= 2 * LABEL_WIDTH
    assert x["i"] - x["a"] >= LABEL_WIDTH  # each level is set in
