"""The body of `word/document.xml` as paragraphs and tables, in one view of its tracked changes.

python-docx's `Paragraph.text` skips runs inside `w:ins` and `w:del`, so the runs
are walked here. The accepted view keeps inserted and moved-to text and drops
deleted and moved-from text; the rejected view does the opposite. A paragraph
whose mark is gone in the view (deleted when accepting, inserted when
rejecting) runs on into the next paragraph, as Word joins them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from lxml import etree

from drafting.readers.docx._numbering import num_pr, w

P, TBL, TR, TC, R = w("p"), w("tbl"), w("tr"), w("tc"), w("r")
PPR, RPR, TRPR, SDT, SDT_CONTENT, CUSTOM_XML = (w("pPr"), w("rPr"), w("trPr"), w("sdt"),
                                                w("sdtContent"), w("customXml"))
INS, DEL, MOVE_TO, MOVE_FROM, PPR_CHANGE = (w("ins"), w("del"), w("moveTo"), w("moveFrom"),
                                            w("pPrChange"))
_TEXT = frozenset({w("t"), w("delText")})
_SPACE = frozenset({w("tab"), w("ptab"), w("br"), w("cr")})
_HYPHEN = w("noBreakHyphen")
_SYM = w("sym")
_VANISH = w("vanish")
_VAL = w("val")
_CHAR = w("char")
_ADDED = frozenset({INS, MOVE_TO})
_REMOVED = frozenset({DEL, MOVE_FROM})
#: Inline wrappers whose runs are read as if they stood in the paragraph.
_INLINE = frozenset({w("hyperlink"), w("smartTag"), CUSTOM_XML, w("fldSimple"), w("bdo"),
                     w("dir"), SDT_CONTENT})
#: Elements a top-level paragraph or table may sit in; anything else means it is nested.
TOP = frozenset({w("body"), w("document"), SDT, SDT_CONTENT, CUSTOM_XML})
_OFF = ("0", "false", "off")


@dataclass(slots=True)
class Para:
    """One paragraph as the view shows it: text, style id, direct numbering, whether it joins on."""

    text: str
    style: str = ""
    num_id: str | None = None
    ilvl: int | None = None
    joins: bool = False


@dataclass(slots=True)
class Table:
    """A table as rows of cells, each cell a list of blocks."""

    rows: list[list[list[Block]]]


Block = Para | Table


class Body:
    """Reads blocks in one view (`rejected` or not) and notes whether any revision was seen."""

    def __init__(self, rejected: bool) -> None:
        self.rejected = rejected
        self.revised = False

    def blocks(self, parent: etree._Element) -> Iterator[Block]:
        """The paragraphs and tables directly in `parent`, looking through content controls."""
        for child in parent:
            tag = child.tag
            if tag == P:
                yield self.paragraph(child)
            elif tag == TBL:
                yield self.table(child)
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    yield from self.blocks(content)
            elif tag == CUSTOM_XML:
                yield from self.blocks(child)

    def paragraph(self, p: etree._Element) -> Para:
        """One `w:p`: its visible text in this view and the properties that survive."""
        para = Para("")
        ppr = p.find(PPR)
        if ppr is not None:
            props = ppr
            change = ppr.find(PPR_CHANGE)
            if change is not None:
                self.revised = True
                old = change.find(PPR)
                if self.rejected:
                    props = old if old is not None else props
            para.style = _attr(props.find(w("pStyle")))
            para.num_id, para.ilvl = num_pr(props)
            mark = ppr.find(RPR)
            if mark is not None:
                added = any(c.tag in _ADDED for c in mark)
                removed = any(c.tag in _REMOVED for c in mark)
                if added or removed:
                    self.revised = True
                para.joins = added if self.rejected else removed
        out: list[str] = []
        self._inline(p, out, False, False)
        para.text = "".join(out)
        return para

    def _inline(self, parent: etree._Element, out: list[str], added: bool, removed: bool) -> None:
        for child in parent:
            tag = child.tag
            if tag == R:
                if not (added if self.rejected else removed):
                    _run(child, out)
            elif tag in _ADDED:
                self.revised = True
                self._inline(child, out, True, removed)
            elif tag in _REMOVED:
                self.revised = True
                self._inline(child, out, added, True)
            elif tag in _INLINE:
                self._inline(child, out, added, removed)
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    self._inline(content, out, added, removed)

    def table(self, tbl: etree._Element) -> Table:
        """A `w:tbl`, rows inserted (rejected view) or deleted (accepted view) left out."""
        rows: list[list[list[Block]]] = []
        for tr in _children(tbl, TR):
            trpr = tr.find(TRPR)
            if trpr is not None:
                added = trpr.find(INS) is not None
                removed = trpr.find(DEL) is not None
                if added or removed:
                    self.revised = True
                if added if self.rejected else removed:
                    continue
            rows.append([list(self.blocks(tc)) for tc in _children(tr, TC)])
        return Table(rows)


def _children(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with `tag`, looking through content controls and custom XML wrappers."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _children(content, tag)
        elif child.tag == CUSTOM_XML:
            yield from _children(child, tag)


def _attr(element: etree._Element | None) -> str:
    return "" if element is None else element.get(_VAL, "")


def _run(r: etree._Element, out: list[str]) -> None:
    """The text of one `w:r`: text, tabs and breaks as spaces; hidden runs give nothing."""
    for child in r:
        tag = child.tag
        if tag in _TEXT:
            out.append(child.text or "")
        elif tag in _SPACE:
            out.append(" ")
        elif tag == RPR:
            vanish = child.find(_VANISH)
            if vanish is not None and vanish.get(_VAL, "1") not in _OFF:
                return
        elif tag == _HYPHEN:
            out.append("-")
        elif tag == _SYM:
            out.append(_symbol(child.get(_CHAR, "")))


def _symbol(code: str) -> str:
    """A `w:sym` character; symbol fonts use the U+F0xx private range for their byte."""
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    if 0xF000 <= value <= 0xF0FF:
        value -= 0xF000
    return chr(value) if 0x20 <= value < 0xD800 else ""


def joined(blocks: Iterable[Block]) -> Iterator[Block]:
    """Blocks with each paragraph whose mark is gone run on into the next paragraph.

    The joined paragraph keeps the style and numbering of the first part that
    has text in this view (so a wholly deleted point takes the next one's).
    """
    pending: Para | None = None
    for block in blocks:
        if isinstance(block, Table):
            if pending is not None:
                yield pending
                pending = None
            yield block
            continue
        if pending is not None:
            props = pending if pending.text.strip() else block
            block = Para(pending.text + block.text, props.style, props.num_id, props.ilvl,
                         block.joins)
            pending = None
        if block.joins:
            pending = block
        else:
            yield block
    if pending is not None:
        yield pending
