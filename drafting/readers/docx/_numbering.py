"""The numbers Word draws in front of list paragraphs, which are in no `w:t`.

Automatic numbering lives in `word/numbering.xml`: a paragraph names a list
instance (`w:num`) and a level, directly or through its style; the instance
points at an abstract definition (`w:abstractNum`) whose levels say where to
start, which digits to use and how to frame them ("%1.", "(%2)", "%1.%2").
`Numbering.label` replays Word's counters in document order: a level counts up,
deeper levels restart when a higher one advances (unless `w:lvlRestart` says
otherwise), instances of one abstract definition share counters, and an
instance with a `w:startOverride` keeps its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from drafting.budgets import DOCX_LABEL, DOCX_LEVELS, DOCX_NUMBER, DOCX_STYLE_CHAIN
from drafting.numerals import letters, roman

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_VAL = f"{{{W}}}val"
_LEVELS = DOCX_LEVELS.value
#: A number attribute longer than this is damage, not a number (Word writes at most 10 digits).
_DIGITS = 12
_PLACEHOLDER = re.compile(r"%([1-9])")
_HEADING_NAME = re.compile(r"heading ([1-9])")
_HEADING_ID = re.compile(r"Heading([1-9])")
#: The styles this package's own Word writer uses for parties and article headings.
_OWN_ROLES = {"treaty parties": "parties", "treaty article heading": "heading",
              "treaty article title": "heading", "treaty closing": "closing"}


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML tag: ``w("p")`` is ``{...main}p``."""
    return f"{{{W}}}{tag}"


def _val(element: etree._Element | None, name: str, default: str | None = None) -> str | None:
    """The `w:val` of the child `name` of `element`, or `default` when either is missing."""
    if element is None:
        return default
    child = element.find(w(name))
    if child is None:
        return default
    value = child.get(_VAL, default)
    return None if value is None else str(value)


def _int(text: str | None, default: int) -> int:
    """The number in an attribute; `default` when it is missing, not a number or absurdly long."""
    if text is None or len(text) > _DIGITS:
        return default
    try:
        return int(text)
    except ValueError:
        return default


def num_pr(ppr: etree._Element | None) -> tuple[str | None, int | None]:
    """The (numId, ilvl) a `w:pPr` sets directly; None for what it leaves to the style."""
    if ppr is None:
        return None, None
    props = ppr.find(w("numPr"))
    if props is None:
        return None, None
    ilvl = _val(props, "ilvl")
    return _val(props, "numId"), _int(ilvl, 0) if ilvl is not None else None


def outline_level(ppr: etree._Element | None) -> int | None:
    """The `w:outlineLvl` a `w:pPr` sets (0 = a first-level heading, 9 = body text), or None."""
    level = _val(ppr, "outlineLvl")
    return None if level is None else min(max(_int(level, _LEVELS), 0), _LEVELS)


@dataclass(frozen=True, slots=True)
class _Style:
    name: str
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    outline: int | None


class Styles:
    """Paragraph styles: the role a style gives (title, heading) and the numbering it carries."""

    def __init__(self, root: etree._Element | None) -> None:
        self._styles: dict[str, _Style] = {}
        self._chains: dict[str, list[tuple[str, _Style]]] = {}
        self.default = ""
        if root is None:
            return
        for style in root.iterchildren(w("style")):
            kind = style.get(w("type"), "paragraph")
            if kind not in ("paragraph", "numbering"):
                continue  # numbering styles carry the lists that `w:numStyleLink` points to
            sid = style.get(w("styleId"), "")
            ppr = style.find(w("pPr"))
            num_id, ilvl = num_pr(ppr)
            self._styles[sid] = _Style(
                name=(_val(style, "name") or "").lower(),
                based_on=_val(style, "basedOn"),
                num_id=num_id,
                ilvl=ilvl,
                outline=outline_level(ppr),
            )
            if kind == "paragraph" and style.get(w("default")) in ("1", "true", "on"):
                self.default = sid

    def chain(self, style_id: str) -> list[tuple[str, _Style]]:
        """The style and the styles it is based on, nearest first (cycles cut, and chains past
        the `DOCX_STYLE_CHAIN` budget); worked out once per style, as every paragraph asks."""
        key = style_id or self.default
        found = self._chains.get(key)
        if found is not None:
            return found
        out: list[tuple[str, _Style]] = []
        seen: set[str] = set()
        sid: str | None = key
        while sid and sid not in seen and sid in self._styles and len(out) < DOCX_STYLE_CHAIN.value:
            seen.add(sid)
            style = self._styles[sid]
            out.append((sid, style))
            sid = style.based_on
        self._chains[key] = out
        return out

    def role(self, style_id: str) -> str:
        """"title", "heading", "parties", "closing" or "" for a paragraph in style `style_id` ("" = default)."""
        for _sid, style in self.chain(style_id):
            if style.name == "title":
                return "title"
            if style.name in _OWN_ROLES:
                return _OWN_ROLES[style.name]
            if _HEADING_NAME.fullmatch(style.name) or (style.outline is not None
                                                       and style.outline < _LEVELS):
                return "heading"
        if style_id == "Title":
            return "title"
        if _HEADING_ID.fullmatch(style_id) and style_id not in self._styles:
            return "heading"
        return ""

    def level(self, style_id: str, own: int | None = None) -> int | None:
        """The heading level (1 = Heading 1) of a paragraph in style `style_id` whose own outline
        level is `own`: its own, else the first of a "heading N" name or an outline level up the
        style chain; None for body text."""
        if own is not None:
            return own + 1 if own < _LEVELS else None
        for _sid, style in self.chain(style_id):
            named = _HEADING_NAME.fullmatch(style.name)
            if named:
                return int(named[1])
            if style.outline is not None:
                return style.outline + 1 if style.outline < _LEVELS else None
        found = _HEADING_ID.fullmatch(style_id)
        return int(found[1]) if found and style_id not in self._styles else None

    def numbering(self, style_id: str) -> tuple[str | None, int | None, str]:
        """The (numId, ilvl, id of the style that set them) a style carries, if any."""
        for sid, style in self.chain(style_id):
            if style.num_id is not None:
                return style.num_id, style.ilvl, sid
        return None, None, ""


@dataclass(frozen=True, slots=True)
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None
    legal: bool = False
    style: str = ""


def _level(lvl: etree._Element) -> _Level:
    restart = _val(lvl, "lvlRestart")
    legal = lvl.find(w("isLgl"))
    return _Level(
        start=_int(_val(lvl, "start"), 0),
        fmt=_val(lvl, "numFmt", "decimal") or "decimal",
        text=(_val(lvl, "lvlText", "") or "")[:DOCX_LABEL.value],
        restart=_int(restart, 0) if restart is not None else None,
        legal=legal is not None and legal.get(_VAL, "1") not in ("0", "false", "off"),
        style=_val(lvl, "pStyle", "") or "",
    )


@dataclass(slots=True)
class _Num:
    abstract: str
    starts: dict[int, int]
    levels: dict[int, _Level]


class Numbering:
    """Word's list definitions and live counters; call `label` once per paragraph, in order."""

    def __init__(self, root: etree._Element | None, styles: Styles) -> None:
        self._styles = styles
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._links: dict[str, str] = {}
        self._nums: dict[str, _Num] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._style_level: dict[str, int] = {}
        if root is None:
            return
        for abstract in root.iterchildren(w("abstractNum")):
            aid = abstract.get(w("abstractNumId"), "")
            levels = {_int(lvl.get(w("ilvl")), 0): _level(lvl)
                      for lvl in abstract.iterchildren(w("lvl"))}
            self._abstract[aid] = levels
            link = _val(abstract, "numStyleLink")
            if link:
                self._links[aid] = link
            for ilvl, level in levels.items():
                if level.style:
                    self._style_level.setdefault(level.style, ilvl)
        for num in root.iterchildren(w("num")):
            starts: dict[int, int] = {}
            levels = {}
            for override in num.iterchildren(w("lvlOverride")):
                ilvl = _int(override.get(w("ilvl")), 0)
                start = _val(override, "startOverride")
                if start is not None:
                    starts[ilvl] = _int(start, 0)
                lvl = override.find(w("lvl"))
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
            self._nums[num.get(w("numId"), "")] = _Num(_val(num, "abstractNumId") or "",
                                                       starts, levels)

    def _definition(self, num: _Num) -> tuple[str, dict[int, _Level]]:
        """The abstract definition behind `num`, following numbering-style links."""
        aid = num.abstract
        for _hop in range(5):
            link = self._links.get(aid)
            if link is None:
                break
            linked_id, _ilvl, _sid = self._styles.numbering(link)
            linked = self._nums.get(linked_id or "")
            if linked is None or linked.abstract == aid:
                break
            aid = linked.abstract
        levels = self._abstract.get(aid, {})
        if num.levels:
            levels = {**levels, **num.levels}
        return aid, levels

    def resolve(self, style_id: str, num_id: str | None,
                ilvl: int | None) -> tuple[str, int] | None:
        """The list instance and level of a paragraph, from its own `w:numPr` and its style."""
        source = ""
        if num_id is None:
            num_id, style_ilvl, source = self._styles.numbering(style_id)
            if ilvl is None:
                ilvl = style_ilvl
        elif ilvl is None:
            _nid, ilvl, source = self._styles.numbering(style_id)
        if num_id is None or num_id == "0" or num_id not in self._nums:
            return None
        if ilvl is None:
            ilvl = self._style_level.get(source or style_id, 0)
        return num_id, min(max(ilvl, 0), _LEVELS - 1)

    def label(self, style_id: str, num_id: str | None, ilvl: int | None) -> str:
        """The number Word shows before this paragraph ("3.", "(b)", "2.1", "-" for a bullet).

        "" when the paragraph is not in a list or its level shows nothing. Advances
        the counters, so call it once per paragraph, in document order.
        """
        found = self.resolve(style_id, num_id, ilvl)
        if found is None:
            return ""
        num_id, level = found
        num = self._nums[num_id]
        aid, levels = self._definition(num)
        lvl = levels.get(level)
        if lvl is None:
            return ""
        key = f"num:{num_id}" if num.starts or num.levels else f"abstract:{aid}"
        counters = self._counters.setdefault(key, [None] * _LEVELS)

        def start(i: int) -> int:
            return num.starts.get(i, levels.get(i, _Level()).start)

        current = counters[level]
        counters[level] = start(level) if current is None else current + 1
        for deeper in range(level + 1, _LEVELS):
            restart = levels.get(deeper, _Level()).restart
            if restart is None or level < restart:
                counters[deeper] = None
        if lvl.fmt == "bullet":
            return "-"

        def number(i: int) -> str:
            shown = levels.get(i, _Level())
            value = counters[i] if counters[i] is not None else start(i)
            fmt = "decimal" if lvl.legal and shown.fmt != "none" else shown.fmt
            return _format(value or 0, fmt)

        # Built piece by piece and cut at the `DOCX_LABEL` budget, so that a format of a hundred
        # "%1" costs no more than the label it may show.
        pieces: list[str] = []
        room = DOCX_LABEL.value
        for index, part in enumerate(_PLACEHOLDER.split(lvl.text)):
            piece = (part if index % 2 == 0 else number(int(part) - 1))[:room]
            pieces.append(piece)
            room -= len(piece)
            if room <= 0:
                break
        return " ".join("".join(pieces).split())


def _format(value: int, fmt: str) -> str:
    """`value` written in Word number format `fmt`; exotic formats, and numbers past the
    `DOCX_NUMBER` budget, fall back to digits."""
    if fmt == "none":
        return ""
    if value > DOCX_NUMBER.value:
        return str(value)
    if fmt in ("lowerRoman", "upperRoman") and 0 < value < 4000:
        numeral = roman(value)
        return numeral if fmt == "upperRoman" else numeral.lower()
    if fmt in ("lowerLetter", "upperLetter") and value > 0:
        label = letters(value)
        return label.upper() if fmt == "upperLetter" else label
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "ordinal":
        suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
        return f"{value}{suffix}"
    return str(value)
