"""The cover of a redline: a table of what changed, like the summary Word's compare shows."""

from __future__ import annotations

from drafting.diff.redline import CASE, REFERENCE, STATUSES, TYPOGRAPHY, Redline, summarize, walk
from drafting.model import Meta
from drafting.writers._brackets import changes, open_places
from drafting.writers._shared import kind_word, side_names
from drafting.writers.docx import _styles as st
from drafting.writers.docx._revisions import MINOR_AUTHORS, escape

_LABELS = {
    "same": "Points unchanged", "renumbered": "Points only renumbered", "changed": "Points changed",
    "moved": "Points moved", "inserted": "Points inserted", "deleted": "Points deleted",
    "split": "Points split", "merged": "Points merged",
}
_WIDTHS = (5670, 3400)  # twips; together the text width of an A4 page with 2.5 cm margins


def _describe(meta: Meta) -> str:
    parts = (meta.version and f"version {meta.version}", meta.date, meta.status, meta.source)
    return ", ".join(p for p in parts if p) or "not recorded"


def _para(text: str, style: str, right: bool = False) -> str:
    jc = '<w:jc w:val="right"/>' if right else ""
    run = f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{jc}</w:pPr>{run}</w:p>'


def _cell(text: str, width: int, shaded: bool, right: bool) -> str:
    shd = '<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/>' if shaded else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shd}</w:tcPr>'
            f"{_para(text, st.COVER_TEXT, right)}</w:tc>")


def cover_xml(rl: Redline, author: str, date: str, *, page_break: bool) -> str:
    """A heading and a two-column table of counts; a page break after it when text follows."""
    s = summarize(rl)
    rows = [("Old version", _describe(rl.old_meta)), ("New version", _describe(rl.new_meta)),
            ("Changes marked by", author), ("Changes dated", date)]
    rows += [(_LABELS[status], str(s.count(status))) for status in STATUSES]
    rows += [("Words inserted", str(s.words_inserted)), ("Words deleted", str(s.words_deleted))]
    minor = [("References updated", s.references_updated, [REFERENCE]),
             ("Ignored differences (case, typography)", s.ignored, [CASE, TYPOGRAPHY])]
    rows += [(name, str(n)) for name, n, _marks in minor if n]
    authors = dict.fromkeys(MINOR_AUTHORS[m] for _name, n, marks in minor if n for m in marks)
    if authors:  # the reviewers Word's "Show Markup" can hide
        rows.append(("Minor changes marked by", "; ".join(authors)))
    places = open_places(s)
    if places:  # negotiating text: a row, not a paragraph, so accept-all and reject-all stay exact
        rows.append(("Open places", places.partition(": ")[2]))
    rows += [(kind_word(point).capitalize(), changes(d)) for d in walk(rl.points) if d.brackets
             for point in (d.new or d.old,) if point is not None]
    rows += [("Note", note) for note in rl.notes]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in _WIDTHS)
    body = "".join(f"<w:tr>{_cell(name, _WIDTHS[0], True, False)}"
                   f"{_cell(value, _WIDTHS[1], False, value.isdigit())}</w:tr>" for name, value in rows)
    old, new = side_names(rl)
    heading = f"Comparison: {old} \u2192 {new}"
    tail = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>' if page_break else "<w:p/>"
    return (_para(heading, st.COVER)
            + f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{sum(_WIDTHS)}" w:type="dxa"/>'
            f'<w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>' + tail)
