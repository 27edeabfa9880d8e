"""The Markdown exporter, read the way people and tools read it: markdown-it-py (CommonMark
with GitHub's tables) must find every step title and note, pandoc must render it without a
warning and with the same headings, links must lead to files that exist."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from sopmodel.exporters import ExportError, export, render_output
from sopmodel.markup import Code, ListBlock, Paragraph, Quote, Table, Text, walk_inlines
from sopmodel.model import Plan, Procedure
from sopmodel.source import load
from sopmodel.views import number_steps, plain, rich
from tests.conftest import EXAMPLES, valid_examples
from tests.mdtools import headings, pandoc_headings, shown_text, split_front_matter, tokens
from tests.svgtools import squeeze

REALWORLD = Path(__file__).parent / "realworld"
DOCUMENTS = [*valid_examples(), *sorted(REALWORLD.glob("*.yaml"))]
SAFE_SCHEME = re.compile(r"^(https?:|mailto:)", re.IGNORECASE)


def _leaves(blocks: tuple[object, ...]) -> list[str]:
    """Return the texts a reader must find in a rich text: each run of text and code."""
    found: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            found += [n.text for n in walk_inlines(block.inlines) if isinstance(n, Text | Code)]
        elif isinstance(block, ListBlock):
            for item in block.items:
                found += _leaves(item)
        elif isinstance(block, Quote):
            found += _leaves(block.blocks)
        elif isinstance(block, Table):
            for row in (block.header, *block.rows):
                for cell in row:
                    found += [n.text for n in walk_inlines(cell) if isinstance(n, Text | Code)]
    return [text for text in found if text.strip()]


def expected_texts(document: Procedure | Plan, language: str) -> list[str]:
    """Return every step title, note text, check and detail of a document, as shown."""
    texts = [plain(document.title, language)]
    notes = list(document.notes)
    if isinstance(document, Procedure):
        for item in number_steps(document):
            step = item.step
            texts.append(plain(step.title, language))
            texts += [plain(step.check, language)] if step.check else []
            texts += _leaves(rich(step.details, language)) if step.details else []
            notes += step.all_notes()
    else:
        for phase in document.phases:
            texts.append(plain(phase.name, language))
            texts += [plain(activity.title, language) for activity in phase.activities]
    for note in notes:
        texts += _leaves(rich(note.text, language))
    return texts


def _export(source: Path, folder: Path, language: str | None, **options: object) -> Path:
    document = load(source)
    assert isinstance(document, Procedure | Plan)
    written = export(document, "md", folder, lang=language, **options)
    assert written[0].suffix == ".md"
    return written[0]


@pytest.mark.parametrize("language", [None, "fr", "en"])
@pytest.mark.parametrize("source", DOCUMENTS, ids=lambda p: p.name)
def test_every_document_reads_without_loss_in_markdown_it_and_pandoc(
    source: Path, language: str | None, tmp_path: Path
) -> None:
    chart = language is None  # the chart once per document: `dot` is the slow part
    path = _export(source, tmp_path, language, flowchart=chart)
    text = path.read_text(encoding="utf-8")
    document = load(source)
    assert isinstance(document, Procedure | Plan)
    meta, _ = split_front_matter(text)
    assert meta["id"] == document.id and meta["title"] == " ".join(document.title.split())
    seen = squeeze(shown_text(text))
    language = language or str(document.language)
    missing = [t for t in expected_texts(document, language) if squeeze(t) not in seen]
    assert not missing, f"{path.name} loses {missing}"
    found = headings(text)
    assert found[0] == (1, " ".join(plain(document.title, language).split()))
    assert pandoc_headings(path) == found


@pytest.mark.parametrize("source", DOCUMENTS, ids=lambda p: p.name)
def test_links_lead_to_files_beside_it_or_safe_addresses_and_no_html_is_emitted(
    source: Path, tmp_path: Path
) -> None:
    path = _export(source, tmp_path, None)
    text = path.read_text(encoding="utf-8")
    _, body = split_front_matter(text)
    found = tokens(body, html=True)
    assert not [t.content for t in found if t.type in ("html_inline", "html_block")]
    for token in found:
        target = token.attrs.get("href") or token.attrs.get("src")
        if not isinstance(target, str):
            continue
        if SAFE_SCHEME.match(target):
            continue
        assert ":" not in target.split("/")[0], target  # no other scheme
        if target.endswith(".md") and "/" not in target:
            continue  # another procedure's file, exported beside this one
        assert (tmp_path / unquote(target)).is_file(), target


def test_the_same_document_gives_the_same_bytes_and_companions() -> None:
    document = load(EXAMPLES / "forklift-battery-change.yaml")
    first, second = render_output(document, "md"), render_output(document, "md")
    assert first == second
    assert sorted(first.companions) == [
        "MAINT-004.assets/flowchart.svg",
        "MAINT-004.assets/img/battery-connector.png",
    ]
    assert first.pages[0].endswith(b"\n") and b"\r" not in first.pages[0]


def test_hostile_text_stays_literal_and_nothing_becomes_markup(tmp_path: Path) -> None:
    source = EXAMPLES / "hostile-text.yaml"
    path = _export(source, tmp_path, None, flowchart=False)
    text = path.read_text(encoding="utf-8")
    document = load(source)
    seen = shown_text(text)
    for wanted in ("{{ 7*7 }}", "<input>", "<![CDATA[ ]]>", "{% raw %}", "=1+1", "<b>bold</b>"):
        assert wanted in seen
    assert plain(document.title, "en").replace("\n", " ") in seen.replace("\n", " ")
    assert not [t for t in tokens(split_front_matter(text)[1], html=True) if "html" in t.type]
    assert [level for level, _ in headings(text)].count(1) == 1


HOSTILE_MARKDOWN = """\
Click [here](javascript:alert(1)) or [there](data:text/html,x) or <script>alert(2)</script>.

<img src=x onerror=alert(3)> &lt;b&gt; &amp; `a | b` and **bold** *it* ~~strike~~

# not a heading

| a | b |
|---|---|
| 1 \\| 2 | `c\\|d` |

1) one
2) two
"""


def test_raw_html_and_unsafe_links_in_rich_text_stay_text(tmp_path: Path) -> None:
    source = tmp_path / "doc.yaml"
    source.write_text(
        "sopmodel: 1\nkind: procedure\nid: H-1\ntitle: 'Hostile # title #'\nlanguage: en\n"
        "links: [{title: 'bad', url: 'javascript:alert(4)'}]\n"
        "steps:\n  - title: '1. not a list'\n    details: |\n"
        + "".join(f"      {line}\n" if line else "\n" for line in HOSTILE_MARKDOWN.splitlines())
        + "    notes: [{level: danger, text: '> quoted <script>x</script>'}]\n"
        "  - title: '- not a bullet'\n    check: '[ ] not a task | nor a cell'\n",
        encoding="utf-8",
    )
    path = _export(source, tmp_path / "out", None, flowchart=False)
    text = path.read_text(encoding="utf-8")
    body = split_front_matter(text)[1]
    found = tokens(body, html=True)
    assert not [t.content for t in found if "html" in t.type]
    links = [t.attrs["href"] for t in found if t.type == "link_open"]
    assert links == []  # every address above is unsafe: none became a link
    seen = shown_text(text)
    for wanted in (
        "<script>alert(2)</script>",
        "<img src=x onerror=alert(3)>",
        "<b>",
        "not a heading",
        "1. not a list",
        "- not a bullet",
        "[ ] not a task | nor a cell",
        "quoted <script>x</script>",
        "Hostile # title #",
        "javascript:alert(4)",
    ):
        assert wanted in seen, wanted
    assert headings(text)[0] == (1, "Hostile # title #")
    assert "javascript:" not in "".join(str(t.attrs) for t in found)
    assert pandoc_headings(path) == headings(text)


def test_notes_are_github_alerts_with_the_signal_word_visible(tmp_path: Path) -> None:
    french = _export(EXAMPLES / "achats-fournisseurs.fr.yaml", tmp_path, None, flowchart=False)
    text = french.read_text(encoding="utf-8")
    assert "> [!CAUTION]\n> **⚠ DANGER**\u00a0:" in text
    assert "> [!WARNING]\n> **⚠ ATTENTION**\u00a0:" in text
    english = _export(EXAMPLES / "lab-piranha-clean.yaml", tmp_path, None, flowchart=False)
    assert "> [!CAUTION]\n> **⚠ DANGER**:" in english.read_text(encoding="utf-8")
    plain_quotes = _export(
        EXAMPLES / "lab-chemical-spill.yaml", tmp_path / "plain", None, alerts=False
    )
    assert "[!" not in plain_quotes.read_text(encoding="utf-8")


def test_a_sub_step_note_stays_in_its_sub_step(tmp_path: Path) -> None:
    source = tmp_path / "doc.yaml"
    source.write_text(
        "sopmodel: 1\nkind: procedure\nid: N-1\ntitle: Nested\nlayout: hierarchical\n"
        "steps:\n  - title: Top\n    substeps:\n      - title: Inner\n"
        "        notes: [{level: warning, text: Inner warning}]\n"
        "        substeps:\n          - title: Deepest\n            warning: Deep warning\n",
        encoding="utf-8",
    )
    text = _export(source, tmp_path / "out", None, flowchart=False).read_text(encoding="utf-8")
    assert "- **1.1** Inner\n\n  > **⚠ WARNING**: Inner warning\n" in text
    assert "  - **1.1.1** Deepest\n\n    > **⚠ WARNING**: Deep warning" in text


def test_a_stream_cannot_hold_companions_but_render_output_gives_them() -> None:
    document = load(EXAMPLES / "forklift-battery-change.yaml")
    with pytest.raises(ExportError, match=r"companion files .* render_output"):
        export(document, "md", None)
    output = render_output(document, "md")
    assert output.pages[0].decode("utf-8").count("](MAINT-004.assets/") == len(output.companions)


def test_any_line_ending_in_user_text_starts_no_block() -> None:
    from sopmodel.model import Procedure as Model

    document = Model.model_validate(
        {
            "id": "R-1",
            "title": "Title\r# not a heading",
            "steps": [
                {
                    "title": "Step\u2028- not a list",
                    "check": "one\rtwo\n# three\u0085> four",
                    "notes": [{"level": "info", "text": "note\r\n# five"}],
                }
            ],
        }
    )
    text = render_output(document, "md", flowchart=False).pages[0].decode("utf-8")
    assert [level for level, _ in headings(text)] == [1, 2, 3]
    found = tokens(split_front_matter(text)[1])
    kinds = [t.type for t in found]
    assert kinds.count("bullet_list_open") == 1  # the facts under the title
    assert kinds.count("blockquote_open") == 1  # the note


def test_a_hazardous_procedure_starts_with_its_safety_section(tmp_path: Path) -> None:
    path = _export(EXAMPLES / "forklift-battery-change.yaml", tmp_path, None, flowchart=False)
    text = path.read_text(encoding="utf-8")
    titles = [title for level, title in headings(text) if level == 2]
    assert titles.index("Safety") < titles.index("Objective") < titles.index("Steps")
    assert "Risks" not in titles  # shown once, in the safety section
    assert "**Protective equipment**: Acid-resistant gloves and face shield" in text
    assert "| Critical | Acid splash in the eyes or on the skin |" in text
    quiet = _export(EXAMPLES / "hostile-text.yaml", tmp_path, None, flowchart=False)
    assert "Safety" not in [title for _, title in headings(quiet.read_text(encoding="utf-8"))]


def test_french_markdown_keeps_its_no_break_spaces(tmp_path: Path) -> None:
    """French typography puts a no-break space before : ? ! ; (it keeps the mark on its
    word's line): the Markdown file keeps it as every other output does."""
    [markdown] = [
        p
        for p in export(load(EXAMPLES / "prise-de-commande.fr.yaml"), "md", tmp_path)
        if p.suffix == ".md"
    ]
    text = markdown.read_text(encoding="utf-8")
    assert "**\u00a0:" in text  # "**Date d’application** : ..." with a no-break space
    assert " :" not in text.replace("\u00a0:", "")
