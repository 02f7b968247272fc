"""What the aligner decides, on small readable cases: renumbered, moved, split, merged."""

from __future__ import annotations

from dataclasses import replace

import pytest

from drafting.diff import accept_all, diff, reject_all, summarize
from drafting.diff.align import increasing_run
from drafting.model import Document, Point

TEXTS = [
    "Ukraine's sovereignty is confirmed by all Parties.",
    "A comprehensive non-aggression agreement is concluded between the Parties.",
    "The armed forces of Ukraine shall be limited to 600,000 personnel.",
    "The guarantor receives compensation for the guarantee it gives.",
    "Elections are held within one hundred days of signature.",
    "All sides agree to a full amnesty for acts committed during the war.",
    "A ceasefire takes effect as soon as all Parties agree to this plan.",
]


def plan(texts: list[str], keys: list[str] | None = None) -> Document:
    keys = keys or [f"@point-{i}" for i in range(1, len(texts) + 1)]
    return Document(points=tuple(Point(key=k, label=str(i), paragraphs=(t,))
                                 for i, (k, t) in enumerate(zip(keys, texts), 1)))


def statuses(old: Document, new: Document) -> list[tuple[str, str, str]]:
    redline = diff(old, new)
    assert accept_all(redline) == new and reject_all(redline) == old
    return [(d.status, d.old_label, d.new_label) for d in redline.points]


def test_identical_texts_are_same() -> None:
    assert {s for s, _, _ in statuses(plan(TEXTS), plan(TEXTS))} == {"same"}


def test_deleting_a_point_renumbers_the_rest_without_changing_them() -> None:
    new = TEXTS[:3] + TEXTS[4:]
    assert statuses(plan(TEXTS), plan(new)) == [
        ("same", "1", "1"), ("same", "2", "2"), ("same", "3", "3"), ("deleted", "4", ""),
        ("renumbered", "5", "4"), ("renumbered", "6", "5"), ("renumbered", "7", "6"),
    ]


def test_a_point_moved_to_the_end_is_one_move_and_a_renumbering() -> None:
    new = TEXTS[:1] + TEXTS[2:] + TEXTS[1:2]
    result = statuses(plan(TEXTS), plan(new))
    assert [r for r in result if r[0] == "moved"] == [("moved", "2", "7")]
    assert sum(1 for r in result if r[0] == "renumbered") == 5
    assert not [r for r in result if r[0] in ("changed", "inserted", "deleted")]


def test_changed_words_keep_the_pair() -> None:
    new = list(TEXTS)
    new[2] = new[2].replace("600,000", "800,000")
    redline = diff(plan(TEXTS), plan(new))
    pair = redline.points[2]
    assert pair.status == "changed"
    assert [(op, t) for op, t in pair.body if op] == [(-1, "600,000"), (1, "800,000")]


def test_clause_keys_align_even_when_text_is_rewritten() -> None:
    keys = [f"fam.c{i}" for i in range(len(TEXTS))]
    new = list(TEXTS)
    new[3] = "Entirely different words about something else."
    result = statuses(plan(TEXTS, keys), plan(new, keys))
    assert result[3] == ("changed", "4", "4")


def test_a_point_split_in_two_is_recognised() -> None:
    old = plan(["First sentence about the guarantee and its scope. Second sentence about the time limit of ten years.",
                *TEXTS[:2]])
    new = plan(["First sentence about the guarantee and its scope.",
                "Second sentence about the time limit of ten years.", *TEXTS[:2]])
    result = statuses(old, new)
    assert [r[0] for r in result[:2]] == ["split", "split"]
    assert summarize(diff(old, new)).count("split") == 2


def test_two_points_merged_into_one_are_recognised() -> None:
    old = plan(["The monitoring mission reports every month to the Council.",
                "Its reports are published within seven days of receipt.", *TEXTS[:2]])
    new = plan(["The monitoring mission reports every month to the Council. "
                "Its reports are published within seven days of receipt.", *TEXTS[:2]])
    assert sorted(r[0] for r in statuses(old, new)[:2]) == ["merged", "merged"]


def test_sub_points_are_aligned_inside_their_point() -> None:
    subs = tuple(Point(key=f"@s{i}", label=l, kind="sub", paragraphs=(t,))
                 for i, (l, t) in enumerate(zip("abc", TEXTS)))
    old = Document(points=(Point(key="@p", label="1", paragraphs=("Intro.",), children=subs),))
    new = Document(points=(replace(old.points[0], children=(subs[0], replace(subs[2], label="b"))),))
    child_statuses = [(c.status, c.old_label, c.new_label) for c in diff(old, new).points[0].children]
    assert child_statuses == [("same", "a", "a"), ("deleted", "b", ""), ("renumbered", "c", "b")]


@pytest.mark.parametrize(("pairs", "expected"), [
    ([], set()),
    ([(0, 0), (1, 1), (2, 2)], {(0, 0), (1, 1), (2, 2)}),
    ([(2, 0), (0, 1), (1, 2)], {(0, 1), (1, 2)}),
    ([(0, 0), (3, 1), (1, 2), (2, 3)], {(0, 0), (1, 2), (2, 3)}),
])
def test_increasing_run(pairs: list[tuple[int, int]], expected: set[tuple[int, int]]) -> None:
    assert increasing_run(pairs) == expected


def test_an_unrelated_point_in_the_same_place_is_not_called_a_change() -> None:
    """From the benchmark: a deleted point and a new one in its slot are two edits, not one."""
    old = plan(["The Parties shall settle any dispute between them by peaceful means.",
                "The size of the armed forces of the Second Party shall be limited to 600,000 personnel.",
                "This Agreement shall enter into force on the date of its signature."])
    new = plan([old.points[0].paragraphs[0],
                "A reconstruction fund for the affected regions shall be established by the Guarantor States.",
                old.points[2].paragraphs[0]])
    assert statuses(old, new) == [("same", "1", "1"), ("deleted", "2", ""), ("inserted", "", "2"),
                                  ("same", "3", "3")]


def test_a_near_copy_that_moved_is_paired_before_gaps_are_judged() -> None:
    """From the benchmark (seed 11): old 1 2 3 4, new 2 4' 1 X, with 4' point 4 lightly edited."""
    old = plan(TEXTS[:4])
    new = plan([TEXTS[1], TEXTS[3].replace("the guarantee it gives", "the guarantees it gives"), TEXTS[0],
                "Monitoring of the line of contact is carried out by an international mission."])
    result = statuses(old, new)
    assert ("deleted", "3", "") in result and ("inserted", "", "4") in result
    paired = {(o, n) for s, o, n in result if s not in ("inserted", "deleted")}
    assert paired == {("1", "3"), ("2", "1"), ("4", "2")}
