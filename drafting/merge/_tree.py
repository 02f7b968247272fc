"""The three-way merge of sibling lists and of the points in them.

Each side is aligned with the base by the redline engine. The merged list follows ours'
order; what theirs inserted or moved (and ours did not) is placed after the point it
follows in theirs. What both sides changed alike is taken once; what cannot be taken
from one side becomes bracketed alternatives labelled with the sides' names, in place.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from drafting.brackets import HEADING, PROPOSER
from drafting.brackets._negotiate import negotiating_text, proposer
from drafting.diff import diff
from drafting.merge._words import merge3
from drafting.model import PARA_SEP, Document, Point, is_derived_key
from drafting.numerals import renumbered

#: A member of the merged list: ("b", base index), ("o", ours index) or ("t", theirs index); ("m",
#: base index) is theirs' place of a point both sides moved to different places.
Member = tuple[str, int]


@dataclass(frozen=True, slots=True)
class Conflict:
    """What could not be merged: `kind` is "changed" (the same words changed differently),
    "deleted" (deleted on one side, changed on the other), "moved" (moved to two places) or
    "inserted" (different points put in the same place); `point` names it in the merged text."""

    kind: str
    point: str


@dataclass
class Tally:
    """What came from each side and what from both, and the conflicts, as the merge went."""

    names: tuple[str, str]
    ours: list[str] = field(default_factory=list)
    theirs: list[str] = field(default_factory=list)
    both: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)


def name(point: Point) -> str:
    """A point as the summary names it: "point 5", "Article III", "sub b"."""
    if point.kind == "article" or point.is_division:
        return f"{point.word or point.kind.capitalize()} {point.label}".strip()
    noun = {"sub": "point", "paragraph": "paragraph"}.get(point.kind, "point")
    return f"{noun} ({point.label})" if point.kind == "sub" else f"{noun} {point.label}".strip()


def _pairs(base: tuple[Point, ...], side: tuple[Point, ...]) -> tuple[dict[int, int], set[int]]:
    """base index -> side index for the points paired at this level, and the side's moved ones."""
    found: dict[int, int] = {}
    moved: set[int] = set()
    for d in diff(Document(points=base), Document(points=side)).points:
        if d.new is not None and d.new_parent == () and d.new_index is not None and d.old is not None \
                and d.old_parent == () and d.old_index is not None:
            found[d.old_index] = d.new_index
            if d.status == "moved":
                moved.add(d.new_index)
    return found, moved


def _worded(point: Point) -> bool:
    """True when the point or a sub-point has a paragraph to bracket."""
    return bool(point.paragraphs) or any(_worded(c) for c in point.children)


def _bare(point: Point) -> Point:
    """A point without its number and key, and its sub-points without the keys a reader derived
    from the numbers: what a side changed, renumbering aside."""
    return replace(point, label="", key="", children=tuple(_unkeyed(c) for c in point.children))


def _unkeyed(point: Point) -> Point:
    key = "" if is_derived_key(point.key) else point.key
    return replace(point, key=key, children=tuple(_unkeyed(c) for c in point.children))


def _either(base: str, ours: str, theirs: str) -> str:
    """The side's value where one side changed it; where both did differently, the same one
    whichever side is ours."""
    if ours == base:
        return theirs
    if theirs == base:
        return ours
    return min(ours, theirs)


def _body(point: Point) -> str:
    return PARA_SEP.join(point.paragraphs)


def _split(body: str | None) -> tuple[str, ...]:
    return tuple(body.split(PARA_SEP)) if body else ()


def with_proposers(point: Point, names: tuple[str, str]) -> Point:
    """`point` recording the sides as positions, so `treaty resolve --take NAME` settles it."""
    meta = tuple(m for m in point.meta if not m[0].startswith(PROPOSER))
    return replace(point, meta=(*meta, *((PROPOSER + n, proposer(n)) for n in sorted(names))))


def one_side(point: Point, side: str, names: tuple[str, str]) -> Point:
    """A point only one side wants here: each of its texts a proposal of that side, which
    `resolve` keeps for that side and drops for the other."""
    label = proposer(side)

    def wrap(p: Point) -> Point:
        return replace(p, paragraphs=tuple(f"[{label}: {t}]" for t in p.paragraphs),
                       children=tuple(wrap(c) for c in p.children))

    return with_proposers(wrap(point), names)


class Merger:
    """One merge: the sides' names and the tally of what it took from where."""

    def __init__(self, names: tuple[str, str]) -> None:
        self.tally = Tally(names)
        self.names = names

    def point(self, base: Point, ours: Point, theirs: Point) -> Point:
        """A point both sides kept: heading, text and sub-points merged; words both changed
        differently become alternatives in the text."""
        label, key = _either(base.label, ours.label, theirs.label), _either(base.key, ours.key, theirs.key)
        bare_o, bare_t, bare_b = _bare(ours), _bare(theirs), _bare(base)
        if bare_o == bare_t:
            if bare_o != bare_b:
                self.tally.both.append(name(ours))
            return replace(ours, label=label, key=key)
        if bare_t == bare_b:
            self.tally.ours.append(name(ours))
            return replace(ours, label=label, key=key)
        if bare_o == bare_b:
            self.tally.theirs.append(name(theirs))
            return replace(theirs, label=label, key=key)
        heading = merge3(base.heading, ours.heading, theirs.heading)
        body = merge3(_body(base), _body(ours), _body(theirs))
        merged = replace(ours, label=label, key=key, heading=heading if heading is not None else ours.heading,
                         paragraphs=_split(body),
                         children=self.siblings(base.children, ours.children, theirs.children))
        if heading is not None and body is not None:
            self.tally.both.append(name(merged))
            return merged
        self.tally.conflicts.append(Conflict("changed", name(merged)))
        if body is None:
            raw = negotiating_text([(self.names[0], "\n\n".join(ours.paragraphs)),
                                    (self.names[1], "\n\n".join(theirs.paragraphs))])
            merged = replace(merged, paragraphs=tuple(p for p in raw.split("\n\n") if p))
        if heading is None:  # a heading holds no brackets: both stand in the text, `resolve` sets the one taken
            proposals = " ".join(f"[{proposer(side)}: {HEADING}“{text}”]" for side, text in
                                 zip(self.names, (ours.heading, theirs.heading)))
            merged = replace(merged, paragraphs=(proposals, *merged.paragraphs))
        return with_proposers(merged, self.names)

    def siblings(self, base: tuple[Point, ...], ours: tuple[Point, ...], theirs: tuple[Point, ...]
                 ) -> tuple[Point, ...]:
        """The merged list of siblings, in an order both sides' orders agree on: each side's order
        stands where it moved or inserted a point, and the base order elsewhere."""
        if ours == theirs or theirs == base:
            return ours
        if ours == base:
            return theirs
        o_of, o_moved = _pairs(base, ours)
        t_of, t_moved = _pairs(base, theirs)
        of_o, of_t = {j: i for i, j in o_of.items()}, {k: i for i, k in t_of.items()}
        seq_o: list[Member] = [("b", of_o[j]) if j in of_o else ("o", j) for j in range(len(ours))]
        seq_t: list[Member] = [("b", of_t[k]) if k in of_t else ("t", k) for k in range(len(theirs))]
        points: dict[Member, Point] = {}
        for i, b in enumerate(base):
            kept = self._base_member(i, b, ours[o_of[i]] if i in o_of else None,
                                     theirs[t_of[i]] if i in t_of else None)
            if kept is not None:
                points[("b", i)] = kept
        anchors, alias = self._insertions(points, seq_o, seq_t, ours, theirs)
        moved_o = {("b", of_o[j]) for j in o_moved if j in of_o}
        moved_t = {("b", of_t[k]) for k in t_moved if k in of_t}
        seq_t = list(seq_t)
        for m in sorted(moved_o & moved_t):
            if m in points and _after(seq_o, m, alias) != _after(seq_t, m, alias):
                # Moved to two places: the point stands in both, each place one side's proposal.
                self.tally.conflicts.append(Conflict("moved", name(points[m])))
                twin: Member = ("m", m[1])
                points[twin] = one_side(points[m], self.names[1], self.names)
                points[m] = one_side(points[m], self.names[0], self.names)
                seq_t[seq_t.index(m)] = twin
        self.tally.ours.extend(f"{name(points[m])} moved" for m in sorted(moved_o - moved_t) if m in points)
        self.tally.theirs.extend(f"{name(points[m])} moved" for m in sorted(moved_t - moved_o) if m in points)
        edges: dict[Member, set[Member]] = {m: set() for m in points}
        for seq, others in ((seq_o, moved_t - moved_o), (seq_t, moved_o - moved_t)):
            kept_seq = [m for m in (alias.get(x, x) for x in seq) if m in points]
            for u, v in zip(kept_seq, kept_seq[1:]):
                # Where the other side moved a point, this side's word on its place goes; the
                # points this side put right after it still follow it wherever it went.
                if v not in others and (u not in others or v[0] != "b"):
                    edges[u].add(v)

        where_o = _places_in(seq_o, alias, anchors, "t")
        where_t = _places_in(seq_t, alias, anchors, "o")

        def key(m: Member) -> tuple[float, float, str]:
            """Where both sides put `m`, the nearer first, whichever side is ours; then its text."""
            a, b = where_o.get(m, -1.0), where_t.get(m, -1.0)
            return (min(a, b), max(a, b), repr(_bare(points[m])))

        numbered = next((side for side in (base, ours, theirs) if any(p.label for p in side)), base)
        return renumbered(numbered, tuple(points[m] for m in _topological(edges, key)))

    def _insertions(self, points: dict[Member, Point], seq_o: list[Member], seq_t: list[Member],
                    ours: tuple[Point, ...], theirs: tuple[Point, ...]
                    ) -> tuple[dict[Member, int], dict[Member, Member]]:
        """Each side's new points, by the base point they follow (-1: the start): the same
        points inserted in one place taken once, different ones as the two sides' alternatives.
        Returns each new point's anchor, and for theirs' copies of ours' points, ours' one."""
        found: list[dict[int, list[Member]]] = []
        for seq in (seq_o, seq_t):
            by_anchor: dict[int, list[Member]] = {}
            anchor = -1
            for m in seq:
                if m[0] == "b":
                    anchor = m[1]
                else:
                    by_anchor.setdefault(anchor, []).append(m)
            found.append(by_anchor)
        anchors: dict[Member, int] = {}
        alias: dict[Member, Member] = {}
        for anchor in sorted(set(found[0]) | set(found[1])):
            mine, yours = found[0].get(anchor, []), found[1].get(anchor, [])
            same = 0  # the new points both sides wrote alike, from the first: taken once
            while same < min(len(mine), len(yours)) and _bare(ours[mine[same][1]]) == _bare(theirs[yours[same][1]]):
                same += 1
            for m, twin in zip(mine[:same], yours[:same]):
                mine_p, yours_p = ours[m[1]], theirs[twin[1]]  # alike but for key and number
                anchors[m] = anchor
                points[m] = replace(mine_p, key=min(mine_p.key, yours_p.key), label=min(mine_p.label, yours_p.label))
                alias[twin] = m  # theirs' copy stands in theirs' order as ours' one
                self.tally.both.append(f"{name(ours[m[1]])} inserted")
            rest_o, rest_t = mine[same:], yours[same:]
            texts = [ours[m[1]] for m in rest_o] + [theirs[m[1]] for m in rest_t]
            clash = bool(rest_o) and bool(rest_t) and all(map(_worded, texts))
            if clash:
                self.tally.conflicts.append(Conflict("inserted", name(ours[rest_o[0][1]])))
            for side, members, source in ((0, rest_o, ours), (1, rest_t, theirs)):
                for m in members:
                    anchors[m] = anchor
                    p = source[m[1]]
                    points[m] = one_side(p, self.names[side], self.names) if clash else p
                    if not clash:
                        (self.tally.ours if side == 0 else self.tally.theirs).append(f"{name(p)} inserted")
        return anchors, alias

    def _base_member(self, i: int, b: Point, o: Point | None, t: Point | None) -> Point | None:
        """A base point as the merge keeps it, or None when it goes."""
        if o is None and t is None:
            self.tally.both.append(f"{name(b)} deleted")
            return None
        if o is None or t is None:
            kept, side = (t, 1) if o is None else (o, 0)
            assert kept is not None
            if _bare(kept) == _bare(b):  # the other side only renumbered it
                (self.tally.ours if side == 1 else self.tally.theirs).append(f"{name(b)} deleted")
                return None
            self.tally.conflicts.append(Conflict("deleted", name(kept)))
            return one_side(kept, self.names[side], self.names)
        return self.point(b, o, t)


def _after(seq: list[Member], m: Member, alias: dict[Member, Member]) -> Member | None:
    """The base point `m` follows in one side's order (None: it comes first)."""
    before = [alias.get(x, x) for x in seq[:seq.index(m)] if x[0] == "b"]
    return before[-1] if before else None


def _places_in(seq: list[Member], alias: dict[Member, Member], anchors: dict[Member, int],
               foreign: str) -> dict[Member, float]:
    """Each member's place in one side's order; the other side's new points just after the base
    point they follow there (or at the start)."""
    out: dict[Member, float] = {}
    for n, m in enumerate(seq):
        out[alias.get(m, m)] = float(n)
    for m, anchor in anchors.items():
        if m[0] == foreign and m not in out:
            out[m] = out.get(("b", anchor), -1.0) + 0.5
    return out


def _topological(edges: dict[Member, set[Member]], key: Callable[[Member], tuple[float, float, str]]
                 ) -> list[Member]:
    """The members in an order that keeps every edge where it can, the smallest `key` first
    among those free to go; a cycle (two sides moving a point apart) is broken at its smallest."""
    keys = {m: key(m) for m in edges}
    incoming: dict[Member, int] = {m: 0 for m in edges}
    for targets in edges.values():
        for v in targets:
            incoming[v] += 1
    ready = [(keys[m], m) for m, n in incoming.items() if n == 0]
    heapq.heapify(ready)
    waiting = {m for m, n in incoming.items() if n}
    out: list[Member] = []
    done: set[Member] = set()
    while ready or waiting:
        if not ready:
            m = min(waiting, key=keys.__getitem__)
            waiting.discard(m)
            heapq.heappush(ready, (keys[m], m))
        _, m = heapq.heappop(ready)
        if m in done:
            continue
        done.add(m)
        out.append(m)
        for v in edges[m]:
            incoming[v] -= 1
            if incoming[v] == 0 and v in waiting:
                waiting.discard(v)
                heapq.heappush(ready, (keys[v], v))
    return out
