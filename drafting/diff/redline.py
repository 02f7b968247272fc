"""The Redline value: what `diff` returns and every redline renderer draws.

A redline keeps the unchanged runs, as diff-match-patch does, so both texts can
be rebuilt from it: `accept_all` gives the new document and `reject_all` the old
one, exactly. It has no rendering methods; writers live in `drafting.writers`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from drafting.numerals import same_number
from drafting.model import PARA_SEP, Document, Meta, Path, Point

DELETE, EQUAL, INSERT = -1, 0, 1

#: A word operation: (DELETE | EQUAL | INSERT, text). Text keeps its spaces.
Op = tuple[int, str]
Ops = tuple[Op, ...]

#: Pair statuses, in the order the summary lists them.
STATUSES = ("same", "renumbered", "changed", "moved", "inserted", "deleted", "split", "merged")


@dataclass(frozen=True, slots=True)
class PointDiff:
    """One aligned pair of points, with the word operations that turn old into new.

    `old` is None for an inserted point (or the new half of a split), `new` is
    None for a deleted one (or the absorbed half of a merge). `old_index` and
    `new_index` are positions among siblings, and `old_parent` and `new_parent`
    the paths of the parents (indices from the root, () for the top level), so
    a unit can move from one chapter to another; `reject_all` and `accept_all`
    rebuild each side from them. A pair sits in the redline under the pair of
    its new parent (a deleted one under its old parent's). `heading` and `body`
    are word operations over the heading and over the paragraphs joined by
    `PARA_SEP`. `related` names the label of the other half of a split or
    merge ("" otherwise). Divisions (chapters, parts) are pairs too, with their
    units as children.
    """

    status: str
    old: Point | None
    new: Point | None
    old_index: int | None
    new_index: int | None
    heading: Ops = ()
    body: Ops = ()
    children: tuple[PointDiff, ...] = ()
    related: str = ""
    old_parent: Path = ()
    new_parent: Path = ()

    @property
    def is_division(self) -> bool:
        """True when the pair is a division (part, chapter, annex ...) rather than a unit."""
        point = self.new or self.old
        return point is not None and point.is_division

    @property
    def old_label(self) -> str:
        """The number the point had, or "" when it is new."""
        return self.old.label if self.old else ""

    @property
    def new_label(self) -> str:
        """The number the point has now, or "" when it was deleted."""
        return self.new.label if self.new else ""

    @property
    def key(self) -> str:
        """The point's key on the new side, else the old side."""
        point = self.new or self.old
        assert point is not None
        return point.key

    @property
    def renumbered(self) -> bool:
        """True when the point exists on both sides under different numbers."""
        return self.old is not None and self.new is not None and not same_number(self.old.label, self.new.label)

    @property
    def text_changed(self) -> bool:
        """True when any word of the point or its sub-points changed."""
        return any(op != EQUAL for op, _ in (*self.heading, *self.body)) or any(
            c.status != "same" for c in self.children
        )


@dataclass(frozen=True, slots=True)
class Redline:
    """The comparison of two documents: aligned points and word operations.

    `points` is in reading order: the new document's order, with each deleted
    point where it stood in the old one. `notes` are remarks for the reader,
    such as "no numbered points: compared paragraph by paragraph".
    """

    old_meta: Meta
    new_meta: Meta
    title: Ops = ()
    parties: Ops = ()
    preamble: Ops = ()
    points: tuple[PointDiff, ...] = ()
    closing: Ops = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts for the top of a redline: points by status, words in and out."""

    points: tuple[tuple[str, int], ...] = field(default_factory=tuple)
    words_inserted: int = 0
    words_deleted: int = 0

    def count(self, status: str) -> int:
        """How many top-level points have `status` (0 when none)."""
        return dict(self.points).get(status, 0)

    @property
    def changes(self) -> int:
        """How many top-level points are not `same`."""
        return sum(n for status, n in self.points if status != "same")


def old_text(ops: Ops) -> str:
    """The text before the change: equal and deleted runs."""
    return "".join(text for op, text in ops if op != INSERT)


def new_text(ops: Ops) -> str:
    """The text after the change: equal and inserted runs."""
    return "".join(text for op, text in ops if op != DELETE)


def split_paragraphs(text: str) -> tuple[str, ...]:
    """Paragraphs back from a `PARA_SEP`-joined text; "" gives no paragraph."""
    return tuple(text.split(PARA_SEP)) if text else ()


def _rebuild(diffs: tuple[PointDiff, ...], new: bool) -> tuple[Point, ...]:
    """One side's tree, each pair put back under its parent path at its index."""
    text = new_text if new else old_text
    under: dict[Path, list[tuple[int, PointDiff, Point]]] = {}
    for d in _walk(diffs):
        base = d.new if new else d.old
        if base is not None:
            parent = d.new_parent if new else d.old_parent
            index = d.new_index if new else d.old_index
            under.setdefault(parent, []).append((index or 0, d, base))

    def build(path: Path) -> tuple[Point, ...]:
        items = sorted(under.get(path, ()), key=lambda item: item[0])
        return tuple(Point(key=base.key, label=base.label, kind=base.kind, heading=text(d.heading),
                           paragraphs=split_paragraphs(text(d.body)),
                           children=build((*path, index)), meta=base.meta, word=base.word)
                     for index, d, base in items)

    return build(())


def _document(redline: Redline, new: bool) -> Document:
    text = new_text if new else old_text
    return Document(
        title=text(redline.title),
        parties=split_paragraphs(text(redline.parties)),
        preamble=split_paragraphs(text(redline.preamble)),
        points=_rebuild(redline.points, new),
        closing=split_paragraphs(text(redline.closing)),
        meta=redline.new_meta if new else redline.old_meta,
    )


def accept_all(redline: Redline) -> Document:
    """The new document, rebuilt from the redline by accepting every change."""
    return _document(redline, new=True)


def reject_all(redline: Redline) -> Document:
    """The old document, rebuilt from the redline by rejecting every change."""
    return _document(redline, new=False)


def _words(ops: Ops, kind: int) -> int:
    return sum(len(text.split()) for op, text in ops if op == kind)


def _walk(diffs: tuple[PointDiff, ...]) -> list[PointDiff]:
    out: list[PointDiff] = []
    for d in diffs:
        out.append(d)
        out.extend(_walk(d.children))
    return out


def units(diffs: tuple[PointDiff, ...]) -> list[PointDiff]:
    """The pairs of units that carry text (articles, points), looking through divisions."""
    out: list[PointDiff] = []
    for d in diffs:
        if d.is_division:
            out.extend(units(d.children))
        else:
            out.append(d)
    return out


def differs(redline: Redline) -> bool:
    """True when the two documents differ anywhere: a unit, a division, or the title,
    parties, preamble or closing."""
    front = (*redline.title, *redline.parties, *redline.preamble, *redline.closing)
    return any(op != EQUAL for op, _ in front) or any(d.status != "same" for d in _walk(redline.points))


def summarize(redline: Redline) -> Summary:
    """Units (articles, points) by status, and words inserted and deleted anywhere."""
    counts = Counter(d.status for d in units(redline.points))
    ops: list[Op] = [*redline.title, *redline.parties, *redline.preamble, *redline.closing]
    for d in _walk(redline.points):
        ops.extend(d.heading)
        ops.extend(d.body)
    return Summary(
        points=tuple((s, counts[s]) for s in STATUSES if counts[s]),
        words_inserted=_words(tuple(ops), INSERT),
        words_deleted=_words(tuple(ops), DELETE),
    )
