"""Read Akoma Ntoso 3.0 (our own writer's, LEOS's, Laws.Africa's) into the Document tree.

An AKN file comes from a counterpart or another system, so it is parsed as the Word reader
parses its parts: no DTD, no entities, no network, within the size and nesting budgets; a
DOCTYPE is refused outright. Units are read by the meaning of their element in context
(`drafting.writers.akn._names.natural_kind`: a Laws.Africa `section` is an article, its
`subsection` a paragraph), numbers from their `num` ("Article 1", "1.", "(a)"), text from
`content`, `intro`, `wrapUp` and lists, with inline markup flattened and notes left out.
What our writer keeps in its own namespace (keys, kinds, metadata) is read back exactly.
"""

from __future__ import annotations

import re
from dataclasses import replace

from lxml import etree

from drafting.budgets import INPUT_BYTES, XML_DEPTH
from drafting.errors import DraftingError
from drafting.model import ATTACHMENTS, DIVISIONS, KINDS, Document, Meta, Pairs, Point
from drafting.readers.docx._safety import parser
from drafting.writers.akn._names import (
    HIER_TAGS, LIST_TAGS, NULL_DATE, TD, XML, kept_word, language2, local, natural_kind, normal, parse_num,
)

#: The document types a reader finds under `akomaNtoso`, and the element that holds each one's text.
_DOC_TYPES = ("act", "bill", "doc", "statement", "portion", "amendment", "judgment", "debateReport", "debate")
_BODIES = ("body", "mainBody", "portionBody", "amendmentBody", "judgmentBody", "debateBody")
#: Elements that are not text: notes and their marks, references to other files, pictures.
_SKIP = frozenset({"authorialNote", "noteRef", "componentRef", "documentRef", "toc", "img", "meta", "marker"})
#: Line and page ends inside a text: a space.
_BREAKS = frozenset({"eol", "eop", "br"})
#: Blocks that, inside an HTML list item, mean the item is not one inline text.
_BLOCKS = frozenset({"p", "blockList", "ul", "ol", "table", "blockContainer", "tblock"})
#: Block containers read through, their blocks taken in order (a numbered one lends its number
#: to its first text: a recital "(1) Whereas ...").
_THROUGH = frozenset({"intro", "content", "wrapUp", "blockContainer",
                      "container", "formula", "recitals", "recital", "citations", "citation", "longTitle",
                      "blockList", "ul", "ol", "list", "sublist", "div", "tblock", "mainBody", "body"})
_HINT = "give an Akoma Ntoso 3.0 file (root <akomaNtoso>), as LEOS, Laws.Africa or `treaty --format akn` write"


def _td(name: str) -> str:
    return f"{{{TD}}}{name}"


def parse(data: bytes | str, source: str) -> etree._Element:
    """The root element of `data`, parsed with no entities, DTD or network, within the budgets."""
    path = source or None
    if isinstance(data, str):  # a declared encoding means nothing once the text is decoded
        data = re.sub(r"^\ufeff?\s*<\?xml[^>]*\?>", "", data).encode("utf-8")
    INPUT_BYTES.check(len(data), "the file", path=path)
    doctype = DraftingError("refused: the file declares a DOCTYPE or entities, which Akoma Ntoso never "
                            "needs and which can be used to attack a reader (entity expansion, "
                            "reading local files)", path=path,
                            hint="remove the <!DOCTYPE ...> declaration and any entities")
    try:
        root = etree.fromstring(data, parser())
    except etree.XMLSyntaxError as exc:
        if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
            raise doctype from None
        if "depth" in str(exc).lower():
            raise XML_DEPTH.exceeded("elements nested more than 256 deep", path=path) from None
        raise DraftingError(f"this is not well-formed XML: {exc.msg}", path=path, line=exc.lineno or None,
                            hint=_HINT) from None
    except (etree.LxmlError, ValueError) as exc:
        raise DraftingError(f"this is not well-formed XML: {exc}", path=path, hint=_HINT) from None
    tree = root.getroottree()
    if tree.docinfo.internalDTD is not None or tree.docinfo.doctype:
        raise doctype
    depth = _depth(root)
    if XML_DEPTH.over(depth):
        raise XML_DEPTH.exceeded(f"elements nested {depth:,} deep", path=path)
    if local(root) != "akomaNtoso":
        raise DraftingError(f"this XML is not Akoma Ntoso: its root element is <{local(root) or root.tag}>",
                            path=path, hint=_HINT)
    return root


def _depth(root: etree._Element) -> int:
    """How deep elements nest under `root` (1 for a lone root), without recursion."""
    best, stack = 0, [(root, 1)]
    while stack:
        el, depth = stack.pop()
        best = max(best, depth)
        stack.extend((child, depth + 1) for child in el)
    return best


def text_of(el: etree._Element) -> str:
    """The text of `el`, inline markup flattened and notes left out; white space collapsed as
    mixed content is, unless `xml:space="preserve"` holds here."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        parts.append(node.text or "")
        for child in node:
            name = local(child)
            if name in _BREAKS:
                parts.append(" ")
            elif name and name not in _SKIP:
                walk(child)
            parts.append(child.tail or "")

    walk(el)
    raw = "".join(parts)
    space = next((e.get(f"{{{XML}}}space") for e in (el, *el.iterancestors()) if e.get(f"{{{XML}}}space")), "")
    return raw if space == "preserve" else normal(raw)


class _Sink:
    """What a unit holds, in order: its paragraphs until its first sub-unit; text after a sub-unit
    becomes an unnumbered paragraph unit there, so nothing moves. `loose` (a body): all text is such
    a unit. `flat` (a preamble): sub-units are read as text too."""

    def __init__(self, reader: _Reader, key: str, *, loose: bool = False, flat: bool = False) -> None:
        self.reader, self.key, self.loose, self.flat = reader, key, loose, flat
        self.paragraphs: list[str] = []
        self._children: list[Point] = []
        self._loose: dict[int, list[str]] = {}  # the texts of the unnumbered units made here, by place
        self.prefix = ""

    def text(self, text: str) -> None:
        if self.prefix:
            text, self.prefix = f"{self.prefix} {text}".strip(), ""
        if self.flat or not self.loose and not self._children:
            self.paragraphs.append(text)
            return
        last = len(self._children) - 1
        if last not in self._loose:
            self._children.append(Point(key=self.reader.keys.derive("para", "", self.key), kind="para"))
            last += 1
            self._loose[last] = []
        self._loose[last].append(text)

    def unit(self, point: Point) -> None:
        self._children.append(point)

    @property
    def children(self) -> tuple[Point, ...]:
        """The sub-units, the unnumbered ones made here holding their texts."""
        return tuple(replace(p, paragraphs=tuple(self._loose[i])) if i in self._loose else p
                     for i, p in enumerate(self._children))


class _Keys:
    """Keys for units that have none: "@article-5", its paragraph "@article-5/2", unique in the text
    (units under divisions keyed as at the top, so an article moved to another chapter keeps its key)."""

    def __init__(self) -> None:
        self.used: dict[str, int] = {}
        self.counts: dict[str, int] = {}

    def derive(self, kind: str, label: str, parent: str) -> str:
        number = "-".join(label.split())
        if not number:
            slot = f"{parent}/{kind}"
            self.counts[slot] = self.counts.get(slot, 0) + 1
            number = f"{kind}-{self.counts[slot]}" if parent else str(self.counts[slot])
        base = f"{parent}/{number}" if parent else f"@{kind}-{number}"
        seen = self.used.get(base, 0) + 1
        self.used[base] = seen
        return base if seen == 1 else f"{base}~{seen}"


class _Reader:
    """Reads the units of one document, in the language its numbers are written in."""

    def __init__(self, language: str, metas: dict[str, Pairs]) -> None:
        self.language = language
        self.metas = metas
        self.keys = _Keys()

    def walk(self, el: etree._Element, sink: _Sink, kind: str | None) -> None:
        """The children of `el` into `sink`: blocks as text, hierarchical elements as units."""
        ns = etree.QName(el).namespace
        for child in el:
            name = local(child)
            if not name or name in _SKIP:
                continue
            if name in ("num", "heading", "subheading"):
                if sink.flat:  # a recital's "(1)" goes before its text
                    sink.prefix, text = (text_of(child), "") if name == "num" else (sink.prefix, text_of(child))
                    if text:
                        sink.text(text)
            elif sink.flat and (name in HIER_TAGS or name in ("item", "li")):
                self.walk(child, sink, kind)
            elif name in HIER_TAGS or name in ("item", "li"):
                point = self.unit(child, kind, sink.key, self._item_kind(child))
                if point is not None:
                    sink.unit(point)
            elif name == "crossHeading" and not sink.flat:
                sink.unit(Point(key=self.keys.derive("para", "", sink.key), kind="para",
                                heading=text_of(child)))
            elif name in _THROUGH or name in LIST_TAGS:
                number = child.find(f"{{{ns}}}num")
                if number is not None and not sink.flat:
                    sink.prefix = text_of(number)
                self.walk(child, sink, kind)
            elif name == "table":
                for row in child.iter(f"{{{ns}}}tr"):
                    sink.text(" | ".join(text_of(cell) for cell in row))
            else:
                sink.text(text_of(child))

    @staticmethod
    def _item_kind(el: etree._Element) -> str | None:
        """A list item's kind: a bullet in an unordered list, a lettered point otherwise."""
        if local(el) == "li":
            parent = el.getparent()
            return "bullet" if parent is not None and local(parent) == "ul" else "sub"
        return "sub" if local(el) == "item" else None

    def unit(self, el: etree._Element, parent: str | None, parent_key: str,
             kind: str | None = None) -> Point | None:
        """One hierarchical element as a Point; None for an empty container of no known kind."""
        name = el.get("name", "")
        if local(el) == "hcontainer" and name not in KINDS and not len(el) and not (el.text or "").strip():
            return None
        marked = el.get(_td("kind"), "")
        kind = marked if marked in KINDS else kind or natural_kind(el, parent)
        return self.point(el, el, kind, parent_key)

    def point(self, el: etree._Element, holder: etree._Element, kind: str, parent_key: str) -> Point:
        """The Point whose number and heading are on `el` and whose text is in `holder` (the same
        element, or an attachment's `mainBody`)."""
        ns = etree.QName(el).namespace
        num, heading = el.find(f"{{{ns}}}num"), el.find(f"{{{ns}}}heading")
        word, label = parse_num(text_of(num)) if num is not None else ("", "")
        word = el.get(_td("word"), kept_word(word, kind, self.language))
        label = el.get(_td("label"), label)
        key = el.get(_td("key"))
        if key is None:
            key = self.keys.derive(kind, label, "" if kind in DIVISIONS else parent_key)
        sink = _Sink(self, "" if kind in DIVISIONS else key)
        if local(holder) == "li" and not any(local(c) in _BLOCKS for c in holder):
            sink.text(text_of(holder))  # an HTML list item holds its text inline
        else:
            self.walk(holder, sink, kind)
        return Point(key=key, label=label, kind=kind, heading=text_of(heading) if heading is not None else "",
                     paragraphs=tuple(sink.paragraphs), children=sink.children,
                     meta=self.metas.get(el.get("eId", ""), ()), word=word)

    def attachment(self, el: etree._Element) -> Point | None:
        """An `attachment` (an annex, a schedule) as a division after the body."""
        inner = next((c for c in el if local(c) in _DOC_TYPES), None)
        if inner is None:
            return None
        named = inner.get("name", "")
        marked = el.get(_td("kind"), "")
        kind = marked if marked in KINDS else named if named in ATTACHMENTS else "annex"
        holder = next((c for c in inner if local(c) in _BODIES), inner)
        return self.point(el, holder, kind, "")

    def texts(self, el: etree._Element | None) -> tuple[str, ...]:
        """The text of a preamble, a preface or a conclusions, one string a block."""
        if el is None:
            return ()
        sink = _Sink(self, "", flat=True)
        self.walk(el, sink, None)
        return tuple(sink.paragraphs)


def _child(el: etree._Element | None, *names: str) -> etree._Element | None:
    if el is None:
        return None
    return next((c for c in el if local(c) in names), None)


def _meta(meta: etree._Element | None, source: str) -> tuple[Meta, dict[str, Pairs]]:
    """The draft's metadata and each unit's: ours whole from `proprietary`, else what the FRBR
    expression says (its date, version and language)."""
    units: dict[str, Pairs] = {}
    ours = meta.find(f".//{_td('document')}") if meta is not None else None
    if meta is not None:
        for unit in meta.iter(_td("unit")):
            units[unit.get("href", "").removeprefix("#")] = tuple(
                (m.get("name", ""), m.get("value", "")) for m in unit.iter(_td("meta")))
    if ours is not None:
        fields = {name: ours.get(name, "") for name in ("version", "date", "status", "template", "source",
                                                         "language")}
        return Meta(**fields, clauses=tuple((c.get("id", ""), c.get("version", "")) for c in ours.iter(_td("clause"))),
                    extra=tuple((x.get("name", ""), x.get("value", "")) for x in ours.iter(_td("extra")))), units
    expression = _child(_child(meta, "identification"), "FRBRExpression")
    found = {local(c): c for c in expression} if expression is not None else {}
    date = found["FRBRdate"].get("date", "") if "FRBRdate" in found else ""
    version = found["FRBRversionNumber"].get("value", "") if "FRBRversionNumber" in found else ""
    language = language2(found["FRBRlanguage"].get("language", "")) if "FRBRlanguage" in found else ""
    return Meta(version=version, date="" if date == NULL_DATE else date, source=source, language=language), units


def read_akn(data: bytes | str, source: str = "") -> Document:
    """A Document from an Akoma Ntoso 3.0 file; `source` names it in errors and in `Meta.source`.

    A `DraftingError` (never a traceback) for XML that is damaged, hostile or not Akoma Ntoso.
    """
    root = parse(data, source)
    doc_el = next((c for c in root if local(c) in _DOC_TYPES), None)
    if doc_el is None:
        raise DraftingError("this Akoma Ntoso file holds no act, bill or doc", path=source or None, hint=_HINT)
    meta, units = _meta(_child(doc_el, "meta"), source)
    reader = _Reader(meta.language, units)
    preface = _child(doc_el, "preface")
    title_el = preface.find(f".//{{{etree.QName(doc_el).namespace}}}docTitle") if preface is not None else None
    title = text_of(title_el) if title_el is not None else " ".join(reader.texts(_child(preface, "longTitle")))
    parties = tuple(text_of(p) for p in preface.iter(f"{{{etree.QName(doc_el).namespace}}}party")) if (
        preface is not None) else ()
    sink = _Sink(reader, "", loose=True)
    body = _child(doc_el, *_BODIES)
    if body is not None:
        reader.walk(body, sink, None)
    attached = _child(doc_el, "attachments")
    annexes = [reader.attachment(a) for a in (attached if attached is not None else ())]
    return Document(title=title, parties=parties, preamble=reader.texts(_child(doc_el, "preamble")),
                    points=(*sink.children, *(a for a in annexes if a is not None)),
                    closing=reader.texts(_child(doc_el, "conclusions")), meta=meta)


def protocol_items(data: bytes | str, source: str = "") -> list[tuple[str, str, tuple[str, ...], tuple[Point, ...]]]:
    """The items of an amending protocol in Akoma Ntoso, in order: (number, sentence, quoted
    paragraphs, quoted units). A `mod`'s `quotedText` stands in the sentence between “ and ”; its
    `quotedStructure` is read as the body of a document is. Checked as `read_akn` checks a file."""
    root = parse(data, source)
    ns = etree.QName(root).namespace
    reader = _Reader("", {})
    out: list[tuple[str, str, tuple[str, ...], tuple[Point, ...]]] = []
    for el in root.iter(f"{{{ns}}}paragraph", f"{{{ns}}}point"):
        if next(el.iterancestors(f"{{{ns}}}quotedStructure"), None) is not None:
            continue  # a unit of the new text, not an item of the protocol
        number = el.find(f"{{{ns}}}num")
        label = text_of(number) if number is not None else ""
        intro = el.find(f"{{{ns}}}intro")
        if intro is not None:  # "Article 5 is amended as follows:" over its lettered items
            out.append((label, text_of(intro), (), ()))
        for mod in el.findall(f"{{{ns}}}content//{{{ns}}}mod"):
            words = [mod.text or ""]
            quoted: tuple[str, ...] = ()
            units: tuple[Point, ...] = ()
            for child in mod:
                if local(child) == "quotedText":
                    words.append(f"“{text_of(child)}”")
                elif local(child) == "quotedStructure":
                    sink = _Sink(reader, "")
                    reader.walk(child, sink, None)
                    quoted, units = tuple(sink.paragraphs), sink.children
                words.append(child.tail or "")
            out.append((label, " ".join("".join(words).split()), quoted, units))
    return out
