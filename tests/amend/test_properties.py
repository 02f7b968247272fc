"""The law of amending protocols: applying the protocol written from a redline gives the new text.

consolidate(old, amendments(diff(old, new))) has the new text's shape: title, parties, preamble,
closing, and every unit's kind, number, heading, paragraphs and children (keys, metadata and
the heading word as written aside). Checked on flat plans, on treaties in parts and chapters,
on texts with unnumbered paragraphs and indents, with every word-change threshold, and through
the Markdown and plain-text protocols read back.
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from drafting.amend import consolidate, draft, read_protocol, shape
from drafting.diff import diff
from drafting.model import Document, Meta, Point
from drafting.readers.text import read_text
from drafting.writers.text import point_lines
from drafting.writers.protocol import markdown, text
from tests.readers.test_docx import _plain
from tests.strategies import documents, edited, edited_structure, paragraphs, sentence, structured

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))


@st.composite
def loose(draw: st.DrawFn) -> Document:
    """A text with units that carry no number: unnumbered paragraphs and indents among points."""
    out = []
    for i in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(("point", "para", "bullet")))
        label = str(i + 1) if kind == "point" else ""
        children = tuple(Point(key=f"@b{i}{k}", kind="bullet", paragraphs=(draw(sentence),))
                         for k in range(draw(st.integers(0, 2))))
        out.append(Point(key=f"@{kind}-{i}", label=label, kind=kind, paragraphs=draw(paragraphs), children=children))
    return Document(title="Plan", preamble=draw(paragraphs), points=tuple(out), meta=Meta(source="a"))


@st.composite
def loose_edit(draw: st.DrawFn, doc: Document) -> Document:
    pts = list(doc.points)
    for _ in range(draw(st.integers(0, 4))):
        action = draw(st.sampled_from(("change", "insert", "delete", "words")))
        if action == "insert" or not pts:
            pts.insert(draw(st.integers(0, len(pts))), Point(key="@new", kind=draw(st.sampled_from(("para", "bullet"))),
                                                             paragraphs=(draw(sentence),)))
            continue
        i = draw(st.integers(0, len(pts) - 1))
        if action == "delete":
            del pts[i]
        elif action == "change":
            pts[i] = replace(pts[i], paragraphs=draw(paragraphs))
        elif pts[i].paragraphs:
            first, *rest = pts[i].paragraphs
            pts[i] = replace(pts[i], paragraphs=(first.replace("the", "every", 1) + " " + draw(sentence), *rest))
    return replace(doc, points=tuple(pts), meta=Meta(source="b"))


def _law(old: Document, new: Document, words: int) -> None:
    protocol = draft(diff(old, new), words=words)
    assert shape(consolidate(old, protocol)) == shape(new)


@SETTINGS
@given(st.data(), st.sampled_from((0, 1, 3, 50)))
def test_flat_plans(data: st.DataObject, words: int) -> None:
    old = data.draw(documents())
    _law(old, data.draw(edited(old)), words)


@SETTINGS
@given(st.data(), st.sampled_from((0, 3, 50)))
def test_treaties_in_parts_and_chapters(data: st.DataObject, words: int) -> None:
    old = data.draw(structured())
    _law(old, data.draw(edited_structure(old)), words)


@SETTINGS
@given(st.data(), st.sampled_from((0, 3)))
def test_unnumbered_paragraphs_and_indents(data: st.DataObject, words: int) -> None:
    old = data.draw(loose())
    _law(old, data.draw(loose_edit(old)), words)


def _readable(doc: Document) -> Document:
    """What plain text can tell apart (see the Word round trip): no "(a)" inside a sentence, and
    no unit without a word (a bare "(a)" line reads as text, not as an empty point)."""
    def unit(p: Point) -> Point:
        paragraphs = p.paragraphs or (() if p.is_division else ("Text.",))
        return replace(p, paragraphs=paragraphs, children=tuple(map(unit, p.children)))

    doc = _plain(doc)
    return replace(doc, points=tuple(map(unit, doc.points)))


def _units_read_back(doc: Document) -> bool:
    """True when the units, written as a protocol quotes them, read back as they are."""
    if not doc.points:
        return False
    lines = [line for p in doc.points for line in point_lines(p, "", bold=True)]
    return shape(read_text("\n".join(lines)))[4] == shape(doc)[4]


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data(), st.sampled_from((markdown, text)))
def test_the_written_protocol_reads_back(data: st.DataObject, writer: object) -> None:
    old = _readable(data.draw(st.one_of(documents(), structured())))
    new = data.draw(st.one_of(edited(old), edited_structure(old)) if any(p.is_division for p in old.points)
                    else edited(old))
    new = _readable(new)
    # Plain text cannot say everything a tree can (a point after a chapter, at the chapter's level,
    # reads as the chapter's): the law holds where the text reader reads the new text itself right.
    assume(_units_read_back(new))
    protocol = draft(diff(old, new))
    assume(protocol.instructions)
    written = writer.protocol(protocol)  # type: ignore[attr-defined]
    assert shape(consolidate(old, read_protocol(written))) == shape(new), written


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_the_akoma_ntoso_protocol_reads_back(data: st.DataObject) -> None:
    """An AKN protocol carries its new units as a structure, so any generated text goes through."""
    from drafting.amend._read import read_protocol_akn
    from drafting.writers.akn import protocol as akn_protocol

    old = data.draw(st.one_of(documents(), structured(), loose()))
    new = data.draw(edited_structure(old) if any(p.is_division for p in old.points) else
                    loose_edit(old) if any(p.kind != "point" for p in old.points) else edited(old))
    protocol = draft(diff(old, new))
    assume(protocol.instructions)
    written = akn_protocol(protocol).encode("utf-8")
    assert shape(consolidate(old, read_protocol_akn(written))) == shape(new)
