"""Rich text: Markdown parsed once into a small tree of blocks and inlines.

A bottom layer, like i18n: views, rules and exporters read texts through it, and no exporter
calls a Markdown parser itself.
"""

from sopmodel.markup.addresses import followable
from sopmodel.markup.parse import links, parse, plain, raw_html
from sopmodel.markup.tree import (
    Block,
    Break,
    Code,
    CodeBlock,
    Emphasis,
    Heading,
    Inline,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Rule,
    Strong,
    Table,
    Text,
    inline_text,
    walk_inlines,
)

__all__ = [
    "Block",
    "Break",
    "Code",
    "CodeBlock",
    "Emphasis",
    "Heading",
    "Inline",
    "Link",
    "ListBlock",
    "Paragraph",
    "Quote",
    "Rule",
    "Strong",
    "Table",
    "Text",
    "followable",
    "inline_text",
    "links",
    "parse",
    "plain",
    "raw_html",
    "walk_inlines",
]
