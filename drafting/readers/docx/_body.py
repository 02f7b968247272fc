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

from drafting.readers.docx._numbering import num_pr, outline_level, w

P, TBL, TR, TC, R = w("p"), w("tbl"), w("tr"), w("tc"), w("r")
PPR, RPR, TRPR, SDT, SDT_CONTENT, CUSTOM_XML = (w("pPr"), w("rPr"), w("trPr"), w("sdt"),
                                                w("sdtContent"), w("customXml"))
INS, DEL, MOVE_TO, MOVE_FROM, PPR_CHANGE = (w("ins"), w("del"), w("moveTo"), w("moveFrom"),
                                            w("pPrChange"))
_TEXT = frozenset({w("t"), w("delText")})
_SPACE = frozenset({w("tab"), w("ptab"), w("cr")})
#: A line break: kept as "\n" (a heading's number over its name); other text takes it as a space.
_BREAK = w("br")
_TYPE = w("type")
_HYPHEN = w("noBreakHyphen")
_SYM = w("sym")
_VANISH, _BOLD = w("vanish"), w("b")
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
    """One paragraph as the view shows it: text, style id, direct numbering, whether it joins on,
    and its own outline level (0 = a first-level heading, 9 = body text, None = the style's)."""

    text: str
    style: str = ""
    num_id: str | None = None
    ilvl: int | None = None
    joins: bool = False
    #: Where the first bold stretch of text starts and ends (None: no bold text), a heading hint.
    bold: tuple[int, int] | None = None
    outline: int | None = None


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
            para.outline = outline_level(props)
            mark = ppr.find(RPR)
            if mark is not None:
                added = any(c.tag in _ADDED for c in mark)
                removed = any(c.tag in _REMOVED for c in mark)
                if added or removed:
                    self.revised = True
                para.joins = added if self.rejected else removed
        text = _Text()
        self._inline(p, text, False, False)
        para.text = "".join(text.parts)
        if text.bold_end > text.bold_start >= 0:
            para.bold = (text.bold_start, text.bold_end)
        return para

    def _inline(self, parent: etree._Element, text: _Text, added: bool, removed: bool) -> None:
        for child in parent:
            tag = child.tag
            if tag == R:
                if not (added if self.rejected else removed):
                    text.run(child)
            elif tag in _ADDED:
                self.revised = True
                self._inline(child, text, True, removed)
            elif tag in _REMOVED:
                self.revised = True
                self._inline(child, text, added, True)
            elif tag in _INLINE:
                self._inline(child, text, added, removed)
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    self._inline(content, text, added, removed)

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


class _Text:
    """A paragraph's text as it is collected, and where its first stretch of bold text lies."""

    __slots__ = ("parts", "length", "bold_start", "bold_end", "bold_done")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.bold_start = -1
        self.bold_end = -1
        self.bold_done = False

    def run(self, r: etree._Element) -> None:
        """Add the text of one `w:r`: tabs and breaks as spaces; a hidden run adds nothing."""
        start = self.length
        bold = False
        parts = self.parts
        for child in r:
            tag = child.tag
            if tag in _TEXT:
                if child.text:
                    parts.append(child.text)
                    self.length += len(child.text)
            elif tag in _SPACE:
                parts.append(" ")
                self.length += 1
            elif tag == _BREAK:
                parts.append(" " if child.get(_TYPE) in ("page", "column") else "\n")
                self.length += 1
            elif tag == RPR:
                if _on(child.find(_VANISH)):
                    return
                bold = _on(child.find(_BOLD))
            elif tag == _HYPHEN:
                parts.append("-")
                self.length += 1
            elif tag == _SYM:
                char = _symbol(child.get(_CHAR, ""))
                parts.append(char)
                self.length += len(char)
        if self.bold_done or self.length == start:
            return
        if bold and self.bold_start < 0:
            self.bold_start, self.bold_end = start, self.length
        elif bold and self.bold_end == start:
            self.bold_end = self.length
        elif self.bold_start >= 0:
            self.bold_done = True


def _on(toggle: etree._Element | None) -> bool:
    """True when a toggle property (`w:b`, `w:vanish`) is present and not switched off."""
    return toggle is not None and toggle.get(_VAL, "1") not in _OFF


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
            shift = len(pending.text)
            bold = pending.bold or (block.bold and (block.bold[0] + shift, block.bold[1] + shift))
            block = Para(pending.text + block.text, props.style, props.num_id, props.ilvl,
                         block.joins, bold or None, props.outline)
            pending = None
        if block.joins:
            pending = block
        else:
            yield block
    if pending is not None:
        yield pending
