"""Plain text and Markdown: an agreement as published, read into a `Document`.

Two linear passes. `_scan` walks the lines once and turns them into tokens: unit
starts (divisions, articles, points, paragraphs, sub-points, bullets) and
paragraphs, with hard-wrapped lines joined. `_tree` walks the tokens once and
builds the hierarchy. Heading words of every language the table in
`drafting.words` knows are recognised (`_forms`); the parties are looked for
where published texts name them (`_front`). Where the reader had to choose
between two readings, it says which in the document's notes.
"""

from __future__ import annotations

from dataclasses import replace

from drafting.errors import DraftingError
from drafting.model import Document, Meta, Point
from drafting.readers.text._front import find_parties
from drafting.readers.text._scan import Para, Unit, scan, skip_comments
from drafting.readers.text._tree import assemble, freeze

__all__ = ["read_text"]


def read_text(text: str, *, source: str = "") -> Document:
    """Read an agreement written as plain text or Markdown into a `Document`.

    `text` is already decoded; `source` names where it came from (a path, a URL)
    and goes to `Meta.source` and into errors; "" means unknown. Leading
    ``# key: value`` comment lines are skipped. A text with no numbered units
    comes back as one `para` point per paragraph, with a note in `Meta.extra`.
    Raises `DraftingError` when the text holds nothing but blanks and comments.
    """
    # Markdown converters (pandoc) write a negotiating text's brackets escaped: "\[Alt 1: ...\]".
    lines = text.removeprefix("\ufeff").replace("\\[", "[").replace("\\]", "]").splitlines()
    start, draft_meta = skip_comments(lines)
    if start == len(lines):
        raise DraftingError("the document is empty", path=source or None,
                            hint="the text holds only blank lines or '# note:' comments; "
                                 "check that this is the right file")
    found = scan(lines, start, draft_meta)
    notes: list[str] = []
    if found.page_markers:
        notes.append(f"{found.page_markers} page marker line(s) such as '[Page 12]' dropped")
    meta = Meta(source=source, version=draft_meta.get("version", ""),
                date=draft_meta.get("date", ""), status=draft_meta.get("status", ""),
                template=draft_meta.get("template", ""))
    tokens = found.tokens
    if not any(isinstance(tok, Unit) for tok in tokens):
        paras = [tok.text for tok in tokens if isinstance(tok, Para)]
        points = tuple(Point(key=f"@para-{i}", kind="para", paragraphs=(p,))
                       for i, p in enumerate(paras, 1))
        notes.append("no numbered points found; compared paragraph by paragraph")
        return Document(title=found.title, parties=found.parties, points=points,
                        closing=tuple(found.datelines),
                        meta=replace(meta, extra=tuple(("note", n) for n in notes)))
    tree = assemble(tokens)
    notes.extend(tree.notes)
    closing = [*found.datelines, *tree.closing]
    parties = found.parties or find_parties(found.title, tree.preamble, closing)
    used: dict[str, int] = {}
    counts: dict[str, int] = {}
    points = tuple(freeze(node, "", used, counts) for node in tree.roots)
    return Document(title=found.title, parties=parties, preamble=tuple(tree.preamble),
                    points=points, closing=tuple(closing),
                    meta=replace(meta, language=tree.language,
                                 extra=tuple(("note", n) for n in notes)))
