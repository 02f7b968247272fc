"""A redline written as an amending protocol: the instructions that turn the old text into the new.

Units the diff paired and left in order are amended in place (their heading, their words,
their sub-units); the others are deleted where they stood and inserted where they stand
now, quoted whole. A few word changes in a unit become "the words ... are replaced by ...",
each quoted with enough of its sentence to be found once; more than the user's threshold,
and the unit (or that subparagraph) is replaced by the following. Renumberings come last.
Every instruction is checked as it is written by applying it to the text it amends.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from drafting.amend._apply import consolidate, origins, shape, words
from drafting.amend._model import (
    AFTER, BEFORE, CLOSING, END, INSERTION, JOIN, PARTIES, PREAMBLE, RENUMBERING, REPEAL, SPLIT,
    SUBPARAGRAPH, SUBSTITUTION, TITLE, HEADING, Address, Instruction, Place, Protocol,
)
from drafting.amend._wording import following
from drafting.diff.align import increasing_run
from drafting.diff.redline import EQUAL, Redline, accept_all, reject_all, walk
from drafting.diff.words import word_diff
from drafting.errors import DraftingError
from drafting.model import ATTACHMENTS, Document, Path, Point

#: Word changes in one unit (or subparagraph) written word by word; past it, the text is replaced.
WORD_CHANGES = 3
#: Words as the diff cuts them (a number such as 600,000 is one), punctuation apart.
_WORD = re.compile(r"\d+(?:[.,]\d+)*|\w+(?:['’]\w+)*|[^\w\s]")


def _changes(old: str, new: str) -> list[tuple[int, int, str]]:
    """The changes from `old` to `new` as (start, end, replacement) in `old`; runs that only
    spaces separate are one change."""
    out: list[list[int | str]] = []
    pos = 0
    for op, text in word_diff(old, new):
        if op == EQUAL:
            pos += len(text)
            continue
        if out and not old[int(out[-1][1]):pos].strip():
            change = out[-1]
            change[2] = str(change[2]) + old[int(change[1]):pos]  # the space between stays in the new words
            change[1] = pos
        else:
            change = [pos, pos, ""]
            out.append(change)
        if op == EQUAL + 1:
            change[2] = str(change[2]) + text
        else:
            pos += len(text)
            change[1] = pos
    return [(int(a), int(b), str(c)) for a, b, c in out]


def _spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _WORD.finditer(text)]


def _try(instruction: Instruction, text: str, target: str) -> Instruction | None:
    """`instruction` when applying it to `text` gives `target` (its words found once), else None."""
    try:
        return instruction if words(instruction, text) == target else None
    except DraftingError:
        return None


def word_instructions(target: Address, old: str, new: str) -> list[Instruction] | None:
    """The word changes from `old` to `new` as instructions applied one after another, each
    quoting the fewest words that are found once; None when one cannot be said so."""
    out: list[Instruction] = []
    text, delta = old, 0
    for start, end, rep in _changes(old, new):
        s, e = start + delta, end + delta
        goal = text[:s] + rep + text[e:]
        found = _phrase(target, text, s, e, rep, goal)
        if found is None:
            return None
        out.append(found)
        text, delta = goal, delta + len(rep) - (end - start)
    return out if text == new else None


def _phrase(target: Address, text: str, s: int, e: int, rep: str, goal: str) -> Instruction | None:
    spans = _spans(text)
    before = [sp for sp in spans if sp[1] <= s]
    after = [sp for sp in spans if sp[0] >= e]
    if not text[s:e].strip() and rep.strip():  # words put in: "inserted after/before"
        for n in range(1, 5):
            if len(before) >= n:
                anchor = text[before[-n][0]:s].rstrip()
                found = _try(Instruction(INSERTION, target, old=anchor, new=rep.strip(), position=AFTER), text, goal)
                if found:
                    return found
            if len(after) >= n:
                anchor = text[e:after[n - 1][1]].lstrip()
                found = _try(Instruction(INSERTION, target, old=anchor, new=rep.strip(), position=BEFORE), text, goal)
                if found:
                    return found
    inner = [sp for sp in spans if sp[1] > s and sp[0] < e]
    if inner:
        lo, hi = inner[0][0], inner[-1][1]
    else:
        lo, hi = (before[-1][0] if before else 0), (after[0][1] if after else len(text))
    if inner and not rep.strip():  # words taken out: "are deleted", when that is all it takes
        found = _try(Instruction(REPEAL, target, old=text[lo:hi]), text, goal)
        if found:
            return found
    shift = len(goal) - len(text)
    starts = [sp[0] for sp in before if sp[0] < lo][::-1]
    ends = [sp[1] for sp in after if sp[1] > hi]
    for extra in range(0, 7):
        for left in range(0, extra + 1):
            right = extra - left
            if left > len(starts) or right > len(ends):
                continue
            a = starts[left - 1] if left else lo
            b = ends[right - 1] if right else hi
            old_words, new_words = text[a:b], goal[a:b + shift]
            if not old_words.strip() or a > b + shift:
                continue
            if not new_words.strip():
                found = _try(Instruction(REPEAL, target, old=old_words), text, goal)
            else:
                found = _try(Instruction(SUBSTITUTION, target, old=old_words, new=new_words), text, goal)
            if found:
                return found
    return None


def _siblings(repeal: Instruction, more: Instruction) -> bool:
    """True when `more` deletes a numbered unit of the same kind and place as `repeal`'s."""
    a, b = repeal.target, more.target
    return (len(a) == len(b) > 0 and a[:-1] == b[:-1] and a[-1].kind == b[-1].kind
            and a[-1].kind not in (TITLE, PARTIES, PREAMBLE, CLOSING, HEADING, SUBPARAGRAPH)
            and bool(a[-1].label) and bool(b[-1].label))


def _next(label: str) -> str:
    """The label after `label` in its scheme ("" when it has none)."""
    run = following(label, 2)
    return run[1] if run else ""


class Drafter:
    """Walks the paired trees once, writing the instructions in the order a protocol gives them."""

    def __init__(self, redline: Redline, old: Document, new: Document, limit: int) -> None:
        self.old, self.new, self.limit = old, new, limit
        self.to_old: dict[Path, Path] = {}
        self.status_old: dict[Path, str] = {}
        self.status_new: dict[Path, str] = {}
        for d in walk(redline.points):
            op = (*d.old_parent, d.old_index) if d.old_index is not None and d.old is not None else None
            np = (*d.new_parent, d.new_index) if d.new_index is not None and d.new is not None else None
            if op is not None:
                self.status_old[op] = d.status
            if np is not None:
                self.status_new[np] = d.status
            if op is not None and np is not None:
                self.to_old[np] = op
        self.counts = Counter(self._reachable(old.points))
        self.addresses: dict[Path, Address] = {}
        self._origins: dict[int, tuple[tuple[Point, ...], list[Place]]] = {}
        self.body: list[Instruction] = []
        self.renumbered: list[tuple[Address, str]] = []

    def _reachable(self, points: tuple[Point, ...]) -> list[Place]:
        """The places an address's first step may name: top-level units and those in divisions."""
        out = []
        for p, place in zip(points, origins(points)):
            out.append(place)
            if p.is_division:
                out.extend(self._reachable(p.children))
        return out

    def address(self, path: Path) -> Address:
        """The base's address of the unit at `path`, its divisions left out when its number is
        unique without them ("Article 5", not "Chapter II, Article 5")."""
        if path in self.addresses:
            return self.addresses[path]
        chain: list[Place] = []
        points = self.old.points
        nodes: list[Point] = []
        for i in path:
            key = id(points)
            if key not in self._origins:
                self._origins[key] = (points, origins(points))  # the tuple kept, so its id stays its own
            chain.append(self._origins[key][1][i])
            nodes.append(points[i])
            points = points[i].children
        while (len(chain) > 1 and nodes[0].is_division and nodes[0].kind not in ATTACHMENTS
               and self.counts[chain[1]] == 1 and chain[1].label):  # "Annex I, point 4" keeps its annex
            chain, nodes = chain[1:], nodes[1:]
        self.addresses[path] = tuple(chain)
        return self.addresses[path]

    def emit(self, instruction: Instruction) -> None:
        """Add an instruction; a unit deleted right after its numbered sibling joins that repeal
        ("Points 7 to 9 are deleted")."""
        last = self.body[-1] if self.body else None
        if (last is not None and instruction.action == REPEAL == last.action and not instruction.words
                and not last.words and _siblings(last, instruction)):
            self.body[-1] = replace(last, others=(*last.others, instruction.target))
            return
        self.body.append(instruction)

    # -- containers and units --------------------------------------------------------------------

    def container(self, opath: Path, npath: Path, olds: tuple[Point, ...], news: tuple[Point, ...],
                  here: Address) -> None:
        """The children of a unit kept in place: deleted, inserted, and amended in place."""
        pairs = [(j, self.to_old[(*npath, j)][-1]) for j in range(len(news))
                 if (*npath, j) in self.to_old and self.to_old[(*npath, j)][:-1] == opath]
        keep = {j for _k, j in increasing_run([(k, j) for j, k in pairs])}
        old_of = dict(pairs)
        kept = {old_of[j] for j in keep}
        gone = [k for k in range(len(olds)) if k not in kept]
        pending: list[int] = []
        last: int | None = None
        skip: set[int] = set()

        def flush(next_old: int | None) -> None:
            if not pending:
                return
            quoted = tuple(news[j] for j in pending)
            if last is not None:
                self.emit(Instruction(INSERTION, self.address((*opath, last)), quoted, position=AFTER))
            elif next_old is not None:
                self.emit(Instruction(INSERTION, self.address((*opath, next_old)), quoted, position=BEFORE))
            else:
                self.emit(Instruction(INSERTION, here, quoted, position=END))
            pending.clear()

        def repeal_before(k: int | None) -> None:
            while gone and (k is None or gone[0] < k):
                self.emit(Instruction(REPEAL, self.address((*opath, gone.pop(0)))))

        for j, point in enumerate(news):
            if j in skip:
                continue
            if j not in keep:
                pending.append(j)
                continue
            k = old_of[j]
            repeal_before(k)
            flush(k)
            op, np = (*opath, k), (*npath, j)
            nxt = (*npath, j + 1)
            if (self.status_old.get(op) == "split" and j + 1 < len(news) and j + 1 not in keep
                    and nxt not in self.to_old and self.status_new.get(nxt) == "split"):
                self.emit(Instruction(SPLIT, self.address(op), (point, news[j + 1])))
                skip.add(j + 1)
            elif (self.status_old.get(op) == "merged" and gone and gone[0] == k + 1
                  and self.status_old.get((*opath, k + 1)) == "merged"):
                self.emit(Instruction(JOIN, self.address(op), (point,),
                                      others=(self.address((*opath, gone.pop(0))),)))
            else:
                self.unit(op, np, olds[k], point)
            last = k
        repeal_before(None)
        flush(None)

    def unit(self, op: Path, np: Path, old: Point, new: Point) -> None:
        """A unit kept in place: its number, heading, text and sub-units."""
        here = self.address(op)
        relabel = old.label != new.label
        if old.kind != new.kind or (relabel and not (old.label and new.label)):
            self.emit(Instruction(SUBSTITUTION, here, (new,)))
            return
        text = self.text(here, old, new)
        if text is None:
            self.emit(Instruction(SUBSTITUTION, here, (replace(new, label=old.label),)))
        else:
            if old.heading != new.heading:
                action = REPEAL if not new.heading else INSERTION if not old.heading else SUBSTITUTION
                self.emit(Instruction(action, (*here, Place(HEADING)), text=(new.heading,) if new.heading else ()))
            for instruction in text:
                self.emit(instruction)
            self.container(op, np, old.children, new.children, here)
        if relabel:
            self.renumbered.append((here, new.label))

    def _many(self, old: str, new: str) -> bool:
        changes = _changes(old, new)
        changed = sum(len(old[a:b].split()) for a, b, _ in changes)
        return len(changes) > self.limit or changed * 2 > max(len(old.split()), 1)

    def text(self, here: Address, old: Point, new: Point) -> list[Instruction] | None:
        """Instructions on a unit's own paragraphs, or None when the unit is better replaced whole."""
        if old.paragraphs == new.paragraphs:
            return []
        if len(old.paragraphs) != len(new.paragraphs):
            return None
        alone = len(old.paragraphs) == 1
        out: list[Instruction] = []
        for k, (a, b) in enumerate(zip(old.paragraphs, new.paragraphs)):
            if a == b:
                continue
            where = here if alone else (*here, Place(SUBPARAGRAPH, ordinal=k + 1))
            found = None if self._many(a, b) else word_instructions(where, a, b)
            if found is None and (alone and not old.children):
                return None
            out.extend(found if found is not None else [Instruction(SUBSTITUTION, (*here, Place(SUBPARAGRAPH, ordinal=k + 1)), text=(b,))])
        return out

    # -- the protocol -----------------------------------------------------------------------------

    def front(self, parts: tuple[str, ...]) -> None:
        """The title, parties, preamble or closing: recital by recital when their number stays."""
        for part in parts:
            was, now = getattr(self.old, part), getattr(self.new, part)
            if was == now:
                continue
            if part in (PREAMBLE, CLOSING) and was and now:
                text = self.text((Place(part),), Point(key="", paragraphs=was), Point(key="", paragraphs=now))
                if text is not None:
                    for instruction in text:
                        self.emit(instruction)
                    continue
            if not now:
                self.emit(Instruction(REPEAL, (Place(part),)))
            else:
                self.emit(Instruction(SUBSTITUTION, (Place(part),), text=(now,) if part == TITLE else tuple(now)))

    def renumberings(self) -> list[Instruction]:
        """The renumberings as runs: "Articles 10 to 14 become Articles 9 to 13"."""
        out: list[Instruction] = []
        run: list[tuple[Address, str]] = []

        def close() -> None:
            if run:
                out.append(Instruction(RENUMBERING, others=tuple(a for a, _ in run), labels=tuple(n for _, n in run)))
                run.clear()

        for address, label in self.renumbered:
            if run:
                prev, prev_label = run[-1]
                same = prev[:-1] == address[:-1] and prev[-1].kind == address[-1].kind
                steps = _next(prev[-1].label) == address[-1].label and _next(prev_label) == label
                if not (same and steps):
                    close()
            run.append((address, label))
        close()
        return out

    def protocol(self, title: str) -> Protocol:
        self.front((TITLE, PARTIES, PREAMBLE))
        self.container((), (), self.old.points, self.new.points, ())
        self.front((CLOSING,))
        return Protocol(title=title, amends=self.old.title, instructions=(*self.body, *self.renumberings()),
                        meta=self.new.meta)


def draft(redline: Redline, *, words: int = WORD_CHANGES, title: str = "") -> Protocol:
    """The protocol from the redline's old text to its new one, unchecked (see `amendments`)."""
    old, new = reject_all(redline), accept_all(redline)
    return Drafter(redline, old, new, words).protocol(title)


def amendments(redline: Redline, *, words: int = WORD_CHANGES, title: str = "") -> Protocol:
    """The amending protocol that turns the redline's old text into its new one.

    `words` is the most word changes a unit (or subparagraph) may have to be amended word by
    word ("the words ... are replaced by ..."); past it, it is replaced by the following.
    The protocol is applied to the old text before it is returned: if that did not give the new
    text, the body is instead replaced unit by unit, which always does.
    """
    old, new = reject_all(redline), accept_all(redline)
    protocol = Drafter(redline, old, new, words).protocol(title)
    try:
        if shape(consolidate(old, protocol)) == shape(new):
            return protocol
    except DraftingError:
        pass
    plain = Drafter(redline, old, new, words)
    plain.front((TITLE, PARTIES, PREAMBLE))
    plain.body += [Instruction(REPEAL, (Place(p.kind, p.label, o.ordinal),))
                   for p, o in zip(old.points, origins(old.points))]
    if new.points:
        plain.body.append(Instruction(INSERTION, (), new.points, position=END))
    plain.front((CLOSING,))
    return replace(protocol, instructions=tuple(plain.body))
