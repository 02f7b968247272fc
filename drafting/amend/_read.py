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
from typing import Any

from drafting.amend._address import (
    BY_WORD, END, OPENERS, QUOTED, SPEAKS, Unread, address, plain, units, unmask,
)
from drafting.amend._lines import Sentence, sentences
from drafting.amend._wording import KIND_WORDS, cite
from drafting.amend._model import (
    END as AT_END, FRONT, HEADING, INSERTION, JOIN, RENUMBERING, REPEAL, SPLIT, SUBPARAGRAPH, SUBSTITUTION, TITLE,
    Address, Instruction, Place, Protocol,
)
from drafting.errors import DraftingError
from drafting.model import DIVISIONS, Point
from drafting.words import SUFFIXES

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
#: A formula's lead and body may take a sentence apart at any of its commas; these three look for
#: their verb first (once), so a long sentence without it is not taken apart once a comma.
_RENUMBER = re.compile(r"^(?=.+ becomes? )" + _WHERE[1:] + r"(?P<old>.+?) (?:becomes|become) (?P<new>.+?)" + END, re.I)
_REPEAL = re.compile(r"^(?=.+ (?:is|are) deleted" + END + ")" + _WHERE[1:] + r"(?P<unit>.+?) (?:is|are) deleted" + END, re.I)
_REPLACE = re.compile(r"^(?=.+ (?:is|are) replaced by the following)" + _WHERE[1:]
                      + r"(?P<unit>.+?) (?:is|are) replaced by the following(?: (?P<what>.+?))?:?$", re.I)
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
    if not kind or point.kind == kind or point.is_division != (kind in DIVISIONS):
        return point
    children = point.children
    if kind == "article":
        children = tuple(replace(c, kind="paragraph") if c.kind == "point" else c for c in children)
    return replace(point, kind=kind, word="" if kind != point.kind else point.word, children=children)




#: The words that name several units at once: "Articles 3 and 4", "points (a) to (c)".
_PLURALS = frozenset(many.lower() for _one, many in KIND_WORDS.values())


#: The most characters an instruction's own words may have, its quotations aside: an address
#: and a formula take a few dozen; past this the formulas are not tried on it.
FRAME = 1000
#: A number a unit may be given: "5", "12a", "3.1", "IV", "5 bis".
_LABEL = re.compile(rf"[^\W_][\w.-]{{0,30}}(?: (?:{'|'.join(SUFFIXES)}))?", re.I)


class _Found:
    """A formula's match, each part with its quoted words back (see `plain`)."""

    def __init__(self, match: re.Match[str], quotes: list[str]) -> None:
        self.match, self.quotes = match, quotes

    def __getitem__(self, name: str) -> Any:
        value = self.match[name]
        return None if value is None else unmask(value, self.quotes)


class Reader:
    """Sentences to instructions, keeping the unit that "is amended as follows" for its items."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.out: list[Instruction] = []
        self.within: Address = ()
        self.quotes: list[str] = []

    def error(self, s: Sentence, why: str) -> DraftingError:
        said = s.text if len(s.text) <= 300 else s.text[:300] + "…"
        return DraftingError(f"cannot read the instruction “{said}”: {why}", path=self.source or None,
                             line=s.line, hint="write it as “Article 5 is replaced by the following:”, "
                                              "“In Article 7, the words “X” are replaced by “Y”.”, "
                                              "“Article 9 is deleted.” or “Articles 10 to 14 become Articles 9 to 13.”")

    def read(self, s: Sentence) -> None:
        if not s.marker.startswith("("):
            self.within = ()
        text, self.quotes = plain(s.text)
        try:
            done = len(text) <= FRAME and self._interpret(s, text)
        except Unread as exc:
            raise self.error(s, str(exc)) from None
        if not done and (s.marker or SPEAKS.search(text)):  # a numbered item is an instruction
            raise self.error(s, "it is in no form known here" if len(text) <= FRAME else
                             f"its words outside quotation marks run to {len(text):,} characters, "
                             f"more than an instruction has ({FRAME:,})")

    def match(self, formula: re.Pattern[str], text: str) -> _Found | None:
        m = formula.match(text)
        return None if m is None else _Found(m, self.quotes)

    def add(self, instruction: Instruction) -> None:
        """Keep an instruction that makes sense: see `_checked`."""
        self.out.append(_checked(instruction))

    def at(self, where: str | None) -> Address:
        return (*self.within, *(address(where) if where else ()))

    def _interpret(self, s: Sentence, text: str) -> bool:
        m = self.match(_AMENDED, text)
        if m:
            try:
                self.within = address(m["unit"])
            except Unread:
                self.within = ()  # "The Agreement is amended as follows:": the opening line
            return True
        m = self.match(_TITLE, text)
        if m:
            self.add(Instruction(REPEAL, (Place(TITLE),)) if m["verb"].lower() == "deleted" else
                     Instruction(SUBSTITUTION, (Place(TITLE),), text=(m["a"],)))
            return True
        m = self.match(_WORDS, text)
        if m:
            return self._words(m)
        m = self.match(_HEADING, text)
        if m:
            unit = (*self.at(m["where"]), *(address(m["unit"]) if m["unit"] else ()), Place(HEADING))
            deleted = m["verb"].lower() == "deleted"
            self.add(Instruction(REPEAL if deleted else SUBSTITUTION, unit, text=() if deleted else (m["a"],)))
            return True
        m = self.match(_GIVEN, text)
        if m:
            self.add(Instruction(INSERTION, (*self.at(m["unit"]), Place(HEADING)), text=(m["a"],)))
            return True
        m = self.match(_HEADING_ADDED, text)
        if m:
            self.add(Instruction(INSERTION, (*self.at(m["where"]), Place(HEADING)), text=(m["a"],)))
            return True
        m = self.match(_INSERT, text)
        if m:
            return self._insert(s, m)
        m = self.match(_REPLACE, text)
        if m:
            return self._replace(s, m)
        m = self.match(_REPEAL, text)
        if m:
            first, *more = self._many(m["where"], m["unit"])
            self.add(Instruction(REPEAL, first, others=tuple(more)))
            return True
        m = self.match(_RENUMBER, text)
        if m:
            old = self._many(m["where"], m["old"])
            kind, labels = units(m["new"])
            if len(labels) != len(old):
                raise Unread(f"{len(old)} unit(s) cannot become {len(labels)}")
            for label in labels:
                if not _LABEL.fullmatch(label):
                    raise Unread(f"“{label if len(label) <= 40 else label[:40] + '…'}” is not a number a unit can take")
            self.add(Instruction(RENUMBERING, others=tuple(old), labels=tuple(labels)))
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

    def _words(self, m: _Found) -> bool:
        target = self.at(m["where"])
        verb = m["verb"].lower()
        if not m["a"].strip() or (verb.startswith("inserted") and m["b"] is not None and not m["b"].strip()):
            raise Unread("it quotes no words (“”)")
        if verb.startswith("deleted"):
            self.add(Instruction(REPEAL, target, old=m["a"]))
        elif verb.startswith("replaced"):
            if m["b"] is None:
                raise Unread("it says what the words are replaced by in no quotation marks")
            self.add(Instruction(SUBSTITUTION, target, old=m["a"], new=m["b"]))
        else:
            if m["b"] is None:
                raise Unread("it says where the words go in no quotation marks")
            self.add(Instruction(INSERTION, target, old=m["b"], new=m["a"], position=m["pos"].lower()))
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

    def _replace(self, s: Sentence, m: _Found) -> bool:
        targets = self._many(m["where"], m["unit"])
        last = targets[0][-1] if targets[0] else Place("")
        if last.kind in _PARTS:
            self.add(Instruction(SUBSTITUTION, targets[0], text=self._texts(s)))
            return True
        points = self._units(s, self._kind_named(m["what"], last.kind))
        if len(targets) > 1:
            self.add(Instruction(JOIN, targets[0], points, others=tuple(targets[1:])))
        else:
            self.add(Instruction(SPLIT if len(points) > 1 else SUBSTITUTION, targets[0], points))
        return True

    def _insert(self, s: Sentence, m: _Found) -> bool:
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
            self.add(Instruction(INSERTION, target, text=self._texts(s), position=position))
            return True
        fallback = target[-1].kind if position != AT_END else ""
        points = self._units(s, self._kind_named(what, fallback))
        self.add(Instruction(INSERTION, target, points, position=position))
        return True


#: The places that are text, not units: the front parts, a heading, a subparagraph.
_PARTS = frozenset((*FRONT, HEADING, SUBPARAGRAPH))


def _checked(i: Instruction) -> Instruction:
    """`i` when it makes sense, else `Unread` saying why. Formulas and addresses are read apart,
    so they can combine into nonsense that would be applied as something else: a unit added to
    the title (which took the title away), a split into no unit, a heading given no text, words
    "in" no unit, or a heading or a subparagraph of none (which went to the last article)."""
    for where in (i.target, *i.others):
        for k, p in enumerate(where):
            before = where[k - 1].kind if k else ""
            if (p.kind in FRONT and k > 0) or (p.kind in (HEADING, SUBPARAGRAPH) and k < len(where) - 1) or (
                    before in FRONT and p.kind != SUBPARAGRAPH):
                raise Unread(f"“{cite(where)}” names no place in a text")
            if p.kind in (HEADING, SUBPARAGRAPH) and not before:
                raise Unread(f"it does not say whose {'heading' if p.kind == HEADING else 'subparagraph'} it is")
    if any(not o or o[-1].kind in _PARTS for o in i.others):
        raise Unread("only units are deleted, joined or renumbered together")
    last = i.target[-1].kind if i.target else ""
    if not i.target and not (i.action == RENUMBERING or (i.action == INSERTION and i.position == AT_END and i.points)):
        raise Unread("it names no unit to amend")
    if i.words:
        return i
    if last in _PARTS:
        if i.points or i.action not in (REPEAL, SUBSTITUTION, INSERTION):
            raise Unread(f"{cite(i.target)} is text, not a unit: a unit goes before or after a unit, or at its end")
        if i.action != REPEAL and (not i.text or any(t is None for t in i.text)):
            raise Unread("the new text does not follow it (in quotation marks or as a > block quote)")
        if last == HEADING and len(i.text) > 1:
            raise Unread(f"a heading is one line, and it quotes {len(i.text)} paragraphs")
    elif i.action in (SUBSTITUTION, SPLIT, JOIN, INSERTION) and not i.points:
        raise Unread("the quoted text holds no unit: quote it with its number (“Article 5 …”, “2. …”)")
    return i


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
    return _protocol(sentences(lines, source), title, source)


def read_protocol_docx(data: bytes, *, source: str = "") -> Protocol:
    """The instructions of a protocol in a Word file, read as `read_protocol` reads its text.

    A protocol from a counterpart is as untrusted as any .docx: the Word reader opens it (zip
    bombs, entities, damage and passwords are `DraftingError`s), tracked changes read accepted
    and list numbers as Word draws them; each paragraph is a line, blank lines between.
    """
    from drafting.readers.docx import paragraph_lines

    return read_protocol("\n\n".join(paragraph_lines(data, source=source, marks=OPENERS)), source=source)
