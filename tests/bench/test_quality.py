"""The aligner quality benchmark (bench/quality_gen.py, bench/quality_score.py), checked small.

The generator must give the same pair for a seed, with every truth id on the side
it claims and sequential labels; the scorer must call a redline that says exactly
what the truth says correct, and each way of getting a pair wrong by its name.
Today's aligner's percentages are never asserted: they are what the benchmark measures.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from drafting.diff import DELETE, EQUAL, INSERT, PointDiff, Redline, diff
from drafting.model import Document, Meta, Point

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import quality as cli  # noqa: E402
from quality_gen import KINDS, make_pair  # noqa: E402
from quality_score import REFERENCES, STALE, Edit, Expect, Report, Truth, score  # noqa: E402


def unit(points: tuple[Point, ...], path: tuple[int, ...]) -> Point:
    for i in path[:-1]:
        points = points[i].children
    return points[path[-1]]


def perfect(old: Document, new: Document, truth: Truth) -> Redline:
    """The redline that says exactly what `truth` says: every unit with its partner and status,
    references updated where expected, a stale-reference note where expected."""
    where_old = {uid: p for p, uid in truth.old_ids.items()}
    where_new = {uid: p for p, uid in truth.new_ids.items()}
    updated = {e.units[0].new for e in truth.edits if e.flag == REFERENCES}
    notes = tuple(f"stale reference in point {unit(new.points, where_new[e.units[0].new]).label}"
                  for e in truth.edits if e.flag == STALE and e.units[0].new is not None)
    pairs = []
    for e in truth.expected:
        po = where_old[e.old] if e.old is not None else None
        pn = where_new[e.new] if e.new is not None else None
        a = unit(old.points, po) if po else None
        b = unit(new.points, pn) if pn else None
        body = ((DELETE, a.body), (INSERT, b.body)) if a and b and a.body != b.body else ()
        pairs.append(PointDiff(e.status, a, b, po[-1] if po else None, pn[-1] if pn else None, body=body,
                               body_marks=("reference",) * 2 if e.new in updated and body else (),
                               old_parent=po[:-1] if po else (), new_parent=pn[:-1] if pn else ()))
    return Redline(old_meta=Meta(), new_meta=Meta(), points=tuple(pairs), notes=notes)


def ids(d: PointDiff, truth: Truth) -> tuple[int | None, int | None]:
    """The truth's ids of a pair's old and new unit (None where it has none)."""
    return (truth.old_ids[(*d.old_parent, d.old_index)] if d.old_index is not None else None,
            truth.new_ids[(*d.new_parent, d.new_index)] if d.new_index is not None else None)


@pytest.fixture(scope="module")
def small() -> tuple[Document, Document, Truth]:
    return make_pair(10, seed=3)


def test_the_generator_gives_the_same_pair_for_a_seed_and_another_for_another_seed() -> None:
    first, again, other = make_pair(4, seed=5), make_pair(4, seed=5), make_pair(4, seed=6)
    assert first == again
    assert first[0] != other[0]


def test_every_truth_id_is_on_the_side_it_claims(small: tuple[Document, Document, Truth]) -> None:
    old, new, truth = small
    for side, doc, ids in (("old", old, truth.old_ids), ("new", new, truth.new_ids)):
        paths = {(i,) for i in range(len(doc.points))} | {
            (i, k) for i, p in enumerate(doc.points) for k in range(len(p.children))}
        assert set(ids) == paths, side  # every unit has an id, and every id a unit
        assert len(set(ids.values())) == len(ids), side
    for e in (*truth.expected, *(u for edit in truth.edits for u in edit.units)):
        assert e.old is None or e.old in truth.old_ids.values(), e
        assert e.new is None or e.new in truth.new_ids.values(), e
        assert e.old is not None or e.new is not None
    assert len(truth.expected) == len({*truth.old_ids.values(), *truth.new_ids.values()})


def test_labels_run_in_sequence_on_both_sides_and_most_units_are_unchanged(
        small: tuple[Document, Document, Truth]) -> None:
    old, new, truth = small
    for doc in (old, new):
        assert [p.label for p in doc.points] == [str(i + 1) for i in range(len(doc.points))]
        for p in doc.points:
            assert [c.label for c in p.children] == [chr(97 + k) for k in range(len(p.children))]
            assert (p.key, p.kind) == ("", "point") and all(c.kind == "sub" for c in p.children)
    statuses = Counter(e.status for e in truth.expected)
    assert statuses["same"] + statuses["renumbered"] > len(truth.expected) / 2
    assert statuses["renumbered"] > 0


def test_ten_pages_hold_every_kind_of_edit(small: tuple[Document, Document, Truth]) -> None:
    assert {e.kind for e in small[2].edits} == set(KINDS)


def test_a_far_move_crosses_more_than_twenty_points(small: tuple[Document, Document, Truth]) -> None:
    old_at = {uid: p[0] for p, uid in small[2].old_ids.items() if len(p) == 1}
    new_at = {uid: p[0] for p, uid in small[2].new_ids.items() if len(p) == 1}
    kept = [uid for uid in old_at if uid in new_at]
    far = [e.old for edit in small[2].edits if edit.kind in ("reworded-moved", "block-moved") for e in edit.units]
    assert far
    for uid in far:
        assert uid is not None
        crossed = sum((old_at[v] < old_at[uid]) != (new_at[v] < new_at[uid]) for v in kept)
        assert crossed > 20, uid


def test_a_reference_changes_only_its_number_when_updated_and_nothing_when_stale(
        small: tuple[Document, Document, Truth]) -> None:
    old, new, truth = small
    where_old = {uid: p for p, uid in truth.old_ids.items()}
    where_new = {uid: p for p, uid in truth.new_ids.items()}
    for edit in truth.edits:
        if edit.flag:
            e = edit.units[0]
            assert e.old is not None and e.new is not None
            a, b = unit(old.points, where_old[e.old]).body, unit(new.points, where_new[e.new]).body
            assert (a == b) == (edit.flag == STALE)
            assert [w for w in a.split() if not w.strip(".,").isdigit()] == \
                   [w for w in b.split() if not w.strip(".,").isdigit()]
            assert e.status in ("same", "renumbered")


def test_the_redline_the_truth_describes_scores_every_instance_correct(
        small: tuple[Document, Document, Truth]) -> None:
    old, new, truth = small
    report = score(perfect(old, new, truth), old, new, truth)
    assert report.total.n == report.total.correct == len(truth.edits) > 0
    assert report.failures == [] and report.false_moves == 0
    for status, (exact, reported, expected) in report.statuses.items():
        assert exact == reported == expected, status


def test_a_partner_swapped_is_wrong_and_a_pair_unpaired_is_missed(
        small: tuple[Document, Document, Truth]) -> None:
    old, new, truth = small
    good = perfect(old, new, truth)
    edit = next(e for e in truth.edits if e.kind == "reworded")
    target = next(i for i, d in enumerate(good.points) if ids(d, truth) == (edit.units[0].old, edit.units[0].new))
    d = good.points[target]
    alone = (replace(d, status="deleted", new=None, new_index=None, body=()),
             replace(d, status="inserted", old=None, old_index=None, body=()))
    missed = replace(good, points=good.points[:target] + alone + good.points[target + 1:])
    report = score(missed, old, new, truth)
    assert (report.kinds["reworded"].missed, report.kinds["reworded"].correct + 1) == (
        1, score(good, old, new, truth).kinds["reworded"].correct)
    # The same unit paired with its neighbour's new half instead.
    other = next(i for i, x in enumerate(good.points) if i != target and x.status == "same" and not x.old_parent)
    o = good.points[other]
    swapped = list(good.points)
    swapped[target] = replace(d, new=o.new, new_index=o.new_index)
    swapped[other] = replace(o, new=d.new, new_index=d.new_index, status="changed")
    report = score(replace(good, points=tuple(swapped)), old, new, truth)
    assert report.kinds["reworded"].wrong == 1
    assert any(f.kind == "reworded" and f.verdict == "wrong" for f in report.failures)


def test_right_partners_with_a_wrong_status_or_no_flag_are_partly(
        small: tuple[Document, Document, Truth]) -> None:
    old, new, truth = small
    good = perfect(old, new, truth)
    split = next(e for e in truth.edits if e.kind == "split")
    pieces = {u.new for u in split.units}
    as_changed = tuple(replace(d, status="changed" if d.old else "inserted") if ids(d, truth)[1] in pieces else d
                       for d in good.points)
    unflagged = tuple(replace(d, body_marks=()) for d in good.points)
    report = score(replace(good, points=as_changed, notes=()), old, new, truth)
    assert report.kinds["split"].partly == 1
    assert report.kinds["reference-stale"].partly == report.kinds["reference-stale"].n > 0
    report = score(replace(good, points=unflagged), old, new, truth)
    assert report.kinds["reference-updated"].partly == report.kinds["reference-updated"].n > 0
    assert report.kinds["reference-stale"].correct == report.kinds["reference-stale"].n


def three_points() -> tuple[Document, Document, Truth]:
    """Three points, and a new one inserted after the first: ids 0, 1, 2 and 3."""
    texts = ["The Parties shall withdraw heavy weapons from the line of contact within 30 days.",
             "Each Party shall exchange prisoners of war through the designated crossing points.",
             "The Joint Commission shall report any incident to the Guarantor States within 7 days."]
    added = "The depositary shall register this Agreement with the Secretariat of the United Nations."

    def doc(bodies: list[str]) -> Document:
        return Document(title="Plan", points=tuple(Point(key="", label=str(i + 1), paragraphs=(t,))
                                                   for i, t in enumerate(bodies)))

    truth = Truth(1, 0, (Edit("plain", "inserted", (Expect(None, 3, "inserted"),)),),
                  (Expect(0, 0, "same"), Expect(1, 1, "renumbered"), Expect(2, 2, "renumbered"),
                   Expect(None, 3, "inserted")),
                  {(0,): 0, (1,): 1, (2,): 2}, {(0,): 0, (1,): 3, (2,): 1, (3,): 2})
    return doc(texts), doc([texts[0], added, *texts[1:]]), truth


def test_diff_of_one_insertion_is_correct_and_a_hand_made_wrong_pairing_is_wrong() -> None:
    old, new, truth = three_points()
    report = score(diff(old, new), old, new, truth)
    assert (report.total.n, report.total.correct, report.false_moves) == (1, 1, 0)
    assert report.statuses["renumbered"] == (2, 2, 2)
    wrong = Redline(Meta(), Meta(), points=(
        PointDiff("same", old.points[0], new.points[0], 0, 0),
        PointDiff("moved", old.points[1], new.points[1], 1, 1, body=((EQUAL, "x"),)),
        PointDiff("inserted", None, new.points[2], None, 2),
        PointDiff("renumbered", old.points[2], new.points[3], 2, 3)))
    report = score(wrong, old, new, truth)
    assert report.kinds["plain"].wrong == 1 and report.false_moves == 1
    assert report.statuses["renumbered"] == (1, 1, 2)
    [failure] = report.failures
    assert "expected inserted" in failure.lines[0] and "reported moved: old 2" in failure.lines[0]


def test_the_report_and_the_failures_read_as_markdown_and_text() -> None:
    old, new, truth = three_points()
    report = score(Redline(Meta(), Meta(), points=(
        PointDiff("same", old.points[0], new.points[0], 0, 0),
        PointDiff("changed", old.points[1], new.points[1], 1, 1),
        PointDiff("inserted", None, new.points[2], None, 2),
        PointDiff("renumbered", old.points[2], new.points[3], 2, 3))), old, new, truth)
    report.seconds = 0.5
    text = cli.section(report, "facts")
    assert "| plain | 1 | 0 | 0 | 0 | 1 | 0 |" in text and "| **all** | 1 |" in text
    assert "| renumbered | 2 | 1 | 1 | 100% | 50% |" in text and "0.500 s" in text
    shown = cli.show(report, "plain", 5)
    assert "1 failing instance(s) of plain" in shown and 'new 2 "The depositary shall' in shown
    assert isinstance(report, Report) and cli.show(report, "split", 5).endswith("of split")
