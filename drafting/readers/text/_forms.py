"""Line forms: what a line of a published agreement starts with, and how numbers follow each other.

A unit start is a heading word from `drafting.words` with a number ("ARTICLE I",
"Chapitre 3", "Стаття 2", "§ 3", "Art. 5 bis", "Article One"), a plan's point
number ("5.", "5)", "IV.", "3.1", or "10" without punctuation when it continues
the sequence), a sub-point ("(a)", "b)", "(iv)") or a bullet. Numbers are kept
as written and understood as tuples (`value`), so "3.1" follows "2.4", "5 bis"
follows "5", and "Two" follows "One".
"""

from __future__ import annotations

import re
from typing import NamedTuple

from drafting import words
from drafting.numerals import ordinal as value
from drafting.model import ATTACHMENTS
from drafting.numerals import ROMAN, roman, roman_value

_WORD = re.compile(rf"(?:{words.WORD_PATTERN})(?=[\s\d:\-\u2013\u2014]|$)|§", re.IGNORECASE)
_NUMBER = re.compile(words.NUMBER_PATTERN, re.IGNORECASE)
#: After an article's number: the end, punctuation, a dash, or a space before the text.
_AFTER = re.compile(r"\s*(?:$|[.:)](?!\d)\s*|[-\u2013\u2014]+\s*)")
_UNNUMBERED_NAME = re.compile(r"\s*[:\-\u2013\u2014]\s*(\S.*)")
_POINT = re.compile(r"(\d{1,6})\s?[.)](?:\s+(.*)|$)")
_BARE = re.compile(r"(\d{1,6})\s+(\S.*)")
_DECIMAL = re.compile(r"(\d{1,4}(?:\.\d{1,4})+)\.?(?:\s+(.*)|$)")
_UPOINT = re.compile(r"([IVXLCDM]{1,8})\s?[.)](?:\s+(.*)|$)")
_SUB_PAREN = re.compile(r"\((\d{1,3}|[a-z]{1,6}|[\u0430-\u044f\u0454\u0456\u0457\u0491])\)\s*(.*)")
_SUB_BARE = re.compile(r"([a-z]{1,6}|[\u0430-\u044f\u0454\u0456\u0457\u0491])[.)](?:\s+(.*)|$)")
#: Cyrillic list letters, Ukrainian and Russian: "а)", "б)", "в)" ...
_CYRILLIC = ("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя", "абвгдежзийклмнопрстуфхцчшщэюя")
_BULLET = re.compile(r"[-*\u2022]\s+(.*)")
_ROMAN_OR_LETTER = re.compile(r"[IVXLCDM]{1,8}|[A-Z]", re.IGNORECASE)
#: A page marker an archive or a printer put between paragraphs: "[Page 1360]", "- 12 -", "12".
PAGE_MARKER = re.compile(r"\[\s*page\s+\d{1,5}\s*\]|page\s+\d{1,5}(?:\s+of\s+\d{1,5})?"
                         r"|[-\u2013\u2014]?\s*\d{1,4}\s*[-\u2013\u2014]?", re.IGNORECASE)
#: A dateline: where and when the text was signed, read as the closing wherever it stands.
DATELINE = re.compile(r"(?:signed|done|concluded|made|opened for signature)\s+(?:at|in|on)\b"
                      r"|entered into force\b|entry into force:|"
                      + "|".join(p for p in words.CLOSING_PHRASES if " whereof" not in p), re.IGNORECASE)

_FIRST = {"article": ("1", "I"), "point": ("1",), "upoint": ("I",), "digit": ("1",),
          "letter": ("a",), "roman": ("i",), "bullet": ("",)}


class Start(NamedTuple):
    """A unit begins on this line: the sequences its number may belong to, the number as
    written, the marker text ("Article 5", "(a)"), what follows on the line, the kind a
    heading word gave ("" for none) and the word as written."""

    styles: tuple[str, ...]
    label: str
    marker: str
    rest: str
    kind: str = ""
    word: str = ""
    language: str = ""
    named: bool = False  # a colon or a dash after the number: a name follows


def unit_start(s: str, md: bool) -> Start | None:
    """The unit starting line `s` (stripped, not empty), or None for plain text.

    In a Markdown heading (`md`) only units with a heading word count.
    """
    c = s[0]
    if c.isupper() or c == "§":
        found = _word_led(s)
        if found is not None or md:
            return found
    elif md:
        return None
    m: re.Match[str] | None = None
    styles: tuple[str, ...] = ()
    if c.isdigit():
        m = _POINT.match(s)
        styles = ("point",)
        if m is None:
            m = _DECIMAL.match(s)
            styles = ("decimal",)
        if m is None:
            m = _BARE.match(s)
            if m is None or not (m[2][0].isupper() or m[2][0] in "\"'\u201c(["):
                return None
            styles = ("bare",)
    elif c == "(":
        m = _SUB_PAREN.match(s)
        styles = sub_styles(m[1]) if m else ()
    elif c in "-*\u2022":
        m = _BULLET.match(s)
        if m:
            return Start(("bullet",), "", c, m[1])
    elif c in "IVXLCDM":
        m = _UPOINT.match(s)
        if m and not ROMAN.fullmatch(m[1].lower()) or m and len(m[1]) == 1 and c not in "IVX":
            m = None
        styles = ("upoint",)
    elif c.islower():
        m = _SUB_BARE.match(s)
        styles = sub_styles(m[1]) if m else ()
    if m is None or not styles:
        return None
    rest = m[2] or ""
    marker = s[: m.start(2)].rstrip() if m[2] is not None else s
    return Start(styles, m[1], marker, rest)


#: The first two letters of every heading word: most lines of text are ruled out by these alone.
_OPENINGS = frozenset(w[:2].casefold() for w in (*words.all_words(), "§"))


def _word_led(s: str) -> Start | None:
    """A unit with a heading word: "ARTICLE I", "Chapter Three: Name", "§ 3", "ANNEX"."""
    if s[:2].casefold() not in _OPENINGS and s[0] != "§":
        return None
    m = _WORD.match(s)
    if m is None:
        return None
    word = m[0]
    found = words.kind_of(word) if word != "§" else ("section", "")
    if found is None or word != "§" and not word[0].isupper():
        return None
    kind, language = found
    pos = m.end()
    while pos < len(s) and s[pos] == " ":
        pos += 1
    n = _NUMBER.match(s, pos)
    label = " ".join(n[0].split()) if n else ""
    if n and not _valid_number(label):
        n, label = None, ""
    if n is None:
        # An unnumbered division is a line of its own word ("ANNEX", "Protocol"), perhaps
        # with its name after a colon or a dash ("PROTOCOL: On privileges").
        if kind not in ATTACHMENTS:
            return None
        titled = _UNNUMBERED_NAME.fullmatch(s, m.end())
        if titled is not None and (titled[1][0].islower() or titled[1][-1] in ".;,"):
            return None  # "Annex: the points agreed." is a sentence
        if s[m.end():].strip(" .:") and titled is None:
            return None
        if titled is None:
            return Start(("division",), "", s, "", kind, word, language)
        return Start(("division",), "", s[: titled.start(1)].rstrip(), titled[1], kind, word,
                     language, True)
    after = _AFTER.match(s, n.end())
    rest_at = after.end() if after and (after.end() > n.end() or n.end() == len(s)) else n.end()
    named = after is not None and after.end() > n.end() and \
        s[n.end():after.end()].strip()[:1] in ":-\u2013\u2014"
    rest = s[rest_at:]
    if rest_at == n.end() and rest:
        # No punctuation after the number: the text follows after a space, in upper case,
        # else the line mentions a unit ("Article 5 of the Charter ...").
        if not rest[0].isspace() or not rest.lstrip()[:1].isupper() and rest.lstrip()[:1] not in "\"'\u201c«(":
            return None
        rest = rest.lstrip()
    styles = ("division",) if kind not in ("article", "section") else ("article",)
    return Start(styles, label, s[:rest_at].rstrip(), rest, kind, word, language, named)


def _valid_number(label: str) -> bool:
    head = label.split()[0]
    if head[0].isdigit():
        return True
    if words.number_value(head) is not None:
        return True
    if _ROMAN_OR_LETTER.fullmatch(head):
        return bool(ROMAN.fullmatch(head.lower())) and (head.isupper() or len(head) > 1) \
            or len(head) == 1 and head.isupper()
    return False


def sub_styles(label: str) -> tuple[str, ...]:
    """Which sequences a sub-point label can belong to: ("letter", "roman") for "i"."""
    if label.isdigit():
        return ("digit",)
    if any(label in abc for abc in _CYRILLIC):
        return ("letter",)
    roman = ROMAN.fullmatch(label) is not None
    letter = len(label) <= 3 and label == label[0] * len(label)
    if roman and letter:
        return ("letter", "roman") if len(label) == 1 else ("roman", "letter")
    return ("roman",) if roman else ("letter",) if letter else ()


# --- numbers understood ---------------------------------------------------------------


def follows(prev: str, label: str) -> bool:
    """True when `label` can come right after `prev` in one numbering: 2 -> 3, 2.4 -> 3.1,
    5 -> 5 bis -> 6, 3 -> 3.1, IV -> V."""
    p, v = value(prev), value(label)
    if p is None or v is None:
        return False
    if len(v) > len(p):
        return v[: len(p)] == p and all(x in (1, 2) for x in v[len(p):])
    for k, (a, b) in enumerate(zip(p, v, strict=False)):
        if a != b:
            return b == a + 1 and all(x == 1 for x in v[k + 1:])
    return False


def is_first(style: str, label: str) -> bool:
    """True when `label` can open a sequence of `style` ("1", "I", "a", "One", "3.1")."""
    if style in ("decimal", "article", "division") and "." in label:
        return label.endswith(".1")
    if style in ("article", "division"):
        return value(label) == (1,)
    if style == "letter" and label == "\u0430":
        return True
    return label in _FIRST.get("point" if style == "bare" else style, ())


def expected(styles: tuple[str, ...], label: str, last: dict[str, str]) -> bool:
    """True when `label` starts a sequence or follows the last label seen in one."""
    for style in styles:
        key = "point" if style == "bare" else style
        prev = last.get(key)
        if is_first(style, label) or prev is not None and (
                is_next(key, prev, label) if key == "letter" else follows(prev, label)):
            return True
    return False


def is_next(style: str, prev: str, label: str) -> bool:
    """True when `label` comes right after `prev` in a sequence of `style` (any alphabet)."""
    if label == next_label(style, prev):
        return True
    return style == "letter" and any(
        prev in abc and abc.index(prev) + 1 < len(abc) and abc[abc.index(prev) + 1] == label
        for abc in _CYRILLIC)


def next_label(style: str, label: str) -> str:
    """The label right after `label` in a sequence of `style` ("b" after "a", "iv" after "iii")."""
    if label.isdigit():
        return str(int(label) + 1)
    if style in ("upoint", "article"):
        return roman(roman_value(label) + 1) if ROMAN.fullmatch(label.lower()) else ""
    if style == "decimal":
        head, _, tail = label.rpartition(".")
        return f"{head}.{int(tail) + 1}" if tail.isdigit() else ""
    if style == "roman":
        return roman(roman_value(label) + 1).lower()
    if style == "letter" and "a" <= label[0] <= "z":
        if label[0] == "z":
            return "a" * (len(label) + 1)
        return chr(ord(label[0]) + 1) * len(label)
    return ""
