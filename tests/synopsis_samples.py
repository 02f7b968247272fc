"""Synopses built by hand for the writers' tests: every state of a cell and status of a row."""

from __future__ import annotations

from drafting.diff.redline import DELETE, EQUAL, INSERT
from drafting.synopsis._model import (
    ABSENT, ADDED, AGREED, CHANGED, COVERED, DROPPED, MERGED, NOT_IN_EXCERPT, OPENED, PRESENT, RENUMBERED,
    RESTORED, SPLIT, UNCHANGED, Cell, Row, Synopsis, Version,
)

HOSTILE = '<script>alert(1)</script> =SUM(A1:A2) \x1b[31m "quoted" & <b>bold</b>'


def _same(number: str, text: str, against: int | None, anchor: str) -> Cell:
    return Cell(PRESENT, number, number.split()[-1], "", text, ((EQUAL, text),) if against is not None else (),
                against, "same" if against is not None else "", 1, anchor)


def sample() -> Synopsis:
    """Three versions (the second an excerpt), grouped in two chapters: unchanged, changed,
    dropped and restored, added later, dropped, split in the third version, merged in the
    second, and one row whose brackets were agreed."""
    v = (Version("US draft", "plan-28-point/v1", 5), Version("Europe", "europe.txt", 3, 3, excerpt=True),
         Version("Framework", "plan-20-point/v1", 5, 4, open_places=1))
    ceiling_ops = ((EQUAL, "The armed forces shall not exceed "), (DELETE, "600,000"), (INSERT, "800,000"),
                   (EQUAL, " personnel."))
    rows = (
        Row("s1", "sovereignty.confirmed", "Sovereignty", ("CHAPTER 1: General",), (
            _same("point 1", "1. Sovereignty\nThe Parties confirm sovereignty.", None, "v0-s1"),
            _same("point 1", "1. Sovereignty\nThe Parties confirm sovereignty.", 0, "v1-s1"),
            _same("point 1", "1. Sovereignty\nThe Parties confirm sovereignty.", 1, "v2-s1")), UNCHANGED),
        Row("s2", "armed-forces.ceiling", "Armed forces", ("CHAPTER 1: General",), (
            Cell(PRESENT, "point 2", "2", "Armed forces", "The armed forces shall not exceed 600,000 personnel.",
                 (), None, "", 1, "v0-s2"),
            Cell(PRESENT, "point 2", "2", "Armed forces", "The armed forces shall not exceed 800,000 personnel.",
                 ceiling_ops, 0, "changed", 1, "v1-s2"),
            _same("point 3", "The armed forces shall not exceed 800,000 personnel.", 1, "v2-s2")),
            CHANGED, (RENUMBERED,)),
        Row("s3", "@3", "Guarantee", ("CHAPTER 2: Guarantees",), (
            Cell(PRESENT, "point 3", "3", "Guarantee", "A guarantee is given.", (), None, "", 2, "v0-s3"),
            Cell(NOT_IN_EXCERPT),
            Cell(PRESENT, "point 4", "4", "Guarantee", "A guarantee is given.", ((EQUAL, "A guarantee is given."),),
                 0, "split", 1, "v2-s3")), UNCHANGED, (SPLIT,)),
        Row("s4", "@4", "Guarantee, second half", ("CHAPTER 2: Guarantees",), (
            Cell(COVERED),
            Cell(NOT_IN_EXCERPT),
            Cell(PRESENT, "point 5", "5", "", "It is reviewed [every ten years].", (), None, "split", 1, "v2-s4",
                 open_places=1)), ADDED, (SPLIT, OPENED)),
        Row("s5", "@5", "Amnesty", ("CHAPTER 2: Guarantees",), (
            _same("point 4", "All are pardoned.", None, "v0-s5"),
            Cell(ABSENT),
            Cell(PRESENT, "point 2", "2", "Amnesty", "All are pardoned.", ((EQUAL, "All are pardoned."),), 0,
                 "moved", 1, "v2-s5")), RESTORED),
        Row("s6", "@6", "Elections", ("CHAPTER 2: Guarantees",), (
            Cell(PRESENT, "point 5", "5", "Elections", "Elections within 100 days [or sooner].", (), None, "", 1,
                 "v0-s6", open_places=1),
            Cell(PRESENT, "point 3", "3", "Elections", "Elections within 100 days. " + HOSTILE,
                 ((EQUAL, "Elections within 100 days"), (DELETE, " [or sooner]"), (EQUAL, "."),
                  (INSERT, " " + HOSTILE)), 0, "merged", 2, "v1-s6"),
            Cell(ABSENT)), DROPPED, (MERGED, AGREED)),
        Row("s7", "@7", "Ceasefire", ("CHAPTER 2: Guarantees",), (
            Cell(ABSENT), Cell(COVERED), Cell(ABSENT)), DROPPED, (MERGED,)),
    )
    return Synopsis(v, rows, None, ("Europe is an excerpt: a subject missing from it is not in the excerpt",))
