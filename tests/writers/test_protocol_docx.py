"""The amending protocol as Word (issue 15): laid out as the text protocol says it, opened by
LibreOffice, the same bytes every time, and read back into the instructions it was written from."""

from __future__ import annotations

import io
from pathlib import Path

import docx as python_docx
import pytest

from drafting.amend import Item, Protocol, amendments, consolidate, lines, read_protocol_file, shape
from drafting.amend._read import read_protocol_docx
from drafting.diff import diff
from drafting.errors import DraftingError
from drafting.model import Document
from drafting.readers import read_document
from drafting.readers.text import read_text
from drafting.writers.docx import document
from drafting.writers.protocol import docx
from tests import lo
from tests.amend.test_protocols import PAIRS
from tests.readers.docx_fixtures import docx as raw_docx, p

QUOTE_STYLE = "Quoted Text"


def _pair(name: str) -> tuple[Document, Document, Protocol]:
    old_path, new_path, title = PAIRS[name]
    old, new = read_document(old_path), read_document(new_path)
    return old, new, amendments(diff(old, new), title=title)


@pytest.fixture(scope="module", params=sorted(PAIRS))
def written(request: pytest.FixtureRequest) -> tuple[Document, Document, Protocol, bytes]:
    old, new, protocol = _pair(request.param)
    return old, new, protocol, docx.protocol(protocol, date="2026-03-01")


def _paragraphs(data: bytes) -> list[tuple[str, str]]:
    """(style name, text) of each paragraph, as python-docx reads them."""
    return [(par.style.name if par.style else "", par.text)
            for par in python_docx.Document(io.BytesIO(data)).paragraphs]


def _flat(items: list[Item]) -> list[tuple[str, Item]]:
    """Each item and sub-item with the number it is laid out with: "1.", "(a)"."""
    out: list[tuple[str, Item]] = []
    for n, item in enumerate(items, 1):
        out.append((f"{n}.", item))
        out += [(f"({chr(ord('a') + k)})", sub) for k, sub in enumerate(item.items)]
    return out


def test_every_sentence_is_a_numbered_paragraph_in_order(written: tuple[Document, Document, Protocol, bytes]) -> None:
    """The numbers are typed: "1.", a tab, the sentence; a sub-item says its sentence in lower
    case, ending in ";" when another follows (as the text protocol does)."""
    _, _, protocol, data = written
    shown = [(style, text) for style, text in _paragraphs(data) if style != QUOTE_STYLE]
    assert shown[0] == ("Title", protocol.title)
    assert shown[1][1].endswith(" is amended as follows:")
    expected = _flat(lines(protocol))
    assert len(shown) == 2 + len(expected)
    for (style, text), (number, item) in zip(shown[2:], expected):
        mark, _, said = text.partition("\t")
        assert mark == number
        if number.startswith("("):
            assert style == "Treaty Sub-point"
            assert said[:1].lower() + said[1:-1] == item.sentence[:1].lower() + item.sentence[1:-1]
        else:
            assert (style, said) == ("Treaty Numbered Paragraph", item.sentence)


def test_the_new_text_is_quoted_in_its_own_style(written: tuple[Document, Document, Protocol, bytes]) -> None:
    """After each item that quotes text come "Quoted Text" paragraphs, the first opened with “
    and the last closed with ”; nothing else has the style."""
    _, _, protocol, data = written
    runs: list[list[str]] = []
    for style, text in _paragraphs(data):
        if style != QUOTE_STYLE:
            runs.append([])
        else:
            runs[-1].append(text)
    quoting = [item for _, item in _flat(lines(protocol))]
    assert [bool(run) for run in runs[2:]] == [bool(item.points or item.text) for item in quoting]
    for run in filter(None, runs):
        assert run[0].startswith("“") and run[-1].endswith("”"), run
    bold = [r.text for par in python_docx.Document(io.BytesIO(data)).paragraphs
            if par.style is not None and par.style.name == QUOTE_STYLE for r in par.runs if r.bold]
    headings = [point.heading + "." for item in quoting for point in item.points if point.heading]
    assert bold == headings  # a quoted point's heading is bold, not "**" in the text


def test_read_back_and_applied_it_gives_the_new_text(written: tuple[Document, Document, Protocol, bytes]) -> None:
    old, new, protocol, data = written
    read = read_protocol_docx(data, source="protocol.docx")
    assert read.title == protocol.title
    assert len(read.instructions) == len(protocol.instructions)
    assert shape(consolidate(old, read)) == shape(new)


def test_a_quoted_article_has_its_number_and_heading_as_paragraphs_of_their_own() -> None:
    old = read_text("AGREEMENT ON RIVER NAVIGATION\n\nArticle 1\nPurpose\n\nThe Parties shall keep the river "
                    "open to shipping in every season.\n\nArticle 2\nTolls\n\nNo toll shall be levied on "
                    "vessels of either Party.\n")
    new = read_text("AGREEMENT ON RIVER NAVIGATION\n\nArticle 1\nPurpose\n\nThe Parties shall keep the river "
                    "open to shipping in every season.\n\nArticle 2\nPilotage and fees\n\n1. Each Party shall "
                    "provide pilots for the lower reaches at cost.\n\n2. Fees collected under paragraph 1 "
                    "shall be published every quarter by the joint board of both Parties.\n")
    data = docx.protocol(amendments(diff(old, new)))
    assert [text for style, text in _paragraphs(data) if style == QUOTE_STYLE] == [
        "“Article 2", "Pilotage and fees", "1. Each Party shall provide pilots for the lower reaches at cost.",
        "2. Fees collected under paragraph 1 shall be published every quarter by the joint board of both "
        "Parties.”"]
    assert shape(consolidate(old, read_protocol_docx(data))) == shape(new)


def test_the_same_protocol_gives_the_same_bytes() -> None:
    _, _, protocol = _pair("draft-to-signed")
    assert docx.protocol(protocol) == docx.protocol(protocol)
    dated = docx.protocol(protocol, date="2026-03-01")
    assert dated == docx.protocol(protocol, date="2026-03-01") != docx.protocol(protocol, date="2026-03-02")
    props = python_docx.Document(io.BytesIO(dated)).core_properties
    assert props.title == protocol.title and props.created is not None and props.created.day == 1


def test_an_unreadable_date_is_the_users_mistake() -> None:
    _, _, protocol = _pair("draft-to-signed")
    with pytest.raises(DraftingError, match="ISO 8601"):
        docx.protocol(protocol, date="first of March")


@pytest.mark.libreoffice
def test_libreoffice_opens_both_protocols_as_written(tmp_path: Path) -> None:
    """LibreOffice reads the same paragraphs, and the quoted ones in the "Quoted Text" style."""
    lo.require()
    files = {name: docx.protocol(_pair(name)[2]) for name in sorted(PAIRS)}
    paths = []
    for name, data in files.items():
        paths.append(tmp_path / f"{name}.docx")
        paths[-1].write_bytes(data)
    for data, read in zip(files.values(), lo.paragraphs_of([(path, "none") for path in paths])):
        meant = _paragraphs(data)
        assert [par.text for par in read] == [text for _, text in meant]
        assert [par.style == QUOTE_STYLE for par in read] == [style == QUOTE_STYLE for style, _ in meant]
        assert any(style == QUOTE_STYLE for style, _ in meant)


_ENTITIES = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
             '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
             "<w:p><w:r><w:t>1. Article 1 is replaced by &xxe;</w:t></w:r></w:p></w:body></w:document>")


@pytest.mark.parametrize(("data", "says"), [
    (raw_docx("", parts={"word/document.xml": _ENTITIES}), "declares a DOCTYPE or entities"),
    (b"1. Article 9 is deleted.\n", "not a Word file"),
    (raw_docx(p("Minutes of the meeting.") + p("The delegations met in Geneva.")), "no amending instruction"),
    (document(read_text("TREATY\n\n1. The Parties shall meet every year.\n")), "cannot read the instruction"),
], ids=["external-entity", "not-a-package", "no-instruction", "a-draft-not-a-protocol"])
def test_a_word_file_that_is_no_protocol_is_refused(data: bytes, says: str) -> None:
    with pytest.raises(DraftingError, match=says) as info:
        read_protocol_docx(data, source="counterpart.docx")
    assert info.value.path == "counterpart.docx"


def test_a_protocol_file_is_read_by_its_suffix(tmp_path: Path) -> None:
    old, new, protocol = _pair("draft-to-signed")
    path = tmp_path / "protocol.docx"
    path.write_bytes(docx.protocol(protocol))
    assert shape(consolidate(old, read_protocol_file(path))) == shape(new)
