"""Outline: the tree a reader found, one line per unit, so a user sees at a glance what was read.

Divisions, articles and points with their numbers and headings; numbered paragraphs
and sub-points one level in, with the first words of their text; the notes a
reader left about the choices it made.
"""

from __future__ import annotations

from drafting.model import Document, Point
from drafting.writers._shared import word

_SHOWN = 48


def _line(point: Point, language: str) -> str:
    shown = word(point, language)
    if point.kind == "sub":
        number = f"({point.label})" if point.label else "-"
    elif point.kind == "bullet":
        number = "-"
    elif shown:
        number = f"{shown} {point.label}".strip()
    else:
        number = f"{point.label}." if point.label else "\u00b6"
    head = f"  {point.heading}" if point.heading else ""
    text = " ".join(point.paragraphs)
    if text:  # the text in quotes, so a name is never mistaken for text
        shown = text if len(text) <= _SHOWN else text[:_SHOWN].rstrip() + "\u2026"
        head += f"  \u201c{shown}\u201d"
    return f"{number}{head}  [{point.kind}]"


def _lines(points: tuple[Point, ...], language: str, depth: int) -> list[str]:
    out: list[str] = []
    for point in points:
        out.append("  " * depth + _line(point, language))
        out.extend(_lines(point.children, language, depth + 1))
    return out


def document(doc: Document) -> str:
    """The outline of `doc` as plain text: front matter counts, the tree, the reader's notes."""
    head = [f"title: {doc.title or '(none)'}"]
    if doc.parties:
        head.append("parties: " + "; ".join(doc.parties))
    head.append(f"preamble: {len(doc.preamble)} paragraph(s); closing: {len(doc.closing)} line(s)")
    if doc.meta.language:
        head.append(f"language: {doc.meta.language}")
    notes = [f"note: {v}" for k, v in doc.meta.extra if k in ("note", "warning")]
    return "\n".join([*head, "", *_lines(doc.points, doc.meta.language, 0), *([""] + notes if notes else [])]) + "\n"
