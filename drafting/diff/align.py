"""Align the points of two versions: by clause key, by identical text, then by similarity.

The result says which old point became which new one. Order is judged
afterwards, by the longest increasing run of old positions in new order
(the points off that run are the ones that moved), so a renumbering alone
never looks like a move and never like a change.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict

from rapidfuzz import fuzz
from rapidfuzz.process import extract
from rapidfuzz.utils import default_process

from drafting.model import Point, is_derived_key

#: Similarity (0-100) above which two points in the same gap are one point, changed.
GAP_MATCH = 55.0
#: Similarity of the words regardless of order and case, for a rewording in the same gap.
REWORDED_MATCH = 70.0
#: A near copy anywhere in the document is paired before the gaps are worked out.
NEAR_COPY = 85.0
#: An opening or closing phrase shared by more points than this is boilerplate, not a clue.
NEAR_BUCKET = 16
#: Similarity looks at most this many characters of a point, so one giant point costs no more.
SIMILAR_CHARS = 4_000
#: Higher bar for a pair found anywhere in the document (a move with changes).
FAR_MATCH = 70.0
#: Beyond this many candidate comparisons, far matching is skipped (cost stays linear).
FAR_BUDGET = 250_000


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


def _candidates(olds: list[str], news: list[str], cutoff: float) -> list[tuple[float, int, int]]:
    """Every (score, old, new) at or above `cutoff`, best first (ties: earliest first)."""
    found = [(float(score), a, b) for a, text in enumerate(olds)
             for _choice, score, b in extract(text, news, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)]
    return sorted(found, key=lambda c: (-c[0], c[1], c[2]))


#: Gaps with more candidate pairs than this are matched within a window instead.
GAP_EXHAUSTIVE = 2_500
WINDOW = 25


def _match_gap(olds: list[int], news: list[int], texts_old: list[str],
               texts_new: list[str]) -> list[tuple[int, int]]:
    """Pair points inside one gap, keeping their order, best similarity first."""
    if not olds or not news:
        return []
    if len(olds) * len(news) > GAP_EXHAUSTIVE:
        return _match_window(olds, news, texts_old, texts_new)
    candidates = _candidates([texts_old[i] for i in olds], [texts_new[j] for j in news], GAP_MATCH)
    chosen: list[tuple[int, int]] = []
    for _score, a, b in candidates:
        if all((a - x) * (b - y) > 0 for x, y in chosen):  # keeps order, one partner each
            chosen.append((a, b))
    return [(olds[a], news[b]) for a, b in chosen]


def _match_window(olds: list[int], news: list[int], texts_old: list[str],
                  texts_new: list[str]) -> list[tuple[int, int]]:
    """Pair a long gap in order, each old point against new ones near its relative place."""
    out: list[tuple[int, int]] = []
    floor = 0
    scale = len(news) / len(olds)
    for a, i in enumerate(olds):
        centre = int(a * scale)
        lo, hi = max(floor, centre - WINDOW), min(len(news), centre + WINDOW + 1)
        best, best_b = GAP_MATCH, -1
        for b in range(lo, hi):
            score = fuzz.ratio(texts_old[i], texts_new[news[b]], score_cutoff=best)
            if score > best or (best_b < 0 and score >= best):
                best, best_b = score, b
        if best_b >= 0:
            out.append((i, news[best_b]))
            floor = best_b + 1
    return out


def _gaps(pairs: dict[int, int], n_old: int, n_new: int, blocked_old: set[int],
          blocked_new: set[int]) -> list[tuple[list[int], list[int]]]:
    """The unpaired points between consecutive in-order pairs, old and new side by side."""
    run = sorted(increasing_run(list(pairs.items())), key=lambda p: p[1])
    taken_new = set(pairs.values()) | blocked_new
    bounds = [(-1, -1), *run, (n_old, n_new)]
    out = []
    for (lo_old, lo_new), (hi_old, hi_new) in zip(bounds, bounds[1:]):
        gap_old = [i for i in range(lo_old + 1, hi_old) if i not in pairs and i not in blocked_old]
        gap_new = [j for j in range(lo_new + 1, hi_new) if j not in taken_new]
        if gap_old and gap_new:
            out.append((gap_old, gap_new))
    return out


def _match_reworded(olds: list[int], news: list[int], texts_old: list[str],
                    texts_new: list[str]) -> list[tuple[int, int]]:
    """Pair rewordings in a gap: the same words in another order, case and punctuation aside."""
    if len(olds) * len(news) > GAP_EXHAUSTIVE:
        return []
    found = [(float(score), a, b) for a, i in enumerate(olds)
             for _c, score, b in extract(texts_old[i], [texts_new[j] for j in news], scorer=fuzz.token_set_ratio,
                                         processor=default_process, score_cutoff=REWORDED_MATCH, limit=None)]
    chosen: list[tuple[int, int]] = []
    for _score, a, b in sorted(found, key=lambda c: (-c[0], c[1], c[2])):
        if all((a - x) * (b - y) > 0 for x, y in chosen):
            chosen.append((a, b))
    return [(olds[a], news[b]) for a, b in chosen]


def align(old: tuple[Point, ...], new: tuple[Point, ...]) -> tuple[dict[int, int], set[tuple[int, int]]]:
    """Map old indices to new indices, and the pairs that kept their order.

    Pairs not in the second set moved relative to their neighbours.
    """
    pairs: dict[int, int] = {}
    taken_new: set[int] = set()
    # 1. Clause keys (drafts assembled from the library).
    old_keys = _unique_keys(old)
    for key, j in _unique_keys(new).items():
        i = old_keys.get(key)
        if i is not None:
            pairs[i] = j
            taken_new.add(j)
    # Two clause keys that differ are two different clauses: when both versions carry
    # clause keys, a keyed point pairs by its key or not at all.
    blocked_old: set[int] = set()
    blocked_new: set[int] = set()
    if old_keys and any(_usable_key(p) for p in new):
        blocked_old = {i for i, p in enumerate(old) if _usable_key(p) and i not in pairs}
        blocked_new = {j for j, p in enumerate(new) if _usable_key(p) and j not in taken_new}
    # 2. Identical text, labels aside: renumbered or moved but unchanged.
    texts_old = [p.text for p in old]
    texts_new = [p.text for p in new]
    by_text: dict[str, list[int]] = defaultdict(list)
    for i, text in enumerate(texts_old):
        if i not in pairs and i not in blocked_old:
            by_text[text].append(i)
    for bucket_ in by_text.values():
        bucket_.reverse()  # pop() then pairs the first occurrence with the first
    for j, text in enumerate(texts_new):
        if j in taken_new or j in blocked_new:
            continue
        bucket = by_text.get(text)
        if bucket:
            pairs[bucket.pop()] = j
            taken_new.add(j)
    # 3. Near copies anywhere (moved with a few words changed), so that the order
    #    judged next rests on every pair that is certain, not only the identical ones.
    sim_old = [t[:SIMILAR_CHARS] for t in texts_old]
    sim_new = [t[:SIMILAR_CHARS] for t in texts_new]
    _match_near(pairs, taken_new, blocked_old, blocked_new, sim_old, sim_new)
    # 4. Similar text inside the gaps between pairs that kept their order: first close
    #    copies, then rewordings (the same words in another order).
    for matcher in (_match_gap, _match_reworded):
        for gap_old, gap_new in _gaps(pairs, len(old), len(new), blocked_old, blocked_new):
            for i, j in matcher(gap_old, gap_new, sim_old, sim_new):
                pairs[i] = j
                taken_new.add(j)
    # 5. Similar text anywhere: a point that moved and changed.
    _match_far(pairs, taken_new, blocked_old, blocked_new, sim_old, sim_new, FAR_MATCH)
    return pairs, increasing_run(list(pairs.items()))


def _ends(text: str) -> tuple[str, str]:
    words = text.split()
    return " ".join(words[:8]), " ".join(words[-8:])


def _match_near(pairs: dict[int, int], taken_new: set[int], blocked_old: set[int], blocked_new: set[int],
                texts_old: list[str], texts_new: list[str]) -> None:
    """Pair near copies anywhere, in place: a point lightly edited keeps its first or
    its last words, so only points that share one of those ends are compared (linear)."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, text in enumerate(texts_old):
        if i not in pairs and i not in blocked_old:
            for end in set(_ends(text)):
                index[end].append(i)
    used: set[int] = set()
    for j, text in enumerate(texts_new):
        if j in taken_new or j in blocked_new:
            continue
        best, best_i = NEAR_COPY, -1
        for end in set(_ends(text)):
            bucket = index.get(end, ())
            if len(bucket) > NEAR_BUCKET:
                continue  # boilerplate that many points share says nothing
            for i in bucket:
                if i not in used:
                    score = fuzz.ratio(texts_old[i], text, score_cutoff=best)
                    if score > best or (best_i < 0 and score >= best):
                        best, best_i = score, i
        if best_i >= 0:
            pairs[best_i] = j
            taken_new.add(j)
            used.add(best_i)


def _match_far(pairs: dict[int, int], taken_new: set[int], blocked_old: set[int], blocked_new: set[int],
               texts_old: list[str], texts_new: list[str], cutoff: float) -> None:
    """Pair the still unpaired points anywhere in the document, best score first, in place."""
    rest_old = [i for i in range(len(texts_old)) if i not in pairs and i not in blocked_old]
    rest_new = [j for j in range(len(texts_new)) if j not in taken_new and j not in blocked_new]
    if not rest_old or not rest_new or len(rest_old) * len(rest_new) > FAR_BUDGET:
        return
    used_a: set[int] = set()
    used_b: set[int] = set()
    for _score, a, b in _candidates([texts_old[i] for i in rest_old], [texts_new[j] for j in rest_new], cutoff):
        if a not in used_a and b not in used_b:
            pairs[rest_old[a]] = rest_new[b]
            taken_new.add(rest_new[b])
            used_a.add(a)
            used_b.add(b)
