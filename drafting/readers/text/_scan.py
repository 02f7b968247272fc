"""Pass 1: lines into tokens (unit starts and paragraphs), hard-wrapped lines joined.

Hard wraps are told from line breaks by three signs: a line that does not end in
punctuation runs on into the next one, so does a line followed by one that starts
in lower case, and in a text wrapped at 40 to 120 columns, so does a line that was
broken because the next word would not fit. Page markers are dropped (counted for
a note) and datelines before the first unit are set aside for the closing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafting import words
from drafting.readers.text._front import BETWEEN
from drafting.readers.text._forms import DATELINE, PAGE_MARKER, Start, expected, unit_start

_COMMENT = re.compile(
    r"#\s*(?:[a-z][\w -]{0,30}|(?i:source|note|notes|url|date|retrieved|licen[cs]e|comment)):")
_HTML_COMMENT = re.compile(r"<!--(.*?)-->\s*$")
_DRAFT_META = re.compile(r"\s*treaty-drafting:\s*(.*?)\s*$")
_META_PAIR = re.compile(r"(\w+)=(.*?)(?:; (?=\w+=)|$)")
_MD_HEADING = re.compile(r"(#{1,6})(?:\s+(.*))?$")
_BOLD_HEADING = re.compile(r"\*\*([^*]+?)\.\*\*\s+")
#: A line ending like this ends a sentence, a clause or an editor's remark; "(a)" does not.
#: What may close a sentence after its last mark: quotes, a bracket, a parenthesis.
_CLOSERS = "\"'\u201d\u2019\u00bb)]"


def ends_a_sentence(line: str) -> bool:
    """True when `line` ends with . , ; : ! ? or ] or a parenthetical of four characters or
    more ("(2015)"), then any closing quotes and brackets.

    Read from the end in one pass: the regular expression this replaces backtracked through
    every closing bracket of a long line (a line of 100,000 "]" took minutes).
    """
    end = len(line)
    while True:
        if end == 0:
            return False
        last = line[end - 1]
        if last in ".,;:!?]":
            return True
        if last == ")":
            opening = line.rfind("(", 0, end - 1)
            if opening >= 0 and end - 1 - opening > 4 and ")" not in line[opening + 1:end - 1]:
                return True
        if last not in _CLOSERS:
            return False
        end -= 1
_PARTIES = re.compile(r"parties\s*:\s*(\S.*)", re.I)
#: The status line our writers put under the title: "DRAFT, NOT AGREED; version v2, 2025-12-01".
_STATUS = re.compile(r"(?:([^a-z;]+); )?version (\S+)(?:, (\S+))?"
                     r"|([^a-z]*\b(?:DRAFT|NOT AGREED)\b[^a-z]*)")

#: A line that carries the title on: "between X and Y" under "AGREEMENT".
_TITLE_GOES_ON = re.compile(rf"{BETWEEN}\s+\S", re.I)

#: A line ending in a short lower-case word ("as provided in") stops mid-sentence: what
#: follows on the next line ("Article Three.") continues it.
_MID_SENTENCE = re.compile(r"(?:^|\s)[^\W\d_A-Z\u0400-\u042F]{1,4}$")
#: A line ending in a unit's word ("... as provided in Article") goes on with its number.
_REFERENCE_END = re.compile(rf"(?:^|\s)(?:{words.WORD_PATTERN}|paragraphs?|points?|sub-?paragraphs?"
                            r"|items?|no\.|nos\.)$", re.IGNORECASE)
#: A line under a unit's number this short, followed by a fresh start, is the unit's name.
_NAME_MAX = 60

#: A text whose longest line is this long (in columns) is taken to be hard-wrapped.
_WRAP_MIN, _WRAP_MAX = 40, 120

#: How a paragraph came about: plain text, begun on a unit's line, or a Markdown heading.
TEXT, FIRST_LINE, HEAD = 0, 1, 2


class Unit:
    """A token: a unit starts here. `heading` may be filled in from the next line."""

    __slots__ = ("start", "heading", "tentative", "has_text", "level")

    def __init__(self, start: Start, level: int) -> None:
        self.start = start
        self.heading = ""
        self.tentative = False
        self.has_text = False
        self.level = level  # the Markdown heading level it stood on, 0 for none


class Para:
    """A token: one paragraph, its lines joined and its spaces collapsed."""

    __slots__ = ("text", "form")

    def __init__(self, text: str, form: int) -> None:
        self.text = text
        self.form = form


Token = Unit | Para


@dataclass
class Scan:
    """What pass 1 found besides the tokens."""

    title: str = ""
    parties: tuple[str, ...] = ()
    tokens: list[Token] = field(default_factory=list)
    datelines: list[str] = field(default_factory=list)
    page_markers: int = 0


def skip_comments(lines: list[str]) -> tuple[int, dict[str, str]]:
    """The index of the first line after the leading comments, and draft metadata found there."""
    meta: dict[str, str] = {}
    for i, line in enumerate(lines):
        s = line.strip()
        if not s or s[0] == "#" and _COMMENT.match(s):
            continue
        m = _HTML_COMMENT.match(s) if s.startswith("<!--") else None
        if m is None:
            return i, meta
        found = _DRAFT_META.match(m[1])
        if found:
            for name, value in _META_PAIR.findall(found[1]):
                if name in ("version", "date", "status", "template"):
                    meta[name] = value.strip()
    return len(lines), meta


def scan(lines: list[str], start: int, meta: dict[str, str]) -> Scan:
    """Turn lines into tokens in one pass.

    `meta` holds the draft metadata found in a leading comment; a status line
    under the title adds to it.
    """
    ours = bool(meta)
    width = max(map(len, lines[start:]))
    wrapped = _WRAP_MIN <= width <= _WRAP_MAX
    n = len(lines)
    out = Scan()
    tokens = out.tokens
    cur: list[str] = []
    cur_len = 0
    cur_form = TEXT
    front = 0
    heading_for: Unit | None = None
    last: dict[str, str] = {}
    seen_unit = False

    def alone(i: int) -> bool:
        return i + 1 >= n or not lines[i + 1].strip()

    def name_line(i: int) -> bool:
        """A short line under a unit's number, the next line starting afresh: its name."""
        after = lines[i + 1].strip()
        line = lines[i].strip()
        if wrapped and len(lines[i]) + 1 + _word_len(after) > width:
            return False  # broken because the next word would not fit: running text
        return len(line) <= _NAME_MAX and not _MID_SENTENCE.search(line) and (
            after[:1].isupper() or unit_start(after, False) is not None)

    def flush() -> None:
        if cur:
            tokens.append(Para(" ".join(" ".join(cur).split()), cur_form))
            cur.clear()

    for i in range(start, n):
        raw = lines[i]
        s = raw.strip()
        if not s:
            flush()
            continue
        md, level = False, 0
        if s[0] == "#":
            hm = _MD_HEADING.match(s)
            if hm:
                s = hm[2] or ""
                bare = s.rstrip("#")  # closing hashes: "## Article 3 ##"
                if bare != s and (not bare or bare[-1].isspace()):
                    s = bare.rstrip()
                if not s:
                    continue
                md, level = True, len(hm[1])
        if not md and len(s) <= 16 and (s[0] in "[-\u2013\u2014pP" or s[0].isdigit()) \
                and PAGE_MARKER.fullmatch(s) and (not cur or ends_a_sentence(cur[-1])):
            out.page_markers += 1
            continue
        unit = unit_start(s, md)
        if unit is None and not md and not seen_unit and DATELINE.match(s):
            flush()
            out.datelines.append(" ".join(s.split()))
            front = 2
            continue
        if front < 2 and unit is None and not tokens and not cur:
            # The front matter: a title, our writers' status line, a "Parties:" line.
            if not md and len(s) < 300 and (
                    ours and s[0] == "*" == s[-1] or front == 1 and _STATUS.fullmatch(s)):
                status = _STATUS.fullmatch(s.strip("*"))
                if status:
                    before, version, date, alone_status = status.groups()
                    found = {"status": (before or alone_status or "").lower(),
                             "version": version or "", "date": date or ""}
                    for name, value in found.items():
                        if value:
                            meta.setdefault(name, value)
                continue
            pm = None if md else _PARTIES.match(s)
            if pm:
                out.parties = tuple(p for p in (" ".join(x.split()) for x in pm[1].split(";")) if p)
                front = 2
                continue
            if front == 0 and (md or is_title(s, alone(i))):
                out.title = " ".join(s.split())
                front = 1
                continue
            if front == 1 and not md and _TITLE_GOES_ON.match(s) and len(s) < 300:
                out.title += " " + " ".join(s.split())  # "AGREEMENT" / "between X and Y"
                continue
            front = 2
        if heading_for is not None:
            tok, heading_for = heading_for, None
            if unit is None and (md or is_heading(s, alone(i) or name_line(i))):
                tok.heading, tok.tentative = " ".join(s.split()), not md
                continue
        if unit is not None and not md and (unit.styles == ("bare",) and not expected(
                unit.styles, unit.label, last) or cur and not ends_a_sentence(cur[-1]) and (
                not expected(unit.styles, unit.label, last)
                or unit.styles[0] in ("article", "division") and _MID_SENTENCE.search(cur[-1])
                or _REFERENCE_END.search(cur[-1])
                or wrapped and cur_len + 1 + _word_len(s) > width)):
            # No sentence ends before this line, and the number is out of sequence
            # or the line break is explained by wrapping: running text, not a unit.
            unit = None
        if unit is not None:
            flush()
            seen_unit = True
            for style in unit.styles:
                last["point" if style == "bare" else style] = unit.label
            tok = Unit(unit, level)
            tokens.append(tok)
            rest = unit.rest
            if unit.styles[0] == "division":
                if rest:
                    tok.heading = " ".join(rest.split())
                else:
                    heading_for = tok
                continue
            if unit.styles[0] == "article" and (md or not rest or is_heading(rest, alone(i))
                                                or unit.named and len(rest) < 100 and rest[-1] not in ".;,"):
                if rest:
                    tok.heading, tok.tentative = " ".join(rest.split()), not md
                else:
                    heading_for = tok
                continue
            if rest:
                bold = _BOLD_HEADING.match(rest)
                if bold:
                    tok.heading, rest = " ".join(bold[1].split()), rest[bold.end():]
                tok.has_text = True
                cur.append(rest)
                cur_len, cur_form = len(raw), FIRST_LINE
            continue
        if md:
            flush()
            tokens.append(Para(" ".join(s.split()), HEAD))
            continue
        if cur and ends_a_sentence(cur[-1]) and not s[0].islower() and not (
                wrapped and cur_len + 1 + _word_len(s) > width):
            flush()
        if not cur:
            cur_form = TEXT
        cur.append(s)
        cur_len = len(raw)
    flush()
    return out


def _word_len(s: str) -> int:
    space = s.find(" ")
    return len(s) if space < 0 else space


def title_like(s: str) -> bool:
    """True when every word longer than three letters starts with a capital."""
    found = [w for w in s.split() if len(w) > 3 and w[0].isalpha()]
    return bool(found) and all(w[0].isupper() for w in found)


def is_title(s: str, alone: bool) -> bool:
    """True when line `s` can be the document's title."""
    if len(s) >= 200 or s[-1] in ".,;:":
        return False
    return alone or (s.upper() == s != s.lower()) or title_like(s)


def is_heading(s: str, alone: bool) -> bool:
    """True when line `s` can be the name of the unit above it."""
    if len(s) >= 80 or s[-1] in ".,;:!?" or s[0].islower() or _NEGOTIATING.match(s):
        return False
    return alone or title_like(s)


#: A line of negotiating text, never a heading: a proposal ("[Alt 1: ...") or a bracketed sentence ("... .]").
_NEGOTIATING = re.compile(r"^\[[^\]:]{1,80}:\s|.*[.;:!?]\]+$")
