"""Applying a protocol to the text it amends: the consolidated version.

The base becomes a working tree whose units remember the place they had in the base
(`Node.origin`), so every instruction finds its unit by the base's own numbers however
many units were inserted or deleted before it; the renumberings come last, all at once.
An instruction that cannot be applied is a `DraftingError` that names it and its unit,
and nothing is returned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from drafting.amend._model import (
    AFTER, END, FRONT, HEADING, INSERTION, JOIN, PARTIES, PREAMBLE, RENUMBERING, REPEAL,
    SPLIT, SUBPARAGRAPH, SUBSTITUTION, TITLE, Address, Instruction, Place, Protocol,
)
from drafting.amend._wording import cite, sentence
from drafting.errors import DraftingError
from drafting.model import Document, Point

#: Kinds a label may be looked up across when the kind named finds nothing ("point 5" for a
#: paragraph numbered 5): every unit kind below an article.
_LOOSE = frozenset({"point", "paragraph", "para", "sub", "bullet"})


@dataclass(eq=False)
class Node:
    """A unit of the text being amended: its content (children kept apart), where it stood in
    the base (None for a unit the protocol put in), and its children."""

    point: Point
    origin: Place | None
    children: list[Node] = field(default_factory=list)

    @property
    def is_division(self) -> bool:
        return self.point.is_division


def origins(points: tuple[Point, ...]) -> list[Place]:
    """Each sibling's place: kind and label, and for an unnumbered one its rank among the
    unnumbered siblings of its kind."""
    seen: dict[str, int] = {}
    out = []
    for p in points:
        rank = 0
        if not p.label:
            rank = seen[p.kind] = seen.get(p.kind, 0) + 1
        out.append(Place(p.kind, p.label, rank))
    return out


def build(points: tuple[Point, ...], *, base: bool = True) -> list[Node]:
    """The working tree of `points`; `base` gives every unit its origin."""
    places: list[Place | None] = list(origins(points)) if base else [None] * len(points)
    return [Node(replace(p, children=()), o, build(p.children, base=base)) for p, o in zip(points, places)]


def points_of(nodes: list[Node]) -> tuple[Point, ...]:
    """The tree back as points."""
    return tuple(replace(n.point, children=points_of(n.children)) for n in nodes)


Spot = tuple[list[Node], int]
#: What a deleted unit leaves in its place until all the units an instruction deletes are found.
_GONE = Node(Point(key=""), None)


def _candidates(nodes: list[Node]) -> list[Spot]:
    """The units a step of an address may name: these, and those inside their divisions."""
    out: list[Spot] = []
    for i, node in enumerate(nodes):
        out.append((nodes, i))
        if node.is_division:
            out.extend(_candidates(node.children))
    return out


def _fits(place: Place, origin: Place | None, point: Point, loose: bool) -> bool:
    if origin is None:  # a unit the protocol inserted: known by its new number only
        return bool(place.label) and point.label == place.label and (point.kind == place.kind or loose)
    if place.label != origin.label or (not place.label and place.ordinal != origin.ordinal):
        return False
    return origin.kind == place.kind or (loose and place.kind in _LOOSE and origin.kind in _LOOSE)


#: `_candidates` of a list of nodes by number, kept while the tree keeps its shape (see `_by_label`).
Pools = dict[int, tuple[list[Node], dict[str, list[Spot]]]]


def _by_label(inside: list[Node], pools: Pools | None) -> dict[str, list[Spot]]:
    """The candidates inside `inside` by number (a base unit's in the base, an inserted one's own):
    `_fits` takes no unit of another number, so a lookup reads one list, not the whole text."""
    kept = pools.get(id(inside)) if pools is not None else None
    if kept is not None and kept[0] is inside:
        return kept[1]
    out: dict[str, list[Spot]] = {}
    for s, k in _candidates(inside):
        origin = s[k].origin
        out.setdefault(s[k].point.label if origin is None else origin.label, []).append((s, k))
    if pools is not None:
        pools[id(inside)] = (inside, out)
    return out


def find(nodes: list[Node], address: Address, pools: Pools | None = None) -> list[Spot]:
    """Where `address` points in the working tree: every unit it fits (one, when all is well).

    Units of the base are looked for first, by their place in the base; a unit the protocol
    inserted is found by its number when no unit of the base has it. `pools` keeps the
    candidates between lookups; its owner empties it when units move, come or go.
    """
    spots: list[Spot] = [(nodes, -1)]
    for place in address:
        found: list[Spot] = []
        for siblings, i in spots:
            inside = siblings[i].children if i >= 0 else siblings
            pool = _by_label(inside, pools).get(place.label, [])
            for base_only in (True, False):
                for loose in (False, True):
                    hits = [(s, k) for s, k in pool if (s[k].origin is not None) == base_only
                            and _fits(place, s[k].origin, s[k].point, loose)]
                    if hits:
                        break
                if hits:
                    break
            found.extend(hits)
        spots = found
    return spots


class Consolidation:
    """The base being amended, instruction by instruction."""

    def __init__(self, base: Document, source: str = "") -> None:
        self.doc = base
        self.nodes = build(base.points)
        self.source = source
        self.renumberings: list[tuple[Instruction, Address, str]] = []
        self._pools: Pools = {}
        self._moved = False

    # -- finding -------------------------------------------------------------------------------

    def fail(self, instruction: Instruction, why: str, hint: str | None = None) -> DraftingError:
        return DraftingError(f"cannot apply “{_short(sentence(instruction))}”: {_short(why)}",
                             path=self.source or None,
                             hint=hint)

    def spot(self, instruction: Instruction, address: Address, *, edge: str = "") -> Spot:
        """The one unit `address` names; AFTER takes the last of a split unit's pieces."""
        spots = find(self.nodes, address, self._pools)
        if not spots:
            near = [cite(a) for a in self._known(address)]
            raise self.fail(instruction, f"the amended text has no {cite(address)}",
                            hint=f"it has {', '.join(near[:8])}" if near else None)
        origins = {id(s[k].origin) for s, k in spots}
        if len(spots) > 1 and not (len(origins) == 1 and spots[0][0][spots[0][1]].origin is not None):
            raise self.fail(instruction, f"{cite(address)} is ambiguous: the text has {len(spots)} of them",
                            hint="name the part, chapter or article it is in")
        return spots[-1] if edge == AFTER else spots[0]

    def _known(self, address: Address) -> list[Address]:
        """The units beside the one not found, for the message."""
        parent = find(self.nodes, address[:-1]) if len(address) > 1 else [(self.nodes, -1)]
        if len(parent) != 1:
            return []
        siblings, i = parent[0]
        inside = siblings[i].children if i >= 0 else siblings
        return [(*address[:-1], s[k].origin or Place(s[k].point.kind, s[k].point.label))
                for s, k in _candidates(inside) if (s[k].origin or s[k].point).kind == address[-1].kind
                or address[-1].kind in _LOOSE]

    def unit(self, instruction: Instruction, address: Address) -> Node:
        siblings, i = self.spot(instruction, address)
        return siblings[i]

    # -- applying ------------------------------------------------------------------------------

    def apply(self, instruction: Instruction) -> None:
        i = instruction
        if self._moved:  # the last instruction moved, added or took away units: look them up afresh
            self._pools.clear()
        self._moved = not (i.action == RENUMBERING or i.words)  # these leave every unit where it is
        if i.action == RENUMBERING:
            for address, label in zip(i.others, i.labels, strict=True):
                self.spot(i, address)  # a unit the text lacks is an error here, at its instruction
                self.renumberings.append((i, address, label))
            return
        last = i.target[-1] if i.target else None
        if i.words or (last is not None and last.kind == SUBPARAGRAPH):
            self._text(i)
        elif last is not None and last.kind in FRONT:
            self._front(i, last.kind)
        elif last is not None and last.kind == HEADING:
            self._heading(i)
        elif i.action == INSERTION:
            self._insert(i)
        elif i.action == REPEAL:
            gone = [self.spot(i, a) for a in (i.target, *i.others)]
            for siblings, k in gone:
                siblings[k] = _GONE
            for siblings, _k in gone:
                siblings[:] = [n for n in siblings if n is not _GONE]
        elif i.action in (SUBSTITUTION, SPLIT):
            siblings, k = self.spot(i, i.target)
            old = siblings[k]
            fresh = build(i.points, base=False)
            for node in fresh if i.action == SPLIT else fresh[:1]:
                node.origin = old.origin  # still found by its old number: the renumbering, an anchor
            if i.action == SUBSTITUTION:  # the same unit, reworded: it keeps its key and metadata
                fresh[0].point = replace(fresh[0].point, key=old.point.key, meta=old.point.meta)
            siblings[k:k + 1] = fresh
        elif i.action == JOIN:
            spots = [self.spot(i, a) for a in (i.target, *i.others)]
            siblings, k = spots[0]
            fresh = build(i.points, base=False)
            fresh[0].origin = siblings[k].origin
            joined = [id(s[j]) for s, j in spots[1:]]
            for s, j in spots[1:]:
                if s is not siblings:
                    raise self.fail(i, "the units joined are not in the same place")
            siblings[k:k + 1] = fresh
            siblings[:] = [n for n in siblings if id(n) not in joined]
        else:
            raise self.fail(i, f"unknown action {i.action!r}")

    def _insert(self, i: Instruction) -> None:
        fresh = build(i.points, base=False)
        if i.position == END:
            if i.target:
                node = self.unit(i, i.target)
                if not node.children and all(_plain_paragraph(p) for p in i.points):
                    # "the following paragraph is added" to an article of unnumbered paragraphs
                    node.point = replace(node.point, paragraphs=(
                        *node.point.paragraphs, *(t for p in i.points for t in p.paragraphs)))
                    return
                node.children.extend(fresh)
            else:
                self.nodes.extend(fresh)
            return
        siblings, k = self.spot(i, i.target, edge=i.position)
        at = k + 1 if i.position == AFTER else k
        siblings[at:at] = fresh

    def _front(self, i: Instruction, part: str) -> None:
        self._set_part(part, () if i.action == REPEAL else i.text)

    def _heading(self, i: Instruction) -> None:
        node = self.unit(i, i.target[:-1])
        if i.action == INSERTION and node.point.heading:
            raise self.fail(i, f"{cite(i.target[:-1])} has a heading already")
        node.point = replace(node.point, heading="" if i.action == REPEAL else i.text[0])

    def _text(self, i: Instruction) -> None:
        """Words or a subparagraph of a unit's own text (not of its sub-units)."""
        sub = i.target[-1] if i.target and i.target[-1].kind == SUBPARAGRAPH else None
        owner = i.target[:-1] if sub else i.target
        part = owner[0].kind if len(owner) == 1 and owner[0].kind in FRONT else ""
        node = None if part else self.unit(i, owner)
        paras = list(self._part(part) if node is None else node.point.paragraphs)
        if sub is None:
            hits = [k for k, text in enumerate(paras) if occurrences(text, i.old)]
            if len(hits) != 1:
                raise self.fail(i, _count_words(i.old, sum(len(occurrences(t, i.old)) for t in paras),
                                                cite(owner)), hint="quote more of the sentence to say which")
            paras[hits[0]] = words(i, paras[hits[0]], self.fail)
        elif i.words:
            k = self._subparagraph(i, sub, paras)
            paras[k] = words(i, paras[k], self.fail)
        elif i.action == INSERTION:
            at = len(paras) if i.position == END else self._subparagraph(i, sub, paras) + (i.position == AFTER)
            paras[at:at] = i.text
        else:
            k = self._subparagraph(i, sub, paras)
            paras[k:k + 1] = () if i.action == REPEAL else i.text
        if node is None:
            self._set_part(part, tuple(paras))
        else:
            node.point = replace(node.point, paragraphs=tuple(paras))

    def _part(self, part: str) -> tuple[str, ...]:
        """The paragraphs of the title, the parties, the preamble (its recitals) or the closing."""
        if part == TITLE:
            return (self.doc.title,) if self.doc.title else ()
        return tuple(getattr(self.doc, part))

    def _set_part(self, part: str, text: tuple[str, ...]) -> None:
        if part == TITLE:
            self.doc = replace(self.doc, title=" ".join(text))
        elif part == PARTIES:
            self.doc = replace(self.doc, parties=text)
        elif part == PREAMBLE:
            self.doc = replace(self.doc, preamble=text)
        else:
            self.doc = replace(self.doc, closing=text)

    def _subparagraph(self, i: Instruction, sub: Place, paras: list[str]) -> int:
        at = len(paras) if sub.ordinal == -1 else sub.ordinal  # -1: "the last subparagraph"
        if not 0 < at <= len(paras):
            raise self.fail(i, f"{cite(i.target[:-1]) or 'the unit'} has {len(paras)} subparagraph(s)")
        return at - 1

    def result(self) -> Document:
        """The amended text, renumbered last and all at once: each unit renumbered is looked up
        only now, by its place in the base, so a unit inserted or deleted after the renumbering
        was read shifts no other into its number; a unit given two numbers is an error."""
        self._pools.clear()
        labels: dict[int, tuple[Node, str]] = {}
        for i, address, label in self.renumberings:
            siblings, k = self.spot(i, address)
            node, given = labels.setdefault(id(siblings[k]), (siblings[k], label))
            if given != label:
                raise self.fail(i, f"{cite(address)} is given two numbers, {given} and {label}")
        for node, label in labels.values():
            node.point = replace(node.point, label=label)
        return replace(self.doc, points=points_of(self.nodes))


def _short(text: str, most: int = 300) -> str:
    """A message quotes at most the start of a long instruction or address."""
    return text if len(text) <= most else text[:most] + "…"


def _plain_paragraph(point: Point) -> bool:
    """An unnumbered paragraph of text, nothing more: a subparagraph when its unit has no sub-units."""
    return (point.kind in ("para", "paragraph") and not point.label and not point.heading
            and not point.children)


def _count_words(old: str, n: int, where: str) -> str:
    return f"the words “{old}” are not in {where}" if n == 0 else f"the words “{old}” occur {n} times in {where}"


def occurrences(text: str, phrase: str) -> list[int]:
    """Where `phrase` stands in `text` as whole words (not "the" inside "other")."""
    if not phrase:
        return []
    left = r"(?<!\w)" if re.match(r"\w", phrase) else ""
    right = r"(?!\w)" if re.search(r"\w$", phrase) else ""
    return [m.start() for m in re.finditer(left + re.escape(phrase) + right, text)]


_CLOSE = re.compile(r"^[,.;:!?)\]”’»]")
_OPEN = re.compile(r"[(\[“‘«]$")


def words(i: Instruction, text: str, fail: object = None) -> str:
    """`text` with the words of instruction `i` replaced, deleted or inserted; spaces kept tidy."""
    at = occurrences(text, i.old)
    if len(at) != 1:
        message = f"the words “{i.old}” occur {len(at)} times here" if at else f"the words “{i.old}” are not there"
        raise (fail(i, message, "quote more of the sentence to say which")
               if callable(fail) else DraftingError(message))
    start, end = at[0], at[0] + len(i.old)
    if i.action == SUBSTITUTION:
        return text[:start] + i.new + text[end:]
    if i.action == REPEAL:
        before, after = text[:start], text[end:]
        if before.endswith(" ") and (after.startswith(" ") or _CLOSE.match(after) or not after):
            before = before[:-1]
        elif not before and after.startswith(" "):
            after = after[1:]
        return before + after
    if i.position == AFTER:
        glue = "" if _CLOSE.match(i.new) or _OPEN.search(text[:end]) else " "
        return text[:end] + glue + i.new + text[end:]
    glue = "" if _OPEN.search(i.new) or _CLOSE.match(text[start:]) else " "
    return text[:start] + i.new + glue + text[start:]


def consolidate(base: Document, protocol: Protocol, *, source: str = "") -> Document:
    """`base` with every instruction of `protocol` applied in order, renumberings last.

    The metadata stay the base's; the caller dates the consolidated version.
    """
    work = Consolidation(base, source)
    for instruction in protocol.instructions:
        work.apply(instruction)
    return work.result()


def shape(doc: Document) -> tuple[object, ...]:
    """What a consolidation must give back: text and structure, keys and metadata aside."""
    def unit(p: Point) -> tuple[object, ...]:
        return (p.kind, p.label, p.heading, p.paragraphs, tuple(unit(c) for c in p.children))

    return (doc.title, doc.parties, doc.preamble, doc.closing, tuple(unit(p) for p in doc.points))
