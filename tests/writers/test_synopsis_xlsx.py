"""The synopsis as a spreadsheet: a row per subject, every cell an inert string, nothing merged."""

from __future__ import annotations

import io
import re
import zipfile
from functools import cache

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from drafting.diff.redline import EQUAL
from drafting.readers import read_document
from drafting.synopsis import build
from drafting.synopsis._model import ABSENT, COVERED, PRESENT, Cell, Row, Synopsis, Version
from drafting.writers import synopsis_writer
from drafting.writers.synopsis.xlsx import LIMIT, clean, fit, synopsis
from tests.conftest import ROOT
from tests.synopsis_samples import HOSTILE, sample

PLANS = ("plan-28-point", "europe-counterproposal", "plan-20-point")
#: Texts a spreadsheet could take for formulas, or that it cannot hold as they are.
FORMULAS = ("=SUM(A1:A9)", "+1", "-1", "@x", "=HYPERLINK(\"http://example.invalid\",\"x\")", "\t=1")
LONG = "word " * 9000  # 45,000 characters
WIDE = "\U0001F600" * 20000  # 20,000 characters, 40,000 UTF-16 units as Excel counts them
DIRTY = "a\x00b\x07c\x1bd\x7fe\x85f\r\ng\rh\ti\nj\ud800k\uffff"


@cache
def shipped() -> Synopsis:
    docs = [read_document(ROOT / "drafts" / name / "v1.json") for name in PLANS]
    return build(docs, labels=("US draft", "Europe", "Framework"))


def hostile() -> Synopsis:
    """Two versions whose labels, titles, keys and texts try to become formulas, are too long
    for a cell or carry control characters."""
    def present(text: str) -> Cell:
        return Cell(PRESENT, "=1+1", "1", "", text, ((EQUAL, text),), 0, "same")
    rows = tuple(Row(f"s{k}", text, text, ("=A1",), (present(text), present(text)), "unchanged", ("=flag",))
                 for k, text in enumerate((*FORMULAS, LONG, WIDE, DIRTY, HOSTILE)))
    return Synopsis((Version("=cmd|' /C calc'!A0", "-2+3", 9), Version("@SUM(1)", "+x", 9)), rows)


def workbook(s: Synopsis) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(synopsis(s)))


def values(ws: Worksheet) -> list[list[str | None]]:
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_one_row_per_subject_under_the_header() -> None:
    s = sample()
    ws = workbook(s)["Synopsis"]
    header, *rows = values(ws)
    assert header[:4] == ["Subject", "Key", "Status", "Flags"]
    assert header[4:7] == ["US draft: number", "US draft: text", "US draft: change"]
    assert header[-2:] == ["Order", "Divisions"]
    assert len(rows) == len(s.rows)
    assert [r[:4] for r in rows] == [[row.title, row.key, row.status, ", ".join(row.flags) or None] for row in s.rows]
    assert rows[1][7:10] == ["point 2", "The armed forces shall not exceed 800,000 personnel.", "changed (+2 -2 words)"]


def test_each_state_of_a_cell_reads_in_words() -> None:
    rows = values(workbook(sample())["Synopsis"])[1:]
    assert rows[2][8] == "not in the excerpt"
    assert rows[4][8] == "not present"
    assert rows[3][4:7] == [None, "see the row above: point 3 covers this subject", "covered"]
    assert rows[6][7:10] == [None, "see the row above: point 3 covers this subject", "covered"]
    assert rows[4][12] == "moved; against US draft"


def test_the_shipped_plans_read_back_a_row_per_subject() -> None:
    s = shipped()
    header, *rows = values(workbook(s)["Synopsis"])
    assert len(rows) == len(s.rows) and len(header) == 4 + 3 * len(s.versions) + 2
    for row, got in zip(s.rows, rows):
        for k, cell in enumerate(row.cells):
            number, text = got[4 + 3 * k: 6 + 3 * k]
            if cell.state == PRESENT:
                assert (number, text) == (cell.number, clean(cell.text))
            else:
                assert (number, text) == (None, "not present" if cell.state == ABSENT else text)
    assert sorted(str(r[-2]) for r in rows) == [str(r[-2]) for r in rows]  # "Order" sorts back to reading order


def test_every_value_is_an_inert_string() -> None:
    s = hostile()
    data = synopsis(s)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    assert cell.data_type == "s" and isinstance(cell.value, str), cell.coordinate
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheets = [z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any(re.search(r"<f[ >]", xml) for xml in sheets)
    rows = values(wb["Synopsis"])[1:]
    assert [r[0] for r in rows] == [fit(row.title) for row in s.rows]
    assert [r[0] for r in rows[:len(FORMULAS)]] == list(FORMULAS)  # exactly what went in
    assert all(r[4] == "=1+1" and r[3] == "=flag" and r[-1] == "=A1" for r in rows)
    head = values(wb["Synopsis"])[0]
    assert head[4] == "=cmd|' /C calc'!A0: number" and values(wb["Summary"])[1][:2] == ["=cmd|' /C calc'!A0", "-2+3"]
    quoted = wb["Synopsis"]["A2"]
    assert quoted.quotePrefix  # Excel keeps it text when someone edits the cell


def test_control_characters_are_removed_and_line_ends_kept() -> None:
    assert clean(DIRTY) == "abcdef\ng\nh\ti\njk"
    rows = values(workbook(hostile())["Synopsis"])[1:]
    assert rows[len(FORMULAS) + 2][0] == "abcdef\ng\nh\ti\njk"
    assert rows[len(FORMULAS) + 3][5] == clean(HOSTILE) == HOSTILE.replace("\x1b", "")


def test_long_texts_are_cut_with_a_note_within_the_limit() -> None:
    rows = values(workbook(hostile())["Synopsis"])[1:]
    for text, got in ((LONG, rows[len(FORMULAS)][5]), (WIDE, rows[len(FORMULAS) + 1][5])):
        assert isinstance(got, str)
        note = f" \u2026 [cut: {len(text):,} characters in all]"
        assert got.endswith(note) and text.startswith(got[: -len(note)])
        units = len(got.encode("utf-16-le")) // 2
        assert LIMIT - 2 < units <= LIMIT
    assert fit("x" * LIMIT) == "x" * LIMIT
    assert fit("x" * (LIMIT + 1)).endswith("[cut: 32,768 characters in all]")


def test_panes_filter_widths_and_no_merged_cells() -> None:
    s = sample()
    wb = workbook(s)
    ws = wb["Synopsis"]
    assert ws.freeze_panes == "B2"
    assert ws.auto_filter.ref == f"A1:O{len(s.rows) + 1}"
    assert not ws.merged_cells.ranges and not wb["Summary"].merged_cells.ranges
    assert ws.column_dimensions["F"].width == 60 and ws.column_dimensions["A"].width == 28
    assert ws["F2"].alignment.wrap_text and ws["A1"].font.b


def test_the_summary_sheet_counts_subjects_and_versions() -> None:
    s = sample()
    rows = values(workbook(s)["Summary"])
    assert rows[0][:3] == ["Version", "Source", "Points"]
    assert [r[:4] for r in rows[1:4]] == [["US draft", "plan-28-point/v1", "5", None],
                                          ["Europe", "europe.txt", "3", "3"], ["Framework", "plan-20-point/v1", "5", "4"]]
    pairs = {r[0]: r[1] for r in rows[4:] if r[0]}
    assert pairs["Subjects"] == "7" and pairs["Subjects dropped"] == "2" and pairs["Subjects split"] == "2"
    assert pairs["Note"] == s.notes[0]


@pytest.mark.parametrize("n", [0, 1])
def test_compared_with_says_the_base(n: int) -> None:
    base = Synopsis(sample().versions, sample().rows, n)
    rows = values(workbook(base)["Summary"])[1:4]
    assert [r[6] for r in rows] == [None if k == n else ("US draft", "Europe")[n] for k in range(3)]


def test_the_registry_finds_the_writer() -> None:
    assert synopsis_writer("xlsx") is synopsis


def test_covered_with_nothing_present_above_still_points_up() -> None:
    s = Synopsis((Version("A", "", 1), Version("B", "", 1)),
                 (Row("s1", "k", "One", (), (Cell(ABSENT), Cell(COVERED)), "dropped"),))
    assert values(workbook(s)["Synopsis"])[1][7:10] == [None, "see the row above", "covered"]
