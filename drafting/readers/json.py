"""Read the project's own JSON drafts back into the Document tree."""

from __future__ import annotations

import json
import math
import re
from array import array
from itertools import accumulate
from typing import Any

from drafting.budgets import JSON_BYTES, JSON_DEPTH
from drafting.errors import DraftingError
from drafting.model import DOCUMENT_FORMAT, DOCUMENT_FORMATS, Document
from drafting.readers._document_form import document_from

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEPS = str.maketrans({"[": "\x01", "{": "\x01", "]": "\xff", "}": "\xff"})


def _load(text: str, source: str) -> Any:
    """`text` parsed as JSON within the size and nesting budgets, refusing NaN and infinities.

    The nesting is measured before parsing, on the brackets outside strings, so a document
    nested 100,000 deep costs one pass over its text and no recursion.
    """
    path = source or None
    JSON_BYTES.check(len(text), "the JSON document is too large", path=path)
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text)).translate(_STEPS)
    depth = max(accumulate(array("b", brackets.encode("latin-1"))), default=0)
    if JSON_DEPTH.over(depth):
        raise JSON_DEPTH.exceeded(f"arrays and objects nested {depth:,} deep", path=path)

    def refuse(word: str) -> float:
        raise DraftingError(f"the JSON holds {word}, which is not a number a document may hold",
                            path=path)

    def finite(digits: str) -> float:
        value = float(digits)
        return value if math.isfinite(value) else refuse(digits)

    try:
        return json.loads(text, parse_constant=refuse, parse_float=finite)
    except json.JSONDecodeError as exc:
        raise DraftingError(f"not valid JSON: {exc.msg}", path=path, line=exc.lineno,
                            column=exc.colno) from None
    except ValueError:  # Python reads no integer of more than 4,300 digits
        raise DraftingError("the JSON holds a number too long to be one", path=path) from None


def read_json(text: str, *, source: str = "") -> Document:
    """A Document from the JSON the JSON writer makes; a `DraftingError` for anything else."""
    data = _load(text, source)
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
