"""`treaty compare`'s synopsis: subjects followed across N versions, one row each."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafting.diff.redline import DELETE, INSERT
from drafting.errors import DraftingError
from drafting.model import Document
from drafting.readers import read_document
from drafting.readers.text import read_text
from drafting.synopsis import (
    ABSENT, ADDED, CHANGED, COVERED, DROPPED, MERGED, NOT_IN_EXCERPT, OPENED, PRESENT, RESTORED, SPLIT, UNCHANGED,
    build,
)
from tests.conftest import CORPUS

ROOT = Path(__file__).resolve().parent.parent

CEASEFIRE = "A ceasefire takes effect on the day the monitors report that all forces have withdrawn."
ELECTIONS = "Elections are held within one hundred days of the signature of this plan."
AMNESTY = "Every party to the conflict receives a full amnesty for acts committed during the war."
GRAIN = "Grain is shipped across the Black Sea under the protection of the naval monitoring mission."
COUNCIL = "A peace council chaired by the mediator supervises the implementation of every point."


def plan(*points: str) -> Document:
    return read_text("Plan\n\n" + "\n\n".join(f"{n}. {p}" for n, p in enumerate(points, 1)) + "\n", source="p.txt")


def cells(row) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.number if c.state == PRESENT else c.state for c in row.cells]


def test_a_subject_dropped_in_the_middle_and_restored_is_one_row() -> None:
    s = build([plan(CEASEFIRE, AMNESTY, ELECTIONS), plan(CEASEFIRE, ELECTIONS), plan(CEASEFIRE, AMNESTY, ELECTIONS)])
    assert len(s.rows) == 3
    amnesty = next(r for r in s.rows if "amnesty" in r.cells[0].text)
    assert cells(amnesty) == ["point 2", ABSENT, "point 2"] and amnesty.status == RESTORED
    assert [r.status for r in s.rows] == [UNCHANGED, RESTORED, UNCHANGED]
    assert s.versions[1].changed == 1 and s.versions[2].changed == 1
    assert any("absent in between" in note for note in s.notes)


def test_changes_are_marked_against_the_previous_column_or_the_base() -> None:
    versions = [plan(ELECTIONS), plan(ELECTIONS.replace("one hundred", "ninety")),
                plan(ELECTIONS.replace("one hundred", "sixty"))]
    third = build(versions).rows[0].cells[2]
    assert third.against == 1 and (DELETE, "ninety") in third.ops and (INSERT, "sixty") in third.ops
    based = build(versions, base=0).rows[0].cells[2]
    assert based.against == 0 and (DELETE, "one hundred") in based.ops
    assert build(versions).rows[0].status == CHANGED


def test_a_split_spans_the_rows_of_its_halves_and_a_merge_covers_what_it_absorbed() -> None:
    whole = f"{GRAIN} {COUNCIL}"
    s = build([plan(CEASEFIRE, whole, ELECTIONS), plan(CEASEFIRE, GRAIN, COUNCIL, ELECTIONS)])
    grain, council = s.rows[1], s.rows[2]
    assert grain.cells[0].span == 2 and council.cells[0].state == COVERED
    assert SPLIT in grain.flags and SPLIT in council.flags and council.status != ADDED
    merged = build([plan(CEASEFIRE, GRAIN, COUNCIL, ELECTIONS), plan(CEASEFIRE, whole, ELECTIONS)])
    grain, council = merged.rows[1], merged.rows[2]
    assert grain.cells[1].span == 2 and council.cells[1].state == COVERED
    assert MERGED in council.flags and council.status != DROPPED


def test_an_excerpt_never_drops_a_subject() -> None:
    full = plan(CEASEFIRE, AMNESTY, ELECTIONS)
    part = plan(CEASEFIRE)
    s = build([full, part, full], excerpts=(1,))
    assert [cells(r) for r in s.rows][1] == ["point 2", NOT_IN_EXCERPT, "point 2"]
    assert {r.status for r in s.rows} == {UNCHANGED}
    assert build([full, part]).rows[1].status == DROPPED  # without --excerpt it was dropped


def test_the_shipped_plans_are_one_row_per_clause() -> None:
    docs = [read_document(ROOT / f"drafts/{n}/v1.json")
            for n in ("plan-28-point", "europe-counterproposal", "plan-20-point")]
    s = build(docs, labels=("US draft", "Europe", "Framework"))
    keys = {p.key for d in docs for p in d.points}
    assert len(s.rows) == len(keys) and {r.key for r in s.rows} == keys
    zaporizhzhia = next(r for r in s.rows if r.key == "nuclear.zaporizhzhia-plant")
    assert OPENED in zaporizhzhia.flags and [c.number for c in zaporizhzhia.cells] == ["point 19", "point 19", "point 12"]
    assert [v.points for v in s.versions] == [28, 28, 20] and s.versions[0].label == "US draft"


def test_divisions_group_the_rows() -> None:
    text = ("Treaty\n\nCHAPTER 1\nGeneral\n\nArticle 1\nScope\n\n" + CEASEFIRE + "\n\nCHAPTER 2\nFinal\n\nArticle 2\n"
            "Entry\n\n" + ELECTIONS + "\n")
    doc = read_text(text, source="t.txt")
    s = build([doc, doc])
    assert [r.divisions for r in s.rows] == [("CHAPTER 1: General",), ("CHAPTER 2: Final",)]
    assert [r.cells[0].number for r in s.rows] == ["Article 1", "Article 2"]


@pytest.mark.parametrize("kwargs, words", [({"labels": ("a",)}, "--labels"), ({"base": 5}, "version 6"),
                                           ({"excerpts": (0,), "base": 0}, "excerpt")])
def test_mistakes_are_messages(kwargs: dict, words: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(DraftingError, match=words):
        build([plan(CEASEFIRE), plan(ELECTIONS)], **kwargs)
    with pytest.raises(DraftingError, match="at least two"):
        build([plan(CEASEFIRE)])


@pytest.mark.corpus
def test_the_published_plans_put_each_subject_in_one_row() -> None:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus not found")
    us = read_document(CORPUS / "plan-28-point-2025-11-afp.txt")
    europe = read_document(CORPUS / "plan-europe-counterproposal-2025-11-23.txt")
    s = build([us, europe], labels=("28-point plan", "European counter-proposal"), excerpts=(0,))
    numbers = [tuple(c.label if c.state == PRESENT else "" for c in r.cells) for r in s.rows]
    # Every point of either text is in exactly one row, and a point kept under its number pairs with it.
    assert sorted(n[0] for n in numbers if n[0]) == sorted(p.label for p in us.points)
    assert sorted(n[1] for n in numbers if n[1]) == sorted(p.label for p in europe.points)
    assert all(a == b for a, b in numbers if a and b)
    assert ("3", "") in numbers  # the point the counter-proposal deleted
    assert not any(r.status == DROPPED and r.cells[0].state == NOT_IN_EXCERPT for r in s.rows)
