"""Markdown is parsed once into the tree every writer walks, with the language's typography."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sopmodel.markup import (
    Break,
    Code,
    CodeBlock,
    Emphasis,
    Link,
    ListBlock,
    Paragraph,
    Strong,
    Table,
    Text,
    inline_text,
    links,
    parse,
    plain,
    raw_html,
)
from sopmodel.views import lines, rich


def test_paragraphs_lists_emphasis_code_links_and_tables_become_nodes() -> None:
    blocks = parse(
        "Compare **three** offers, *in writing*, with `REF-1` and [the policy](https://x.org/p):\n"
        "\n- price\n- delay\n\n3. third\n4. fourth\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n"
    )
    paragraph, bullets, numbers, table = blocks
    assert isinstance(paragraph, Paragraph)
    kinds = [type(node) for node in paragraph.inlines]
    assert kinds == [Text, Strong, Text, Emphasis, Text, Code, Text, Link, Text]
    link = paragraph.inlines[7]
    assert isinstance(link, Link) and link.url == "https://x.org/p"
    assert bullets == ListBlock(
        False, 1, ((Paragraph((Text("price"),)),), (Paragraph((Text("delay"),)),))
    )
    assert isinstance(numbers, ListBlock) and numbers.ordered and numbers.start == 3
    assert isinstance(table, Table) and table.align == ("left", "right")
    assert [inline_text(cell) for cell in table.rows[0]] == ["1", "2"]


def test_raw_html_is_text_never_markup() -> None:
    (paragraph,) = parse("Press <b>Stop</b> <script>alert(1)</script>")
    assert isinstance(paragraph, Paragraph)
    assert inline_text(paragraph.inlines) == "Press <b>Stop</b> <script>alert(1)</script>"
    assert raw_html("Press <b>Stop</b> then `<i>`") == ["<b>", "</b>"]


def test_a_wrapped_line_joins_its_paragraph_and_a_hard_break_breaks_it() -> None:
    (paragraph,) = parse("a paragraph wrapped\nfor the editor")
    assert paragraph == Paragraph((Text("a paragraph wrapped for the editor"),))
    (paragraph,) = parse("first line  \nsecond line\\\nthird line")
    assert isinstance(paragraph, Paragraph)
    assert paragraph.inlines.count(Break()) == 2
    assert lines(rich("first line  \nsecond line", "en")) == ["first line", "second line"]


def test_french_typography_quotes_apostrophes_and_spaces_before_high_punctuation() -> None:
    (paragraph,) = parse('L\'eau : "chaude" ? Oui !', "fr")
    assert isinstance(paragraph, Paragraph)
    assert inline_text(paragraph.inlines) == "L’eau\u00a0: «\u00a0chaude\u00a0»\u00a0? Oui\u00a0!"
    assert plain("https://x.org et 10:30", "fr") == "https://x.org et 10:30"


def test_english_typography_curly_quotes_only() -> None:
    assert plain('Don\'t "touch" it : ok', "en") == "Don’t “touch” it : ok"


def test_plain_text_keeps_markdown_characters_as_written() -> None:
    assert plain("2 * 3 * 4, _x_, <b>, [a](b), # not a title", "en") == (
        "2 * 3 * 4, _x_, <b>, [a](b), # not a title"
    )


def test_code_blocks_and_code_spans_are_left_alone() -> None:
    blocks = parse('```\nrm -rf "x" : y\n```\n\nRun `"a" : b`', "fr")
    assert blocks[0] == CodeBlock('rm -rf "x" : y')
    assert isinstance(blocks[1], Paragraph) and Code('"a" : b') in blocks[1].inlines


def test_link_addresses_for_the_rules() -> None:
    text = "See [the SDS](https://a.b/sds), <mailto:x@y.z> and `[not](a link)` here"
    assert links(text) == ["https://a.b/sds", "mailto:x@y.z"]


def test_a_javascript_link_is_found_for_the_rules_and_never_parsed_as_a_link() -> None:
    text = "Open [the form](javascript:alert(1)) or [this](vbscript:x) or [that](data:text/html,x)"
    assert links(text) == ["javascript:alert(1)", "vbscript:x", "data:text/html,x"]
    nodes = [
        n for block in parse(text, "en") if isinstance(block, Paragraph) for n in block.inlines
    ]
    assert not [n for n in nodes if isinstance(n, Link)]
    assert "[the form](javascript:alert(1))" in plain(text, "en")


def test_lists_flatten_to_lines_with_their_marks() -> None:
    text = "Do:\n\n1. this\n2. that\n   - detail\n\n| A | B |\n|---|---|\n| 1 | 2 |"
    assert lines(rich(text, "en")) == ["Do:", "1. this", "2. that", "   • detail", "A | B", "1 | 2"]


@given(
    st.lists(st.text("abcdefgh", min_size=1, max_size=6), max_size=20),
    st.text(" \n-*#>|`", max_size=20),
)
def test_any_text_parses_and_keeps_its_words(words: list[str], marks: str) -> None:
    text = " ".join(w + (marks[i % len(marks)] if marks else "") for i, w in enumerate(words))
    shown = " ".join(lines(rich(text, "en")))
    assert all(word in shown for word in words)


@given(
    st.text(st.sampled_from(list(" \n\t\\*_[]<>&#`!ab-.:;?é\u00a0«»()~|=+09\x0b\u2028"))),
    st.sampled_from(["en", "fr"]),
)
def test_plain_text_without_quotes_skips_the_parser_and_gets_the_same_text(
    text: str, language: str
) -> None:
    from sopmodel.markup.parse import _parsed_plain

    assert plain(text, language) == _parsed_plain(text, language)


_ANY_MARKS = st.text(
    st.sampled_from(list(" \n\t\\*_[]<>&#`!aZé-.:;?\u00a0«»()~|=+09\x0b’…%/@$€°–—")),
    max_size=25,
)
_WORDY_LINE = st.builds(
    str.__add__,
    st.sampled_from(list("aZéÉ")),
    st.text(st.sampled_from(list("abZé 09.,;:?()/%°€$@+=-–—’«»…")), max_size=20),
)
_WORDY_TEXT = st.builds(
    lambda lines, before, after: before + "\n".join(lines) + after,
    st.lists(_WORDY_LINE, min_size=1, max_size=4),
    st.sampled_from(["", " ", "   ", "    ", "\t", " \n"]),
    st.sampled_from(["", " ", "  "]),
)


@given(st.one_of(_ANY_MARKS, _WORDY_TEXT), st.sampled_from(["en", "fr"]))
def test_text_of_words_skips_the_parser_and_gets_the_same_blocks(text: str, language: str) -> None:
    from sopmodel.markup.parse import _parsed

    parse.cache_clear()
    assert parse(text, language) == _parsed(text, language)


@pytest.mark.parametrize(
    ("url", "followed"),
    [
        ("https://example.org/a?b=c#d", True),
        ("  HTTP://EXAMPLE.ORG  ", True),
        ("mailto:safety@example.org", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,<script>", False),
        ("http:example.org", False),
        ("https://exa mple.org", False),
        ("https://example.org/\u202egpj.exe", False),
        ("C:\\Users\\me\\form.pdf", False),
        ("", False),
    ],
)
def test_one_rule_says_which_addresses_a_reader_may_follow(url: str, followed: bool) -> None:
    from sopmodel.exporters.markdown.escape import link_address
    from sopmodel.exporters.site.html import safe_url
    from sopmodel.markup import followable

    assert followable(url) is followed
    assert (safe_url(url) is not None) is followed
    assert (link_address(url) is not None) is followed
