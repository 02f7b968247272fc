"""Word: a synopsis as one landscape table, a row per subject and a column per version.

The "four-column document" as a ministry circulates it: a title and the summary, then one table
whose header row (the versions) repeats on every page, whose rows are grouped under full-width
division rows, and whose cells hold each version's number and text with the changes from the
compared column marked, as Word tracked changes (`marks="tracked"`: Word's Review pane lists
them, "accept all" gives each cell's own text) or as plain underline / strike-through
(`marks="plain"`, with a legend). A cell that a merged or split unit covers is merged
vertically with the cell above it. Paragraphs and revisions are drawn by the draft writer's
`_revisions`, styles and package by `_styles` and `_parts`; this module lays out the table.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from itertools import count

from drafting.diff.redline import DELETE, EQUAL, INSERT
from drafting.errors import DraftingError
from drafting.synopsis._model import ABSENT, COVERED, NOT_IN_EXCERPT, PRESENT, Cell, Row, Synopsis
from drafting.writers._shared import counted
from drafting.writers.docx import moment, stamp
from drafting.writers.docx import _styles as st
from drafting.writers.docx._parts import Core, package
from drafting.writers.docx._revisions import DEL, INS, Face, Stream, body_xml

__all__ = ["MARKS", "synopsis"]

#: How the changes inside a cell are drawn: Word "tracked" changes, or "plain" underline / strike.
MARKS = ("tracked", "plain")

#: A4 landscape with the treaty margins (2.5 cm): the page and the text width, in twips.
_PAGE_W, _PAGE_H = 16838, 11906
_TEXT_W = _PAGE_W - 2 * 1418
_SUBJECT_W = 2600
_CELL = st.COVER_TEXT  # 10 pt, left-aligned, tight spacing: the look of a table cell
_ITALIC: Face = "<w:i/>"
_SMALL: Face = '<w:i/><w:color w:val="595959"/><w:sz w:val="16"/>'
_HEAD_FILL = '<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>'
_DIVISION_FILL = '<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/>'
#: The look of a change drawn without revisions: inserted words underlined, deleted struck through.
_PLAIN_INS: Face = '<w:color w:val="1F4E99"/><w:u w:val="single"/>'
_PLAIN_DEL: Face = '<w:strike/><w:color w:val="A50021"/>'
#: What a cell says for a subject the version does not have, and for one covered from above
#: where the cell above cannot be joined (a division row stands between them).
_RESTART, _CONTINUE = "restart", "continue"
_EMPTY = {ABSENT: "not present", NOT_IN_EXCERPT: "not in the excerpt", COVERED: "covered by the cell above"}


class _Table:
    """Builds the body's XML; one revision id counter for every cell, so ids stay unique."""

    def __init__(self, s: Synopsis, plain: bool, author: str, stamp: str) -> None:
        self.s, self.plain, self.author, self.stamp = s, plain, author, stamp
        self.ids = count(1)
        n = len(s.versions)
        self.widths = (_SUBJECT_W, *([(_TEXT_W - _SUBJECT_W) // n] * n))
        self.looks: dict[int, tuple[str, Face]] = (
            {EQUAL: ("", False), INSERT: ("", _PLAIN_INS), DELETE: ("", _PLAIN_DEL)} if plain
            else {EQUAL: ("", False), INSERT: (INS, False), DELETE: (DEL, False)})

    def stream(self) -> Stream:
        stream = Stream(self.author, self.stamp)
        stream.ids = self.ids
        return stream

    def paragraphs(self, lines: list[list[tuple[str, Face]]], style: str = _CELL) -> str:
        """Paragraphs of untracked runs: each line a list of (text, face)."""
        stream = self.stream()
        for line in lines:
            for text, face in line:
                stream.run(text, "", face)
            stream.end("", style)
        return body_xml(stream)

    def cell_text(self, cell: Cell, k: int) -> str:
        """The cell's number line, then its text with the changes from the compared column: a
        line break in unchanged text starts a paragraph, one inside a change is a line break."""
        stream = self.stream()
        stream.run(cell.number, "", True)
        for note in self.notes(cell, k):
            stream.run(f"  {note}", "", _SMALL)
        stream.end("", _CELL)
        for op, text in cell.ops or ((EQUAL, cell.text),):
            tag, face = self.looks[op]
            if op != EQUAL:
                stream.run(text, tag, face)
                continue
            for k, piece in enumerate(text.split("\n")):
                if k:
                    stream.end("", _CELL)
                stream.run(piece, tag, face)
        stream.end("", _CELL)
        return body_xml(stream)

    def notes(self, cell: Cell, k: int) -> Iterator[str]:
        """The small print after a cell's number (column `k`): what the version did, and what it
        is compared with when that is neither the previous column nor the base."""
        if cell.change and cell.change not in ("same", "changed"):
            yield cell.change
        if cell.against is not None and cell.against not in (k - 1, self.s.base):
            yield f"against {self.s.versions[cell.against].label}"
        if cell.open_places:
            yield counted(cell.open_places, "open place", "open places")

    def tc(self, width: int, content: str, extra: str = "") -> str:
        return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{extra}</w:tcPr>{content}</w:tc>'

    def header(self) -> str:
        cells = [self.tc(self.widths[0], self.paragraphs([[("Subject", True)]]), _HEAD_FILL)]
        for k, v in enumerate(self.s.versions):
            lines: list[list[tuple[str, Face]]] = [[(v.label, True)]]
            small = [v.source, "excerpt" if v.excerpt else "",
                     "the base" if self.s.base == k else ""]
            lines += [[(text, _SMALL)] for text in small if text]
            cells.append(self.tc(self.widths[k + 1], self.paragraphs(lines), _HEAD_FILL))
        return f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{''.join(cells)}</w:tr>"

    def division(self, heading: str, depth: int) -> str:
        content = self.paragraphs([[("\u2003" * depth + heading, True)]])
        span = f'<w:gridSpan w:val="{len(self.widths)}"/>'
        cell = self.tc(sum(self.widths), content, span + _DIVISION_FILL)
        return f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cell}</w:tr>"

    def row(self, row: Row, merges: list[str]) -> str:
        """A subject's row; `merges[k]` is the vertical merge of column k ("restart", "continue", "")."""
        status = "; ".join((row.status, *row.flags))
        subject: list[list[tuple[str, Face]]] = [[(row.title or row.subject, True)], [(status, _ITALIC)]]
        if row.key and not row.key.startswith("@"):
            subject.append([(row.key, _SMALL)])
        cells = [self.tc(self.widths[0], self.paragraphs(subject))]
        for k, (cell, merge) in enumerate(zip(row.cells, merges)):
            extra = f'<w:vMerge w:val="{merge}"/>' if merge else ""
            if merge == _CONTINUE:
                content = self.paragraphs([[]])
            elif cell.state == PRESENT:
                content = self.cell_text(cell, k)
            else:
                content = self.paragraphs([[(_EMPTY.get(cell.state, cell.state), _ITALIC)]])
            cells.append(self.tc(self.widths[k + 1], content, extra))
        return f"<w:tr>{''.join(cells)}</w:tr>"

    def plan(self) -> tuple[list[Row | tuple[str, int]], dict[str, list[str]]]:
        """The table's rows in order, (heading, depth) for a division row where the divisions
        change, and each subject's vertical merges by column. A covered cell continues the merge
        of the cell above it, unless a division row stands between them."""
        items: list[Row | tuple[str, int]] = []
        merges: dict[str, list[str]] = {}
        last: tuple[str, ...] = ()
        above: Row | None = None
        for row in self.s.rows:
            if row.divisions != last:
                common = next((d for d, (a, b) in enumerate(zip(last, row.divisions)) if a != b),
                              min(len(last), len(row.divisions)))
                heads = [(h, d) for d, h in enumerate(row.divisions) if d >= common]
                items += heads
                above = None if heads else above
                last = row.divisions
            mine = merges[row.subject] = [""] * len(row.cells)
            for k, cell in enumerate(row.cells):
                if cell.state != COVERED or above is None:
                    continue
                up = merges[above.subject]
                if above.cells[k].state == PRESENT or up[k] == _CONTINUE:
                    mine[k] = _CONTINUE
                    up[k] = up[k] or _RESTART
            above = row
            items.append(row)
        return items, merges

    def rows(self) -> str:
        """The header row, then the division and subject rows."""
        items, merges = self.plan()
        return self.header() + "".join(self.row(item, merges[item.subject]) if isinstance(item, Row)
                                       else self.division(*item) for item in items)

    def table(self) -> str:
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in self.widths)
        return (f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{sum(self.widths)}" w:type="dxa"/>'
                '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0"/></w:tblPr>'
                f"<w:tblGrid>{grid}</w:tblGrid>{self.rows()}</w:tbl>")


def _summary(s: Synopsis) -> list[list[tuple[str, Face]]]:
    """The lines above the table: subjects per status and flag, each version, the notes."""
    counts = ", ".join(f"{n} {status}" for status, n in s.counts())
    lines: list[list[tuple[str, Face]]] = [[(f"{len(s.rows)} subjects" + (f": {counts}" if counts else ""), False)]]
    flags = ", ".join(f"{n} {flag}" for flag, n in s.flag_counts())
    if flags:
        lines.append([(f"Along the way: {flags}.", False)])
    for k, v in enumerate(s.versions):
        facts = [counted(v.points, "point", "points")]
        if k:
            facts.append(f"{v.changed} subjects changed from the previous version")
        if v.excerpt:
            facts.append("an excerpt")
        if v.open_places:
            facts.append(counted(v.open_places, "open place", "open places"))
        source = f" ({v.source})" if v.source else ""
        lines.append([(v.label, True), (f"{source}: {', '.join(facts)}.", False)])
    lines += [[("Note: ", True), (note, False)] for note in s.notes]
    return lines


def _legend(s: Synopsis, plain: bool, author: str) -> list[tuple[str, Face]]:
    against = f"column {s.versions[s.base].label}" if s.base is not None else "previous column that has the subject"
    if not plain:
        return [(f"Changes from the {against} are tracked changes by {author}; Word's Review pane lists them.",
                 _ITALIC)]
    return [("Legend: ", True), ("inserted words", _PLAIN_INS), (" are underlined, ", False),
            ("deleted words", _PLAIN_DEL), (f" struck through; the changes are from the {against}.", False)]


def _landscape(data: bytes) -> bytes:
    """The package with its section turned to landscape: page size swapped, orientation set."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            part = zin.read(info.filename)
            if info.filename == "word/document.xml":
                page = f'<w:pgSz w:w="{_PAGE_W}" w:h="{_PAGE_H}" w:orient="landscape"/>'
                part = re.sub(r"<w:pgSz [^>]*/>", page, part.decode("utf-8"), count=1).encode("utf-8")
            zout.writestr(info, part)
    return out.getvalue()


def synopsis(s: Synopsis, *, marks: str = "tracked", author: str = "treaty-drafting", date: str | None = None) -> bytes:
    """The synopsis as a landscape .docx: title, summary, and one table of subjects by versions.

    `marks` is "tracked" (changes inside cells as Word revisions by `author` at `date`) or
    "plain" (underline and strike-through, with a legend). `date` is ISO 8601 (a date alone
    means midnight UTC); None means now. The same synopsis and date give the same bytes.
    """
    if marks not in MARKS:
        raise DraftingError(f"unknown way to mark changes {marks!r}", matches=list(MARKS),
                            hint="mark them as tracked changes or as plain underline and strike-through")
    when = moment(date)
    plain = marks == "plain"
    table = _Table(s, plain, author, stamp(when))
    labels = " \u2192 ".join(v.label for v in s.versions)
    head = table.paragraphs([[(f"Synopsis: {labels}", False)]], st.TITLE)
    summary = table.paragraphs([[("Summary", False)]], st.COVER) + table.paragraphs(_summary(s))
    legend = table.paragraphs([_legend(s, plain, author)])
    body = head + summary + legend + table.table() + table.paragraphs([[]])
    core = Core(title=f"Synopsis: {labels}", subject=f"{len(s.rows)} subjects in {len(s.versions)} versions",
                description=f"changes marked {'as tracked changes by ' + author if not plain else 'plain'}",
                created=when)
    return _landscape(package(body, header=f"SYNOPSIS {labels}", core=core))
