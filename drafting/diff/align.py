"""Align the points of two versions: which old point became which new one.

Confident pairs come first and anywhere in the document: the same clause key,
text found once on each side. The longest run of those pairs that kept their
order are the anchors;
the points left between two anchors (a gap) are paired as a whole, the
assignment that keeps their order with the most similarity in all, so that a
new point of a repeated pattern is an insertion and not the partner of the
next old one. What is still unpaired is looked up anywhere through an index
of rare words (a point reworded and moved). Order is judged last, on all
pairs, so a renumbering alone is never a move nor a change.

Similarity is `Vocabulary.score`: symmetric, rare words above common ones. A
number is evidence, never proof: the same number adds to the score of two
points in one gap only when they already share enough words.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

from drafting.diff.similar import CHARS, Vocabulary
from drafting.diff.words import Normalize
from drafting.model import Point, is_derived_key
from drafting.numerals import same_number

#: Similarity at or above which two points in the same gap are one point, changed.
GAP_MATCH = 0.5
#: Added to the score of two points in one gap that have the same number…
NUMBER_BONUS = 0.2
#: …when their score is already at least this (the same number, the same subject).
NUMBER_FLOOR = 0.25
#: Two points in one gap with the same number also pair when their characters agree this much
#: (Indel similarity, 0-100: symmetric, low for a short text against a long one).
FORM_MATCH = 60.0
#: The last point of an excerpt, cut off mid-text, pairs with the point it begins like this
#: much (Indel similarity of the same length)…
CUT_MATCH = 90.0
#: …when it has at least this many words.
CUT_WORDS = 8
#: A near copy: inside a run of clauses cut from one pattern, the only pair found far away.
NEAR_COPY = 0.8
#: Higher bar for a pair found anywhere after the gaps: a point that moved and changed.
FAR_MATCH = 0.6
#: A pair found anywhere must score this much more than either point does against its own
#: neighbours: in a run of clauses cut from one pattern every point is like the next, and a
#: new one there is an insertion, not a far move.
NEIGHBOUR_MARGIN = 0.1
#: Neighbours whose characters agree this much (Indel similarity) are clauses cut from one
#: pattern: there, a pair found far away must be a near copy in words and in characters, since
#: blanks filled alike by chance are common and a move is not.
TEMPLATE = 70.0
TEMPLATE_FORM = 90.0
#: A gap with at most this many (old, new) cells is scored in full; a larger one through the index.
EXHAUSTIVE = 600
#: The rarest words of a point that the index looks up.
RARE_WORDS = 8
#: A word more points share than this is boilerplate to the index: it says nothing.
BUCKET = 64
#: Candidates scored per point at most, those sharing the most rare words first.
PER_POINT = 12

@dataclass(frozen=True, slots=True)
class Alignment:
    """Old index -> new index, the pairs that kept their order, and how each pair was found."""

    pairs: dict[int, int]
    ordered: frozenset[tuple[int, int]]
    basis: dict[int, str]


def _usable_key(point: Point) -> bool:
    return bool(point.key) and not is_derived_key(point.key)


def _unique_keys(points: tuple[Point, ...]) -> dict[str, int]:
    seen: dict[str, int] = {}
    dupes = set()
    for i, p in enumerate(points):
        if _usable_key(p):
            if p.key in seen:
                dupes.add(p.key)
            seen[p.key] = i
    return {k: i for k, i in seen.items() if k not in dupes}


def increasing_run(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The longest run of `(old, new)` pairs increasing in both, pairs sorted by new."""
    pairs = sorted(pairs, key=lambda p: p[1])
    tails: list[int] = []
    tail_at: list[int] = []
    back: list[int] = [-1] * len(pairs)
    for i, (old, _new) in enumerate(pairs):
        j = bisect_left(tails, old)
        if j == len(tails):
            tails.append(old)
            tail_at.append(i)
        else:
            tails[j] = old
            tail_at[j] = i
        back[i] = tail_at[j - 1] if j else -1
    run: set[tuple[int, int]] = set()
    i = tail_at[-1] if tail_at else -1
    while i >= 0:
        run.add(pairs[i])
        i = back[i]
    return run


def heaviest_chain(candidates: list[tuple[int, int, float]]) -> list[tuple[int, int]]:
    """The pairs increasing in both indices with the greatest total weight (each index once).

    A Fenwick tree over the new indices keeps the best chain ending below each, so
    the cost is k log k for k candidates.
    """
    if not candidates:
        return []
    news = sorted({b for _a, b, _w in candidates})
    rank = {b: k + 1 for k, b in enumerate(news)}
    tree_w = [0.0] * (len(news) + 1)
    tree_at = [-1] * (len(news) + 1)
    order = sorted(range(len(candidates)), key=lambda k: (candidates[k][0], -candidates[k][1]))
    back = [-1] * len(candidates)
    total = [0.0] * len(candidates)
    best, best_at = 0.0, -1
    for k in order:
        a, b, w = candidates[k]
        r = rank[b] - 1  # chains ending strictly below b
        prev_w, prev_at = 0.0, -1
        while r > 0:
            if tree_w[r] > prev_w:
                prev_w, prev_at = tree_w[r], tree_at[r]
            r -= r & -r
        total[k], back[k] = prev_w + w, prev_at
        if total[k] > best:
            best, best_at = total[k], k
        r = rank[b]
        while r <= len(news):
            if total[k] > tree_w[r]:
                tree_w[r], tree_at[r] = total[k], k
            r += r & -r
    chain: list[tuple[int, int]] = []
    while best_at >= 0:
        chain.append((candidates[best_at][0], candidates[best_at][1]))
        best_at = back[best_at]
    return chain[::-1]


class _Aligner:
    """One alignment of two sibling lists; the steps share the texts, the pairs and the index."""

    def __init__(self, old: tuple[Point, ...], new: tuple[Point, ...], vocab: Vocabulary,
                 normalize: Normalize | None) -> None:
        self.old, self.new, self.vocab = old, new, vocab
        self.texts_old = [p.text for p in old]
        self.texts_new = [p.text for p in new]
        self.same_old = [normalize(t) for t in self.texts_old] if normalize else self.texts_old
        self.same_new = [normalize(t) for t in self.texts_new] if normalize else self.texts_new
        self.pairs: dict[int, int] = {}
        self.taken: set[int] = set()
        self.basis: dict[int, str] = {}
        self.blocked_old: set[int] = set()
        self.blocked_new: set[int] = set()

    def add(self, i: int, j: int, basis: str) -> None:
        self.pairs[i] = j
        self.taken.add(j)
        self.basis[i] = basis

    def free_old(self) -> list[int]:
        return [i for i in range(len(self.old)) if i not in self.pairs and i not in self.blocked_old]

    def free_new(self) -> list[int]:
        return [j for j in range(len(self.new)) if j not in self.taken and j not in self.blocked_new]

    def by_key(self) -> None:
        """Drafts assembled from the library: a clause key pairs, and two different keys never do.

        A side that also has points with derived keys (a consolidated text: its inserted points
        were read from the protocol) leaves the other side's keyed points free to pair with them
        by text; only its own keyed points are held back.
        """
        old_keys = _unique_keys(self.old)
        for key, j in _unique_keys(self.new).items():
            i = old_keys.get(key)
            if i is not None:
                self.add(i, j, "same clause key")
        if old_keys and any(_usable_key(p) for p in self.new):
            free_old = any(not _usable_key(p) for i, p in enumerate(self.old) if i not in self.pairs)
            free_new = any(not _usable_key(p) for j, p in enumerate(self.new) if j not in self.taken)
            if not free_new:
                self.blocked_old = {i for i, p in enumerate(self.old) if _usable_key(p) and i not in self.pairs}
            if not free_old:
                self.blocked_new = {j for j, p in enumerate(self.new) if _usable_key(p) and j not in self.taken}

    def by_text(self) -> None:
        """Text found once on each side: the same point, renumbered or moved perhaps."""
        free_old, free_new = self.free_old(), self.free_new()
        count_old = Counter(self.same_old[i] for i in free_old)
        count_new = Counter(self.same_new[j] for j in free_new)
        where = {self.same_old[i]: i for i in free_old if count_old[self.same_old[i]] == 1}
        for j in free_new:
            text = self.same_new[j]
            if count_new[text] == 1 and text in where:
                self.add(where[text], j, "same text")

    def index(self, olds: list[int]) -> dict[str, list[int]]:
        """Rare word -> the old points among `olds` that have it."""
        found: dict[str, list[int]] = defaultdict(list)
        for i in olds:
            for word in self.vocab.rare(self.texts_old[i], RARE_WORDS):
                found[word].append(i)
        return found

    def lookup(self, index: dict[str, list[int]], j: int) -> list[int]:
        """The old points sharing the most rare words with new point `j`: its rarest words that
        the index holds (a reworded point's rarest words are often its new ones)."""
        hits: Counter[int] = Counter()
        found = 0
        for word in self.vocab.rare(self.texts_new[j], None):
            bucket = index.get(word, ())
            if bucket and len(bucket) <= BUCKET:
                hits.update(bucket)
                found += 1
                if found == RARE_WORDS:
                    break
        return [i for i, _n in sorted(hits.items(), key=lambda h: (-h[1], h[0]))[:PER_POINT]]

    def score(self, i: int, j: int) -> float:
        if self.same_old[i] == self.same_new[j]:
            return 1.0
        return self.vocab.score(self.texts_old[i], self.texts_new[j])

    def alike_next(self, old: bool, k: int) -> float:
        """How alike a point is to its neighbours on its own side (the best of the two)."""
        texts = self.texts_old if old else self.texts_new
        return max((self.vocab.score(texts[k], texts[n]) for n in (k - 1, k + 1) if 0 <= n < len(texts)),
                   default=0.0)

    def patterned(self, old: bool, k: int) -> bool:
        """True when a point reads like a neighbour with other blanks: a run of one pattern."""
        texts = self.texts_old if old else self.texts_new
        return any(fuzz.ratio(texts[k][:CHARS], texts[n][:CHARS], score_cutoff=TEMPLATE)
                   for n in (k - 1, k + 1) if 0 <= n < len(texts))

    def distinct(self, s: float, i: int, j: int) -> bool:
        """True when a pair found anywhere stands out against each point's own neighbours, and
        its characters agree too (the same words in another text are not a rewording)."""
        if s < max(self.alike_next(True, i), self.alike_next(False, j)) + NEIGHBOUR_MARGIN:
            return False
        form = fuzz.ratio(self.texts_old[i][:CHARS], self.texts_new[j][:CHARS])
        if self.patterned(True, i) or self.patterned(False, j):
            return s >= NEAR_COPY and form >= TEMPLATE_FORM
        return form >= FORM_MATCH

    def gaps(self) -> list[tuple[list[int], list[int]]]:
        """The unpaired points between consecutive pairs that kept their order, side by side."""
        run = sorted(increasing_run(list(self.pairs.items())), key=lambda p: p[1])
        bounds = [(-1, -1), *run, (len(self.old), len(self.new))]
        out = []
        for (lo_old, lo_new), (hi_old, hi_new) in zip(bounds, bounds[1:]):
            gap_old = [i for i in range(lo_old + 1, hi_old) if i not in self.pairs and i not in self.blocked_old]
            gap_new = [j for j in range(lo_new + 1, hi_new) if j not in self.taken and j not in self.blocked_new]
            if gap_old and gap_new:
                out.append((gap_old, gap_new))
        return out

    def in_gap(self, i: int, j: int) -> float:
        """The score of a pair inside a gap, the same number counting when the words or the
        characters agree; 0.0 when the two are not one point."""
        s = self.score(i, j)
        if s >= GAP_MATCH:
            return s
        if not same_number(self.old[i].label, self.new[j].label):
            return 0.0
        if s >= NUMBER_FLOOR and s + NUMBER_BONUS >= GAP_MATCH:
            return s + NUMBER_BONUS
        form = fuzz.ratio(self.texts_old[i][:CHARS], self.texts_new[j][:CHARS], score_cutoff=FORM_MATCH)
        return GAP_MATCH if form or self.cut_off(i, j) else 0.0

    def cut_off(self, i: int, j: int) -> bool:
        """True when the last point of one side is the other's beginning, cut off: an excerpt."""
        if i != len(self.old) - 1 and j != len(self.new) - 1:
            return False
        a, b = self.texts_old[i][:CHARS], self.texts_new[j][:CHARS]
        short, long_ = (a, b) if len(a) < len(b) else (b, a)
        if len(short.split()) < CUT_WORDS:
            return False
        return fuzz.ratio(short, long_[:len(short)], score_cutoff=CUT_MATCH) > 0

    def match_gap(self, gap_old: list[int], gap_new: list[int]) -> None:
        """The order-keeping assignment of one gap with the most similarity in all."""
        if len(gap_old) * len(gap_new) <= EXHAUSTIVE:
            cells = [(i, j) for i in gap_old for j in gap_new]
        else:
            index = self.index(gap_old)
            cells = [(i, j) for j in gap_new for i in self.lookup(index, j)]
            # The same text on both sides (a repeated clause, empty paragraphs): the k-th old one
            # with the k-th new one, never each with each (a thousand of each are a million cells).
            texts: dict[str, list[int]] = defaultdict(list)
            for i in gap_old:
                texts[self.same_old[i]].append(i)
            taken: dict[str, int] = defaultdict(int)
            for j in gap_new:
                olds = texts.get(self.same_new[j])
                if olds and taken[self.same_new[j]] < len(olds):
                    cells.append((olds[taken[self.same_new[j]]], j))
                    taken[self.same_new[j]] += 1
        candidates = []
        for i, j in set(cells):
            s = self.in_gap(i, j)
            if s:
                candidates.append((i, j, s))
        for i, j in heaviest_chain(sorted(candidates)):
            self.add(i, j, "similar, in place")

    def far(self) -> None:
        """The points still unpaired, looked up anywhere: moved and changed. Best score first."""
        free_old, free_new = self.free_old(), self.free_new()
        if not free_old or not free_new:
            return
        index = self.index(free_old)
        found = [(self.score(i, j), i, j) for j in free_new for i in self.lookup(index, j)]
        for s, i, j in sorted(found, key=lambda c: (-c[0], c[1], c[2])):
            if s < FAR_MATCH:
                break
            if i not in self.pairs and j not in self.taken and self.distinct(s, i, j):
                self.add(i, j, "similar, elsewhere")


def align(old: tuple[Point, ...], new: tuple[Point, ...], vocab: Vocabulary | None = None,
          normalize: Normalize | None = None) -> Alignment:
    """Pair old points with new ones; see the module's docstring for the steps.

    `vocab` carries the word weights of the whole comparison (made here when
    None); `normalize` maps a text to the form in which two texts count as the
    same (case or typography ignored).
    """
    a = _Aligner(old, new, vocab or Vocabulary(old, new, normalize), normalize)
    a.by_key()
    a.by_text()
    for gap_old, gap_new in a.gaps():
        a.match_gap(gap_old, gap_new)
    a.far()
    return Alignment(a.pairs, frozenset(increasing_run(list(a.pairs.items()))), a.basis)
