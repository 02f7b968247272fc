"""Reading an amending protocol: the drafters' formulas back into instructions.

A protocol is read as lines (Markdown, plain text, or the paragraphs of a Word file): each
instruction is a sentence, numbered "1." or lettered "(a)" under "Article 5 is amended as
follows:", and the new text it quotes follows it, as a Markdown block quote or between
quotation marks. The usual variations of wording are taken ("shall be replaced", "is
repealed", "shall read as follows", "the following paragraph is added"); a sentence that
speaks of replacing, deleting, inserting or renumbering, or a numbered item, in no form known
here is an error naming its line, never skipped; other sentences (the protocol's own title,
preamble and final clauses) are passed over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from drafting.amend._model import (
    CLOSING, END, FRONT, HEADING, INSERTION, JOIN, PARTIES, PREAMBLE, RENUMBERING, REPEAL,
    SPLIT, SUBPARAGRAPH, SUBSTITUTION, TITLE, Address, Instruction, Place, Protocol,
)
from drafting.amend._wording import KIND_WORDS, ORDINALS, following
from drafting.errors import DraftingError
from drafting.model import Point
from drafting.words import kind_of

_Q = "“\"‘«„'"
_QE = "”\"’»“'"
QUOTED = rf"[{_Q}](?P<{{name}}>.*?)[{_QE}]"
_END = r"[.;,]?(?:\s*(?:and|or))?$"

#: The plain forms of the variations drafters write, applied before the formulas are matched.
_PLAIN = [
    (r"\bshall be\b", "is"), (r"\bare hereby\b", "are"), (r"\bis hereby\b", "is"), (r"\bshall become\b", "becomes"),
    (r"\bis repealed\b", "is deleted"), (r"\bare repealed\b", "are deleted"), (r"\bis omitted\b", "is deleted"),
    (r"\bare omitted\b", "are deleted"), (r"\bis struck out\b", "is deleted"),
    (r"\b(is|are) replaced with\b", r"\1 replaced by"), (r"\b(is|are) substituted by\b", r"\1 replaced by"),
    (r"\b(is|are) (?:amended to )?read as follows:", r"\1 replaced by the following:"),
    (r"\b(?:is|are) renumbered (?:as )?", "becomes "), (r"\bthe following text\b", "the following"),
    (r"\bshall read\b", "is replaced by the following"), (r"\bthe term\b", "the words"),
    (r"\s+of (?:the|this|that) (?:Agreement|Treaty|Convention|Protocol|Plan|Framework|Memorandum|Charter|"
     r"Accord|Act|Text|Declaration|Arrangement)\b", ""), (r"\bin the text of\b", "in"),
    (r"\bthe expression\b", "the words"), (r"\bthe phrase\b", "the words"),
]
_PLAIN_RE = [(re.compile(a, re.I), b) for a, b in _PLAIN]
_SPEAKS = re.compile(r"\b(replaced|deleted|inserted|added|becomes?|renumbered|repealed|amended|substituted)\b", re.I)

_BY_WORD = {word.lower(): kind for kind, names in KIND_WORDS.items() if kind not in ("sub", "para") for word in names}
_BY_WORD.update({"art.": "article", "art": "article", "sub-paragraph": SUBPARAGRAPH, "sub-paragraphs": SUBPARAGRAPH,
                 "recital": SUBPARAGRAPH, "recitals": SUBPARAGRAPH})
_NTH = {w: n for n, w in enumerate(ORDINALS, 1)} | {"last": -1}
_FRONT_NAMES = {"the title": TITLE, "the list of the parties": PARTIES, "the list of parties": PARTIES,
                "the parties": PARTIES, "the preamble": PREAMBLE, "the closing formula": CLOSING,
                "the final formula": CLOSING, "the closing": CLOSING, "the testimonium": CLOSING}


_QUOTES = re.compile(rf"([{_Q}].*?[{_QE}])")


class Unread(ValueError):
    """A sentence that is not in a known form (the caller says where)."""


def plain(sentence: str) -> str:
    """The sentence in the plain forms the formulas are written in."""
    parts = _QUOTES.split(" ".join(sentence.split()))
    for k in range(0, len(parts), 2):  # the quoted words are the protocol's, never changed
        for pattern, repl in _PLAIN_RE:
            parts[k] = pattern.sub(repl, parts[k])
    return "".join(parts)


def _label(kind: str, text: str) -> str:
    text = text.strip()
    return text[1:-1].strip() if text.startswith("(") and text.endswith(")") else text


def _kind(word: str, label: str) -> str:
    w = word.lower()
    if w in ("point", "points"):
        return "sub" if label.startswith("(") else "point"
    if w in _BY_WORD:
        return _BY_WORD[w]
    known = kind_of(word)
    if known is None:
        raise Unread(f"{word!r} is not a kind of unit known here")
    return known[0]


_ONE = re.compile(r"^(?:the )?(?P<nth>\w+) (?:(?P<unnumbered>unnumbered) )?(?P<word>[\w.-]+)$", re.I)
_NUMBERED = re.compile(r"^(?P<word>[^\W\d][\w.-]*|§)\s+(?P<label>.+)$")
_EU = re.compile(r"^(?P<word>Article|Art\.?)\s*(?P<label>[\w]+(?: (?:bis|ter|quater|quinquies))?)(?P<rest>(?:\([^)]+\))+)$", re.I)


def place(text: str) -> list[Place]:
    """One step of an address, or two for EU's "Article 5(2)(a)"."""
    text = text.strip()
    if text.lower() in _FRONT_NAMES:
        return [Place(_FRONT_NAMES[text.lower()])]
    if text.lower() in ("the heading", "heading"):
        return [Place(HEADING)]
    eu = _EU.match(text)
    if eu:
        inner = re.findall(r"\(([^)]+)\)", eu["rest"])
        out = [Place("article", eu["label"])]
        out += [Place("paragraph" if k == 0 and p.isdigit() else "sub", p) for k, p in enumerate(inner)]
        return out
    one = _ONE.match(text)
    if one and one["nth"].lower() in _NTH:
        kind = _kind(one["word"], "")
        return [Place(kind if one["unnumbered"] is None or kind != "paragraph" else "para",
                      ordinal=_NTH[one["nth"].lower()])]
    numbered = _NUMBERED.match(text)
    if numbered is None:
        raise Unread(f"{text!r} names no unit")
    label = numbered["label"]
    return [Place(_kind(numbered["word"], label), _label("", label))]


def address(text: str) -> Address:
    """"Article 5, paragraph 2, point (a)", "paragraph 2 of Article 5", "Article 5(2)"."""
    text = text.strip().rstrip(",")
    if " of " in text and "," not in text:
        inner, outer = text.rsplit(" of ", 1)
        return (*address(outer), *address(inner))
    out: list[Place] = []
    for part in re.split(r",\s*", text):
        if part:
            out += place(part)
    return tuple(out)


def units(text: str) -> tuple[str, list[str]]:
    """"Articles 10 to 14" -> ("article", ["10", ..., "14"]) given the scheme; "points (a) and (b)"."""
    m = re.match(r"^(?P<word>[^\W\d][\w.-]*)\s+(?P<rest>.+)$", text.strip())
    if m is None:
        raise Unread(f"{text!r} names no units")
    rest = m["rest"]
    kind = _kind(m["word"], rest)
    span = re.fullmatch(r"(?P<a>\S+(?: (?:bis|ter|quater))?) to (?P<b>\S+(?: (?:bis|ter|quater))?)", rest)
    if span:
        a, b = _label(kind, span["a"]), _label(kind, span["b"])
        for n in range(1, 1000):
            run = following(a, n)
            if run is None:
                break
            if run[-1] == b:
                return kind, run
        raise Unread(f"cannot count from {span['a']} to {span['b']}")
    labels = [_label(kind, x) for x in re.split(r",\s*|\s+and\s+", rest) if x.strip()]
    return kind, labels


@dataclass
class _Sentence:
    text: str
    line: int
    marker: str = ""
    quoted: list[str] = field(default_factory=list)


_ITEM = re.compile(r"^(?:(?P<num>\d+)[.)]|\((?P<paren>\d+)\)|\((?P<letter>[a-z]{1,3}|[ivx]+)\))\s+(?P<text>.*)$")
_OPENS = re.compile(rf"^[{_Q}]")
_CLOSES = re.compile(rf"[{_QE}][.;,]?(?:\s*(?:and|or))?$")


_PARTNER = {"“": "”", "‘": "’", "«": "»", "„": "“"}


def _quotation(lines: list[str], k: int) -> tuple[list[str], int]:
    """The lines quoted from line `k` on, without their quotation marks, and the line after.

    Curly quotes nest: the quotation ends where its closing mark balances its opening one,
    so a quoted article may itself quote a term; straight quotes end at the first line that
    ends with one."""
    opener = lines[k].strip()[0]
    closer = _PARTNER.get(opener, opener)
    depth, block = 0, []
    while k < len(lines):
        line = lines[k]
        block.append(line)
        k += 1
        if opener != closer:
            depth += line.count(opener) - line.count(closer)
            if depth <= 0:
                break
        elif len(block) > 1 or line.strip().count(opener) > 1:
            if _CLOSES.search(line.strip()):
                break
    indent = min(len(b) - len(b.lstrip()) for b in block if b.strip())
    block = [b[indent:] for b in block]
    block[0] = block[0].lstrip()[1:]
    block[-1] = re.sub(rf"{re.escape(closer)}[.;,]?(?:\s*(?:and|or))?$", "", block[-1].rstrip())
    return block, k


def sentences(lines: list[str]) -> list[_Sentence]:
    """The protocol's sentences with the text each quotes, in order."""
    out: list[_Sentence] = []
    k = 0
    while k < len(lines):
        raw = lines[k]
        line = raw.strip()
        if not line:
            k += 1
            continue
        if line.startswith(">"):  # a Markdown block quote: the new text
            block = []
            while k < len(lines) and lines[k].strip().startswith(">"):
                block.append(re.sub(r"^\s*> ?", "", lines[k]))
                k += 1
            if out:
                out[-1].quoted.extend(block)
            continue
        if _OPENS.match(line) and out and out[-1].text.endswith(":") and not out[-1].quoted:
            block, k = _quotation(lines, k)
            out[-1].quoted.extend(block)
            continue
        text, start = [line], k
        k += 1
        while k < len(lines) and lines[k].strip() and not lines[k].strip().startswith(">") and not _ITEM.match(
                lines[k].strip()) and not text[-1].endswith((":", ".", ";")):
            text.append(lines[k].strip())
            k += 1
        whole = " ".join(text).strip("*# ")
        item = _ITEM.match(whole)
        marker = ""
        if item:
            marker, whole = item["num"] or item["paren"] or f"({item['letter']})", item["text"]
        out.append(_Sentence(whole.strip().strip("*").strip(), start + 1, marker))
    return out






_WHERE = r"^(?:In (?P<where>.+?), )?"
_WORDS = re.compile(r"^(?:In (?P<where>.+?),? )?the words? " + QUOTED.format(name="a") + r" (?:is|are) (?P<verb>deleted|replaced by"
                    r"(?: the words?)?|inserted (?P<pos>after|before)(?: the words?)?)(?: "
                    + QUOTED.format(name="b") + r")?" + _END, re.I)
_HEADING = re.compile(r"^The heading of (?P<unit>.+?) is (?P<verb>deleted|replaced by)(?: " + QUOTED.format(name="a")
                      + r")?" + _END, re.I)
_GIVEN = re.compile(r"^(?P<unit>.+?) is given the heading " + QUOTED.format(name="a") + _END, re.I)
_HEADING_ADDED = re.compile(_WHERE + r"the heading " + QUOTED.format(name="a") + r" is (?:added|inserted)" + _END, re.I)
_TITLE = re.compile(r"^The title(?: of (?:the|this) .+?)? is (?P<verb>deleted|replaced by)(?: "
                    + QUOTED.format(name="a") + r")?" + _END, re.I)
_AMENDED = re.compile(r"^(?P<unit>.+?) (?:is|are) amended as follows:?$", re.I)
_RENUMBER = re.compile(_WHERE + r"(?P<old>.+?) (?:becomes|become) (?P<new>.+?)" + _END, re.I)
_REPEAL = re.compile(_WHERE + r"(?P<unit>.+?) (?:is|are) deleted" + _END, re.I)
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


class Reader:
    """Sentences to instructions, keeping the unit that "is amended as follows" for its items."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.out: list[Instruction] = []
        self.within: Address = ()

    def error(self, s: _Sentence, why: str) -> DraftingError:
        return DraftingError(f"cannot read the instruction “{s.text}”: {why}", path=self.source or None,
                             line=s.line, hint="write it as “Article 5 is replaced by the following:”, "
                                              "“In Article 7, the words “X” are replaced by “Y”.”, "
                                              "“Article 9 is deleted.” or “Articles 10 to 14 become Articles 9 to 13.”")

    def read(self, s: _Sentence) -> None:
        if not s.marker.startswith("("):
            self.within = ()
        text = plain(s.text)
        try:
            done = self._interpret(s, text)
        except Unread as exc:
            raise self.error(s, str(exc)) from None
        if not done and (s.marker or _SPEAKS.search(text)):  # a numbered item is an instruction
            raise self.error(s, "it is in no form known here")

    def at(self, where: str | None) -> Address:
        return (*self.within, *(address(where) if where else ()))

    def _interpret(self, s: _Sentence, text: str) -> bool:
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
            unit = (*self.at(None), *address(m["unit"]), Place(HEADING))
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
        if re.match(r"^(?:the )?\w+ \S", text) and not re.search(r"\s(?:and|to)\s|,", text):
            return [(*base, *address(text))]
        try:
            kind, labels = units(text)
        except Unread:
            return [(*base, *address(text))]
        if text.split()[0].lower() in ("the",):
            return [(*base, *address(text))]
        return [(*base, Place(kind, label)) for label in labels]

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
        if what:
            try:
                return units(what)[0] if not what.lower().startswith("the ") else fallback
            except Unread:
                first = what.split()[0].lower()
                return _BY_WORD.get(first, "sub" if first == "point" else fallback)
        return fallback

    def _replace(self, s: _Sentence, m: re.Match[str]) -> bool:
        targets = self._many(m["where"], m["unit"])
        last = targets[0][-1]
        if last.kind in FRONT or last.kind == SUBPARAGRAPH:
            self.out.append(Instruction(SUBSTITUTION, targets[0], text=_block_text(s.quoted)))
            return True
        if not s.quoted:
            raise Unread("the new text does not follow it (as a > block quote or in quotation marks)")
        points = _block_points(s.quoted, self._kind_named(m["what"], last.kind), self.source)
        if len(targets) > 1:
            self.out.append(Instruction(JOIN, targets[0], points, others=tuple(targets[1:])))
        else:
            self.out.append(Instruction(SPLIT if len(points) > 1 else SUBSTITUTION, targets[0], points))
        return True

    def _insert(self, s: _Sentence, m: re.Match[str]) -> bool:
        what = m["what"]
        if m["anchor"]:
            target, position = (*self.at(m["where"]), *address(m["anchor"])), m["pos"].lower()
        else:
            target, position = (*self.at(m["where"]), *(address(m["to"]) if m["to"] else ())), END
        if what.lower().split()[-1] in ("subparagraph", "subparagraphs", "recital", "recitals"):
            if position != END and target[-1].kind != SUBPARAGRAPH:
                raise Unread("a subparagraph goes after or before another subparagraph")
            if position == END:
                target = (*target, Place(SUBPARAGRAPH))
            self.out.append(Instruction(INSERTION, target, text=_block_text(s.quoted), position=position))
            return True
        if not s.quoted:
            raise Unread("the new text does not follow it (as a > block quote or in quotation marks)")
        fallback = target[-1].kind if position != END else ""
        points = _block_points(s.quoted, self._kind_named(what, fallback), self.source)
        self.out.append(Instruction(INSERTION, target, points, position=position))
        return True


_TITLE_LINE = re.compile(r"^#\s+(?P<title>.+)$")


def read_protocol(text: str, *, source: str = "") -> Protocol:
    """The instructions of a protocol written in the drafters' formulas (Markdown or plain text)."""
    lines = text.removeprefix("\ufeff").splitlines()
    title = ""
    for line in lines:
        if line.strip():
            m = _TITLE_LINE.match(line.strip())
            title = (m["title"] if m else line).strip()
            break
    reader = Reader(source)
    for s in sentences(lines):
        reader.read(s)
    if not reader.out:
        raise DraftingError("no amending instruction found", path=source or None,
                            hint="a protocol says “Article 5 is replaced by the following:”, "
                                 "“Article 9 is deleted.” and the like, one instruction a paragraph")
    return Protocol(title=title, instructions=tuple(reader.out))
