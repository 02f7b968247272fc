"""Protocols from a counterpart that the fuzzer (tests/fuzz/test_protocols.py) found mishandled:
each is a traceback, a wrong text or a long wait, cut down to its few lines.

The promise: an instruction is applied as it says, or it is one error naming it (exit 2), never
applied as something else; the instructions after a mistake are never silently left undone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafting.amend import amendments, consolidate, read_protocol, shape
from drafting.amend._address import plain
from drafting.amend._read import FRAME
from drafting.diff import diff
from drafting.errors import DraftingError
from drafting.model import Document
from drafting.readers import read_document
from drafting.readers.text import read_text
from drafting.writers.protocol import markdown

BASE = Path(__file__).resolve().parents[1] / "fixtures" / "protocols" / "base.txt"


@pytest.fixture(scope="module")
def base() -> Document:
    return read_document(BASE)


def applied(base: Document, protocol: str) -> Document:
    return consolidate(base, read_protocol(protocol))


def headings(doc: Document) -> list[tuple[str, str]]:
    return [(p.label, p.heading) for p in doc.points]


@pytest.mark.parametrize("protocol", [
    "1. Article 5 becomes Article 9.\n\n2. Article 1 is deleted.\n",
    "1. Article 5 becomes Article 9.\n\n2. The following Article 0 is inserted before Article 1:\n\n> Article 0\n> New.\n",
])
def test_a_renumbering_read_before_a_deletion_or_insertion_renumbers_its_own_unit(base: Document, protocol: str) -> None:
    """The renumbering kept the unit's place in the list of units, which the deletion shifted:
    Article 6 became Article 9 and Review stayed Article 5 (or an IndexError)."""
    assert ("9", "Review") in headings(applied(base, protocol))
    assert ("6", "Entry into force") in headings(applied(base, protocol))


def test_a_renumbering_of_a_unit_later_deleted_is_an_error(base: Document) -> None:
    with pytest.raises(DraftingError, match="has no Article 6"):
        applied(base, "1. Article 6 becomes Article 5.\n\n2. Article 5 is deleted.\n\n3. Article 6 is deleted.\n")


def test_a_unit_given_two_numbers_is_an_error(base: Document) -> None:
    """The last renumbering won, silently."""
    with pytest.raises(DraftingError, match="Article 5 is given two numbers, 6 and 7"):
        applied(base, "1. Article 5 becomes Article 6.\n\n2. Article 5 becomes Article 7.\n")


@pytest.mark.parametrize(("protocol", "why"), [
    # an IndexError: the quotation holds no numbered unit
    ("1. Article 1 is replaced by the following Articles 1 and 2:\n\n> Some words\n", "holds no unit"),
    ("1. Articles 1 and 2 are replaced by the following title:\n\n> Some words\n", "holds no unit"),
    # an IndexError in the message, or the title taken away: a unit put into the title or a heading
    ("1. The following Article 9 is inserted after the title:\n\n> Article 9\n> x\n", "the title is text"),
    ("1. The following Article 9 is added to the title:\n\n> Article 9\n> x\n", "the title is text"),
    ("1. In Article 1, the following Article 9 is inserted after the heading:\n\n> Article 9\n> x\n", "is text"),
    ("1. The following Article 9 is inserted after the heading:\n\n> Article 9\n> x\n", "whose heading"),
    # a heading of None; a title of ""
    ("1. The heading of Article 1 is replaced by.\n", "new text does not follow"),
    ("1. The title is replaced by.\n", "new text does not follow"),
    ("1. The preamble is replaced by the following:\n\n2. Article 6 is deleted.\n", "new text does not follow"),
    # the whole of Article 1 deleted, or nothing done, for words that are none
    ("1. In Article 1, the words “” are deleted.\n", "quotes no words"),
    ("1. In Article 1, the words “” are replaced by “x”.\n", "quotes no words"),
    ("1. In Article 1, the word “x” is inserted after “”.\n", "quotes no words"),
    # the last article amended, for words, a heading or a subparagraph of no unit
    ("1. The words “every five years” are deleted.\n", "names no unit"),
    ("1. , is deleted.\n", "names no unit"),
    ("1. The heading is replaced by “x”.\n", "whose heading"),
    ("1. The second subparagraph is deleted.\n", "whose subparagraph"),
    # an address that is no place
    ("1. The heading of the preamble is deleted.\n", "names no place"),
    ("1. In the title, point 3 is deleted.\n", "names no place"),
    ("1. The title becomes Article 9.\n", "only units"),
    # a renumbering to words, not a number
    ("1. Article 1 becomes Article 1 becomes Article 2.\n", "not a number a unit can take"),
    ("1. In Article 2, the last indent is deleted.\n", "the last"),
    ("1. In Article 3, the zeroth subparagraph is deleted.\n", "no rank"),
    ("1. In Article 3, the 0th subparagraph is deleted.\n", "no 0th"),
])
def test_an_instruction_that_makes_no_sense_is_an_error(base: Document, protocol: str, why: str) -> None:
    with pytest.raises(DraftingError, match=why):
        applied(base, protocol)


@pytest.mark.parametrize("opener", ["“", '"', "«"])
def test_a_quotation_never_closed_is_an_error_not_the_rest_of_the_protocol(base: Document, opener: str) -> None:
    """Read to the end, the quotation took instruction 2 for new text: Article 5 stayed."""
    protocol = f"1. Article 1 is replaced by the following:\n\n{opener}Article 1\nPurpose\n\nNew.\n\n2. Article 5 is deleted.\n"
    with pytest.raises(DraftingError, match="never closed") as caught:
        applied(base, protocol)
    assert caught.value.line == 3


def test_the_last_subparagraph(base: Document) -> None:
    """"the last" was read as rank -1 and never found ("the -1th subparagraph")."""
    doc = applied(base, "1. In Article 3, the last subparagraph is deleted.\n")
    assert doc.points[2].paragraphs == base.points[2].paragraphs[:1]


def test_a_heading_replaced_by_the_following(base: Document) -> None:
    """The heading was handed the quoted text read as units: an IndexError."""
    doc = applied(base, "1. The heading of Article 4 is replaced by the following:\n\n> Joint Commission\n")
    assert headings(doc)[3] == ("4", "Joint Commission")


def test_our_own_protocol_for_the_22nd_subparagraph_reads_back() -> None:
    """`nth` writes "the 22nd" past the twentieth, which the reader did not know."""
    paras = [f"The Parties shall take measure {k} within {k} days." for k in range(1, 25)]
    old = read_text("Article 1\nMeasures\n\n" + "\n\n".join(paras) + "\n")
    paras[21] = "A sentence that has nothing in common with the one it replaces."
    new = read_text("Article 1\nMeasures\n\n" + "\n\n".join(paras) + "\n")
    written = markdown.protocol(amendments(diff(old, new), title="P"))
    assert "the 22nd subparagraph" in written
    assert shape(consolidate(old, read_protocol(written))) == shape(new)


def test_a_100_kb_sentence_is_matched_on_its_own_words_only(base: Document) -> None:
    """The formulas scanned a long or unclosed quotation once from every opening mark (minutes for
    100 KB of them); now the quotations are stood in for by marks before any formula is tried."""
    words = "treaty " * 15_000 + "end"
    frame, quotes = plain(f"In Article 1, the words “{words}” are deleted.")
    assert len(frame) < 60 and quotes == [words]
    new = "cooperate" + " and cooperate" * 8000
    doc = applied(base, f"1. In Article 1, the words “cooperate to deter” are replaced by “{new} to deter”.\n")
    assert doc.points[0].paragraphs == (f"The Parties shall {new} to deter armed aggression against either of them.",)


@pytest.mark.parametrize(("sentence", "why"), [
    ("«a " * 33_000, r"outside quotation marks run to 98,\d{3} characters"),
    ("In " + "Article 1, " * 10_000 + "the words “x” are deleted.", r"outside quotation marks run to 110,\d{3}"),
    ("In " + "‘a, " * 25_000 + "the words “x” are deleted.", "nests at most 12"),  # one quotation, from ‘ to ”
])
def test_a_sentence_whose_own_words_run_on_is_an_error(base: Document, sentence: str, why: str) -> None:
    with pytest.raises(DraftingError, match=why):
        applied(base, f"1. {sentence}\n")


def test_our_own_protocol_deleting_every_other_point_reads_back() -> None:
    """The deletions join into one sentence, "Points 2, 4, 6, … and 600 are deleted.", longer
    than an instruction's own words may be: a list of numbers counts as one."""
    points = [f"{k}. Point {k} binds the Parties on matter {k} within {k} days." for k in range(1, 601)]
    old = read_text("PLAN\n\n" + "\n\n".join(points) + "\n")
    new = read_text("PLAN\n\n" + "\n\n".join(points[::2]) + "\n")
    written = markdown.protocol(amendments(diff(old, new), title="P"))
    assert max(len(line) for line in written.splitlines()) > FRAME
    assert shape(consolidate(old, read_protocol(written))) == shape(new)
