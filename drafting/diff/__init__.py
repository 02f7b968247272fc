"""The redline engine: `diff(old, new)` aligns points, then diffs words inside each pair.

A pure function: no I/O, no printing, the same answer every time. The word
diff runs only inside aligned points, never across the whole document, which
keeps the cost close to linear in the document's size.
"""

from __future__ import annotations

from drafting.diff.brackets import mark_brackets, open_counts
from drafting.diff.pairs import Context, diff_points, regroup
from drafting.diff.refs import follow_references
from drafting.diff.redline import (
    DELETE,
    EQUAL,
    INSERT,
    STATUSES,
    Op,
    Ops,
    PointDiff,
    Redline,
    Summary,
    accept_all,
    new_text,
    old_text,
    reject_all,
    summarize,
)
from drafting.diff.similar import Vocabulary
from drafting.diff.tree import diff_tree
from drafting.diff.words import marked_diff, normalizer, word_diff
from drafting.model import PARA_SEP, Document, Point

__all__ = [
    "DELETE", "EQUAL", "INSERT", "STATUSES", "Op", "Ops", "PointDiff", "Redline", "Summary",
    "accept_all", "diff", "new_text", "old_text", "reject_all", "summarize", "word_diff",
]


def _body(old: tuple[Point, ...], new: tuple[Point, ...], ctx: Context) -> tuple[PointDiff, ...]:
    """The body's pairs: as one list of siblings, or over the whole tree when there are divisions."""
    if any(p.is_division for p in old) or any(p.is_division for p in new):
        pairs = diff_tree(old, new, lambda a, b: diff_points(a, b, ctx), ctx.normalize)
    else:
        pairs = diff_points(old, new, ctx)
    return regroup(pairs, ctx)


def _front(doc: Document, part: str) -> str:
    """The title, or the parties, preamble or closing joined by `PARA_SEP`, as one text to diff."""
    return doc.title if part == "title" else PARA_SEP.join(getattr(doc, part))


def diff(old: Document, new: Document, *, ignore_case: bool = False,
         ignore_typography: bool = False) -> Redline:
    """The redline from `old` to `new`: `accept_all` of it is `new`, `reject_all` is `old`.

    With `ignore_case` or `ignore_typography` (quotes, dashes, spaces), words that
    differ only so are "same": kept as marked operations, so both texts still
    rebuild exactly, and said in the notes.
    """
    normalize = normalizer(ignore_case, ignore_typography)
    ctx = Context(Vocabulary(old.points, new.points, normalize), normalize)
    notes = [v for doc in (old, new) for k, v in doc.meta.extra if k == "note"]
    ignored = [what for what, on in (("case", ignore_case), ("typography (quotes, dashes, spaces)",
                                                              ignore_typography)) if on]
    if ignored:
        notes.append(f"compared ignoring {' and '.join(ignored)}: such differences are shown muted "
                     "and counted as the same")
    front = {part: marked_diff(_front(old, part), _front(new, part), normalize)
             for part in ("title", "parties", "preamble", "closing")}
    points, stale = follow_references(_body(old.points, new.points, ctx), old.points, new.points,
                                      new.meta.language or old.meta.language)
    notes.extend(stale)
    return Redline(
        open_places=open_counts(old, new),
        old_meta=old.meta,
        new_meta=new.meta,
        title=front["title"][0],
        parties=front["parties"][0],
        preamble=front["preamble"][0],
        points=mark_brackets(points),
        closing=front["closing"][0],
        notes=tuple(dict.fromkeys(notes)),
        front_marks=tuple((part, marks) for part, (_ops, marks) in front.items() if marks),
    )
