"""`treaty merge`: the three-way merge of drafts, and its properties over generated documents."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from drafting.brackets import Take, places, resolve
from drafting.merge import merge, merge3
from drafting.merge._tree import _bare, _pairs
from drafting.model import Document, iter_points
from drafting.readers.text import read_text
from tests.strategies import documents, edited

A = "A ceasefire takes effect on the day the monitors report that all forces have withdrawn."
B = "Elections are held within one hundred days of the signature of this plan."
C = "Every party receives a full amnesty for acts committed during the war."
D = "Grain is shipped across the Black Sea under the protection of the naval mission."
E = "A peace council chaired by the mediator supervises the implementation of every point."


def plan(*points: str) -> Document:
    return read_text("Plan\n\n" + "\n\n".join(f"{n}. {p}" for n, p in enumerate(points, 1)) + "\n", source="p.txt")


def texts(doc: Document) -> list[str]:
    return [p.paragraphs[0] for p in doc.points]


def test_words_merge_when_the_edits_do_not_touch() -> None:
    assert merge3("a b c d", "a B c d", "a b c D") == "a B c D"
    assert merge3("a b c d", "a X c d", "a Y c d") is None
    assert merge3("a b c d", "a X c d", "a X c d") == "a X c d"


def test_changes_to_different_points_and_words_merge_cleanly() -> None:
    base = plan(A, B, C)
    ours = plan(A.replace("all forces", "all foreign forces"), B, C, D)
    theirs = plan(A.replace("A ceasefire", "The ceasefire"), B.replace("one hundred", "ninety"))
    result = merge(base, ours, theirs, names=("US", "Ukraine"))
    assert result.clean
    assert texts(result.document) == [
        "The ceasefire takes effect on the day the monitors report that all foreign forces have withdrawn.",
        B.replace("one hundred", "ninety"), D]
    assert "point 4 inserted" in result.ours and "point 3 deleted" in result.theirs
    assert [p.label for p in result.document.points] == ["1", "2", "3"]


def test_a_real_conflict_becomes_alternatives_that_resolve_settles() -> None:
    base = plan(A, B, C)
    ours = plan(A.replace("all forces", "all foreign forces"), B, C)
    theirs = plan(A.replace("all forces", "every force"), B)
    result = merge(base, ours, theirs, names=("US", "Ukraine"))
    assert [(c.kind, c.point) for c in result.conflicts] == [("changed", "point 1")]
    assert texts(result.document)[0] == ("A ceasefire takes effect on the day the monitors report that "
                                        "[US: all foreign forces] [Ukraine: every force] have withdrawn.")
    assert [p.labels for p in places(result.document)] == [("US", "Ukraine")]
    assert texts(resolve(result.document, [Take(("Ukraine",))]).document)[0] == A.replace("all forces", "every force")


def test_deleted_on_one_side_and_changed_on_the_other_is_a_conflict() -> None:
    base = plan(A, B, C)
    result = merge(base, plan(A, C), plan(A, B.replace("one hundred", "ninety"), C), names=("US", "Ukraine"))
    assert [c.kind for c in result.conflicts] == ["deleted"]
    assert texts(resolve(result.document, [Take(("US",))]).document) == [A, C]
    kept = resolve(result.document, [Take(("Ukraine",))]).document
    assert texts(kept) == [A, B.replace("one hundred", "ninety"), C]


def test_different_points_inserted_in_one_place_are_alternatives() -> None:
    base = plan(A, B)
    result = merge(base, plan(A, D, B), plan(A, E, B), names=("US", "Ukraine"))
    assert [c.kind for c in result.conflicts] == ["inserted"]
    assert texts(resolve(result.document, [Take(("US",))]).document) == [A, D, B]
    assert texts(resolve(result.document, [Take(("Ukraine",))]).document) == [A, E, B]
    same = merge(base, plan(A, D, B), plan(A, D, B))
    assert same.clean and texts(same.document) == [A, D, B]


def _worded(doc: Document) -> bool:
    """Every point says something of its own: a point without a word has nothing a conflict could
    bracket, and two paragraphs saying the same are the same or not by their place alone (the
    aligner pairs them in order, each side on its own); such drafts are left out of the swap law."""
    texts = [t for p in iter_points(doc.points) for t in p.paragraphs]
    return all(p.paragraphs for p in iter_points(doc.points)) and len(set(texts)) == len(texts)


@st.composite
def triples(draw: st.DrawFn) -> tuple[Document, Document, Document]:
    base = draw(documents())
    return base, draw(edited(base)), draw(edited(base))


@settings(max_examples=150, deadline=None)
@given(triples())
def test_an_unchanged_side_gives_the_other_and_equal_sides_give_themselves(t: tuple[Document, Document, Document]) -> None:
    base, x, _ = t
    assert merge(base, base, x).document.content_hash == x.content_hash
    assert merge(base, x, base).document.content_hash == x.content_hash
    assert merge(base, x, x).document.content_hash == x.content_hash


@settings(max_examples=500, deadline=None)
@given(triples())
def test_swapping_the_sides_swaps_only_the_alternatives(t: tuple[Document, Document, Document]) -> None:
    base, x, y = t
    assume(all(_worded(d) for d in t))
    one = merge(base, x, y, names=("X", "Y"))
    two = merge(base, y, x, names=("Y", "X"))
    assert len(one.conflicts) == len(two.conflicts)
    for name in ("X", "Y"):
        settled = [resolve(m.document, [Take((name,))]).document for m in (one, two)]
        assert settled[0].content_hash == settled[1].content_hash


@settings(max_examples=200, deadline=None)
@given(triples())
def test_a_clean_merge_keeps_every_change_of_both_sides(t: tuple[Document, Document, Document]) -> None:
    """Where one side left a point alone, the other side's version of it stands in a clean merge
    (deleted: gone); a point one side inserted stands in it as written."""
    base, x, y = t
    assume(all(_worded(d) for d in t))
    result = merge(base, x, y)
    assume(result.clean)
    merged = [_bare(p) for p in result.document.points]
    for side, other in ((x, y), (y, x)):
        mine, _ = _pairs(base.points, side.points)
        yours, _ = _pairs(base.points, other.points)
        for i, point in enumerate(base.points):
            if i not in yours or _bare(other.points[yours[i]]) != _bare(point):
                continue  # the other side changed or deleted it too: not this side's change alone
            if i in mine:
                assert _bare(side.points[mine[i]]) in merged
            else:
                assert _bare(point) not in merged
        for j, point in enumerate(side.points):
            if j not in mine.values():
                assert _bare(point) in merged


def test_a_point_moved_to_two_places_stands_in_both_as_the_sides_proposals() -> None:
    base = plan(A, B, C, D)
    result = merge(base, plan(B, C, A, D), plan(B, C, D, A), names=("US", "Ukraine"))
    assert [c.kind for c in result.conflicts] == ["moved"]
    assert texts(resolve(result.document, [Take(("US",))]).document) == [B, C, A, D]
    assert texts(resolve(result.document, [Take(("Ukraine",))]).document) == [B, C, D, A]
    same = merge(base, plan(B, C, A, D), plan(B, C, A, D))
    assert same.clean and texts(same.document) == [B, C, A, D]
