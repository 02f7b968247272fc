"""Small helpers several writers share: how a label is shown, metadata lines."""

from __future__ import annotations

from drafting.model import Document, Meta, Point


def marker(point: Point) -> str:
    """The number as readers see it: "5.", "Article V", "(a)", "-", or ""."""
    if point.kind == "article":
        return f"Article {point.label}".strip()
    if point.kind == "sub":
        return f"({point.label})" if point.label else "-"
    if point.kind == "bullet":
        return "-"
    if point.kind == "para" or not point.label:
        return ""
    return f"{point.label}."


def kind_word(point: Point) -> str:
    """The word for a point in prose: "Article 5" or "point 5"."""
    return f"Article {point.label}" if point.kind == "article" else f"point {point.label}".strip()


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
