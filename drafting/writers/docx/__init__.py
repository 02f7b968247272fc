"""Word: drafts as styled .docx, redlines as native tracked changes.

`document` writes a draft a ministry could circulate, its parts, chapters and annexes as
headings Word's navigation pane lists; `redline` writes the new text with every change tracked
(insertions, deletions, moves, also between chapters, renumbering), so Word's or LibreOffice's
"accept all" gives the new draft and "reject all" the old one, paragraph by paragraph with
their styles. Layout is in `_layout` (its small decisions in `_pieces`, the old places of moved
units in `_places`), the tracked-change XML in `_revisions`, where paragraph marks go in
`_marks`, styles in `_styles`, the package in `_parts`.
"""

from __future__ import annotations

from datetime import datetime, timezone

from drafting.diff.redline import Redline
from drafting.errors import DraftingError
from drafting.model import Document, Point
from drafting.writers._shared import side_names, status_line
from drafting.writers.docx._brackets import Draft
from drafting.writers.docx._cover import cover_xml
from drafting.writers.docx._layout import Layout
from drafting.writers.docx._marks import settle_end, settle_looks, untangle
from drafting.writers.docx._parts import Core, package
from drafting.writers.docx._pieces import same
from drafting.writers.docx._revisions import Stream, body_xml

__all__ = ["ALTERNATIVES", "document", "redline"]


def _when(text: str) -> datetime | None:
    """`text` as an aware UTC datetime; a date alone means midnight UTC; None when unreadable."""
    try:
        when = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone(timezone.utc).replace(microsecond=0)


def _stamp(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def moment(date: str | None) -> datetime:
    """The time of tracked changes: `date` (ISO 8601) as UTC, None meaning now; an unreadable
    date is the user's mistake, said so."""
    if date is None:
        return datetime.now(timezone.utc).replace(microsecond=0)
    when = _when(date)
    if when is None:
        raise DraftingError(f"the date {date!r} is not ISO 8601", hint="write it as 2026-11-25 or 2026-11-25T14:00:00Z")
    return when


def stamp(when: datetime) -> str:
    """`when` as Word writes a revision's date."""
    return _stamp(when)


def _note(point: Point, level: int) -> str:
    """The comment on a point: its clause id and version; top-level points at least their key."""
    clause, version = point.get("clause"), point.get("version")
    if not clause and level:
        return ""
    text = f"clause {clause}" if clause else f"key {point.key}"
    return text + (f", version {version}" if version else "")


#: How a draft's sets of alternatives are drawn: "inline" in the text, or as "table"s.
ALTERNATIVES = ("inline", "table")


def document(doc: Document, *, comments: bool = False, alternatives: str = "inline") -> bytes:
    """The draft as .docx: title, parties, preamble, points in named styles, status on each page.

    With `comments`, each point from a clause carries a Word comment with the clause id and
    version (a top-level point without one, its key). Negotiating text has bold brackets and
    character styles of its own; with `alternatives="table"` each set of alternatives is a table
    with a column per alternative. The same document gives the same bytes.
    """
    if alternatives not in ALTERNATIVES:
        raise DraftingError(f"unknown way to write alternatives {alternatives!r}", matches=list(ALTERNATIVES),
                            hint="write them inline or as a table")
    stream = Stream()
    layout = Layout(stream, _note if comments else None, Draft(doc, alternatives == "table"))
    layout.redline(same(doc))
    if stream.paras and stream.paras[-1].xml:  # Word ends a document with a paragraph, not a table
        stream.end("", "Normal")
    settle_end(stream.paras)
    meta = doc.meta
    created = _when(meta.date) if meta.date else None
    extras = [f"{name} {value}" for name, value in (("template", meta.template), ("source", meta.source)) if value]
    core = Core(title=doc.title, subject=status_line(meta), version=meta.version, status=meta.status,
                identifier=f"sha256:{doc.content_hash}", description="; ".join(extras),
                keywords=meta.template, created=created)
    return package(body_xml(stream), header=status_line(meta) or doc.title, core=core,
                   comments=layout.comments, comment_date=_stamp(created) if created else "")


def redline(rl: Redline, *, author: str = "treaty-drafting", date: str | None = None, cover: bool = True,
            summary_only: bool = False) -> bytes:
    """The new text with every change as a Word tracked change by `author` at `date`.

    `date` is ISO 8601 (a date alone means midnight UTC); None means now. `cover` puts a table
    of counts first; `summary_only` writes only that table.
    """
    when = moment(date)
    stamp = _stamp(when)
    stream = Stream(author, stamp)
    parts = []
    if cover or summary_only:
        parts.append(cover_xml(rl, author, stamp, page_break=not summary_only))
    if not summary_only:
        Layout(stream).redline(rl)
        settle_end(stream.paras)
        untangle(stream.paras)
        settle_looks(stream.paras)
        parts.append(body_xml(stream))
    old, new = side_names(rl)
    status = status_line(rl.new_meta)
    header = f"REDLINE {old} \u2192 {new}" + (f"; new text: {status}" if status else "")
    core = Core(title=f"Redline: {old} \u2192 {new}", subject=status, version=rl.new_meta.version,
                status=rl.new_meta.status, description=f"tracked changes by {author}", created=when)
    return package("".join(parts), header=header, core=core)
