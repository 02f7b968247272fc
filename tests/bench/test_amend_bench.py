"""The amending-protocol benchmark (bench/amend.py), checked small.

Its versions must be generate.py's old plan and that plan edited as merge.py edits it; its
check must pass a protocol that rebuilds NEW and stop on one that does not, naming where. No
timing is ever asserted.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from drafting.model import units
from drafting.readers import read_document

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import amend as bench  # noqa: E402
from merge import theirs  # noqa: E402


@pytest.mark.parametrize("pages", [1, 10])
def test_the_versions_and_the_check_at_small_sizes(tmp_path: Path, pages: int) -> None:
    folder = bench.versions(pages, seed=3, root=tmp_path)
    old = (folder / "old.txt").read_text(encoding="utf-8")
    assert old == (tmp_path / str(pages) / "old.txt").read_text(encoding="utf-8")
    assert (folder / "new.txt").read_text(encoding="utf-8") == theirs(old, 3)
    facts = bench.check(folder, bench.protocol_of(folder))
    changed = len(read_document(folder / "old.txt").points) // 25
    assert facts["words"] == facts["instructions"] == changed  # one word given to every 25th unit, no more
    assert bench.versions(pages, seed=3, root=tmp_path) == folder  # made again from the same OLD


def test_the_check_stops_on_a_protocol_that_does_not_give_new(tmp_path: Path) -> None:
    folder = bench.versions(10, seed=3, root=tmp_path)
    good = bench.protocol_of(folder)
    assert "1. In point 25, the word" in good and good.count(" inserted ") == 1
    swapped = good.replace(" inserted before ", " inserted AFTER ").replace(" inserted after ", " inserted before ")
    with pytest.raises(bench.Mismatch, match="top-level unit 25 is"):
        bench.check(folder, swapped.replace(" AFTER ", " after "))


def test_difference_names_the_first_unit_that_differs(tmp_path: Path) -> None:
    folder = bench.versions(10, seed=3, root=tmp_path)
    old, new = (read_document(folder / name) for name in ("old.txt", "new.txt"))
    assert bench.difference(new, new) is None
    wrong = bench.difference(old, new)
    assert wrong is not None and wrong.startswith("top-level unit 25 is")
    assert sum(1 for _ in units(old.points)) == sum(1 for _ in units(new.points))


def test_the_check_passes_where_units_are_deleted_inserted_and_renumbered(tmp_path: Path) -> None:
    """100 pages: words amended between deletions and insertions, so every unit after them moves."""
    folder = bench.versions(100, seed=3, root=tmp_path)
    facts = bench.check(folder, bench.protocol_of(folder))
    assert 0 < facts["words"] < facts["instructions"] and facts["renumbered"] > 300
