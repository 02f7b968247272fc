"""What each check must NOT flag: the readings that keep false alarms away, one small text a row."""

from __future__ import annotations

import pytest

from drafting.check import check
from drafting.model import Document, Point


def plan(*texts: str, parties: tuple[str, ...] = ("Ukraine", "the Russian Federation"),
         kind: str = "point") -> Document:
    """A plan whose numbered units hold `texts`, one each."""
    points = tuple(Point(f"@{i}", str(i), kind, "", (t,)) for i, t in enumerate(texts, 1))
    return Document("Test plan", parties, (), points)


def codes(doc: Document) -> list[str]:
    return [f.code for f in check(doc).findings]


@pytest.mark.parametrize("texts, code", [
    # References: another instrument's article, a plan's point of another plan, unnumbered paragraphs.
    (("Guarantees similar to Article 5 of NATO shall be given.", "Nothing."), "ref-missing"),
    (("Point 3 of the American plan is excluded.", "Nothing."), "ref-missing"),
    (("Disputes go to the body named in point 2.", "The body is the Joint Commission."), "ref-missing"),
    # Parties: short names, organs of a party, passives, the parties in general.
    (("Russia shall withdraw its forces.",), "party-unknown"),
    (("The Government of Ukraine shall report.",), "party-unknown"),
    (("The Kinburn Spit shall be demilitarised.",), "party-unknown"),
    (("Each Party shall notify the other.", "Sanctions shall be lifted gradually."), "party-unknown"),
    # Quantities: a range in one sentence, different things counted.
    (("The force shall number between 5,000 and 8,000 troops.",), "quantity-conflict"),
    (("The Commission shall have 12 members.", "The Council shall have 30 members."), "quantity-conflict"),
    # Time limits: the same words after the limit (different acts), different acts.
    (("After this Agreement has been in force for ten years, the Parties shall consult.",
      "After this Agreement has been in force for twenty years, any Party may withdraw."), "time-conflict"),
    (("The Parties shall exchange prisoners within 30 days.",
      "The Parties shall return civilians within 60 days."), "time-conflict"),
    # Duplicates: short list items that repeat.
    (("training and exercises;", "training and exercises;"), "point-duplicate"),
])
def test_not_flagged(texts: tuple[str, ...], code: str) -> None:
    assert code not in codes(plan(*texts))


def test_alternatives_written_as_sub_points_are_not_duplicates() -> None:
    subs = (Point("@a", "a", "sub", "", ("[Proposal of Ukraine: the plant shall be operated by a joint venture "
                                          "of the two States under a board chaired by Ukraine.]",)),
            Point("@b", "b", "sub", "", ("[Proposal of the Russian Federation: the plant shall be operated by a "
                                          "joint venture of the two States under a board chaired by Russia.]",)))
    doc = Document("T", ("Ukraine",), (), (Point("@1", "1", "point", "", ("The plant:",), subs),))
    assert codes(doc) == ["alternative-open"]


def test_this_chapter_outside_any_chapter_is_missing() -> None:
    assert codes(plan("The measures of this Chapter apply to the Parties.")) == ["ref-missing"]
    inside = Document("T", (), (), (Point("@c", "1", "chapter", "Scope", (), (
        Point("@1", "1", "article", "", ("The measures of this Chapter apply.",)),)),))
    assert codes(inside) == []


def test_a_paragraph_of_an_article_counts_its_unnumbered_paragraphs() -> None:
    doc = Document("T", (), (), (
        Point("@1", "1", "article", "", ("First.", "Second.")),
        Point("@2", "2", "article", "", ("As said in paragraph 2 of Article 1 and paragraph 3 of Article 1.",))))
    (finding,) = check(doc).findings
    assert (finding.code, finding.words) == ("ref-missing", "paragraph 3 of Article 1")


def test_a_plural_defined_term_is_used_through_its_singular() -> None:
    doc = Document("T", (), ('A and B, hereinafter referred to as "the Parties",',), (
        Point("@1", "1", "point", "", ("Each Party shall report.",)),))
    assert codes(doc) == []


def test_library_terms_count_as_defined() -> None:
    doc = plan("The Peace Counsil shall meet monthly.", "The Peace Council shall meet again.")
    assert codes(doc) == []  # nothing defined: no near miss to speak of
    (finding,) = check(doc, library_terms=["Peace Council"]).findings
    assert (finding.code, finding.words) == ("term-undefined", "Peace Counsil")


def test_without_parties_the_party_check_is_skipped() -> None:
    assert codes(plan("NATO shall not expand.", parties=())) == []
    assert codes(plan("NATO shall not expand.")) == ["party-unknown"]


def test_a_stranger_acting_in_several_points_is_one_finding_naming_them() -> None:
    (finding,) = check(plan("NATO shall not expand.", "Ukraine and NATO shall meet.")).findings
    assert finding.where == "point 1" and "also in point 2" in finding.message


def test_duplicates_on_a_long_plan_pair_only_the_copies() -> None:
    texts = [f"The Parties shall open crossing number {i} near village {i * 7} to trucks carrying grain {i}."
             for i in range(1, 400)]
    texts.append(texts[122])
    found = [f for f in check(plan(*texts, parties=())).findings if f.code == "point-duplicate"]
    assert [(f.where, f.message) for f in found] == [("point 400", "the same text as point 123")]
