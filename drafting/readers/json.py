"""Read the project's own JSON drafts back into the Document tree."""

from __future__ import annotations

import json

from drafting.errors import DraftingError
from drafting.model import DOCUMENT_FORMAT, DOCUMENT_FORMATS, Document
from drafting.readers._document_form import document_from


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
    doc = document_from(data, source)
    stated = data.get("hash")
    if stated and stated != doc.content_hash:
        raise DraftingError("the draft's text does not match its recorded hash: it was edited by hand",
                            path=source or None,
                            hint="restore it from drafts/, or delete the \"hash\" field to accept the edit")
    return doc
