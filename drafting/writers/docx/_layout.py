"""Where each piece of an agreement goes: one layout for drafts and redlines alike.

A draft is laid out as the redline of the document against itself (`same`), so a draft and a
redline share every decision: accepting all changes in a redline leaves exactly the paragraphs
of the new draft, rejecting them all those of the old one. Numbers, the full stop after a
heading and the space after it are "pieces" computed on each side; when the sides differ
only the differing tokens are tracked, so a renumbering shows as the number alone changing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import count

from drafting.diff.redline import DELETE, EQUAL, INSERT, Ops, PointDiff, Redline
from drafting.model import PARA_SEP, Document, Point
from drafting.writers._shared import marker
from drafting.writers.docx import _revisions as rv
from drafting.writers.docx import _styles as st

#: The comment on a point, or "" for none; given the point and its depth (0 = top level).
Note = Callable[[Point, int], str]


@dataclass(frozen=True, slots=True)
class _Mode:
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


BOTH = _Mode()


def _old(ops: Ops) -> str:
    return "".join(t for op, t in ops if op != INSERT)


def _new(ops: Ops) -> str:
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


def _stop(heading: str) -> str:
    """The full stop a run-in heading needs ("" when it already ends in punctuation)."""
    return "" if not heading or heading[-1] in ".:;?!" else "."


def _one_line(ops: Ops) -> Ops:
    return tuple((op, t.replace(PARA_SEP, " ")) for op, t in ops)


def same(doc: Document) -> Redline:
    """`doc` compared with itself: everything equal, laid out exactly like a redline."""
    def eq(text: str) -> Ops:
        return ((EQUAL, text),) if text else ()

    def pair(p: Point, i: int) -> PointDiff:
        kids = tuple(pair(c, k) for k, c in enumerate(p.children))
        return PointDiff("same", p, p, i, i, eq(p.heading), eq(p.body), kids)

    return Redline(doc.meta, doc.meta, eq(doc.title), eq(PARA_SEP.join(doc.parties)),
                   eq(PARA_SEP.join(doc.preamble)), tuple(pair(p, i) for i, p in enumerate(doc.points)),
                   eq(PARA_SEP.join(doc.closing)))


def _side_pieces(a: str, b: str, mode: _Mode, d: PointDiff) -> Ops:
    """`pieces`, except that a one-sided copy of a point on both sides shows its own side
    whole (a moved point's new number is part of the move, not a separate insertion)."""
    if d.old is not None and d.new is not None and mode.side is not None:
        a = b = a if mode.side == "old" else b
    return pieces(a, b)


def _looks(level: int, numbered: bool) -> tuple[rv.Look, rv.Look]:
    """The looks of a point's first paragraph and of the rest, by depth and numbering."""
    style, text = (st.POINT, st.POINT_TEXT) if level == 0 else (st.SUB, st.SUB_TEXT)
    if not numbered and level == 0:
        text = st.PARAGRAPH  # an unnumbered paragraph of the agreement, not part of a point
    left = st.INDENT * (level + 1) if level >= 2 else 0
    return (style if numbered else text, left, st.INDENT if left and numbered else 0), (text, left, 0)


class Layout:
    """Lays a redline out into a `Stream`; `note` adds a Word comment on points (drafts)."""

    def __init__(self, stream: rv.Stream, note: Note | None = None) -> None:
        self.s = stream
        self.note = note
        self.comments: list[tuple[int, str]] = []
        self._moves = count(1)

    def redline(self, rl: Redline) -> None:
        """Title, parties, preamble, points and closing, each tracked."""
        for ops, style in ((rl.title, st.TITLE), (rl.parties, st.PARTIES), (rl.preamble, st.PREAMBLE)):
            self._flow(ops, BOTH, (style,), (style,), False, (bool(_old(ops)), bool(_new(ops))))
        self._siblings(rl.points, BOTH, 0)
        self._flow(rl.closing, BOTH, (st.CLOSING,), (st.CLOSING,), False,
                   (bool(_old(rl.closing)), bool(_new(rl.closing))))

    def _runs(self, ops: Ops, mode: _Mode, bold: bool) -> None:
        for op, text in ops:
            tag = mode.tag(op)
            if tag is not None:
                self.s.run(text, tag, bold)

    def _flow(self, ops: Ops, mode: _Mode, first: rv.Look | tuple[str], rest: rv.Look | tuple[str],
              bold: bool, ends: tuple[bool, bool]) -> None:
        """Runs of `ops`, a new paragraph at each `PARA_SEP`; the last mark is on `ends` sides."""
        style = first
        for op, text in ops:
            tag = mode.tag(op)
            if tag is None:
                continue
            parts = text.split(PARA_SEP)
            self.s.run(parts[0], tag, bold)
            for part in parts[1:]:
                self.s.end(mode.mark(op != INSERT, op != DELETE), *style)
                style = rest
                self.s.run(part, tag, bold)
        self.s.end(mode.mark(*ends), *style)

    def _siblings(self, diffs: tuple[PointDiff, ...], mode: _Mode, level: int) -> None:
        """Points in reading order; a moved point's old copy where it stood among the old ones."""
        if mode.side is not None:
            old = mode.side == "old"
            side = [d for d in diffs if (d.old if old else d.new) is not None]
            side.sort(key=lambda d: (d.old_index if old else d.new_index) or 0)
            for d in side:
                self._point(d, mode, level)
            return
        moved = sorted((d for d in diffs if d.status == "moved" and d.old and d.new),
                       key=lambda d: d.old_index or 0)
        names = {id(d): f"move{next(self._moves)}" for d in moved}
        waiting = iter(moved)
        pending = next(waiting, None)
        for d in diffs:
            if id(d) not in names and d.old is not None:
                while pending is not None and (pending.old_index or 0) < (d.old_index or 0):
                    self._moved(pending, rv.MOVE_FROM, names[id(pending)], level)
                    pending = next(waiting, None)
            if id(d) in names:
                self._moved(d, rv.MOVE_TO, names[id(d)], level)
            else:
                self._point(d, mode, level)
        while pending is not None:
            self._moved(pending, rv.MOVE_FROM, names[id(pending)], level)
            pending = next(waiting, None)

    def _moved(self, d: PointDiff, tag: str, name: str, level: int) -> None:
        start, end = rv.move_range(self.s, tag, name)
        self.s.marker(start)
        self._point(d, _Mode("old" if tag == rv.MOVE_FROM else "new", tag), level)
        self.s.paras[-1].items.append(end)

    def _point(self, d: PointDiff, mode: _Mode, level: int) -> None:
        old, new = d.old, d.new
        if mode.side is None and old and new and (old.kind == "article") != (new.kind == "article"):
            self._point(d, _Mode("old", rv.DEL), level)  # no shared layout: old out, new in
            self._point(d, _Mode("new", rv.INS), level)
            return
        base = old if mode.side == "old" or new is None else new
        assert base is not None
        if base.kind == "article":
            self._article(d, mode, level, base)
        else:
            self._numbered(d, mode, level, base)

    def _anchor(self, point: Point, level: int) -> Callable[[], None]:
        """Open a comment on `point` (when notes are on); the returned function closes it."""
        text = self.note(point, level) if self.note else ""
        if not text:
            return lambda: None
        cid = self.s.next_id()
        self.comments.append((cid, text))
        self.s.marker(f'<w:commentRangeStart w:id="{cid}"/>')
        return lambda: self.s.marker(
            f'<w:commentRangeEnd w:id="{cid}"/><w:r><w:rPr><w:rStyle w:val="{st.COMMENT_REF}"/>'
            f'</w:rPr><w:commentReference w:id="{cid}"/></w:r>')

    def _numbered(self, d: PointDiff, mode: _Mode, level: int, base: Point) -> None:
        """A point: number, tab, run-in bold heading, first paragraph; then the rest, sub-points."""
        om, nm = (marker(d.old) if d.old else ""), (marker(d.new) if d.new else "")
        first, rest = _looks(level, bool(marker(base)))
        start = len(self.s.paras)
        close = self._anchor(base, level)
        self._runs(_side_pieces(om + "\t" if om else "", nm + "\t" if nm else "", mode, d), mode, False)
        close()
        heading = _one_line(d.heading)
        oh, nh = _old(heading), _new(heading)
        of, nf = _old(d.body).split(PARA_SEP)[0], _new(d.body).split(PARA_SEP)[0]
        self._runs(heading, mode, True)
        self._runs(_side_pieces(_stop(oh) if d.old else "", _stop(nh) if d.new else "", mode, d), mode, True)
        self._runs(_side_pieces(" " if oh and of else "", " " if nh and nf else "", mode, d), mode, False)
        self._flow(d.body, mode, first, rest, False, (d.old is not None, d.new is not None))
        if mode.side is None and d.old and d.new and bool(om) != bool(nm):  # a number came or went
            old_first, old_rest = _looks(level, bool(om))
            for k, para in enumerate(self.s.paras[start:]):
                was = old_first if k == 0 else old_rest
                para.was = was if was != (para.style, para.left, para.hanging) else None
        self._siblings(d.children, mode, level + 1)

    def _article(self, d: PointDiff, mode: _Mode, level: int, base: Point) -> None:
        """An article: "Article V" on its own line, its title line, its paragraphs, its points."""
        o, n = d.old is not None, d.new is not None
        close = self._anchor(base, level)
        self._runs(_side_pieces(marker(d.old) if d.old else "", marker(d.new) if d.new else "", mode, d), mode, False)
        close()
        self.s.end(mode.mark(o, n), st.ARTICLE)
        heading = _one_line(d.heading)
        self._flow(heading, mode, (st.ARTICLE_TITLE,), (st.ARTICLE_TITLE,), False,
                   (o and bool(_old(heading)), n and bool(_new(heading))))
        self._flow(d.body, mode, (st.ARTICLE_TEXT,), (st.ARTICLE_TEXT,), False,
                   (o and bool(_old(d.body)), n and bool(_new(d.body))))
        self._siblings(d.children, mode, level)
