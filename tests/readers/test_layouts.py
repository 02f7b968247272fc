"""Golden layouts: each publication layout a reader must take, read into the right tree.

`tests/golden/layouts/<case>/input.*` is a small agreement of our own in one layout
(inline articles, chapters with decimal articles, bare point numbers, front matter
with page markers and datelines, every article form, divisions, six languages,
Markdown, hard-wrapped CRLF). `outline.txt` is the tree a reader must find, as
`treaty show --outline` prints it; `document.json` the whole tree. Every writer
that draws drafts must give back a text the reader turns into the same tree.
Run `pytest --update-golden` to rewrite them; review the change like code.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafting.model import Document, Point
from drafting.readers import read_document
from drafting.readers.text import read_text
from drafting.writers import document_writer
from tests.test_golden import check

LAYOUTS = Path(__file__).resolve().parents[1] / "golden" / "layouts"
CASES = sorted(p.name for p in LAYOUTS.iterdir() if p.is_dir())


def _input(case: str) -> Path:
    return next((LAYOUTS / case).glob("input.*"))


def _read(case: str) -> Document:
    doc = read_document(_input(case))
    return doc.with_meta(source=f"tests/golden/layouts/{case}/{_input(case).name}")


def _shape(points: tuple[Point, ...]) -> list[tuple[str, str, str, str, int]]:
    """What a writer must keep of each unit: kind, number, heading word, name, depth."""
    out: list[tuple[str, str, str, str, int]] = []

    def walk(pts: tuple[Point, ...], depth: int) -> None:
        for p in pts:
            out.append((p.kind, p.label, p.word, p.heading, depth))
            walk(p.children, depth + 1)

    walk(points, 0)
    return out


@pytest.mark.parametrize("case", CASES)
def test_layout_is_read_into_the_right_tree(case: str, update_golden: bool) -> None:
    doc = _read(case)
    check(LAYOUTS / case / "outline.txt", str(document_writer("outline")(doc)), update_golden)
    check(LAYOUTS / case / "document.json", str(document_writer("json")(doc)), update_golden)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_written_back_it_reads_the_same(case: str, fmt: str) -> None:
    doc = _read(case)
    again = read_text(str(document_writer(fmt)(doc)))
    assert _shape(again.points) == _shape(doc.points)
    assert [p.text for p in again.points] == [p.text for p in doc.points]
    assert again.meta.language == doc.meta.language


@pytest.mark.parametrize("case", CASES)
def test_the_html_draft_shows_every_unit_with_its_word_and_number(case: str) -> None:
    from html import escape

    from drafting.words import heading_word

    doc = _read(case)
    page = str(document_writer("html")(doc))
    for kind, label, word, heading, _depth in _shape(doc.points):
        shown = word or heading_word(kind, doc.meta.language)
        if shown and label:
            assert escape(f"{shown} {label}", quote=False) in page, (kind, label)
        if heading:
            assert escape(heading, quote=False) in page
    if any(p.is_division for p in doc.points):
        assert 'aria-label="Contents"' in page and '<nav class="toc"' in page


@pytest.mark.parametrize("case", CASES)
def test_the_word_draft_reads_back_into_the_same_tree(case: str) -> None:
    from drafting.readers.docx import read_docx

    doc = _read(case)
    again = read_docx(bytes(document_writer("docx")(doc)), source=f"{case}.docx")
    assert _shape(again.points) == _shape(doc.points)
    assert [p.text for p in again.points] == [p.text for p in doc.points]
