"""How alike two points are: a symmetric score where rare words weigh more than common ones.

A plan's points share a vocabulary ("The Parties shall ... within 90 days"):
a score over plain word sets, or one that lets a short point count as similar
to a long one containing it, pairs unrelated points. Here each word weighs its
inverse document frequency over the points being compared, and two points
score the weighted Dice coefficient of their word sets: twice the weight they
share over the weight each has. It is symmetric and 1.0 only for the same
words. Document frequencies come from every point of a short document, and
from an even sample plus the points still unpaired in a long one, so the cost
stays linear.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from drafting.diff.words import Normalize
from drafting.model import Point, iter_points

_WORD = re.compile(r"\w+")
#: Past this many points on one side, document frequencies come from a sample.
SAMPLE = 300
#: Similarity reads at most this many characters of a point, so a giant point costs no more.
CHARS = 20_000
#: Words are compared on their first letters, a crude stem ("guarantee", "guarantees").
STEM = 6
#: Words shared by fewer points than this count as rare (the index looks only at these).
RARE_SHARE = 0.02

def _sample(points: Sequence[Point]) -> list[Point]:
    if len(points) <= SAMPLE:
        return list(points)
    step = len(points) / SAMPLE
    return [points[int(k * step)] for k in range(SAMPLE)]


class Vocabulary:
    """Word weights for one comparison of two documents, and the bags of words of points."""

    def __init__(self, old: Sequence[Point], new: Sequence[Point], normalize: Normalize | None = None) -> None:
        self.normalize = normalize
        self._bags: dict[str, frozenset[str]] = {}
        self._weights: dict[str, float] = {}
        self._masses: dict[str, float] = {}
        self.df: Counter[str] = Counter()
        self.counted = 0
        self._seen: set[str] = set()
        self._sides: tuple[Sequence[Point], ...] | None = (old, new)

    def _ready(self) -> None:
        """Count the sample on first use: a diff whose points all pair by text never needs it."""
        if self._sides is not None:
            sides, self._sides = self._sides, None
            for side in sides:
                self.count(_sample(iter_points(tuple(side))))

    def count(self, points: Iterable[Point]) -> None:
        """Add points to the document frequencies (each text once)."""
        for p in points:
            text = p.text
            if text not in self._seen:
                self._seen.add(text)
                self.df.update(self.bag(text))
                self.counted += 1
        self._weights = {}
        self._masses = {}

    def bag(self, text: str) -> frozenset[str]:
        """The distinct words of `text`, folded to lower case."""
        bag = self._bags.get(text)
        if bag is None:
            cut = text[:CHARS]
            if self.normalize is not None:
                cut = self.normalize(cut)
            bag = self._bags[text] = frozenset(w[:STEM] for w in _WORD.findall(cut.lower()))
        return bag

    def weight(self, word: str) -> float:
        """Inverse document frequency: a word in every point weighs little, a rare one much."""
        w = self._weights.get(word)
        if w is None:
            self._ready()
            n = self.counted + 1
            w = self._weights[word] = max(0.05, math.log(n / (self.df.get(word, 0) + 0.5)))
        return w

    def mass(self, text: str) -> float:
        """The total weight of a text's words (each word's weight is known from here on)."""
        m = self._masses.get(text)
        if m is None:
            self._ready()  # counting the sample clears the weights: first
            bag, weights = self.bag(text), self._weights
            for word in bag:
                if word not in weights:
                    self.weight(word)
            m = self._masses[text] = sum(map(weights.__getitem__, bag))
        return m

    def score(self, a: str, b: str) -> float:
        """Weighted Dice of the two texts' words: 0.0 (nothing rare shared) to 1.0 (same words)."""
        if a == b:
            return 1.0
        ba, bb = self.bag(a), self.bag(b)
        if not ba or not bb:
            return 0.0
        total = self.mass(a) + self.mass(b)  # also puts every word of both in the weights
        shared = sum(map(self._weights.__getitem__, ba & bb))
        return 2 * shared / total if shared else 0.0

    def rare(self, text: str, limit: int | None = 8) -> list[str]:
        """The rarest words of a text (at most `limit`), rarest first: what an index looks up."""
        self._ready()
        return sorted(self.bag(text), key=lambda w: (self.df.get(w, 0), w))[:limit]

    def shared(self, a: str, b: str, limit: int = 6) -> list[str]:
        """The rarest words two texts share, rarest first: evidence a reader can check."""
        self._ready()
        return sorted(self.bag(a) & self.bag(b), key=lambda w: (self.df.get(w, 0), -len(w), w))[:limit]

    def is_rare(self, word: str) -> bool:
        """True for a word few of the counted points have."""
        self._ready()
        return self.df.get(word, 0) <= max(2, RARE_SHARE * self.counted)
