"""Resolving a reference to the unit it names in a tree: indexes built once, lookups by number."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafting import numerals
from drafting.model import Path, Point
from drafting.references._patterns import LOW, SUFFIX_AFTER

if TYPE_CHECKING:
    from drafting.references import Cited, Reference

#: A label as a dictionary key: its ordinal, or the label itself when it is a letter or no number.
Key = tuple[int, ...] | str


def number_key(label: str) -> Key:
    """`label` as a key that is equal exactly when `numerals.same_number` says the labels are.

    "4bis" and "1er", as texts write them, are first read as "4 bis" and "1".
    """
    text = SUFFIX_AFTER.sub(" ", " ".join(label.split()))
    text = {"1er": "1", "1re": "1"}.get(text, text)
    if len(text) == 1 and text.islower():
        return text  # "(b)" is a letter, not the number 2
    value = numerals.ordinal(text)
    return text if value is None else value


class Targets:
    """Where each numbered unit of a tree is, to resolve references; built once per document."""

    __slots__ = ("_nodes", "_children", "_everywhere")

    def __init__(self, points: tuple[Point, ...]) -> None:
        self._nodes: dict[Path, Point] = {}
        self._children: dict[tuple[Path, Key], list[Path]] = {}
        self._everywhere: dict[Key, list[Path]] = {}
        stack: list[tuple[Path, Point]] = [((i,), pt) for i, pt in reversed(list(enumerate(points)))]
        while stack:
            path, point = stack.pop()
            self._nodes[path] = point
            if point.label:
                key = number_key(point.label)
                self._children.setdefault((path[:-1], key), []).append(path)
                self._everywhere.setdefault(key, []).append(path)
            stack.extend(((*path, i), c) for i, c in reversed(list(enumerate(point.children))))

    def resolve(self, ref: Reference, cited: Cited, here: Path = ()) -> Path | None:
        """The path of the unit `cited` names, or None when the tree has none.

        `here` is the path of the unit the text is in. "paragraph 2", "point 2" and "(b)" mean
        the one under the nearest unit around `here` that has it (the article's paragraph 2),
        else a plan's point 2 anywhere; "Article 5" and divisions are looked for around `here`
        first, then anywhere, the nearest first. A reference `within` another is looked for
        under the unit the first number of that one names.
        """
        key = number_key(cited.label)
        if ref.within is not None:
            if not ref.within.numbers:
                return None
            holder = self.resolve(ref.within, ref.within.numbers[0], here)
            return None if holder is None else self._below(holder, ref.kind, key)
        for depth in range(len(here), -1, -1):
            for path in self._children.get((here[:depth], key), ()):
                if _fits(ref.kind, self._nodes[path].kind):
                    return path
        wanted = "point" if ref.kind in LOW else ref.kind  # a plan's points run through its sections
        found = [path for path in self._everywhere.get(key, ()) if self._nodes[path].kind == wanted]
        return max(found, key=lambda path: _shared(path, here)) if found else None

    def _below(self, holder: Path, kind: str, key: Key) -> Path | None:
        """The unit labelled `key` under `holder`, the nearest level first."""
        level = [holder]
        while level:
            for parent in level:
                for path in self._children.get((parent, key), ()):
                    if _fits(kind, self._nodes[path].kind):
                        return path
            level = [(*parent, i) for parent in level for i in range(len(self._nodes[parent].children))]
        return None


def _fits(kind: str, unit_kind: str) -> bool:
    """A reference of `kind` may name a unit of `unit_kind`: the small units stand in for one another."""
    return unit_kind in LOW if kind in LOW else unit_kind == kind


def _shared(path: Path, here: Path) -> int:
    """How many steps from the root two paths share."""
    n = 0
    for a, b in zip(path, here):
        if a != b:
            break
        n += 1
    return n
