"""Units with the same or nearly the same text: a clause pasted twice, a point left from an edit.

Compared with rapidfuzz, but never all pairs: each unit is compared only with the units that
share one of its rarest words and are of a like length, so a 10,000-point plan stays fast.
Texts that differ in a number are never copies.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator

from rapidfuzz import fuzz

from drafting.brackets import POINT, places
from drafting.check._finding import Finding
from drafting.check._text import Unit, content_words
from drafting.model import Document

#: How alike two texts must be (rapidfuzz ratio, 0-100) to be near-duplicates.
ALIKE = 92.0
#: Texts shorter than this are lists' items ("(a) training;") that may well repeat.
_SHORTEST = 8
#: How many earlier units sharing a rare word one unit is compared with, at most.
_AT_MOST = 50


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _numbers(text: str) -> list[str]:
    """The numbers of a text: provisions that differ in them ("crossing 12", "crossing 13") are not copies."""
    return re.findall(r"\d+", text)


def _opening(text: str, words: int = 8) -> str:
    """The first words of a text, "…" after them when it goes on."""
    split = text.split()
    return " ".join(split[:words]) + ("…" if len(split) > words else "")


def duplicates(doc: Document, found: list[Unit]) -> Iterator[Finding]:
    """Each unit whose text repeats, nearly or exactly, an earlier unit's."""
    alternatives = {(*p.path, k) for p in places(doc) if p.level == POINT for k in range(p.first, p.last + 1)}
    texts: list[tuple[Unit, str, list[str], list[str]]] = []
    for unit in found:
        point = unit.point
        if point.is_division or unit.path in alternatives:
            continue
        text = _norm(" ".join(point.paragraphs))
        if len(text.split()) >= _SHORTEST and len(content_words(text)) >= 3:
            texts.append((unit, text, text.split(), _numbers(text)))  # numbers: a template's rarest words
    df = Counter(w for _u, _t, words, _n in texts for w in set(words))
    postings: dict[str, list[int]] = defaultdict(list)
    for i, (unit, text, words, numbers) in enumerate(texts):
        rare = sorted(set(words), key=lambda w: (df[w], w))[:3]
        candidates = dict.fromkeys(j for w in rare for j in postings[w][-_AT_MOST:])
        best: tuple[float, int] | None = None
        for j in candidates:
            other = texts[j][1]
            if texts[j][3] != numbers or min(len(text), len(other)) < 0.85 * max(len(text), len(other)):
                continue
            score = fuzz.ratio(text, other, score_cutoff=ALIKE)
            if score and (best is None or score > best[0]):
                best = (score, j)
        if best is not None:
            first = texts[best[1]][0]
            how = "the same text as" if best[0] == 100 else f"nearly the same text ({best[0]:.0f}% alike) as"
            yield Finding("point-duplicate", unit.where, _opening(" ".join(unit.point.paragraphs)),
                          f"{how} {first.where}")
        for w in rare:
            postings[w].append(i)
