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

Pairs = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Point:
    """One numbered unit of an agreement: a point, an article or a sub-point.

    `key` is stable across versions: the clause id a point came from, or a key a
    reader derived (those start with ``@``, see `is_derived_key`). `label` is the
    number as shown without punctuation ("5", "V", "a", "ii"); "" when the unit
    is unnumbered. `kind` tells a writer how to show the label: ``point`` as
    "5.", ``article`` as a heading "Article 5", ``sub`` as "(a)", ``bullet`` as
    a dash, ``para`` as nothing.
    """

    key: str
    label: str = ""
    kind: str = "point"
    heading: str = ""
    paragraphs: tuple[str, ...] = ()
    children: tuple[Point, ...] = ()
    meta: Pairs = ()

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
    """

    version: str = ""
    date: str = ""
    status: str = ""
    template: str = ""
    source: str = ""
    clauses: Pairs = ()
    extra: Pairs = ()


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
        raw = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()

    def with_meta(self, **changes: object) -> Document:
        """A copy with some metadata fields replaced."""
        return replace(self, meta=replace(self.meta, **changes))  # type: ignore[arg-type]


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
