"""Brackets left in a text: stray ones, bracketed words not agreed, alternatives not chosen.

Read through `drafting.brackets`, the one reader of them.
"""

from __future__ import annotations

from collections.abc import Iterator

from drafting.brackets import Place, places, unbalanced
from drafting.check._finding import Finding
from drafting.check._text import Passage, snippet
from drafting.model import Document


def stray(texts: list[Passage]) -> Iterator[Finding]:
    """A `[` never closed or a `]` never opened, with the words around it."""
    for passage in texts:
        for at in unbalanced(passage.text):
            kind = "opening" if passage.text[at] == "[" else "closing"
            yield Finding("bracket-unbalanced", passage.where, snippet(passage.text, at, at + 1),
                          f"{kind} bracket “{passage.text[at]}” without its partner")


def open_places(doc: Document) -> Iterator[Finding]:
    """Every open place: bracketed text, or alternatives with the labels of who proposed them."""
    for place in places(doc):
        if place.alternatives:
            yield Finding("alternative-open", place.where, "; ".join(_label(place)),
                          f"unresolved: {place.describe()[len(place.where) + 2:]}")
        else:
            yield Finding("bracket-open", place.where, place.text,
                          f"bracketed text not agreed: {_quote(place.text)}{_inside(place)}")


def _label(place: Place) -> list[str]:
    return [a.label or f"unlabelled {i}" for i, a in enumerate(place.alternatives, 1)]


def _quote(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return f"“{text[:width]}…”" if len(text) > width else f"“{text}”"


def _inside(place: Place) -> str:
    return f" ({place.nested} more open inside)" if place.nested else ""
