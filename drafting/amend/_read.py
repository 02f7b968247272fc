"""Reading an amending protocol: the drafters' formulas back into instructions.

A protocol is read as lines (Markdown, plain text, or the paragraphs of a Word file): each
instruction is a sentence, numbered "1." or lettered "(a)" under "Article 5 is amended as
follows:", and the new text it quotes follows it, as a Markdown block quote or between
quotation marks (`_lines`). The usual variations of wording are taken ("shall be replaced",
"is repealed", "shall read as follows", "the following paragraph is added": `_address.plain`);
a sentence that speaks of replacing, deleting, inserting or renumbering, or a numbered item,
in no form known here is an error naming its line, never skipped; other sentences (the
protocol's own title, preamble and final clauses) are passed over.
"""

from __future__ import annotations

import re
from dataclasses import replace

from drafting.amend._address import (
    BY_WORD, END, OPENERS, QUOTED, SPEAKS, Unread, address, plain, units,
)
from drafting.amend._lines import Sentence, sentences
from drafting.amend._wording import KIND_WORDS
from drafting.amend._model import (
    END as AT_END, FRONT, HEADING, INSERTION, JOIN, RENUMBERING, REPEAL, SPLIT, SUBPARAGRAPH, SUBSTITUTION, TITLE,
    Address, Instruction, Place, Protocol,
)
from drafting.errors import DraftingError
from drafting.model import Point

_WHERE = r"^(?:In (?P<where>.+?), )?"
_WORDS = re.compile(r"^(?:In (?P<where>.+?),? )?the words? " + QUOTED.format(name="a") + r" (?:is|are) (?P<verb>deleted|replaced by"
                    r"(?: the words?)?|inserted (?P<pos>after|before)(?: the words?)?)(?: "
                    + QUOTED.format(name="b") + r")?" + END, re.I)
_HEADING = re.compile(r"^(?:In (?P<where>.+?), )?The heading(?: of (?P<unit>.+?))? is (?P<verb>deleted|replaced by)(?: " + QUOTED.format(name="a")
                      + r")?" + END, re.I)
_GIVEN = re.compile(r"^(?P<unit>.+?) is given the heading " + QUOTED.format(name="a") + END, re.I)
_HEADING_ADDED = re.compile(_WHERE + r"the heading " + QUOTED.format(name="a") + r" is (?:added|inserted)" + END, re.I)
_TITLE = re.compile(r"^The title(?: of (?:the|this) .+?)? is (?P<verb>deleted|replaced by)(?: "
                    + QUOTED.format(name="a") + r")?" + END, re.I)
_AMENDED = re.compile(r"^(?P<unit>.+?) (?:is|are) amended as follows:?$", re.I)
_RENUMBER = re.compile(_WHERE + r"(?P<old>.+?) (?:becomes|become) (?P<new>.+?)" + END, re.I)
_REPEAL = re.compile(_WHERE + r"(?P<unit>.+?) (?:is|are) deleted" + END, re.I)
_REPLACE = re.compile(_WHERE + r"(?P<unit>.+?) (?:is|are) replaced by the following(?: (?P<what>.+?))?:?$", re.I)
_INSERT = re.compile(_WHERE + r"the following (?P<what>.+?) (?:is|are) (?:inserted (?P<pos>after|before) (?P<anchor>.+?)"
                     r"|added(?: (?:to|at the end of|in) (?P<to>.+?))?)[.:;]?$", re.I)


def _block_text(lines: list[str]) -> tuple[str, ...]:
    """Quoted paragraphs: blank lines part them, wrapped lines are joined."""
    paras, cur = [], []
    for line in lines:
        if line.strip():
            cur.append(line.strip())
        elif cur:
            paras.append(" ".join(cur))
            cur = []
    if cur:
        paras.append(" ".join(cur))
    return tuple(paras)


def _block_points(lines: list[str], kind: str, source: str) -> tuple[Point, ...]:
    """Quoted units, read as the text reader reads a draft; the outermost take `kind`."""
    from drafting.readers.text import read_text

    doc = read_text("\n".join(lines) + "\n", source=source)
    points = doc.points
    if not points:
        return ()
    if doc.title or doc.preamble:  # text before the first number belongs to the first unit
        lead = tuple(x for x in (doc.title, *doc.preamble) if x)
        points = (replace(points[0], paragraphs=(*lead, *points[0].paragraphs)), *points[1:])
    return tuple(_retyped(p, kind) for p in points)


def _retyped(point: Point, kind: str) -> Point:
    if not kind or point.kind == kind or point.is_division != (kind in _DIVISIONS):
        return point
    children = point.children
    if kind == "article":
        children = tuple(replace(c, kind="paragraph") if c.kind == "point" else c for c in children)
    return replace(point, kind=kind, word="" if kind != point.kind else point.word, children=children)


_DIVISIONS = frozenset(("part", "chapter", "section", "subsection", "annex", "appendix", "protocol", "schedule"))


#: The words that name several units at once: "Articles 3 and 4", "points (a) to (c)".
_PLURALS = frozenset(many.lower() for _one, many in KIND_WORDS.values())


class Reader:
    """Sentences to instructions, keeping the unit that "is amended as follows" for its items."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.out: list[Instruction] = []
        self.within: Address = ()

    def error(self, s: Sentence, why: str) -> DraftingError:
        said = s.text if len(s.text) <= 300 else s.text[:300] + "…"
        return DraftingError(f"cannot read the instruction “{said}”: {why}", path=self.source or None,
                             line=s.line, hint="write it as “Article 5 is replaced by the following:”, "
                                              "“In Article 7, the words “X” are replaced by “Y”.”, "
                                              "“Article 9 is deleted.” or “Articles 10 to 14 become Articles 9 to 13.”")

    def read(self, s: Sentence) -> None:
        if not s.marker.startswith("("):
            self.within = ()
        text = plain(s.text)
        try:
            done = self._interpret(s, text)
        except Unread as exc:
            raise self.error(s, str(exc)) from None
        if not done and (s.marker or SPEAKS.search(text)):  # a numbered item is an instruction
            raise self.error(s, "it is in no form known here")

    def at(self, where: str | None) -> Address:
        return (*self.within, *(address(where) if where else ()))

    def _interpret(self, s: Sentence, text: str) -> bool:
        m = _AMENDED.match(text)
        if m:
            try:
                self.within = address(m["unit"])
            except Unread:
                self.within = ()  # "The Agreement is amended as follows:": the opening line
            return True
        m = _TITLE.match(text)
        if m:
            self.out.append(Instruction(REPEAL, (Place(TITLE),)) if m["verb"].lower() == "deleted" else
                            Instruction(SUBSTITUTION, (Place(TITLE),), text=(m["a"] or "",)))
            return True
        m = _WORDS.match(text)
        if m:
            return self._words(m)
        m = _HEADING.match(text)
        if m:
            unit = (*self.at(m["where"]), *(address(m["unit"]) if m["unit"] else ()), Place(HEADING))
            deleted = m["verb"].lower() == "deleted"
            self.out.append(Instruction(REPEAL if deleted else SUBSTITUTION, unit, text=() if deleted else (m["a"],)))
            return True
        m = _GIVEN.match(text)
        if m:
            self.out.append(Instruction(INSERTION, (*self.at(m["unit"]), Place(HEADING)), text=(m["a"],)))
            return True
        m = _HEADING_ADDED.match(text)
        if m:
            self.out.append(Instruction(INSERTION, (*self.at(m["where"]), Place(HEADING)), text=(m["a"],)))
            return True
        m = _INSERT.match(text)
        if m:
            return self._insert(s, m)
        m = _REPLACE.match(text)
        if m:
            return self._replace(s, m)
        m = _REPEAL.match(text)
        if m:
            first, *more = self._many(m["where"], m["unit"])
            self.out.append(Instruction(REPEAL, first, others=tuple(more)))
            return True
        m = _RENUMBER.match(text)
        if m:
            old = self._many(m["where"], m["old"])
            kind, labels = units(m["new"])
            if len(labels) != len(old):
                raise Unread(f"{len(old)} unit(s) cannot become {len(labels)}")
            self.out.append(Instruction(RENUMBERING, others=tuple(old), labels=tuple(labels)))
            return True
        return False

    def _many(self, where: str | None, text: str) -> list[Address]:
        """One unit or several ("Articles 3 and 4", "points (a) to (c)") under `where`."""
        base = self.at(where)
        if text.split(" ", 1)[0].lower() not in _PLURALS:  # "point (a), the second subparagraph"
            return [(*base, *address(text))]
        kind, labels = units(text)
        return [(*base, Place(kind, label)) for label in labels]

    @staticmethod
    def _texts(s: Sentence) -> tuple[str, ...]:
        return s.paragraphs if s.paragraphs is not None else _block_text(s.quoted)

    def _units(self, s: Sentence, kind: str) -> tuple[Point, ...]:
        """The new units an instruction quotes, the outermost of the `kind` it names."""
        if s.units:
            return tuple(_retyped(p, kind) for p in s.units)
        if not s.quoted:
            raise Unread("the new text does not follow it (as a > block quote or in quotation marks)")
        return _block_points(s.quoted, kind, self.source)

    def _words(self, m: re.Match[str]) -> bool:
        target = self.at(m["where"])
        verb = m["verb"].lower()
        if verb.startswith("deleted"):
            self.out.append(Instruction(REPEAL, target, old=m["a"]))
        elif verb.startswith("replaced"):
            if m["b"] is None:
                raise Unread("it says what the words are replaced by in no quotation marks")
            self.out.append(Instruction(SUBSTITUTION, target, old=m["a"], new=m["b"]))
        else:
            if m["b"] is None:
                raise Unread("it says where the words go in no quotation marks")
            self.out.append(Instruction(INSERTION, target, old=m["b"], new=m["a"], position=m["pos"].lower()))
        return True

    def _kind_named(self, what: str | None, fallback: str) -> str:
        if what and what.lower().startswith("provisions"):
            return ""  # units of several kinds: each as the text reads it
        if what and what.lower().startswith("unnumbered paragraph"):
            return "para"
        if what:
            try:
                return units(what)[0] if not what.lower().startswith("the ") else fallback
            except Unread:
                first = what.split()[0].lower()
                return BY_WORD.get(first, "sub" if first == "point" else fallback)
        return fallback

    def _replace(self, s: Sentence, m: re.Match[str]) -> bool:
        targets = self._many(m["where"], m["unit"])
        last = targets[0][-1]
        if last.kind in FRONT or last.kind == SUBPARAGRAPH:
            self.out.append(Instruction(SUBSTITUTION, targets[0], text=self._texts(s)))
            return True
        points = self._units(s, self._kind_named(m["what"], last.kind))
        if len(targets) > 1:
            self.out.append(Instruction(JOIN, targets[0], points, others=tuple(targets[1:])))
        else:
            self.out.append(Instruction(SPLIT if len(points) > 1 else SUBSTITUTION, targets[0], points))
        return True

    def _insert(self, s: Sentence, m: re.Match[str]) -> bool:
        what = m["what"]
        if m["anchor"]:
            target, position = (*self.at(m["where"]), *address(m["anchor"])), m["pos"].lower()
        else:
            target, position = (*self.at(m["where"]), *(address(m["to"]) if m["to"] else ())), AT_END
        if what.lower().split()[-1] in ("subparagraph", "subparagraphs", "recital", "recitals"):
            if position != AT_END and target[-1].kind != SUBPARAGRAPH:
                raise Unread("a subparagraph goes after or before another subparagraph")
            if position == AT_END:
                target = (*target, Place(SUBPARAGRAPH))
            self.out.append(Instruction(INSERTION, target, text=self._texts(s), position=position))
            return True
        fallback = target[-1].kind if position != AT_END else ""
        points = self._units(s, self._kind_named(what, fallback))
        self.out.append(Instruction(INSERTION, target, points, position=position))
        return True


_TITLE_LINE = re.compile(r"^#\s+(?P<title>.+)$")


def _protocol(items: list[Sentence], title: str, source: str) -> Protocol:
    reader = Reader(source)
    for s in items:
        reader.read(s)
    if not reader.out:
        raise DraftingError("no amending instruction found", path=source or None,
                            hint="a protocol says “Article 5 is replaced by the following:”, "
                                 "“Article 9 is deleted.” and the like, one instruction a paragraph")
    return Protocol(title=title, instructions=tuple(reader.out))


def read_protocol_akn(data: bytes, *, source: str = "") -> Protocol:
    """The instructions of an amending protocol in Akoma Ntoso: each `mod`'s sentence read as
    `read_protocol` reads one, its `quotedStructure` read as a document's body is."""
    from drafting.readers.akn import protocol_items

    items = [Sentence(text, n, marker, paragraphs=quoted if quoted else None, units=units or None)
             for n, (marker, text, quoted, units) in enumerate(protocol_items(data, source), 1)]
    return _protocol(items, "", source)


def read_protocol(text: str, *, source: str = "") -> Protocol:
    """The instructions of a protocol written in the drafters' formulas (Markdown or plain text)."""
    lines = text.removeprefix("\ufeff").splitlines()
    title = ""
    for line in lines:
        if line.strip():
            m = _TITLE_LINE.match(line.strip())
            title = (m["title"] if m else line).strip()
            break
    return _protocol(sentences(lines), title, source)


def read_protocol_docx(data: bytes, *, source: str = "") -> Protocol:
    """The instructions of a protocol in a Word file, read as `read_protocol` reads its text.

    A protocol from a counterpart is as untrusted as any .docx: the Word reader opens it (zip
    bombs, entities, damage and passwords are `DraftingError`s), tracked changes read accepted
    and list numbers as Word draws them; each paragraph is a line, blank lines between.
    """
    from drafting.readers.docx import paragraph_lines

    return read_protocol("\n\n".join(paragraph_lines(data, source=source, marks=OPENERS)), source=source)
