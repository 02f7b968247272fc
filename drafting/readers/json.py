"""Read the project's own JSON drafts back into the Document tree."""

from __future__ import annotations

import json
from typing import Any

from drafting.errors import DraftingError
from drafting.model import DOCUMENT_FORMAT, DOCUMENT_FORMATS, Document, Meta, Point


def _point(data: dict[str, Any]) -> Point:
    return Point(
        key=data["key"],
        label=data.get("label", ""),
        kind=data.get("kind", "point"),
        heading=data.get("heading", ""),
        paragraphs=tuple(data.get("paragraphs", ())),
        children=tuple(_point(c) for c in data.get("children", ())),
        meta=tuple(data.get("meta", {}).items()),
        word=data.get("word", ""),
    )


def read_json(text: str, *, source: str = "") -> Document:
    """A Document from the JSON the JSON writer makes; a `DraftingError` for anything else."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DraftingError(f"not valid JSON: {exc.msg}", path=source or None,
                            line=exc.lineno, column=exc.colno) from None
    if not isinstance(data, dict) or data.get("format") not in DOCUMENT_FORMATS:
        raise DraftingError("this JSON is not a treaty-drafting document", path=source or None,
                            hint=f'a document has "format": "{DOCUMENT_FORMAT}"')
    try:
        meta = data.get("meta", {})
        doc = Document(
            title=data.get("title", ""),
            parties=tuple(data.get("parties", ())),
            preamble=tuple(data.get("preamble", ())),
            points=tuple(_point(p) for p in data.get("points", ())),
            closing=tuple(data.get("closing", ())),
            meta=Meta(
                version=meta.get("version", ""),
                date=meta.get("date", ""),
                status=meta.get("status", ""),
                template=meta.get("template", ""),
                source=meta.get("source", ""),
                clauses=tuple((c["id"], c["version"]) for c in meta.get("clauses", ())),
                extra=tuple(meta.get("extra", {}).items()),
                language=meta.get("language", ""),
            ),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise DraftingError(f"malformed document JSON: {exc!r}", path=source or None) from None
    stated = data.get("hash")
    if stated and stated != doc.content_hash:
        raise DraftingError("the draft's text does not match its recorded hash: it was edited by hand",
                            path=source or None,
                            hint="restore it from drafts/, or delete the \"hash\" field to accept the edit")
    return doc
