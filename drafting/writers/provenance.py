"""Provenance: where each point of an assembled draft came from, one line per unit.

An analyst asks of a point "which clause, which version, whose position?": the
assembler records the clause id, its version and the position taken in each
point's metadata, and this lists them ("5. armed-forces.ceiling 1.0, position
europe"). A unit without them was written in the template itself, or read from a
text that carries none.
"""

from __future__ import annotations

from drafting.brackets import PROPOSER
from drafting.model import Document, Point, is_derived_key, iter_points
from drafting.writers._shared import marker


def source(point: Point) -> str:
    """"clause version, position P" for a unit assembled from the library, else ""."""
    clause, version, position = (point.get(name) for name in ("clause", "version", "position"))
    if not clause:
        return ""
    open_ = [k[len(PROPOSER):] for k, _ in point.meta if k.startswith(PROPOSER)]
    taken = f", position {position}" if position else f", open between {', '.join(open_)}" if open_ else ""
    return " ".join(p for p in (clause, version) if p) + taken


def _lines(points: tuple[Point, ...], language: str, depth: int) -> list[str]:
    out: list[str] = []
    for point in points:
        where = source(point) or ("written in the template" if point.key and not is_derived_key(point.key)
                                  and not point.is_division else "")
        name = marker(point, language) or point.heading or f"[{point.kind}]"
        if where or point.is_division:
            out.append("  " * depth + (f"{name}  {where}" if where else name))
        out.extend(_lines(point.children, language, depth + 1))
    return out


def document(doc: Document) -> str:
    """Each unit's clause, version and position; the draft's template and version first."""
    head = [f"{doc.meta.template or doc.meta.source or 'document'} {doc.meta.version}".rstrip()]
    lines = _lines(doc.points, doc.meta.language, 0)
    if not any(source(p) for p in iter_points(doc.points)):
        lines.append("no point records its clause: this text was not assembled from the library")
    return "\n".join([*head, "", *lines]) + "\n"

