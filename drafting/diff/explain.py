"""Why the aligner paired what it paired: the evidence behind each decision, in plain words.

For each pair that is not simply the same text (changed, moved, split, merged,
or with references updated) it gives what an analyst checks: the clause key,
the numbers, the similarity score against the thresholds, the rare words the
two share and the position. For each insertion and deletion it names the best
candidate on the other side and why that was not taken. It recomputes the
scores the aligner used, so it costs nothing when not asked for.
"""

from __future__ import annotations

import re
from collections import defaultdict

from rapidfuzz import fuzz

from drafting.diff.align import FAR_MATCH, FORM_MATCH, GAP_MATCH, NEAR_COPY, NUMBER_BONUS, NUMBER_FLOOR
from drafting.diff.redline import PointDiff, Redline, walk
from drafting.diff.similar import CHARS, STEM, Vocabulary
from drafting.diff.words import Normalize
from drafting.model import Document, Point, is_derived_key
from drafting.numerals import same_number

#: Past this many units on the other side, candidates come from the rare words shared.
EXHAUSTIVE = 2_000


def _name(point: Point) -> str:
    return f"{point.kind} {point.label}".strip() if point.label else f"unnumbered {point.kind}"


def _units(diffs: tuple[PointDiff, ...]) -> list[PointDiff]:
    return [d for d in walk(diffs) if not d.is_division]


class _Explainer:
    def __init__(self, old: Document, new: Document, redline: Redline, normalize: Normalize | None) -> None:
        self.vocab = Vocabulary(old.points, new.points, normalize)
        self.pairs = _units(redline.points)
        self.olds = [d for d in self.pairs if d.old is not None]
        self.news = [d for d in self.pairs if d.new is not None]
        self.index: dict[bool, dict[str, list[PointDiff]]] = {}

    def evidence(self, d: PointDiff) -> str:
        assert d.old is not None and d.new is not None
        old, new = d.old, d.new
        facts = []
        if old.key and old.key == new.key and not is_derived_key(old.key):
            facts.append(f"same clause key {old.key}")
        facts.append("same number" if same_number(old.label, new.label) else f"number {old.label} -> {new.label}")
        score = self.vocab.score(old.text, new.text)
        facts.append(f"similarity {score:.2f}")
        form = fuzz.ratio(old.text[:CHARS], new.text[:CHARS])
        facts.append(f"characters {form:.0f}%")
        facts.append("rare words shared: " + (", ".join(self.spelled(old.text, new.text)) or "none"))
        if d.status == "moved":
            facts.append("out of order with its neighbours: moved"
                         if d.old_parent == d.new_parent else "now under another parent: moved")
        else:
            facts.append("in order with its neighbours")
        if d.references_updated:
            facts.append(f"{d.references_updated} reference update(s) only follow the renumbering")
        return "; ".join(facts)

    def rule(self, d: PointDiff) -> str:
        """Which of the aligner's rules the pair's score meets."""
        assert d.old is not None and d.new is not None
        score = self.vocab.score(d.old.text, d.new.text)
        if d.old.text == d.new.text:
            return "the same text"
        if d.old.key and d.old.key == d.new.key and not is_derived_key(d.old.key):
            return "the same clause key"
        if d.status in ("split", "merged"):
            return f"one of the pieces of a {'split' if d.status == 'split' else 'merge'}, joined by the text"
        if score >= NEAR_COPY:
            return f"a near copy (>= {NEAR_COPY:.2f})"
        if d.status == "moved":
            return f"similar enough to pair anywhere (>= {FAR_MATCH:.2f})"
        if score >= GAP_MATCH:
            return f"similar enough to pair in place (>= {GAP_MATCH:.2f})"
        if same_number(d.old.label, d.new.label):
            if score >= NUMBER_FLOOR:
                return (f"the same number in the same place, and words in common: {score:.2f} + "
                        f"{NUMBER_BONUS:.2f} for the number >= {GAP_MATCH:.2f}")
            form = fuzz.ratio(d.old.text[:CHARS], d.new.text[:CHARS])
            if form >= FORM_MATCH:
                return f"the same number in the same place, and characters in common: {form:.0f}% >= {FORM_MATCH:.0f}%"
        return "the last point of an excerpt, cut off: it begins as the other does"

    def candidates(self, text: str, want_old: bool) -> list[PointDiff]:
        pool = self.olds if want_old else self.news
        if len(pool) <= EXHAUSTIVE:
            return pool
        index = self.index.get(want_old)
        if index is None:
            index = self.index[want_old] = defaultdict(list)
            for d in pool:
                side = d.old if want_old else d.new
                assert side is not None
                for word in self.vocab.rare(side.text):
                    index[word].append(d)
        seen: dict[int, PointDiff] = {}
        for word in self.vocab.rare(text):
            for d in index.get(word, ())[:64]:
                seen.setdefault(id(d), d)
        return list(seen.values())

    def unpaired(self, d: PointDiff) -> str:
        here = d.new if d.new is not None else d.old
        assert here is not None
        want_old = d.new is not None
        side = "old" if want_old else "new"
        best: dict[bool, tuple[float, Point, Point | None]] = {}  # by "has a partner"
        for c in self.candidates(here.text, want_old):
            other, partner = (c.old, c.new) if want_old else (c.new, c.old)
            assert other is not None
            if other.kind != here.kind:
                continue
            score = self.vocab.score(here.text, other.text)
            taken = partner is not None
            if score > 0 and (taken not in best or score > best[taken][0]):
                best[taken] = (score, other, partner)
        if not best:
            return "no candidate on the other side shares a word with it"
        why = []
        if True in best and (False not in best or best[True][0] > best[False][0]):
            score, other, partner = best[True]
            assert partner is not None
            mine = self.vocab.score(other.text, partner.text)
            why.append(f"best candidate {side} {_name(other)} (similarity {score:.2f}) is paired with "
                       f"{_name(partner)} (similarity {mine:.2f})")
        if False in best:
            score, other, _ = best[False]
            line = (f"{'best unpaired' if why else 'best'} candidate {side} {_name(other)}, similarity "
                    f"{score:.2f}: below {GAP_MATCH:.2f} for a pair in place and {FAR_MATCH:.2f} elsewhere")
            if same_number(here.label, other.label):
                form = fuzz.ratio(here.text[:CHARS], other.text[:CHARS])
                line += f"; same number, but characters in common {form:.0f}% < {FORM_MATCH:.0f}%"
            line += "; rare words shared: " + (", ".join(self.spelled(here.text, other.text)) or "none")
            why.append(line)
        return "; ".join(why)

    def spelled(self, a: str, b: str) -> list[str]:
        """The rarest words two texts share, as `a` writes them."""
        stems = self.vocab.shared(a, b)
        words: dict[str, str] = {}
        for word in re.findall(r"\w+", a):
            words.setdefault(word.lower()[:STEM], word)
        return [words.get(s, s) for s in stems]


def explain(old: Document, new: Document, redline: Redline, normalize: Normalize | None = None) -> tuple[str, ...]:
    """One line per decision worth explaining, in reading order."""
    e = _Explainer(old, new, redline, normalize)
    lines = []
    for d in e.pairs:
        if d.old is not None and d.new is not None:
            if d.status in ("same", "renumbered") and not d.references_updated:
                continue
            lines.append(f"{d.status} {_name(d.old)} -> {_name(d.new)}: {e.rule(d)}. {e.evidence(d)}")
        else:
            point = d.new if d.new is not None else d.old
            assert point is not None
            if d.status in ("split", "merged"):
                lines.append(f"{d.status} {_name(point)}: a piece of {d.related}, joined by the text")
            else:
                lines.append(f"{d.status} {_name(point)}: {e.unpaired(d)}")
    return tuple(lines)
