"""The texts a check reads, each with the unit it stands in: one walk of the tree for every check."""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafting.brackets import cite
from drafting.model import Document, Path, Point


@dataclass(frozen=True, slots=True)
class Passage:
    """One heading or paragraph: `where` cites its unit ("Article III(2)", "preamble"), `path`
    indexes the unit from the root (() for the front and back matter), `unit` counts the units
    in reading order (the preamble is -1, the closing one past the last unit)."""

    where: str
    path: Path
    unit: int
    text: str
    heading: bool = False


@dataclass(frozen=True, slots=True)
class Unit:
    """A point of the tree with its citation, its path and its place in reading order."""

    where: str
    path: Path
    index: int
    point: Point


def units(doc: Document) -> list[Unit]:
    """Every point, divisions included, in reading order."""
    out: list[Unit] = []

    def walk(points: tuple[Point, ...], chain: list[Point], path: Path) -> None:
        for i, point in enumerate(points):
            here = [*chain, point]
            out.append(Unit(cite(here), (*path, i), len(out), point))
            walk(point.children, here, (*path, i))

    walk(doc.points, [], ())
    return out


def passages(doc: Document, found: list[Unit] | None = None) -> list[Passage]:
    """The preamble, every heading and paragraph of the body, and the closing, in reading order."""
    found = units(doc) if found is None else found
    out = [Passage("preamble", (), -1, text) for text in doc.preamble]
    for unit in found:
        if unit.point.heading:
            out.append(Passage(unit.where, unit.path, unit.index, unit.point.heading, heading=True))
        out.extend(Passage(unit.where, unit.path, unit.index, text) for text in unit.point.paragraphs)
    out.extend(Passage("closing", (), len(found), text) for text in doc.closing)
    return out


_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[\"“(]?[A-Z0-9])")


def sentence_at(text: str, at: int) -> tuple[int, int]:
    """The bounds of the sentence of `text` that holds position `at`."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() >= at:
            return start, match.start()
        start = match.end()
    return start, len(text)


def snippet(text: str, start: int, end: int, width: int = 30) -> str:
    """The words around `start`..`end`, on one line, cut with "…" where the text goes on."""
    a, b = max(0, start - width), min(len(text), end + width)
    while 0 < a < start and not text[a - 1].isspace():  # whole words only
        a += 1
    while end < b < len(text) and not text[b].isspace():
        b -= 1
    inner = " ".join(text[a:b].split())
    return f"{'…' if a else ''}{inner}{'…' if b < len(text) else ''}"


_STOP = frozenset("""a an the of and or in on at to by for from with within without into under over
this that these those its their his her it they each any all such other shall may will must be been
being is are was were has have had not no nor as than then so which who whom whose upon per also only both either
neither there here where when while after before until unless if""".split())
_NOT_PLURAL = ("ss", "us", "is", "as")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def content_words(text: str) -> list[str]:
    """The words that carry meaning, lower case, plural "s" left off: what two phrases share."""
    out = []
    for word in _WORD.findall(text.lower()):
        if word in _STOP or len(word) < 2:
            continue
        out.append(word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith(_NOT_PLURAL) else word)
    return out
