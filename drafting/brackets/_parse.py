"""Square brackets in one text: where they are and what each one is.

Negotiating text stays a plain string in the tree (every writer and the word diff
take it as it is, so accept-all and reject-all stay exact); this parser is what
finds its spans. One pass with a stack pairs the brackets, so nesting and
`[[...]]` come free and a stray bracket is reported, not guessed at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: What a bracket is: text not yet agreed, one delegation's alternative, a remark on an
#: alternative, or an editor's mark that is text (`[sic]`, `[date]`, `[Deleted.]`).
OPEN, ALTERNATIVE, REMARK, EDITORIAL = "open", "alternative", "remark", "editorial"

#: A label before a colon: short, no brackets or sentence marks of its own.
_LABELLED = re.compile(r"\s*([^\[\]:;.!?\n\u2029]{1,80}?)\s*:\s+(?=\S)", re.S)
_REMARK_WORDS = re.compile(r"(?i)^(?:[\w'’ -]{0,30}\s)?(?:note|remark|comment|footnote|explanation)s?$")
#: Words that make a label a proposer's whatever its case ("European counter-proposal").
_PROPOSAL_WORDS = re.compile(r"(?i)\b(?:proposal|proposed|proposes|alt|alternative|option|variant|"
                             r"draft|position|text|version|delegation|amendment)s?\b|proposal")
_CONNECTIVES = frozenset("of the and for de du des la le et by from to".split())
#: An editor's marks and blanks: kept as text, never an open place.
_EDITORIAL = re.compile(
    r"(?ix)^(?:"
    r"(?:\.\s?){2,}\.?|…|_+|-+|\*+|x+|"
    r"sic!?|page\s+\w+|p\.\s*\d+|pp?\.\s*\d+\s*[-–]\s*\d+|"
    r"(?:text\s+)?(?:deleted|reserved|omitted|redacted|repealed|removed|not\s+used)|"
    r"(?:intentionally\s+)?(?:left\s+)?blank|this\s+page\s+(?:is\s+)?(?:intentionally\s+)?(?:left\s+)?blank|"
    r"emphasis\s+(?:added|in\s+(?:the\s+)?original|mine)|(?:footnotes?|citations?)\s+omitted|"
    r"(?:unofficial\s+|official\s+|english\s+|draft\s+)?translation|illegible|unreadable|"
    r"signatures?|signed|seals?|l\.\s?s\.|"
    r"(?:the\s+)?(?:date|place|name|names|number|day|month|year|amount|sum|time|city|country|"
    r"title|address|state|party|signatory|location|venue|figure|percentage|currency)|"
    r"(?:insert|enter|add|name\s+of|date\s+of|number\s+of|place\s+of|title\s+of|"
    r"to\s+be\s+(?:determined|confirmed|inserted|agreed|completed|added)|tbd|tbc|tba)\b.*"
    r")[.:]?$")
_FOOTNOTE_REF = re.compile(r"\d{1,3}|[*†‡]")


@dataclass(frozen=True, slots=True)
class Span:
    """One pair of brackets in a text: `start`/`end` take in both brackets.

    `inner` is where the words start after the label ("[Ukraine: the words]": at "the"),
    else `start + 1`. `depth` is 0 for an outermost span. `label` is the proposer of an
    alternative or the word of a remark ("Note").
    """

    start: int
    end: int
    kind: str
    depth: int
    inner: int
    label: str = ""

    def words(self, text: str) -> str:
        """The span's text without its brackets and label."""
        return text[self.inner:self.end - 1].strip()


@dataclass(frozen=True, slots=True)
class Parsed:
    """Every bracket span of a text in order of their opening bracket, and the stray brackets."""

    spans: tuple[Span, ...]
    unmatched: tuple[int, ...]

    def outermost(self) -> tuple[Span, ...]:
        """The spans that no other span holds."""
        return tuple(s for s in self.spans if s.depth == 0)


def parse(text: str) -> Parsed:
    """The bracket spans of `text`, each classified; a `]` with no `[` and a `[` never closed are
    `unmatched` (their positions), and do not stop the spans around them from being found."""
    if "[" not in text and "]" not in text:
        return Parsed((), ())
    stack: list[int] = []
    pairs: list[tuple[int, int, int]] = []
    stray: list[int] = []
    for match in re.finditer(r"[\[\]]", text):
        at = match.start()
        if text[at] == "[":
            stack.append(at)
        elif stack:
            start = stack.pop()
            pairs.append((start, at + 1, len(stack)))
        else:
            stray.append(at)
    stray.extend(stack)
    pairs.sort()
    spans = tuple(_classify(text, start, end, depth) for start, end, depth in pairs)
    return Parsed(spans, tuple(sorted(stray)))


def _classify(text: str, start: int, end: int, depth: int) -> Span:
    content = text[start + 1:end - 1]
    bare = content.strip()
    if _EDITORIAL.match(bare) or (_FOOTNOTE_REF.fullmatch(bare) and start and not text[start - 1].isspace() and text[start - 1] != "["):
        return Span(start, end, EDITORIAL, depth, start + 1)
    match = _LABELLED.match(content)
    if match and "[" not in match.group(1):
        label = match.group(1).strip()
        inner = start + 1 + match.end()
        if _REMARK_WORDS.match(label):
            return Span(start, end, REMARK, depth, inner, label)
        if is_label(label):
            return Span(start, end, ALTERNATIVE, depth, inner, label)
    return Span(start, end, OPEN, depth, start + 1)


def is_label(label: str) -> bool:
    """True when the words before a colon name a proposer ("Ukraine", "Alt 1", "US draft (28-point
    plan)", "Proposal of the United States") rather than begin a sentence ("In that event: ...")."""
    if " / " in label:  # the label of positions that share one text: "United States / Europe"
        return all(is_label(part.strip()) for part in label.split(" / "))
    words = label.split()
    if not words or len(words) > 9:
        return False
    if _PROPOSAL_WORDS.search(label) or "(" in label:
        return True
    first = words[0]
    if not (first[0].isupper() or first[0].isdigit()):
        return False
    if len(words) <= 3:  # "Ukraine", "20-point framework", "Chair's text"
        return True
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _CONNECTIVES or not w[0].isalpha()
               for w in words)


_PROPOSED_BY = re.compile(r"(?i)^(?:the\s+)?(?:proposal|proposed|text|position|draft|amendment)s?\s+"
                          r"(?:of|by|from)\s+(?:the\s+)?|^the\s+")


def delegations(label: str) -> tuple[str, ...]:
    """The delegations an alternative's label names, as a filter offers them: "Proposal of the
    United States of America" is "United States of America", "Europe / Ukraine" is both."""
    return tuple(dict.fromkeys(_PROPOSED_BY.sub("", part.strip()) for part in label.split(" / ")
                               if part.strip()))


#: A paragraph that is one option of several: "Option A", "Option 2:", "Alternative B.", "Variant 1 -".
OPTION = re.compile(r"^\s*((?:[Oo]ption|OPTION|[Aa]lternative|ALTERNATIVE|[Aa]lt\.?|ALT\.?|[Vv]ariant|VARIANT)"
                    r"\s+(?:[A-Z]{1,2}|\d{1,3}|[IVX]{1,4}))(?:\s*[:.)\u2013\u2014-]\s*|\s+(?=[A-Z\[\"\u201c(]))")
