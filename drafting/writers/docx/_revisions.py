"""The body as WordprocessingML text: paragraphs, runs and the tracked changes python-docx lacks.

Layout code fills a `Stream` with paragraphs whose runs and paragraph marks carry a tag: ""
(unchanged), "ins", "del", "moveFrom" or "moveTo", the very names of the WordprocessingML
elements that draw them. `body_xml` turns the paragraphs into `w:p` elements, wrapping tagged
runs in `w:ins`/`w:del`/`w:moveFrom`/`w:moveTo` (deleted text in `w:delText`) and tagged
paragraph marks in `w:pPr/w:rPr`. A run of a minor operation has the tag "ins:reference" (or
"del:case"...): drawn as `w:ins`/`w:del` under an author of its own (`MINOR_AUTHORS`), so Word's
reviewer filter can hide reference updates and ignored differences. Strings are built directly,
not through lxml or python-docx objects, so a 1,000-page redline takes well under a second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import count

from drafting.diff.redline import CASE, REFERENCE, TYPOGRAPHY

EQUAL, INS, DEL, MOVE_FROM, MOVE_TO = "", "ins", "del", "moveFrom", "moveTo"
#: The author each kind of minor change is tracked under, apart from the redline's own.
MINOR_AUTHORS = {REFERENCE: "reference updates", CASE: "case and typography", TYPOGRAPHY: "case and typography"}
#: Tags whose text and paragraph marks survive "accept all" / "reject all".
ACCEPTED = frozenset((EQUAL, INS, MOVE_TO))
REJECTED = frozenset((EQUAL, DEL, MOVE_FROM))


def minor(tag: str, mark: str) -> str:
    """The tag of a run of a minor operation marked `mark` ("ins:reference"); others as they are."""
    return f"{tag}:{mark}" if mark and tag in (INS, DEL) else tag


def element(tag: str) -> str:
    """The tracked-change element a tag is drawn as: "ins:reference" is an "ins"."""
    return tag.partition(":")[0]


#: How a run looks: True for bold, False for plain, or its run properties as XML (a character
#: style and bold: `<w:rStyle w:val="TreatyAlternative"/><w:b/>`).
Face = bool | str
#: A run: (tag, text, face). A str item is raw XML placed as is (range markers, comment anchors).
Run = tuple[str, str, Face]
Item = Run | str

_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_BREAKS = re.compile("(\t|\n)")
#: Words, runs of spaces, single other characters: the steps a change is cut into.
TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


#: A paragraph's look: style id, direct left and hanging indent (twips; 0 = the style's).
Look = tuple[str, int, int]


@dataclass(slots=True)
class Para:
    """One paragraph: its style id, direct indentation (twips, 0 = the style's), items, mark tag,
    and `was`, the look it had in the old text when that differs (a tracked `w:pPrChange`)."""

    style: str
    items: list[Item] = field(default_factory=list)
    mark: str = EQUAL
    left: int = 0
    hanging: int = 0
    was: Look | None = None
    #: A block drawn as it is instead of a paragraph (a table of alternatives), when not "".
    xml: str = ""


class Stream:
    """Paragraphs in reading order, written run by run; one id counter for the whole document."""

    def __init__(self, author: str = "", date: str = "") -> None:
        self.paras: list[Para] = []
        self.ids = count(1)
        self.who = _who(author, date)
        self._minor = {mark: _who(name, date) for mark, name in MINOR_AUTHORS.items()}
        self._items: list[Item] = []
        self._open: Para | None = None

    def who_of(self, tag: str) -> str:
        """The author and date attributes of a revision drawn for `tag` (a minor one's own author)."""
        mark = tag.partition(":")[2]
        return self._minor[mark] if mark else self.who

    def next_id(self) -> int:
        """A `w:id` no other revision, range marker or comment in this document has."""
        return next(self.ids)

    def run(self, text: str, tag: str, bold: Face = False) -> None:
        """Append `text` to the open paragraph; empty text adds nothing."""
        if not text:
            return
        items = self._items
        last = items[-1] if items else None
        if isinstance(last, tuple) and last[0] == tag and last[2] == bold:
            items[-1] = (tag, last[1] + text, bold)
        else:
            items.append((tag, text, bold))

    @property
    def pending(self) -> bool:
        """True when the open paragraph has something in it."""
        return bool(self._items)

    def block(self, xml: str) -> None:
        """Append a block that is not a paragraph (a table); the open paragraph must be closed."""
        assert not self._items, "close the paragraph before a block"
        self.paras.append(Para("", xml=xml))

    def marker(self, xml: str) -> None:
        """Append raw XML (a range marker or comment anchor) to the open paragraph."""
        self._items.append(xml)

    def end(self, mark: str | None, style: str, left: int = 0, hanging: int = 0) -> None:
        """Close the open paragraph with a mark tag; None keeps it open (the mark is absent
        on the side being drawn, so the text runs on into the next paragraph)."""
        if mark is None:
            if self._items and self._open is None:
                self._open = Para(style, left=left, hanging=hanging)
            return
        para = self._open or Para(style, left=left, hanging=hanging)
        para.items, para.mark = self._items, mark
        self.paras.append(para)
        self._items, self._open = [], None


def _who(author: str, date: str) -> str:
    return f'w:author="{escape(author)}" w:date="{escape(date)}"'


def xml_text(text: str) -> str:
    """`text` with the characters XML cannot hold dropped (controls, lone surrogates); CR as LF."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _INVALID.sub("", text)


def escape(text: str) -> str:
    """`text` safe inside an element or a double-quoted attribute; XML-illegal characters dropped."""
    text = xml_text(text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _run_xml(text: str, face: Face, deleted: bool) -> str:
    rpr = f"<w:rPr>{face}</w:rPr>" if isinstance(face, str) and face else "<w:rPr><w:b/></w:rPr>" if face else ""
    elem = "w:delText" if deleted else "w:t"
    if "\t" not in text and "\n" not in text and "\r" not in text:
        return f'<w:r>{rpr}<{elem} xml:space="preserve">{escape(text)}</{elem}></w:r>'
    out = []
    for piece in _BREAKS.split(text.replace("\r\n", "\n").replace("\r", "\n")):
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece == "\n":
            out.append("<w:br/>")
        elif piece:
            out.append(f'<{elem} xml:space="preserve">{escape(piece)}</{elem}>')
    return f"<w:r>{rpr}{''.join(out)}</w:r>"


def _look(style: str, left: int, hanging: int) -> str:
    ind = f'<w:ind w:left="{left}" w:hanging="{hanging}"/>' if left or hanging else ""
    return f'<w:pStyle w:val="{style}"/>{ind}'


class _Writer:
    """Serialises paragraphs; every revision gets a fresh id, the author and the date."""

    def __init__(self, stream: Stream) -> None:
        self._ids = stream.ids
        self._stream = stream

    def attrs(self, tag: str = EQUAL) -> str:
        """The `w:id`, `w:author` and `w:date` attributes of one new revision drawn for `tag`."""
        return f'w:id="{next(self._ids)}" {self._stream.who_of(tag)}'

    def paragraph(self, para: Para) -> str:
        """One `w:p`, properties in ECMA-376 order: pStyle, ind, the mark's rPr, pPrChange."""
        if para.xml:
            return para.xml
        ppr = [_look(para.style, para.left, para.hanging)]
        if para.mark:
            ppr.append(f"<w:rPr><w:{para.mark} {self.attrs()}/></w:rPr>")
        if para.was is not None:
            ppr.append(f"<w:pPrChange {self.attrs()}><w:pPr>{_look(*para.was)}</w:pPr></w:pPrChange>")
        out = [f"<w:p><w:pPr>{''.join(ppr)}</w:pPr>"]
        open_tag = EQUAL
        for item in para.items:
            tag = item[0] if isinstance(item, tuple) else None
            if tag != open_tag and open_tag:
                out.append(f"</w:{element(open_tag)}>")
                open_tag = EQUAL
            if isinstance(item, str):
                out.append(item)
                continue
            tag, text, bold = item
            if tag and tag != open_tag:
                out.append(f"<w:{element(tag)} {self.attrs(tag)}>")
                open_tag = tag
            out.append(_run_xml(text, bold, element(tag) == DEL))
        if open_tag:
            out.append(f"</w:{element(open_tag)}>")
        out.append("</w:p>")
        return "".join(out)



def body_xml(stream: Stream) -> str:
    """The stream's paragraphs as `w:p` elements, ready to go inside `w:body`."""
    writer = _Writer(stream)
    return "".join([writer.paragraph(p) for p in stream.paras])


def move_range(stream: Stream, tag: str, name: str) -> tuple[str, str]:
    """The start and end markers of a `w:moveFromRange*`/`w:moveToRange*` pair called `name`."""
    rid = stream.next_id()
    return (f'<w:{tag}RangeStart w:id="{rid}" w:name="{escape(name)}" {stream.who}/>',
            f'<w:{tag}RangeEnd w:id="{rid}"/>')
