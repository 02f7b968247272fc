"""Plain text: a draft as a reader would print it, wrapped at 78 columns.

Divisions and articles stand as a heading line ("Chapter 3", "Article 3.1") over
their name, the form the text reader reads back; annexes and the like that end
the document come after the closing lines, as in a signed text.
"""

from __future__ import annotations

import textwrap

from drafting.model import Document, Point, body_and_attachments
from drafting.writers._shared import marker, status_line

WIDTH = 78


def wrapped(text: str, first: str = "", rest: str = "") -> list[str]:
    """`text` wrapped at `WIDTH` columns, words never broken."""
    return textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=rest,
                         break_long_words=False, break_on_hyphens=False) or [first.rstrip()]


def point_lines(point: Point, language: str, indent: str = "", *, bold: bool = False) -> list[str]:
    """A unit's lines; `bold` writes a point's heading as Markdown's "**Heading.**", which the
    text reader tells from a first sentence (an amending protocol quotes units so)."""
    lines: list[str] = []
    if point.kind == "article" or point.is_division:
        lines += [line for line in (marker(point, language), point.heading) if line] + [""]
        for para in point.paragraphs:
            lines += wrapped(para) + [""]
        for child in point.children:
            lines += point_lines(child, language, bold=bold)
        return lines
    mark = marker(point, language)
    pad = indent + " " * (len(mark) + 1) if mark else indent
    paras = list(point.paragraphs)
    if point.heading:
        head = f"**{point.heading}.**" if bold else f"{point.heading}."
        paras = [f"{head} {paras[0]}" if paras else head, *paras[1:]]
    first, *rest = paras or [""]
    lines += wrapped(first, f"{indent}{mark} " if mark else indent, pad) + [""]
    for para in rest:
        lines += wrapped(para, pad, pad) + [""]
    for child in point.children:
        lines += point_lines(child, language, pad, bold=bold)
    return lines


def document(doc: Document) -> str:
    """The draft as wrapped plain text: title, status, parties, preamble, points, closing, annexes."""
    language = doc.meta.language
    body, attachments = body_and_attachments(doc.points)
    lines: list[str] = []
    if doc.title:
        lines += [doc.title, ""]
    status = status_line(doc.meta)
    if status:
        lines += [status, ""]
    if doc.parties:
        lines += wrapped("Parties: " + "; ".join(doc.parties)) + [""]
    for para in doc.preamble:
        lines += wrapped(para) + [""]
    for point in body:
        lines += point_lines(point, language)
    for para in doc.closing:
        lines += wrapped(para) + [""]
    for point in attachments:
        lines += point_lines(point, language)
    return "\n".join(lines).rstrip() + "\n"
