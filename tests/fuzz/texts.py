"""Texts for the readers: random bytes, and agreements built of every kind of heading, number,
bracket, control character and encoding a counterpart's file may hold.

The heading words come from `drafting.words` (every language the readers know); the golden
layouts under tests/golden/layouts/ are seeds that get the same fragments spliced in.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from drafting.words import NUMBER_WORDS, SUFFIXES, all_words
from tests.fuzz.cases import redlined, shown

LAYOUTS = Path(__file__).resolve().parents[1] / "golden" / "layouts"
SEEDS = tuple(sorted(p.read_text(encoding="utf-8") for p in LAYOUTS.glob("*/input.*")))

NUMBERS = ("1", "2", "10", "0", "00", "-1", "3.1", "3.1.2.4.5.6.7.8.9", "99999", "4294967296",
           "99999999999999999999999999999", "I", "IV", "XLIX", "MMMMCMXCIX", "MMMMMMMMMM", "iv",
           "A", "a", "ZZ", "5 bis", "5 novies", "One", "twenty-one", "premier", "1er", "¹",
           "١٢", "Ⅻ", "0x10", "1e9", "½", "")
BRACKETS = ("[bracketed text]", "[/x]", "[bold]x[/bold]", "[/]", "[", "]", "[[", "]]",
            "[link=https://example.org]x[/link]", "[Page 12]", "[Page", "\\[", "[red]", "[#ff0000]",
            "[/b][/i]", "[Option A: 600,000][Option B: 800,000]", "{{ x }}", "{% x %}", "<w:t>",
            "<script>alert(1)</script>", "&amp;", "&#0;", "`code`", "**b**", "# ", "> ", "| a | b |",
            "---", "___", "<!-- c -->", "%1", "%s", "{0}", "$(id)")
CONTROLS = ("\x00", "\x07", "\x08", "\x0b", "\x0c", "\r", "\r\n", "\x1b[31m", "\x1b[2J", "\x1b[0m",
            "\x1b]8;;http://x\x1b\\", "\x1b]0;title\x07", "\x7f", "\x85", "\x9b31m", "\u200b", "\u202e",
            "\u2028", "\u2029", "\ufeff", "\ufffd", "\U0001F600", "e\u0301", "\ud800", "\t", "\xa0")
SEPARATORS = (" ", ": ", " – ", " — ", ". ", ".", "\n", "", "  \t", " - ", ") ", "\u00a0")
WORDS = ("The Parties", "shall", "guarantee", "the ceasefire", "within 30 days", "Article 5",
         "point 3", "paragraph 2 of Article 4", "Annex I", "between the Republic of Arcadia and the Kingdom of Borealis",
         "The Government of Arcadia and the Government of Borealis,", "Done at Geneva", "For Arcadia:",
         "IN WITNESS WHEREOF", "Signed at Kyiv", "Fait à Paris", "«quoted»", "“curly”", "—", "Київ",
         "Статья", "600,000", "and", "or", "not")

fragment = st.one_of(st.sampled_from(BRACKETS), st.sampled_from(CONTROLS), st.sampled_from(WORDS),
                     st.text(max_size=8))
sentence = st.lists(fragment, min_size=1, max_size=10).map(" ".join)
number = st.one_of(st.sampled_from(NUMBERS), st.sampled_from(sorted(NUMBER_WORDS)),
                   st.integers(0, 10**30).map(str), st.tuples(st.sampled_from(NUMBERS), st.sampled_from(SUFFIXES))
                   .map(" ".join))


@st.composite
def unit_line(draw: st.DrawFn) -> str:
    """A heading of any kind: `ARTICLE 5 bis – Name`, `Chapitre premier`, `§ 3`, `(iv)`, `12)`."""
    word = draw(st.sampled_from(all_words()))
    word = draw(st.sampled_from((word, word.upper(), word.lower())))
    form = draw(st.integers(0, 3))
    num = draw(number)
    if form == 0:
        return f"{word} {num}{draw(st.sampled_from(SEPARATORS))}{draw(sentence)}"
    if form == 1:
        return f"{num}{draw(st.sampled_from(('.', ')', '', '.-')))} {draw(sentence)}"
    if form == 2:
        return f"({draw(st.sampled_from(('a', 'b', 'iv', 'A', '1', 'aa', 'zzzz', '')))}) {draw(sentence)}"
    return f"{word}{draw(st.sampled_from(SEPARATORS))}{num}"


line = st.one_of(unit_line(), sentence, st.just(""), st.sampled_from(BRACKETS + CONTROLS))


@st.composite
def agreement(draw: st.DrawFn) -> str:
    """Lines from the grammar, a seed with fragments spliced in, or a pathological repetition."""
    how = draw(st.integers(0, 9))
    if how < 5:
        return "\n".join(draw(st.lists(line, max_size=60)))
    if how < 9:
        lines = draw(st.sampled_from(SEEDS)).splitlines()
        for _ in range(draw(st.integers(1, 8))):
            at = draw(st.integers(0, len(lines) - 1))
            if draw(st.booleans()):
                lines.insert(at, draw(line))
            else:
                lines[at] += draw(fragment)
        return "\n".join(lines)
    repeated = draw(st.sampled_from(("(a) x", "Article 1", "1.", "[", "(", "Chapter I", "I.", "§",
                                     "x" * 1000, "Article 1 Article 2 ", "1.1.1.1.1.1.1.1.1.1 x")))
    return "\n".join([repeated] * draw(st.sampled_from((100, 2000, 5000))))


def _encode(text: str, encoding: str) -> bytes:
    if encoding == "mixed":
        half = len(text) // 2
        return text[:half].encode("utf-8", "surrogatepass") + text[half:].encode("cp1252", "replace")
    if encoding == "utf-8":
        return text.encode("utf-8", "surrogatepass")
    bom = codecs.BOM_UTF8 if encoding == "utf-8-sig" else b""
    return bom + text.encode("utf-8" if bom else encoding, "replace")


ENCODINGS = ("utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32",
             "cp1252", "latin-1", "mixed")
encoded = st.builds(_encode, agreement(), st.sampled_from(ENCODINGS))
TEXT_NAMES = ("in.txt", "in.md", "in", "in.TXT", "in.markdown", "in.json", "in.docx", "in.doc",
              "in.html", "[v2].md", "plan [v2].md", "in\x1b[31m.txt")


def show_bytes() -> st.SearchStrategy[dict[str, Any]]:
    """Random bytes, under any name, shown in any format."""
    return shown(st.binary(max_size=4096), TEXT_NAMES)


def show_text() -> st.SearchStrategy[dict[str, Any]]:
    """An agreement of hostile headings and brackets, in any encoding, shown in any format."""
    return shown(encoded, TEXT_NAMES[:5] + TEXT_NAMES[9:])


def diff_texts() -> st.SearchStrategy[dict[str, Any]]:
    """Two such agreements (one often the other with more text) redlined in any format."""
    pairs = encoded.flatmap(lambda old: st.tuples(st.just(old),
                                                  st.one_of(encoded, encoded.map(lambda more: old + b"\n" + more))))
    return redlined(pairs, ("old.txt", "new.md"))
