"""Settle open places: take a delegation's alternative, or agree bracketed text.

A pure function from a document and the user's choices to the next version; what
no choice covers stays open, exactly as written, and is listed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from drafting.brackets._parse import ALTERNATIVE, OPEN, REMARK, parse
from drafting.brackets._places import (
    PARAGRAPH, Alternative, Place, _paragraph_places, cite, lone_proposal, places, repeats, runs, whole,
)
from drafting.errors import DraftingError, near
from drafting.model import Document, Point
from drafting.numerals import renumbered

#: How a merge writes the headings two sides gave one point, as alternatives in its first
#: paragraph ("[US: heading “Ceasefire”] [Ukraine: heading “Truce”]"); the one taken is the heading.
HEADING = "heading "
_HEADING = re.compile(r"heading “(.*)”")

#: How deep inside each other places are settled; no negotiating text nests brackets this deep.
MAX_NESTING = 40
#: What `pick` returns for "take none of them": the position taken has no text at the place.
NONE = -1
#: Point metadata that maps a position's name to the label its alternatives carry.
PROPOSER = "proposer:"
_NOISE = re.compile(r"\b(?:proposal|proposed|text|position|of|by|the|from)\b|\([^)]*\)|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Take:
    """`--take [SCOPE=]NAME[,NAME...]`: at each place (in SCOPE only, when given), the first of
    `names` that has an alternative there. SCOPE is a clause id or a unit as cited ("12", "Article III")."""

    names: tuple[str, ...]
    scope: str = ""


def parse_take(value: str) -> Take:
    scope, sep, names = value.rpartition("=")
    listed = tuple(n.strip() for n in (names if sep else value).split(",") if n.strip())
    if not listed or (sep and not scope.strip()):
        raise DraftingError(f"--take {value!r} is not NAME[,NAME...] or CLAUSE=NAME[,NAME...]",
                            hint="for example --take ukraine or --take mutual-defence.us-guarantee=europe")
    return Take(listed, scope.strip())


def _norm(text: str) -> list[str]:
    return _NOISE.sub(" ", text.replace("-", " ").replace("_", " ").casefold()).split()


def matches(name: str, label: str, aliases: dict[str, str] | None = None) -> bool:
    """True when `--take NAME` names the proposer of an alternative labelled `label` (or one of
    the proposers of "Europe / Ukraine"): the same label, a position whose label it is, or the
    label's first words ("us-draft" for "US draft (28-point plan)", "europe" for "European
    counter-proposal", "ukraine" for "Proposal of Ukraine")."""
    if " / " in label:
        return any(matches(name, part.strip(), aliases) for part in label.split(" / "))
    if aliases and aliases.get(name) == label:
        return True
    if name.casefold() == label.casefold():
        return True
    want, have = _norm(name), _norm(label)
    if not want or len(want) > len(have):
        return False
    return want[:-1] == have[:len(want) - 1] and have[len(want) - 1].startswith(want[-1])


@dataclass
class _Run:
    takes: Sequence[Take]
    agree: frozenset[str]
    chosen: list[tuple[str, str]] = field(default_factory=list)
    agreed: list[str] = field(default_factory=list)
    scopes_used: set[str] = field(default_factory=set)

    def picker(self, names: set[str], aliases: dict[str, str], where: str,
               taken: list[str] | None = None) -> Callable[[Place | None, tuple[Alternative, ...]], int | None]:
        taken = [] if taken is None else taken
        rules = [t for t in self.takes if t.scope and t.scope.casefold() in names]
        rules += [t for t in self.takes if not t.scope]
        self.scopes_used.update(t.scope for t in rules if t.scope)

        def pick(_: Place | None, alts: tuple[Alternative, ...]) -> int | None:
            """The alternative to take, or NONE when the position taken took part in writing this
            negotiating text (it is in the point's metadata) and proposed no text here."""
            for rule in rules:
                for name in rule.names:
                    for i, alt in enumerate(alts):
                        if alt.label and matches(name, alt.label, aliases):
                            self.chosen.append((where, alt.label))
                            taken.append(name)
                            return i
                    if name in aliases:
                        self.chosen.append((where, f"nothing ({name} proposes no text here)"))
                        taken.append(name)
                        return NONE
            return None

        return pick

    def agrees(self, names: set[str]) -> bool:
        return "all" in self.agree or bool(self.agree & names)

    # -- one paragraph: the places inside it ------------------------------------
    def text(self, text: str, pick: Callable[..., int | None], agree: bool, where: str, depth: int = 0) -> str:
        """`text` with its places settled, the places inside the words taken or agreed as well,
        down to `MAX_NESTING` levels (a hostile nest of brackets is left as it is below that)."""
        if depth > MAX_NESTING:
            return text
        groups = runs(text)
        for group in reversed(groups):
            start, end = group[0].start, group[-1].end
            alts = tuple(Alternative(s.label, s.words(text)) for s in group if s.kind != REMARK)
            if len(group) == 1 and group[0].kind == OPEN:
                inner = self.text(text[start + 1:end - 1], pick, agree, where, depth + 1)
                if agree:
                    self.agreed.append(where)
                    text = _join(text[:start], inner.strip(), text[end:])
                else:
                    text = text[:start + 1] + inner + text[end - 1:]
                continue
            chosen = pick(None, alts) if any(s.kind == ALTERNATIVE for s in group) else None
            if chosen is not None:
                taken = "" if chosen == NONE else self.text(alts[chosen].text, pick, agree, where, depth + 1)
                text = _join(text[:start], taken, text[end:])
        return text

    # -- a run of paragraphs ------------------------------------------------------
    def paragraphs(self, paras: tuple[str, ...], pick: Callable[..., int | None], agree: bool,
                   where: str, key: str) -> tuple[str, ...]:
        out = list(paras)
        done: set[int] = set()
        for place in reversed(list(_paragraph_places(paras, where, key, (), "body"))):
            if place.level == PARAGRAPH and place.alternatives:
                chosen = pick(place, place.alternatives)
                if chosen is not None:
                    out[place.first:place.last + 1] = [] if chosen == NONE else [
                        self.text(place.alternatives[chosen].text, pick, agree, where)]
                    continue
                for i in range(place.first, place.last + 1):
                    out[i] = self.text(out[i], pick, agree, where)
                done.update(range(place.first, place.last + 1))
            elif place.first not in done:
                out[place.first] = self.text(paras[place.first], pick, agree, where)
                done.add(place.first)
        return tuple(p for p in out if p.strip())

    # -- the tree -----------------------------------------------------------------
    def point(self, point: Point, chain: list[Point], aliases: dict[str, str]) -> Point | None:
        """`point` settled; None when it was one side's proposal that the position taken drops
        (a merge's point deleted by that side)."""
        aliases = {**aliases, **{k[len(PROPOSER):]: v for k, v in point.meta if k.startswith(PROPOSER)}}
        where = cite(chain)
        names = _names(chain)
        taken: list[str] = []
        pick = self.picker(names, aliases, where, taken)
        agree = self.agrees(names)
        mark, agreed = len(self.chosen), len(self.agreed)
        paras = self.paragraphs(point.paragraphs, pick, agree, where, point.key)
        self.chosen[mark:] = self.chosen[mark:][::-1]  # settled from the end: say them in reading order
        self.agreed[agreed:] = self.agreed[agreed:][::-1]
        kids = list(point.children)
        if not kids and paras and any(k.startswith(PROPOSER) for k, _ in point.meta):
            paras, subs = unflatten(paras, point.key)
            kids = list(subs)
        out: list[Point] = []
        i = 0
        while i < len(kids):
            run = _alternative_run(kids, i)
            if run:
                alts = tuple(a for a, _ in run)
                chosen = pick(None, alts)
                if chosen == NONE:
                    i += len(run)
                    continue
                if chosen is not None:
                    kid = run[chosen][1]
                    first = self.text(alts[chosen].text, pick, agree, where)
                    rest = tuple(p for p in kid.paragraphs[1:] if not _remark(p))
                    kid = replace(kid, label=kids[i].label, paragraphs=(first, *rest))
                    out.append(replace(kid, children=self.points(kid.children, [*chain, kid], aliases)))
                    i += len(run)
                    continue
            kept = self.point(kids[i], [*chain, kids[i]], aliases)
            if kept is not None:
                out.append(kept)
            i += 1
        if taken and not paras and not any(_worded(c) for c in out) and (point.paragraphs or point.children):
            return None
        heading = point.heading
        if taken and paras and (found := _HEADING.fullmatch(paras[0])):  # a merge's heading, taken
            heading, paras = found.group(1), paras[1:]
        done = replace(point, heading=heading, paragraphs=paras, children=renumbered(point.children, tuple(out))
                       if len(out) < len(kids) else tuple(out))
        return _settled(done, taken) if taken else done

    def points(self, points: tuple[Point, ...], chain: list[Point], aliases: dict[str, str]) -> tuple[Point, ...]:
        """Siblings settled, numbered again when some were dropped."""
        out = [p for p in (self.point(c, [*chain, c], aliases) for c in points) if p is not None]
        return renumbered(points, tuple(out)) if len(out) < len(points) else tuple(out)


def _worded(point: Point) -> bool:
    return bool(point.paragraphs) or any(_worded(c) for c in point.children)


def _settled(point: Point, taken: list[str]) -> Point:
    """A point of the library's negotiating text once nothing in it is open: it records the
    position taken, as `assemble --position` does, instead of the positions it set side by side."""
    if not any(k.startswith(PROPOSER) for k, _ in point.meta) or places(Document(points=(point,))):
        return point
    meta = tuple((k, v) for k, v in point.meta if not k.startswith(PROPOSER))
    if len(set(taken)) == 1:
        meta += (("position", taken[0]),)
    return replace(point, meta=meta)


_INLINE_SUB = re.compile(r"(?:^|\s)\(([a-z])\)\s")


def unflatten(paras: tuple[str, ...], key: str) -> tuple[tuple[str, ...], tuple[Point, ...]]:
    """An alternative the library wrote as one paragraph from a clause with sub-points ("... as
    follows. (a) ... (b) ..."), taken: its sub-points become sub-points again, as assembled."""
    last = paras[-1]
    marks = list(_INLINE_SUB.finditer(last))
    if not marks or [m.group(1) for m in marks] != [chr(ord("a") + i) for i in range(len(marks))]:
        return paras, ()
    lead = last[:marks[0].start()].strip()
    subs = tuple(Point(key=f"@{key}/{m.group(1)}", label=m.group(1), kind="sub",
                       paragraphs=(last[m.end():nxt.start() if nxt else len(last)].strip(),))
                 for m, nxt in zip(marks, [*marks[1:], None], strict=True))
    return (*paras[:-1], *([lead] if lead else [])), subs


def _alternative_run(kids: list[Point], i: int) -> list[tuple[Alternative, Point]]:
    out: list[tuple[Alternative, Point]] = []
    while i < len(kids) and lone_proposal(kids[i]):
        found = whole(kids[i].paragraphs[0])
        if found is None or (out and repeats([a for a, _ in out], found[0].label)):
            break
        out.append((found[0], kids[i]))
        i += 1
    return out


def _remark(text: str) -> bool:
    spans = parse(text).outermost()
    return len(spans) == 1 and spans[0].kind == REMARK and text.strip() == text[spans[0].start:spans[0].end]


def _names(chain: list[Point]) -> set[str]:
    """What a `--take SCOPE=` or `--agree` may call a unit or any unit it stands in: its key, or
    its number as cited ("point 14(b)", "14(b)", "14", "Article III")."""
    out: set[str] = set()
    for end in range(1, len(chain) + 1):
        where = cite(chain[:end])
        out.update({chain[end - 1].key.casefold(), where.casefold(), where.split(" ", 1)[-1].casefold()})
    return out


def _join(left: str, middle: str, right: str) -> str:
    """Three pieces of a sentence, with one space where a removed place leaves two."""
    if not middle:
        if left.endswith(" ") and (right.startswith((" ", ".", ",", ";", ":")) or not right):
            left = left.rstrip(" ")
        return left + right
    return left + middle + right


@dataclass(frozen=True, slots=True)
class Resolution:
    """The next version, what was chosen where, and the places still open."""

    document: Document
    chosen: tuple[tuple[str, str], ...]
    agreed: tuple[str, ...]
    still_open: tuple[Place, ...]


def resolve(doc: Document, takes: Sequence[Take], agree: Sequence[str] = ()) -> Resolution:
    """`doc` with the alternatives `takes` choose taken and their brackets removed, and the bracketed
    text of the units in `agree` ("all", clause ids or numbers as cited) agreed."""
    run = _Run(takes, frozenset(a.casefold() for a in agree))
    front = run.picker({"preamble"}, {}, "preamble")
    preamble = run.paragraphs(doc.preamble, front, run.agrees({"preamble"}), "preamble", "")
    points = _walk(run, doc.points, [])
    back = run.picker({"closing"}, {}, "closing")
    closing = run.paragraphs(doc.closing, back, run.agrees({"closing"}), "closing", "")
    unknown = [t.scope for t in takes if t.scope and t.scope not in run.scopes_used]
    if unknown:
        raise DraftingError(f"--take {unknown[0]}=...: no unit of this draft is called {unknown[0]!r}",
                            matches=near(unknown[0], _all_names(doc)),
                            hint="give a clause id or a unit's number as `treaty check` cites it")
    new = replace(doc, preamble=preamble, points=points, closing=closing)
    return Resolution(new, tuple(run.chosen), tuple(dict.fromkeys(run.agreed)), tuple(places(new)))


def _walk(run: _Run, points: tuple[Point, ...], chain: list[Point]) -> tuple[Point, ...]:
    out: list[Point] = []
    for point in points:
        if point.is_division:
            out.append(replace(point, children=_walk(run, point.children, [*chain, point])))
        elif (kept := run.point(point, [*chain, point], {})) is not None:
            out.append(kept)
    return renumbered(points, tuple(out)) if len(out) < len(points) else tuple(out)


def _all_names(doc: Document) -> list[str]:
    names: list[str] = []

    def walk(points: tuple[Point, ...], chain: list[Point]) -> None:
        for point in points:
            names.append(point.key)
            names.append(cite([*chain, point]))
            walk(point.children, [*chain, point])

    walk(doc.points, [])
    return names
