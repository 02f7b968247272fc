"""Cross-references to units the draft does not have, and (with an older version) stale ones.

References are found and resolved by `drafting.references`, and stale ones by the redline
(`drafting.diff`), which already follows every renumbering: this module only judges.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.check._finding import Finding
from drafting.check._text import Passage, Unit
from drafting.diff import diff
from drafting.model import Document, Path
from drafting.references import Cited, Reference, Targets, find_references, may_cite
from drafting.references._patterns import LOW

#: "point 3 of the American plan", "Article 5 of NATO": what follows "of" is another text
#: (unless it is this one: "of this Agreement", "of the present Treaty", a word of the title).
_OF_OTHER = re.compile(r"\s+of\s+(?!this\b|the\s+present\b|these\b)(?:the\s+)?([\w'’-]+)")
#: "this Chapter": the unit the text stands in, which must be one of that kind (English only).
_WIDE = re.compile(r"\b(article|part|chapter|section|subsection|annex|appendix|protocol|schedule)(?= )")
_THIS = re.compile(r"\b[Tt]his\s+(Part|Chapter|Section|Subsection|Annex|Appendix|Protocol|Schedule)\b")


class _Resolver:
    """The draft's numbered units, indexed once, and the kinds it numbers."""

    def __init__(self, doc: Document, found: list[Unit]) -> None:
        self.nodes = {u.path: u.point for u in found}
        self.targets = Targets(doc.points)
        numbered = [u.point for u in found if u.point.label]
        self.kinds = {"point" if p.kind in LOW else p.kind for p in numbered}
        self.title = {w.lower() for w in re.findall(r"\w+", doc.title)}

    def cites_other_text(self, text: str, ref: Reference) -> bool:
        outer = ref
        while outer.within is not None:
            outer = outer.within
        match = _OF_OTHER.match(text, max(ref.end, outer.end))
        return match is not None and match.group(1).lower() not in self.title

    def missing(self, ref: Reference, here: Path) -> Cited | None:
        """The first number of `ref`, outermost level first, that names no unit of the draft;
        None when all do, or when the draft numbers no unit of that kind (another text's)."""
        levels: list[Reference] = []
        level: Reference | None = ref
        while level is not None:
            levels.insert(0, level)
            level = level.within
        holder: Path | None = None
        for level in levels:
            if ("point" if level.kind in LOW else level.kind) not in self.kinds and holder is None:
                return None
            for cited in level.numbers:
                found = self.targets.resolve(level, cited, here)
                if found is None and not self._paragraph_of(holder, level, cited):
                    return cited
            if level.numbers:
                holder = self.targets.resolve(level, level.numbers[0], here)
        return None

    def _paragraph_of(self, holder: Path | None, level: Reference, cited: Cited) -> bool:
        """True when `cited` is a paragraph the holder has, unnumbered ("paragraph 2 of Article 3"
        where Article 3 is two paragraphs of text), or when the holder's units are not numbered."""
        if holder is None or level.kind not in LOW:
            return False
        point = self.nodes[holder]
        if any(c.label and c.kind in LOW for c in point.children):
            return False
        return cited.label.isdigit() and 1 <= int(cited.label) <= len(point.paragraphs)

    def within_kind(self, path: Path, kind: str) -> bool:
        return any(self.nodes[path[:n]].kind == kind for n in range(1, len(path) + 1))


def missing(doc: Document, texts: list[Passage], found: list[Unit]) -> Iterator[Finding]:
    """References to a unit the draft does not have: "point 7" in a plan of six points."""
    lang = doc.meta.language
    resolver = _Resolver(doc, found)
    for passage in texts:
        text = passage.text
        for match in _THIS.finditer(text):
            kind = match.group(1).lower()
            if passage.path and kind not in resolver.title and not resolver.within_kind(passage.path, kind):
                yield Finding("ref-missing", passage.where, match.group(0),
                              f"“{match.group(0)}”, but {passage.where} is in no {kind}")
        if not may_cite(text, lang):
            continue
        for ref in find_references(text, lang):
            if resolver.cites_other_text(text, ref):
                continue
            cited = resolver.missing(ref, passage.path)
            if cited is not None:
                words = text[ref.start:ref.end]
                yield Finding("ref-missing", passage.where, words,
                              f"“{words}” cites {_name(text, ref, cited)}, which the draft does not have")


def _name(text: str, ref: Reference, cited: Cited) -> str:
    level: Reference | None = ref
    while level is not None and cited not in level.numbers:
        level = level.within
    kind = level.kind if level is not None else ref.kind
    return f"{kind if kind in LOW else kind.capitalize()} {cited.label}"


def stale(old: Document, new: Document) -> Iterator[Finding]:
    """References that kept the number of a unit since renumbered, as the redline notes them."""
    for note in diff(old, new).notes:
        head, sep, rest = note.partition(": stale reference to ")
        if not sep:
            continue
        where = head.split(" (was ", 1)[0]
        kind, _, label = where.partition(" ")
        where = f"{kind.capitalize() if kind not in LOW else kind} {label}".strip()
        rest = _WIDE.sub(lambda m: m[1].capitalize(), rest)
        cited = rest.split(", which", 1)[0]
        now = rest.rpartition("which is now ")[2]
        yield Finding("ref-stale", where, cited, f"“{cited}” still gives the old number: the unit it meant is now {now}")
