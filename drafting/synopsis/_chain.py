"""Subjects across N versions: which unit of each version is which subject.

Each version is aligned with the one before it by the redline engine (clause keys
first, then text), so a version costs one diff. A unit the previous version lacks is
then looked for among the subjects that were there further back (a point dropped in
the middle version and restored in the third is one subject), and a point split or
merged on the way records which subject's unit covers the others' rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from drafting.diff import diff
from drafting.diff.align import FAR_MATCH
from drafting.diff.similar import Vocabulary
from drafting.diff.redline import PointDiff, units as pair_units
from drafting.model import Document, Path, Point, units

#: A unit of one version: its parent's path and the point.
Unit = tuple[Path, Point]


@dataclass
class Chain:
    """Per version: the subject of each unit (by unit index), the status the aligner gave the
    unit against the version before ("" in the first, "restored" when found further back), and
    the subjects covered by another subject's unit there ({covered: coverer}: merged into it,
    or not yet split from it). `restored` lists (subject, version, last version seen before)."""

    units: list[list[Unit]]
    subject_of: list[list[int]] = field(default_factory=list)
    change: list[list[str]] = field(default_factory=list)
    covered: list[dict[int, int]] = field(default_factory=list)
    restored: list[tuple[int, int, int]] = field(default_factory=list)
    split: set[int] = field(default_factory=set)
    merged: set[int] = field(default_factory=set)
    count: int = 0

    def new_subject(self) -> int:
        self.count += 1
        return self.count - 1


def chain(docs: Sequence[Document], progress: Callable[[int], None] | None = None) -> Chain:
    """Follow every subject through `docs`, in order (`progress(k)` after version k)."""
    found = Chain([units(d.points) for d in docs])
    found.subject_of.append([found.new_subject() for _ in found.units[0]])
    found.change.append([""] * len(found.units[0]))
    found.covered.append({})
    for k in range(1, len(docs)):
        _step(found, docs[k - 1], docs[k], k)
        if progress:
            progress(k)
    return found


def _labels(related: str) -> list[str]:
    return [x.strip() for x in related.split(",") if x.strip()]


def _step(found: Chain, old: Document, new: Document, k: int) -> None:
    before = {id(p): i for i, (_, p) in enumerate(found.units[k - 1])}
    after = {id(p): j for j, (_, p) in enumerate(found.units[k])}
    subjects: list[int | None] = [None] * len(found.units[k])
    change = [""] * len(found.units[k])
    pairs = pair_units(diff(old, new).points)
    pieces: dict[tuple[Path, str], int] = {}  # a split's later piece -> the unit of its first piece
    hosts: dict[tuple[Path, str], int] = {}   # a merged-away unit -> the unit that absorbed it
    for d in pairs:
        j = after.get(id(d.new)) if d.new is not None else None
        i = before.get(id(d.old)) if d.old is not None else None
        if j is None:
            continue
        change[j] = d.status
        if i is not None:
            subjects[j] = found.subject_of[k - 1][i]
            if d.status == "split":
                pieces.update({(d.new_parent, label): j for label in _labels(d.related)})
            elif d.status == "merged":
                hosts.update({(d.old_parent, label): j for label in _labels(d.related)})
    _same_slot(found, k, subjects, change, {i for i, s in enumerate(found.subject_of[k - 1]) if s in subjects})
    _look_back(found, k, subjects, change)
    found.subject_of.append([s if s is not None else found.new_subject() for s in subjects])
    found.change.append(change)
    here = found.subject_of[k]
    covered = _merges(found, pairs, before, hosts, here, k)
    _splits(found, pairs, after, pieces, here, k)
    present = set(here)
    for t, s in found.covered[k - 1].items():  # merged earlier: covered while the host lasts
        if t not in present and s in present:
            covered.setdefault(t, s)
    found.covered.append(covered)


def _merges(found: Chain, pairs: list[PointDiff], before: dict[int, int], hosts: dict[tuple[Path, str], int],
            here: list[int], k: int) -> dict[int, int]:
    covered: dict[int, int] = {}
    for d in pairs:
        if d.status == "merged" and d.new is None and d.old is not None:
            i, host = before.get(id(d.old)), hosts.get((d.old_parent, d.old_label))
            if i is not None and host is not None:
                t, s = found.subject_of[k - 1][i], here[host]
                if t not in here:
                    covered[t] = s
                    found.merged.update((t, s))
    return covered


def _splits(found: Chain, pairs: list[PointDiff], after: dict[int, int], pieces: dict[tuple[Path, str], int],
            here: list[int], k: int) -> None:
    """A unit split in version k covered, in the versions before, the rows of its later pieces."""
    for d in pairs:
        if d.status != "split" or d.old is not None or d.new is None:
            continue
        j, first = after.get(id(d.new)), pieces.get((d.new_parent, d.new_label))
        if j is None or first is None or here[j] == here[first]:
            continue
        s, t = here[first], here[j]
        found.split.update((s, t))
        for v in range(k - 1, -1, -1):
            if s in found.subject_of[v] and t not in found.subject_of[v]:
                found.covered[v].setdefault(t, s)
            else:
                break


def _same_slot(found: Chain, k: int, subjects: list[int | None], change: list[str], kept: set[int]) -> None:
    """A unit left alone between the same two neighbours on each side, under the same number, is
    the same subject rewritten (the redline calls it deleted and inserted, having no words in
    common to show; an analyst's synopsis puts it in one row)."""
    old_of = {s: i for i, s in enumerate(found.subject_of[k - 1])}
    anchors = sorted((j, old_of[s]) for j, s in enumerate(subjects) if s is not None and s in old_of)
    bounds = [(-1, -1), *anchors, (len(subjects), len(found.subject_of[k - 1]))]
    for (j1, i1), (j2, i2) in zip(bounds, bounds[1:]):
        if i2 <= i1:
            continue
        news = [j for j in range(j1 + 1, j2) if subjects[j] is None and change[j] in ("inserted", "")]
        olds = [i for i in range(i1 + 1, i2) if i not in kept]
        if len(news) == 1 == len(olds) == j2 - j1 - 1 == i2 - i1 - 1:
            j, i = news[0], olds[0]
            old, new = found.units[k - 1][i][1], found.units[k][j][1]
            if old.label and old.label == new.label and old.kind == new.kind:
                subjects[j] = found.subject_of[k - 1][i]
                change[j] = "rewritten"


def _look_back(found: Chain, k: int, subjects: list[int | None], change: list[str]) -> None:
    """Units of version k that version k-1 lacks, paired with subjects seen further back and
    absent from k-1 (by the same aligner, on just those units)."""
    new = [j for j, s in enumerate(subjects) if s is None]
    if not new or k < 2:
        return
    present = set(found.subject_of[k - 1]) | set(found.covered[k - 1])
    last: dict[int, tuple[int, int]] = {}
    for v in range(k - 1):
        for i, s in enumerate(found.subject_of[v]):
            last[s] = (v, i)
    gone = [(s, v, i) for s, (v, i) in last.items() if s not in present]
    if not gone:
        return
    olds = tuple(found.units[v][i][1] for _, v, i in gone)
    news = tuple(found.units[k][j][1] for j in new)
    where_old = {id(p): n for n, p in enumerate(olds)}
    where_new = {id(p): n for n, p in enumerate(news)}
    vocab = Vocabulary(olds, news)
    for d in pair_units(diff(Document(points=olds), Document(points=news)).points):
        if d.old is None or d.new is None or d.status in ("split", "merged"):
            continue
        # Units gathered from all over the plan pair by their words alone, never by a number
        # that happens to match: as strong a likeness as a move anywhere in a plan needs.
        if d.old.text != d.new.text and vocab.score(d.old.text, d.new.text) < FAR_MATCH:
            continue
        s, v, _ = gone[where_old[id(d.old)]]
        j = new[where_new[id(d.new)]]
        subjects[j] = s
        change[j] = "restored"
        found.restored.append((s, k, v))
