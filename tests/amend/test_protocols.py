"""Protocols as lawyers read and write them: golden protocols, one written by hand, and mistakes.

The golden files are the amending protocols from the 28-point to the 20-point plan and from the
draft treaty in tests/golden/pairs to its signed text; `pytest --update-golden` rewrites them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafting.amend import amendments, consolidate, read_protocol, shape
from drafting.diff import diff
from drafting.errors import DraftingError
from drafting.readers import read_document
from drafting.writers.protocol import markdown, text

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "protocols"
GOLDEN = ROOT / "tests" / "golden" / "protocols"
PAIRS = {
    "draft-to-signed": (ROOT / "tests/golden/pairs/inline-draft-signed/draft.txt",
                        ROOT / "tests/golden/pairs/inline-draft-signed/signed.txt",
                        "Protocol amending the Draft Treaty of Mutual Assistance"),
    "plan-28-to-20": (ROOT / "drafts/plan-28-point/v1.json", ROOT / "drafts/plan-20-point/v1.json",
                      "Protocol amending the 28-point plan into the 20-point framework"),
}


@pytest.mark.parametrize("name", sorted(PAIRS))
@pytest.mark.parametrize("writer", [markdown, text], ids=["md", "txt"])
def test_golden_protocols(name: str, writer: object, update_golden: bool) -> None:
    old_path, new_path, title = PAIRS[name]
    old, new = read_document(old_path), read_document(new_path)
    written = writer.protocol(amendments(diff(old, new), title=title))  # type: ignore[attr-defined]
    path = GOLDEN / f"{name}.{'md' if writer is markdown else 'txt'}"
    if update_golden:
        path.write_text(written, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run pytest --update-golden"
    assert written == path.read_text(encoding="utf-8"), f"{path} differs (pytest --update-golden to accept)"
    assert shape(consolidate(old, read_protocol(written))) == shape(new)


def test_draft_to_signed_says_what_a_lawyer_would() -> None:
    """Few word changes are quoted as words; the renumbering from Roman numerals comes last."""
    written = (GOLDEN / "draft-to-signed.md").read_text(encoding="utf-8")
    lines = [line for line in written.splitlines() if line[:1].isdigit()]
    assert "In Article II, the word “external” is inserted after “by”." in lines[2]
    assert lines[-1].endswith("Articles I to XI become Articles 1 to 11.")
    assert "In Article X, the words “for ten years” are replaced by “indefinitely”." in written


def test_a_protocol_written_by_hand() -> None:
    """Wording drafters use: "shall be replaced", "Article 2(1)", "is amended as follows",
    "the following paragraph 4 is added", "shall read as follows", "is repealed", straight,
    curly and single quotation marks, "(1)" items, and the protocol's own articles around them."""
    base = read_document(FIXTURES / "base.txt")
    protocol = read_protocol((FIXTURES / "hand-written.txt").read_text(encoding="utf-8"))
    assert len(protocol.instructions) == 10
    expected = read_document(FIXTURES / "consolidated.txt")
    assert shape(consolidate(base, protocol)) == shape(expected)
    article_2 = expected.points[1]
    assert [c.label for c in article_2.children] == ["1", "2", "3", "4"]
    assert [s.paragraphs for s in article_2.children[1].children][-1] == ("the review of joint exercises.",)
    assert [(p.label, p.heading) for p in expected.points] == [
        ("1", "Purpose"), ("2", "Consultations"), ("3", "Assistance"), ("3a", "Trigger"),
        ("4", "Joint Commission"), ("5", "Entry into force")]


def _fails(instruction: str, base_name: str = "base.txt") -> DraftingError:
    base = read_document(FIXTURES / base_name)
    with pytest.raises(DraftingError) as info:
        consolidate(base, read_protocol(f"1. {instruction}\n"), source="p.txt")
    return info.value


@pytest.mark.parametrize(("instruction", "says"), [
    ("In Article 4, the words “ninety days” are replaced by “thirty days”.",
     "the words “ninety days” are not in Article 4"),
    ("In Article 3, the word “assistance” is replaced by “support”.", "occur 2 times in Article 3"),
    ("Article 9 is deleted.", "the amended text has no Article 9"),
    ("In Article 2, paragraph 7 is deleted.", "no Article 2, paragraph 7"),
    ("In Article 3, the fourth subparagraph is deleted.", "has 2 subparagraph"),
    ("The heading of Article 12 is replaced by “Scope”.", "no Article 12"),
])
def test_an_instruction_that_cannot_be_applied_names_itself_and_its_article(instruction: str, says: str) -> None:
    error = _fails(instruction)
    assert says in error.message and instruction.rstrip(".") in error.message
    assert error.path == "p.txt"


@pytest.mark.parametrize("sentence", [
    "Article 5 is replaced by the following:",  # nothing quoted after it
    "In Article 2, the words “sixty days” are replaced by thirty days.",
    "Article 5 is swapped and replaced.",
    "Clause 5 is deleted.",
])
def test_an_instruction_in_no_known_form_is_an_error_with_its_line(sentence: str) -> None:
    with pytest.raises(DraftingError) as info:
        read_protocol(f"Protocol\n\n1. {sentence}\n\n2. Article 6 is deleted.\n", source="p.md")
    assert info.value.line == 3 and info.value.path == "p.md" and info.value.hint


def test_a_text_with_no_instruction_is_refused() -> None:
    with pytest.raises(DraftingError, match="no amending instruction"):
        read_protocol("A letter of intent.\n\nThe Parties will meet again.\n")


def test_more_variations_of_wording() -> None:
    """"of the Agreement" after a unit, "shall be amended to read as follows", no comma after
    "In Article 4", "the words ... shall be replaced with the words ...", an unnumbered paragraph
    added to an article of unnumbered paragraphs, "renumbered as", "point (a) of paragraph 2 of
    Article 2", straight quotation marks around a whole article."""
    base = read_document(FIXTURES / "base.txt")
    done = consolidate(base, read_protocol((FIXTURES / "variations.txt").read_text(encoding="utf-8")))
    by_label = {p.label: p for p in done.points}
    assert list(by_label) == ["1", "2", "3", "4", "6", "7"]
    assert by_label["1"].paragraphs[-1] == "The Parties shall inform the Security Council of any armed aggression."
    assert [s.label for s in by_label["2"].children[1].children] == ["b", "c"]
    assert by_label["4"].paragraphs == ("A joint monitoring commission shall monitor the implementation of this Agreement.",)
    assert (by_label["6"].heading, by_label["6"].paragraphs) == (
        "Review", ("The Parties shall review this Agreement every ten years.",))
    assert by_label["7"].heading == "Entry into force"


@pytest.mark.parametrize("protocol", [
    "1. " + "paragraph 2 of " * 3000 + "Article 5 is deleted.",
    "1. In " + "Article 1, " * 3000 + "the words “a” are replaced by “b”.",
    "1. Article 5 is replaced by the following:\n\n“" + "text\n" * 20000,
    "1. In Article 1, the words " + "“a” " * 5000 + "are replaced.",
])
def test_hostile_protocols_are_refused_or_applied_never_crash(protocol: str) -> None:
    """Deep chains of "of", thousands of places, an unclosed quotation: an answer, not a crash;
    a message quotes at most the start of a long sentence."""
    base = read_document(FIXTURES / "base.txt")
    try:
        consolidate(base, read_protocol(protocol))
    except DraftingError as exc:
        assert len(exc.message) < 600


def test_a_protocol_that_would_not_rebuild_the_new_text_is_never_returned(monkeypatch: pytest.MonkeyPatch) -> None:
    """`amendments` applies what it wrote before returning it; when that does not give the new
    text (here: a drafter that forgets the units amended in place), the body is replaced unit by
    unit instead, which always does."""
    from drafting.amend import _draft

    old, new = read_document(PAIRS["draft-to-signed"][0]), read_document(PAIRS["draft-to-signed"][1])
    monkeypatch.setattr(_draft.Drafter, "unit", lambda self, *args: None)
    broken = _draft.draft(diff(old, new))
    assert shape(consolidate(old, broken)) != shape(new)
    protocol = amendments(diff(old, new))
    assert shape(consolidate(old, protocol)) == shape(new)
    assert [i.action for i in protocol.instructions][-2:] == ["repeal", "insertion"]
