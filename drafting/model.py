"""The document tree: every reader returns it, every writer and the diff take it.

Plain frozen, slotted dataclasses with tuples instead of lists, so a tree can be
hashed, compared and shared between stages without copying. Standard library
only: everything else in the package imports this module.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, replace

#: Separates paragraphs when a run of paragraphs is handled as one text (the diff).
PARA_SEP = "\u2029"

#: Kinds that group units and carry little text of their own, outermost first; the
#: last four stand after the body (Akoma Ntoso's attachments).
DIVISIONS = ("part", "chapter", "section", "subsection", "annex", "appendix", "protocol", "schedule")
_DIVISION_KINDS = frozenset(DIVISIONS)
#: Divisions that stand after the body and its closing: annexes, protocols and the like.
ATTACHMENTS = frozenset(DIVISIONS[4:])
#: Every kind a `Point` may have: divisions, then the units that carry text, outermost first.
KINDS = (*DIVISIONS, "article", "point", "paragraph", "sub", "bullet", "para")

Pairs = tuple[tuple[str, str], ...]

#: The JSON form of a document: its name and version, written by `drafting.writers.json`
#: and read by `drafting.readers.json`. Version 2 added divisions, `word` and `language`.
DOCUMENT_FORMAT = "treaty-drafting/document@2"
#: Every document form the JSON reader still takes, oldest first.
DOCUMENT_FORMATS = ("treaty-drafting/document@1", DOCUMENT_FORMAT)
#: The JSON form of a redline; version 2 added the parents' paths (`old.parent`, `new.parent`).
REDLINE_FORMAT = "treaty-drafting/redline@2"


@dataclass(frozen=True, slots=True)
class Point:
    """One unit of an agreement: a division, an article, a point, a paragraph or a sub-point.

    `key` is stable across versions: the clause id a point came from, or a key a
    reader derived (those start with ``@``, see `is_derived_key`). `label` is the
    number as written, without punctuation ("5", "V", "a", "ii", "3.1", "5 bis",
    "One", "premier"); "" when the unit is unnumbered. `kind` (one of `KINDS`)
    tells a writer how to show it: a division (`DIVISIONS`) as a heading line
    "CHAPTER 3" over its name, ``article`` as a heading "Article 5", ``point``
    as "5.", ``paragraph`` as "1." inside an article, ``sub`` as "(a)",
    ``bullet`` as a dash, ``para`` as nothing. `word` is the heading word as
    written ("ARTICLE", "Art.", "§", "Стаття"); "" means the kind's word in the
    document's language (`drafting.words.heading_word`).
    """

    key: str
    label: str = ""
    kind: str = "point"
    heading: str = ""
    paragraphs: tuple[str, ...] = ()
    children: tuple[Point, ...] = ()
    meta: Pairs = ()
    word: str = ""

    @property
    def is_division(self) -> bool:
        """True for a part, chapter, section, annex and the like: a unit that groups units."""
        return self.kind in _DIVISION_KINDS

    @property
    def body(self) -> str:
        """The paragraphs as one text, joined by `PARA_SEP` (what the diff compares)."""
        return PARA_SEP.join(self.paragraphs)

    @property
    def text(self) -> str:
        """All words of the point and its sub-points, labels left out, for similarity."""
        parts = [self.heading, *self.paragraphs]
        parts.extend(child.text for child in self.children)
        return " ".join(p for p in parts if p)

    def get(self, name: str, default: str = "") -> str:
        """The value of metadata `name`, or `default` when the point has none."""
        return dict(self.meta).get(name, default)


@dataclass(frozen=True, slots=True)
class Meta:
    """What is known about a draft, kept apart from its text.

    Empty strings mean "not known". `clauses` lists (clause id, version) pairs
    used to assemble the draft; `extra` carries any other facts as pairs.
    `language` is the text's language as a BCP 47 tag ("en", "fr", "uk"), which
    writers use for the heading words of units whose `Point.word` is empty.
    """

    version: str = ""
    date: str = ""
    status: str = ""
    template: str = ""
    source: str = ""
    clauses: Pairs = ()
    extra: Pairs = ()
    language: str = ""


@dataclass(frozen=True, slots=True)
class Document:
    """An agreement: title, parties, preamble, numbered points, closing lines, metadata."""

    title: str = ""
    parties: tuple[str, ...] = ()
    preamble: tuple[str, ...] = ()
    points: tuple[Point, ...] = ()
    closing: tuple[str, ...] = ()
    meta: Meta = field(default_factory=Meta)

    @property
    def content_hash(self) -> str:
        """A SHA-256 of the text and structure, metadata left out.

        Two drafts with the same hash say the same thing, whatever their labels.
        """
        body = asdict(replace(self, meta=Meta()))
        del body["meta"]
        _drop_defaults(body["points"])
        raw = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()

    def with_meta(self, **changes: object) -> Document:
        """A copy with some metadata fields replaced."""
        return replace(self, meta=replace(self.meta, **changes))  # type: ignore[arg-type]


#: Point fields added after the first drafts were hashed, with the value that leaves them out.
_LATER_FIELDS = (("word", ""),)


def _drop_defaults(points: list[dict[str, object]]) -> None:
    """Leave fields at their defaults out of the hash, so older drafts keep theirs."""
    for point in points:
        for name, default in _LATER_FIELDS:
            if point.get(name) == default:
                del point[name]
        _drop_defaults(point["children"])  # type: ignore[arg-type]


def is_derived_key(key: str) -> bool:
    """True when a reader made `key` up from the position or number of a point.

    Derived keys mean nothing across versions, so the diff aligns such points
    by their text; other keys (clause ids) are aligned by equality.
    """
    return key.startswith("@")


def iter_points(points: tuple[Point, ...]) -> list[Point]:
    """Every point in document order, sub-points after their parent."""
    out: list[Point] = []
    stack = list(reversed(points))
    while stack:
        point = stack.pop()
        out.append(point)
        stack.extend(reversed(point.children))
    return out


Path = tuple[int, ...]


def units(points: tuple[Point, ...], parent: Path = ()) -> list[tuple[Path, Point]]:
    """The units that carry text (articles, points, text paragraphs) under the divisions,
    in document order, each with the path of its parent (indices from the root).

    In a document without divisions these are its top-level points.
    """
    out: list[tuple[Path, Point]] = []
    for i, point in enumerate(points):
        if point.is_division:
            out.extend(units(point.children, (*parent, i)))
        else:
            out.append((parent, point))
    return out


def body_and_attachments(points: tuple[Point, ...]) -> tuple[tuple[Point, ...], tuple[Point, ...]]:
    """The body, and the annexes, protocols and the like that end the document (after its closing)."""
    end = len(points)
    while end and points[end - 1].kind in ATTACHMENTS:
        end -= 1
    return points[:end], points[end:]


def divisions(points: tuple[Point, ...], parent: Path = ()) -> list[tuple[Path, Point]]:
    """The divisions (parts, chapters, annexes, ...) in document order, with parent paths."""
    out: list[tuple[Path, Point]] = []
    for i, point in enumerate(points):
        if point.is_division:
            out.append((parent, point))
            out.extend(divisions(point.children, (*parent, i)))
    return out
