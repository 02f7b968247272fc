"""`treaty merge BASE OURS THEIRS`: a three-way merge of drafts, point by point.

Delegations edit copies of the chair's text; the merge takes each side's changes where
only that side made them, both sides' alike once, and turns a real conflict into what
negotiators write: the two formulations as bracketed alternatives labelled with the
sides' names, in place, so the merged text is a negotiating text that `treaty check`
lists and `treaty resolve` settles. Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from drafting.brackets._negotiate import negotiating_text
from drafting.errors import DraftingError
from drafting.merge._tree import Conflict, Merger
from drafting.merge._words import merge3
from drafting.model import PARA_SEP, Document

__all__ = ["Conflict", "Merge", "merge", "merge3"]


@dataclass(frozen=True, slots=True)
class Merge:
    """The merged document, the conflicts left in it as alternatives, and what came from where."""

    document: Document
    conflicts: tuple[Conflict, ...]
    ours: tuple[str, ...]
    theirs: tuple[str, ...]
    both: tuple[str, ...]

    @property
    def clean(self) -> bool:
        return not self.conflicts


def _front(merger: Merger, part: str, base: tuple[str, ...], ours: tuple[str, ...], theirs: tuple[str, ...]
           ) -> tuple[str, ...]:
    joined = merge3(PARA_SEP.join(base), PARA_SEP.join(ours), PARA_SEP.join(theirs))
    if joined is not None:
        return tuple(joined.split(PARA_SEP)) if joined else ()
    merger.tally.conflicts.append(Conflict("changed", part))
    raw = negotiating_text([(merger.names[0], "\n\n".join(ours)), (merger.names[1], "\n\n".join(theirs))])
    return tuple(p for p in raw.split("\n\n") if p)


def merge(base: Document, ours: Document, theirs: Document, *, names: tuple[str, str] = ("ours", "theirs")
          ) -> Merge:
    """`base` with the changes of `ours` and of `theirs`; conflicts as alternatives named `names`."""
    if len(names) != 2 or not all(n.strip() for n in names) or names[0].strip() == names[1].strip():
        raise DraftingError(f"--names {','.join(names)!r} must name the two sides, differently",
                            hint="for example --names US,Ukraine")
    merger = Merger((names[0].strip(), names[1].strip()))
    title = merge3(base.title, ours.title, theirs.title)
    if title is None:
        merger.tally.conflicts.append(Conflict("changed", "title"))
        title = ours.title
    doc = replace(
        ours, title=title,
        parties=_front(merger, "parties", base.parties, ours.parties, theirs.parties),
        preamble=_front(merger, "preamble", base.preamble, ours.preamble, theirs.preamble),
        points=merger.siblings(base.points, ours.points, theirs.points),
        closing=_front(merger, "closing", base.closing, ours.closing, theirs.closing),
    ).with_meta(version="", status="draft, not agreed" if merger.tally.conflicts else ours.meta.status)
    t = merger.tally
    return Merge(doc, tuple(t.conflicts), tuple(t.ours), tuple(t.theirs), tuple(t.both))
