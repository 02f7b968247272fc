"""Numbers that contradict each other: one quantity given two values, one act two time limits.

Kept simple and precise: two numbers conflict only when the words that say what they count
match (the same noun after the number, and mostly the same words before it), and they stand
in different units (a range in one sentence is no conflict).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from drafting.check._finding import Finding
from drafting.check._text import Passage, content_words, sentence_at
from drafting.words import NUMBER_WORDS

_TIME_UNITS = {"hour": 1, "day": 24, "week": 168, "month": 720, "year": 8760}
_MULTIPLIERS = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_SPELLED = "|".join(sorted((w for w in NUMBER_WORDS if w.isalpha() and w.isascii()), key=len, reverse=True))
_NUMBER = r"(?<![\w.,/-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w,.]\d)"
_QUANTITY = re.compile(rf"(?:\b(USD|EUR|US\$|\$|€)\s?)?{_NUMBER}(?:\s+(thousand|million|billion|trillion))?"
                       r"(?:\s+([a-z][a-z-]+))?")
_TIME = re.compile(rf"\b(within|no later than|not later than|for a period of|for|after|before|at least)\s+"
                   rf"(?:(\d+)|({_SPELLED}))(?:\s+\(\d+\))?\s+(hours?|days?|weeks?|months?|years?)\b", re.I)
_MODAL = re.compile(r"\b(?:shall|must|will|may|undertakes? to|agrees? to)\b")
_NOT_NOUNS = frozenset("""a an the of and or in on at to by for from with per shall may will must is are be
percent per-cent""".split())


@dataclass(frozen=True, slots=True)
class _Value:
    where: str
    unit: int
    amount: float
    words: str
    what: frozenset[str]
    context: str


def _quantities(texts: list[Passage]) -> Iterator[tuple[str, _Value]]:
    for passage in texts:
        text = passage.text
        for match in _QUANTITY.finditer(text):
            currency, number, times, noun = match.groups()
            nouns = content_words(noun) if noun and noun not in _NOT_NOUNS else []
            if not nouns and not (times and currency):
                continue
            if nouns and nouns[0].rstrip("s") in _TIME_UNITS:
                continue
            start, _ = sentence_at(text, match.start())
            what = frozenset(content_words(text[start:match.start()]))
            amount = float(number.replace(",", "")) * _MULTIPLIERS.get(times or "", 1)
            unit = " ".join(w for w in (currency, times, nouns[0] if nouns else "") if w)
            yield unit, _Value(passage.where, passage.unit, amount, match.group(0).strip(), what,
                               _tail(text[start:match.start()]))


def _times(texts: list[Passage]) -> Iterator[tuple[str, _Value]]:
    for passage in texts:
        text = passage.text
        for match in _TIME.finditer(text):
            start, _ = sentence_at(text, match.start())
            modal = None
            for modal in _MODAL.finditer(text, start, match.start()):
                pass
            if modal is None:  # "After ... for ten years, any Party may ...": the act comes later
                continue
            act = frozenset(content_words(text[modal.end():match.start()]))
            if len(act) < 2:
                continue
            count = int(match[2]) if match[2] else NUMBER_WORDS[match[3].lower()]
            amount = count * _TIME_UNITS[match[4].lower().rstrip("s")]
            yield match[1].lower() + " " + " ".join(sorted(act)), _Value(
                passage.where, passage.unit, amount, match.group(0), act, _tail(text[start:match.start()]))


def _tail(text: str, width: int = 70) -> str:
    """The last words of `text`, about `width` characters, "…" before when cut."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[-width:]
    return "…" + cut[cut.find(" ") + 1:] if " " in cut else "…" + cut


def _alike(a: frozenset[str], b: frozenset[str]) -> bool:
    shared = len(a & b)
    return shared >= 2 and shared >= 0.75 * min(len(a), len(b))


def _conflicts(found: Iterator[tuple[str, _Value]], exact: bool) -> Iterator[tuple[_Value, _Value]]:
    """Pairs (first, later) of values for the same thing that differ; each later value once.

    Values are grouped by what they count; within a group, only values that share one of their
    two rarest words are compared, so a long plan is not compared all pairs with all pairs."""
    groups: dict[str, list[_Value]] = defaultdict(list)
    for key, value in found:
        groups[key].append(value)
    for values in groups.values():
        if len({v.amount for v in values}) < 2:
            continue
        df = Counter(w for v in values for w in v.what)
        postings: dict[str, list[int]] = defaultdict(list)
        for i, value in enumerate(values):
            rare = sorted(value.what, key=lambda w: (df[w], w))[:2]
            seen: set[int] = set()
            for word in rare:
                for j in postings[word]:
                    first = values[j]
                    if j in seen or first.amount == value.amount or first.unit == value.unit:
                        continue
                    seen.add(j)
                    if exact or _alike(first.what, value.what):
                        yield first, value
                        break
                else:
                    continue
                break
            for word in rare:
                postings[word].append(i)


def quantities(texts: list[Passage]) -> Iterator[Finding]:
    """The same quantity given two values ("600,000 personnel" in one point, "800,000" in another)."""
    for first, later in _conflicts(_quantities(texts), exact=False):
        yield Finding("quantity-conflict", later.where, later.words,
                      f"{later.words} here, but {first.words} in {first.where} (“{first.context}”)")


def times(texts: list[Passage]) -> Iterator[Finding]:
    """The same act given two time limits ("within 30 days" here, "within 60 days" there)."""
    for first, later in _conflicts(_times(texts), exact=True):
        yield Finding("time-conflict", later.where, later.words,
                      f"{later.words} here, but {first.words} in {first.where} for the same act (“{first.context}”)")
