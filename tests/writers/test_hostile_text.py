"""Text from a counterpart is data: control characters never reach a terminal nor break a Word file."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from drafting.diff import diff
from drafting.model import Document, Meta, Point
from drafting.writers import document_writer, redline_writer

HOSTILE = "Plan\x07 \x1b]0;pwned\x07\x1b[31mred\x1b[0m\x00\x0b\x9b2J\ud800"


def _doc(extra: str) -> Document:
    return Document(title=HOSTILE, parties=("A\x1bB",),
                    points=(Point(key="", label="1\x1b", heading="Head\x1b[1m",
                                  paragraphs=(f"The Parties shall act {extra}.",)),),
                    meta=Meta(version="v1\x1b", status="draft\x08", template="t\x1b"))


def test_the_terminal_rendering_holds_no_control_character() -> None:
    rl = diff(_doc("now"), _doc("later \x1b[2J"))
    for color in (False, True):
        out = str(redline_writer("term")(rl, color=color))
        plain = out.replace("\x1b[", "") if color else out  # rich's own styles start ESC [
        assert "\x07" not in out and "\x00" not in out and "\x9b" not in out and "\x0b" not in out
        assert "]0;pwned" not in out.replace("\u241b]0;pwned", "")  # the OSC only as a visible symbol
        if not color:
            assert "\x1b" not in plain
        assert "\u241b" in out  # ESC shown as the symbol ␛


def _xml_parts(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                etree.fromstring(z.read(name))  # well formed, or this raises


def test_word_files_take_control_characters_in_title_author_header_and_text() -> None:
    _xml_parts(bytes(document_writer("docx")(_doc("now"))))
    rl = diff(_doc("now"), _doc("later \x1b[2J"))
    _xml_parts(bytes(redline_writer("docx")(rl, author="Bob\x01\x1b", date="2026-01-01T00:00:00Z")))


def test_a_title_longer_than_word_allows_in_its_properties_is_cut_there_only() -> None:
    doc = Document(title="T" * 600, points=(Point(key="", label="1", paragraphs=("Text.",)),))
    data = bytes(document_writer("docx")(doc))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        core = z.read("docProps/core.xml").decode()
        body = z.read("word/document.xml").decode()
    assert "T" * 255 in core and "T" * 256 not in core
    assert "T" * 600 in body


def test_ten_thousand_points_with_one_number_get_distinct_ids_in_order() -> None:
    """Found by the fuzzer: ids were found by trying -2, -3 ... afresh for each repeated number."""
    doc = Document(title="T", points=tuple(Point(key="", label="1", kind="article", paragraphs=(f"x{k}",))
                                         for k in range(10_000)))
    html = str(document_writer("html")(doc))
    assert 'id="p-1"' in html and 'id="p-1-2"' in html and 'id="p-1-10000"' in html
    assert html.count('id="p-1-') == 9_999
