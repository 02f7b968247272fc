"""Open places of a document: bracketed text and sets of alternatives, found where they stand.

A place is a few words inside a paragraph (`[Alt 1: ...] [Alt 2: ...]`), a run of
paragraphs that are each one alternative (`Option A` / `Option B`, or `[Ukraine: ...]`
on its own line), or a run of sub-points that are (`(a) [Proposal of X: ...]`). The
tree keeps all of them as text; this module is the one view of them that `check`,
`resolve`, the writers and the redline share.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from drafting.brackets._parse import ALTERNATIVE, OPEN, OPTION, REMARK, Parsed, Span, parse
from drafting.model import Document, Point

WORDS, PARAGRAPH, POINT = "words", "paragraph", "point"
#: A paragraph that only names the option the next paragraph is ("Option A", "Alternative 2:").
HEADER = re.compile(r"^\s*((?:[Oo]ption|OPTION|[Aa]lternative|ALTERNATIVE|[Vv]ariant|VARIANT)\s+"
                    r"(?:[A-Z]{1,2}|\d{1,3}|[IVX]{1,4}))\s*[:.]?\s*$")
#: What may stand between two spans of one set of alternatives: nothing, "or", a slash.
_BETWEEN = re.compile(r"\s*(?:/|\bor\b|\bou\b|,)?\s*")
_TIGHT = re.compile(r"|\s*/\s*|\s+(?:or|ou)\s+")


@dataclass(frozen=True, slots=True)
class Alternative:
    """One delegation's text for a place; `label` as written ("Proposal of Ukraine", "Option A")."""

    label: str
    text: str
    remark: str = ""


@dataclass(frozen=True, slots=True)
class Place:
    """An open place: bracketed text (no `alternatives`) or a set of alternatives.

    `where` cites the unit ("Article III(2)", "point 12", "preamble"); `key` is the unit's key
    (a clause id in an assembled draft). `path` indexes the unit in the tree (() for the
    preamble and closing, with `part` saying which); `first`/`last` are the paragraphs
    (`PARAGRAPH`), the sub-points (`POINT`) or, for `WORDS`, the paragraph, with `start`/`end`
    the characters in it. `nested` counts the open spans inside it.
    """

    where: str
    key: str
    level: str
    alternatives: tuple[Alternative, ...]
    text: str
    path: tuple[int, ...]
    first: int
    last: int
    start: int = 0
    end: int = 0
    nested: int = 0
    part: str = "body"

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(a.label for a in self.alternatives)

    def describe(self) -> str:
        """One line: where, and what is open there."""
        if self.alternatives:
            names = ", ".join(a.label or f"unlabelled {i}" for i, a in enumerate(self.alternatives, 1))
            what = f"{len(self.alternatives)} alternatives ({names})" if len(self.alternatives) > 1 \
                else f"one proposal ({names})"
        else:
            what = f"bracketed text {_quote(self.text)}"
        inside = f", {self.nested} more open inside" if self.nested else ""
        return f"{self.where}: {what}{inside}"


def _quote(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return f"“{text[:width]}…”" if len(text) > width else f"“{text}”"


def _open(span: Span) -> bool:
    return span.kind in (OPEN, ALTERNATIVE)


def runs(text: str, parsed: Parsed | None = None) -> list[list[Span]]:
    """The outermost open spans of a paragraph grouped into places: spans next to each other
    (nothing, "or" or a slash between) are one set of alternatives, with their remarks."""
    parsed = parsed or parse(text)
    groups: list[list[Span]] = []
    for span in parsed.outermost():
        if span.kind not in (OPEN, ALTERNATIVE, REMARK):
            continue
        last = groups[-1][-1] if groups else None
        touching = last is not None and _BETWEEN.fullmatch(text, last.end, span.start) is not None
        if span.kind == REMARK:
            if touching and groups[-1][-1].kind == ALTERNATIVE:
                groups[-1].append(span)
            continue
        # Labelled alternatives side by side are one set; unlabelled brackets only when
        # nothing but "or" or a slash parts them ("[shall][may]", "[90] or [60]").
        prev = next((s for s in reversed(groups[-1]) if s.kind != REMARK), last) if groups else None
        tight = touching and last is not None and prev is not None and (
            span.kind == prev.kind == ALTERNATIVE or (
            span.kind == last.kind == OPEN and _TIGHT.fullmatch(text, last.end, span.start) is not None))
        if tight:
            groups[-1].append(span)
        else:
            groups.append([span])
    return groups


def alternatives_of(text: str, group: list[Span]) -> tuple[Alternative, ...]:
    """The alternatives of one group of spans; () when it is one span of bracketed text."""
    if len(group) == 1 and group[0].kind == OPEN:
        return ()
    out: list[Alternative] = []
    for span in group:
        if span.kind == REMARK and out:
            out[-1] = Alternative(out[-1].label, out[-1].text, span.words(text))
        elif span.kind != REMARK:
            out.append(Alternative(span.label, span.words(text)))
    return tuple(out)


def nested_in(parsed: Parsed, group: list[Span], starts: list[int] | None = None) -> int:
    """How many open spans lie inside `group`; `starts` (from `inner_starts`) saves the scan."""
    starts = inner_starts(parsed) if starts is None else starts
    return bisect_left(starts, group[-1].end) - bisect_right(starts, group[0].start)


def inner_starts(parsed: Parsed) -> list[int]:
    """Where the open spans that stand inside another one start, in order."""
    return [s.start for s in parsed.spans if s.depth and _open(s)]


def whole(text: str) -> tuple[Alternative, list[Span]] | None:
    """The alternative a whole paragraph is ("[Ukraine: ...]", "Option A: ..."), with its spans."""
    match = OPTION.match(text)
    if match:
        return Alternative(match.group(1), text[match.end():].strip()), []
    stripped = text.strip()
    if not stripped.startswith("["):
        return None
    offset = len(text) - len(text.lstrip())
    groups = runs(text)
    if len(groups) != 1 or groups[0][0].start != offset or groups[0][-1].end != len(text.rstrip()):
        return None
    alts = alternatives_of(text, groups[0])
    return (alts[0], groups[0]) if len(alts) == 1 and alts[0].label else None


def cite(chain: list[Point]) -> str:
    """How a reader cites a unit: "Article III(2)(a)", "point 12(b)", "Chapter 2"."""
    units = [p for p in chain if not p.is_division] or chain[-1:]
    head = units[0]
    if head.kind == "article" or head.is_division:
        name = f"{head.word or head.kind.capitalize()} {head.label}".strip()
    else:
        name = f"{'paragraph' if head.kind == 'paragraph' else 'point'} {head.label}".strip()
    if not head.label:
        name = f"“{head.heading}”" if head.heading else f"unnumbered {head.kind}"
    return name + "".join(f"({p.label})" for p in units[1:] if p.label)


def _plain(text: str) -> bool:
    """True when a paragraph can hold no place: no bracket, and not an option's paragraph."""
    return "[" not in text and "]" not in text and not _OPTION_WORD.match(text)


_OPTION_WORD = re.compile(r"\s*(?:option|alternative|alt\b|variant)", re.I)


def _paragraph_places(paras: tuple[str, ...], where: str, key: str, path: tuple[int, ...],
                      part: str) -> Iterator[Place]:
    if all(_plain(p) for p in paras):  # most paragraphs of most plans: nothing to look for
        return
    i = 0
    while i < len(paras):
        j = i
        alts: list[Alternative] = []
        nested = 0
        while j < len(paras):
            found = whole(paras[j])
            header = HEADER.match(paras[j])
            label = found[0].label if found else header.group(1) if header else ""
            if alts and repeats(alts, label):
                break
            if header and j + 1 < len(paras) and found is None:
                alts.append(Alternative(header.group(1), paras[j + 1].strip()))
                nested += _count_open(paras[j + 1])
                j += 2
                continue
            if found is None:
                if alts and _remark_only(paras[j]):
                    alts[-1] = Alternative(alts[-1].label, alts[-1].text, parse(paras[j]).spans[0].words(paras[j]))
                    j += 1
                    continue
                break
            alts.append(found[0])
            nested += nested_in(parse(paras[j]), found[1]) if found[1] else _count_open(found[0].text)
            j += 1
        if alts:
            yield Place(where, key, PARAGRAPH, tuple(alts), "", path, i, j - 1, nested=nested, part=part)
            i = j
            continue
        yield from _word_places(paras[i], i, where, key, path, part)
        i += 1


def lone_proposal(point: Point) -> bool:
    """True when a sub-point can be one alternative of a set of sub-points: its first paragraph
    the proposal, the others at most its remark (not a place of their own)."""
    return not point.is_division and bool(point.paragraphs) and all(_remark_only(p) for p in point.paragraphs[1:])


def repeats(alts: list[Alternative], label: str) -> bool:
    """True when a proposer of `label` already has an alternative in `alts`: a place holds one
    alternative per proposer, so the paragraph begins the next place."""
    def names(text: str) -> set[str]:
        return {part.strip().casefold() for part in text.split(" / ")}

    return bool(names(label) & set().union(*(names(a.label) for a in alts)))


def _remark_only(text: str) -> bool:
    spans = parse(text).outermost()
    return len(spans) == 1 and spans[0].kind == REMARK and text.strip() == text[spans[0].start:spans[0].end]


def _count_open(text: str) -> int:
    return sum(1 for s in parse(text).spans if _open(s))


def _word_places(text: str, index: int, where: str, key: str, path: tuple[int, ...],
                 part: str) -> Iterator[Place]:
    parsed = parse(text)
    starts = inner_starts(parsed)
    for group in runs(text, parsed):
        alts = alternatives_of(text, group)
        words = "" if alts else group[0].words(text)
        level = PARAGRAPH if (not alts and text.strip() == text[group[0].start:group[-1].end]) else WORDS
        yield Place(where, key, level, alts, words, path, index, index, group[0].start, group[-1].end,
                    nested_in(parsed, group, starts), part)


def _point_places(point: Point, chain: list[Point], path: tuple[int, ...]) -> Iterator[Place]:
    where = cite(chain)
    yield from _paragraph_places(point.paragraphs, where, point.key, path, "body")
    i = 0
    kids = point.children
    while i < len(kids):
        j = i
        alts: list[Alternative] = []
        while j < len(kids) and lone_proposal(kids[j]):
            found = whole(kids[j].paragraphs[0])
            if found is None or (alts and repeats(alts, found[0].label)):
                break
            remark = next((parse(p).spans[0].words(p) for p in kids[j].paragraphs[1:2] if _remark_only(p)), "")
            alts.append(Alternative(found[0].label, found[0].text, remark or found[0].remark))
            j += 1
        if alts:
            nested = sum(_count_open(a.text) for a in alts)
            yield Place(where, point.key, POINT, tuple(alts), "", path, i, j - 1, nested=nested)
            for k in range(i, j):  # what the chosen sub-point holds besides its first paragraph
                yield from _rest_places(kids[k], [*chain, kids[k]], (*path, k))
            i = j
            continue
        yield from _point_places(kids[i], [*chain, kids[i]], (*path, i))
        i += 1


def _rest_places(point: Point, chain: list[Point], path: tuple[int, ...]) -> Iterator[Place]:
    """Places in the sub-points of an alternative that is itself a sub-point."""
    for k, child in enumerate(point.children):
        yield from _point_places(child, [*chain, child], (*path, k))


def places(doc: Document) -> list[Place]:
    """Every open place of `doc` in reading order: preamble, body (with annexes), closing."""
    out = list(_paragraph_places(doc.preamble, "preamble", "", (), "preamble"))

    def walk(points: tuple[Point, ...], chain: list[Point], path: tuple[int, ...]) -> None:
        for i, point in enumerate(points):
            if point.is_division:
                out.extend(_paragraph_places(point.paragraphs, cite([*chain, point]), point.key, (*path, i), "body"))
                walk(point.children, [*chain, point], (*path, i))
            else:
                out.extend(_point_places(point, [*chain, point], (*path, i)))

    walk(doc.points, [], ())
    out.extend(_paragraph_places(doc.closing, "closing", "", (), "closing"))
    return out


def unbalanced(text: str) -> tuple[int, ...]:
    """Where `text` has a bracket without its partner."""
    return parse(text).unmatched
