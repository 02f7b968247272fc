"""Negotiating text: brackets and alternatives read from the forms published texts use, resolved,
written from the library's positions, and named in the redline."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafting.assemble import assemble
from drafting.brackets import (
    ALTERNATIVE, EDITORIAL, OPEN, PARAGRAPH, POINT, REMARK, WORDS, Take, parse, parse_take, places, resolve,
)
from drafting.brackets._negotiate import negotiating_text, proposer
from drafting.diff import accept_all, diff, reject_all, summarize
from drafting.errors import DraftingError
from drafting.library import load_library
from drafting.model import Document, Point
from drafting.readers import read_bytes
from drafting.readers.text import read_text
from tests.strategies import edited, negotiating_documents

ROOT = Path(__file__).resolve().parent.parent

# Written for these tests, in the layouts negotiating texts use (none copied from a published text).
PUBLISHED_FORMS = """Agreement on Cooperation

Article 1
Scope

1. The Parties shall [consult each other] within [[thirty]] days, [as the Parties may agree, and in any case before any
decision is taken. They shall keep a record of it].

2. This Agreement applies [Alt 1: to the whole territory of each Party] [Alt 2: to the territory under the control of
each Party].

Article 2
Assistance

Option A
Each Party shall assist the other by all means at its disposal.

Option B
Each Party shall consider what assistance to give.

Article 3
Duration

1. [Proposal of the Republic of Arden: This Agreement shall remain in force for ten years.]

2. [Brenland: This Agreement shall remain in force for thirty years.] [Note: to be reviewed after five years.]

3. The depositary shall be [Arden: the Government of Arden] [Brenland: the Secretary-General].

Article 4
Final provisions

1. The text [sic] printed on [Page 12] and quoted [...] shall be signed on [date] at [place]. [Deleted.]
"""


def _places(text: str) -> list:  # type: ignore[type-arg]
    return places(read_text(text, source="forms.txt"))


# -- the parser ----------------------------------------------------------------------------------

def test_spans_nest_and_are_classified() -> None:
    text = "a [b [[c]] d] [Ukraine: e] [Note: f] [sic] [date] x.[1] [Page 3] [...] [Deleted.]"
    kinds = [(text[s.start:s.end], s.kind, s.depth) for s in parse(text).spans]
    assert kinds == [
        ("[b [[c]] d]", OPEN, 0), ("[[c]]", OPEN, 1), ("[c]", OPEN, 2), ("[Ukraine: e]", ALTERNATIVE, 0),
        ("[Note: f]", REMARK, 0), ("[sic]", EDITORIAL, 0), ("[date]", EDITORIAL, 0), ("[1]", EDITORIAL, 0),
        ("[Page 3]", EDITORIAL, 0), ("[...]", EDITORIAL, 0), ("[Deleted.]", EDITORIAL, 0)]


def test_a_colon_in_bracketed_prose_is_not_a_proposer() -> None:
    text = "[in that event the Parties shall meet: each shall send a minister] [90] [Ukraine: sixty]"
    spans = parse(text).spans
    assert [s.kind for s in spans] == [OPEN, OPEN, ALTERNATIVE]
    assert spans[2].label == "Ukraine" and spans[2].words(text) == "sixty"


def test_stray_brackets_are_reported_and_do_not_hide_the_others() -> None:
    parsed = parse("a ] b [c] d [e")
    assert parsed.unmatched == (2, 12)
    assert [s.kind for s in parsed.spans] == [OPEN]


# -- the places of a published text ------------------------------------------------------------------

def test_every_published_form_is_one_open_place() -> None:
    found = _places(PUBLISHED_FORMS)
    summary = [(p.where, p.level, p.labels) for p in found]
    assert summary == [
        ("Article 1(1)", WORDS, ()),  # consult each other
        ("Article 1(1)", WORDS, ()),  # [[thirty]]
        ("Article 1(1)", WORDS, ()),  # across two sentences
        ("Article 1(2)", WORDS, ("Alt 1", "Alt 2")),
        ("Article 2", PARAGRAPH, ("Option A", "Option B")),
        ("Article 3", POINT, ("Proposal of the Republic of Arden", "Brenland")),
        ("Article 3(3)", WORDS, ("Arden", "Brenland")),
    ]
    assert found[1].text == "[thirty]" and found[1].nested == 1
    assert "They shall keep a record of it" in found[2].text
    assert found[5].alternatives[1].remark == "to be reviewed after five years."


def test_editors_brackets_are_text_not_open_places() -> None:
    doc = read_text("A\n\n1. Signed on [date] at [place] [sic]. [Deleted.] [Page 4] [...] [Insert name] [TBD]\n",
                    source="x.txt")
    assert places(doc) == []


def test_the_shipped_20_point_draft_has_its_disputed_points_as_places() -> None:
    doc = read_bytes((ROOT / "drafts/plan-20-point/v1.json").read_bytes(), "v1.json", suffix=".json")
    found = places(doc)
    assert [(p.where, p.level, len(p.alternatives)) for p in found] == [("point 12", POINT, 2),
                                                                      ("point 14(b)", PARAGRAPH, 0)]
    assert "[date]" in doc.points[6].paragraphs[0]  # an editor's blank, not counted


def test_a_word_file_keeps_its_brackets_and_options() -> None:
    document = docx.Document()
    for para in ("Agreement", "Article 1", "[Alt 1: All Parties shall act.] [Alt 2: Each Party may act.]",
                 "Option A", "Each Party shall assist.", "Option B", "No Party shall assist."):
        document.add_paragraph(para)
    buffer = io.BytesIO()
    document.save(buffer)
    found = places(read_bytes(buffer.getvalue(), "x.docx", suffix=".docx"))
    assert [p.labels for p in found] == [("Alt 1", "Alt 2"), ("Option A", "Option B")]


# -- resolving ---------------------------------------------------------------------------------------

def test_take_chooses_and_lists_what_stays_open() -> None:
    doc = read_text(PUBLISHED_FORMS, source="forms.txt")
    result = resolve(doc, [parse_take("Brenland,Alt 2,Option B")])
    text = " ".join(p for q in result.document.points for c in (q, *q.children) for p in c.paragraphs)
    assert "to the territory under the control of each Party" in text and "Alt" not in text
    assert "Each Party shall consider what assistance to give." in text and "Option" not in text
    assert "thirty years" in text and "ten years" not in text and "Note" not in text
    assert "the Secretary-General" in text and "Arden:" not in text
    assert [p.where for p in result.still_open] == ["Article 1(1)"] * 3  # no proposer: stays open
    assert ("Article 3", "Brenland") in result.chosen


def test_a_scoped_take_only_acts_there_and_a_wrong_scope_names_the_near_ones() -> None:
    doc = read_text(PUBLISHED_FORMS, source="forms.txt")
    result = resolve(doc, [parse_take("Article 2=Option A")])
    assert [p.where for p in result.still_open if p.alternatives] == ["Article 1(2)", "Article 3", "Article 3(3)"]
    with pytest.raises(DraftingError) as err:
        resolve(doc, [parse_take("Article 9=Option A")])
    assert "Article 9" in err.value.message and err.value.matches


def test_agree_removes_brackets_and_keeps_the_words() -> None:
    doc = read_text(PUBLISHED_FORMS, source="forms.txt")
    result = resolve(doc, [], agree=["Article 1"])
    first = result.document.points[0].children[0].paragraphs[0]
    assert first == ("The Parties shall consult each other within thirty days, as the Parties may agree, and in "
                     "any case before any decision is taken. They shall keep a record of it.")


@pytest.mark.parametrize("bad", ["", "=ukraine", "x=", " , "])
def test_a_malformed_take_is_a_message(bad: str) -> None:
    with pytest.raises(DraftingError):
        parse_take(bad)


# -- the library's negotiating text ------------------------------------------------------------------

def test_versions_differing_in_words_bracket_only_those_words() -> None:
    text = negotiating_text([("Ukraine", "Talks begin within 30 days of the request."),
                             ("Europe", "Talks begin within 60 days of the request.")])
    assert text == "Talks begin within [Ukraine: 30] [Europe: 60] days of the request."


def test_versions_differing_throughout_are_paragraphs_of_their_own() -> None:
    text = negotiating_text([("Ukraine", "All shall act at once."), ("Europe", "Nobody is bound to anything here.")])
    assert text == "[Ukraine: All shall act at once.]\n\n[Europe: Nobody is bound to anything here.]"


def test_a_label_that_reads_as_prose_still_parses_as_a_proposer() -> None:
    assert proposer("the hawks: inner circle") == "Proposal of the hawks inner circle"
    assert parse(f"[{proposer('the hawks')}: x]").spans[0].kind == ALTERNATIVE


def _library_draft(template: str, **kw: object) -> Document:
    return assemble(template, load_library(ROOT / "clauses"), ROOT / "templates", **kw)  # type: ignore[arg-type]


def test_taking_a_position_from_the_negotiating_text_gives_that_positions_draft() -> None:
    negotiating = _library_draft("plan-28-point", positions=("all",))
    assert len(places(negotiating)) >= 15
    resolved = resolve(negotiating, [Take(("us-draft",))])
    assert resolved.still_open == ()
    assert resolved.document.content_hash == _library_draft("plan-28-point", position="us-draft").content_hash


def test_a_position_list_falls_back_in_order_and_unknown_positions_are_refused() -> None:
    negotiating = _library_draft("plan-28-point", positions=("us-draft", "framework-20"))
    labels = {label for p in places(negotiating) for label in p.labels}
    assert not any("European" in label for label in labels)
    with pytest.raises(DraftingError) as err:
        _library_draft("plan-28-point", positions=("europa",))
    assert "europe" in err.value.matches


# -- the redline names bracket events ---------------------------------------------------------------

def _kinds(old: Document, new: Document) -> list[str]:
    return [c.kind for d in diff(old, new).points for c in d.brackets]


def _doc(*paras: str) -> Document:
    return Document(points=tuple(Point(key=f"k{i}", label=str(i + 1), paragraphs=(p,)) for i, p in enumerate(paras)))


def test_the_redline_names_each_bracket_event() -> None:
    old = _doc("Talks begin within [30] days.", "Aid comes [Ukraine: at once] [Europe: in time].",
               "Aid comes from all.", "Forces stay [Ukraine: out] [Europe: back].", "All [may] act.")
    new = _doc("Talks begin within 30 days.", "Aid comes in time.", "Aid comes [from all].",
               "Forces stay [Ukraine: out] [Europe: back] [US: home].", "All act.")
    assert _kinds(old, new) == ["agreed", "chosen", "bracketed", "alternative-added", "dropped"]
    assert [c.describe() for c in diff(old, new).points[1].brackets] == ["alternative chosen (Europe)"]
    assert _kinds(new, old) == ["bracketed", "opened", "agreed", "alternative-withdrawn", "opened"]
    assert summarize(diff(old, new)).open_places == (4, 2)


# -- properties ---------------------------------------------------------------------------------------

@st.composite
def negotiating_pairs(draw: st.DrawFn) -> tuple[Document, Document]:
    old = draw(negotiating_documents())
    return old, draw(edited(old))


@settings(max_examples=150, deadline=None)
@given(negotiating_pairs())
def test_accept_and_reject_stay_exact_with_brackets(pair: tuple[Document, Document]) -> None:
    old, new = pair
    redline = diff(old, new)
    assert accept_all(redline) == new
    assert reject_all(redline) == old


@settings(max_examples=150, deadline=None)
@given(negotiating_documents())
def test_taking_every_proposer_leaves_only_unlabelled_places(doc: Document) -> None:
    result = resolve(doc, [Take(("Alpha", "Beta", "Gamma", "Alt 1", "Alt 2", "Option A", "Option B"))],
                     agree=["all"])
    assert all(p.alternatives and not any(a.label for a in p.alternatives) for p in result.still_open)
    for point in result.document.points:
        for text in point.paragraphs:
            assert not any(s.kind == ALTERNATIVE for s in parse(text).spans)


@settings(max_examples=100, deadline=None)
@given(negotiating_documents())
def test_resolving_nothing_changes_nothing(doc: Document) -> None:
    result = resolve(doc, [Take(("Nobody",))])
    assert result.document == replace(doc)
    assert len(result.still_open) == len(places(doc))


def test_markdown_escapes_and_other_option_words_are_read() -> None:
    doc = read_text("A\n\n1. Aid \\[Alt 1: now\\] \\[Alt 2: later\\].\n\n2. Alternative 1: All act.\n\n"
                    "Alternative 2: None acts.\n\n3. Variant A - Aid now.\n\nVariant B - Aid later.\n", source="x.md")
    assert [p.labels for p in places(doc)] == [("Alt 1", "Alt 2"), ("Alternative 1", "Alternative 2"),
                                               ("Variant A", "Variant B")]


def test_a_repeated_proposer_starts_the_next_place() -> None:
    doc = read_text("A\n\n1. Scope.\n\n[Arden: One.]\n\n[Brenland: Two.]\n\n[Arden: Three.]\n\n[Brenland: Four.]\n",
                    source="x.txt")
    assert [p.labels for p in places(doc)] == [("Arden", "Brenland"), ("Arden", "Brenland")]
    result = resolve(doc, [parse_take("brenland")])
    assert result.document.points[0].paragraphs == ("Scope.", "Two.", "Four.")


@pytest.mark.parametrize("text", ["[" * 5000 + "x" + "]" * 5000, "[Alt 1: " * 2000 + "x" + "]" * 2000,
                                  "[a] " * 5000, "[" * 5000, "[Arden: a] [Note: b] " * 2000])
def test_hostile_nests_and_runs_of_brackets_are_read_and_settled(text: str) -> None:
    """Deep nests are settled to a bounded depth (no recursion error), long runs in linear time."""
    doc = read_text(f"T\n\n1. Start {text} end.\n", source="x.txt")
    found = places(doc)
    result = resolve(doc, [Take(("Arden", "Alt 1"))], agree=["all"])
    assert len(result.still_open) <= len(found)
    assert result.document.points[0].paragraphs[0].startswith("Start ")
