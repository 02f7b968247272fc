"""Negotiating text in a Word draft: bold brackets, character styles, tables of alternatives.

Inline (the default), each paragraph's text is cut by `drafting.brackets` and drawn run by run:
the bracket characters bold, the words of bracketed text in the character style "Bracketed
text", an alternative's label (bold) and words in "Alternative", a remark in "Remark", an
editor's bracket plain. The text itself is untouched, so the draft reads back identical.
With tables, each set of alternatives at paragraph or point level becomes a table with one
column per alternative (its label heads the column); a set inside a paragraph gives a table
whose cells hold the whole paragraph with that alternative in place.
"""

from __future__ import annotations

from drafting.brackets import ALTERNATIVE, OPEN, PARAGRAPH, POINT, REMARK, WORDS, Place
from drafting.diff.redline import PointDiff
from drafting.model import PARA_SEP, Document
from drafting.writers._brackets import Bit, Index, Mark, bits
from drafting.writers.docx import _revisions as rv
from drafting.writers.docx import _styles as st

_STYLES = {OPEN: st.BRACKETED, ALTERNATIVE: st.ALTERNATIVE, REMARK: st.REMARK}
#: The width of the text on an A4 page with 2.5 cm margins, in twips.
_WIDTH = 9070
#: A unit's place in the draft: (part, path of the unit).
Unit = tuple[str, tuple[int, ...]]


def face(style: str, bold: bool = False) -> str:
    """The run properties of a run in a character style, bold or not."""
    return f'<w:rStyle w:val="{style}"/>' + ("<w:b/>" if bold else "")


def _bit(stream: rv.Stream, bit: Bit, style: str) -> None:
    if not bit.kind:
        stream.run(bit.text, rv.EQUAL, face(style) if style else False)
        return
    own = _STYLES[bit.kind]
    stream.run("[", rv.EQUAL, face(own, True))
    stream.run(bit.head, rv.EQUAL, face(own, bit.kind == ALTERNATIVE))
    for inner in bit.inside:
        _bit(stream, inner, own)
    stream.run("]", rv.EQUAL, face(own, True))


def text_runs(stream: rv.Stream, text: str, mark: Mark = Mark()) -> None:
    """One paragraph's text as styled runs; a paragraph that is one option of a set without
    brackets ("Option A: ...") is all "Alternative", its label bold."""
    if mark.proposer and not text.lstrip().startswith("["):
        lead = len(text) - len(text.lstrip())
        label = mark.proposer if text.startswith(mark.proposer, lead) else ""
        stream.run(text[:lead], rv.EQUAL, face(st.ALTERNATIVE))
        stream.run(label, rv.EQUAL, face(st.ALTERNATIVE, True))
        stream.run(text[lead + len(label):], rv.EQUAL, face(st.ALTERNATIVE))
        return
    for bit in bits(text):
        _bit(stream, bit, "")


#: What a paragraph of a table cell is: the text, a remark (italic) or a column's label (bold).
TEXT, NOTE, LABEL = "text", "note", "label"


def _cell(paras: list[tuple[str, str]], width: int) -> str:
    """A table cell of paragraphs, each (text, what it is)."""
    stream = rv.Stream()
    for text, what in paras:
        if what == TEXT:
            text_runs(stream, text)
        else:
            stream.run(text, rv.EQUAL, face(st.REMARK) if what == NOTE else face(st.ALTERNATIVE, True))
        stream.end(rv.EQUAL, st.TABLE_TEXT)
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{rv.body_xml(stream)}</w:tc>'


def table(place: Place, texts: list[str]) -> str:
    """A table with one column per alternative of `place`: the labels in a header row, then each
    alternative's text (`texts`) with its remark below."""
    alts = place.alternatives
    width = _WIDTH // max(len(alts), 1)
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for _ in alts)
    head = "".join(_cell([(a.label or f"Alternative {k}", LABEL)], width) for k, a in enumerate(alts, 1))
    body = "".join(_cell([(text, TEXT), *([(a.remark, NOTE)] if a.remark else [])], width)
                   for a, text in zip(alts, texts))
    return (f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{width * len(alts)}" w:type="dxa"/>'
            f'<w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
            f"<w:tr><w:trPr><w:tblHeader/></w:trPr>{head}</w:tr><w:tr>{body}</w:tr></w:tbl>")


def _alternatives(place: Place) -> str:
    return table(place, [a.text for a in place.alternatives])


def _in_place(text: str, place: Place) -> str:
    """The table of a set of alternatives inside a paragraph: the paragraph with each in place."""
    return table(place, [text[:place.start] + a.text + text[place.end:] for a in place.alternatives])


class Draft:
    """How a draft's negotiating text is drawn: inline, or (`tables`) with tables of alternatives."""

    def __init__(self, doc: Document, tables: bool) -> None:
        self.index = Index(doc)
        self.tables = tables

    def flow(self, stream: rv.Stream, text: str, first: rv.Look | tuple[str], rest: rv.Look | tuple[str],
             end: str | None, unit: Unit) -> None:
        """The paragraphs of `text` (joined by `PARA_SEP`) of one unit, the first one `first`,
        the others `rest`; `end` is the mark of an empty text's paragraph (None: left open)."""
        paras = text.split(PARA_SEP) if text else []
        if not paras:
            stream.end(end, *first)
            return
        places = self.index.tables(*unit) if self.tables else []
        whole = {p.first: p for p in places if p.level == PARAGRAPH}
        style, k = first, 0
        while k < len(paras):
            inside = [p for p in places if p.level == WORDS and p.first == k]
            place = whole.get(k)
            if place is None and not inside:
                text_runs(stream, paras[k], self.index.mark(unit[0], unit[1], k))
                stream.end(rv.EQUAL, *style)
            else:
                if stream.pending:  # the unit's number: a paragraph of its own above the table
                    stream.end(rv.EQUAL, *style)
                for xml in [_alternatives(place)] if place else [_in_place(paras[k], p) for p in inside]:
                    stream.block(xml)
            k = place.last + 1 if place else k + 1
            style = rest

    def point(self, stream: rv.Stream, d: PointDiff) -> bool:
        """True when sub-point `d` is drawn as part of a table of alternatives (the first one
        of a set draws the table), so the layout skips it."""
        if not self.tables or d.new_index is None:
            return False
        for place in self.index.tables("body", d.new_parent):
            if place.level == POINT and place.first <= d.new_index <= place.last:
                if d.new_index == place.first:
                    stream.block(_alternatives(place))
                return True
        return False
