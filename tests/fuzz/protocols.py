"""Amending protocols from a counterpart: the golden protocols mutated, applied to their texts.

A case runs `treaty consolidate BASE PROTOCOL -o OUT`. BASE is one of three texts (a treaty
in articles, a draft treaty in Roman numerals, the 28-point plan as JSON), most often the one
its seed protocol was written for, so that the instructions still find their units and the
mutations reach the consolidation and not only the reader. A mutation drops, doubles or swaps
lines; removes, doubles or unbalances quotation marks; changes a number to one the text lacks
or to a huge one; adds an instruction of an absurd size ("Articles 1 to 99999", "the 10000th
subparagraph", "point (a) of" a thousand times), a 100 KB sentence, control characters, RTL
marks or NUL bytes; the whole is written with CRLF, UTF-16 or a stray BOM, as a .docx built
from the mutated lines, or empty. The Akoma Ntoso protocol of the plans is mutated too.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from tests.fuzz.cases import case
from tests.fuzz.texts import CONTROLS, ENCODINGS, NUMBERS, _encode
from tests.readers.docx_fixtures import docx, p

ROOT = Path(__file__).resolve().parents[2]
#: The texts amended, by the name they have in the case folder.
BASES = {"base.txt": ROOT / "tests/fixtures/protocols/base.txt",
         "draft.txt": ROOT / "tests/golden/pairs/inline-draft-signed/draft.txt",
         "plan.json": ROOT / "drafts/plan-28-point/v1.json"}
_BASE_TEXT = {name: path.read_text(encoding="utf-8") for name, path in BASES.items()}
#: Each seed protocol with the base it was written for (fixtures that are texts, not protocols,
#: go with base.txt: they are seeds of "no instruction here" and of quoted text).
SEEDS = tuple((path.read_text(encoding="utf-8"),
               "draft.txt" if path.name.startswith("draft-to") else "plan.json" if path.name.startswith("plan-")
               else "base.txt")
              for path in sorted([*ROOT.glob("tests/golden/protocols/*.md"), *ROOT.glob("tests/golden/protocols/*.txt"),
                                  *ROOT.glob("tests/fixtures/protocols/*.txt")]))
#: The 28 -> 20 protocol in Akoma Ntoso, mutated line by line and kept as .xml.
AKN = (ROOT / "drafts/redlines/plan-28-point--plan-20-point.amendments.xml").read_text(encoding="utf-8")

QUOTES = "“”‘’«»„\"'"
MISSING = ("99", "0", "-1", "XCIX", "MMMMMMMMMM", "(zz)", "99999", "1" * 400, "9" * 5000, "5 novies", "3.1.2",
           "twelve", "")
#: Whole instructions of absurd sizes and shapes, written for this harness.
ABSURD = (
    "1. Article 99 is deleted.", "1. Articles 1 to 99999 are deleted.", "1. Points 1 to 99999 become points 2 to 100000.",
    "1. Articles I to MMMMCMXCIX are deleted.", "1. Points (a) to (zzzz) are deleted.",
    "1. In Article 3, the 10000th subparagraph is deleted.", "1. In point 10, the last subparagraph is deleted.",
    "1. In Article 2, the twentieth unnumbered paragraph is replaced by the following:\n\n> x",
    "1. In the preamble, the 10000th recital is deleted.", "1. In the closing formula, the second subparagraph is deleted.",
    "1. In Article 1, the words “” are deleted.", "1. In point 1, the words “” are replaced by “x”.",
    "1. In Article 1, the word “x” is inserted after “”.", "1. The heading of Article 1 is replaced by.",
    "1. The heading of Article 1 is replaced by “”.", "1. The following Article 9 is inserted after the heading:\n\n> Article 9\n> x",
    "1. The following Article 9 is added to the title:\n\n> Article 9\n> x",
    "1. Articles 1 and 2 are replaced by the following title:\n\n> x",
    "1. Article 1 is replaced by the following Articles 1 and 2:\n\n> x",
    "1. Point 1 is replaced by the following points 1 and 2:\n\n“1. x”",
    "1. Points 1 and 2 are replaced by the following point 1:\n\n“1. x”",
    "1. The following point 3 is inserted after point 2, the heading:\n\n“3. x”",
    "1. In the preamble, the following subparagraph is inserted after the first recital:\n\n> x",
    "1. In the title, the following Article 9 is added:\n\n> Article 9\n> x",
    "1. Article 1 becomes Article 1 becomes Article 2.", "1. Point 2 becomes point 2 becomes point 3.",
    "1. Points 1 and 2 become points 2 and 1.", "1. Point 1 becomes point 3.\n2. Point 1 becomes point 4.",
    "1. The title becomes Article 9.", "1. In the heading, the words “x” are deleted.",
    "1. Chapter II, Article 1 is deleted.", "1. Article 5(2)(a)(i)(x)(y)(z)(zz) is deleted.", "1. Annex I is deleted.",
    "1. In Article 2, paragraph 2, point (c), the third indent is deleted.", "1. The preamble is deleted.",
    "1. The preamble is replaced by the following:\n\n> x", "1. Article 1 is amended as follows:\n(zzz) point (a) is deleted;",
    "(a) the first subparagraph is deleted;", "1. Point 5 is replaced by the following:\n\n> ",
    "1. Point 5 is replaced by the following:\n\n“”", "1. Point 5 is replaced by the following:\n\n“\n”",
    "1. Point 5 is replaced by the following point 5:\n\n> # Title only",
    "1. The following point 29 is inserted after point 28:\n\n> 29. " + "[" * 300,
    "1. Article 1 is replaced by the following:\n\n> Article 1\n>\n> " + "(a) " * 2000,
)


def _deep(n: int) -> st.SearchStrategy[str]:
    """An address `n` units deep, as "of … of" or as commas."""
    return st.sampled_from((f"1. {'point (a) of ' * n}Article 2 is deleted.",
                            f"1. In Article 2, {'paragraph 1, ' * n}the words “x” are deleted.",
                            f"1. Article 2{'(1)' * n} is deleted."))


#: Sentences of about `n` characters: in a quotation, in its address, in its new text, as
#: unpaired quotation marks, or as one word (each made only when drawn: 100 KB apiece).
_LONG = (
    lambda n: f"1. In Article 1, the words “{'treaty ' * (n // 7)}” are deleted.",
    lambda n: f"1. In point 1, the words “confirm” are replaced by “{'x' * n}”.",
    lambda n: f"1. In {'Article 1, ' * (n // 11)}the words “x” are deleted.",
    lambda n: f"1. In {'‘a, ' * (n // 4)}the words are deleted.",
    lambda n: f"1. In {'«a ' * (n // 3)}",
    lambda n: f"1. {'“' * n}",
    lambda n: f"1. The heading of {'Article 1 ' * (n // 10)}is replaced by “x”.",
    lambda n: f"1. {'Article 1 becomes ' * (n // 18)}Article 2.",
    lambda n: f"1. Article 1 is replaced by the following:\n\n> Article 1\n> {'word ' * (n // 5)}",
    lambda n: f"1. Article 1 is replaced by the following:\n\n“Article 1\n{'word ' * (n // 5)}",
    lambda n: "x" * n,
    lambda n: f"The Parties, {'considering that the Agreement is amended, ' * (n // 42)}",
)


ABSURD_LINES = st.one_of(st.sampled_from(ABSURD), st.sampled_from((3, 12, 13, 1000)).flatmap(_deep),
                         st.builds(lambda make, n: make(n), st.sampled_from(_LONG), st.sampled_from((10_000, 100_000))))
_NUMBER = re.compile(r"\b(?:\d+|[IVXLC]+)\b")


@st.composite
def _mutate_line(draw: st.DrawFn, line: str) -> str:
    """One line with its quotation marks, a number or a character or two changed."""
    how = draw(st.integers(0, 7))
    marks = [k for k, c in enumerate(line) if c in QUOTES]
    if how == 0:
        return "".join(c for c in line if c not in QUOTES)
    if how == 1:
        return "".join(c * 2 if c in QUOTES else c for c in line)
    if how == 2 and marks:  # one mark gone: an opener without its closer, or the reverse
        k = marks[draw(st.integers(0, len(marks) - 1))]
        return line[:k] + line[k + 1:]
    if how == 3:
        return line.translate(str.maketrans("“”‘’", draw(st.sampled_from(('""\'\'', "«»‹›", "””’’", "„“‚‘")))))
    numbers = list(_NUMBER.finditer(line))
    if how in (4, 5) and numbers:
        hit = numbers[draw(st.integers(0, len(numbers) - 1))]
        value = draw(st.one_of(st.sampled_from(MISSING), st.sampled_from(NUMBERS)))
        return line[:hit.start()] + value + line[hit.end():]
    at = draw(st.integers(0, len(line)))
    mark = draw(st.sampled_from((*CONTROLS, "\u200f", "\u202b", "\u2066", "\x00", "\x00" * 3)))
    return line[:at] + mark + line[at:]


_ITEM = re.compile(r"^\s*(?:\d+[.)]|\(\d+\))\s")


def _items(text: str) -> list[list[str]]:
    """The protocol's numbered items, each with the lines under it; the lines before the first come first."""
    out: list[list[str]] = [[]]
    for line in text.splitlines():
        if _ITEM.match(line):
            out.append([])
        out[-1].append(line)
    return out


@st.composite
def _by_items(draw: st.DrawFn, items: list[list[str]]) -> list[list[str]]:
    """Whole instructions dropped, doubled, swapped, or absurd ones put among them."""
    items = list(items)
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(items)))
        how = draw(st.integers(0, 3))
        if how == 0 or len(items) < 2:
            items.insert(at, ["", draw(ABSURD_LINES), ""])
        elif how == 1:
            items.insert(at, items[min(at, len(items) - 1)])
        elif how == 2:
            del items[min(at, len(items) - 1)]
        else:
            other = draw(st.integers(0, len(items) - 1))
            at = min(at, len(items) - 1)
            items[at], items[other] = items[other], items[at]
    return items


@st.composite
def _by_lines(draw: st.DrawFn, lines: list[str]) -> list[str]:
    """Lines dropped, doubled, swapped or changed (quotation marks, numbers, control characters)."""
    lines = list(lines)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            lines.append(draw(ABSURD_LINES))
            continue
        at = draw(st.integers(0, len(lines) - 1))
        how = draw(st.integers(0, 6))
        if how <= 3:
            lines[at] = draw(_mutate_line(lines[at]))
        elif how == 4:
            del lines[at]
        elif how == 5:
            lines.insert(at, lines[at])
        else:
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
    return lines


_TEXT_NODE = re.compile(r">([^<>]+)<")


@st.composite
def _akn(draw: st.DrawFn) -> str:
    """The Akoma Ntoso protocol with the text of a few elements changed as `_mutate_line` changes a
    line (escaped, so that the XML mostly stays whole), or its lines shuffled as `_by_lines` does."""
    if draw(st.integers(0, 4)) == 4:
        return "\n".join(draw(_by_lines(AKN.splitlines())))
    xml = AKN
    for _ in range(draw(st.integers(1, 4))):
        nodes = [m for m in _TEXT_NODE.finditer(xml) if m[1].strip()]
        hit = nodes[draw(st.integers(0, len(nodes) - 1))]
        new = draw(st.one_of(_mutate_line(hit[1]), ABSURD_LINES.map(lambda line: line.partition(". ")[2] or line)))
        xml = xml[:hit.start(1)] + new.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + xml[hit.end(1):]
    return xml


@st.composite
def protocol_text(draw: st.DrawFn) -> tuple[str, str]:
    """A seed protocol mutated item by item or line by line, and the base it goes with (sometimes
    another); or a few of its instructions and absurd ones alone."""
    text, base = draw(st.sampled_from(SEEDS))
    if draw(st.integers(0, 9)) == 9:
        return draw(_akn()), "plan.json"
    if draw(st.integers(0, 4)) == 4:
        base = draw(st.sampled_from(sorted(BASES)))
    items = _items(text)
    how = draw(st.integers(0, 9))
    if how <= 5:
        lines = [line for item in draw(_by_items(items)) for line in item]
    elif how <= 7:
        lines = draw(_by_lines(text.splitlines()))
    else:
        kept = draw(st.lists(st.sampled_from(items), max_size=2)) + [["", x, ""] for x in draw(
            st.lists(ABSURD_LINES, min_size=1, max_size=3))]
        lines = [line for item in draw(st.permutations(kept)) for line in item]
    return "\n".join(lines) + draw(st.sampled_from(("\n", "", "\n\n\n"))), base


def _docx(text: str) -> bytes:
    """A Word protocol of the text's lines, one paragraph each (what XML cannot hold replaced)."""
    clean = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]", "\ufffd", text)
    return docx("".join(p(line) for line in clean.splitlines()))


@st.composite
def protocol_file(draw: st.DrawFn) -> tuple[str, bytes, str]:
    """The protocol's file name, its bytes (any encoding, CRLF, .docx, or empty), and its base."""
    text, base = draw(protocol_text())
    if text.startswith("<?xml"):
        return "protocol.xml", text.encode("utf-8", "surrogatepass"), base
    form = draw(st.integers(0, 19))  # the small draws, which a short run makes most, are plain text
    if form == 19:
        return draw(st.sampled_from(("protocol.md", "protocol.txt"))), draw(
            st.sampled_from((b"", b"\n\n", b"\xef\xbb\xbf", b"\xff\xfe", b" \t\r\n"))), base
    if form >= 16:
        return draw(st.sampled_from(("protocol.docx", "protocol.docx", "protocol"))), _docx(text), base
    if form >= 13:
        text = text.replace("\n", draw(st.sampled_from(("\r\n", "\r", "\u2028", "\x85"))))
    name = draw(st.sampled_from(("protocol.md", "protocol.txt", "protocol.md", "protocol", "protocol.txt",
                                 "protocol.md", "protocol.xml")))
    return name, _encode(text, draw(st.one_of(st.just("utf-8"), st.sampled_from(ENCODINGS)))), base


OUTPUTS = ("out.md", "out.txt", "out.json", "out.html", "out.docx", "out.xml")


@st.composite
def consolidations(draw: st.DrawFn) -> dict[str, Any]:
    """`treaty consolidate BASE PROTOCOL -o OUT` with a hostile protocol."""
    name, data, base = draw(protocol_file())
    args = ["consolidate", base, name, "-o", draw(st.sampled_from(OUTPUTS))]
    if draw(st.integers(0, 5)) == 5:
        args += ["--label", draw(st.sampled_from(("v2", "consolidated", "v2", "../v2")))]
    return case({base: _BASE_TEXT[base], name: data}, args)
