"""The aligner on small pairs an analyst can read: one folder per hard case under golden/alignment/.

Each folder has old.txt, new.txt and expected.txt: one line per pair, "status old -> new",
sub-points indented, a sub-point that came from another point shown with that point's number
("1.c"), "(with N)" for the other half of a split or merge, "[n references updated]" and
"[n ignored]" for minor changes, then the redline's notes. A first line "options: ..." names the
keyword options of `diff`. `pytest --update-golden` rewrites expected.txt: review it like code.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafting.diff import PointDiff, Redline, accept_all, diff, reject_all
from drafting.diff.redline import CASE, TYPOGRAPHY, minor_changes
from drafting.model import Document, Path as TreePath, Point
from drafting.readers import read_document

CASES = Path(__file__).resolve().parents[1] / "golden" / "alignment"


def _label(doc: Document, path: TreePath) -> str:
    points: tuple[Point, ...] = doc.points
    labels = []
    for index in path:
        labels.append(points[index].label)
        points = points[index].children
    return ".".join(labels)


def _lines(items: tuple[PointDiff, ...], old: Document, depth: int, parent: TreePath | None) -> list[str]:
    out = []
    for d in items:
        old_label = "-"
        if d.old is not None and d.old_index is not None:
            here = (*d.old_parent, d.old_index)
            old_label = d.old.label if parent is None or d.old_parent == parent else _label(old, here)
        line = f"{'  ' * depth}{d.status} {old_label} -> {d.new_label or '-'}"
        if d.related:
            line += f" (with {d.related})"
        if d.references_updated:
            n = d.references_updated
            line += f" [{n} reference{'s' if n > 1 else ''} updated]"
        ignored = sum(minor_changes(ops, marks, m) for ops, marks in ((d.heading, d.heading_marks),
                                                                      (d.body, d.body_marks))
                      for m in (CASE, TYPOGRAPHY))
        if ignored:
            line += f" [{ignored} ignored]"
        out.append(line)
        inner = (*d.old_parent, d.old_index) if d.old_index is not None else None
        out += _lines(d.children, old, depth + 1, inner)
    return out


def render(redline: Redline, old: Document) -> str:
    """The redline as the readable lines of expected.txt."""
    return "\n".join([*_lines(redline.points, old, 0, None), *(f"note: {n}" for n in redline.notes)]) + "\n"


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_hard_cases_align_as_an_analyst_would(case: str, update_golden: bool) -> None:
    folder = CASES / case
    expected_path = folder / "expected.txt"
    expected = expected_path.read_text(encoding="utf-8")
    options: dict[str, bool] = {}
    head = ""
    if expected.startswith("options:"):
        head, _, expected = expected.partition("\n")
        options = {name: True for name in head.split()[1:]}
    old, new = read_document(folder / "old.txt"), read_document(folder / "new.txt")
    redline = diff(old, new, **options)
    got = render(redline, old)
    if update_golden:
        expected_path.write_text((head + "\n" if head else "") + got, encoding="utf-8")
        expected = got
    assert got == expected
    assert accept_all(redline).points == new.points
    assert reject_all(redline).points == old.points


def test_a_plan_past_ten_thousand_points_reads_and_aligns() -> None:
    """Point numbers have no ceiling: 10,500 points read as 10,500, and one insertion near the
    top renumbers the rest without changing or moving anything."""
    lines = ["A Very Long Plan", ""]
    for n in range(1, 10_501):
        lines += [f"{n}. The Parties shall review matter {n * 7} of schedule {n % 97} within {n % 90 + 1} days.", ""]
    old = read_document_text("\n".join(lines))
    new_lines = lines[:6] + ["3. A new undertaking on prisoners of war is added here.", ""] + [
        _bump(line) for line in lines[6:]]
    new = read_document_text("\n".join(new_lines))
    assert len(old.points) == 10_500 and old.points[-1].label == "10500"
    assert len(new.points) == 10_501 and new.points[-1].label == "10501"
    redline = diff(old, new)
    statuses = [d.status for d in redline.points]
    assert statuses.count("inserted") == 1
    assert statuses.count("renumbered") == 10_498
    assert statuses.count("same") == 2
    assert accept_all(redline).points == new.points


def _bump(line: str) -> str:
    number, dot, rest = line.partition(". ")
    return f"{int(number) + 1}. {rest}" if dot and number.isdigit() else line


def read_document_text(text: str) -> Document:
    from drafting.readers.text import read_text
    return read_text(text)
