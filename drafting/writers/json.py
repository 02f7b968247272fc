"""JSON: the lossless form of a Document, and a Redline as data.

The document form reads back into an equal tree (`drafting.readers.json`);
the redline form follows `drafting/redline.schema.json`. A minor word operation
(see `drafting.diff.redline.MINOR`) is written `[op, text, mark]`, an ordinary one
`[op, text]`; the counts of minor changes (`references_updated` on a pair and in
the summary, `ignored` in the summary) are written only when not zero, so a
redline without them reads exactly as before.
"""

from __future__ import annotations

import json
from typing import Any

from drafting.brackets import PROPOSER
from drafting.diff.redline import Marks, Ops, PointDiff, Redline, marked, summarize
from drafting.model import DOCUMENT_FORMAT, REDLINE_FORMAT, Document, Meta, Point


def point_data(point: Point) -> dict[str, Any]:
    """One point as plain data; empty children and metadata are left out."""
    data: dict[str, Any] = {
        "key": point.key,
        "label": point.label,
        "kind": point.kind,
        "heading": point.heading,
        "paragraphs": list(point.paragraphs),
    }
    if point.word:
        data["word"] = point.word
    if point.children:
        data["children"] = [point_data(child) for child in point.children]
    if point.meta:
        data["meta"] = dict(point.meta)
    return data


def meta_data(meta: Meta) -> dict[str, Any]:
    """Metadata as plain data, clause versions as a list of {id, version}."""
    return {
        "version": meta.version,
        "date": meta.date,
        "status": meta.status,
        "template": meta.template,
        "source": meta.source,
        "clauses": [{"id": cid, "version": ver} for cid, ver in meta.clauses],
        "extra": dict(meta.extra),
        **({"language": meta.language} if meta.language else {}),
    }


def document(doc: Document) -> str:
    """The document as indented JSON, with its content hash."""
    data = {
        "format": DOCUMENT_FORMAT,
        "title": doc.title,
        "parties": list(doc.parties),
        "preamble": list(doc.preamble),
        "points": [point_data(p) for p in doc.points],
        "closing": list(doc.closing),
        "meta": meta_data(doc.meta),
        "hash": doc.content_hash,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _ops(ops: Ops, marks: Marks = ()) -> list[list[Any]]:
    return [[op, text, mark] if mark else [op, text] for op, text, mark in marked(ops, marks)]


def _side(point: Point, index: int | None, parent: tuple[int, ...]) -> dict[str, Any]:
    """Where a unit sits on one side; `parent` (the path to its parent) only below the top."""
    side: dict[str, Any] = {"key": point.key, "label": point.label, "kind": point.kind, "index": index}
    if parent:
        side["parent"] = list(parent)
    if point.get("clause"):  # assembled from the library: which clause, version and position
        side["provenance"] = {name: point.get(name) for name in ("clause", "version", "position") if point.get(name)}
        proposers = [k[len(PROPOSER):] for k, _ in point.meta if k.startswith(PROPOSER)]
        if proposers:
            side["provenance"]["positions"] = proposers
    return side


def _pair(d: PointDiff) -> dict[str, Any]:
    return {
        "status": d.status,
        "key": d.key,
        "old": _side(d.old, d.old_index, d.old_parent) if d.old else None,
        "new": _side(d.new, d.new_index, d.new_parent) if d.new else None,
        "renumbered": d.renumbered,
        "text_changed": d.text_changed,
        "related": d.related,
        "heading": _ops(d.heading, d.heading_marks),
        "body": _ops(d.body, d.body_marks),
        "children": [_pair(c) for c in d.children],
        **({"references_updated": d.references_updated} if d.references_updated else {}),
        **({"brackets": [{"kind": c.kind, "label": c.label, "text": c.text, "says": c.describe()}
                         for c in d.brackets]} if d.brackets else {}),
    }


def redline(rl: Redline, *, summary_only: bool = False) -> str:
    """The redline as JSON: the summary, then one entry per aligned pair (only the
    versions, the summary and the notes with `summary_only`)."""
    summary = summarize(rl)
    data: dict[str, Any] = {
        "format": REDLINE_FORMAT,
        "old": meta_data(rl.old_meta),
        "new": meta_data(rl.new_meta),
        "summary": {
            "points": dict(summary.points),
            "words_inserted": summary.words_inserted,
            "words_deleted": summary.words_deleted,
            **{name: n for name, n in (("references_updated", summary.references_updated),
                                       ("ignored", summary.ignored)) if n},
            **({"open_places": dict(zip(("old", "new"), summary.open_places, strict=True))}
               if any(summary.open_places) else {}),
            **({"brackets": dict(summary.brackets)} if summary.brackets else {}),
        },
        "notes": list(rl.notes),
    }
    if summary_only:
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    data |= {
        "title": _ops(rl.title, rl.marks_of("title")),
        "parties": _ops(rl.parties, rl.marks_of("parties")),
        "preamble": _ops(rl.preamble, rl.marks_of("preamble")),
        "points": [_pair(d) for d in rl.points],
        "closing": _ops(rl.closing, rl.marks_of("closing")),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
