"""Negotiating text as the writers draw it: a paragraph cut into plain text and bracket spans, and
which paragraphs and spans of a draft start an open place.

`drafting.brackets` is the one reader of brackets; this module only shapes what it finds for
drawing, so that Word and HTML style the same pieces: `bits` nests the spans of one paragraph
(a tree, because brackets nest), `Index` tells each paragraph of a draft which place starts in
it and which delegation proposes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from drafting.brackets import ALTERNATIVE, EDITORIAL, OPEN, POINT, REMARK, WORDS, Place, delegations, parse, places
from drafting.diff.redline import BRACKET_COUNTED, PointDiff, Summary
from drafting.model import Document

#: Spans nested deeper than this are drawn as the text they are: a hostile line of ten thousand
#: brackets must not become ten thousand nested elements (nor exhaust a recursive renderer).
MAX_DEPTH = 8
#: The kinds drawn as negotiating text; an editor's bracket (`[sic]`, `[date]`) is plain text.
MARKED = (OPEN, ALTERNATIVE, REMARK)


@dataclass(frozen=True, slots=True)
class Bit:
    """Plain `text` (kind ""), or one bracket span: its `kind`, the proposer or remark word
    `label`, the label as written after "[" with its colon (`head`) and what it holds (`inside`).
    `place` is the id of the open place the span starts ("" when none starts here)."""

    kind: str = ""
    text: str = ""
    label: str = ""
    head: str = ""
    inside: tuple[Bit, ...] = ()
    place: str = ""

    def plain(self) -> str:
        """The bit as written, brackets and label included."""
        if not self.kind:
            return self.text
        return "[" + self.head + "".join(b.plain() for b in self.inside) + "]"


@dataclass(slots=True)
class _Open:
    start: int
    end: int
    kind: str
    label: str
    head: str
    place: str
    inside: list[Bit] = field(default_factory=list)
    at: int = 0


def bits(text: str, starts: dict[int, str] | None = None) -> tuple[Bit, ...]:
    """The paragraph `text` as plain text and nested spans (an editor's span keeps its text
    as it is); `starts` maps the offset of a span that starts a place to the place's id.
    Joining `Bit.plain()` of the result gives `text` back."""
    starts = starts or {}
    top: list[Bit] = []
    stack: list[_Open] = []
    at = 0

    def close() -> None:
        nonlocal at
        span = stack.pop()
        if at < span.end - 1:
            span.inside.append(Bit(text=text[at:span.end - 1]))
        at = span.end
        done = Bit(span.kind, "", span.label, span.head, tuple(span.inside), span.place)
        (stack[-1].inside if stack else top).append(done)

    for span in parse(text).spans:
        while stack and stack[-1].end <= span.start:
            close()
        if span.depth >= MAX_DEPTH or (stack and stack[-1].kind == EDITORIAL):
            continue
        if at < span.start:
            (stack[-1].inside if stack else top).append(Bit(text=text[at:span.start]))
        stack.append(_Open(span.start, span.end, span.kind, span.label, text[span.start + 1:span.inner],
                           starts.get(span.start, "")))
        at = span.inner
    while stack:
        close()
    if at < len(text):
        top.append(Bit(text=text[at:]))
    return tuple(_editorial(b) for b in top)


def _editorial(bit: Bit) -> Bit:
    """An editor's span flattened to its text; others with their insides done the same way."""
    if bit.kind == EDITORIAL:
        return Bit(text=bit.plain())
    if bit.kind:
        return Bit(bit.kind, "", bit.label, bit.head, tuple(_editorial(b) for b in bit.inside), bit.place)
    return bit


def changes(d: PointDiff) -> str:
    """What happened to a pair's negotiating text, in words: "alternative chosen (Proposal of
    Ukraine); brackets removed, text agreed: “30”"; "" when nothing."""
    return "; ".join(c.describe() for c in d.brackets)


def open_places(summary: Summary) -> str:
    """"open places: 12 → 3" for a redline's summary, with the bracket changes by kind;
    "" when neither version has an open place and no brackets changed."""
    old, new = summary.open_places
    if not (old or new or summary.brackets):
        return ""
    kinds = ", ".join(f"{n} {BRACKET_COUNTED.get(kind, kind)}" for kind, n in summary.brackets)
    return f"open places: {old} \u2192 {new}" + (f" ({kinds})" if kinds else "")


@dataclass(frozen=True, slots=True)
class Mark:
    """What one paragraph of a draft carries: the id of the place that starts with it (a whole
    paragraph, or the first paragraph of a sub-point that is an alternative), the proposer of
    the alternative it is part of, and the places that start at a span inside it."""

    place: str = ""
    proposer: str = ""
    starts: tuple[tuple[int, str], ...] = ()


#: Where a paragraph is: (part, path of its unit, index among the unit's paragraphs).
Where = tuple[str, tuple[int, ...], int]


class Index:
    """The open places of a draft, numbered "place-1", "place-2"... in reading order, by paragraph."""

    def __init__(self, doc: Document) -> None:
        self.places = places(doc)
        self.ids = [f"place-{n}" for n in range(1, len(self.places) + 1)]
        self._marks: dict[Where, Mark] = {}
        self._units: dict[tuple[str, tuple[int, ...]], list[Place]] = {}
        for pid, place in zip(self.ids, self.places):
            self._add(doc, pid, place)
            self._units.setdefault((place.part, place.path), []).append(place)

    def _add(self, doc: Document, pid: str, place: Place) -> None:
        if place.level == WORDS:
            where = (place.part, place.path, place.first)
            mark = self.mark(*where)
            self._marks[where] = Mark(mark.place, mark.proposer, (*mark.starts, (place.start, pid)))
        elif place.level == POINT:  # every paragraph of each sub-point is its alternative's
            for k, alt in zip(range(place.first, place.last + 1), place.alternatives):
                unit = (*place.path, k)
                for i in range(len(_paragraphs(doc, place.part, unit))):
                    self._marks[(place.part, unit, i)] = Mark(pid if (k, i) == (place.first, 0) else "", alt.label)
        else:  # PARAGRAPH: each paragraph takes the label it starts with, else the one before it
            labels = [a.label for a in place.alternatives if a.label]
            texts = _paragraphs(doc, place.part, place.path)
            label = ""
            for k in range(place.first, place.last + 1):
                text = texts[k].lstrip().lstrip("[") if k < len(texts) else ""
                label = next((name for name in labels if text.startswith(name)), label)
                old = self.mark(place.part, place.path, k)
                self._marks[(place.part, place.path, k)] = Mark(pid if k == place.first else old.place,
                                                                 label, old.starts)

    def mark(self, part: str, path: tuple[int, ...], index: int) -> Mark:
        """The mark of a paragraph (an empty one for a paragraph with no place)."""
        return self._marks.get((part, path, index), _NONE)

    def labels(self) -> list[str]:
        """Every delegation that proposes an alternative, once each, in order of first appearance
        ("Proposal of Arcadia" and "Arcadia / Borealis" both count as Arcadia's)."""
        return list(dict.fromkeys(d for p in self.places for a in p.alternatives for d in delegations(a.label)))

    def tables(self, part: str, path: tuple[int, ...]) -> list[Place]:
        """The places of one unit that a table can show: sets of alternatives (plain bracketed
        text has nothing to put side by side)."""
        return [p for p in self._units.get((part, path), []) if p.alternatives]


_NONE = Mark()


def _paragraphs(doc: Document, part: str, path: tuple[int, ...]) -> tuple[str, ...]:
    """The paragraphs of the preamble, the closing, or the unit at `path`."""
    if part != "body":
        return doc.preamble if part == "preamble" else doc.closing
    points = doc.points
    paras: tuple[str, ...] = ()
    for i in path:
        paras, points = points[i].paragraphs, points[i].children
    return paras
