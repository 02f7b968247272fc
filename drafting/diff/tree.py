"""The diff of documents with divisions: units paired over the whole document, divisions by their units.

Articles (the units that carry text) are aligned as one list, whatever chapter
holds them, so an article moved from Chapter 2 to Chapter 5 is one move. A
division is then paired with the division that holds most of its units (a chapter
whose articles went to a new chapter is that chapter, renamed or renumbered), or,
holding none, with one of the same kind and name under the same parent. The
redline is laid out on the new tree; what only the old one had stands under its
old parent, after its nearest old sibling still there. Each pair records its
parent path on both sides, which is all `accept_all` and `reject_all` need.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from rapidfuzz import fuzz

from drafting.diff.align import increasing_run
from drafting.diff.redline import DELETE, INSERT, PointDiff, substantive
from drafting.diff.words import Normalize, marked_diff
from drafting.numerals import same_number
from drafting.model import Path, Point
from drafting.words import fold

#: Two divisions of one kind with no units in common pair when their names are this similar.
NAME_MATCH = 80.0

_Placed = tuple[Path, int, Point]  # parent path, index among siblings, the unit
Pairing = Callable[[tuple[Point, ...], tuple[Point, ...]], tuple[PointDiff, ...]]


def _walk(points: tuple[Point, ...], parent: Path, units: list[_Placed],
          divisions: dict[Path, Point]) -> None:
    for i, point in enumerate(points):
        if point.is_division:
            divisions[(*parent, i)] = point
            _walk(point.children, (*parent, i), units, divisions)
        else:
            units.append((parent, i, point))


def _rooted(d: PointDiff, old: tuple[Path, int] | None, new: tuple[Path, int] | None) -> PointDiff:
    """`d` (paired in a flat list) put at its real places, its sub-units' paths following."""
    old_parent, old_index = old if old else ((), None)
    new_parent, new_index = new if new else ((), None)
    children = tuple(
        _rooted(c, ((*old_parent, old_index), c.old_index)
                if old is not None and old_index is not None and c.old_index is not None else None,
                ((*new_parent, new_index), c.new_index)
                if new is not None and new_index is not None and c.new_index is not None else None)
        for c in d.children)
    return replace(d, old_parent=old_parent, old_index=old_index, new_parent=new_parent,
                   new_index=new_index, children=children)


def _pair_divisions(old: dict[Path, Point], new: dict[Path, Point],
                    votes: dict[tuple[Path, Path], int]) -> dict[Path, Path]:
    """New division path -> old division path: most shared units first, then same name."""
    pairs: dict[Path, Path] = {}
    taken: set[Path] = set()
    for (o, n), _count in sorted(votes.items(), key=lambda item: (-item[1], item[0][1], item[0][0])):
        if n not in pairs and o not in taken:
            pairs[n] = o
            taken.add(o)
    for n, point in new.items():  # divisions holding no paired unit: by kind and name
        if n in pairs:
            continue
        parent_old = pairs.get(n[:-1]) if n[:-1] else ()
        best, best_score = None, NAME_MATCH
        for o, cand in old.items():
            if o in taken or cand.kind != point.kind or (parent_old is not None and o[:-1] != parent_old):
                continue
            score = fuzz.ratio(fold(cand.heading), fold(point.heading)) if (
                cand.heading or point.heading) else (100.0 if cand.label == point.label else 0.0)
            if score > best_score or score == best_score == 100.0 and best is None:
                best, best_score = o, score
        if best is not None:
            pairs[n] = best
            taken.add(best)
    return pairs


def _ancestors(path: Path, divisions: dict[Path, Point]) -> list[Path]:
    return [path[:k] for k in range(len(path), 0, -1) if path[:k] in divisions]


def diff_tree(old: tuple[Point, ...], new: tuple[Point, ...], pair_units: Pairing,
              normalize: Normalize | None = None) -> tuple[PointDiff, ...]:
    """The redline of two bodies with divisions; `pair_units` aligns two flat lists of units,
    `normalize` is the form in which two division names count as the same."""
    old_units: list[_Placed] = []
    new_units: list[_Placed] = []
    old_divs: dict[Path, Point] = {}
    new_divs: dict[Path, Point] = {}
    _walk(old, (), old_units, old_divs)
    _walk(new, (), new_units, new_divs)
    flat = pair_units(tuple(p for _, _, p in old_units), tuple(p for _, _, p in new_units))
    votes: dict[tuple[Path, Path], int] = {}
    for d in flat:
        if d.old_index is None or d.new_index is None:
            continue
        o_parent, n_parent = old_units[d.old_index][0], new_units[d.new_index][0]
        for o in _ancestors(o_parent, old_divs):
            for n in _ancestors(n_parent, new_divs):
                if old_divs[o].kind == new_divs[n].kind:
                    votes[(o, n)] = votes.get((o, n), 0) + 1
    div_pairs = _pair_divisions(old_divs, new_divs, votes)
    div_moved = _moved(div_pairs)
    by_new: dict[Path, PointDiff] = {}
    old_only: dict[Path, PointDiff] = {}
    for d in flat:
        o_at = _place(old_units, d.old_index)
        n_at = _place(new_units, d.new_index)
        placed = _rooted(d, o_at, n_at)
        if o_at is not None and n_at is not None and d.status in ("same", "renumbered", "changed"):
            o_par, n_par = o_at[0], n_at[0]
            same_parent = not n_par and not o_par or bool(n_par) and div_pairs.get(n_par) == o_par
            if not same_parent:  # in its place in reading order, but under another division
                placed = replace(placed, status="moved")
        if n_at is not None:
            by_new[(*n_at[0], n_at[1])] = placed
        else:
            assert o_at is not None
            old_only[(*o_at[0], o_at[1])] = placed
    return _Builder(old, div_pairs, div_moved, by_new, old_only, normalize).container(new, (), old, ())


def _place(units: list[_Placed], index: int | None) -> tuple[Path, int] | None:
    if index is None:
        return None
    parent, at, _ = units[index]
    return parent, at


def _moved(div_pairs: dict[Path, Path]) -> set[Path]:
    """New paths of divisions out of order against their paired neighbours."""
    pairs = sorted(div_pairs.items())
    index_old = {o: k for k, o in enumerate(sorted(div_pairs.values()))}
    ordered = increasing_run([(index_old[o], k) for k, (_n, o) in enumerate(pairs)])
    keep = {k for _o, k in ordered}
    return {n for k, (n, _o) in enumerate(pairs) if k not in keep}


class _Builder:
    """Lays the pairs out on the new tree, with what only the old tree had at its old place."""

    def __init__(self, old: tuple[Point, ...], div_pairs: dict[Path, Path], div_moved: set[Path],
                 by_new: dict[Path, PointDiff], old_only: dict[Path, PointDiff],
                 normalize: Normalize | None = None) -> None:
        self.normalize = normalize
        self.div_pairs = div_pairs
        self.old_paired = {o: n for n, o in div_pairs.items()}
        self.div_moved = div_moved
        self.by_new = by_new
        self.old_only = old_only
        #: Old path of a unit still there -> its new path and status.
        self.kept: dict[Path, tuple[Path, str]] = {
            (*d.old_parent, d.old_index): (n_path, d.status)
            for n_path, d in by_new.items() if d.old is not None and d.old_index is not None}
        self.old_nodes: dict[Path, Point] = {}
        stack: list[tuple[Path, Point]] = [((i,), p) for i, p in enumerate(old) if p.is_division]
        while stack:
            path, point = stack.pop()
            self.old_nodes[path] = point
            stack.extend(((*path, i), c) for i, c in enumerate(point.children) if c.is_division)

    def container(self, new_children: tuple[Point, ...], new_path: Path | None,
                  old_children: tuple[Point, ...], old_path: Path | None) -> tuple[PointDiff, ...]:
        """The pairs under one container (new, old or both), in reading order: the new
        ones in new order, each old-only one after its nearest old sibling kept here."""
        items: list[tuple[tuple[int, int, int], PointDiff]] = []
        if new_path is not None:
            for j, node in enumerate(new_children):
                path = (*new_path, j)
                items.append(((j, 0, 0), self._division(node, path) if node.is_division
                              else self.by_new[path]))
        if old_path is not None:
            anchor = -1
            for i, node in enumerate(old_children):
                path = (*old_path, i)
                if node.is_division:
                    partner = self.old_paired.get(path)
                    if partner is None:
                        items.append(((anchor, 1, i), self._deleted(node, path)))
                    elif partner[:-1] == new_path and partner not in self.div_moved:
                        anchor = partner[-1]
                elif path in self.old_only:
                    items.append(((anchor, 1, i), self.old_only[path]))
                else:
                    n_path, status = self.kept[path]
                    if n_path[:-1] == new_path and status != "moved":
                        anchor = n_path[-1]
        items.sort(key=lambda item: item[0])
        return tuple(d for _, d in items)

    def _division(self, node: Point, path: Path) -> PointDiff:
        o_path = self.div_pairs.get(path)
        if o_path is None:
            children = self.container(node.children, path, (), None)
            return PointDiff("inserted", None, node, None, path[-1],
                             ((INSERT, node.heading),) if node.heading else (),
                             ((INSERT, node.body),) if node.body else (), children,
                             new_parent=path[:-1])
        old_node = self.old_nodes[o_path]
        children = self.container(node.children, path, old_node.children, o_path)
        heading, heading_marks = marked_diff(old_node.heading, node.heading, self.normalize)
        body, body_marks = marked_diff(old_node.body, node.body, self.normalize)
        changed = substantive(heading, heading_marks) or substantive(body, body_marks)
        status = ("moved" if path in self.div_moved else "changed" if changed
                  else "renumbered" if not same_number(old_node.label, node.label) else "same")
        return PointDiff(status, old_node, node, o_path[-1], path[-1], heading, body, children,
                         old_parent=o_path[:-1], new_parent=path[:-1], heading_marks=heading_marks,
                         body_marks=body_marks)

    def _deleted(self, node: Point, path: Path) -> PointDiff:
        children = self.container((), None, node.children, path)
        return PointDiff("deleted", node, None, path[-1], None,
                         ((DELETE, node.heading),) if node.heading else (),
                         ((DELETE, node.body),) if node.body else (), children, old_parent=path[:-1])
