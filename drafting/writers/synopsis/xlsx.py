"""Spreadsheet: a synopsis as an .xlsx workbook, for analysts who sort, filter and annotate.

Sheet "Synopsis" has one row per subject and, per version, its number, its text and what
changed; sheet "Summary" the counts and the versions. Nothing is merged (merged cells stop
sorting): a cell covered from the row above says so in words. A counterpart's text is inert:
every cell is an explicit string (openpyxl would turn a text starting with "=" into a live
formula), cleaned of the control characters a workbook cannot hold, and cut with a note at
the 32,767 characters a cell holds. Empty values stay blank cells.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from drafting.diff.redline import DELETE, INSERT
from drafting.synopsis._model import ABSENT, COVERED, NOT_IN_EXCERPT, PRESENT, Cell, Synopsis

__all__ = ["LIMIT", "clean", "fit", "synopsis"]

#: The most characters (UTF-16 code units, as Excel counts them) one cell holds.
LIMIT = 32_767
#: Characters a workbook cannot hold or shows as boxes: C0 and C1 controls but tab and line feed,
#: lone surrogates, the non-characters U+FFFE and U+FFFF.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
#: A first character a spreadsheet may read as the start of a formula when the cell is edited.
_FORMULA_START = ("=", "+", "-", "@", "\t")
_WORDS = re.compile(r"\w+")
_HEAD = (Font(bold=True), PatternFill("solid", fgColor="D9D9D9"))
_WRAP = Alignment(wrap_text=True, vertical="top")
#: Column widths (characters) by what a column holds.
_WIDTHS = {"Subject": 28, "Key": 22, "Status": 16, "Flags": 18, "number": 12, "text": 60, "change": 18,
           "Order": 8, "Divisions": 24}


def clean(text: str) -> str:
    """`text` as a cell can hold it: line ends as "\\n", control characters dropped (tab and
    line feed kept)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub("", text)


def _units(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def fit(text: str) -> str:
    """`text` cleaned and, past `LIMIT`, cut with a note that counts the characters in all."""
    text = clean(text)
    if _units(text) <= LIMIT:
        return text
    note = f" \u2026 [cut: {len(text):,} characters in all]"
    budget, used, end = LIMIT - _units(note), 0, 0
    for ch in text:
        used += 2 if ord(ch) > 0xFFFF else 1
        if used > budget:
            break
        end += 1
    return text[:end] + note


def _put(ws: Worksheet, row: int, col: int, value: str) -> None:
    """`value` as an explicit string, never a formula; an empty value leaves the cell blank."""
    text = fit(value)
    if not text:
        return
    cell = ws.cell(row=row, column=col)
    cell.value = text
    cell.data_type = "s"
    cell.alignment = _WRAP
    if text.startswith(_FORMULA_START):  # Excel keeps it text when someone edits the cell
        cell.quotePrefix = True


def _table(ws: Worksheet, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int]) -> None:
    """Header and rows from the top left, the header bold and shaded, columns `widths` wide."""
    for col, (name, width) in enumerate(zip(header, widths), start=1):
        _put(ws, 1, col, name)
        head = ws.cell(row=1, column=col)
        head.font, head.fill = _HEAD
        ws.column_dimensions[get_column_letter(col)].width = width
    for r, values in enumerate(rows, start=2):
        for col, value in enumerate(values, start=1):
            _put(ws, r, col, value)


def _words(cell: Cell, op: int) -> int:
    return sum(len(_WORDS.findall(text)) for o, text in cell.ops if o == op)


def _change(s: Synopsis, cell: Cell, k: int) -> str:
    """What version `k` did to the subject, in words: "changed (+3 -1 words); against US draft"."""
    counts = " ".join(f"{sign}{n}" for sign, n in (("+", _words(cell, INSERT)), ("-", _words(cell, DELETE))) if n)
    parts = [cell.change + (f" ({counts} words)" if counts else "")]
    if cell.against is not None and cell.against != k - 1:
        parts.append(f"against {s.versions[cell.against].label}")
    if cell.open_places:
        parts.append(f"{cell.open_places} open")
    return "; ".join(p for p in parts if p)


def _covering(s: Synopsis, r: int, k: int) -> str:
    """What a covered cell says: the number of the cell above that covers it."""
    above = next((row.cells[k] for row in reversed(s.rows[:r]) if row.cells[k].state != COVERED), None)
    if above is None or not above.present:
        return "see the row above"
    return f"see the row above: {above.number} covers this subject"


def _cells(s: Synopsis, r: int) -> Iterator[str]:
    """Per version, the number, text and change columns of row `r`."""
    for k, cell in enumerate(s.rows[r].cells):
        if cell.state == PRESENT:
            yield from (cell.number, cell.text, _change(s, cell, k))
        elif cell.state == COVERED:
            yield from ("", _covering(s, r, k), "covered")
        else:
            yield from ("", {ABSENT: "not present", NOT_IN_EXCERPT: "not in the excerpt"}.get(cell.state, ""), "")


def _synopsis_sheet(ws: Worksheet, s: Synopsis) -> None:
    header = ["Subject", "Key", "Status", "Flags"]
    kinds = ["Subject", "Key", "Status", "Flags"]
    for v in s.versions:
        header += [f"{v.label}: number", f"{v.label}: text", f"{v.label}: change"]
        kinds += ["number", "text", "change"]
    header += ["Order", "Divisions"]
    kinds += ["Order", "Divisions"]
    digits = len(str(len(s.rows)))
    rows = [[row.title or row.subject, row.key, row.status, ", ".join(row.flags), *_cells(s, r),
             str(r + 1).zfill(digits), " / ".join(row.divisions)] for r, row in enumerate(s.rows)]
    _table(ws, header, rows, [_WIDTHS[k] for k in kinds])
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"


def _compared(s: Synopsis, k: int) -> str:
    """The column version `k` is compared with: the base, or the previous one; "" for none."""
    if k == s.base or (s.base is None and k == 0):
        return ""
    return "the previous version" if s.base is None else s.versions[s.base].label


def _summary_sheet(ws: Worksheet, s: Synopsis) -> None:
    header = ["Version", "Source", "Points", "Changed from the previous", "Excerpt", "Open places", "Compared with"]
    rows = [[v.label, v.source, str(v.points), str(v.changed) if k else "", "yes" if v.excerpt else "",
             str(v.open_places), _compared(s, k)] for k, v in enumerate(s.versions)]
    rows += [[], ["Subjects", str(len(s.rows))]]
    rows += [[f"Subjects {status}", str(n)] for status, n in s.counts()]
    rows += [[f"Subjects {flag}", str(n)] for flag, n in s.flag_counts()]
    rows += [["Note", note] for note in s.notes]
    _table(ws, header, rows, [24, 28, 10, 14, 10, 12, 22])
    ws.freeze_panes = "A2"


def synopsis(s: Synopsis) -> bytes:
    """The synopsis as .xlsx bytes: sheets "Synopsis" (a row per subject) and "Summary"."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Synopsis"
    _synopsis_sheet(ws, s)
    _summary_sheet(wb.create_sheet("Summary"), s)
    wb.properties.creator = "treaty-drafting"
    wb.properties.title = fit(" \u2192 ".join(v.label for v in s.versions))[:255]
    out = io.BytesIO()
    wb.save(out)
    return _fixed(out.getvalue())


_STAMPS = re.compile(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def _fixed(data: bytes) -> bytes:
    """The same bytes for the same synopsis: openpyxl stamps the time of saving in the core
    properties and in the zip entries; both are set to the zip format's first day instead."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _STAMPS.sub(r"\g<1>1980-01-01T00:00:00Z\g<2>", body.decode("utf-8")).encode("utf-8")
            zout.writestr(zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0)), body, zipfile.ZIP_DEFLATED)
    return out.getvalue()
