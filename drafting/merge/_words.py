"""A three-way merge of one text, word by word: both sides' edits of the base, or a conflict."""

from __future__ import annotations

from drafting.diff.redline import DELETE, EQUAL, INSERT
from drafting.diff.words import word_diff

#: An edit of the base text: the characters [start, end) replaced by `text`.
Edit = tuple[int, int, str]


def edits(base: str, new: str) -> list[Edit]:
    """The edits that turn `base` into `new`, as base ranges and what replaces them."""
    out: list[Edit] = []
    at = 0
    for op, text in word_diff(base, new):
        if op == EQUAL:
            at += len(text)
            continue
        start, end = at, at + (len(text) if op == DELETE else 0)
        if op == DELETE:
            at += len(text)
        if out and out[-1][1] == start:  # a deletion and an insertion side by side are one edit
            s, _, t = out[-1]
            out[-1] = (s, end, t + (text if op == INSERT else ""))
        else:
            out.append((start, end, text if op == INSERT else ""))
    return out


def _clash(a: Edit, b: Edit) -> bool:
    """Two edits of one base that cannot both stand: they overlap, or insert at one place."""
    if a == b:
        return False
    if a[0] == a[1] and b[0] == b[1]:
        return a[0] == b[0]
    return a[0] < b[1] and b[0] < a[1] or (a[0] == a[1] and b[0] < a[0] < b[1]) or (
        b[0] == b[1] and a[0] < b[0] < a[1])


def merge3(base: str, ours: str, theirs: str) -> str | None:
    """`base` with the edits of both sides, each taken once; None when they touch the same words
    differently. Equal sides, or a side that left the base alone, take the other at once."""
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    mine, yours = edits(base, ours), edits(base, theirs)
    if any(_clash(a, b) for a in mine for b in yours if a[0] <= b[1] and b[0] <= a[1]):
        return None
    out: list[str] = []
    at = 0
    for start, end, text in sorted(set(mine) | set(yours)):
        out.append(base[at:start])
        out.append(text)
        at = end
    out.append(base[at:])
    return "".join(out)
