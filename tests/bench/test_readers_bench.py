"""The reader benchmark's scorer (bench/readers_score.py), checked without any reader.

A perfect tree must score 100% with nothing to report; each kind of damage a reader
can do must lower the score (or count a false unit, or fail the front matter) and
be named in the mismatches, so the benchmark cannot pass a reader that is wrong.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from drafting.model import Document, Point, iter_points

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import readers as bench  # noqa: E402
import readers_gen as gen  # noqa: E402
from readers_score import Expect, Score, load_truth, score  # noqa: E402


def trade() -> Document:
    """A two-level agreement: chapters inside parts, numbered paragraphs, (a) and (i) points."""
    return gen.build("trade", random.Random("scorer-tests"))


def edit(points: tuple[Point, ...], label: str, change: Callable[[Point], Point | None]
         ) -> tuple[Point, ...]:
    """`points` with the point called `label` ("chapter 3", "article 2.1"; at any depth)
    changed, or dropped for None."""
    out = []
    for p in points:
        q = change(p) if _labelled(p, label) else replace(
            p, children=edit(p.children, label, change))
        if q is not None:
            out.append(q)
    return tuple(out)


def _labelled(p: Point, name: str) -> bool:
    return f"{p.kind} {p.label}" == name


def find(points: tuple[Point, ...], label: str) -> Point:
    for p in points:
        if _labelled(p, label):
            return p
        try:
            return find(p.children, label)
        except LookupError:
            pass
    raise LookupError(label)


def with_points(doc: Document, label: str, change: Callable[[Point], Point | None]) -> Document:
    return replace(doc, points=edit(doc.points, label, change))


def moved(doc: Document) -> Document:
    """Article 2.1 taken out of chapter 2 and put at the end of chapter 3."""
    article = find(doc.points, "article 2.1")
    doc = with_points(doc, "article 2.1", lambda p: None)
    return with_points(doc, "chapter 3", lambda c: replace(c, children=(*c.children, article)))


def numbered(doc: Document) -> str:
    """The first article whose text is in numbered paragraphs."""
    return next(f"article {u.label}" for u in iter_points(doc.points)
                if u.kind == "article" and u.children)


def deepest_changed(p: Point) -> Point:
    """`p` with one word added to its deepest first sub-unit (an (i), an (a) or a `1.`)."""
    if p.children:
        return replace(p, children=(deepest_changed(p.children[0]), *p.children[1:]))
    return replace(p, paragraphs=(p.paragraphs[0] + " now", *p.paragraphs[1:]))


def flattened(p: Point) -> Point:
    """`p` with its numbered paragraphs read as one block of text: same words, no children."""
    words = " ".join(q.paragraphs[0] for q in iter_points(p.children))
    return replace(p, children=(), paragraphs=(words,))


DAMAGE: list[tuple[str, Callable[[Document], Document], str]] = [
    ("article-dropped", lambda d: with_points(d, "article 1.2", lambda p: None),
     "article 1.2: missing"),
    ("name-changed", lambda d: with_points(d, "article 1.2", lambda p: replace(p, heading="Other")),
     "name"),
    ("name-lost", lambda d: with_points(d, "article 2.1", lambda p: replace(p, heading="")),
     "name"),
    ("word-added-deep-down", lambda d: with_points(d, numbered(d), deepest_changed),
     "text at"),
    ("numbered-paragraphs-not-split", lambda d: with_points(d, numbered(d), flattened),
     "children [1"),
    ("moved-to-another-chapter", moved, "under [I 2] -> [II 3]"),
    ("kind-changed", lambda d: with_points(d, "article 1.3", lambda p: replace(p, kind="point")),
     "kind article -> point"),
    ("chapter-renamed", lambda d: with_points(d, "chapter 2", lambda p: replace(
        p, heading="Goods")),
     "chapter 2: name"),
    ("chapter-kind", lambda d: with_points(d, "chapter 2", lambda p: replace(p, kind="section")),
     "kind chapter -> section"),
    ("chapter-holds-text", lambda d: with_points(d, "chapter 1", lambda p: replace(
        p, paragraphs=("stray",))), "own paragraphs 0 -> 1"),
    ("part-lost", lambda d: replace(d, points=tuple(
        c for p in d.points for c in (p.children if p.kind == "part" else (p,)))),
     "part I: missing"),
    ("closing-into-an-article", lambda d: replace(with_points(
        d, "article 4.1", lambda p: replace(p, paragraphs=(*p.paragraphs, *d.closing))),
        closing=()),
     "front: closing 1 -> 0"),
    ("reader-failed", lambda d: d, "reader failed: boom"),
]


@pytest.mark.parametrize("shape", gen.SHAPES)
def test_every_generated_truth_scores_100_against_itself(shape: str) -> None:
    for case in bench.cases(3, shapes=(shape,)):
        result = score(Expect(case.truth, case.marks), case.truth)
        assert result.percent == 100.0 and result.units_exact == result.units > 0, case.style
        assert (result.false, result.marks, result.front, result.mismatches) == (0, 0, True, [])


@pytest.mark.parametrize(("damage", "said"), [(d, s) for _, d, s in DAMAGE],
                         ids=[name for name, _, _ in DAMAGE])
def test_damage_lowers_the_score_and_is_named(damage: Callable[[Document], Document],
                                              said: str) -> None:
    truth = trade()
    got = damage(truth)
    result = score(Expect(truth), None if said.startswith("reader failed") else got, "boom")
    assert result.percent < 100.0 or not result.front
    assert any(said in m for m in result.mismatches), result.mismatches


def test_a_unit_that_should_not_exist_is_false() -> None:
    truth = trade()
    extra = Point("@article-9.9", "9.9", "article", paragraphs=("Invented.",))
    result = score(Expect(truth), replace(truth, points=(*truth.points, extra)))
    assert result.false == 1 and result.percent == 100.0
    assert "article 9.9: false, 'Invented.'" in result.mismatches


def test_a_moved_article_fails_it_and_both_chapters() -> None:
    result = score(Expect(trade()), moved(trade()))
    assert result.units - result.units_exact == 1
    assert sum("holds" in m for m in result.mismatches) >= 2


def test_page_marks_left_in_the_preamble_or_a_unit_are_counted() -> None:
    truth = trade()
    marks = ("[Page 12]", "13")
    polluted = replace(truth, preamble=(truth.preamble[0], "[Page 12]", *truth.preamble[1:]))
    polluted = with_points(polluted, "article 1.1", lambda p: replace(
        p, children=(replace(p.children[0], paragraphs=(p.children[0].paragraphs[0] + " 13",)),
                     *p.children[1:])) if p.children else replace(
        p, paragraphs=(p.paragraphs[0] + " 13", *p.paragraphs[1:])))
    result = score(Expect(truth, marks), polluted)
    assert result.marks == 2 and not result.front
    assert "page marks kept: [Page 12], 13" in result.mismatches


def test_a_party_not_named_in_the_text_is_reported() -> None:
    truth = trade()
    good = score(Expect(truth), replace(truth, parties=("the Republic of Arden",)))
    bad = score(Expect(truth), replace(truth, parties=("[Page 3] Arden",)))
    assert good.front and not bad.front


def test_generated_texts_are_the_same_for_a_seed_and_hold_their_page_marks() -> None:
    first, again, other = bench.cases(5), bench.cases(5), bench.cases(6)
    assert [c.text for c in first] == [c.text for c in again] != [c.text for c in other]
    for case in first:
        assert all(f"\n{mark}\n" in case.text for mark in case.marks)
        assert bool(case.marks) == (case.style == "pagebreaks")


def test_a_reader_that_raises_scores_nothing_and_is_reported(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import drafting.readers.text as text_reader

    def broken(text: str, *, source: str = "") -> Document:
        raise RuntimeError("broken")

    monkeypatch.setattr(text_reader, "read_text", broken)
    [(shape, result)] = bench.run_generated(1, ["flat"], ["separate"])["separate"]
    assert shape == "flat" and result.units > 0 and result.units_exact == 0
    assert result.mismatches == ["reader failed: RuntimeError: broken"]


def test_the_report_gives_rows_totals_and_the_first_mismatches() -> None:
    bad = Score(units=3, units_exact=1, mismatches=[f"article {i}: missing" for i in range(12)])
    good = Score(units=2, units_exact=2)
    text = bench.report({"colon": [("flat", bad), ("roman", good)]}, [], [],
                        command="python bench/readers.py", verbose=False)
    assert "| colon | 3/5 | – | 0 | 2/2 | 0 | 60.0 |" in text
    assert "| flat | 1/3 | – | 0 | ✓ | 0 | 33.3 |" in text
    assert "- flat: article 7: missing" in text and "article 8:" not in text
    assert "- … 4 more (--verbose lists all)" in text


TRUTH = """\
# a comment
text: sample.txt
title: yes
parties: any
preamble: 2   # two recitals
closing: 0
marks: [Page 4]; 17
article I..III paragraphs=1
article IV paragraphs=any children=a,b
point 1,2,4..5 paragraphs=2
"""


def test_a_truth_file_gives_labels_kinds_and_counts(tmp_path: Path) -> None:
    path = tmp_path / "sample.truth"
    path.write_text(TRUTH, encoding="utf-8")
    name, expect = load_truth(path)
    doc = expect.doc
    assert name == "sample.txt" and expect.counts and expect.loose == {"parties"}
    assert expect.marks == ("[Page 4]", "17")
    assert [p.label for p in doc.points] == ["I", "II", "III", "IV", "1", "2", "4", "5"]
    assert [c.label for c in doc.points[3].children] == ["a", "b"]
    assert (bool(doc.title), len(doc.preamble), len(doc.closing)) == (True, 2, 0)
    assert score(expect, doc).mismatches == []
    fewer = edit(doc.points, "point 5", lambda p: replace(p, paragraphs=("…",)))
    any_count = edit(doc.points, "article IV", lambda p: replace(p, paragraphs=("…",) * 3))
    assert score(expect, replace(doc, points=fewer)).mismatches == ["point 5: paragraphs 2 -> 1"]
    assert score(expect, replace(doc, points=any_count)).mismatches == []


def test_the_shipped_truth_files_load() -> None:
    files = sorted((BENCH / "readers-truth").glob("*.truth"))
    assert len(files) >= 7
    for path in files:
        name, expect = load_truth(path)
        assert name.endswith(".txt") and expect.doc.points, path.name
