"""The parties, found where published texts name them.

In order of trust: a title "... between X and Y", an opening recital "The Government
of X and the Government of Y,", and the signature lines of the closing ("For the
Republic of X:") when the preamble only says "The Parties to this Treaty".
"""

from __future__ import annotations

import re

from drafting import words

#: "between" in the languages treaties are signed in; a title line may start with it.
BETWEEN = "(?:" + "|".join(words.BETWEEN_WORDS) + ")"
_AND = "(?:" + "|".join(words.AND_WORDS) + ")"
_BETWEEN = re.compile(rf"(?:^|\s){BETWEEN}\s+(.+)$", re.I)
#: Where the parties' names end in a title: "... and Y on Security Guarantees".
_TAIL = re.compile(r"\s+(?:" + "|".join(words.TITLE_TAIL_WORDS) + r")\s+.*$|\s*\(.*\)\s*$", re.I)
_SPLIT = re.compile(rf",\s+(?:{_AND}\s+)?|\s+{_AND}\s+(?=(?:the|la|le|les|el|der|die|das)\s)", re.I)
_LAST_AND = re.compile(rf"\s+{_AND}\s+", re.I)
_SMALL = frozenset({"of", "the", "and", "for", "on", "in", "de", "du", "des", "la", "le", "der", "von"})
#: A name: capitalised words, with "of", "the", "and" between them.
_NAME = re.compile(r"(?:the\s+)?[A-Z\u0400-\u04FF][\w'\u2019.-]*(?:\s+(?:[A-Z\u0400-\u04FF][\w'\u2019.-]*"
                   r"|of|the|and|for|de|du|des|la))*")
_RECITAL = re.compile(r"(.+?)(?:,?\s*\((?:hereinafter|the)\b[^)]*\))?,?\s*(?:hereinafter\b.*)?$")
_SIGNATURE = re.compile(r"for\s+(.+?)\s*:?$", re.I)


def find_parties(title: str, preamble: list[str], closing: list[str]) -> tuple[str, ...]:
    """The parties named by the title, the first recital or the signature lines; () if none."""
    found = _names(m[1]) if (m := _BETWEEN.search(title)) else ()
    if len(found) >= 2:
        return found
    if preamble:
        first = preamble[0]
        recital = _RECITAL.fullmatch(first) if first.endswith(",") and len(first) < 400 else None
        if recital and not re.match(r"the parties\b", first, re.I):
            found = _names(recital[1])
            if len(found) >= 2:
                return found
    signed = [m[1] for line in closing if (m := _SIGNATURE.fullmatch(line)) and len(line) < 150]
    names = tuple(n for n in (_tidy(s) for s in signed) if _NAME.fullmatch(n))
    return names if len(names) >= 2 else ()


def _names(text: str) -> tuple[str, ...]:
    """Names out of "X, Y and the Z": each must look like a name, else none at all."""
    text = _TAIL.sub("", text.strip().rstrip(",.:;"))
    parts = [p for p in _SPLIT.split(text) if p]
    if len(parts) == 1:
        found = list(_LAST_AND.finditer(parts[0]))
        if found:
            last = found[-1]
            parts = [parts[0][: last.start()], parts[0][last.end():]]
    names = tuple(_tidy(p) for p in parts)
    if len(names) < 2 or not all(_NAME.fullmatch(n) for n in names):
        return ()
    return names


def _tidy(name: str) -> str:
    """A name as it would be written in running text: "THE REPUBLIC OF KOREA" -> "the Republic of Korea"."""
    name = " ".join(name.split())
    if name.isupper():
        name = " ".join(w.lower() if w.lower() in _SMALL else w.capitalize() for w in name.split())
    if name[:4] == "The ":
        name = "the " + name[4:]
    return name
