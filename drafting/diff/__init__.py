"""The redline engine: `diff(old, new)` aligns points, then diffs words inside each pair.

A pure function: no I/O, no printing, the same answer every time. The word
diff runs only inside aligned points, never across the whole document, which
keeps the cost close to linear in the document's size.
"""

from __future__ import annotations

from dataclasses import replace

from rapidfuzz import fuzz

from drafting.diff.align import align
from drafting.diff.redline import (
    DELETE,
    EQUAL,
    INSERT,
    STATUSES,
    Op,
    Ops,
    PointDiff,
    Redline,
    Summary,
    accept_all,
    new_text,
    old_text,
    reject_all,
    summarize,
)
from drafting.diff.tree import diff_tree
from drafting.diff.words import word_diff
from drafting.numerals import same_number
from drafting.model import PARA_SEP, Document, Path, Point

__all__ = [
    "DELETE", "EQUAL", "INSERT", "STATUSES", "Op", "Ops", "PointDiff", "Redline", "Summary",
    "accept_all", "diff", "new_text", "old_text", "reject_all", "summarize", "word_diff",
]

#: A split or merge is recognised when joining the halves scores at least this…
JOIN_MATCH = 85.0
#: …and this much more than the half that was paired alone.
JOIN_GAIN = 10.0
#: Splits and merges are looked for only among points shorter than this.
JOIN_CHARS = 20_000


def _one_sided(point: Point, index: int, inserted: bool, parent: Path = ()) -> PointDiff:
    op = INSERT if inserted else DELETE
    here = (*parent, index)
    return PointDiff(
        status="inserted" if inserted else "deleted",
        old=None if inserted else point,
        new=point if inserted else None,
        old_index=None if inserted else index,
        new_index=index if inserted else None,
        heading=((op, point.heading),) if point.heading else (),
        body=((op, point.body),) if point.body else (),
        children=tuple(_one_sided(c, k, inserted, here) for k, c in enumerate(point.children)),
        old_parent=() if inserted else parent,
        new_parent=parent if inserted else (),
    )


def _pair(old: Point, new: Point, i: int, j: int, in_order: bool,
          old_parent: Path = (), new_parent: Path = ()) -> PointDiff:
    heading = word_diff(old.heading, new.heading)
    body = word_diff(old.body, new.body)
    children = diff_points(old.children, new.children, (*old_parent, i), (*new_parent, j))
    changed = any(op != EQUAL for op, _ in (*heading, *body)) or any(c.status != "same" for c in children)
    if not in_order:
        status = "moved"
    elif changed:
        status = "changed"
    elif not same_number(old.label, new.label):
        status = "renumbered"
    else:
        status = "same"
    return PointDiff(status, old, new, i, j, heading, body, children,
                     old_parent=old_parent, new_parent=new_parent)


def _halves(whole: tuple[Point, ...], parts: tuple[Point, ...], partner: dict[int, int],
            ) -> dict[int, tuple[int, str]]:
    """Unpaired points of `parts` that, joined to a paired neighbour, make up that
    neighbour's partner in `whole`: {index: (neighbour index, partner's label)}.

    With `parts` the new side this finds splits; with the old side, merges.
    """
    found: dict[int, tuple[int, str]] = {}
    for k in range(len(parts)):
        if k in partner:
            continue
        for nb in (k - 1, k + 1):
            w = partner.get(nb)
            if w is None:
                continue
            target = whole[w].text
            if len(target) > JOIN_CHARS:
                continue  # a giant point: comparing it costs more than a split is worth
            halves = (parts[nb].text, parts[k].text) if nb < k else (parts[k].text, parts[nb].text)
            joined = fuzz.ratio(target, " ".join(halves))
            if joined >= JOIN_MATCH and joined >= fuzz.ratio(target, parts[nb].text) + JOIN_GAIN:
                found[k] = (nb, whole[w].label)
                break
    return found


def diff_points(old: tuple[Point, ...], new: tuple[Point, ...],
                old_parent: Path = (), new_parent: Path = ()) -> tuple[PointDiff, ...]:
    """The aligned pairs of two sibling lists under the given parents, in reading order."""
    if not old and not new:
        return ()
    pairs, ordered = align(old, new)
    splits = _halves(old, new, {j: i for i, j in pairs.items()})
    merges = _halves(new, old, pairs)
    by_new: dict[int, PointDiff] = {}
    for i, j in pairs.items():
        by_new[j] = _pair(old[i], new[j], i, j, (i, j) in ordered, old_parent, new_parent)
    for j, (nb, label) in splits.items():
        by_new[j] = _with(_one_sided(new[j], j, True, new_parent), "split", label)
        half = by_new[nb]
        by_new[nb] = _with(half, "split", new[j].label) if half.status in ("changed", "same") else half
    for j in range(len(new)):
        by_new.setdefault(j, _one_sided(new[j], j, True, new_parent))
    merged_into: dict[int, PointDiff] = {}
    for i, (nb, label) in merges.items():
        merged_into[i] = _with(_one_sided(old[i], i, False, old_parent), "merged", label)
        j = pairs[nb]
        if by_new[j].status in ("changed", "same"):
            by_new[j] = _with(by_new[j], "merged", old[i].label)
    # Reading order: new order; a deleted point after its nearest old predecessor still present.
    placed: list[tuple[tuple[int, int, int], PointDiff]] = [((j, 0, 0), d) for j, d in by_new.items()]
    anchor = -1
    anchors: dict[int, int] = {}
    for i in range(len(old)):
        if i in pairs and (i, pairs[i]) in ordered:
            anchor = pairs[i]
        anchors[i] = anchor
    for i in range(len(old)):
        if i not in pairs:
            d = merged_into.get(i) or _one_sided(old[i], i, False, old_parent)
            placed.append(((anchors[i], 1, i), d))
    placed.sort(key=lambda item: item[0])
    return tuple(d for _, d in placed)


def _with(d: PointDiff, status: str, related: str) -> PointDiff:
    return replace(d, status=status, related=related)


def _body(old: tuple[Point, ...], new: tuple[Point, ...]) -> tuple[PointDiff, ...]:
    """The body's pairs: as one list of siblings, or over the whole tree when there are divisions."""
    if any(p.is_division for p in old) or any(p.is_division for p in new):
        return diff_tree(old, new, diff_points)
    return diff_points(old, new)


def diff(old: Document, new: Document) -> Redline:
    """The redline from `old` to `new`: `accept_all` of it is `new`, `reject_all` is `old`."""
    notes = tuple(v for doc in (old, new) for k, v in doc.meta.extra if k == "note")
    return Redline(
        old_meta=old.meta,
        new_meta=new.meta,
        title=word_diff(old.title, new.title),
        parties=word_diff(PARA_SEP.join(old.parties), PARA_SEP.join(new.parties)),
        preamble=word_diff(PARA_SEP.join(old.preamble), PARA_SEP.join(new.preamble)),
        points=_body(old.points, new.points),
        closing=word_diff(PARA_SEP.join(old.closing), PARA_SEP.join(new.closing)),
        notes=tuple(dict.fromkeys(notes)),
    )
