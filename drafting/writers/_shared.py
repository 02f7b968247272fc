"""Small helpers several writers share: how a unit is named, what a pair's status says, metadata lines,
and how minor word operations (reference updates, ignored differences) are named."""

from __future__ import annotations

from dataclasses import dataclass

from drafting.diff.redline import CASE, EQUAL, REFERENCE, TYPOGRAPHY, Ops, PointDiff, Redline, Summary
from drafting.model import Document, Meta, Path, Point
from drafting.words import heading_word


def word(point: Point, language: str = "") -> str:
    """The heading word of `point`: as written, else the default for its kind in `language`."""
    return point.word or heading_word(point.kind, language)


def marker(point: Point, language: str = "") -> str:
    """The number as readers see it: "5.", "Article V", "CHAPTER 3", "Стаття 2", "(a)", "-", or "".

    `language` picks the heading word of a unit whose `Point.word` is empty ("" = English).
    """
    if point.kind == "article" or point.is_division:
        return f"{word(point, language)} {point.label}".strip()
    if point.kind == "sub":
        return f"({point.label})" if point.label else "-"
    if point.kind == "bullet":
        return "-"
    if point.kind == "para" or not point.label:
        return ""
    return f"{point.label}."


def titled(mark: str, name: str) -> str:
    """A marker and a name on one heading line: "Chapter 3: Rules of Origin", or either alone."""
    return f"{mark}: {name}" if mark and name else mark or name


def heading_line(point: Point, language: str = "") -> str:
    """A division's or an article's heading on one line, as the readers read it back."""
    return titled(marker(point, language), point.heading)


def kind_word(point: Point, language: str = "") -> str:
    """A unit named in prose: "Article 5", "Chapter 3", "point 5", "paragraph 1"."""
    if point.kind == "article" or point.is_division:
        return marker(point, language)
    noun = "paragraph" if point.kind == "paragraph" else "point"
    return f"{noun} {point.label}".strip()


def was(d: PointDiff) -> str:
    """"was 2" for a pair whose number changed, "was unnumbered" when it had none, else ""."""
    if not d.renumbered:
        return ""
    return f"was {d.old_label}" if d.old_label else "was unnumbered"


#: What a minor operation is called beside it (Markdown's comment, the HTML hover text).
MINOR_NAMES = {REFERENCE: "reference update", CASE: "ignored: case", TYPOGRAPHY: "ignored: typography"}


#: Control characters (C0 but tab and newline, DEL, C1) as visible symbols: a text from a
#: counterpart can hold escape sequences that would retitle, recolour or clear a terminal.
_VISIBLE = {**{c: chr(0x2400 + c) for c in range(0x20) if c not in (9, 10)}, 0x7F: "\u2421",
            **{c: "\ufffd" for c in (*range(0x80, 0xA0), *range(0xD800, 0xE000))}}


def visible(text: str) -> str:
    """`text` safe to print on a terminal: control characters shown as symbols (ESC as ␛), and
    a lone surrogate, which no terminal encoding can hold, as U+FFFD."""
    return text.translate(_VISIBLE)


def side_names(rl: Redline) -> tuple[str, str]:
    """Short names of the two versions for a redline's header: the version label, else the
    source, and the template too when the labels alone would read the same ("v1 -> v1")."""
    names = [meta.version or meta.source or fallback for meta, fallback in ((rl.old_meta, "old"), (rl.new_meta, "new"))]
    if names[0] == names[1] and rl.old_meta.template != rl.new_meta.template:
        names = [f"{meta.template}/{name}" if meta.template else name
                 for meta, name in ((rl.old_meta, names[0]), (rl.new_meta, names[1]))]
    return names[0], names[1]


def counted(n: int, one: str, many: str) -> str:
    """"1 reference updated", "3 references updated": `n` with the right form of the words."""
    return f"{n} {one if n == 1 else many}"


def minor_counts(summary: Summary) -> list[str]:
    """The minor changes of a summary in words, those that are not zero: "2 references updated",
    "1 ignored difference". Neither is counted as a change or as words."""
    return [text for n, text in (
        (summary.references_updated, counted(summary.references_updated, "reference updated", "references updated")),
        (summary.ignored, counted(summary.ignored, "ignored difference", "ignored differences"))) if n]


def updated(d: PointDiff) -> str:
    """"1 reference updated" beside a pair whose references followed a renumbering, else ""."""
    n = d.references_updated
    return counted(n, "reference updated", "references updated") if n else ""


def shows_words(d: PointDiff) -> bool:
    """True when the pair's heading or text has any operation other than equal, minor ones included,
    so a renumbered (or same) pair whose references were updated still shows them."""
    return has_words(d.heading) or has_words(d.body)


def has_words(ops: Ops) -> bool:
    """True when `ops` inserts or deletes anything (minor operations too)."""
    return any(op != EQUAL for op, _text in ops)


def old_path(d: PointDiff) -> Path | None:
    """Where the pair's old point stood in the old document (indices from the root); None if new."""
    return None if d.old is None or d.old_index is None else (*d.old_parent, d.old_index)


@dataclass(frozen=True, slots=True)
class Sides:
    """What a redline renderer needs beside a pair: each side's language and the old places.

    A pair sits under the pair of its new parent; `here` below is that parent's
    old path (None when the parent is new). A unit whose old parent is another
    one moved between divisions, and `origin` says where it came from.
    """

    old_language: str
    new_language: str
    places: dict[Path, PointDiff]

    @classmethod
    def of(cls, rl: Redline) -> Sides:
        """The languages of both versions, and every pair with an old side by its old path."""
        places: dict[Path, PointDiff] = {}
        stack = list(rl.points)
        while stack:
            d = stack.pop()
            path = old_path(d)
            if path is not None:
                places[path] = d
            stack.extend(d.children)
        return cls(rl.old_meta.language, rl.new_meta.language, places)

    def mark(self, d: PointDiff) -> str:
        """The pair's marker on its new side, else its old side."""
        return marker(d.new, self.new_language) if d.new else marker(d.old, self.old_language) if d.old else ""

    def crossed(self, d: PointDiff, here: Path | None) -> bool:
        """True when the pair's old point stood under another parent than the one it sits under."""
        return d.old is not None and d.new is not None and d.old_parent != here

    def origin(self, d: PointDiff, here: Path | None) -> str:
        """Where a unit that moved to another parent came from ("Chapter 2, Article 2.4"), else ""."""
        if d.old is None or not self.crossed(d, here):
            return ""
        parent = self.places.get(d.old_parent)
        names = [kind_word(parent.old, self.old_language)] if parent and parent.old else []
        return ", ".join(n for n in (*names, kind_word(d.old, self.old_language)) if n)

    def moved_from(self, d: PointDiff, here: Path | None) -> str:
        """"moved from 4", "moved from Chapter 2, Article 2.4", "moved" (no number), or "" when not moved."""
        origin = self.origin(d, here)
        if d.status != "moved" and not origin:
            return ""
        where = origin or d.old_label
        return f"moved from {where}" if where else "moved"

    def tag(self, d: PointDiff, here: Path | None, *, changed_too: bool = True) -> str:
        """The status in words beside a pair: "changed, was 2", "moved from Chapter 2, Article 2.4".

        Never ends on an empty number or name; `changed_too` adds ", changed" to a
        moved unit whose words changed as well.
        """
        moved = self.moved_from(d, here)
        if moved:
            return moved + (", changed" if changed_too and d.text_changed else "")
        if d.status in ("split", "merged"):
            verb = "split from" if d.status == "split" else "merged with"
            return f"{verb} {d.related}" if d.related else d.status
        renumbered = was(d)
        if not renumbered:
            return d.status
        return renumbered if d.status == "renumbered" else f"{d.status}, {renumbered}"


def status_line(meta: Meta) -> str:
    """The line a draft carries on top: "DRAFT, NOT AGREED; version v2, 2026-11-25"."""
    version = ", ".join(p for p in (meta.version and f"version {meta.version}", meta.date) if p)
    return "; ".join(p for p in (meta.status.upper(), version) if p)


def meta_pairs(doc: Document) -> list[tuple[str, str]]:
    """The metadata worth printing at the head of a draft, as (name, value)."""
    meta = doc.meta
    pairs = [("template", meta.template), ("version", meta.version), ("date", meta.date),
             ("status", meta.status), ("source", meta.source), ("hash", doc.content_hash[:16])]
    return [(k, v) for k, v in pairs if v]
