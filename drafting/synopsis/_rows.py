"""Rows of the synopsis from the chain of subjects: their order, cells, spans and statuses."""

from __future__ import annotations

from collections.abc import Sequence

from drafting.brackets import places
from drafting.diff.redline import EQUAL, Ops
from drafting.diff.words import word_diff
from drafting.model import Document, Point, iter_points
from drafting.synopsis._chain import Chain
from drafting.synopsis._model import (
    ABSENT, ADDED, AGREED, CHANGED, COVERED, DROPPED, MERGED, MOVED, NOT_IN_EXCERPT, OPENED, PRESENT, RENUMBERED,
    RESTORED, SPLIT, UNCHANGED, Cell, Row,
)
from drafting.writers._shared import heading_line, marker


def order(found: Chain) -> list[int]:
    """Subjects in reading order: the newest version's, each subject it lacks placed after the
    subject before it in the newest version that has it."""
    newest = list(found.subject_of[-1])
    placed = set(newest)
    follow: dict[int | None, list[int]] = {}
    for k in range(len(found.subject_of) - 2, -1, -1):
        previous: int | None = None
        for s in found.subject_of[k]:
            if s not in placed:
                follow.setdefault(previous, []).append(s)
                placed.add(s)
            previous = s
    out: list[int] = []
    stack = list(reversed(follow.get(None, []) + newest))
    while stack:
        s = stack.pop()
        out.append(s)
        stack.extend(reversed(follow.get(s, [])))
    return out


def flat(point: Point, language: str) -> str:
    """A unit as one cell's text: its heading line, paragraphs, then its sub-points, a line each."""
    lines = [point.heading] if point.heading else []
    lines.extend(point.paragraphs)
    for sub in iter_points(point.children):
        mark = marker(sub, language)
        lines.extend(f"{mark} {p}".strip() for p in sub.paragraphs[:1])
        lines.extend(sub.paragraphs[1:])
    return "\n".join(lines)


def cite(point: Point, language: str) -> str:
    """The unit's number as its version writes it: "point 5", "Article III"."""
    mark = marker(point, language)
    if point.kind == "article" or point.is_division:
        return mark
    return f"point {point.label}" if point.label else "unnumbered"


def _divisions(doc: Document, path: tuple[int, ...], language: str) -> tuple[str, ...]:
    out: list[str] = []
    points = doc.points
    for i in path:
        out.append(heading_line(points[i], language))
        points = points[i].children
    return tuple(out)


def _ops(before: str, after: str) -> Ops:
    return ((EQUAL, after),) if before == after else word_diff(before, after)


class Builder:
    """The rows of one synopsis: `docs` in order, their `excerpt` flags, the `base` column."""

    def __init__(self, docs: Sequence[Document], found: Chain, excerpts: set[int], base: int | None) -> None:
        self.docs, self.found, self.excerpts, self.base = docs, found, excerpts, base
        self.where = [{s: j for j, s in enumerate(subjects)} for subjects in found.subject_of]
        self.texts: dict[tuple[int, int], str] = {}

    def text(self, k: int, s: int) -> str:
        if (k, s) not in self.texts:
            self.texts[(k, s)] = flat(self.found.units[k][self.where[k][s]][1], self.docs[k].meta.language)
        return self.texts[(k, s)]

    def rows(self) -> list[Row]:
        subjects = order(self.found)
        position = {s: n for n, s in enumerate(subjects)}
        spans = self._spans(subjects, position)
        return [self.row(s, spans) for s in subjects]

    def _spans(self, subjects: list[int], position: dict[int, int]) -> dict[tuple[int, int], int]:
        """(version, subject) -> rows its cell covers, where the covered rows follow it; covered
        subjects whose rows do not follow their coverer's are left out (their cells say absent)."""
        spans: dict[tuple[int, int], int] = {}
        for k, covered in enumerate(self.found.covered):
            by_host: dict[int, list[int]] = {}
            for t, s in covered.items():
                by_host.setdefault(s, []).append(t)
            for s, ts in by_host.items():
                rows = sorted(position[t] for t in ts)
                if rows == list(range(position[s] + 1, position[s] + 1 + len(rows))):
                    spans[(k, s)] = 1 + len(rows)
                else:
                    for t in ts:
                        del covered[t]
        return spans

    def cell(self, k: int, s: int, spans: dict[tuple[int, int], int], previous: int | None) -> Cell:
        if s not in self.where[k]:
            if s in self.found.covered[k]:
                return Cell(COVERED)
            return Cell(NOT_IN_EXCERPT if k in self.excerpts else ABSENT)
        j = self.where[k][s]
        point = self.found.units[k][j][1]
        language = self.docs[k].meta.language
        against = self.base if self.base is not None and self.base != k and s in self.where[self.base] \
            else previous if self.base is None else None
        ops = _ops(self.text(against, s), self.text(k, s)) if against is not None else ()
        opened = len(places(Document(points=(point,)))) if "[" in self.text(k, s) else 0
        return Cell(PRESENT, cite(point, language), point.label, point.heading, self.text(k, s), ops, against,
                    self.found.change[k][j], spans.get((k, s), 1), f"v{k + 1}-s{s + 1}", opened)

    def row(self, s: int, spans: dict[tuple[int, int], int]) -> Row:
        cells: list[Cell] = []
        previous: int | None = None
        for k in range(len(self.docs)):
            cells.append(self.cell(k, s, spans, previous))
            if cells[-1].present:
                previous = k
        newest = max(k for k, c in enumerate(cells) if c.present)
        point = self.found.units[newest][self.where[newest][s]][1]
        path = self.found.units[newest][self.where[newest][s]][0]
        language = self.docs[newest].meta.language
        title = point.heading or " ".join(self.text(newest, s).split()[:8])
        status, flags = self._status(s, cells)
        return Row(f"s{s + 1}", point.key, title, _divisions(self.docs[newest], path, language), tuple(cells),
                   status, flags)

    def _status(self, s: int, cells: list[Cell]) -> tuple[str, tuple[str, ...]]:
        there = [c.state in (PRESENT, COVERED) for c in cells if c.state != NOT_IN_EXCERPT]
        texts = [c.text for c in cells if c.present]
        gap = any(there[i] and not there[j] and any(there[j:]) for i in range(len(there))
                  for j in range(i + 1, len(there)))
        if there[-1] and gap:
            status = RESTORED
        elif there[0] and there[-1]:
            status = UNCHANGED if len(set(texts)) <= 1 else CHANGED
        elif there[-1]:
            status = ADDED
        else:
            status = DROPPED
        present = [c for c in cells if c.present]
        flags: list[str] = []
        if present[0].open_places == 0 and present[-1].open_places and there[-1]:
            flags.append(OPENED)
        if present[0].open_places and present[-1].open_places == 0 and there[-1]:
            flags.append(AGREED)
        if any(c.change == "moved" for c in present):
            flags.append(MOVED)
        if len({c.label for c in present}) > 1:
            flags.append(RENUMBERED)
        if s in self.found.split:
            flags.append(SPLIT)
        if s in self.found.merged:
            flags.append(MERGED)
        return status, tuple(flags)
