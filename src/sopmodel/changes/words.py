"""The words a reader sees in a text, each reduced to the spelling a reader's eye checks.

Two texts count as the same when their word keys are the same, in the same order:

- whitespace, line breaks, punctuation and Markdown markup (`**`, `-` bullets, `|` pipes,
  a link's address written around its text) are not words;
- case never counts (Check, CHECK, check);
- a word of six letters or more keeps its first and last letters and the set of letters in
  between, accents left out: recieve = receive, adress = address, enviroment = environment,
  procédure = procedure. This is the typo-level threshold (see docs/governance.md);
- numbers, words with a digit or an apostrophe, words of five letters or fewer and the
  negations (not, never, without, cannot, jamais, aucune, sans...) must match exactly: 5 and
  50 mg differ, "do" and "do not" differ, "à" and "a" differ, and "hot" and "hat" differ;
- the signs that change a quantity (< > = ≤ ≥ ± % ° and a minus before a number) are words.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache

from sopmodel.markup import (
    Block,
    CodeBlock,
    Heading,
    Inline,
    ListBlock,
    Paragraph,
    Quote,
    Table,
    inline_text,
    parse,
    walk_inlines,
)
from sopmodel.markup import Link as LinkNode

__all__ = [
    "FUZZY_MIN_LETTERS",
    "NEGATIONS",
    "Words",
    "markdown_words",
    "similarity",
    "text_words",
    "word_diff",
    "word_key",
]

Words = tuple[str, ...]
"""The keys of a text's words, in order."""

FUZZY_MIN_LETTERS = 6
"""Words shorter than this must match letter for letter (hot and hat are two words)."""

NEGATIONS = frozenset(
    {
        # English
        "no", "not", "never", "none", "nor", "neither", "nothing", "nobody", "nowhere",
        "without", "cannot", "unless", "except",
        # French
        "ne", "n", "pas", "jamais", "aucun", "aucune", "sans", "ni", "non", "personne",
        "rien", "nullement", "guère", "sauf",
    }
)  # fmt: skip
"""Words that turn a sentence around: they always count, letter for letter."""

_TOKEN = re.compile(
    r"(?P<minus>(?<![\w.,])[-−](?=\d))"
    r"|(?P<number>\d+(?:[.,]\d+)*)"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)"
    r"|(?P<sign>[<>=≤≥±%°‰])"
)


_MARKDOWN = re.compile(r"[*_`\[\]|<>&\\\n]|^\s*(?:[-+*]\s|\d+[.)]\s|#|>)")
"""What Markdown could read differently from plain text: inline marks, lines, a list start."""


def _strip_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """Return the key of one word: what must stay the same for it to read as the same word."""
    word = unicodedata.normalize("NFKC", word).casefold().replace("’", "'")
    if len(word) < FUZZY_MIN_LETTERS or word in NEGATIONS or "'" in word or not word.isalpha():
        return word
    bare = _strip_accents(word)
    if len(bare) < FUZZY_MIN_LETTERS:
        return word
    return f"{bare[0]}{''.join(sorted(set(bare[1:-1])))}{bare[-1]}"


def _tokens(text: str) -> list[str]:
    found = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        token = match.group()
        if kind == "minus":
            found.append("-")
        elif kind == "number":
            found.append(token)
        elif kind == "word":
            found.append(word_key(token))
        else:
            found.append(token)
    return found


@lru_cache(maxsize=16384)
def text_words(text: str | None) -> Words:
    """Return the word keys of a plain text (a title, a check): punctuation is not a word."""
    if not text:
        return ()
    return tuple(_tokens(text))


def _inline_words(inlines: tuple[Inline, ...]) -> list[str]:
    parts = [inline_text(inlines)]
    parts.extend(node.url for node in walk_inlines(inlines) if isinstance(node, LinkNode))
    return parts


def _block_texts(blocks: tuple[Block, ...]) -> list[str]:
    texts: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph | Heading):
            texts.extend(_inline_words(block.inlines))
        elif isinstance(block, ListBlock):
            for item in block.items:
                texts.extend(_block_texts(item))
        elif isinstance(block, Table):
            for cell in block.header:
                texts.extend(_inline_words(cell))
            for row in block.rows:
                for cell in row:
                    texts.extend(_inline_words(cell))
        elif isinstance(block, Quote):
            texts.extend(_block_texts(block.blocks))
        elif isinstance(block, CodeBlock):
            texts.append(block.text)
    return texts


@lru_cache(maxsize=16384)
def markdown_words(text: str | None) -> Words:
    """Return the word keys of a Markdown text as a reader sees it (markup is not a word).

    A link's address counts: the reader who follows it lands somewhere else when it changes.
    """
    if not text:
        return ()
    if not _MARKDOWN.search(text):
        return text_words(text)  # nothing Markdown would read differently: skip the parser
    return tuple(word for part in _block_texts(parse(text)) for word in _tokens(part))


def similarity(first: Words, second: Words) -> float:
    """Return how alike two word sequences are, from 0 (nothing shared) to 1 (the same)."""
    if first == second:
        return 1.0
    if not first or not second:
        return 0.0
    return difflib.SequenceMatcher(None, first, second, autojunk=False).ratio()


_SPLIT = re.compile(r"\S+|\s+")


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """Return a text's edit as (op, text) pieces: op is "=" kept, "-" removed or "+" added.

    Words compare by their keys, so a typo fixed in a kept word shows as kept (in its new
    spelling); whitespace is kept with the word before it.
    """
    old = _SPLIT.findall(before)
    new = _SPLIT.findall(after)
    old_keys = [text_words(part) or (part.strip(),) for part in old]
    new_keys = [text_words(part) or (part.strip(),) for part in new]
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    pieces: list[tuple[str, str]] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("=", "".join(new[b1:b2])))
            continue
        if a2 > a1:
            pieces.append(("-", "".join(old[a1:a2])))
        if b2 > b1:
            pieces.append(("+", "".join(new[b1:b2])))
    return _merged(pieces)


def _merged(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    merged: list[tuple[str, str]] = []
    for op, text in pieces:
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
        elif text:
            merged.append((op, text))
    return merged
