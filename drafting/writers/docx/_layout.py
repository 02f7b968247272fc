"""Where each piece of an agreement goes: one layout for drafts and redlines alike.

A draft is laid out as the redline of the document against itself (`_pieces.same`), so a draft
and a redline share every decision: accepting all changes in a redline leaves exactly the
paragraphs of the new draft, rejecting them all those of the old one. Divisions are one
heading paragraph each ("Chapter 3", a line break, its name), articles a heading line and a
title line, plan points and numbered paragraphs a number, a tab and the text. A pair drawn as
a move leaves its old copy where it stood in the old text, inside its old chapter (`Places`).
"""

from __future__ import annotations

from collections.abc import Callable

from drafting.diff.redline import DELETE, INSERT, Marks, Ops, PointDiff, Redline, marked
from drafting.model import PARA_SEP, Path, Point
from drafting.writers._shared import old_path
from drafting.writers.docx import _revisions as rv
from drafting.writers.docx import _styles as st
from drafting.writers.docx._brackets import Draft, Unit
from drafting.writers.docx._pieces import BOTH, Mode, label, looks, new, old, one_line, side_pieces, stop
from drafting.writers.docx._places import Places

#: The comment on a point, or "" for none; given the point and its depth (0 = top level).
Note = Callable[[Point, int], str]


class Layout:
    """Lays a redline out into a `Stream`; `note` adds a Word comment on points (drafts), `draft`
    draws the negotiating text of a draft (bold brackets, styles, tables of alternatives)."""

    def __init__(self, stream: rv.Stream, note: Note | None = None, draft: Draft | None = None) -> None:
        self.s = stream
        self.note = note
        self.draft = draft
        self.comments: list[tuple[int, str]] = []
        self._names: dict[int, str] = {}
        self.places = Places(())
        self.languages = ("", "")

    def redline(self, rl: Redline) -> None:
        """Title, parties, preamble, the body, closing, then annexes and the like, each tracked."""
        self.places = places = Places(rl.points)
        self.languages = (rl.old_meta.language, rl.new_meta.language)
        for name, ops, style in (("title", rl.title, st.TITLE), ("parties", rl.parties, st.PARTIES),
                                 ("preamble", rl.preamble, st.PREAMBLE)):
            self._flow(ops, BOTH, (style,), (style,), (bool(old(ops)), bool(new(ops))), rl.marks_of(name),
                       (name, ()))
        olds = places.by_old.get((), [])
        for tail in (False, True):
            if tail:
                self._flow(rl.closing, BOTH, (st.CLOSING,), (st.CLOSING,),
                           (bool(old(rl.closing)), bool(new(rl.closing))), rl.marks_of("closing"),
                           ("closing", ()))
            here = tuple(d for d in rl.points if places.in_tail(d, old=d.new is None) == tail)
            self._siblings(here, BOTH, 0, (), [d for d in olds if places.in_tail(d, old=True) == tail])

    def _runs(self, ops: Ops, mode: Mode, bold: bool = False, marks: Marks = ()) -> None:
        """Runs of `ops` on the side(s) `mode` draws; a minor operation's under its own author."""
        for op, text, mark in marked(ops, marks):
            tag = mode.tag(op)
            if tag is not None:
                self.s.run(text, rv.minor(tag, mark), bold)

    def _flow(self, ops: Ops, mode: Mode, first: rv.Look | tuple[str],
              rest: rv.Look | tuple[str], ends: tuple[bool, bool], marks: Marks = (),
              unit: Unit | None = None) -> None:
        """Runs of `ops`, a new paragraph at each `PARA_SEP`; the last mark is on `ends` sides.
        A paragraph mark inside a minor operation is tracked under the redline's own author.
        In a draft, the paragraphs of `unit` go to `Draft.flow` (negotiating text)."""
        if self.draft is not None and unit is not None:
            self.draft.flow(self.s, new(ops), first, rest, mode.mark(*ends), unit)
            return
        style = first
        for op, text, mark in marked(ops, marks):
            tag = mode.tag(op)
            if tag is None:
                continue
            tag = rv.minor(tag, mark)
            parts = text.split(PARA_SEP)
            self.s.run(parts[0], tag)
            for part in parts[1:]:
                self.s.end(mode.mark(op != INSERT, op != DELETE), *style)
                style = rest
                self.s.run(part, tag)
        self.s.end(mode.mark(*ends), *style)

    def _siblings(self, diffs: tuple[PointDiff, ...], mode: Mode, level: int, here: Path | None,
                  olds: list[PointDiff] | None = None) -> None:
        """The pairs under one parent in reading order. One side only: that side's points in
        order. Both: moves drawn as moveTo where they are now and as moveFrom where they stood
        among `olds`, the pairs whose old points stood under this parent (the old path `here`)."""
        places = self.places
        if mode.side == "new":
            for d in sorted((d for d in diffs if d.new is not None), key=lambda d: d.new_index or 0):
                self._point(d, mode, level)
            return
        if mode.side == "old":
            for d in places.by_old.get(here, []) if here is not None else ():
                self._point(d, mode, level)
            return
        if olds is None:
            olds = places.by_old.get(here, []) if here is not None else []
        waiting = iter([d for d in olds if places.moves(d)])
        pending = next(waiting, None)
        for d in diffs:
            if d.old is not None and not places.moves(d):
                while pending is not None and (pending.old_index or 0) < (d.old_index or 0):
                    self._left(pending, level)
                    pending = next(waiting, None)
            if not places.moves(d):
                self._point(d, BOTH, level)
            elif places.old_free(d):
                self._moved(d, rv.MOVE_TO, level)
            else:  # its old copy is part of a larger moved piece: here it is simply new
                self._point(d, Mode("new", rv.INS), level)
        while pending is not None:
            self._left(pending, level)
            pending = next(waiting, None)

    def _left(self, d: PointDiff, level: int) -> None:
        """The old copy of a pair that moved away from here."""
        if self.places.new_free(d):
            self._moved(d, rv.MOVE_FROM, level)
        else:  # its new copy is part of a larger moved piece: here it is simply gone
            self._point(d, Mode("old", rv.DEL), level)

    def _moved(self, d: PointDiff, tag: str, level: int) -> None:
        name = self._names.setdefault(id(d), f"move{len(self._names) + 1}")
        start, end = rv.move_range(self.s, tag, name)
        self.s.marker(start)
        self._point(d, Mode("old" if tag == rv.MOVE_FROM else "new", tag), level)
        self.s.paras[-1].items.append(end)

    def _point(self, d: PointDiff, mode: Mode, level: int) -> None:
        if self.draft is not None and self.draft.point(self.s, d):
            return  # one of a set of alternatives drawn as a table
        if mode.side is None and self.places.switched(d):
            self._point(d, Mode("old", rv.DEL), level)  # no shared layout: old out, new in
            self._point(d, Mode("new", rv.INS), level)
            return
        base = d.old if mode.side == "old" or d.new is None else d.new
        assert base is not None
        if base.is_division:
            self._division(d, mode, level, base)
        elif base.kind == "article":
            self._article(d, mode, level, base)
        else:
            self._numbered(d, mode, level, base)

    def _labels(self, d: PointDiff) -> tuple[str, str]:
        return label(d.old, self.languages[0]), label(d.new, self.languages[1])

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

    def _restyled(self, start: int, mode: Mode, d: PointDiff, was: list[rv.Look]) -> None:
        """Track the old looks `was` of the paragraphs from `start` where they differ (the pair's
        kind or numbering changed); the last old look stands for any further paragraphs."""
        if mode.side is not None or d.old is None or d.new is None:
            return
        for k, para in enumerate(self.s.paras[start:]):
            look = was[min(k, len(was) - 1)]
            para.was = look if look != (para.style, para.left, para.hanging) else None

    def _division(self, d: PointDiff, mode: Mode, level: int, base: Point) -> None:
        """A part, chapter, annex...: "Chapter 3", a line break and its name in one heading
        paragraph of the kind's heading style; then any text of its own, then its units."""
        o, n = d.old is not None, d.new is not None
        ol, nl = self._labels(d)
        heading = one_line(d.heading)
        oh, nh = old(heading), new(heading)
        start = len(self.s.paras)
        self._runs(side_pieces(ol, nl, mode, d), mode)
        self._runs(side_pieces("\n" if ol and oh else "", "\n" if nl and nh else "", mode, d), mode)
        self._runs(heading, mode, marks=d.heading_marks)
        self.s.end(mode.mark(o, n), st.HEADINGS[base.kind])
        if d.old is not None:
            self._restyled(start, mode, d, [(st.HEADINGS[d.old.kind], 0, 0)])
        text = (st.DIVISION_TEXT,)
        self._flow(d.body, mode, text, text, (o and bool(old(d.body)), n and bool(new(d.body))), d.body_marks,
                   _unit(d))
        self._siblings(d.children, mode, level, old_path(d))

    def _numbered(self, d: PointDiff, mode: Mode, level: int, base: Point) -> None:
        """A point: number, tab, run-in bold heading, first paragraph; then the rest, sub-points."""
        om, nm = self._labels(d)
        first, rest = looks(level, bool(label(base, "")), base.kind)
        start = len(self.s.paras)
        close = self._anchor(base, level)
        self._runs(side_pieces(om + "\t" if om else "", nm + "\t" if nm else "", mode, d), mode)
        close()
        heading = one_line(d.heading)
        oh, nh = old(heading), new(heading)
        of, nf = old(d.body).split(PARA_SEP)[0], new(d.body).split(PARA_SEP)[0]
        self._runs(heading, mode, True, d.heading_marks)
        self._runs(side_pieces(stop(oh) if d.old else "", stop(nh) if d.new else "", mode, d), mode, True)
        self._runs(side_pieces(" " if oh and of else "", " " if nh and nf else "", mode, d), mode)
        self._flow(d.body, mode, first, rest, (d.old is not None, d.new is not None), d.body_marks, _unit(d))
        if d.old is not None:
            self._restyled(start, mode, d, list(looks(level, bool(om), d.old.kind)))
        self._siblings(d.children, mode, level + 1, old_path(d))

    def _article(self, d: PointDiff, mode: Mode, level: int, base: Point) -> None:
        """An article: "Article V" on its own line, its title line, its paragraphs, its points."""
        o, n = d.old is not None, d.new is not None
        close = self._anchor(base, level)
        self._runs(side_pieces(*self._labels(d), mode, d), mode)
        close()
        self.s.end(mode.mark(o, n), st.ARTICLE)
        heading = one_line(d.heading)
        self._flow(heading, mode, (st.ARTICLE_TITLE,), (st.ARTICLE_TITLE,),
                   (o and bool(old(heading)), n and bool(new(heading))), d.heading_marks)
        self._flow(d.body, mode, (st.ARTICLE_TEXT,), (st.ARTICLE_TEXT,),
                   (o and bool(old(d.body)), n and bool(new(d.body))), d.body_marks, _unit(d))
        self._siblings(d.children, mode, level, old_path(d))


def _unit(d: PointDiff) -> Unit:
    """Where a pair's unit stands in a draft: the body, at its path."""
    return ("body", (*d.new_parent, d.new_index or 0))
