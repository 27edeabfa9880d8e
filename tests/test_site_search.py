"""The handbook's offline search: the index it ships, and the folding and excerpts of
assets/search.js, run in Node.js (the page's own script, loaded as the browser loads it).

A query word is folded (case, accents, ligatures) and must start a word of a result; the
result shows an excerpt of its text with the matched part of each word in <mark>. Folding
maps each folded letter back to the characters it comes from, so the part marked in the
text as written folds to the query's word ("securite" marks "sécurité").
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import ROOT, examples_handbook

SEARCH_JS = ROOT / "src" / "sopmodel" / "exporters" / "site" / "assets" / "search.js"

DRIVER = r"""
// Load search.js as a page would (no search box: it only defines its text functions), then
// answer one JSON call a line: {"fn": "fold" | "words" | "excerpt", "args": [...]}.
// Offsets are UTF-16 units, as in the browser: the answers carry the text slices themselves.
const fs = require("fs"), vm = require("vm"), readline = require("readline");
const window = {};
vm.runInNewContext(fs.readFileSync(process.argv[1], "utf8"), { window });
const text = window.SopmodelSearchText;
const calls = {
  fold: (t) => text.fold(t),
  words: (t) => text.words(t).map((s) => ({ w: s.w, text: t.slice(s.start, s.ends.at(-1)) })),
  excerpt: (t, query, size) => {
    const cut = text.excerpt(t, query, size === null ? Infinity : size);
    return { shown: t.slice(cut.start, cut.end), cut: cut.cut, found: cut.found,
             marks: cut.marks.map((m) => t.slice(m[0], m[1])),
             inside: cut.marks.every((m) => cut.start <= m[0] && m[1] <= cut.end) };
  },
};
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const call = JSON.parse(line);
  process.stdout.write(JSON.stringify(calls[call.fn](...call.args)) + "\n");
});
"""


class Script:
    """assets/search.js's text functions, called in a Node.js process kept open."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process

    def call(self, fn: str, *args: Any) -> Any:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps({"fn": fn, "args": args}) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        assert answer, "search.js stopped answering"
        return json.loads(answer)

    def fold(self, text: str) -> list[str]:
        return list(self.call("fold", text))

    def words(self, text: str) -> list[dict[str, str]]:
        return list(self.call("words", text))

    def excerpt(self, text: str, query: str, size: int | None = 24) -> dict[str, Any]:
        return dict(self.call("excerpt", text, self.fold(query), size))


@pytest.fixture(scope="module")
def script() -> Iterator[Script]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is not installed: run `make test-tools` (tools/node/install.sh)")
    process = subprocess.Popen(
        [node, "-e", DRIVER, str(SEARCH_JS)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="surrogatepass",
    )
    try:
        yield Script(process)
    finally:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(timeout=10)


TRICKY = [
    # (text as written, query typed, what the reader sees marked)
    ("Vérifiez la sécurité du poste.", "securite", ["sécurité"]),
    ("Le numéro SIRET est valide.", "NUMERO", ["numéro"]),
    ("Une ŒUVRE collective", "oeuvre", ["ŒUVRE"]),
    ("Nettoyer les cœurs de filtre", "coeur", ["cœur"]),
    ("Straße 12", "strasse", ["Straße"]),
    ("Straße 12", "stras", ["Straß"]),  # the folded query ends inside "ß" (ss)
    ("Une e\u0301tape de plus", "etape", ["e\u0301tape"]),  # decomposed: the accent is kept
    ("La ﬁn du lot", "fin", ["ﬁn"]),  # a ligature: one character, two letters
    ("İstanbul depot", "istan", ["İstan"]),
    ("ΟΔΟΣ ο δρόμος", "οδος", ["ΟΔΟΣ"]),  # a final sigma folds as any sigma
    ("la sécu\u00adrité d’abord", "securite", ["sécu\u00adrité"]),  # a soft hyphen inside
    ("l’ÉCRAN de contrôle", "ecran", ["ÉCRAN"]),
    ("Naïve façade", "facade naive", ["Naïve", "façade"]),
]


@pytest.mark.parametrize(("text", "query", "marked"), TRICKY)
def test_a_folded_query_marks_the_text_as_written(
    script: Script, text: str, query: str, marked: list[str]
) -> None:
    cut = script.excerpt(text, query)
    assert cut["found"]
    assert cut["marks"] == marked
    assert cut["shown"] == text


def test_fold_removes_case_accents_and_ligatures(script: Script) -> None:
    assert script.fold("Étape « Vérifier » l’ÉCRAN") == ["etape", "verifier", "l", "ecran"]
    assert script.fold("Œuvre, cœur, Straße, ½") == ["oeuvre", "coeur", "strasse", "12"]
    assert script.fold("<script>alert(1)</script>") == ["script", "alert", "1", "script"]
    assert script.fold("   ") == []


LONG = " ".join(f"w{n}" for n in range(1, 61))


def test_an_excerpt_is_about_two_dozen_words_around_the_first_match(script: Script) -> None:
    cut = script.excerpt(LONG.replace("w30 ", "Sécurité "), "securite")
    shown = cut["shown"].split()
    assert 20 <= len(shown) <= 30
    assert cut["cut"] == [True, True]  # shown with "…" on both sides
    assert cut["marks"] == ["Sécurité"]
    assert 5 <= shown.index("Sécurité") <= 12  # a little context before, more after


def test_an_excerpt_keeps_hyphenated_and_elided_words_whole(script: Script) -> None:
    # the excerpt's first word is "extraction", its last "l" (8 words before the match)
    text = LONG.replace("w22 ", "side-extraction ").replace("w45 ", "l’entreprise ")
    shown = script.excerpt(text.replace("w30 ", "acide "), "acide")["shown"].split()
    assert shown[0] == "side-extraction" and shown[-1] == "l’entreprise"


def test_a_match_at_the_start_or_end_is_not_cut_there(script: Script) -> None:
    start = script.excerpt("Sécurité " + LONG, "securite")
    assert start["cut"] == [False, True] and start["shown"].startswith("Sécurité w1")
    end = script.excerpt(LONG + " sécurité.", "securite")
    assert end["cut"] == [True, False] and end["shown"].endswith("w60 sécurité.")


def test_a_text_the_query_does_not_match_shows_its_start(script: Script) -> None:
    cut = script.excerpt(LONG, "title")  # the step matched by its title only
    assert not cut["found"] and cut["marks"] == []
    assert cut["cut"] == [False, True] and cut["shown"].startswith("w1 w2 w3")


def test_every_matched_word_of_the_excerpt_is_marked(script: Script) -> None:
    cut = script.excerpt(
        "Spills of acids: neutralise the spill, then report spilled acid.", "spill acid"
    )
    assert cut["marks"] == ["Spill", "acid", "spill", "spill", "acid"]


@given(text=st.text(max_size=60), data=st.data())
def test_the_marked_part_folds_to_the_query_word(script: Script, text: str, data: Any) -> None:
    """For any text and any word of it (or the start of a word), the part of the text as
    written that the excerpt marks folds to that query word."""
    words = script.words(text)
    assert [w["w"] for w in words] == script.fold(text)  # the fast fold finds the same words
    for word in words:
        assert script.fold(word["text"]) == [word["w"]]
        assert script.fold(word["w"]) == [word["w"]]  # folding a folded word changes nothing
    if not words:
        return
    word = data.draw(st.sampled_from(words))["w"]
    whole = script.excerpt(text, word, None)
    assert whole["found"] and whole["inside"] and whole["shown"] == text
    assert word in [script.fold(marked)[0] for marked in whole["marks"]]
    assert all(script.fold(marked)[0].startswith(word) for marked in whole["marks"])
    query = word[: data.draw(st.integers(1, len(word)))]
    cut = script.excerpt(text, query, data.draw(st.integers(1, 30)))
    assert cut["found"] and cut["marks"] and cut["inside"]
    for marked in cut["marks"]:
        assert len(script.fold(marked)) == 1 and script.fold(marked)[0].startswith(query)


@given(st.text(alphabet=st.sampled_from("aé e\u0301Œœß-’ .\n½ﬁİΣς\u00ad"), max_size=40))
def test_accents_ligatures_and_marks_fold_back(script: Script, text: str) -> None:
    """The characters whose folded form has another length, drawn more often."""
    for word in script.words(text):
        assert script.fold(word["text"]) == [word["w"]]
        cut = script.excerpt(text, word["w"], None)
        assert word["text"] in cut["marks"]


# The index the handbook ships


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict[str, Any]], int]:
    out = examples_handbook(tmp_path_factory)
    script = (out / "assets" / "search-index.js").read_text(encoding="utf-8")
    assert script.startswith("window.SOPMODEL_SEARCH = [")
    body = script.removeprefix("window.SOPMODEL_SEARCH = ").rstrip().removesuffix(";")
    return json.loads(body), len(script.encode())


def _steps(entries: list[dict[str, Any]]) -> dict[str, list[str]]:
    return {f"{e['u']}#{step[0]}": step for e in entries for step in e.get("p", [])}


def test_the_index_holds_every_step_with_its_text_as_written(
    index: tuple[list[dict[str, Any]], int],
) -> None:
    entries, _ = index
    steps = _steps(entries)
    anchor, number, title, text, roles = steps["procedures/LAB-003.html#step-3"]
    assert (anchor, number, title) == ("step-3", "3", "Contain the spill with the spill kit")
    assert "neutralise acids and bases" in text and roles == "Researcher"
    purchase = next(e for e in entries if e["d"] == "ACH-003")
    assert purchase["l"] == "fr" and purchase["k"] == "procedure"
    assert "Le fournisseur a un numéro SIRET valide." in steps[purchase["u"] + "#step-2-1"][3]
    assert any(e["k"] == "plan" for e in entries)


def test_the_index_shows_a_steps_notes_check_and_list_items_as_lines(
    index: tuple[list[dict[str, Any]], int],
) -> None:
    steps = _steps(index[0])
    spill = steps["procedures/LAB-003.html#step-3"][3].split("\n")
    assert "neutralise acids and bases with the kit’s powder" in spill  # a list item, no bullet
    purchase = steps["procedures/ACH-003.html#step-2"][3].split("\n")
    assert purchase[0] == "Ne communiquez jamais le prix d’un fournisseur à un autre."  # a warning


def test_the_index_holds_the_glossary_and_the_requirements(
    index: tuple[list[dict[str, Any]], int],
) -> None:
    orders = next(e for e in index[0] if e["d"] == "ADV-002")
    assert "ARC\u00a0: Accusé de réception de commande envoyé au client." in orders["s"]
    piranha = next(e for e in index[0] if e["d"] == "LAB-012")
    assert "Fume hood with a working airflow alarm" in piranha["s"]


def test_the_index_keeps_hostile_text_as_data(index: tuple[list[dict[str, Any]], int]) -> None:
    hostile = next(e for e in index[0] if e["d"] == "TEST-HOSTILE")
    texts = [hostile["t"], hostile["s"], *(s[3] for s in hostile["p"])]
    assert any("<script>alert(‘x’)</script> must stay text" in t for t in texts)


def test_the_index_stores_each_text_once(index: tuple[list[dict[str, Any]], int]) -> None:
    """No folded copy, no document title repeated per step: the index is hardly bigger than
    the text it holds."""
    entries, size = index
    held = [[e["u"], e["t"], e["d"], e["s"], e.get("p", [])] for e in entries]
    text = sum(len(json.dumps(e, ensure_ascii=False).encode()) for e in held)
    assert size < 1.1 * text
