"""The aligner quality benchmark's truth and scorer: which old unit became which new one.

A generated pair (`quality_gen.make_pair`) comes with a `Truth`: every unit's
hidden id on each side and expected status, and the edit instances. `score`
maps each `PointDiff` of a redline back to those ids through its paths
(`old_parent + (old_index,)`, `new_parent + (new_index,)`), then judges each
edit instance: **correct** (every unit has its expected partner, status and
flag), **partly** (partners right, a status or flag wrong), **missed** (an
expected pair reported as a deletion and an insertion) or **wrong** (a unit
paired with a partner it should not have). Over every unit of the document it
counts, per status, the pairs reported exactly (both ids and the status): the
precision and recall of that status, and the false moves.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from drafting.diff import STATUSES, PointDiff, Redline
from drafting.model import Document, Path, Point

try:
    from drafting.diff.redline import walk
except ImportError:  # the code before the aligner rework kept it private
    from drafting.diff.redline import _walk as walk  # type: ignore[attr-defined,no-redef]

#: What an edit may expect besides partners and statuses: the referring point's
#: `references_updated` above 0, or a note naming it with the words "stale reference".
REFERENCES, STALE = "references-updated", "stale-note"
#: The verdicts on an edit instance, best first.
VERDICTS = ("correct", "partly", "missed", "wrong")


@dataclass(frozen=True)
class Expect:
    """One unit as the truth has it: its id on each side (None: not there) and its status."""

    old: int | None
    new: int | None
    status: str


@dataclass(frozen=True)
class Edit:
    """One edit instance: its kind, what was done, its units, and a flag it expects ("" for none)."""

    kind: str
    detail: str
    units: tuple[Expect, ...]
    flag: str = ""


@dataclass(frozen=True)
class Truth:
    """What the redline of a pair should say. `old_ids` and `new_ids` map a unit's path
    (`PointDiff.old_parent + (old_index,)`) to its id; `expected` holds every unit."""

    pages: int
    seed: int
    edits: tuple[Edit, ...]
    expected: tuple[Expect, ...]
    old_ids: Mapping[Path, int]
    new_ids: Mapping[Path, int]


@dataclass
class Tally:
    """Edit instances of one kind by verdict."""

    n: int = 0
    correct: int = 0
    partly: int = 0
    missed: int = 0
    wrong: int = 0

    @property
    def percent(self) -> float:
        """The share judged correct, 0-100 (0 when there are none)."""
        return 100.0 * self.correct / self.n if self.n else 0.0


@dataclass(frozen=True)
class Failure:
    """An edit instance not judged correct, in words: one line per unit, expected and reported."""

    kind: str
    detail: str
    verdict: str
    lines: tuple[str, ...]


@dataclass
class Report:
    """The score of one redline against its truth.

    `statuses` maps a status to (reported exactly, reported, expected): exactly means
    both ids and the status agree with the truth. `seconds` is the time of `diff`
    alone, set by the caller (None when not timed).
    """

    pages: int
    kinds: dict[str, Tally]
    statuses: dict[str, tuple[int, int, int]]
    false_moves: int
    units: int
    unchanged: int
    failures: list[Failure] = field(default_factory=list)
    seconds: float | None = None

    @property
    def total(self) -> Tally:
        """Every kind together."""
        out = Tally()
        for t in self.kinds.values():
            for name in ("n", *VERDICTS):
                setattr(out, name, getattr(out, name) + getattr(t, name))
        return out


class _Index:
    """The redline's pairs by the ids of their old and new units."""

    def __init__(self, redline: Redline, truth: Truth) -> None:
        self.pairs = walk(redline.points)
        self.ids: dict[int, tuple[int | None, int | None]] = {}
        self.by_old: dict[int, PointDiff] = {}
        self.by_new: dict[int, PointDiff] = {}
        for d in self.pairs:
            o = truth.old_ids.get((*d.old_parent, d.old_index)) if d.old_index is not None else None
            n = truth.new_ids.get((*d.new_parent, d.new_index)) if d.new_index is not None else None
            self.ids[id(d)] = (o, n)
            if o is not None:
                self.by_old[o] = d
            if n is not None:
                self.by_new[n] = d


def _flag_ok(edit: Edit, d: PointDiff | None, notes: tuple[str, ...], new: Document,
             where: dict[int, Path]) -> bool:
    if edit.flag == REFERENCES:
        return d is not None and getattr(d, "references_updated", 0) > 0
    if edit.flag == STALE:
        uid = edit.units[0].new
        label = re.escape(_label(new.points, where[uid])) if uid is not None else "(?!)"
        return any("stale reference" in n.lower() and re.search(rf"(?<!\w){label}(?!\w)", n) for n in notes)
    return True


def _verdict(e: Expect, index: _Index, flag_ok: bool) -> str:
    """How the redline treats one expected unit: correct, partly, missed or wrong."""
    a = index.by_old.get(e.old) if e.old is not None else None
    b = index.by_new.get(e.new) if e.new is not None else None
    if (e.old is not None and a is None) or (e.new is not None and b is None):
        return "wrong"  # not in the redline at all
    if a is not None and b is not None and a is not b:
        return "missed" if a.new is None and b.old is None else "wrong"
    d = a or b
    assert d is not None
    if index.ids[id(d)] != (e.old, e.new):
        return "wrong"  # paired where the truth has it alone, or with another unit
    return "correct" if d.status == e.status and flag_ok else "partly"


def score(redline: Redline, old: Document, new: Document, truth: Truth) -> Report:
    """Judge `redline` (of `old` to `new`) against `truth`: each edit instance, each status."""
    index = _Index(redline, truth)
    where_old = {uid: path for path, uid in truth.old_ids.items()}
    where_new = {uid: path for path, uid in truth.new_ids.items()}
    kinds: dict[str, Tally] = {}
    failures: list[Failure] = []
    for edit in truth.edits:
        main = edit.units[0]
        d = index.by_new.get(main.new) if main.new is not None else None
        flag_ok = _flag_ok(edit, d, redline.notes, new, where_new)
        verdicts = [_verdict(e, index, flag_ok) for e in edit.units]
        verdict = max(verdicts, key=VERDICTS.index)
        tally = kinds.setdefault(edit.kind, Tally())
        tally.n += 1
        setattr(tally, verdict, getattr(tally, verdict) + 1)
        if verdict != "correct":
            lines = [_line(e, v, index, old, new, where_old, where_new) for e, v in zip(edit.units, verdicts)]
            if not flag_ok:
                stale = sum("stale reference" in n.lower() for n in redline.notes)
                lines.append(f"  flag {edit.flag}: not found" + (
                    f" (no note names the point; {stale} stale-reference note(s) in all)" if edit.flag == STALE else
                    f" (references_updated = {getattr(d, 'references_updated', 0) if d else '-'})"))
            failures.append(Failure(edit.kind, edit.detail, verdict, tuple(lines)))
    expected = {(e.old, e.new): e.status for e in truth.expected}
    statuses = {s: (0, 0, sum(1 for e in truth.expected if e.status == s)) for s in STATUSES}
    for d in index.pairs:
        exact, reported, wanted = statuses.get(d.status, (0, 0, 0))
        statuses[d.status] = (exact + (expected.get(index.ids[id(d)]) == d.status), reported + 1, wanted)
    false_moves = statuses["moved"][1] - statuses["moved"][0]  # reported moved, not a move in the truth
    unchanged = sum(1 for e in truth.expected if e.status in ("same", "renumbered"))
    return Report(truth.pages, kinds, statuses, false_moves, len(truth.expected), unchanged, failures)


def _label(points: tuple[Point, ...], path: Path) -> str:
    """A unit's label as a reader cites it: "12", or "12(b)" for a sub-point."""
    out, here = "", points
    for k, i in enumerate(path):
        out += here[i].label if k == 0 else f"({here[i].label})"
        here = here[i].children
    return out


def _show(points: tuple[Point, ...], path: Path | None) -> str:
    if path is None:
        return "—"
    here = points
    for i in path[:-1]:
        here = here[i].children
    text = " ".join(here[path[-1]].text.split()[:9])
    return f'{_label(points, path)} "{text}…"'


def _line(e: Expect, verdict: str, index: _Index, old: Document, new: Document,
          where_old: dict[int, Path], where_new: dict[int, Path]) -> str:
    """One unit of a failed instance: what the truth expects and what the redline reported."""
    wanted = (f"  expected {e.status}: old {_show(old.points, where_old.get(e.old) if e.old is not None else None)}"
              f" -> new {_show(new.points, where_new.get(e.new) if e.new is not None else None)}")
    seen: list[str] = []
    for d in (index.by_old.get(e.old) if e.old is not None else None,
              index.by_new.get(e.new) if e.new is not None else None):
        if d is None:
            continue
        o, n = index.ids[id(d)]
        said = (f"{d.status}: old {_show(old.points, where_old.get(o) if o is not None else None)}"
                f" -> new {_show(new.points, where_new.get(n) if n is not None else None)}")
        if said not in seen:
            seen.append(said)
    return wanted + f"\n    [{verdict}] reported " + ("\n      and ".join(seen) or "nothing")
