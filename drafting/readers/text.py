"""Plain text and Markdown: an agreement as published, read into a `Document`.

Two linear passes. `_scan` walks the lines once and turns them into tokens: unit
starts (articles, points, sub-points, bullets) and paragraphs, with hard-wrapped
lines joined. `_assemble` walks the tokens once and builds the tree: title,
parties, preamble, points with their sub-points, closing lines.

Hard wraps are told from line breaks by three signs: a line that does not end in
punctuation runs on into the next one, so does a line followed by one that starts
in lower case, and in a text wrapped at 40 to 120 columns, so does a line that was
broken because the next word would not fit.
"""

from __future__ import annotations

import re
from dataclasses import replace

from drafting.errors import DraftingError
from drafting.model import Document, Meta, Point
from drafting.numerals import roman, roman_value

# --- line forms -----------------------------------------------------------------------

#: A metadata comment: "# source: ...", "# Note: ..."; "# Treaty: A Title" is a heading.
_COMMENT = re.compile(
    r"#\s*(?:[a-z][\w -]{0,30}|(?i:source|note|notes|url|date|retrieved|licen[cs]e|comment)):")
_HTML_COMMENT = re.compile(r"<!--(.*?)-->\s*$")
_DRAFT_META = re.compile(r"\s*treaty-drafting:\s*(.*?)\s*$")
_META_PAIR = re.compile(r"(\w+)=(.*?)(?:; (?=\w+=)|$)")
_MD_HEADING = re.compile(r"(#{1,6})(?:\s+(.*))?$")
_ARTICLE = re.compile(
    r"(?:ARTICLE|Article)\s+(\d{1,4}|[IVXLCDM]{1,8})\s*(?:$|[.:)](?!\d)\s*|[-\u2013\u2014]+\s*)(.*)"
)
_POINT = re.compile(r"(\d{1,4})\s?[.)](?:\s+(.*)|$)")
_DECIMAL = re.compile(r"(\d{1,3}(?:\.\d{1,3})+)\.?(?:\s+(.*)|$)")
_UPOINT = re.compile(r"([IVXLCDM]{1,8})\s?[.)](?:\s+(.*)|$)")
_SUB_PAREN = re.compile(r"\((\d{1,3}|[a-z]{1,6})\)\s*(.*)")
_SUB_BARE = re.compile(r"([a-z]{1,6})[.)](?:\s+(.*)|$)")
_BULLET = re.compile(r"[-*\u2022]\s+(.*)")
_BOLD_HEADING = re.compile(r"\*\*([^*]+?)\.\*\*\s+")
_ROMAN = re.compile(r"(?=[ivxlcdm])m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})")
#: A line ending like this ends a sentence, a clause or an editor's remark; "(a)" does not.
_TERMINAL = re.compile(r"(?:[.,;:!?\]]|\([^()]{4,}\))[\"'\u201d\u2019\u00bb)\]]*$")
_CLOSING = re.compile(r"(?:in witness whereof|in faith whereof|done (?:at|in|this)\b)", re.I)
_PARTIES = re.compile(r"parties\s*:\s*(\S.*)", re.I)
#: The status line our writers put under the title: "DRAFT, NOT AGREED; version v2, 2025-12-01".
_STATUS = re.compile(r"(?:([^a-z;]+); )?version (\S+)(?:, (\S+))?"
                     r"|([^a-z]*\b(?:DRAFT|NOT AGREED)\b[^a-z]*)")

#: A text whose longest line is this long (in columns) is taken to be hard-wrapped.
_WRAP_MIN, _WRAP_MAX = 40, 120
_FIRST = {"article": ("1", "I"), "point": ("1",), "upoint": ("I",), "digit": ("1",),
          "letter": ("a",), "roman": ("i",), "bullet": ("",)}
_KIND = {"article": "article", "point": "point", "upoint": "point", "decimal": "point",
         "letter": "sub", "roman": "sub", "digit": "sub", "bullet": "bullet"}
_POINT_STYLES = frozenset({"point", "upoint", "decimal"})

#: How a paragraph came about: plain text, begun on a unit's line, or a Markdown heading.
_TEXT, _FIRST_LINE, _HEAD = 0, 1, 2

_Start = tuple[tuple[str, ...], str, str, str]


class _Unit:
    """A token: a unit starts here. `heading` may be filled in from the next line."""

    __slots__ = ("styles", "label", "marker", "heading", "tentative", "has_text")

    def __init__(self, styles: tuple[str, ...], label: str, marker: str) -> None:
        self.styles = styles
        self.label = label
        self.marker = marker
        self.heading = ""
        self.tentative = False
        self.has_text = False


class _Para:
    """A token: one paragraph, its lines joined and its spaces collapsed."""

    __slots__ = ("text", "form")

    def __init__(self, text: str, form: int) -> None:
        self.text = text
        self.form = form


_Token = _Unit | _Para


def read_text(text: str, *, source: str = "") -> Document:
    """Read an agreement written as plain text or Markdown into a `Document`.

    `text` is already decoded; `source` names where it came from (a path, a URL)
    and goes to `Meta.source` and into errors; "" means unknown. Leading
    ``# key: value`` comment lines are skipped. A text with no numbered units
    comes back as one `para` point per paragraph, with a note in `Meta.extra`.
    Raises `DraftingError` when the text holds nothing but blanks and comments.
    """
    lines = text.removeprefix("\ufeff").splitlines()
    start, draft_meta = _skip_comments(lines)
    if start == len(lines):
        raise DraftingError("the document is empty", path=source or None,
                            hint="the text holds only blank lines or '# note:' comments; "
                                 "check that this is the right file")
    title, parties, tokens = _scan(lines, start, draft_meta)
    meta = Meta(source=source, version=draft_meta.get("version", ""),
                date=draft_meta.get("date", ""), status=draft_meta.get("status", ""),
                template=draft_meta.get("template", ""))
    if not any(isinstance(tok, _Unit) for tok in tokens):
        paras = [tok.text for tok in tokens if isinstance(tok, _Para)]
        points = tuple(Point(key=f"@para-{i}", kind="para", paragraphs=(p,))
                       for i, p in enumerate(paras, 1))
        note = (("note", "no numbered points found; compared paragraph by paragraph"),)
        return Document(title=title, parties=parties, points=points,
                        meta=replace(meta, extra=note))
    preamble, roots, closing = _assemble(tokens)
    used: dict[str, int] = {}
    counts: dict[str, int] = {}
    points = tuple(_freeze(node, "", used, counts) for node in roots)
    return Document(title=title, parties=parties, preamble=tuple(preamble), points=points,
                    closing=tuple(closing), meta=meta)


# --- pass 1: lines into tokens ----------------------------------------------------------


def _skip_comments(lines: list[str]) -> tuple[int, dict[str, str]]:
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


def _unit(s: str, md: bool) -> _Start | None:
    """The styles, label, marker and same-line text of a unit start, or None for plain text."""
    c = s[0]
    m: re.Match[str] | None = None
    styles: tuple[str, ...] = ()
    if c == "A":
        m = _ARTICLE.match(s)
        if m and (m[1].isdigit() or _ROMAN.fullmatch(m[1].lower())):
            return ("article",), m[1], s[: m.start(2)].rstrip(), m[2]
        return None
    if md:
        return None
    if c.isdigit():
        m = _POINT.match(s)
        styles = ("point",)
        if m is None:
            m = _DECIMAL.match(s)
            styles = ("decimal",)
    elif c == "(":
        m = _SUB_PAREN.match(s)
        styles = _sub_styles(m[1]) if m else ()
    elif c in "-*\u2022":
        m = _BULLET.match(s)
        if m:
            return ("bullet",), "", c, m[1]
    elif c in "IVXLCDM":
        m = _UPOINT.match(s)
        if m and not _ROMAN.fullmatch(m[1].lower()) or m and len(m[1]) == 1 and c not in "IVX":
            m = None
        styles = ("upoint",)
    elif c.islower():
        m = _SUB_BARE.match(s)
        styles = _sub_styles(m[1]) if m else ()
    if m is None or not styles:
        return None
    rest = m[2] or ""
    marker = s[: m.start(2)].rstrip() if m[2] is not None else s
    return styles, m[1], marker, rest


def _sub_styles(label: str) -> tuple[str, ...]:
    """Which sequences a sub-point label can belong to: ("letter", "roman") for "i"."""
    if label.isdigit():
        return ("digit",)
    roman = _ROMAN.fullmatch(label) is not None
    letter = len(label) <= 3 and label == label[0] * len(label)
    if roman and letter:
        return ("letter", "roman") if len(label) == 1 else ("roman", "letter")
    return ("roman",) if roman else ("letter",) if letter else ()


def _scan(lines: list[str], start: int,
          meta: dict[str, str]) -> tuple[str, tuple[str, ...], list[_Token]]:
    """Turn lines into tokens in one pass; return the title, the parties and the tokens.

    `meta` holds the draft metadata found in a leading comment; a status line
    under the title adds to it.
    """
    ours = bool(meta)
    width = max(map(len, lines[start:]))
    wrapped = _WRAP_MIN <= width <= _WRAP_MAX
    n = len(lines)
    tokens: list[_Token] = []
    cur: list[str] = []
    cur_len = 0
    cur_form = _TEXT
    title = ""
    parties: tuple[str, ...] = ()
    front = 0
    heading_for: _Unit | None = None
    last: dict[str, str] = {}

    def alone(i: int) -> bool:
        return i + 1 >= n or not lines[i + 1].strip()

    def flush() -> None:
        if cur:
            tokens.append(_Para(" ".join(" ".join(cur).split()), cur_form))
            cur.clear()

    for i in range(start, n):
        raw = lines[i]
        s = raw.strip()
        if not s:
            flush()
            continue
        md = False
        if s[0] == "#":
            hm = _MD_HEADING.match(s)
            if hm:
                s = hm[2] or ""
                bare = s.rstrip("#")  # closing hashes: "## Article 3 ##"
                if bare != s and (not bare or bare[-1].isspace()):
                    s = bare.rstrip()
                if not s:
                    continue
                md = True
        unit = _unit(s, md)
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
                parties = tuple(p for p in (" ".join(x.split()) for x in pm[1].split(";")) if p)
                front = 2
                continue
            if front == 0 and (md or _is_title(s, alone(i))):
                title = " ".join(s.split())
                front = 1
                continue
            front = 2
        if heading_for is not None:
            tok, heading_for = heading_for, None
            if unit is None and (md or _is_heading(s, alone(i))):
                tok.heading, tok.tentative = " ".join(s.split()), not md
                continue
        if unit is not None and cur and not md and not _TERMINAL.search(cur[-1]) and (
                not _expected(unit[0], unit[1], last)
                or wrapped and cur_len + 1 + _word_len(s) > width):
            # No sentence ends before this line, and the number is out of sequence
            # or the line break is explained by wrapping: running text, not a unit.
            unit = None
        if unit is not None:
            styles, label, marker, rest = unit
            flush()
            for style in styles:
                last[style] = label
            tok = _Unit(styles, label, marker)
            tokens.append(tok)
            if styles[0] == "article" and (md or not rest or _is_heading(rest, alone(i))):
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
                cur_len, cur_form = len(raw), _FIRST_LINE
            continue
        if md:
            flush()
            tokens.append(_Para(" ".join(s.split()), _HEAD))
            continue
        if cur and _TERMINAL.search(cur[-1]) and not s[0].islower() and not (
                wrapped and cur_len + 1 + _word_len(s) > width):
            flush()
        if not cur:
            cur_form = _TEXT
        cur.append(s)
        cur_len = len(raw)
    flush()
    return title, parties, tokens


def _word_len(s: str) -> int:
    space = s.find(" ")
    return len(s) if space < 0 else space


def _title_like(s: str) -> bool:
    """True when every word longer than three letters starts with a capital."""
    words = [w for w in s.split() if len(w) > 3 and w[0].isalpha()]
    return bool(words) and all(w[0].isupper() for w in words)


def _is_title(s: str, alone: bool) -> bool:
    if len(s) >= 200 or s[-1] in ".,;:":
        return False
    return alone or (s.upper() == s != s.lower()) or _title_like(s)


def _is_heading(s: str, alone: bool) -> bool:
    if len(s) >= 80 or s[-1] in ".,;:!?" or s[0].islower():
        return False
    return alone or _title_like(s)


# --- numbering sequences -----------------------------------------------------------------


def _next(style: str, label: str) -> str:
    """The label that follows `label` in its sequence ("b" after "a", "iv" after "iii")."""
    if label.isdigit():
        return str(int(label) + 1)
    if style in ("article", "upoint"):
        return roman(roman_value(label) + 1)
    if style == "roman":
        return roman(roman_value(label) + 1).lower()
    if style == "letter":
        if label[0] == "z":
            return "a" * (len(label) + 1)
        return chr(ord(label[0]) + 1) * len(label)
    if style == "decimal":
        head, _, tail = label.rpartition(".")
        return f"{head}.{int(tail) + 1}"
    return ""


def _is_first(style: str, label: str) -> bool:
    if style == "decimal":
        return label.endswith(".1")
    return label in _FIRST[style]


def _expected(styles: tuple[str, ...], label: str, last: dict[str, str]) -> bool:
    """True when `label` starts a sequence or follows the last label seen in one."""
    for style in styles:
        prev = last.get(style)
        if _is_first(style, label) or prev is not None and label == _next(style, prev):
            return True
    return False


# --- pass 2: tokens into the tree --------------------------------------------------------


class _Node:
    __slots__ = ("kind", "label", "style", "heading", "tentative", "paras", "children")

    def __init__(self, style: str, label: str, heading: str, tentative: bool) -> None:
        self.kind = _KIND[style]
        self.style = style
        self.label = label
        self.heading = heading
        self.tentative = tentative
        self.paras: list[str] = []
        self.children: list[_Node] = []


def _assemble(tokens: list[_Token]) -> tuple[list[str], list[_Node], list[str]]:
    """Build the preamble, the top-level units and the closing lines from the tokens."""
    unit_styles = [tok.styles for tok in tokens if isinstance(tok, _Unit)]
    if any(st[0] == "article" for st in unit_styles):
        top: frozenset[str] = frozenset({"article"})
    elif any(st[0] in _POINT_STYLES for st in unit_styles):
        top = _POINT_STYLES
    else:
        top = frozenset(unit_styles[0])
    preamble: list[str] = []
    closing: list[str] = []
    roots: list[_Node] = []
    stack: list[_Node] = []
    closing_owner: _Node | None = None
    demoted = ""
    for tok in tokens:
        if isinstance(tok, _Para):
            text = tok.text
            if tok.form == _FIRST_LINE and demoted:
                text = f"{demoted} {text}"
            demoted = ""
            if closing_owner is not None:
                closing.append(text)
            elif not stack:
                preamble.append(text)
            elif tok.form == _TEXT and _CLOSING.match(text):
                closing_owner = stack[-1]
                closing.append(text)
            else:
                stack[-1].paras.append(text)
            continue
        styles, label, heading, tentative = tok.styles, tok.label, tok.heading, tok.tentative
        demoted = ""
        chosen = styles[0] if styles[0] in top else ""
        if not chosen and len(styles) > 1 and styles[1] in top:
            chosen = styles[1]
        inner = chosen == "decimal" and bool(stack) and label.split(".")[0] == stack[0].label
        if chosen and not inner:
            if closing_owner is not None:  # "Done at" was not the end after all
                closing_owner.paras.extend(closing)
                closing.clear()
                closing_owner = None
            node = _Node(chosen, label, heading, tentative)
            roots.append(node)
            stack = [node]
        elif not stack or closing_owner is not None:  # not a unit here: keep it as text
            demoted = f"{tok.marker} **{heading}.**" if heading else tok.marker
            if not tok.has_text:
                (closing if closing_owner is not None else preamble).append(demoted)
                demoted = ""
        elif inner:  # "2.1" inside point 2
            node = _Node("decimal", label, heading, tentative)
            del stack[1:]
            stack[0].children.append(node)
            stack.append(node)
        else:
            _place(stack, styles, label, heading, tentative)
    return preamble, roots, closing


def _place(stack: list[_Node], styles: tuple[str, ...], label: str, heading: str,
           tentative: bool) -> None:
    """Put a sub-unit under the right parent: continue a sequence, or open a new level.

    Each style is open at most once in `stack`, so nesting stays shallow.
    """
    open_at = {node.style: d for d, node in enumerate(stack) if d}
    depth, style = 0, ""
    for d in range(len(stack) - 1, 0, -1):  # 1. the next item of an open sequence
        node = stack[d]
        if node.style in styles and label == _next(node.style, node.label):
            depth, style = d, node.style
            break
    if not style:  # 2. a first item: restart its open sequence, or open one a level down
        style = next((s for s in styles if _is_first(s, label)), "")
        depth = open_at.get(style, len(stack))
    if not style:  # 3. out of sequence: beside the nearest item of the same style
        depth = max((open_at[s] for s in styles if s in open_at), default=0)
        style = stack[depth].style if depth else ""
    if not style:  # 4. anything else, one level down
        depth, style = len(stack), styles[0]
    node = _Node(style, label, heading, tentative)
    del stack[depth:]
    stack[-1].children.append(node)
    stack.append(node)


def _freeze(node: _Node, parent: str, used: dict[str, int], counts: dict[str, int]) -> Point:
    """The frozen `Point` for a node, with a derived key unique in the document."""
    if node.label:
        base = f"{parent}/{node.label}" if parent else f"@{node.kind}-{node.label}"
    else:
        slot = f"{parent}/{node.kind}"
        counts[slot] = counts.get(slot, 0) + 1
        base = f"{parent}/{node.kind}-{counts[slot]}" if parent else f"@{node.kind}-{counts[slot]}"
    seen = used.get(base, 0) + 1
    used[base] = seen
    key = base if seen == 1 else f"{base}~{seen}"
    heading, paras = node.heading, node.paras
    if node.tentative and not paras and (not node.children or not _title_like(heading)):
        heading, paras = "", [heading]  # a short line that is the article's text, not its heading
    children = tuple(_freeze(child, key, used, counts) for child in node.children)
    return Point(key=key, label=node.label, kind=node.kind, heading=heading,
                 paragraphs=tuple(paras), children=children)
