"""What happened to the negotiating text of each pair: "brackets removed, text agreed",
"alternative chosen (Proposal of Ukraine)", "brackets added", "alternative withdrawn".

The word diff already shows every bracket that came or went; this names the event
an analyst looks for, by comparing the open places of the two sides of a pair.
"""

from __future__ import annotations

from dataclasses import replace

from rapidfuzz import fuzz

from drafting.brackets import Place, places
from drafting.diff.redline import (
    ADDED, AGREED, BRACKETED, CHOSEN, CLOSED, DROPPED, OPENED, WITHDRAWN, BracketChange, PointDiff,
)
from drafting.model import Document, Point, iter_points

#: How much of an alternative's words must stand in the new text for it to count as the one chosen.
CHOSEN_MATCH = 90
_SHORT = 60


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SHORT else text[:_SHORT - 1] + "…"


def _flat(point: Point) -> str:
    return " ".join(" ".join([p.heading, *p.paragraphs]) for p in iter_points((point,)))


def _places(point: Point | None) -> list[Place]:
    if point is None or "[" not in _flat(point):
        return []
    return places(Document(points=(point,)))


def _same_place(a: Place, b: Place) -> bool:
    if a.alternatives and b.alternatives:
        return bool(set(a.labels) & set(b.labels))
    if not a.alternatives and not b.alternatives:
        return a.text == b.text or fuzz.ratio(a.text, b.text) >= CHOSEN_MATCH
    return False


def _found(words: str, text: str) -> float:
    """How well `words` stand in `text` (100: word for word)."""
    words = " ".join(words.split())
    if not words:
        return 0.0
    return 100.0 if words in text else fuzz.partial_ratio(words, text) if len(words) < len(text) else 0.0


def changes(old: Point | None, new: Point | None) -> tuple[BracketChange, ...]:
    """The bracket events between the two sides of a pair, in the order of the old places."""
    before, after = _places(old), _places(new)
    if not before and not after:
        return ()
    old_text = " ".join(_flat(old).split()) if old else ""
    new_text = " ".join(_flat(new).split()) if new else ""
    out: list[BracketChange] = []
    unmatched = list(after)
    for place in before:
        twin = next((p for p in unmatched if _same_place(place, p)), None)
        if twin is not None:
            unmatched.remove(twin)
            out.extend(BracketChange(WITHDRAWN, label) for label in place.labels if label not in twin.labels)
            out.extend(BracketChange(ADDED, label) for label in twin.labels if label not in place.labels)
        elif place.alternatives:
            score, _, label = max((_found(a.text, new_text), len(a.text), a.label) for a in place.alternatives)
            out.append(BracketChange(CHOSEN, label) if score >= CHOSEN_MATCH and new is not None
                       else BracketChange(CLOSED))
        elif new is not None:
            agreed = _found(place.text, new_text) >= CHOSEN_MATCH
            out.append(BracketChange(AGREED if agreed else DROPPED, text=_short(place.text)))
    for place in unmatched:
        if place.alternatives:
            out.append(BracketChange(OPENED, ", ".join(label for label in place.labels if label)))
        else:
            kind = BRACKETED if _found(place.text, old_text) >= CHOSEN_MATCH else OPENED
            out.append(BracketChange(kind, text=_short(place.text)))
    return tuple(out)


def mark_brackets(points: tuple[PointDiff, ...]) -> tuple[PointDiff, ...]:
    """`points` with the bracket events of each unit that exists on both sides."""
    def one(d: PointDiff) -> PointDiff:
        if d.is_division:
            return replace(d, children=tuple(one(c) for c in d.children))
        if d.old is None or d.new is None or d.old == d.new:
            return d
        found = changes(d.old, d.new)
        return replace(d, brackets=found) if found else d

    return tuple(one(d) for d in points)


def open_counts(old: Document, new: Document) -> tuple[int, int]:
    """How many open places each side has."""
    return len(places(old)), len(places(new))

