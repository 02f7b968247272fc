"""Defined terms: where a draft defines them, whether it uses them, and near-miss spellings.

A definition is one of the forms treaties write, in straight or curly quotes: `"X" means`,
`"X" shall mean`, `(the "X")`, `(hereinafter "X")`, `hereinafter referred to as "X"`. The
clause library's `terms` count as defined too. "Used but not defined" is kept to what is
clearly a defined-term use: a capitalised "the X" that misspells a defined term, or a term the
older version defined and this one still uses without defining it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from drafting.check._finding import Finding
from drafting.check._text import Passage, Unit, sentence_at

_TERM = r"[\"“”](?P<term>[^\"“”\n\u2029]{1,80}?)[\"”“]"
_MEANS = re.compile(_TERM + r"\s*,?\s+(?:shall\s+mean|means|shall\s+have\s+the\s+meaning|has\s+the\s+meaning"
                    r"|shall\s+refer\s+to|refers\s+to)\b")
_AS = r"(?:\s+(?:jointly\s+|collectively\s+|together\s+)?(?:referred\s+to\s+as|called))?\s*,?\s*"
_PAREN = re.compile(r"\((?:hereinafter" + _AS + r")?(?:the\s+)?" + _TERM + r"\s*\)")
_HEREINAFTER = re.compile(r"(?<!\()\bhereinafter" + _AS + r"\s" + _TERM)
_PHRASE = re.compile(r"\b[Tt]he\s+([A-Z][\w'’-]+(?:\s+(?:of\s+|for\s+|on\s+|and\s+)?[A-Z][\w'’-]+)*)")
_PLURAL = re.compile(r"(?:s|es|'s|’s)$")
#: How alike a capitalised phrase and a defined term must be to call the phrase a misspelling.
NEAR = 88.0


@dataclass(frozen=True, slots=True)
class Definition:
    """A term as defined: where, the span of the defining words, and what it is defined as."""

    term: str
    where: str
    passage: int
    start: int
    end: int
    meaning: str


def name(term: str) -> str:
    """The term as it is used: "the Parties" is used as "Parties" ("each of the Parties")."""
    return re.sub(r"^(?:the|The)\s+", "", " ".join(term.split()))


def definitions(texts: list[Passage], found: list[Unit]) -> list[Definition]:
    """Every definition, in reading order (a term defined twice is listed twice)."""
    out: list[tuple[int, Definition]] = []
    for i, passage in enumerate(texts):
        text = passage.text
        for pattern in (_MEANS, _PAREN, _HEREINAFTER):
            for match in pattern.finditer(text):
                if pattern is _MEANS:
                    meaning = text[match.end():]
                    if meaning.rstrip().endswith(":") and 0 <= passage.unit < len(found):
                        meaning += " " + " ".join(c.text for c in found[passage.unit].point.children)
                else:
                    start, _ = sentence_at(text, match.start())
                    meaning = text[start:match.start()]
                out.append((match.start(), Definition(match["term"], passage.where, i, match.start(),
                                                      match.end(), " ".join(meaning.split()))))
    return [d for _at, d in sorted(out, key=lambda pair: (pair[1].passage, pair[0]))]


def _forms(term: str) -> list[str]:
    """`term` as used: its name, and the singular of a plural name ("each Party" uses "the Parties")."""
    used = name(term)
    if used.endswith("ies"):
        return [used, used[:-3] + "y"]
    return [used, used[:-1]] if used.endswith("s") and not used.endswith("ss") and len(used) > 3 else [used]


def _pattern(terms: Iterable[str], fold: bool) -> re.Pattern[str] | None:
    chosen = sorted({f for t in terms if fold == (name(t) == name(t).lower()) for f in _forms(t)},
                    key=len, reverse=True)
    if not chosen:
        return None
    body = "|".join(re.escape(t) for t in chosen)
    return re.compile(rf"(?<![\w-])(?:{body})(?:s|es|'s|’s)?(?![\w-])", re.IGNORECASE if fold else 0)


def uses(texts: list[Passage], defined: list[Definition], terms: Iterable[str]) -> dict[str, int]:
    """How often each term (by `name`, folded) is used outside its definitions."""
    terms = list(terms)
    skip: dict[int, list[tuple[int, int]]] = {}
    for d in defined:  # the defining words, and for "(the X)" the sentence before them
        start = d.start if _MEANS.match(texts[d.passage].text, d.start) else sentence_at(texts[d.passage].text,
                                                                                          d.start)[0]
        skip.setdefault(d.passage, []).append((start, d.end))
    of_form = {form.casefold(): name(t).casefold() for t in terms for form in reversed(_forms(t))}
    counts = {name(t).casefold(): 0 for t in terms}
    patterns = [p for p in (_pattern(terms, False), _pattern(terms, True)) if p is not None]
    for i, passage in enumerate(texts):
        for pattern in patterns:
            for match in pattern.finditer(passage.text):
                if any(a <= match.start() < b for a, b in skip.get(i, ())):
                    continue
                used = match.group(0).casefold()
                key = of_form.get(used) or of_form.get(_PLURAL.sub("", used))
                if key is not None:
                    counts[key] += 1
    return counts


def unused(texts: list[Passage], defined: list[Definition]) -> Iterator[Finding]:
    """Terms the draft defines and never uses."""
    counts = uses(texts, defined, [d.term for d in defined])
    seen: set[str] = set()
    for d in defined:
        key = name(d.term).casefold()
        if counts.get(key, 0) == 0 and key not in seen:
            seen.add(key)
            yield Finding("term-unused", d.where, d.term, f"“{d.term}” is defined here but never used")


def misspelt(texts: list[Passage], defined: list[Definition], library: Iterable[str]) -> Iterator[Finding]:
    """Capitalised "the X" that is a near miss of a defined term, and not itself defined."""
    terms = {name(t) for t in [*(d.term for d in defined), *library]}
    folded = {t.casefold() for t in terms}
    choices = [t for t in terms if len(t) >= 5]
    if not choices:
        return
    reported: set[str] = set()
    for passage in texts:
        for match in _PHRASE.finditer(passage.text):
            phrase = match.group(1)
            key = phrase.casefold()
            if key in reported or key in folded or _PLURAL.sub("", key) in folded or len(phrase) < 5:
                continue
            best = process.extractOne(key, choices, scorer=fuzz.ratio, processor=str.casefold, score_cutoff=NEAR)
            if best is None or _variant(key, best[0].casefold()):
                continue
            reported.add(key)
            yield Finding("term-undefined", passage.where, phrase,
                          f"“{phrase}” is not defined; did you mean the defined term “{best[0]}”?")


def _variant(phrase: str, term: str) -> bool:
    """A plural, a possessive or a longer name of a term is not a misspelling of it."""
    return (_PLURAL.sub("", phrase) == _PLURAL.sub("", term) or term in phrase or phrase in term)


def undefined_since(texts: list[Passage], defined: list[Definition], old: list[Definition]) -> Iterator[Finding]:
    """Terms the older version defined, this one no longer does, and still uses."""
    now = {name(d.term).casefold() for d in defined}
    gone = {name(d.term).casefold(): d.term for d in old if name(d.term).casefold() not in now}
    counts = uses(texts, defined, gone.values())
    for key, term in gone.items():
        if counts.get(key, 0) == 0:
            continue
        pattern = _pattern([term], name(term) == name(term).lower())
        passage = next((p for p in texts if pattern is not None and pattern.search(p.text)), None)
        if passage is None:
            continue
        yield Finding("term-undefined", passage.where, term,
                      f"“{term}” is used but no longer defined (the older version defined it)")


def changed(defined: list[Definition], old: list[Definition]) -> Iterator[Finding]:
    """Terms defined in both versions whose definitions differ."""
    before = {name(d.term).casefold(): d for d in old}
    for d in defined:
        was = before.pop(name(d.term).casefold(), None)
        if was is not None and _plain(was.meaning) != _plain(d.meaning):
            yield Finding("term-changed", d.where, d.term,
                          f"the definition of “{d.term}” changed: it was “{_short(was.meaning)}”")


def _plain(text: str) -> str:
    return " ".join(text.translate(str.maketrans("“”‘’", "\"\"''")).split())


def _short(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[:width].rstrip() + "…"
