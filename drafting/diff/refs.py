"""References that only followed a renumbering, and references left stale.

"as provided for in point 3" becoming "point 4" because point 3 is now point 4
is no change of substance: the operations stay (both texts rebuild) but are
marked REFERENCE, and a point whose only changes they are is renumbered or
same. A reference whose target was renumbered while its number stayed is
stale: the redline's notes say so. Runs only when something was renumbered.
"""

from __future__ import annotations

from dataclasses import replace

from drafting.diff.pairs import status_of
from drafting.diff.redline import DELETE, EQUAL, REFERENCE, PointDiff, walk
from drafting.model import Path, Point
from drafting.numerals import same_number
from drafting.references import Cited, Reference, Targets, find_references, may_cite


def _node(points: tuple[Point, ...], path: Path) -> Point:
    point = points[path[0]]
    for index in path[1:]:
        point = point.children[index]
    return point


class _Follow:
    """The two trees, where each old unit went, and the references' targets on each side."""

    def __init__(self, old: tuple[Point, ...], new: tuple[Point, ...], moves: dict[Path, Path],
                 language: str) -> None:
        self.old, self.new, self.moves, self.language = old, new, moves, language
        self._targets: dict[bool, Targets] = {}
        self.notes: list[str] = []

    def index(self, old: bool) -> Targets:
        """The units of one side by number, indexed on first use."""
        found = self._targets.get(old)
        if found is None:
            found = self._targets[old] = Targets(self.old if old else self.new)
        return found

    def cites(self, text: str) -> tuple[Reference, ...]:
        return find_references(text, self.language) if may_cite(text, self.language) else ()

    def cited(self, ref: Reference, old: bool, here: Path) -> list[tuple[Cited, Path | None]]:
        """Each number of `ref` and of the references holding it, with where it points (see `targets`)."""
        found = []
        level: Reference | None = ref
        while level is not None:
            for cited in level.numbers:
                path = self.index(old).resolve(level, cited, here)
                found.append((cited, self.moves.get(path) if old and path is not None else path))
            level = level.within
        return found

    def targets(self, ref: Reference, old: bool, here: Path) -> list[Path | None]:
        """Where each number of `ref` and of the references holding it points ("paragraph 2 of
        point 7": the paragraph, then point 7), in the old tree mapped to the new one, or in the new.
        A level the tree does not number (a point's paragraphs) gives None on both sides."""
        return [path for _cited, path in self.cited(ref, old, here)]

    def pair(self, d: PointDiff) -> PointDiff:
        assert d.old is not None and d.new is not None
        assert d.old_index is not None and d.new_index is not None
        old_here, new_here = (*d.old_parent, d.old_index), (*d.new_parent, d.new_index)
        old_refs = self.cites(d.old.body)
        new_refs = self.cites(d.new.body) if old_refs or d.old.body != d.new.body else old_refs
        if not old_refs and not new_refs:
            return d
        marks = list(d.body_marks or ("",) * len(d.body))
        at_old = at_new = 0
        k = 0
        ops = d.body
        while k < len(ops):
            op, text = ops[k]
            if op == EQUAL:
                self.stale(d, old_refs, new_refs, (at_old, at_old + len(text)), at_new, old_here, new_here)
                at_old += len(text)
                at_new += len(text)
                k += 1
                continue
            end = k
            span_old, span_new = [at_old, at_old], [at_new, at_new]
            while end < len(ops) and ops[end][0] != EQUAL:
                if ops[end][0] == DELETE:
                    span_old[1] += len(ops[end][1])
                else:
                    span_new[1] += len(ops[end][1])
                end += 1
            if self.followed(old_refs, new_refs, span_old, span_new, old_here, new_here):
                marks[k:end] = [REFERENCE] * (end - k)
            at_old, at_new = span_old[1], span_new[1]
            k = end
        if REFERENCE not in marks:
            return d
        d = replace(d, body_marks=tuple(marks))
        if d.status == "changed":
            d = replace(d, status=status_of(d, in_order=True))
        return d

    def followed(self, old_refs: tuple[Reference, ...], new_refs: tuple[Reference, ...], span_old: list[int],
                 span_new: list[int], old_here: Path, new_here: Path) -> bool:
        """True when a change lies inside one reference on each side, and the old reference's
        targets, where they went, are exactly the new reference's targets."""
        ref_old = _holding(old_refs, span_old)
        ref_new = _holding(new_refs, span_new)
        if ref_old is None or ref_new is None or ref_old.kind != ref_new.kind:
            return False
        went = self.targets(ref_old, True, old_here)
        now = self.targets(ref_new, False, new_here)
        return any(t is not None for t in went) and went == now

    def stale(self, d: PointDiff, old_refs: tuple[Reference, ...], new_refs: tuple[Reference, ...],
              span: tuple[int, int], at_new: int, old_here: Path, new_here: Path) -> None:
        """Notes for references inside an unchanged run whose target moved without them."""
        assert d.new is not None and d.old is not None
        for ref in old_refs:
            if ref.start < span[0] or ref.end > span[1]:
                continue
            shift = at_new - span[0]
            twin = next((r for r in new_refs if r.start == ref.start + shift and r.end == ref.end + shift), None)
            if twin is None:
                continue
            went = self.cited(ref, True, old_here)
            now = self.targets(twin, False, new_here)
            for (cited, target), there in zip(went, now):
                if target is None or target == there:
                    continue
                moved_to = _node(self.new, target)
                if same_number(moved_to.label, cited.label):
                    continue
                was = f" (was {d.old.label})" if not same_number(d.old.label, d.new.label) else ""
                self.notes.append(
                    f"{d.new.kind} {d.new.label}{was}: stale reference to {moved_to.kind} {cited.label}, "
                    f"which is now {moved_to.kind} {moved_to.label}")

    def rebuild(self, diffs: tuple[PointDiff, ...]) -> tuple[PointDiff, ...]:
        out = []
        for d in diffs:
            kids = self.rebuild(d.children)
            if kids != d.children:
                d = replace(d, children=kids)
                if d.status == "changed" and d.old is not None and d.new is not None and not d.is_division:
                    d = replace(d, status=status_of(d, in_order=True))
            if d.old is not None and d.new is not None and not d.is_division and d.body:
                d = self.pair(d)
            out.append(d)
        return tuple(out)


def _holding(refs: tuple[Reference, ...], span: list[int]) -> Reference | None:
    for ref in refs:
        if ref.start <= span[0] and span[1] <= ref.end:
            return ref
    return None


def follow_references(diffs: tuple[PointDiff, ...], old: tuple[Point, ...], new: tuple[Point, ...],
                      language: str = "") -> tuple[tuple[PointDiff, ...], tuple[str, ...]]:
    """`diffs` with reference updates marked and statuses set again, and notes on stale references."""
    pairs = [d for d in walk(diffs) if d.old is not None and d.new is not None]
    if all(same_number(d.old.label, d.new.label) for d in pairs if d.old and d.new):
        return diffs, ()
    moves = {(*d.old_parent, d.old_index): (*d.new_parent, d.new_index) for d in pairs
             if d.old_index is not None and d.new_index is not None}
    follow = _Follow(old, new, moves, language)
    out = follow.rebuild(diffs)
    return out, tuple(dict.fromkeys(follow.notes))

