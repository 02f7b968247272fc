"""The small decisions of the layout: which side is drawn, the pieces around a number, the looks.

Numbers, the full stop after a heading and the space after it are "pieces" computed on each
side; when the sides differ only the differing tokens are tracked, so a renumbering shows as
the number alone changing. A draft is the redline of a document against itself (`same`).
"""

from __future__ import annotations

from dataclasses import dataclass

from drafting.diff.redline import DELETE, EQUAL, INSERT, Ops, PointDiff, Redline
from drafting.model import PARA_SEP, Document, Path, Point
from drafting.writers._shared import marker
from drafting.writers.docx import _revisions as rv
from drafting.writers.docx import _styles as st


@dataclass(frozen=True, slots=True)
class Mode:
    """Which side is drawn: both (tracked), or one side only (a move's copy, a replacement).

    With one side drawn, text the two sides share takes the tag `whole` ("moveFrom",
    "moveTo", or "del"/"ins" for a replaced point); that side's own changes stay del/ins.
    """

    side: str | None = None
    whole: str = rv.EQUAL

    def tag(self, op: int) -> str | None:
        """The tag of a word operation's text, or None when it is not on the side drawn."""
        if op == EQUAL:
            return rv.EQUAL if self.side is None else self.whole
        if op == INSERT:
            return None if self.side == "old" else rv.INS
        return None if self.side == "new" else rv.DEL

    def mark(self, in_old: bool, in_new: bool) -> str | None:
        """The tag of a paragraph mark present on the given sides (None: absent here)."""
        if in_old and in_new:
            return rv.EQUAL if self.side is None else self.whole
        if in_old and self.side != "new":
            return rv.DEL
        if in_new and self.side != "old":
            return rv.INS
        return None


BOTH = Mode()


def old(ops: Ops) -> str:
    """The text of `ops` before the change."""
    return "".join(t for op, t in ops if op != INSERT)


def new(ops: Ops) -> str:
    """The text of `ops` after the change."""
    return "".join(t for op, t in ops if op != DELETE)


def pieces(a: str, b: str) -> Ops:
    """Ops from `a` to `b` that keep their shared leading and trailing tokens: "4.\\t" → "5.\\t"
    gives delete "4", insert "5", equal ".\\t"."""
    if a == b:
        return ((EQUAL, a),) if a else ()
    ta, tb = rv.TOKEN.findall(a), rv.TOKEN.findall(b)
    p = 0
    while p < min(len(ta), len(tb)) and ta[p] == tb[p]:
        p += 1
    s = 0
    while s < min(len(ta), len(tb)) - p and ta[-1 - s] == tb[-1 - s]:
        s += 1
    runs = ((EQUAL, "".join(ta[:p])), (DELETE, "".join(ta[p:len(ta) - s])),
            (INSERT, "".join(tb[p:len(tb) - s])), (EQUAL, "".join(ta[len(ta) - s:])))
    return tuple((op, t) for op, t in runs if t)


def side_pieces(a: str, b: str, mode: Mode, d: PointDiff) -> Ops:
    """`pieces`, except that a one-sided copy of a point on both sides shows its own side
    whole (a moved point's new number is part of the move, not a separate insertion)."""
    if d.old is not None and d.new is not None and mode.side is not None:
        a = b = a if mode.side == "old" else b
    return pieces(a, b)


def stop(heading: str) -> str:
    """The full stop a run-in heading needs ("" when it already ends in punctuation)."""
    return "" if not heading or heading[-1] in ".:;?!" else "."


def one_line(ops: Ops) -> Ops:
    """`ops` with paragraph breaks turned into spaces (a heading is one line)."""
    return tuple((op, t.replace(PARA_SEP, " ")) for op, t in ops)


def label(point: Point | None, language: str) -> str:
    """The number as shown ("Article 5", "CHAPTER 3", "Стаття 2", "5.", "(a)"); "" for no point."""
    return "" if point is None else marker(point, language)


def same(doc: Document) -> Redline:
    """`doc` compared with itself: everything equal, laid out exactly like a redline."""
    def eq(text: str) -> Ops:
        return ((EQUAL, text),) if text else ()

    def pair(p: Point, i: int, parent: Path) -> PointDiff:
        kids = tuple(pair(c, k, (*parent, i)) for k, c in enumerate(p.children))
        return PointDiff("same", p, p, i, i, eq(p.heading), eq(p.body), kids, old_parent=parent, new_parent=parent)

    return Redline(doc.meta, doc.meta, eq(doc.title), eq(PARA_SEP.join(doc.parties)),
                   eq(PARA_SEP.join(doc.preamble)), tuple(pair(p, i, ()) for i, p in enumerate(doc.points)),
                   eq(PARA_SEP.join(doc.closing)))


def looks(level: int, numbered: bool, kind: str) -> tuple[rv.Look, rv.Look]:
    """The looks of a numbered unit's first paragraph and of the rest, by depth, numbering and
    kind: a plan's point, an article's numbered paragraph, a sub-point (deeper ones indented)."""
    if kind == "paragraph" and level == 0:
        style, text = st.NUMBERED, st.NUMBERED_TEXT
    else:
        style, text = (st.POINT, st.POINT_TEXT) if level == 0 else (st.SUB, st.SUB_TEXT)
    if not numbered and level == 0:
        text = st.PARAGRAPH  # an unnumbered paragraph of the agreement, not part of a point
    left = st.INDENT * (level + 1) if level >= 2 else 0
    return (style if numbered else text, left, st.INDENT if left and numbered else 0), (text, left, 0)
