"""The redline's contract, over generated documents: accept gives new, reject gives old."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drafting.diff import accept_all, diff, new_text, old_text, reject_all, summarize, word_diff
from drafting.diff.redline import PointDiff
from tests.strategies import documents, edited, edited_structure, structured


@st.composite
def pairs(draw: st.DrawFn):  # type: ignore[no-untyped-def]
    old = draw(documents())
    return old, draw(edited(old))


def _walk(diffs: tuple[PointDiff, ...]) -> list[PointDiff]:
    return [x for d in diffs for x in (d, *_walk(d.children))]


@settings(max_examples=300, deadline=None)
@given(pairs())
def test_accept_all_gives_new_and_reject_all_gives_old(pair) -> None:  # type: ignore[no-untyped-def]
    old, new = pair
    redline = diff(old, new)
    assert accept_all(redline) == new
    assert reject_all(redline) == old


@settings(max_examples=100, deadline=None)
@given(documents())
def test_a_document_against_itself_is_all_same(doc) -> None:  # type: ignore[no-untyped-def]
    redline = diff(doc, doc)
    assert all(d.status == "same" for d in _walk(redline.points))
    assert summarize(redline).words_inserted == summarize(redline).words_deleted == 0


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80), st.text(max_size=80))
def test_word_diff_keeps_every_character(a: str, b: str) -> None:
    ops = word_diff(a, b)
    assert old_text(ops) == a
    assert new_text(ops) == b


@settings(max_examples=100, deadline=None)
@given(pairs())
def test_statuses_agree_with_sides(pair) -> None:  # type: ignore[no-untyped-def]
    for d in _walk(diff(*pair).points):
        if d.old is None:
            assert d.status in ("inserted", "split")
        elif d.new is None:
            assert d.status in ("deleted", "merged")
        else:
            assert d.status in ("same", "renumbered", "changed", "moved", "split", "merged")


def _keyed(doc):  # type: ignore[no-untyped-def]
    """Clause-style keys (not derived), as assembled drafts carry: the same text gets the same key."""
    from dataclasses import replace
    from zlib import crc32

    points = tuple(replace(p, key=f"fam.k{crc32(p.text.encode()) % 5}-{i % 3}") for i, p in enumerate(doc.points))
    return replace(doc, points=points)


@settings(max_examples=200, deadline=None)
@given(pairs())
def test_accept_and_reject_hold_for_keyed_drafts(pair) -> None:  # type: ignore[no-untyped-def]
    old, new = _keyed(pair[0]), _keyed(pair[1])
    redline = diff(old, new)
    assert accept_all(redline) == new
    assert reject_all(redline) == old


@st.composite
def structured_pairs(draw: st.DrawFn):  # type: ignore[no-untyped-def]
    old = draw(structured())
    return old, draw(edited_structure(old))


@settings(max_examples=300, deadline=None)
@given(structured_pairs())
def test_accept_and_reject_hold_with_divisions(pair) -> None:  # type: ignore[no-untyped-def]
    old, new = pair
    redline = diff(old, new)
    assert accept_all(redline) == new
    assert reject_all(redline) == old
    for d in _walk(redline.points):
        if d.old is not None and d.new is not None:
            assert d.old.kind == d.new.kind or not (d.old.is_division or d.new.is_division)


@settings(max_examples=100, deadline=None)
@given(structured())
def test_a_document_with_divisions_against_itself_is_all_same(doc) -> None:  # type: ignore[no-untyped-def]
    assert all(d.status == "same" for d in _walk(diff(doc, doc).points))
