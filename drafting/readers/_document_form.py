"""The JSON form of a document, as a schema: every field's type checked before a tree is built.

A draft's JSON may come from another delegation or be edited by hand. Without a
schema a number for a title or a string for a list of paragraphs slips through
(a string is split into one-letter paragraphs); with one, the reader says which
field is wrong and where.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictStr, ValidationError

from drafting.errors import DraftingError
from drafting.model import DOCUMENT_FORMATS, KINDS, Document, Meta, Point

Kind = Literal[KINDS]  # type: ignore[valid-type]
_SURROGATE = re.compile("[\ud800-\udfff]")
#: A string; a lone surrogate (JSON can spell one, "\\ud800", no text can hold one) becomes U+FFFD.
Str = Annotated[StrictStr, AfterValidator(lambda text: _SURROGATE.sub("\ufffd", text))]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class PointForm(_Strict):
    """One unit: its key, number, kind, words and sub-units."""

    key: Str
    label: Str = ""
    kind: Kind = "point"
    heading: Str = ""
    paragraphs: list[Str] = []
    children: list[PointForm] = []
    meta: dict[Str, Str] = Field(default_factory=dict)
    word: Str = ""

    def tree(self) -> Point:
        return Point(key=self.key, label=self.label, kind=self.kind, heading=self.heading,
                     paragraphs=tuple(self.paragraphs), children=tuple(c.tree() for c in self.children),
                     meta=tuple(self.meta.items()), word=self.word)


class ClauseUse(_Strict):
    """A clause the draft was assembled from, and its version."""

    id: Str
    version: Str


class MetaForm(_Strict):
    """What is known about the draft, apart from its text."""

    version: Str = ""
    date: Str = ""
    status: Str = ""
    template: Str = ""
    source: Str = ""
    clauses: list[ClauseUse] = []
    extra: dict[Str, Str] = Field(default_factory=dict)
    language: Str = ""


class DocumentForm(_Strict):
    """A whole draft, as `treaty show -f json` and `treaty assemble` write it."""

    format: Literal[DOCUMENT_FORMATS]  # type: ignore[valid-type]
    title: Str = ""
    parties: list[Str] = []
    preamble: list[Str] = []
    points: list[PointForm] = []
    closing: list[Str] = []
    meta: MetaForm = MetaForm()
    hash: Str = ""

    def tree(self) -> Document:
        m = self.meta
        return Document(
            title=self.title, parties=tuple(self.parties), preamble=tuple(self.preamble),
            points=tuple(p.tree() for p in self.points), closing=tuple(self.closing),
            meta=Meta(version=m.version, date=m.date, status=m.status, template=m.template, source=m.source,
                      clauses=tuple((c.id, c.version) for c in m.clauses), extra=tuple(m.extra.items()),
                      language=m.language))


def _where(loc: tuple[int | str, ...]) -> str:
    """A field's place as a reader writes it: points[3].children[0].heading."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def document_from(data: Any, source: str = "") -> Document:
    """The document `data` (parsed JSON) describes, or a `DraftingError` naming the wrong field."""
    try:
        form = DocumentForm.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        err = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise DraftingError(f"malformed document JSON at {_where(tuple(err['loc']))}: {err['msg']}{more}",
                            path=source or None) from None
    return form.tree()
