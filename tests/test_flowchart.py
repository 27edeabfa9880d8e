"""Flowcharts as a person sees them: rendered by `dot`, read back from the SVG."""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import pytest

from sopmodel.exporters import export
from sopmodel.exporters.flowchart.render import A4, MAX_ASPECT, MIN_PRINTED_POINTS
from sopmodel.model import Plan, Procedure
from sopmodel.source import dump_yaml, load, load_bytes
from sopmodel.views import plain
from tests.conftest import EXAMPLES, valid_examples
from tests.svgtools import font_sizes, node_names, page_size, pages, squeeze, visible_text

PROCEDURES = [p for p in valid_examples() if isinstance(load(p), Procedure)]


def _chart_text(folder: Path, stem: str) -> str:
    return " ".join(visible_text(page) for page in pages(folder, stem))


def _shown(text: str, seen: str, language: str = "en") -> bool:
    """Return whether a text is seen as written, or with the language's typography."""
    return squeeze(text) in seen or squeeze(plain(text, language)) in seen


@pytest.mark.parametrize("path", PROCEDURES, ids=lambda p: p.stem)
def test_svg_shows_every_step_title_and_branch_label(tmp_path: Path, path: Path) -> None:
    document = load(path)
    assert isinstance(document, Procedure)
    export(document, "svg", tmp_path)
    seen = squeeze(_chart_text(tmp_path, document.id))
    language = document.language
    for step in document.steps:
        assert _shown(step.title, seen, language), step.title
        for branch in step.decision or []:
            assert _shown(branch.when, seen, language), branch.when
    for role in document.roles:
        if any(step.role == role.id for step in document.steps):
            assert _shown(role.name, seen, language)


def test_french_procedures_get_french_labels(tmp_path: Path) -> None:
    export(load(EXAMPLES / "prise-de-commande.fr.yaml"), "svg", tmp_path)
    text = _chart_text(tmp_path, "ADV-002")
    assert "Début" in text and "Fin" in text and "Contrôle" in text
    export(load(EXAMPLES / "prise-de-commande.fr.yaml"), "svg", tmp_path / "en", lang="en")
    assert "Start" in _chart_text(tmp_path / "en", "ADV-002")


def test_plan_chart_shows_phases_milestones_objectives_and_kpis(tmp_path: Path) -> None:
    plan = load(EXAMPLES / "plan-sop-90-jours.fr.yaml")
    assert isinstance(plan, Plan)
    export(plan, "svg", tmp_path)
    seen = squeeze(visible_text(tmp_path / f"{plan.id}.svg"))
    texts = [p.name for p in plan.phases] + [m.title for m in plan.milestones]
    texts += [o.statement for o in plan.objectives] + [k.name for k in plan.kpis]
    for text in texts:
        assert squeeze(text) in seen, text
    assert squeeze("4 janvier 2027 – 3 avril 2027") in seen


def test_hostile_text_renders_literally_from_the_dot_output(tmp_path: Path) -> None:
    document = load(EXAMPLES / "hostile-text.yaml")
    [dot_file] = export(document, "dot", tmp_path)
    svg = tmp_path / "hostile.svg"
    subprocess.run(["dot", "-Tsvg", str(dot_file), "-o", str(svg)], check=True, timeout=60)
    seen = squeeze(visible_text(svg))
    for text in [
        '"quoted"',
        "{braces}",
        "<angle>",
        "&",
        "{{ 7*7 }}",
        "{% if x %}",
        "\\backslashes\\",
        "שלום",
        "مرحبا",
        "🚚📦✅",
        "<input>",
        '"Enter"',
        'yes <ok> & "fine"',
        "no {{ broken }}",
        "+1 -1 @mention =1+1",
        'Tester "<b>bold</b>" & {{ role }}',
        "<![CDATA[ ]]>",
    ]:
        assert _shown(text, seen), text
    assert seen.count(squeeze("{{ 7*7 }}")) >= 3  # title, step 1 and its check


def _long_procedure(steps: int, roles: int, seed: int = 7) -> Procedure:
    rng = random.Random(seed)
    role_ids = [f"role-{r}" for r in range(roles)]
    body = []
    for n in range(steps):
        step: dict[str, object] = {
            "id": f"s{n}",
            "title": f"Step {n + 1}: {rng.choice(['check', 'record', 'send', 'review'])} the"
            f" {rng.choice(['order', 'invoice', 'delivery note', 'stock level'])}",
            "role": role_ids[(n * 5 + rng.randint(0, 1)) % roles],
        }
        if n % 9 == 4 and n + 3 < steps:
            step["decision"] = [
                {"when": "yes", "goto": f"s{n + 1}"},
                {"when": "no", "goto": f"s{n + 3}"},
            ]
        if n % 6 == 2:
            step["check"] = "The figures match the order form."
        body.append(step)
    return Procedure.model_validate(
        {
            "id": "LONG-050",
            "title": "A long procedure across six roles",
            "roles": [{"id": r, "name": f"Role number {r[-1]}"} for r in role_ids],
            "steps": body,
        }
    )


def test_a_50_step_six_role_chart_is_readable_on_a4(tmp_path: Path) -> None:
    document = load_bytes(dump_yaml(_long_procedure(50, 6)))
    export(document, "svg", tmp_path)
    charted = pages(tmp_path, "LONG-050")
    assert len(charted) > 1
    seen: list[str] = []
    for page in charted:
        width, height = page_size(page)
        assert 1 / MAX_ASPECT <= height / width <= MAX_ASPECT, (page.name, width, height)
        short, long = A4
        scale = max(min(short / width, long / height), min(long / width, short / height))
        assert scale * min(font_sizes(page)) >= MIN_PRINTED_POINTS, (page.name, scale)
        seen += [name for name in node_names(page) if name[0] == "s" and name[1:].isdigit()]
    assert sorted(seen, key=lambda n: int(n[1:])) == [f"s{n}" for n in range(50)]
    text = _chart_text(tmp_path, "LONG-050")
    assert "continued on page 2" in text and "from page 1" in text


def test_each_page_is_a_valid_chart_on_its_own(tmp_path: Path) -> None:
    document = load_bytes(dump_yaml(_long_procedure(30, 3)))
    written = export(document, "dot", tmp_path, steps_per_page=10)
    assert [p.name for p in written] == ["LONG-050.dot", "LONG-050-2.dot", "LONG-050-3.dot"]
    for page in written:
        subprocess.run(
            ["dot", "-Tsvg", str(page), "-o", str(page.with_suffix(".svg"))], check=True, timeout=60
        )


def test_pdf_holds_every_page(tmp_path: Path) -> None:
    from pypdf import PdfReader

    document = load_bytes(dump_yaml(_long_procedure(50, 6)))
    [pdf] = export(document, "pdf", tmp_path)
    export(document, "svg", tmp_path)
    reader = PdfReader(pdf)
    assert len(reader.pages) == len(pages(tmp_path, "LONG-050"))
    assert "Step 50" in "".join(page.extract_text() for page in reader.pages)
