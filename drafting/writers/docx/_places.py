"""Where each pair of a redline stands on each side, and which pairs are drawn as moves.

A pair sits in the redline under the pair of its new parent, but its old copy belongs where it
stood in the old document, possibly inside another chapter. Before anything is drawn, `Places`
walks the redline once and answers: which pairs stood under a given old parent (so an old
copy can be drawn in its old place), which pairs are drawn as a move (out of order among their
siblings, or under another parent than before), and whether a side of a pair is already drawn
as part of a larger one-sided copy (a moved chapter carries its articles along). At the top
level it also tells the annexes, protocols and the like that end each side (`tail`) from the
body, since the closing lines stand between them.
"""

from __future__ import annotations

from drafting.diff.redline import PointDiff
from drafting.model import ATTACHMENTS, DIVISIONS, Path, Point
from drafting.writers._shared import old_path


def family(point: Point) -> str:
    """How a point is laid out: "division" (a heading line), "article" (a heading line and a
    title line) or "numbered" (number, tab, text). Pairs of different families share nothing."""
    return "division" if point.kind in DIVISIONS else "article" if point.kind == "article" else "numbered"


class Places:
    """The old places of the pairs of a redline, and how each pair is drawn."""

    def __init__(self, points: tuple[PointDiff, ...]) -> None:
        #: Pairs by the old path of their old parent, in old order.
        self.by_old: dict[Path, list[PointDiff]] = {}
        self._at_old: dict[Path, PointDiff] = {}
        self._here: dict[int, Path | None] = {}
        self._inside_copy: set[int] = set()
        self._tail_old = _tail(points, old=True)
        self._tail_new = _tail(points, old=False)
        #: Pairs that cross the closing lines (body on one side, an annex at the end on the other).
        self._across = {id(d) for d in points if d.old and d.new
                        and (id(d) in self._tail_old) != (id(d) in self._tail_new)}
        self._walk(points, (), False)
        for pairs in self.by_old.values():
            pairs.sort(key=lambda d: d.old_index or 0)

    def _walk(self, diffs: tuple[PointDiff, ...], here: Path | None, inside: bool) -> None:
        for d in diffs:
            self._here[id(d)] = here
            if inside:
                self._inside_copy.add(id(d))
            path = old_path(d)
            if path is not None:
                self.by_old.setdefault(d.old_parent, []).append(d)
                self._at_old[path] = d
            self._walk(d.children, path, inside or self.copied(d))

    def crossed(self, d: PointDiff) -> bool:
        """True when the pair's old point stood under another parent than the one it sits under."""
        return d.old is not None and d.new is not None and d.old_parent != self._here[id(d)]

    def moves(self, d: PointDiff) -> bool:
        """True when the pair is drawn as a move: out of order, or under another parent."""
        return d.old is not None and d.new is not None and (
            d.status == "moved" or self.crossed(d) or id(d) in self._across)

    def switched(self, d: PointDiff) -> bool:
        """True when the two sides are laid out differently (an article that became a point)."""
        return d.old is not None and d.new is not None and family(d.old) != family(d.new)

    def copied(self, d: PointDiff) -> bool:
        """True when each side of the pair is drawn as a whole, one-sided copy of its own."""
        return self.moves(d) or self.switched(d)

    def old_free(self, d: PointDiff) -> bool:
        """False when the pair's old side is drawn inside the old copy of an ancestor."""
        path = old_path(d) or ()
        for k in range(1, len(path)):
            above = self._at_old.get(path[:k])
            if above is not None and self.copied(above):
                return False
        return True

    def new_free(self, d: PointDiff) -> bool:
        """False when the pair's new side is drawn inside the new copy of an ancestor."""
        return id(d) not in self._inside_copy

    def in_tail(self, d: PointDiff, old: bool) -> bool:
        """True when a top-level pair's point is among the annexes and the like that end that side."""
        return id(d) in (self._tail_old if old else self._tail_new)


def _tail(points: tuple[PointDiff, ...], old: bool) -> set[int]:
    """The top-level pairs whose points end one side with a run of annexes, protocols and the like."""
    side = sorted((d for d in points if (d.old if old else d.new) is not None),
                  key=lambda d: (d.old_index if old else d.new_index) or 0)
    out: set[int] = set()
    for d in reversed(side):
        point = d.old if old else d.new
        if point is None or point.kind not in ATTACHMENTS:
            break
        out.add(id(d))
    return out
