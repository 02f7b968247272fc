"""`treaty compare`: a synopsis of N versions, one row per subject and one column per version.

The "four-column document" of a trilogue, the ministries' "Synopse": `build` follows each
subject through the versions in negotiating order with the redline engine (one diff per
consecutive pair, plus a look further back for subjects that went missing), and returns a
`Synopsis` value that every synopsis writer draws. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from drafting.brackets import places
from drafting.errors import DraftingError
from drafting.model import Document, units
from drafting.synopsis._chain import chain
from drafting.synopsis._model import (
    ABSENT, ADDED, AGREED, CHANGED, COVERED, DROPPED, MERGED, MOVED, NOT_IN_EXCERPT, OPENED, PRESENT, RENUMBERED,
    RESTORED, ROW_FLAGS, ROW_STATUSES, SPLIT, UNCHANGED, Cell, Row, Synopsis, Version,
)
from drafting.synopsis._rows import Builder

__all__ = [
    "ABSENT", "ADDED", "AGREED", "CHANGED", "COVERED", "DROPPED", "MERGED", "MOVED", "NOT_IN_EXCERPT", "OPENED",
    "PRESENT", "RENUMBERED", "RESTORED", "ROW_FLAGS", "ROW_STATUSES", "SPLIT", "UNCHANGED", "Cell", "Row",
    "Synopsis", "Version", "build",
]


def build(docs: Sequence[Document], *, labels: Sequence[str] = (), base: int | None = None,
          excerpts: Collection[int] = (), progress: Callable[[int], None] | None = None) -> Synopsis:
    """The synopsis of `docs`, oldest first.

    `labels` name the columns (default: each draft's template and version, else its source);
    `base` (0-based) compares every column with that one instead of with the previous one;
    `excerpts` (0-based) are versions that are partial: a subject missing from one is "not in
    the excerpt", never dropped. `progress(k)` is called after version k is aligned.
    """
    if len(docs) < 2:
        raise DraftingError("a synopsis needs at least two versions", hint="treaty compare V1 V2 [V3 ...]")
    if labels and len(labels) != len(docs):
        raise DraftingError(f"--labels names {len(labels)} versions, but {len(docs)} are compared",
                            hint='give one label per version, in order: --labels "US draft,Europe,Framework"')
    for k in (base, *excerpts):
        if k is not None and not 0 <= k < len(docs):
            raise DraftingError(f"version {k + 1} is not among the {len(docs)} compared",
                                hint=f"number the versions 1 to {len(docs)}, in the order given")
    if base is not None and base in excerpts:
        raise DraftingError(f"version {base + 1} is an excerpt and cannot be the base of the comparison")
    found = chain(docs, progress)
    rows = Builder(docs, found, set(excerpts), base).rows()
    names = list(labels) or [_name(d, k) for k, d in enumerate(docs)]
    versions = tuple(Version(names[k], d.meta.source or "/".join(p for p in (d.meta.template, d.meta.version) if p),
                             len(units(d.points)), _changed(rows, k), k in excerpts, len(places(d)))
                     for k, d in enumerate(docs))
    notes = [f"{names[k]} is an excerpt: a subject missing from it is not in the excerpt, not dropped"
             for k in sorted(excerpts)]
    notes.extend(f"{row.cells[k].number} of {names[k]} is {_last(row, k, names)}, absent in between"
                 for row in rows for k, c in enumerate(row.cells) if c.change == "restored")
    return Synopsis(versions, tuple(rows), base, tuple(notes))


def _name(doc: Document, k: int) -> str:
    if doc.meta.template:
        return f"{doc.meta.template} {doc.meta.version}".strip()
    return doc.meta.source.rsplit("/", 1)[-1] or f"version {k + 1}"


def _changed(rows: Sequence[Row], k: int) -> int:
    """Subjects whose text differs from the previous column, or that came or went there."""
    if k == 0:
        return 0
    out = 0
    for row in rows:
        before, now = row.cells[k - 1], row.cells[k]
        if NOT_IN_EXCERPT in (before.state, now.state):
            continue
        if before.present != now.present or (now.present and before.text != now.text):
            out += 1
    return out


def _last(row: Row, k: int, names: Sequence[str]) -> str:
    j = max(j for j in range(k) if row.cells[j].present)
    return f"{row.cells[j].number} of {names[j]}"
