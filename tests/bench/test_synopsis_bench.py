"""The synopsis benchmark (bench/chain.py, bench/synopsis.py), checked small.

The chain generator must give the same versions for a seed, each a few percent of points
away from the last, read back by the text reader with the points the truth counts, and a
truth whose statuses follow the synopsis' rules; the scorer must call the rows the truth
describes exact and name the ones it does not. No timing is ever asserted.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from drafting.model import units
from drafting.readers import read_document

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import synopsis as bench  # noqa: E402
from chain import (  # noqa: E402
    ADDED, CHANGED, DROPPED, RESTORED, UNCHANGED, expected_status, make_chain, step_counts, version_files, write_chain,
)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 10-page chain of five versions on disk."""
    return write_chain(10, versions=5, seed=4, root=tmp_path_factory.mktemp("chains"))


def bodies(path: Path) -> list[str]:
    """Each top-level point's text as the reader gives it (no label: a renumbered point is the same)."""
    return [point.text for _path, point in units(read_document(path).points)]


def truth_rows(truth: dict[str, object]) -> list[tuple[str, list[str | None]]]:
    subjects = truth["subjects"]
    assert isinstance(subjects, dict)
    return [(s["status"], s["labels"]) for s in subjects.values()]


def test_a_seed_gives_the_same_chain_and_another_seed_another() -> None:
    a, b, c = make_chain(10, 3, seed=1), make_chain(10, 3, seed=1), make_chain(10, 3, seed=2)
    assert a.texts == b.texts and a.truth == b.truth
    assert a.texts[0] != c.texts[0]


def test_a_shorter_chain_is_the_start_of_a_longer_one() -> None:
    short, long = make_chain(10, 3, seed=5, layout="points"), make_chain(10, 6, seed=5, layout="points")
    assert long.texts[:3] == short.texts
    assert long.truth["steps"][:2] == short.truth["steps"]


def test_each_version_differs_from_the_last_by_a_few_percent_of_points(tmp_path: Path) -> None:
    folder = write_chain(100, versions=4, seed=1, rate=0.03, root=tmp_path)
    versions = [bodies(p) for p in version_files(folder, 4)]
    for old, new in zip(versions, versions[1:]):
        gone = len(set(old) - set(new))
        came = len(set(new) - set(old))
        assert 0.01 <= (gone + came) / len(old) <= 0.08, (gone, came, len(old))


def test_the_reader_reads_every_version_with_the_truths_points(small: Path) -> None:
    truth = json.loads((small / "truth.json").read_text())
    labels = [[str(n) for n in range(1, count + 1)] for count in truth["points"]]
    read = [[point.label for _path, point in units(read_document(p).points)] for p in version_files(small, 5)]
    assert read == labels


def test_the_truth_knows_each_subject_in_each_version(small: Path) -> None:
    truth = json.loads((small / "truth.json").read_text())
    for k, count in enumerate(truth["points"]):
        present = sorted(int(s["labels"][k]) for s in truth["subjects"].values() if s["labels"][k] is not None)
        assert present == list(range(1, count + 1))
    assert truth["expected"]["subjects"] == len(truth["subjects"])
    assert sum(truth["expected"]["statuses"].values()) == len(truth["subjects"])


def test_the_chain_drops_restores_and_adds_points() -> None:
    truth = make_chain(10, 6, seed=3).truth
    steps = truth["steps"]
    assert all(step["deleted"] and step["inserted"] and step["moved"] and step["changed"] for step in steps)
    assert sum(step["restored"] for step in steps) > 0
    for status, labels in truth_rows(truth):
        there = [x is not None for x in labels]
        if status == RESTORED:
            first, last = there.index(True), len(there) - 1
            assert there[-1] and not all(there[first:last + 1])
        if status == ADDED:
            assert not there[0] and there[-1]
        if status == DROPPED:
            assert not there[-1]


@pytest.mark.parametrize(("present", "texts", "status"), [
    ([True, True, True], [0, 0, 0], UNCHANGED),
    ([True, True, True], [0, 1, 1], CHANGED),
    ([False, True, True], [None, 2, 2], ADDED),
    ([True, True, False], [0, 0, None], DROPPED),
    ([False, True, False], [None, 3, None], DROPPED),
    ([True, False, True], [0, None, 0], RESTORED),
    ([False, True, False, True], [None, 1, None, 1], RESTORED),
])
def test_expected_status_follows_the_synopsis_rules(present: list[bool], texts: list[int | None], status: str) -> None:
    assert expected_status(present, texts) == status


def test_step_counts_scale_with_the_rate_and_keep_one_of_each() -> None:
    assert step_counts(10, 0.03) == {"changed": 1, "inserted": 1, "deleted": 1, "moved": 1}
    big = step_counts(4000, 0.03)
    assert 110 <= sum(big.values()) <= 130
    assert big["changed"] > big["inserted"] == big["deleted"] > big["moved"]


def test_write_chain_keeps_a_chain_it_would_make_again(tmp_path: Path) -> None:
    folder = write_chain(10, versions=3, seed=1, root=tmp_path)
    first = version_files(folder, 3)[0]
    first.write_text("touched\n")
    assert write_chain(10, versions=3, seed=1, root=tmp_path) == folder
    assert first.read_text() == "touched\n"
    write_chain(10, versions=2, seed=2, root=tmp_path)
    assert first.read_text() != "touched\n"
    assert not version_files(folder, 3)[2].exists()


def test_the_scorer_calls_the_truths_own_rows_exact(small: Path) -> None:
    truth = json.loads((small / "truth.json").read_text())
    s = bench.score(truth_rows(truth), truth)
    assert s["rows"] == s["exact"] == s["status_right"] == s["subjects"]
    assert s["statuses"] == truth["expected"]["statuses"] and s["wrong"] == []


def test_the_scorer_names_a_row_that_mixes_two_subjects_and_a_wrong_status(small: Path) -> None:
    truth = json.loads((small / "truth.json").read_text())
    rows = truth_rows(truth)
    (s1, a), (_s2, b) = rows[0], rows[1]
    mixed = [*a[:2], *b[2:]]
    wrong_status = CHANGED if rows[2][0] != CHANGED else UNCHANGED
    s = bench.score([(s1, mixed), (wrong_status, rows[2][1]), *rows[3:]], truth)
    assert s["exact"] == len(rows) - 2 and s["status_right"] == len(rows) - 3
    assert [w["why"] for w in s["wrong"]] == ["no subject has these labels", f"expected {rows[2][0]}"]


def test_the_workers_measure_a_real_synopsis_and_its_pairs(small: Path) -> None:
    run, describe = bench.WORKERS["synopsis-lib"](small)
    figures = describe(run())
    assert figures["rows"] == figures["score"]["rows"] == sum(figures["statuses"].values())
    assert len(figures["changed"]) == 5 and figures["changed"][0] == 0
    assert figures["score"]["exact"] <= figures["score"]["subjects"]
    run, describe = bench.WORKERS["diffs-lib"](small)
    pairs = describe(run())
    assert pairs["pairs"] == 4 and all(n > 0 for n in pairs["changes"])
