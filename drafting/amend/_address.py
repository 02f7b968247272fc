"""The words of a protocol's sentences: addresses ("Article 5(2)", "the second subparagraph of
Article 3", "Articles 10 to 14") and the plain forms the variations of wording come down to."""

from __future__ import annotations

import re

from drafting.amend._model import CLOSING, HEADING, PARTIES, PREAMBLE, SUBPARAGRAPH, TITLE, Address, Place
from drafting.amend._wording import KIND_WORDS, ORDINALS, following
from drafting.words import kind_of

OPENERS = "“\"‘«„'"
CLOSERS = "”\"’»“'"
QUOTED = rf"[{OPENERS}](?P<{{name}}>.*?)[{CLOSERS}]"
END = r"[.;,]?(?:\s*(?:and|or))?$"
#: The most units a span may name ("Articles 1 to 999").
_RUN = 999
#: The most steps an address may have (Part, Chapter, Section, Article, paragraph, point, ...).
DEPTH = 12

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
SPEAKS = re.compile(r"\b(replaced|deleted|inserted|added|becomes?|renumbered|repealed|amended|substituted)\b", re.I)

BY_WORD = {word.lower(): kind for kind, names in KIND_WORDS.items() if kind not in ("sub", "para") for word in names}
BY_WORD.update({"art.": "article", "art": "article", "sub-paragraph": SUBPARAGRAPH, "sub-paragraphs": SUBPARAGRAPH,
                 "recital": SUBPARAGRAPH, "recitals": SUBPARAGRAPH})
_NTH = {w: n for n, w in enumerate(ORDINALS, 1)} | {"last": -1}
_FRONT_NAMES = {"the title": TITLE, "the list of the parties": PARTIES, "the list of parties": PARTIES,
                "the parties": PARTIES, "the preamble": PREAMBLE, "the closing formula": CLOSING,
                "the final formula": CLOSING, "the closing": CLOSING, "the testimonium": CLOSING}


_OPENER, _CLOSER = re.compile(f"[{OPENERS}]"), re.compile(f"[{CLOSERS}]")
#: What stands in a sentence for its n-th quotation or list while the formulas are matched.
_MARK = re.compile("\ue000(\\d+)\ue001")
#: Four numbers or more in a list: "2, 4, 6 and 8", "(a), (c), (e), (g)".
_NUMBER = r"\(?\w(?:[\w.-]{0,38}\w)?\)?"
_LIST = re.compile(rf"(?<![\w.()-])(?:{_NUMBER}(?:, | and )){{3,}}{_NUMBER}(?![\w(-])")


class Unread(ValueError):
    """A sentence that is not in a known form (the caller says where)."""


def plain(sentence: str) -> tuple[str, list[str]]:
    """The sentence in the plain forms the formulas are written in, each quotation's words and
    each list of numbers stood in for by a mark (`unmask` puts them back), and those pieces.

    A quotation runs from an opening mark to the next closing one, as `QUOTED` reads it, found
    in one pass: the formulas then never scan a long or unclosed quotation again and again (a
    sentence of 30,000 opening marks took minutes), and the quoted words, the protocol's own,
    are never changed. What is left is an instruction's own words, a few dozen whatever it
    quotes or lists ("Points 2, 4, 6, … and 998 are deleted")."""
    text = " ".join(sentence.split()).replace("\ue000", "\ufffd").replace("\ue001", "\ufffd")
    parts: list[str] = []
    quotes: list[str] = []
    k = start = 0  # text[k:] is not in `parts` yet; opening marks are looked for from `start`
    while (opens := _OPENER.search(text, start)) and (closes := _CLOSER.search(text, opens.end())):
        parts += [text[k:opens.end()], f"\ue000{len(quotes)}\ue001"]
        quotes.append(text[opens.end():closes.start()])
        k, start = closes.start(), closes.end()  # the closing mark stays, and opens nothing
    parts.append(text[k:])
    frame = "".join(parts)
    for pattern, repl in _PLAIN_RE:
        frame = pattern.sub(repl, frame)

    def listed(m: re.Match[str]) -> str:
        quotes.append(m[0])
        return f"\ue000{len(quotes) - 1}\ue001"

    return _LIST.sub(listed, frame), quotes


def unmask(text: str, quotes: list[str]) -> str:
    """`text`, a part of a sentence from `plain`, with its quoted words back."""
    return _MARK.sub(lambda m: quotes[int(m[1])], text)


def label_of(kind: str, text: str) -> str:
    text = text.strip()
    return text[1:-1].strip() if text.startswith("(") and text.endswith(")") else text


def kind_named(word: str, label: str) -> str:
    w = word.lower()
    if w in ("point", "points"):
        return "sub" if label.startswith("(") else "point"
    if w in BY_WORD:
        return BY_WORD[w]
    known = kind_of(word)
    if known is None:
        raise Unread(f"{word!r} is not a kind of unit known here")
    return known[0]


_ONE = re.compile(r"^(?:the )?(?P<nth>\w+) (?:(?P<unnumbered>unnumbered) )?(?P<word>[\w.-]+)$", re.I)
_NUMBERED = re.compile(r"^(?P<word>[^\W\d][\w.-]*|§)\s+(?P<label>.+)$")
_EU = re.compile(r"^(?P<word>Article|Art\.?)\s*(?P<label>[\w]+(?: (?:bis|ter|quater|quinquies))?)(?P<rest>(?:\([^)]+\))+)$", re.I)


def _rank(word: str) -> int | None:
    """"second" -> 2, "22nd" -> 22 (as `nth` writes past the twentieth), "last" -> -1; None for
    a word that is no rank."""
    if word.lower() in _NTH:
        return _NTH[word.lower()]
    digits = re.fullmatch(r"(\d{1,9})(?:st|nd|rd|th)", word, re.I)
    if digits is None:
        return None
    if int(digits[1]) == 0:
        raise Unread(f"there is no {word} unit: ranks count from the first")
    return int(digits[1])


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
    rank = _rank(one["nth"]) if one else None
    if one and rank is not None:
        kind = kind_named(one["word"], "")
        if rank < 0 and kind != SUBPARAGRAPH:
            raise Unread(f"{text!r}: “the last” names a subparagraph or a recital; name a unit by its "
                         "number or its rank (“the third indent”)")
        return [Place(kind if one["unnumbered"] is None or kind != "paragraph" else "para", ordinal=rank)]
    if one and text.lower().startswith("the "):
        raise Unread(f"“{one['nth']}” is no rank known here: write “the second”, “the 22nd” or “the last”")
    numbered = _NUMBERED.match(text)
    if numbered is None:
        raise Unread(f"{text!r} names no unit")
    label = numbered["label"]
    return [Place(kind_named(numbered["word"], label), label_of("", label))]


def address(text: str) -> Address:
    """"Article 5, paragraph 2, point (a)", "point (a) of paragraph 2 of Article 5", "Article 5(2)"."""
    text = text.strip().rstrip(",")
    parts = text.split(" of ")[::-1] if " of " in text and "," not in text else re.split(r",\s*", text)
    if len(parts) > DEPTH:
        raise Unread(f"it names {len(parts):,} units one inside another; a treaty nests at most {DEPTH}")
    out: list[Place] = []
    for part in parts:
        if part:
            out += place(part)
    return tuple(out)


def units(text: str) -> tuple[str, list[str]]:
    """"Articles 10 to 14" -> ("article", ["10", ..., "14"]) given the scheme; "points (a) and (b)"."""
    m = re.match(r"^(?P<word>[^\W\d][\w.-]*)\s+(?P<rest>.+)$", text.strip())
    if m is None:
        raise Unread(f"{text!r} names no units")
    rest = m["rest"]
    kind = kind_named(m["word"], rest)
    span = re.fullmatch(r"(?P<a>\S+(?: (?:bis|ter|quater))?) to (?P<b>\S+(?: (?:bis|ter|quater))?)", rest)
    if span:
        a, b = label_of(kind, span["a"]), label_of(kind, span["b"])
        run = following(a, _RUN) or []
        if b in run:
            return kind, run[:run.index(b) + 1]
        raise Unread(f"cannot count from {span['a']} to {span['b']}" + (f" in {_RUN} steps" if run else ""))
    labels = [label_of(kind, x) for x in re.split(r",\s*|\s+and\s+", rest) if x.strip()]
    return kind, labels
