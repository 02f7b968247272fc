"""The reader benchmark's scorer: a document read against its truth, unit by unit.

`score` pairs the units (articles, points) and the divisions of the truth with those
a reader gave, by label first, and says for each what differs. `load_truth` reads
the ground truth of a published text (bench/readers-truth/, labels and counts only).
Kept apart from the runner so that it can be tested without any reader.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from drafting.model import Document, Path as TreePath, Point, divisions, iter_points, units
from drafting.numerals import roman, roman_value

#: Fields of the front and back matter a truth file may leave unchecked with "any".
FRONT = ("title", "parties", "preamble", "closing")

# --- scoring ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Expect:
    """What a text should read as, and how strictly to compare.

    `counts`: compare each unit's number of paragraphs, not its words (the corpus
    truth copies no sentences), and the front matter by counts; a unit whose
    `meta` has ("paragraphs", "any") is not counted. `loose`: `FRONT` fields left
    unchecked. `marks`: the page marks put into the text, which must not survive.
    """

    doc: Document
    marks: tuple[str, ...] = ()
    counts: bool = False
    loose: frozenset[str] = frozenset()


@dataclass
class Score:
    """One text read: units and divisions exactly right out of all, what went wrong."""

    units: int = 0
    units_exact: int = 0
    divisions: int = 0
    divisions_exact: int = 0
    false: int = 0
    front: bool = True
    marks: int = 0
    mismatches: list[str] = field(default_factory=list)

    @property
    def percent(self) -> float:
        """Exact units and divisions as a share of all expected; 100 for a text with none."""
        total = self.units + self.divisions
        return 100.0 * (self.units_exact + self.divisions_exact) / total if total else 100.0


@dataclass(frozen=True)
class _Entry:
    """A unit or division with the labels of the divisions above it."""

    point: Point
    path: tuple[str, ...]

    @property
    def label(self) -> str:
        return norm(self.point.label)

    @property
    def family(self) -> str:
        return _family(self.point.kind)

    @property
    def name(self) -> str:
        return f"{self.point.kind} {self.label}" if self.label else self.point.kind


def norm(text: str) -> str:
    """`text` with its runs of white space made single spaces, ends trimmed."""
    return " ".join(text.split())


def _family(kind: str) -> str:
    """Articles are one family, numbered points and paragraphs another; divisions are their kind."""
    return "point" if kind in ("point", "paragraph") else kind


def _entries(found: list[tuple[TreePath, Point]], roots: tuple[Point, ...]) -> list[_Entry]:
    out = []
    for path, point in found:
        labels, level = [], roots
        for i in path:
            labels.append(norm(level[i].label))
            level = level[i].children
        out.append(_Entry(point, tuple(labels)))
    return out


_Key = Callable[[_Entry], object]


def _pair(expected: list[_Entry], got: list[_Entry], keys: Sequence[_Key]) -> list[int | None]:
    """For each expected entry the index of the got entry it pairs with: the first free one
    with the same first key, else the same second key, and so on; None when there is none."""
    match: list[int | None] = [None] * len(expected)
    free = set(range(len(got)))
    for key in keys:
        index: dict[object, list[int]] = {}
        for j in sorted(free):
            index.setdefault(key(got[j]), []).append(j)
        for i, entry in enumerate(expected):
            slot = index.get(key(entry)) if match[i] is None else None
            if slot:
                match[i] = slot.pop(0)
                free.discard(match[i])
    return match


def _text(p: Point) -> str:
    """All words of a unit: its paragraphs and its sub-units', labels and names left out."""
    parts = [*p.paragraphs, *(_text(child) for child in p.children)]
    return norm(" ".join(parts))


def _outline(points: tuple[Point, ...]) -> str:
    """Child labels with their own children in brackets: "1 2[a b[i ii]] 3"."""
    return " ".join(norm(p.label) + (f"[{_outline(p.children)}]" if p.children else "")
                    for p in points)


def _clip(text: str, size: int = 45) -> str:
    return repr(text if len(text) <= size else text[:size] + "…")


def _first_difference(a: Sequence[str], b: Sequence[str]) -> int:
    """The index of the first item (character, line) where `a` and `b` differ."""
    return next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))


def _text_diff(a: str, b: str) -> str:
    at = _first_difference(a, b)
    lo = max(0, at - 15)
    dots = "…" if lo else ""
    return f"text at {at}: {dots}{_clip(a[lo:])} -> {dots}{_clip(b[lo:])}"


def _unit_diffs(e: _Entry, g: _Entry, counts: bool) -> list[str]:
    out = []
    if e.family != g.family:
        out.append(f"kind {e.point.kind} -> {g.point.kind}")
    if norm(e.point.heading) != norm(g.point.heading):
        out.append(f"name {_clip(e.point.heading)} -> {_clip(g.point.heading)}")
    if e.path != g.path:
        out.append(f"under [{' '.join(e.path)}] -> [{' '.join(g.path)}]")
    if counts:
        want, have = len(e.point.paragraphs), len(g.point.paragraphs)
        if e.point.get("paragraphs") != "any" and want != have:
            out.append(f"paragraphs {want} -> {have}")
    elif _text(e.point) != _text(g.point):
        out.append(_text_diff(_text(e.point), _text(g.point)))
    if _outline(e.point.children) != _outline(g.point.children):
        out.append(f"children [{_outline(e.point.children)}] -> [{_outline(g.point.children)}]")
    return out


def _held(p: Point) -> str:
    return " ".join(norm(u.label) for _, u in units(p.children))


def _division_diffs(e: _Entry, g: _Entry) -> list[str]:
    out = []
    if e.point.kind != g.point.kind:
        out.append(f"kind {e.point.kind} -> {g.point.kind}")
    if norm(e.point.heading) != norm(g.point.heading):
        out.append(f"name {_clip(e.point.heading)} -> {_clip(g.point.heading)}")
    if _held(e.point) != _held(g.point):
        out.append(f"holds [{_held(e.point)}] -> [{_held(g.point)}]")
    if len(e.point.paragraphs) != len(g.point.paragraphs):
        out.append(f"own paragraphs {len(e.point.paragraphs)} -> {len(g.point.paragraphs)}")
    return out


def _front(expect: Expect, got: Document) -> list[str]:
    """What differs in the title, parties, preamble and closing lines.

    Generated texts name their parties only inside the title and the first recital, so
    a reader need not find them, but each party it gives must be named there."""
    out = []
    truth = expect.doc
    for name in FRONT:
        want, have = getattr(truth, name), getattr(got, name)
        if name in expect.loose:
            continue
        if name == "title":
            want, have = (want,) if want else (), (have,) if have else ()
        if expect.counts:
            if len(want) != len(have):
                out.append(f"{name} {len(want)} -> {len(have)}")
            continue
        if name == "parties":
            named = norm(" ".join((truth.title, *truth.preamble))).casefold()
            out.extend(f"party {_clip(p)} not named in the title or preamble"
                       for p in have if norm(p).casefold() not in named)
            continue
        want, have = [norm(w) for w in want], [norm(h) for h in have]
        if want != have:
            at = _first_difference(want, have)
            first = _clip(want[at]) if at < len(want) else "(none)"
            other = _clip(have[at]) if at < len(have) else "(none)"
            out.append(f"{name} {len(want)} -> {len(have)}, [{at}] {first} -> {other}")
    return out


def _strings(doc: Document) -> list[str]:
    words = [doc.title, *doc.parties, *doc.preamble, *doc.closing]
    for p in iter_points(doc.points):
        words.extend((p.heading, *p.paragraphs))
    return words


def _marks(expect: Expect, got: Document) -> list[str]:
    """The page marks still in the text read, beyond any the truth has in its own words."""
    kept = []
    got_text, want_text = " ".join(_strings(got)), " ".join(_strings(expect.doc))
    got_words, want_words = Counter(got_text.split()), Counter(want_text.split())
    for mark in dict.fromkeys(expect.marks):
        if mark.isdigit():
            extra = got_words[mark] - want_words[mark]
        else:
            extra = got_text.count(mark) - want_text.count(mark)
        kept.extend([mark] * max(0, extra))
    return kept


#: How units pair, best first: label, kind family and place; label and family; label alone.
_UNIT_KEYS: tuple[_Key, ...] = (lambda e: (e.label, e.family, e.path),
                                lambda e: (e.label, e.family), lambda e: e.label)
#: How divisions pair: place, label and kind; label and kind; place and label.
_DIVISION_KEYS: tuple[_Key, ...] = (lambda e: (e.path, e.label, e.point.kind),
                                    lambda e: (e.label, e.point.kind), lambda e: (e.path, e.label))


def _compare(want: list[_Entry], have: list[_Entry], keys: Sequence[_Key],
             compare: Callable[[_Entry, _Entry], list[str]], result: Score) -> int:
    """Pair `want` with `have`, note in `result` what differs and what was read in excess;
    return how many of `want` were read exactly."""
    match = _pair(want, have, keys)
    exact = 0
    for entry, j in zip(want, match):
        diffs = ["missing"] if j is None else compare(entry, have[j])
        if diffs:
            result.mismatches.append(f"{entry.name}: {'; '.join(diffs)}")
        else:
            exact += 1
    extra = [have[j] for j in sorted(set(range(len(have))) - set(match))]
    result.false += len(extra)
    result.mismatches.extend(f"{g.name}: false, {_clip(_text(g.point) or g.point.heading)}"
                             for g in extra)
    return exact


def score(expect: Expect, got: Document | None, error: str = "") -> Score:
    """Compare what a reader gave (`got`; None when it raised `error`) with the truth."""
    truth = expect.doc
    want_units = _entries(units(truth.points), truth.points)
    want_divs = _entries(divisions(truth.points), truth.points)
    result = Score(units=len(want_units), divisions=len(want_divs))
    if got is None:
        result.front = False
        result.mismatches.append(f"reader failed: {error}")
        return result
    result.units_exact = _compare(
        want_units, _entries(units(got.points), got.points), _UNIT_KEYS,
        lambda e, g: _unit_diffs(e, g, expect.counts), result)
    result.divisions_exact = _compare(
        want_divs, _entries(divisions(got.points), got.points), _DIVISION_KEYS, _division_diffs,
        result)
    front = _front(expect, got)
    if front:
        result.front = False
        result.mismatches.append(f"front: {'; '.join(front)}")
    kept = _marks(expect, got)
    result.marks = len(kept)
    if kept:
        result.mismatches.append(f"page marks kept: {', '.join(kept)}")
    return result


# --- the corpus truth ------------------------------------------------------------------


def _labels(spec: str) -> list[str]:
    """ "1..14", "I..III", "1,2,4..12" as the labels they stand for."""
    out: list[str] = []
    for piece in spec.split(","):
        first, dots, last = piece.partition("..")
        if not dots:
            out.append(first)
        elif first.isdigit():
            out.extend(str(n) for n in range(int(first), int(last) + 1))
        else:
            out.extend(roman(n) for n in range(roman_value(first), roman_value(last) + 1))
    return out


def load_truth(path: Path) -> tuple[str, Expect]:
    """The corpus file a truth file is about, and what it should read as (see the README there)."""
    head: dict[str, str] = {}
    points: list[Point] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split(" #")[0].strip()
        if not line or line.startswith("#"):
            continue
        key, colon, value = line.partition(":")
        if colon and " " not in key:
            head[key] = value.strip()
            continue
        kind, spec, *opts = line.split()
        options = dict(opt.split("=", 1) for opt in opts)
        paras = options.get("paragraphs", "1")
        for label in _labels(spec):
            subs = tuple(Point(f"@{kind}-{label}/{s}", s, "sub", paragraphs=("…",))
                         for s in options.get("children", "").split(",") if s)
            points.append(Point(f"@{kind}-{label}", label, kind, paragraphs=("…",) * int(
                paras if paras != "any" else 0), children=subs,
                meta=(("paragraphs", "any"),) if paras == "any" else ()))

    def count(name: str) -> tuple[str, ...]:
        value = head.get(name, "0")
        return ("…",) * (int(value) if value.isdigit() else value == "yes")

    doc = Document(title="…" if count("title") else "", parties=count("parties"),
                   preamble=count("preamble"), points=tuple(points), closing=count("closing"))
    loose = frozenset(name for name in FRONT if head.get(name) == "any")
    marks = tuple(m.strip() for m in head.get("marks", "").split(";") if m.strip())
    return head["text"], Expect(doc, marks, counts=True, loose=loose)
