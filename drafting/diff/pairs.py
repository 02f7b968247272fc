"""Sibling lists to pairs: the alignment, the word diff inside each pair, splits and merges.

Sub-points are aligned inside their pair, the same way, one level down; a
sub-point that left one point for another is found afterwards by `regroup`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from drafting.diff.align import FAR_MATCH, align
from drafting.diff.redline import DELETE, EQUAL, INSERT, PointDiff, substantive
from drafting.diff.similar import Vocabulary
from drafting.diff.words import Normalize, marked_diff
from drafting.model import Path, Point
from drafting.numerals import same_number

#: A split or merge is recognised when joining the pieces scores at least this…
JOIN_MATCH = 85.0
#: …each piece adding at least this much to the score of what it joins…
JOIN_STEP = 1.0
#: …and at least this share of a piece's words being words of the whole.
JOIN_SHARE = 0.8
#: Splits and merges are looked for only among points shorter than this.
JOIN_CHARS = 20_000
#: Sub-points that changed parent are compared pairwise up to this many (deleted × inserted).
REGROUP_CELLS = 250_000


@dataclass(frozen=True, slots=True)
class Context:
    """What every level of one comparison shares: the word weights and the sameness rule."""

    vocab: Vocabulary
    normalize: Normalize | None = None


def one_sided(point: Point, index: int, inserted: bool, parent: Path = ()) -> PointDiff:
    """A point only one side has, with its sub-points."""
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
        children=tuple(one_sided(c, k, inserted, here) for k, c in enumerate(point.children)),
        old_parent=() if inserted else parent,
        new_parent=parent if inserted else (),
    )


def _same(old: Point, new: Point, i: int, j: int, status: str, old_parent: Path, new_parent: Path) -> PointDiff:
    """A pair whose words and sub-points are all the same (the common case, built without diffing)."""
    kids = tuple(_same(a, b, k, k, "same" if same_number(a.label, b.label) else "renumbered",
                       (*old_parent, i), (*new_parent, j)) for k, (a, b) in enumerate(zip(old.children, new.children)))
    return PointDiff(status, old, new, i, j, ((EQUAL, old.heading),) if old.heading else (),
                     ((EQUAL, old.body),) if old.body else (), kids,
                     old_parent=old_parent, new_parent=new_parent)


def _alike(old: Point, new: Point) -> bool:
    """The same words and sub-points, numbers aside (only the sub-points' numbers may differ)."""
    return old.heading == new.heading and old.paragraphs == new.paragraphs and len(old.children) == len(
        new.children) and all(a.kind == b.kind and _alike(a, b) for a, b in zip(old.children, new.children))


def pair(old: Point, new: Point, i: int, j: int, in_order: bool, ctx: Context,
         old_parent: Path = (), new_parent: Path = ()) -> PointDiff:
    """Two points found to be one: word operations, sub-points, and the status."""
    if _alike(old, new):  # a sub-point renumbered is a change, as the full diff would say
        changed = any(not same_number(a.label, b.label) for a, b in zip(old.children, new.children))
        return _same(old, new, i, j, _status(old, new, in_order, changed), old_parent, new_parent)
    heading, heading_marks = marked_diff(old.heading, new.heading, ctx.normalize)
    body, body_marks = marked_diff(old.body, new.body, ctx.normalize)
    children = diff_points(old.children, new.children, ctx, (*old_parent, i), (*new_parent, j))
    changed = substantive(heading, heading_marks) or substantive(body, body_marks) or any(
        c.status != "same" for c in children)
    return PointDiff(_status(old, new, in_order, changed), old, new, i, j, heading, body, children,
                     old_parent=old_parent, new_parent=new_parent, heading_marks=heading_marks,
                     body_marks=body_marks)


def _status(old: Point, new: Point, in_order: bool, changed: bool) -> str:
    """moved, changed (minor operations aside), renumbered or same."""
    if not in_order:
        return "moved"
    if changed:
        return "changed"
    return "same" if same_number(old.label, new.label) else "renumbered"


def status_of(d: PointDiff, in_order: bool) -> str:
    """The status of a pair whose operations were marked afterwards (see `_status`)."""
    assert d.old is not None and d.new is not None
    return _status(d.old, d.new, in_order, d.text_changed)


def _pieces(whole: tuple[Point, ...], parts: tuple[Point, ...], partner: dict[int, int],
            vocab: Vocabulary) -> dict[int, tuple[int, str]]:
    """Unpaired points of `parts` that, joined to a paired neighbour (one or more in a row),
    make up that neighbour's partner in `whole`: {index: (neighbour index, partner's label)}.

    With `parts` the new side this finds splits; with the old side, merges.
    """
    found: dict[int, tuple[int, str]] = {}
    for nb in sorted(partner):
        lonely = [k for k in (nb - 1, nb + 1) if 0 <= k < len(parts) and k not in partner and k not in found]
        if not lonely:
            continue  # no unpaired neighbour: nothing split off or merged in here
        target = whole[partner[nb]].text
        if len(target) > JOIN_CHARS:
            continue  # a giant point: comparing it costs more than a split is worth
        words = vocab.bag(target)
        joined, best, run = parts[nb].text, fuzz.ratio(target, parts[nb].text), []
        for step in (1, -1):  # pieces after the neighbour, then before it
            k = nb + step
            while 0 <= k < len(parts) and k not in partner and k not in found:
                piece = vocab.bag(parts[k].text)
                if not piece or len(piece & words) < JOIN_SHARE * len(piece):
                    break
                longer = f"{joined} {parts[k].text}" if step > 0 else f"{parts[k].text} {joined}"
                score = fuzz.ratio(target, longer)
                if score < best + JOIN_STEP:
                    break
                joined, best = longer, score
                run.append(k)
                k += step
        if run and best >= JOIN_MATCH:
            found.update((k, (nb, whole[partner[nb]].label)) for k in run)
    return found


def diff_points(old: tuple[Point, ...], new: tuple[Point, ...], ctx: Context,
                old_parent: Path = (), new_parent: Path = ()) -> tuple[PointDiff, ...]:
    """The aligned pairs of two sibling lists under the given parents, in reading order."""
    if not old and not new:
        return ()
    found = align(old, new, ctx.vocab, ctx.normalize)
    pairs, ordered = dict(found.pairs), set(found.ordered)
    by_j = {j: i for i, j in pairs.items()}
    splits = _first_piece(_pieces(old, new, by_j, ctx.vocab), by_j, ordered, flip=True)
    pairs = {i: j for j, i in by_j.items()}
    merges = _first_piece(_pieces(new, old, pairs, ctx.vocab), pairs, ordered, flip=False)
    by_new: dict[int, PointDiff] = {}
    for i, j in pairs.items():
        by_new[j] = pair(old[i], new[j], i, j, (i, j) in ordered, ctx, old_parent, new_parent)
    for j, (nb, label) in splits.items():
        by_new[j] = replace(one_sided(new[j], j, True, new_parent), status="split", related=label)
        _joined(by_new, nb, "split", new[j].label)
    for j in range(len(new)):
        by_new.setdefault(j, one_sided(new[j], j, True, new_parent))
    merged: dict[int, PointDiff] = {}
    for i, (nb, label) in merges.items():
        merged[i] = replace(one_sided(old[i], i, False, old_parent), status="merged", related=label)
        _joined(by_new, pairs[nb], "merged", old[i].label)
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
            d = merged.get(i) or one_sided(old[i], i, False, old_parent)
            placed.append(((anchors[i], 1, i), d))
    placed.sort(key=lambda item: item[0])
    return tuple(d for _, d in placed)


def _first_piece(pieces: dict[int, tuple[int, str]], partner: dict[int, int], ordered: set[tuple[int, int]],
                 flip: bool) -> dict[int, tuple[int, str]]:
    """Each split (merge) paired through its first piece, where the text begins, whichever piece
    the alignment chose: `partner` (piece side -> whole side) and `ordered` are updated in place."""
    groups: dict[int, list[int]] = {}
    for k, (nb, _label) in pieces.items():
        groups.setdefault(nb, []).append(k)
    out = dict(pieces)
    for nb, ks in groups.items():
        first = min(ks)
        if first > nb:
            continue
        whole = partner.pop(nb)
        partner[first] = whole
        before, after = ((whole, nb), (whole, first)) if flip else ((nb, whole), (first, whole))
        if before in ordered:
            ordered.discard(before)
            ordered.add(after)
        label = out.pop(first)[1]
        for k in ks:
            if k != first:
                out[k] = (first, label)
        out[nb] = (first, label)
    return out


def _joined(by_new: dict[int, PointDiff], at: int, status: str, label: str) -> None:
    """The pair a split piece left or a merged point joined: its status, and the other labels."""
    d = by_new[at]
    if d.status in ("changed", "same", "renumbered"):
        by_new[at] = replace(d, status=status, related=label)
    elif d.status == status:
        by_new[at] = replace(d, related=f"{d.related}, {label}")


def regroup(diffs: tuple[PointDiff, ...], ctx: Context) -> tuple[PointDiff, ...]:
    """Sub-points that left one point for another: a deletion under one and an insertion under
    another become one moved pair, under its new parent."""
    deleted: list[PointDiff] = []
    inserted: list[PointDiff] = []

    def collect(items: tuple[PointDiff, ...], depth: int) -> None:
        for d in items:
            if depth and not d.is_division and d.status in ("deleted", "inserted"):
                (deleted if d.status == "deleted" else inserted).append(d)
            else:
                collect(d.children, depth + (not d.is_division))

    collect(diffs, 0)
    if not deleted or not inserted:
        return diffs
    found = []
    scored = len(deleted) * len(inserted) <= REGROUP_CELLS  # past it, only the same text pairs
    old_texts = [d.old.text if d.old is not None else "" for d in deleted]
    new_texts = [d.new.text if d.new is not None else "" for d in inserted]
    same: dict[str, list[int]] = {}
    for y, text in enumerate(new_texts):
        same.setdefault(text, []).append(y)
    for x, dd in enumerate(deleted):
        assert dd.old is not None
        kind = dd.old.kind
        found += [(-1.0, x, y) for y in same.get(old_texts[x], ()) if inserted[y].new.kind == kind]  # type: ignore[union-attr]
        if scored:
            for y, ii in enumerate(inserted):
                assert ii.new is not None
                if ii.new.kind == kind and old_texts[x] != new_texts[y]:
                    score = ctx.vocab.score(old_texts[x], new_texts[y])
                    if score >= FAR_MATCH:
                        found.append((-score, x, y))
    used_x: set[int] = set()
    used_y: set[int] = set()
    gone: set[int] = set()
    moved: dict[int, PointDiff] = {}
    for _s, x, y in sorted(found):
        if x in used_x or y in used_y:
            continue
        used_x.add(x)
        used_y.add(y)
        dd, ii = deleted[x], inserted[y]
        assert dd.old is not None and ii.new is not None and dd.old_index is not None and ii.new_index is not None
        gone.add(id(dd))
        moved[id(ii)] = pair(dd.old, ii.new, dd.old_index, ii.new_index, False, ctx, dd.old_parent, ii.new_parent)
    if not moved:
        return diffs

    def rebuild(items: tuple[PointDiff, ...]) -> tuple[PointDiff, ...]:
        out = []
        for d in items:
            if id(d) in gone:
                continue
            d = moved.get(id(d), d)
            kids = rebuild(d.children)
            if kids != d.children:
                d = replace(d, children=kids)
                if d.status in ("same", "renumbered"):
                    d = replace(d, status="changed")
            out.append(d)
        return tuple(out)

    return rebuild(diffs)
