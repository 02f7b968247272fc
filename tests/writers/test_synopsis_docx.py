"""The synopsis as Word: one landscape table, header repeated, divisions as full-width rows,
covered cells merged, changes as tracked revisions or plain marks; Word's schema and LibreOffice."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from functools import cache
from pathlib import Path

import docx
import pytest
from lxml import etree

from drafting.diff.redline import DELETE, EQUAL, INSERT, new_text, old_text
from drafting.errors import DraftingError
from drafting.readers import read_document
from drafting.synopsis import build
from drafting.synopsis._model import COVERED, PRESENT, Cell, Row, Synopsis, Version
from drafting.writers import synopsis_writer
from drafting.writers.synopsis.docx import synopsis
from tests import lo
from tests.conftest import ROOT, need
from tests.synopsis_samples import HOSTILE, sample
from tests.writers.test_docx import W, assert_schema_valid, body, check_revisions, parts

DATE = "2026-11-25T14:00:00Z"
PLANS = ("plan-28-point", "europe-counterproposal", "plan-20-point")


@cache
def shipped() -> Synopsis:
    """The synopsis of the three shipped plans, as `treaty compare` builds it."""
    docs = [read_document(ROOT / "drafts" / name / "v1.json") for name in PLANS]
    return build(docs, labels=("US draft", "Europe", "Framework"))


def edges() -> Synopsis:
    """A merge that a division row interrupts, a change that adds and removes line breaks, and
    control characters in a title and a label."""
    ops = ((EQUAL, "Heading\nFirst line"), (DELETE, " old\nsecond"), (INSERT, " new\nthird\nfourth"),
           (EQUAL, ".\nLast line."))
    text = new_text(ops)
    return Synopsis(
        (Version("One\x07", "a.json", 2), Version("Two", "b.json", 2, 1)),
        (Row("s1", "k.one", "Opening\x0b title", ("PART I",), (
            Cell(PRESENT, "Article 1", "1", "Heading", old_text(ops), (), None, "", 2, "a1"),
            Cell(PRESENT, "Article 1", "1", "Heading", text, ops, 0, "changed", 1, "b1")), "changed"),
         Row("s2", "k.two", "Second", ("PART II",), (
             Cell(COVERED), Cell(PRESENT, "Article 2", "2", "", "Text.", (), None, "inserted", 1, "b2")),
             "added later")),
        0)


def rows(data: bytes) -> list[etree._Element]:
    return list(body(data).findall(f"{W}tbl/{W}tr"))


def text_of(el: etree._Element, gone: str = "") -> str:
    """The text of `el`'s paragraphs, one per line, without the runs inside `w:{gone}`."""
    lines = []
    for p in el.iter(f"{W}p"):
        out = []
        for t in p.iter(f"{W}t", f"{W}delText", f"{W}br"):
            if gone and any(a.tag == f"{W}{gone}" for a in t.iterancestors()):
                continue
            out.append("\n" if t.tag == f"{W}br" else t.text or "")
        lines.append("".join(out))
    return "\n".join(lines)


def merges(data: bytes) -> dict[tuple[int, int], str]:
    """(table row, cell) -> its w:vMerge value, for every merged cell."""
    return {(r, c): m.get(f"{W}val", "continue")
            for r, tr in enumerate(rows(data)) for c, tc in enumerate(tr.findall(f"{W}tc"))
            for m in tc.findall(f"{W}tcPr/{W}vMerge")}


def subject_rows(data: bytes) -> list[etree._Element]:
    return [tr for tr in rows(data)[1:] if tr.find(f"{W}tc/{W}tcPr/{W}gridSpan") is None]


# --- structure -------------------------------------------------------------------------------

def test_the_page_is_landscape() -> None:
    sect = body(synopsis(sample(), date=DATE)).find(f"{W}sectPr")
    size = sect.find(f"{W}pgSz")
    assert size.get(f"{W}orient") == "landscape"
    assert int(size.get(f"{W}w")) > int(size.get(f"{W}h"))
    grid = sum(int(g.get(f"{W}w")) for g in body(synopsis(sample(), date=DATE)).iter(f"{W}gridCol"))
    margins = sect.find(f"{W}pgMar")
    assert grid <= int(size.get(f"{W}w")) - int(margins.get(f"{W}left")) - int(margins.get(f"{W}right"))


def test_the_header_row_repeats_and_names_the_versions() -> None:
    data = synopsis(sample(), date=DATE)
    assert len(body(data).findall(f"{W}tbl")) == 1
    table = rows(data)
    assert [tr.find(f"{W}trPr/{W}tblHeader") is not None for tr in table] == [True] + [False] * (len(table) - 1)
    heads = [text_of(tc).split("\n") for tc in table[0].findall(f"{W}tc")]
    assert [h[0] for h in heads] == ["Subject", "US draft", "Europe", "Framework"]
    assert heads[1][1] == "plan-28-point/v1" and "excerpt" in heads[2]


def test_divisions_are_full_width_rows_and_each_subject_a_row() -> None:
    data = synopsis(sample(), date=DATE)
    spans = [tr for tr in rows(data) if tr.find(f"{W}tc/{W}tcPr/{W}gridSpan") is not None]
    assert [text_of(tr) for tr in spans] == ["CHAPTER 1: General", "CHAPTER 2: Guarantees"]
    assert all(tr.find(f"{W}tc/{W}tcPr/{W}gridSpan").get(f"{W}val") == "4" for tr in spans)
    assert [text_of(tr.find(f"{W}tc")).split("\n")[0] for tr in subject_rows(data)] == [
        r.title for r in sample().rows]
    assert text_of(subject_rows(data)[1].find(f"{W}tc")).split("\n")[1] == "changed; renumbered"


def test_covered_cells_merge_with_the_cell_above() -> None:
    data = synopsis(sample(), date=DATE)
    # Table rows: 0 header, 1 chapter 1, 2-3 subjects, 4 chapter 2, 5-9 subjects s3..s7.
    assert merges(data) == {(5, 1): "restart", (6, 1): "continue", (8, 2): "restart", (9, 2): "continue"}
    assert text_of(rows(data)[6].findall(f"{W}tc")[1]) == ""


def test_a_division_row_between_stops_the_merge() -> None:
    data = synopsis(edges(), date=DATE)
    assert merges(data) == {}
    assert text_of(subject_rows(data)[1].findall(f"{W}tc")[1]) == "covered by the cell above"


def test_absent_cells_say_so_in_italics() -> None:
    tr = subject_rows(synopsis(sample(), date=DATE))[3]  # "Guarantee, second half": not in the excerpt
    tc = tr.findall(f"{W}tc")[2]
    assert text_of(tc) == "not in the excerpt"
    assert tc.find(f".//{W}r/{W}rPr/{W}i") is not None
    absent = subject_rows(synopsis(sample(), date=DATE))[4].findall(f"{W}tc")[2]
    assert text_of(absent) == "not present" and absent.find(f".//{W}i") is not None


# --- the marks -------------------------------------------------------------------------------

def cell_sides(s: Synopsis, data: bytes) -> list[tuple[Cell, str, str]]:
    """Each present cell with its text after accepting and after rejecting the tracked changes
    (its number line left out)."""
    out = []
    for row, tr in zip(s.rows, subject_rows(data)):
        for cell, tc in zip(row.cells, tr.findall(f"{W}tc")[1:]):
            if cell.state == PRESENT:
                accepted, rejected = (text_of(tc, gone).partition("\n")[2] for gone in ("del", "ins"))
                out.append((cell, accepted, rejected))
    return out


@pytest.mark.parametrize("make", [sample, edges, shipped])
def test_tracked_marks_accept_to_each_cell_and_reject_to_the_compared_one(make: Callable[[], Synopsis]) -> None:
    s = make()
    data = synopsis(s, date=DATE, author="Analyst")
    kinds = check_revisions(data, author="Analyst")
    assert kinds["ins"] and kinds["del"] and set(kinds) <= {"ins", "del"}
    for cell, accepted, rejected in cell_sides(s, data):
        clean = cell.text.replace("\x1b", "")
        assert accepted == clean
        assert rejected == (old_text(cell.ops).replace("\x1b", "") if cell.ops else clean)


def test_a_changed_cell_carries_revisions_and_an_unchanged_one_none() -> None:
    trs = subject_rows(synopsis(sample(), date=DATE))
    changed, same = trs[1].findall(f"{W}tc")[2], trs[0].findall(f"{W}tc")[2]
    runs = {k: ["".join(e.itertext()) for e in changed.iter(f"{W}{k}")] for k in ("ins", "del")}
    assert runs == {"ins": ["800,000"], "del": ["600,000"]}
    assert not same.findall(f".//{W}ins") and not same.findall(f".//{W}del")


def test_plain_marks_underline_and_strike_with_a_legend() -> None:
    data = synopsis(sample(), date=DATE, marks="plain")
    root = body(data)
    assert not root.findall(f".//{W}ins") and not root.findall(f".//{W}del")
    legend = [p for p in root.findall(f"{W}p") if text_of(p).startswith("Legend:")]
    assert len(legend) == 1 and legend[0].getnext().tag == f"{W}tbl"
    changed = subject_rows(data)[1].findall(f"{W}tc")[2]
    struck = [r.findtext(f"{W}t") for r in changed.iter(f"{W}r") if r.find(f"{W}rPr/{W}strike") is not None]
    underlined = [r.findtext(f"{W}t") for r in changed.iter(f"{W}r") if r.find(f"{W}rPr/{W}u") is not None]
    assert (struck, underlined) == (["600,000"], ["800,000"])
    assert text_of(changed) == "point 2\nThe armed forces shall not exceed 600,000800,000 personnel."


def test_hostile_text_stays_text() -> None:
    data = synopsis(sample(), date=DATE)
    xml = parts(data)["word/document.xml"].decode("utf-8")
    assert "<script>" not in xml and "&lt;script&gt;" in xml and "\x1b" not in xml
    assert HOSTILE.replace("\x1b", "") in text_of(body(data))
    assert "Opening title" in text_of(body(synopsis(edges(), date=DATE)))


# --- options and properties --------------------------------------------------------------------

def test_the_same_synopsis_and_date_give_the_same_bytes() -> None:
    assert synopsis(sample(), date=DATE) == synopsis(sample(), date=DATE)
    assert synopsis(sample(), date=DATE) != synopsis(sample(), date="2026-11-26")


@pytest.mark.parametrize("options", [{"marks": "bold"}, {"date": "next Tuesday"}])
def test_bad_options_are_one_clear_error(options: dict[str, str]) -> None:
    with pytest.raises(DraftingError):
        synopsis(sample(), **options)


def test_the_registry_finds_the_writer() -> None:
    assert synopsis_writer("docx") is synopsis


def test_the_summary_counts_subjects_and_versions() -> None:
    text = text_of(body(synopsis(sample(), date=DATE)))
    assert "7 subjects: 2 unchanged, 1 changed, 1 added later, 2 dropped, 1 dropped and restored" in text
    assert "Europe (europe.txt): 3 points, 3 subjects changed from the previous version, an excerpt." in text
    assert "Framework (plan-20-point/v1): 5 points, 4 subjects changed from the previous version, 1 open place." \
        in text


def test_python_docx_reads_one_row_per_subject() -> None:
    s = shipped()
    table = docx.Document(io.BytesIO(synopsis(s, date=DATE))).tables[0]
    divisions = sum(1 for r in table.rows if len({id(c._tc) for c in r.cells}) == 1)
    assert len(table.rows) == 1 + divisions + len(s.rows)
    assert [r.cells[0].text.split("\n")[0] for r in table.rows[1 + divisions:]] == [r.title for r in s.rows]


def test_outputs_are_schema_valid(tmp_path: Path) -> None:
    assert_schema_valid({"tracked": synopsis(sample(), date=DATE),
                         "plain": synopsis(sample(), marks="plain", date=DATE),
                         "edges": synopsis(edges(), date=DATE), "shipped": synopsis(shipped(), date=DATE)}, tmp_path)


# --- LibreOffice -------------------------------------------------------------------------------

@pytest.mark.libreoffice
def test_libreoffice_converts_to_pdf_and_reads_the_table(tmp_path: Path) -> None:
    lo.require()
    need(shutil.which("pdfinfo") is not None, "pdfinfo (poppler-utils)")
    files = {"tracked": synopsis(shipped(), date=DATE), "plain": synopsis(sample(), date=DATE, marks="plain"),
             "sample": synopsis(sample(), date=DATE)}
    for stem, data in files.items():
        (tmp_path / f"{stem}.docx").write_bytes(data)
    pdfs = lo.to_pdf([tmp_path / f"{stem}.docx" for stem in files], tmp_path / "pdf")
    assert all(lo.pdf_pages(pdf) >= 1 for pdf in pdfs)
    tracked = tmp_path / "tracked.docx"
    accepted, rejected = lo.paragraphs_of([(tracked, "accept"), (tracked, "reject")])
    accepted_text, rejected_text = ("\n".join(p.text for p in ps) for ps in (accepted, rejected))
    for row in shipped().rows:
        assert row.title in accepted_text
    for cell, _, _ in cell_sides(shipped(), files["tracked"]):
        for line in cell.text.split("\n"):
            assert line in accepted_text
        for line in (old_text(cell.ops) if cell.ops else cell.text).split("\n"):
            assert line in rejected_text
