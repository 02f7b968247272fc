"""A Document as an Akoma Ntoso 3.0 `act`: FRBR metadata, preface, preamble, body, conclusions,
annexes as attachments, and what AKN has no place for in our own namespace.

Every unit is an element of the AKN hierarchy (`Body.units`); `drafting.readers.akn` reads the
result back into an equal tree. Nothing depends on the clock: the dates are the draft's own.
"""

from __future__ import annotations

import re

from lxml import etree

from drafting.errors import DraftingError
from drafting.model import ATTACHMENTS, Document, Meta, Pairs, Point, body_and_attachments
from drafting.writers._shared import kind_word, marker
from drafting.writers.akn._names import (
    AKN, COUNTRY, FRONT_IDS, NULL_DATE, SOURCE, TD, XML, eid_step, expression_iri, is_top, kept_word, language3,
    natural_kind, normal, number, parse_num, slug, work_iri,
)

#: Characters XML 1.0 cannot carry, even escaped.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: The body's eId, which an amending protocol's insertion at the end of the text refers to.
BODY_ID = "body"
#: The element each kind of unit becomes inside a body (an annex there is an `hcontainer`).
_TAGS = {"point": "point", "sub": "point", "bullet": "indent", "para": "hcontainer",
         **{kind: "hcontainer" for kind in ATTACHMENTS}}


def akn(tag: str) -> str:
    """The qualified name of an Akoma Ntoso element."""
    return f"{{{AKN}}}{tag}"


def legal(text: str, where: str) -> str:
    """`text`, or a `DraftingError` naming `where` when it holds a character XML cannot carry."""
    bad = _ILLEGAL.search(text)
    if bad:
        raise DraftingError(f"{where} holds the control character U+{ord(bad.group()):04X}, "
                            "which XML (and so Akoma Ntoso) cannot carry",
                            hint="remove it from the text (it is invisible in most editors), "
                                 "or write another format")
    return text


def add(parent: etree._Element, tag: str, text: str | None = None, *, where: str = "",
        **attrs: str) -> etree._Element:
    """A new AKN child of `parent`; its `text` marked `xml:space="preserve"` when white space in it
    would otherwise be collapsed on reading."""
    el = etree.SubElement(parent, akn(tag), {k: legal(v, where or tag) for k, v in attrs.items()})
    if text is not None:
        el.text = legal(text, where or tag)
        if normal(text) != text:
            el.set(f"{{{XML}}}space", "preserve")
    return el


def paragraphs(parent: etree._Element, texts: tuple[str, ...], where: str) -> None:
    """One `p` for each text."""
    for text in texts:
        add(parent, "p", text, where=where)


class Body:
    """Writes units into AKN elements, naming each with a unique eId after the naming convention,
    and collects the metadata of those that have some (for `meta/proprietary`)."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.used: set[str] = set()
        self.metas: list[tuple[str, Pairs]] = []
        self.clashes: dict[str, int] = {}

    def eid(self, point: Point, parent: Point | None, parent_id: str, context: str, ordinal: int) -> str:
        """`art_5`, `art_5__para_2`; a clash is told apart by the parent's eId, then by a count."""
        step = eid_step(point.kind, point.label, ordinal)
        top = is_top(point.kind, parent.kind if parent else None)
        eid = context + step if top else f"{parent_id}__{step}"
        if eid in self.used and top and parent_id:
            eid = f"{parent_id}__{step}"
        base = eid
        while eid in self.used:  # counting on from the last clash of `base`: no quadratic search
            self.clashes[base] = self.clashes.get(base, 1) + 1
            eid = f"{base}_{self.clashes[base]}"
        self.used.add(eid)
        return eid

    def units(self, el: etree._Element, points: tuple[Point, ...], parent: Point | None,
              parent_id: str, context: str) -> None:
        """Each of `points` as a child element of `el`."""
        for point, ordinal in zip(points, ordinals(points)):
            eid = self.eid(point, parent, parent_id, context, ordinal)
            tag = _TAGS.get(point.kind, point.kind)
            child = add(el, tag, eId=eid)
            if tag == "hcontainer":
                child.set("name", point.kind)
            self.label(child, point)
            self.contents(child, point, eid, context)
            self.mark(child, point, natural_kind(child, parent.kind if parent else None))

    def label(self, el: etree._Element, point: Point) -> None:
        """The key, number and heading of `point` on `el` (a unit or an attachment)."""
        where = self.where(point)
        el.set(f"{{{TD}}}key", legal(point.key, where))
        shown = self.num(point)
        if shown:
            add(el, "num", shown, where=where)
        if point.heading:
            add(el, "heading", point.heading, where=where)

    def contents(self, el: etree._Element, point: Point, eid: str, context: str, *, wrap: bool = True) -> None:
        """The text and sub-units of `point` into `el`: `content/p`, or `intro/p` before the sub-units
        (`wrap=False`: the `p`s stand alone, as in an attachment's `mainBody`)."""
        where = self.where(point)
        if point.paragraphs:
            box = add(el, "intro" if point.children else "content") if wrap else el
            paragraphs(box, point.paragraphs, where)
        self.units(el, point.children, point, eid, context)
        if point.meta:
            self.metas.append((eid, point.meta))

    def mark(self, el: etree._Element, point: Point, natural: str) -> None:
        """Say in our namespace what a reader would not read from `el` alone: the kind (`natural` is
        the one it would read), the label and the heading word, each only where they differ."""
        if natural != point.kind:
            el.set(f"{{{TD}}}kind", point.kind)
        word, label = parse_num(self.num(point))
        if label != point.label:
            el.set(f"{{{TD}}}label", legal(point.label, self.where(point)))
        if kept_word(word, point.kind, self.language) != point.word:
            el.set(f"{{{TD}}}word", legal(point.word, self.where(point)))

    def num(self, point: Point) -> str:
        """The `num` as a reader sees it ("Article 5", "1.", "(a)"), "" for an unnumbered unit
        (an indent keeps its dash)."""
        return marker(point, self.language) if point.label or point.kind == "bullet" else ""

    def where(self, point: Point) -> str:
        return kind_word(point, self.language) or f"the {point.kind} {point.key}"


def _placeholder(el: etree._Element, eid: str) -> None:
    """AKN wants at least one element in a body: an empty container the reader skips."""
    add(el, "hcontainer", name="empty", eId=eid)


def identification(meta_el: etree._Element, work: str, meta: Meta, authors: list[str],
                   component: str = "main", subtype: str = "treaty") -> None:
    """`identification` with the FRBR work, expression and manifestation of the draft (`component`:
    "main", or the attachment's name; `subtype`: the work IRI's, "treaty" or "protocol")."""
    date = meta.date or NULL_DATE
    expression = expression_iri(work, meta.language, meta.date)
    ident = add(meta_el, "identification", source=f"#{SOURCE}")
    levels: list[tuple[str, str, str, list[str]]] = [
        ("FRBRWork", work, "draft", authors), ("FRBRExpression", expression, "version", [SOURCE]),
        ("FRBRManifestation", expression, "generation", [SOURCE])]
    for level, iri, date_name, who in levels:
        el = add(ident, level)
        suffix = ".xml" if level == "FRBRManifestation" else ""
        add(el, "FRBRthis", value=f"{iri}/!{component}{suffix}")
        add(el, "FRBRuri", value=iri + suffix)
        add(el, "FRBRdate", date=date, name=date_name)
        for ref in who:
            add(el, "FRBRauthor", href=f"#{ref}")
        if level == "FRBRWork":
            add(el, "FRBRcountry", value=COUNTRY)
            add(el, "FRBRsubtype", value=subtype)
        elif level == "FRBRExpression":
            if meta.version:
                add(el, "FRBRversionNumber", value=meta.version, where="the version")
            add(el, "FRBRlanguage", language=language3(meta.language))


def proprietary(meta_el: etree._Element, meta: Meta, units: list[tuple[str, Pairs]]) -> None:
    """The draft's metadata, and each unit's, in our namespace: kept whole for our reader."""
    prop = add(meta_el, "proprietary", source=f"#{SOURCE}")
    ours = etree.SubElement(prop, f"{{{TD}}}document", {
        name: legal(getattr(meta, name), "the metadata")
        for name in ("version", "date", "status", "template", "source", "language")})
    pairs: list[tuple[etree._Element, str, Pairs, tuple[str, str]]] = [
        (ours, "clause", meta.clauses, ("id", "version")), (ours, "extra", meta.extra, ("name", "value"))]
    for eid, unit_meta in units:
        holder = etree.SubElement(prop, f"{{{TD}}}unit", href=f"#{eid}")
        pairs.append((holder, "meta", unit_meta, ("name", "value")))
    for holder, tag, items, (first, second) in pairs:
        for name, value in items:
            etree.SubElement(holder, f"{{{TD}}}{tag}", {first: legal(name, "the metadata"),
                                                        second: legal(value, "the metadata")})


def references(meta_el: etree._Element, parties: list[tuple[str, str]]) -> None:
    """The organisations the FRBR authors and the `party` elements refer to."""
    refs = add(meta_el, "references", source=f"#{SOURCE}")
    for eid, name in [(SOURCE, "treaty-drafting"), *parties]:
        add(refs, "TLCOrganization", eId=eid, href=f"/ontology/organization/{COUNTRY}/{eid}",
            showAs=name, where="a party")


def party_ids(parties: tuple[str, ...]) -> list[tuple[str, str]]:
    """A unique eId for each party ("ukraine", "the-united-states-of-america"), with its name."""
    used = {SOURCE, BODY_ID, *FRONT_IDS.values()}
    out = []
    for n, name in enumerate(parties, 1):
        eid = slug(name) or f"party_{n}"
        while eid in used:
            eid = f"{eid}_{n}"
        used.add(eid)
        out.append((eid, name))
    return out


def front(act: etree._Element, doc: Document, parties: list[tuple[str, str]]) -> None:
    """`preface` (the title, the parties) and `preamble` (the recitals), when there are any."""
    if doc.title or parties:
        preface = add(act, "preface")
        if doc.title:
            add(add(add(preface, "longTitle", eId=FRONT_IDS["title"]), "p"), "docTitle", doc.title, where="the title")
        if parties:
            box = add(preface, "container", name="parties", eId=FRONT_IDS["parties"])
            for eid, name in parties:
                add(add(box, "p"), "party", name, refersTo=f"#{eid}", where="a party")
    if doc.preamble:
        paragraphs(add(act, "preamble", eId=FRONT_IDS["preamble"]), doc.preamble, "the preamble")


def ordinals(points: tuple[Point, ...]) -> list[int]:
    """For each unnumbered point its place among the unnumbered points of its kind (1 for the
    first), as eIds and amending protocols count them; 0 for a numbered one."""
    seen: dict[str, int] = {}
    out = []
    for point in points:
        if number(point.label):
            out.append(0)
            continue
        seen[point.kind] = seen.get(point.kind, 0) + 1
        out.append(seen[point.kind])
    return out


def attachments(act: etree._Element, points: tuple[Point, ...], writer: Body, work: str, meta: Meta) -> None:
    """Annexes, appendices, protocols and schedules after the body: each an `attachment` holding a
    `doc` of its own (named after its kind), with its own identification and `mainBody`."""
    box = add(act, "attachments")
    counts: dict[str, int] = {}
    for point, ordinal in zip(points, ordinals(points)):
        eid = writer.eid(point, None, "", "", ordinal)
        att = add(box, "attachment", eId=eid)
        writer.label(att, point)
        counts[point.kind] = counts.get(point.kind, 0) + 1
        inner = add(att, "doc", name=point.kind)
        identification(add(inner, "meta"), work, meta, [SOURCE], f"{point.kind}_{counts[point.kind]}")
        main = add(inner, "mainBody")
        writer.contents(main, point, eid, f"{eid}__", wrap=False)
        if not len(main):
            _placeholder(main, f"{eid}__hcontainer_1")
        writer.mark(att, point, point.kind)


def document(doc: Document) -> str:
    """The draft as an Akoma Ntoso 3.0 document: an `act` named "treaty"."""
    meta = doc.meta
    body_points, annexes = body_and_attachments(doc.points)
    parties = party_ids(doc.parties)
    name = slug(doc.title) or slug(meta.template) or "untitled"
    work = work_iri(name, meta.date)
    root = etree.Element(akn("akomaNtoso"), nsmap={None: AKN, "td": TD})
    act = add(root, "act", name="treaty")
    meta_el = add(act, "meta")
    identification(meta_el, work, meta, [eid for eid, _ in parties] or [SOURCE])
    references(meta_el, parties)
    front(act, doc, parties)
    writer = Body(meta.language)
    writer.used.update(eid for eid, _ in parties)  # one space of ids: a party "art" twice is "art_2"
    body = add(act, "body", eId=BODY_ID)
    writer.units(body, body_points, None, "", "")
    if not body_points:
        _placeholder(body, "hcontainer_1")
    if doc.closing:
        paragraphs(add(act, "conclusions", eId=FRONT_IDS["closing"]), doc.closing, "the closing")
    if annexes:
        attachments(act, annexes, writer, work, meta)
    proprietary(meta_el, meta, writer.metas)
    text: str = etree.tostring(root, encoding="unicode", pretty_print=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text
