"""Plain text: a draft as a reader would print it, wrapped at 78 columns."""

from __future__ import annotations

import textwrap

from drafting.model import Document, Point
from drafting.writers._shared import marker, status_line

WIDTH = 78


def _wrap(text: str, first: str = "", rest: str = "") -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=rest,
                         break_long_words=False, break_on_hyphens=False) or [first.rstrip()]


def _point_lines(point: Point, indent: str = "") -> list[str]:
    lines: list[str] = []
    if point.kind == "article":
        lines += [marker(point)]
        if point.heading:
            lines += [point.heading]
        lines += [""]
        for para in point.paragraphs:
            lines += _wrap(para) + [""]
        for child in point.children:
            lines += _point_lines(child)
        return lines
    mark = marker(point)
    pad = indent + " " * (len(mark) + 1) if mark else indent
    paras = list(point.paragraphs)
    if point.heading:
        paras = [f"{point.heading}. {paras[0]}" if paras else point.heading, *paras[1:]]
    first, *rest = paras or [""]
    lines += _wrap(first, f"{indent}{mark} " if mark else indent, pad) + [""]
    for para in rest:
        lines += _wrap(para, pad, pad) + [""]
    for child in point.children:
        lines += _point_lines(child, pad)
    return lines


def document(doc: Document) -> str:
    """The draft as wrapped plain text: title, status, parties, preamble, points, closing."""
    lines: list[str] = []
    if doc.title:
        lines += [doc.title, ""]
    status = status_line(doc.meta)
    if status:
        lines += [status, ""]
    if doc.parties:
        lines += _wrap("Parties: " + "; ".join(doc.parties)) + [""]
    for para in doc.preamble:
        lines += _wrap(para) + [""]
    for point in doc.points:
        lines += _point_lines(point)
    for para in doc.closing:
        lines += _wrap(para) + [""]
    return "\n".join(lines).rstrip() + "\n"
