"""What the synopsis writers share: the words for an empty cell, a cell's notes, which cell
covers a row, the summary lines, and the rows grouped by division."""

from __future__ import annotations

from collections.abc import Iterator

from drafting.diff.redline import EQUAL, Ops
from drafting.model import PARA_SEP
from drafting.synopsis._model import ABSENT, COVERED, NOT_IN_EXCERPT, Cell, Row, Synopsis
from drafting.writers._shared import counted

#: What a cell without text of its own says.
EMPTY = {ABSENT: "not present", NOT_IN_EXCERPT: "not in the excerpt", COVERED: "covered by the cell above"}

#: A run of rows under the same divisions: the division headings that start there, each with
#: its depth (0 = outermost), and the rows.
Group = tuple[list[tuple[str, int]], list[Row]]


def cell_ops(cell: Cell) -> Ops:
    """The cell's text as word operations with its line breaks as paragraph breaks (`PARA_SEP`),
    so the redline writers' run helpers draw it; plain text when nothing is compared."""
    ops = cell.ops or (((EQUAL, cell.text),) if cell.text else ())
    return tuple((op, text.replace("\n", PARA_SEP)) for op, text in ops)


def notes(s: Synopsis, cell: Cell, k: int) -> list[str]:
    """The words beside a present cell's number in column `k`: what the version did to the unit
    (when more than "same" or "changed": moved, split, ...), the column it is compared with when
    that is neither the previous one nor the base, its open places."""
    out = [cell.change] if cell.change not in ("", "same", "changed") else []
    if cell.against is not None and cell.against not in (k - 1, s.base):
        out.append(f"against {s.versions[cell.against].label}")
    if cell.open_places:
        out.append(counted(cell.open_places, "open place", "open places"))
    return out


def covering(s: Synopsis, r: int, k: int) -> int | None:
    """The row whose present cell in column `k` covers the covered cell of row `r`, if any."""
    for above in range(r - 1, -1, -1):
        cell = s.rows[above].cells[k]
        if cell.state != COVERED:
            return above if cell.present else None
    return None


def covered_by(s: Synopsis, r: int, k: int) -> str:
    """What an empty cell says: "not present", "not in the excerpt", "covered by point 3 above"."""
    cell = s.rows[r].cells[k]
    above = covering(s, r, k) if cell.state == COVERED else None
    number = s.rows[above].cells[k].number if above is not None else ""
    return f"covered by {number} above" if number else EMPTY.get(cell.state, cell.state)


def compared(s: Synopsis) -> str:
    """What every column is compared with, in words."""
    return f"the base column, {s.versions[s.base].label}" if s.base is not None else \
        "the previous column that has the subject"


def summary(s: Synopsis) -> list[str]:
    """The summary in sentences: subjects per status, the flags, each version, the notes."""
    counts = ", ".join(f"{n} {status}" for status, n in s.counts())
    lines = [f"{counted(len(s.rows), 'subject', 'subjects')} in {len(s.versions)} versions"
             + (f": {counts}." if counts else ".")]
    flags = ", ".join(f"{n} {flag}" for flag, n in s.flag_counts())
    if flags:
        lines.append(f"Along the way: {flags}.")
    for k, v in enumerate(s.versions):
        facts = [counted(v.points, "point", "points")]
        if k:
            facts.append(f"{v.changed} changed from the previous version")
        facts += ["an excerpt"] * v.excerpt + ["the base"] * (s.base == k)
        if v.open_places:
            facts.append(counted(v.open_places, "open place", "open places"))
        lines.append(f"{v.label}{f' ({v.source})' if v.source else ''}: {', '.join(facts)}.")
    return lines + [f"Note: {note}" for note in s.notes]


def groups(s: Synopsis) -> Iterator[Group]:
    """The rows in runs under the same divisions, with the headings that open each run: those
    below the outermost division the run shares with the one before."""
    last: tuple[str, ...] | None = None
    run: Group | None = None
    for row in s.rows:
        if row.divisions != last:
            if run is not None:
                yield run
            old = last or ()
            same = 0
            while same < min(len(old), len(row.divisions)) and old[same] == row.divisions[same]:
                same += 1
            run = ([(h, d) for d, h in enumerate(row.divisions) if d >= same], [])
            last = row.divisions
        assert run is not None
        run[1].append(row)
    if run is not None:
        yield run
