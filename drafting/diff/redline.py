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

#: Why a word operation is minor, so a reader may mute or hide it: it only
#: follows a renumbering (a reference whose number became its target's new
#: number), or it differs only in case or typography the user chose to ignore.
REFERENCE, CASE, TYPOGRAPHY = "reference", "case", "typography"
MINOR = (REFERENCE, CASE, TYPOGRAPHY)
#: One mark per word operation, parallel to an `Ops` ("" for an ordinary one);
#: () when no operation is marked. Marked operations still rebuild both texts.
Marks = tuple[str, ...]


def marked(ops: Ops, marks: Marks) -> list[tuple[int, str, str]]:
    """`ops` with the mark of each: (op, text, mark), mark "" for ordinary ones."""
    return [(op, text, marks[k] if k < len(marks) else "") for k, (op, text) in enumerate(ops)]


def minor_changes(ops: Ops, marks: Marks, mark: str) -> int:
    """How many changes (runs of adjacent deleted and inserted operations) carry `mark`."""
    runs, inside = 0, False
    for op, _text, m in marked(ops, marks):
        start = op != EQUAL and m == mark
        runs += start and not inside
        inside = start
    return runs


def substantive(ops: Ops, marks: Marks) -> bool:
    """True when an operation that is neither equal nor marked minor changes the text."""
    return any(op != EQUAL and mark == "" for op, _text, mark in marked(ops, marks))


#: What happened to the negotiating text of a pair (`BracketChange.kind`), beside its word changes.
AGREED, DROPPED, CHOSEN, BRACKETED, OPENED, ADDED, WITHDRAWN, CLOSED = (
    "agreed", "dropped", "chosen", "bracketed", "opened", "alternative-added", "alternative-withdrawn",
    "closed")
BRACKET_KINDS = (AGREED, DROPPED, CHOSEN, BRACKETED, OPENED, ADDED, WITHDRAWN, CLOSED)
_BRACKET_WORDS = {
    AGREED: "brackets removed, text agreed",
    DROPPED: "bracketed text deleted",
    CHOSEN: "alternative chosen",
    BRACKETED: "brackets added",
    OPENED: "open place added",
    ADDED: "alternative added",
    WITHDRAWN: "alternative withdrawn",
    CLOSED: "alternatives closed, none of them kept",
}

#: Bracket change kinds as a summary counts them ("2 agreed", "1 alternative chosen").
BRACKET_COUNTED = {AGREED: "agreed", DROPPED: "bracketed text deleted", CHOSEN: "alternative chosen",
                   BRACKETED: "brackets added", OPENED: "open place added", ADDED: "alternative added",
                   WITHDRAWN: "alternative withdrawn", CLOSED: "closed without a choice"}


@dataclass(frozen=True, slots=True)
class BracketChange:
    """A change to the brackets of a pair: agreed text, a chosen or withdrawn alternative.

    `label` is the alternative's proposer as written (for CHOSEN, ADDED, WITHDRAWN), `text`
    the words concerned, shortened.
    """

    kind: str
    label: str = ""
    text: str = ""

    def describe(self) -> str:
        """"alternative chosen (Proposal of Ukraine)", "brackets removed, text agreed: “30”"."""
        words = _BRACKET_WORDS[self.kind]
        if self.label:
            return f"{words} ({self.label})"
        return f"{words}: “{self.text}”" if self.text else words


@dataclass(frozen=True, slots=True)
class PointDiff:
    """One aligned pair of points, with the word operations that turn old into new.

    `old` is None for an inserted point (or the new half of a split), `new` is
    None for a deleted one (or the absorbed half of a merge). `old_index` and
    `new_index` are positions among siblings, and `old_parent` and `new_parent`
    the paths of the parents (indices from the root, () for the top level), so
    a unit can move from one chapter to another; `reject_all` and `accept_all`
    rebuild each side from them. `heading_marks` and `body_marks` flag the
    minor operations of `heading` and `body` (see `MINOR`). A pair sits in the redline under the pair of
    its new parent (a deleted one under its old parent's). `heading` and `body`
    are word operations over the heading and over the paragraphs joined by
    `PARA_SEP`. `related` names the label of the other half of a split or
    merge ("" otherwise). Divisions (chapters, parts) are pairs too, with their
    units as children. `brackets` says what happened to the unit's negotiating text
    (brackets removed, an alternative chosen ...), on top-level units only.
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
    heading_marks: Marks = ()
    body_marks: Marks = ()
    brackets: tuple[BracketChange, ...] = ()

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
        """True when any word of the point or its sub-points changed, minor operations aside."""
        return substantive(self.heading, self.heading_marks) or substantive(self.body, self.body_marks) or any(
            c.status != "same" for c in self.children
        )

    @property
    def references_updated(self) -> int:
        """How many references in the point changed only to follow a renumbering."""
        return minor_changes(self.heading, self.heading_marks, REFERENCE) + minor_changes(
            self.body, self.body_marks, REFERENCE)


@dataclass(frozen=True, slots=True)
class Redline:
    """The comparison of two documents: aligned points and word operations.

    `points` is in reading order: the new document's order, with each deleted
    point where it stood in the old one. `notes` are remarks for the reader,
    such as "no numbered points: compared paragraph by paragraph" or a stale
    reference. `front_marks` flags minor operations of the title, parties,
    preamble and closing: (("title", marks), ...), see `marks_of`. `open_places`
    counts the open places (bracketed text, sets of alternatives) of each side.
    """

    old_meta: Meta
    new_meta: Meta
    title: Ops = ()
    parties: Ops = ()
    preamble: Ops = ()
    points: tuple[PointDiff, ...] = ()
    closing: Ops = ()
    notes: tuple[str, ...] = ()
    front_marks: tuple[tuple[str, Marks], ...] = ()
    open_places: tuple[int, int] = (0, 0)

    def marks_of(self, part: str) -> Marks:
        """The marks of "title", "parties", "preamble" or "closing" (() when none)."""
        return dict(self.front_marks).get(part, ())


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts for the top of a redline: points by status, words in and out."""

    points: tuple[tuple[str, int], ...] = field(default_factory=tuple)
    words_inserted: int = 0
    words_deleted: int = 0
    #: Reference updates that only follow a renumbering, and changes of case or
    #: typography the user chose to ignore: shown muted, never counted as words.
    references_updated: int = 0
    ignored: int = 0
    #: Open places (bracketed text, sets of alternatives) in the old and the new version, and
    #: the bracket changes by kind ((kind, count), ... in `BRACKET_KINDS` order).
    open_places: tuple[int, int] = (0, 0)
    brackets: tuple[tuple[str, int], ...] = ()

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
    for d in walk(diffs):
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


def walk(diffs: tuple[PointDiff, ...]) -> list[PointDiff]:
    """Every pair, each before its children."""
    out: list[PointDiff] = []
    for d in diffs:
        out.append(d)
        out.extend(walk(d.children))
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


def _front(redline: Redline) -> list[tuple[Ops, Marks]]:
    return [(redline.title, redline.marks_of("title")), (redline.parties, redline.marks_of("parties")),
            (redline.preamble, redline.marks_of("preamble")), (redline.closing, redline.marks_of("closing"))]


def _all_ops(redline: Redline) -> list[tuple[Ops, Marks]]:
    return _front(redline) + [pair for d in walk(redline.points)
                              for pair in ((d.heading, d.heading_marks), (d.body, d.body_marks))]


def differs(redline: Redline) -> bool:
    """True when the two documents differ anywhere: a unit, a division, or the title,
    parties, preamble or closing. Differences of case or typography the user chose to
    ignore do not count; a reference that followed a renumbering does."""
    return any(d.status != "same" for d in walk(redline.points)) or any(
        op != EQUAL and mark not in (CASE, TYPOGRAPHY)
        for ops, marks in _all_ops(redline) for op, _text, mark in marked(ops, marks))


def summarize(redline: Redline) -> Summary:
    """Units (articles, points) by status, words inserted and deleted anywhere (minor
    operations aside), and the minor changes: reference updates and ignored differences."""
    counts = Counter(d.status for d in units(redline.points))
    plain: list[Op] = []
    refs = ignored = 0
    for ops, marks in _all_ops(redline):
        plain.extend((op, text) for op, text, mark in marked(ops, marks) if not mark)
        refs += minor_changes(ops, marks, REFERENCE)
        ignored += minor_changes(ops, marks, CASE) + minor_changes(ops, marks, TYPOGRAPHY)
    return Summary(
        points=tuple((s, counts[s]) for s in STATUSES if counts[s]),
        words_inserted=_words(tuple(plain), INSERT),
        words_deleted=_words(tuple(plain), DELETE),
        references_updated=refs,
        ignored=ignored,
        open_places=redline.open_places,
        brackets=tuple((k, n) for k in BRACKET_KINDS
                       if (n := sum(1 for d in walk(redline.points) for c in d.brackets if c.kind == k))),
    )
