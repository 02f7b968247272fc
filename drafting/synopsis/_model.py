"""The synopsis value: one row per subject, one column per version.

What `build` returns and every synopsis writer draws (HTML, Word, .xlsx, Markdown,
terminal, JSON). Plain frozen dataclasses, no rendering here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from drafting.diff.redline import Ops

#: How a subject fared across the versions, in the order the summary lists them.
UNCHANGED, CHANGED, ADDED, DROPPED, RESTORED = "unchanged", "changed", "added later", "dropped", "dropped and restored"
ROW_STATUSES = (UNCHANGED, CHANGED, ADDED, DROPPED, RESTORED)
#: What else a row may say: its negotiating text opened or agreed, the unit moved, renumbered,
#: split or merged somewhere along the way.
OPENED, AGREED, MOVED, RENUMBERED, SPLIT, MERGED = "opened", "agreed", "moved", "renumbered", "split", "merged"
ROW_FLAGS = (OPENED, AGREED, MOVED, RENUMBERED, SPLIT, MERGED)

#: What a cell holds: the subject's text in that version; nothing ("not present"); nothing in a
#: version that is an excerpt ("not in the excerpt", never "dropped"); or nothing of its own
#: because the cell above covers it (a point merged in this version, or split in a later one).
PRESENT, ABSENT, NOT_IN_EXCERPT, COVERED = "present", "absent", "not in the excerpt", "covered"


@dataclass(frozen=True, slots=True)
class Cell:
    """One version's text of one subject.

    `number` cites the unit in its version ("point 5", "Article III"); `text` is its heading
    line, paragraphs and sub-points ("(a) ..."), one per line ("\\n"). `ops` are the word
    operations from column `against` (the previous column that has the subject, or the base
    column) to `text`: () in the first column that has it. `change` names what the version did
    to the unit ("same", "changed", "moved", "renumbered", "inserted", "split", "merged").
    `span` is how many rows the cell covers from its own down (a unit that covers the halves a
    later version split it into, or that a version merged from several); the rows it covers
    hold COVERED cells. `anchor` is an id unique in the synopsis, for links. `open_places`
    counts the unit's bracketed text and sets of alternatives.
    """

    state: str
    number: str = ""
    label: str = ""
    heading: str = ""
    text: str = ""
    ops: Ops = ()
    against: int | None = None
    change: str = ""
    span: int = 1
    anchor: str = ""
    open_places: int = 0

    @property
    def present(self) -> bool:
        return self.state == PRESENT


@dataclass(frozen=True, slots=True)
class Row:
    """One subject across the versions: `subject` is its id in the synopsis ("s12"), `key` the
    units' key (a clause id when the versions come from the library), `title` its heading in
    the newest version that has it, `divisions` the headings of the divisions (chapters, parts)
    it stands in there, outermost first. `status` is one of `ROW_STATUSES`, `flags` some of
    `ROW_FLAGS`."""

    subject: str
    key: str
    title: str
    divisions: tuple[str, ...]
    cells: tuple[Cell, ...]
    status: str
    flags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Version:
    """A column: its `label`, where it came from (`source`), how many units (articles, points)
    it has, how many subjects changed from the previous column (`changed`: texts changed,
    added or dropped; 0 for the first), whether it is an `excerpt`, and its open places."""

    label: str
    source: str
    points: int
    changed: int = 0
    excerpt: bool = False
    open_places: int = 0


@dataclass(frozen=True, slots=True)
class Synopsis:
    """The rows (subjects) in reading order and the columns (versions) in negotiating order.

    `base` is the column every column is compared with (`--base K`, 0-based), or None when
    each column is compared with the previous one that has the subject. `notes` are remarks
    for the reader (an excerpt, a subject matched to one several versions back).
    """

    versions: tuple[Version, ...]
    rows: tuple[Row, ...]
    base: int | None = None
    notes: tuple[str, ...] = ()

    def counts(self) -> tuple[tuple[str, int], ...]:
        """Subjects per status, in `ROW_STATUSES` order, statuses with none left out."""
        found = Counter(row.status for row in self.rows)
        return tuple((s, found[s]) for s in ROW_STATUSES if found[s])

    def flag_counts(self) -> tuple[tuple[str, int], ...]:
        """Subjects per flag, in `ROW_FLAGS` order, flags with none left out."""
        found = Counter(flag for row in self.rows for flag in row.flags)
        return tuple((f, found[f]) for f in ROW_FLAGS if found[f])
