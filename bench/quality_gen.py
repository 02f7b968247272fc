"""Hard plan pairs for the aligner quality benchmark: old and new `Document`s and the truth.

`generate.py` makes pairs any aligner gets right; these hold the cases that go wrong
(`KINDS`), spaced out by unchanged points, which stay the majority. Labels are
sequential on each side, so what follows an insertion, deletion or move is renumbered,
which is not a change. Every unit (point or sub-point) has a hidden id, kept out of
the documents and the same on both sides when paired; `Truth` maps paths to ids.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import generate as g
from quality_text import EVENTS, PATTERNS, REF_FORMS, changed_share, reword, sentences
from drafting.model import Document, Path, Point
from quality_score import REFERENCES, STALE, Edit, Expect, Truth

WORDS_PER_PAGE = g.WORDS_PER_PAGE
#: How often a kind is drawn once each has had its turn (truncated ends every pair, once).
WEIGHTS = {"boilerplate": 1.0, "reworded": 2.0, "reworded-moved": 1.0, "replaced": 2.0, "split": 2.0,
           "merge": 2.0, "reference-updated": 2.0, "reference-stale": 1.5, "block-moved": 1.0,
           "sub-reordered": 1.0, "sub-moved": 1.0, "plain": 4.0}
#: Every kind of edit, each its own row in the score.
KINDS = (*WEIGHTS, "truncated")
#: A far move lands at least this many new points further on (more than 20 points crossed).
FAR = 28

Ids = list[tuple[int | None, int | None]]


@dataclass
class Unit:
    """A point or sub-point while the pair is built; its old and new versions share `uid`."""

    uid: int
    text: str
    subs: list[Unit] = field(default_factory=list)
    refs: list[int] = field(default_factory=list)  # the uids that [[0]], [[1]]... of `text` cite
    topic: str = ""


class _Builder:
    """The old and new top-level units, laid out edit by edit, and what the truth needs."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.old: list[Unit] = []
        self.new: list[Unit] = []
        self.uids = self.words = 0
        self.pending: list[tuple[int, list[Unit]]] = []  # (land once `new` is this long, units)
        self.special: dict[int, str] = {}  # statuses the texts cannot tell: moved, split, merged
        self.stale: set[int] = set()
        self.referring: list[Unit] = []
        self.edits: list[tuple[str, str, Ids, str]] = []
        self.seen: set[str] = set()

    def fresh(self, text: str, subs: list[str] | tuple[str, ...] = (), topic: str = "") -> Unit:
        first = self.uids
        self.uids += len(subs) + 1
        return Unit(first, text, [Unit(first + 1 + k, s) for k, s in enumerate(subs)], topic=topic)

    def point(self, *, subs: int | None = None, words: int | None = None, topic: str = "", least: int = 1) -> Unit:
        """A new point on `topic` of about `words` words, `subs` sub-points, `least` sentences or more."""
        rng = self.rng
        topic = topic or rng.choice(list(g.TOPICS))
        subs = (rng.randint(2, 4) if rng.random() < 0.33 else 0) if subs is None else subs
        items = [g._sentence(rng, topic, number=k == 0)[:-1] for k in range(subs)]
        items = [s[0].lower() + s[1:] + (";" if k < subs - 1 else ".") for k, s in enumerate(items)]
        body: list[str] = []
        rest = (words or rng.randint(60, 150)) - sum(len(s.split()) for s in items)
        while len(body) < least or sum(len(s.split()) for s in body) < rest:
            body.append(g._sentence(rng, topic, number=not body and rng.random() < 0.5))
        if items:
            body.append(g._sentence(rng, topic)[:-1] + (", in particular:" if rng.random() < 0.5 else " as follows:"))
        return self.fresh(" ".join(body), items, topic)

    def put(self, old: list[Unit], new: list[Unit]) -> None:
        self.old.extend(old)
        self.new.extend(new)
        self.words += sum(len(u.text.split()) + sum(len(s.text.split()) for s in u.subs) for u in old)

    def later(self, units: list[Unit], far: bool) -> None:
        """Put `units` in the new version further on, more than 20 points on when `far`: moved."""
        ahead = self.rng.randint(FAR, FAR + 16) if far else self.rng.randint(4, 30)
        self.pending.append((len(self.new) + ahead, units))
        self.special.update((u.uid, "moved") for u in units)

    def edit(self, kind: str, detail: str, units: Ids, flag: str = "") -> None:
        self.edits.append((kind, detail, units, flag))

    def gap(self, least: int = 1, most: int = 4, force: bool = False) -> None:
        """Unchanged points; a pending move that is due lands among them (between two)."""
        for k in range(self.rng.randint(least, most)):
            due = [p for p in self.pending if force or p[0] <= len(self.new)]
            if k == 1 and due:
                self.pending.remove(due[0])
                self.new.extend(due[0][1])
            u = self.point()
            self.put([u], [u])


def _same(units: list[Unit]) -> Ids:
    return [(u.uid, u.uid) for u in units]


def _changed(b: _Builder, u: Unit) -> Unit:
    """`u` with generate.py's small word edits (a number, a word swapped, a phrase in or out)."""
    plan = g.Plan(u.uid, sentences(u.text), [s.text for s in u.subs])
    new, _notes = g._change(plan, b.rng, want_number=b.rng.random() < 0.33)
    return Unit(u.uid, " ".join(new.sentences), [Unit(s.uid, t) for s, t in zip(u.subs, new.subs)])


def _boilerplate(b: _Builder) -> None:
    rng, pattern = b.rng, b.rng.choice(PATTERNS)
    fields = re.findall(r"\{(\w+)\}", pattern)

    def blanks(keep: dict[str, str] | None = None) -> tuple[dict[str, str], str]:
        while True:
            t = g.TOPICS[rng.choice(list(g.TOPICS))]
            new = {"body": rng.choice(g.BODIES), "noun": rng.choice(t["nouns"]), "place": rng.choice(t["places"]),
                   "verb": rng.choice(t["verbs"]), "days": str(rng.choice([7, 10, 14, 21, 30, 45, 60, 90])),
                   "months": str(rng.choice([2, 3, 4, 6, 12])), "subject": rng.choice(g.SUBJECTS),
                   "event": rng.choice(EVENTS)}
            if keep is not None:
                changed = rng.sample(fields, rng.randint(1, 2))
                new = {k: new[k] if k in changed else v for k, v in keep.items()}
            text = pattern.format(**new)
            if text not in b.seen:
                b.seen.add(text)
                return new, text[0].upper() + text[1:]

    run = [blanks() for _ in range(rng.randint(8, 30))]
    units = [b.fresh(text) for _blanks, text in run]
    ops = rng.sample(["insert", "delete", "blanks"], rng.randint(1, 3))
    spots: list[int] = [0]
    while any(y - x < 2 for x, y in zip(spots, spots[1:])) or spots == [0]:
        spots = sorted(rng.sample(range(1, len(units) - 1), len(ops)))
    at, new = dict(zip(spots, ops)), []
    for i, u in enumerate(units):
        if at.get(i) == "insert":
            new.append(b.fresh(blanks()[1]))
            b.edit("boilerplate", "a point of the run inserted", [(None, new[-1].uid)])
        if at.get(i) == "delete":
            b.edit("boilerplate", "a point of the run deleted", [(u.uid, None)])
            continue
        if at.get(i) == "blanks":
            u = Unit(u.uid, blanks(run[i][0])[1])
            b.edit("boilerplate", "blanks changed in one point", [(u.uid, u.uid)])
        new.append(u)
    b.put(units, new)


def _reworded(b: _Builder, moved: bool = False) -> None:
    u = b.point(subs=0, words=b.rng.randint(70, 150), least=3)
    new = Unit(u.uid, reword(u.text, b.rng, 0.2, 0.35 if moved else 0.5))
    b.put([u], [] if moved else [new])
    if moved:
        b.later([new], far=True)
    detail = f"{changed_share(u.text, new.text):.0%} of the words changed" + (", moved far" if moved else "")
    b.edit("reworded-moved" if moved else "reworded", detail, _same([u]))


def _replaced(b: _Builder) -> None:
    rng = b.rng
    short = rng.random() < 0.4
    x = b.point(words=rng.randint(110, 150) if short else None)
    y = b.point(subs=0 if short else None, words=rng.randint(10, 25) if short else None,
                topic=rng.choice([t for t in g.TOPICS if t != x.topic]))
    b.put([x], [y])
    b.edit("replaced", "a short point for a long one" if short else "a point on another topic",
           [(x.uid, None), (None, y.uid)])


def _split(b: _Builder) -> None:
    x = b.point(subs=0, words=b.rng.randint(90, 150), least=4)
    s = sentences(x.text)
    k, third = len(s) // 2, len(s) // 3
    how, cuts = b.rng.choice([("last sentence made a point", [s[:-1], s[-1:]]), ("split in half", [s[:k], s[k:]]),
                              ("split in three", [s[:third], s[third:2 * third], s[2 * third:]])])
    pieces = [Unit(x.uid, " ".join(cuts[0]))] + [b.fresh(" ".join(c)) for c in cuts[1:]]
    b.put([x], pieces)
    b.special.update((p.uid, "split") for p in pieces)
    b.edit("split", how, [(x.uid, x.uid)] + [(None, p.uid) for p in pieces[1:]])


def _merge(b: _Builder) -> None:
    rng = b.rng
    topic = rng.choice(list(g.TOPICS))
    parts = [b.point(subs=0, words=rng.randint(30, 70), topic=topic) for _ in range(rng.choice([2, 2, 3]))]
    b.put(parts, [Unit(parts[0].uid, " ".join(p.text for p in parts))])
    b.special.update((p.uid, "merged") for p in parts)
    b.edit("merge", f"{len(parts)} points made one", _same(parts[:1]) + [(p.uid, None) for p in parts[1:]])


def _reference(b: _Builder, stale: bool) -> None:
    rng, form = b.rng, b.rng.choice(REF_FORMS)
    u = b.point()
    t = g.TOPICS[u.topic]
    parts = sentences(u.text)  # a chapeau over sub-points stays last
    parts.insert(rng.randint(0, len(parts) - bool(u.subs)),
                 f"{rng.choice(g.SUBJECTS)} shall {rng.choice(t['verbs'])} {rng.choice(t['nouns'])} {form}.")
    u.text = " ".join(parts)
    b.put([u], [u])
    b.referring.append(u)
    if stale:
        b.stale.add(u.uid)
    said = form.replace("[[0]]", "N").replace("[[1]]", "M")
    b.edit("reference-stale" if stale else "reference-updated", f"'{said}'" + (" not updated" if stale else ""),
           _same([u]), STALE if stale else REFERENCES)


def _block(b: _Builder) -> None:
    block = [b.point() for _ in range(b.rng.randint(2, 6))]
    b.put(block, [])
    b.later([_changed(b, u) if b.rng.random() < 0.3 else u for u in block], far=True)
    b.edit("block-moved", f"{len(block)} points moved far together", _same(block))


def _sub_reordered(b: _Builder) -> None:
    u = b.point(subs=b.rng.randint(3, 5))
    i, j = b.rng.choice([(i, j) for i in range(len(u.subs)) for j in range(len(u.subs)) if abs(i - j) >= 2])
    subs = list(u.subs)
    subs.insert(j, subs.pop(i))  # one sub displaced by two places or more: one best reading
    b.put([u], [Unit(u.uid, u.text, subs)])
    b.special[u.subs[i].uid] = "moved"
    b.edit("sub-reordered", f"({chr(97 + i)}) became ({chr(97 + j)})", _same([u.subs[i]]))


def _sub_moved(b: _Builder) -> None:
    rng = b.rng
    p, q = b.point(subs=rng.randint(2, 4)), b.point(subs=rng.randint(1, 3))
    between = [b.point() for _ in range(rng.randint(0, 2))]
    sub = p.subs[rng.randrange(len(p.subs))]
    q_subs = list(q.subs)
    q_subs.insert(rng.randint(0, len(q_subs)), sub)
    now = {p.uid: Unit(p.uid, p.text, [s for s in p.subs if s is not sub]), q.uid: Unit(q.uid, q.text, q_subs)}
    first, last = (p, q) if rng.random() < 0.5 else (q, p)
    b.put([first, *between, last], [now[first.uid], *between, now[last.uid]])
    b.special[sub.uid] = "moved"
    b.edit("sub-moved", f"a sub-point moved to {'a later' if first is p else 'an earlier'} point", _same([sub]))


def _truncated(b: _Builder) -> None:
    u = b.point(subs=0, words=b.rng.randint(90, 150), least=3)
    words = u.text.split(" ")
    cut = int(len(words) * b.rng.uniform(0.35, 0.75))
    while words[cut - 1].endswith(".") or words[cut - 2].endswith("."):
        cut += 1  # mid-sentence, two words or more into it
    tail = [b.point() for _ in range(b.rng.randint(1, 3))]
    b.put([u, *tail], [Unit(u.uid, " ".join(words[:cut]))])
    b.edit("truncated", f"cut after {cut} of {len(words)} words, the {len(tail)} point(s) after it left out",
           _same([u]) + [(t.uid, None) for t in tail])


def _plain(b: _Builder, what: str = "") -> None:
    what = what or b.rng.choices(["changed", "inserted", "deleted", "moved"], [5, 2, 2, 1])[0]
    u = b.point()
    new = [_changed(b, u)] if what == "changed" else [u] if what == "inserted" else []
    b.put([] if what == "inserted" else [u], new)
    if what == "moved":
        b.later([u], far=False)
    b.edit("plain", f"{what}, as in generate.py",
           [(None if what == "inserted" else u.uid, None if what == "deleted" else u.uid)])


EMIT: dict[str, Callable[[_Builder], None]] = {
    "boilerplate": _boilerplate, "reworded": _reworded, "reworded-moved": lambda b: _reworded(b, moved=True),
    "replaced": _replaced, "split": _split, "merge": _merge, "reference-updated": lambda b: _reference(b, False),
    "reference-stale": lambda b: _reference(b, True), "block-moved": _block, "sub-reordered": _sub_reordered,
    "sub-moved": _sub_moved, "plain": _plain}


def make_pair(pages: int, seed: int = 1) -> tuple[Document, Document, Truth]:
    """The old and new plan of about `pages` pages of 500 words, and the truth between them.

    Every kind of edit comes once (the far moves first, so they fit), then kinds are
    drawn by `WEIGHTS` until the old plan has its words; the last point is cut short.
    """
    rng = random.Random(f"treaty-quality-{seed}-{pages}")
    b = _Builder(rng)
    title, preamble = rng.choice(g.TITLES), tuple(g._preamble(rng))
    b.gap(2)
    _plain(b, "inserted")  # so that what follows is renumbered from the start
    rest = [k for k in WEIGHTS if k not in ("reworded-moved", "block-moved")]
    rng.shuffle(rest)
    queue = ["reworded-moved", "block-moved", *rest]
    while queue or b.words < pages * WORDS_PER_PAGE:
        kind = queue.pop(0) if queue else rng.choices(list(WEIGHTS), list(WEIGHTS.values()))[0]
        if kind in ("reworded-moved", "block-moved") and b.words > 0.8 * pages * WORDS_PER_PAGE:
            kind = "reworded"  # too near the end for a far move
        b.gap(1, 4 if pages >= 50 else 2)  # a small plan keeps near its size with every kind in it
        EMIT[kind](b)
    while b.pending:
        b.gap(2, 3, force=True)
    b.gap(2)
    _truncated(b)
    return _finish(b, title, preamble, pages, seed)


Places = dict[int, tuple[Path, str, Unit]]


def _places(units: list[Unit]) -> Places:
    out: Places = {}
    for i, u in enumerate(units):
        out[u.uid] = ((i,), str(i + 1), u)
        out.update((s.uid, ((i, k), chr(97 + k), s)) for k, s in enumerate(u.subs))
    return out


def _status(uid: int, po: Places, pn: Places, special: dict[int, str]) -> str:
    """What the redline should call a unit: what `special` says, else read off both sides."""
    if uid in special:
        return special[uid]
    if uid not in po or uid not in pn:
        return "inserted" if uid in pn else "deleted"
    (_, lo, uo), (_, ln, un) = po[uid], pn[uid]
    kids = [s.uid for s in uo.subs] == [s.uid for s in un.subs] and all(
        _status(s.uid, po, pn, special) == "same" for s in uo.subs)
    if uo.text != un.text or not kids:
        return "changed"
    return "same" if lo == ln else "renumbered"


def _targets(b: _Builder, po: Places, pn: Places) -> set[int]:
    """Point each reference at nearby untouched points that were renumbered; the referring
    points that found none (their edits are left out)."""
    touched = {uid for _k, _d, units, _f in b.edits for pair in units for uid in pair if uid is not None}
    touched |= set(b.special)
    ok = [u.uid for u in b.old if u.uid in pn and u.uid not in touched and po[u.uid][1] != pn[u.uid][1]]
    failed: set[int] = set()
    for u in b.referring:
        need, here = 1 + ("[[1]]" in u.text), po[u.uid][0][0]
        near = sorted(ok, key=lambda c: abs(po[c][0][0] - here))[:10]
        if len(near) < need:
            failed.add(u.uid)
            near = [v.uid for v in b.old if v.uid in pn and v.uid != u.uid][:need]
        u.refs = sorted(b.rng.sample(near, need), key=lambda c: po[c][0][0])
    return failed


def _render(units: list[Unit], labels: dict[int, str], stale: set[int], old_labels: dict[int, str]
            ) -> tuple[Point, ...]:
    def text(u: Unit) -> str:
        table = old_labels if u.uid in stale else labels
        return re.sub(r"\[\[(\d)\]\]", lambda m: table[u.refs[int(m[1])]], u.text)

    return tuple(Point(key="", label=str(i + 1), kind="point", paragraphs=(text(u),), children=tuple(
        Point(key="", label=chr(97 + k), kind="sub", paragraphs=(s.text,)) for k, s in enumerate(u.subs)))
        for i, u in enumerate(units))


def _finish(b: _Builder, title: str, preamble: tuple[str, ...], pages: int, seed: int
            ) -> tuple[Document, Document, Truth]:
    po, pn = _places(b.old), _places(b.new)
    failed = _targets(b, po, pn)
    old_labels = {u.uid: str(i + 1) for i, u in enumerate(b.old)}
    new_labels = {u.uid: str(i + 1) for i, u in enumerate(b.new)}
    old = Document(title=title, preamble=preamble, points=_render(b.old, old_labels, set(), old_labels))
    new = Document(title=title, preamble=preamble, points=_render(b.new, new_labels, b.stale, old_labels))
    status = {uid: _status(uid, po, pn, b.special) for uid in {*po, *pn}}
    edits = tuple(Edit(kind, detail, tuple(Expect(o, n, status[next(x for x in (o, n) if x is not None)])
                                           for o, n in units), flag)
                  for kind, detail, units, flag in b.edits if not (flag and units[0][0] in failed))
    expected = tuple(Expect(uid if uid in po else None, uid if uid in pn else None, status[uid])
                     for uid in sorted(status))
    return old, new, Truth(pages, seed, edits, expected, {p: uid for uid, (p, _l, _u) in po.items()},
                           {p: uid for uid, (p, _l, _u) in pn.items()})
