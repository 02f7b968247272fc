"""Cross-references in treaty text: which forms are found, which are left out, and what they name."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafting.model import Point
from drafting.numerals import same_number
from drafting.references import Cited, Reference, Targets, find_references, may_cite


def show(ref: Reference) -> str:
    """A reference in one line: "paragraph 2 < article 3" (2 of Article 3), "point 3-5" (a range)."""
    numbers = ("-" if ref.span_range else ",").join(c.label for c in ref.numbers)
    return f"{ref.kind} {numbers}" + (f" < {show(ref.within)}" if ref.within else "")


def found(text: str, language: str = "") -> list[str]:
    return [show(r) for r in find_references(text, language)]


@pytest.mark.parametrize(("text", "expected"), [
    ("as provided for in point 7", ["point 7"]),
    ("points 3 and 4", ["point 3,4"]),
    ("points 3, 4 and 7", ["point 3,4,7"]),
    ("points 3, 4, and 7 or 9", ["point 3,4,7,9"]),
    ("points 3 to 5", ["point 3-5"]),
    ("points 3 through 5", ["point 3-5"]),
    ("points 3-5", ["point 3-5"]),
    ("Articles 3 – 5", ["article 3-5"]),
    ("points 3 to 5 and 7", ["point 3-5", "point 7"]),
    ("Article 5", ["article 5"]),
    ("Art. 5", ["article 5"]),
    ("Arts. 5 and 6", ["article 5,6"]),
    ("Articles 5 and 6", ["article 5,6"]),
    ("POINT 3 and article 5", ["point 3", "article 5"]),
    ("para. 2; paras. 3-5", ["paragraph 2", "paragraph 3-5"]),
    ("§ 4, §3 and §§ 4 and 5", ["section 4", "section 3", "section 4,5"]),
    ("item 12", ["point 12"]),
    ("paragraph 2 of Article 3", ["paragraph 2 < article 3"]),
    ("Article 3(2)", ["paragraph 2 < article 3"]),
    ("Article 3 (2)", ["paragraph 2 < article 3"]),
    ("Article 3(2)(a) and (b)", ["sub a,b < paragraph 2 < article 3"]),
    ("Article 3(2), (3) and (4)", ["paragraph 2,3,4 < article 3"]),
    ("Article 3, paragraph 2", ["paragraph 2 < article 3"]),
    ("subparagraph (a) of paragraph 1", ["sub a < paragraph 1"]),
    ("subparagraphs (a) and (b) of paragraph 1", ["sub a,b < paragraph 1"]),
    ("(a) of paragraph 1 of Article 3", ["sub a < paragraph 1 < article 3"]),
    ("point (a) of Article 3(2)", ["point a < paragraph 2 < article 3"]),
    ("point 5(b)", ["sub b < point 5"]),
    ("Articles 3 and 4(1)", ["article 3", "paragraph 1 < article 4"]),
    ("points 3 and 4 of Annex II", ["point 3,4 < annex II"]),
    ("Article 3 of Annex II", ["article 3 < annex II"]),
    ("Chapter II, Article 5", ["article 5 < chapter II"]),
    ("Annex II Part A", ["part A < annex II"]),
    ("Annex II", ["annex II"]),
    ("Annex A and B", ["annex A,B"]),
    ("Section 4.2", ["section 4.2"]),
    ("Chapter III", ["chapter III"]),
    ("Chapters II to IV", ["chapter II-IV"]),
    ("Article 4 bis", ["article 4 bis"]),
    ("Article 4bis", ["article 4bis"]),
    ("Article 5a", ["article 5a"]),
    ("Article V", ["article V"]),
    ("Article One and Part Twenty-One", ["article One", "part Twenty-One"]),
    ("Protocol I, Appendix 2, Schedule 3", ["protocol I", "appendix 2", "schedule 3"]),
    ("points 12000 and 10001", ["point 12000,10001"]),
    ("Article 5 of this Agreement", ["article 5"]),
    ("Article 5 of the Treaty and point 3 of the Plan", ["article 5", "point 3"]),
    ("Article 2(1) of Protocol No. 2", ["paragraph 1 < article 2 < protocol 2"]),
    ("Article 2 of Protocol I", ["article 2 < protocol I"]),
    ("paragraph 2 of this Article", ["paragraph 2"]),
])
def test_english_forms(text: str, expected: list[str]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "Article 5 of the North Atlantic Treaty",
    "Article 51 of the Charter of the United Nations",
    "paragraph 4 of resolution 2202 (2015)",
    "paragraph 4 of Security Council resolution 2202",
    "Article 31 of the Vienna Convention",
    "Article 5 of the Treaty on European Union",
    "paragraph 2 of Article 3 of Regulation 2019",
    "Article 2 of the Minsk Protocol",
    "within 30 days",
    "600,000 troops",
    "the point of contact",
    "the point is that",
    "the paragraph above",
    "this Article",
    "the preceding paragraph",
    "the point I made",
    "the article I wrote",
    "(a) the Parties shall",
    "(a) and (b) apply",
])
def test_not_references(text: str) -> None:
    assert found(text) == []


def test_an_external_citation_leaves_the_internal_ones_around_it() -> None:
    text = "Article 3 applies, Article 5 of the North Atlantic Treaty aside, and Article 6"
    assert found(text) == ["article 3", "article 6"]


def test_a_list_stops_at_a_quantity() -> None:
    assert found("Article 5 and 600,000 troops") == ["article 5"]
    assert found("under Article 5, 30 days later") == ["article 5"]
    assert found("Articles 3, 4, 5.") == ["article 3,4,5"]


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("fr", "conformément à l'article 5", ["article 5"]),
    ("fr", "les articles 3 et 4, les points 3 à 5", ["article 3,4", "point 3-5"]),
    ("fr", "le paragraphe 2 de l'article 3", ["paragraph 2 < article 3"]),
    ("fr", "l'annexe II et le chapitre III", ["annex II", "chapter III"]),
    ("fr", "l'article premier", ["article premier"]),
    ("es", "los artículos 3 y 4, los puntos 3 a 5", ["article 3,4", "point 3-5"]),
    ("es", "el apartado 2 del artículo 3", ["paragraph 2 < article 3"]),
    ("es", "los artículos 3 al 5 y el Anexo II", ["article 3-5", "annex II"]),
    ("de", "Artikel 3 und 4, Punkte 3 bis 5", ["article 3,4", "point 3-5"]),
    ("de", "Absatz 2 des Artikels 3", ["paragraph 2 < article 3"]),
    ("de", "Artikel 3 Absatz 2 und Anhang II", ["paragraph 2 < article 3", "annex II"]),
    ("de", "Art. 4 bis", ["article 4 bis"]),
    ("uk", "відповідно до статті 5", ["article 5"]),
    ("uk", "статті 3 і 4, пункти 3–5, пункти 3 до 5", ["article 3,4", "point 3-5", "point 3-5"]),
    ("uk", "статті 3 та 4", ["article 3,4"]),
    ("uk", "пункту 2 статті 3", ["point 2 < article 3"]),
    ("uk", "Додаток II, розділу II", ["annex II", "part II"]),
    ("ru", "статьи 5, статьи 3 и 4", ["article 5", "article 3,4"]),
    ("ru", "пункта 2 статьи 3 и пунктов 3–5", ["point 2 < article 3", "point 3-5"]),
])
def test_other_languages(language: str, text: str, expected: list[str]) -> None:
    assert found(text, language) == expected
    assert found(text) == expected  # with no language, every language's words are read


def test_a_language_reads_only_its_own_words() -> None:
    assert found("Artikel 5 and статті 6", "en") == []
    assert found("Artikel 5 and статті 6", "de") == ["article 5"]


@pytest.mark.parametrize("text", ["статті 51 Статуту ООН", "статті 5 Північноатлантичного договору",
                                  "de l'article 5 du Traité de l'Atlantique Nord",
                                  "Artikel 5 des Nordatlantikvertrags"])
def test_external_citations_in_other_languages(text: str) -> None:
    assert found(text) == []


def test_this_agreement_in_ukrainian_stays_internal() -> None:
    assert found("статті 5 цієї Угоди") == ["article 5"]


def test_spans_cover_the_heading_word_and_the_holder() -> None:
    text = "See paragraph 2 of Article 3(1) and Art. 4 bis."
    para, art = find_references(text)
    assert text[para.start:para.end] == "paragraph 2 of Article 3(1)"
    assert para.within is not None and text[para.within.start:para.within.end] == "Article 3(1)"
    assert [(text[c.start:c.end], c.label) for c in para.numbers] == [("2", "2")]
    assert text[art.start:art.end] == "Art. 4 bis" and art.numbers[0].label == "4 bis"
    sub = find_references("in subparagraph (a)")[0]
    assert (sub.numbers[0].start, sub.numbers[0].end, sub.numbers[0].label) == (17, 18, "a")


def test_brackets_around_a_reference_stay_outside_its_span() -> None:
    text = "(Article 6) and (points 3 to 5)"
    assert [text[r.start:r.end] for r in find_references(text)] == ["Article 6", "points 3 to 5"]


def test_runs_of_a_mixed_list_share_the_holder_and_do_not_overlap() -> None:
    text = "points 3 to 5 and 7 of Annex II"
    first, last = find_references(text)
    assert text[first.start:first.end] == "points 3 to 5" and first.span_range
    assert text[last.start:last.end] == "7 of Annex II" and not last.span_range
    assert first.within == last.within and first.within is not None and first.within.kind == "annex"


# A compact text form of words and numbers, spaces between them sometimes left out.
_TOKENS = ["Article", "article", "Articles", "Art.", "point", "points", "paragraph", "para.", "§", "§§",
           "(a)", "(2)", "(iv)", "3", "4.2", "5", "bis", "IV", "I", "A", "One", "and", "or", "to", "-",
           "–", ",", "of", "the", "this", "Agreement", "North", "Atlantic", "Treaty", "resolution",
           "(2015)", "статті", "пункту", "Статуту", "ООН", "de", "l'article", "Annex", "Chapter", "II",
           "\n", "ı", "ſ", "600,000", "1er", "4bis", "y", "à", "und", "Absatz", "subparagraph"]
_texts = st.one_of(st.text(max_size=60),
                   st.lists(st.tuples(st.sampled_from(_TOKENS), st.sampled_from(["", " ", " ", ", "])),
                            max_size=14).map(lambda parts: "".join(w + s for w, s in parts)))


@settings(max_examples=400, deadline=None)
@given(_texts)
def test_the_quick_test_never_skips_a_text_that_cites(text: str) -> None:
    if find_references(text):
        assert may_cite(text)


def test_the_quick_test_skips_plain_prose() -> None:
    assert not may_cite("The Parties shall withdraw 600,000 troops within 30 days of the point of entry.")
    assert may_cite("as provided for in point 3")


def _all(ref: Reference) -> list[Reference]:
    return [ref, *(_all(ref.within) if ref.within else [])]


@settings(max_examples=400, deadline=None)
@given(_texts)
def test_spans_lie_in_the_text_do_not_overlap_and_give_back_the_labels(text: str) -> None:
    end = 0
    for ref in find_references(text):
        assert end <= ref.start <= ref.end <= len(text)
        end = ref.end
        for part in _all(ref):
            assert 0 <= part.start < part.end <= len(text) and part.numbers
            for cited in part.numbers:
                assert part.start <= cited.start < cited.end <= part.end
                assert text[cited.start:cited.end] == cited.label


# Trees to resolve against.
def P(label: str, kind: str = "point", *children: Point) -> Point:  # noqa: N802 - reads like a tree
    return Point(key=f"@{kind}-{label}", label=label, kind=kind, children=children)


PLAN = (P("1"), P("2", "point", P("a", "sub"), P("b", "sub")), P("3"), P("4"), P("5"))
TREATY = (
    P("I", "chapter", P("1", "article"), P("2", "article")),
    P("II", "chapter",
      P("3", "article",
        P("1", "paragraph", P("a", "sub"), P("b", "sub")),
        P("2", "paragraph", P("a", "sub"))),
      P("4", "article"), P("4 bis", "article"), P("5", "article"),
      P("4.2", "section")),
    P("I", "annex", P("1", "article"), P("2", "article")),
    P("II", "annex"),
)


def resolve(points: tuple[Point, ...], text: str, here: tuple[int, ...] = (), index: int = 0,
            number: int = 0) -> tuple[int, ...] | None:
    ref = find_references(text)[index]
    return Targets(points).resolve(ref, ref.numbers[number], here)


@pytest.mark.parametrize(("text", "here", "expected"), [
    ("point 3", (), (2,)),
    ("point 3", (4,), (2,)),
    ("item 3", (4,), (2,)),
    ("paragraph 3", (0,), (2,)),
    ("point 9", (), None),
    ("point 2(b)", (), (1, 1)),
    ("subparagraph (a) of point 2", (), (1, 0)),
    ("point (b)", (1,), (1, 1)),
    ("point (b)", (1, 0), (1, 1)),
    ("point (b)", (3,), None),
    ("Article 2", (), None),
])
def test_resolve_in_a_plan(text: str, here: tuple[int, ...], expected: tuple[int, ...] | None) -> None:
    assert resolve(PLAN, text, here) == expected


@pytest.mark.parametrize(("text", "here", "expected"), [
    ("Article 3", (0, 0), (1, 0)),
    ("Article 5", (), (1, 3)),
    ("Article 4", (), (1, 1)),
    ("Article 4 bis", (), (1, 2)),
    ("Article 4bis", (), (1, 2)),
    ("Article 1", (1, 0), (0, 0)),
    ("Article 1", (2, 1), (2, 0)),  # an annex numbers its own articles
    ("Article 2 of Annex I", (), (2, 1)),
    ("Article 1er", (), (0, 0)),
    ("Article One", (), (0, 0)),
    ("paragraph 2", (1, 0), (1, 0, 1)),
    ("paragraph 2", (1, 0, 0), (1, 0, 1)),
    ("paragraph 2", (1, 0, 0, 1), (1, 0, 1)),
    ("paragraph 3", (1, 0), None),  # Article 3 has two paragraphs: a stale reference
    ("paragraph 2", (), None),
    ("paragraph 2 of Article 3", (0, 0), (1, 0, 1)),
    ("Article 3(2)(a)", (), (1, 0, 1, 0)),
    ("Article 3(1)(b)", (), (1, 0, 0, 1)),
    ("subparagraph (b) of paragraph 1", (1, 0), (1, 0, 0, 1)),
    ("subparagraph (b) of paragraph 1", (1, 1), None),
    ("subparagraph (b) of Article 3", (), (1, 0, 0, 1)),
    ("point (b)", (1, 0, 0), (1, 0, 0, 1)),
    ("paragraph 2 of Article 9", (), None),
    ("Chapter II", (), (1,)),
    ("Chapter 2", (), (1,)),
    ("Annex II", (), (3,)),
    ("Annex 1", (), (2,)),
    ("Annex III", (), None),
    ("Section 4.2", (), (1, 4)),
    ("Chapter II, Article 5", (), (1, 3)),
    ("Chapter I, Article 5", (), None),
    ("пункту 2 статті 3", (), (1, 0, 1)),
])
def test_resolve_in_a_treaty(text: str, here: tuple[int, ...], expected: tuple[int, ...] | None) -> None:
    assert resolve(TREATY, text, here) == expected


def test_roman_numbered_articles_resolve_by_value() -> None:
    treaty = tuple(P(label, "article") for label in ("I", "II", "III", "IV", "V"))
    assert resolve(treaty, "Article 2") == (1,)
    assert resolve(treaty, "Article V") == (4,)
    assert resolve(treaty, "Articles 3 and 6", number=0) == (2,)
    assert resolve(treaty, "Articles 3 and 6", number=1) is None


def test_a_twelve_thousand_point_plan() -> None:
    plan = tuple(P(str(n)) for n in range(1, 12_001))
    targets = Targets(plan)
    text = "points 10000 to 11999, and point 12001"
    refs = find_references(text)
    assert [targets.resolve(refs[0], c) for c in refs[0].numbers] == [(9_999,), (11_998,)]
    assert targets.resolve(refs[1], refs[1].numbers[0]) is None


def test_points_numbered_through_sections_resolve_anywhere() -> None:
    plan = (P("A", "section", P("1"), P("2")), P("B", "section", P("3"), P("4")))
    assert resolve(plan, "point 3", (0, 0)) == (1, 0)


_LABELS = ["1", "01", "2", "5", "V", "v", "IV", "4", "a", "A", "b", "B", "ii", "One", "5 bis", "5", "3.1",
           "3.10", "premier", "x", "X", "10", "12000"]


@given(st.sampled_from(_LABELS), st.sampled_from(_LABELS))
def test_labels_match_as_same_number_says(cited: str, label: str) -> None:
    targets = Targets((P(label, "article"),))
    ref = Reference(0, 0, "article", (Cited(0, len(cited), cited),))
    assert (targets.resolve(ref, ref.numbers[0]) is not None) == same_number(cited, label)
