"""Any document the schema allows gives stable Markdown that no text of it turns into markup:
the same bytes twice, no raw HTML, links only to safe addresses or files beside it, and the
same headings in markdown-it-py and in pandoc."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sopmodel.exporters import ExportError, render_output
from sopmodel.exporters.markdown.escape import code_span, escape, line_start
from sopmodel.exporters.textsafety import xml_safe
from sopmodel.model import MODELS
from sopmodel.model.schema import json_schema
from sopmodel.views import plain
from tests.mdtools import (
    headings,
    pandoc_headings,
    parser,
    shown_text,
    split_front_matter,
    tokens,
)
from tests.strategies import from_schema
from tests.svgtools import squeeze

SAFE = re.compile(r"^(https?:|mailto:|[A-Za-z0-9][A-Za-z0-9._-]*\.(md|assets/))", re.IGNORECASE)


@pytest.mark.parametrize("kind", ["procedure", "plan"])
def test_generated_documents_give_stable_markdown_that_reads_as_written(kind: str) -> None:
    model = MODELS[kind]

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(from_schema(json_schema(kind)))
    def check(data: dict[str, Any]) -> None:
        document = model.model_validate(data)
        try:
            first = render_output(document, "md", flowchart=False)
        except ExportError as error:  # a picture that is not there: one clear line
            assert str(error) and "\n" not in str(error)
            return
        assert render_output(document, "md", flowchart=False) == first
        text = first.pages[0].decode("utf-8")
        meta, body = split_front_matter(text)
        assert meta["id"] == document.id
        found = tokens(body, html=True)
        assert not [t.content for t in found if "html" in t.type]
        for token in found:
            target = token.attrs.get("href") or token.attrs.get("src")
            assert target is None or SAFE.match(str(target)), target
        shown = xml_safe(document)  # what every export shows: control characters removed
        title = plain(shown.title, str(document.language))
        assert squeeze(title) in squeeze(shown_text(text))
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "doc.md"
            path.write_bytes(first.pages[0])
            assert pandoc_headings(path) == headings(text)

    check()


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), min_size=1
    )
)
def test_escaped_text_reads_back_as_written_in_one_paragraph(text: str) -> None:
    written = line_start(escape(text)).strip(" ")
    shown = " ".join(text.split())
    if not written or not shown:
        return
    stream = parser().parse(written)
    assert [t.type for t in stream] in (
        ["paragraph_open", "inline", "paragraph_close"],
        [],
    )
    if stream:
        children = stream[1].children or []
        assert {c.type for c in children} <= {"text", "softbreak"}
        assert " ".join("".join(c.content for c in children).split()) == shown


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), min_size=1
    )
)
def test_a_code_span_shows_its_text_as_written(text: str) -> None:
    shown = " ".join(text.splitlines())
    if not shown.strip(" ") or "\x00" in shown:
        return
    stream = parser().parse(f"x {code_span(text)}")
    codes = [c.content for c in stream[1].children or [] if c.type == "code_inline"]
    assert codes == [shown]
