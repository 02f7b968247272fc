"""HTML: one self-contained page for a draft or a redline, readable with JavaScript off.

The page makes no network request: the stylesheet and the small script are
inlined and pinned by hash in a Content-Security-Policy, so even text that slips
past escaping could not run. Python builds plain data (lists of dicts); the
Jinja2 template, with autoescape on, is the only place that writes markup.
The inline view is the page itself; the script builds the side-by-side view
from it on first use, which keeps a 1,000-page redline small and quick to open.
Minor operations (reference updates, ignored differences) carry the classes
"minor" and their mark, drawn muted; a filter hides them, showing the new text.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from drafting.diff.redline import (
    DELETE,
    EQUAL,
    INSERT,
    STATUSES,
    Marks,
    Ops,
    PointDiff,
    Redline,
    marked,
    new_text,
    old_text,
    substantive,
    summarize,
    units,
)
from drafting.model import Document, Meta, PARA_SEP, Path, Point, body_and_attachments
from drafting.brackets import delegations
from drafting.writers._brackets import Index, bits, open_places
from drafting.writers._shared import (
    Sides,
    heading_line,
    kind_word,
    marker,
    meta_pairs,
    minor_counts,
    old_path,
    status_line,
    titled,
    updated,
    was,
)

#: A run of text as the template draws it: (op, text, class); class "pm" marks a changed paragraph
#: break, "minor reference" (or "minor case", "minor typography") a minor operation.
Seg = tuple[int, str, str]
Data = dict[str, Any]

_BREAK = {INSERT: "ins", DELETE: "del", EQUAL: ""}


@cache
def environment() -> Environment:
    env = Environment(loader=PackageLoader("drafting", "writers"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["delegations"] = lambda label: "|".join(delegations(label))  # the filter's data-proposer
    return env


@cache
def _assets() -> dict[str, Any]:
    """The inlined stylesheet and script, and the CSP that allows exactly them."""
    folder = files("drafting.writers")
    css = folder.joinpath("html.css").read_text(encoding="utf-8")
    js = folder.joinpath("html.js").read_text(encoding="utf-8")

    def pin(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"

    policy = "default-src 'none'; style-src {}; script-src {}; base-uri 'none'; form-action 'none'"
    return {"css": Markup(css), "js": Markup(js), "csp": policy.format(pin(css), pin(js)),
            "csp_nojs": policy.format(pin(css), "'none'")}


def _minor(mark: str) -> str:
    """The class of a run: "" for an ordinary one, "minor reference" for a minor one."""
    return f"minor {mark}" if mark else ""


def paragraph_data(ops: Ops, marks: Marks = ()) -> list[Data]:
    """Word operations cut at `PARA_SEP` into paragraphs of runs.

    A paragraph's `brk` says whether the break before it was inserted or deleted;
    the script merges such paragraphs when it builds one side's column. A changed
    break also shows as a marked pilcrow, unless the whole text is one-sided.
    """
    mixed = any(op == EQUAL for op, _ in ops)
    paras: list[Data] = [{"brk": "", "segs": []}]
    for op, text, mark in marked(ops, marks):
        for k, piece in enumerate(text.split(PARA_SEP)):
            if k:
                if op != EQUAL and mixed:
                    paras[-1]["segs"].append((op, "¶", "pm"))
                paras.append({"brk": _BREAK[op] if mixed else "", "segs": []})
            if piece:
                paras[-1]["segs"].append((op, piece, _minor(mark)))
    return paras if any(p["segs"] for p in paras) else []


def _inline(ops: Ops, marks: Marks = ()) -> list[Seg]:
    """Runs for a one-line text (a heading): paragraph breaks become spaces."""
    return [(op, text.replace(PARA_SEP, " "), _minor(mark)) for op, text, mark in marked(ops, marks) if text]


def _slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


class Ids:
    """Readable, unique element ids: "p-3" for new point 3, "old-7" for old point 7."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.next: dict[str, int] = {}  # the next suffix to try for a base: ten thousand
        # "Article 1" stay linear, never tried from "-2" up each time

    def make(self, base: str) -> str:
        name, n = base, self.next.get(base, 2)
        while name in self.used:
            name, n = f"{base}-{n}", n + 1
        self.next[base] = n
        self.used.add(name)
        return name


def _id_base(point: Point, parent: str, in_unit: bool, old: bool, fallback: str) -> str:
    """An id before de-duplication: "p-3", "old-7", "p-3-a" (a sub-point of 3), "p-3-old-b",
    "d-chapter-2", "d-part-i-chapter-1", "old-d-chapter-4". Units under a division are named
    as at the top, so an article's id does not change when its chapter does.
    """
    slug = _slug(point.label)
    old_ = "old-" if old else ""
    if point.is_division:
        name = f"{point.kind}-{slug}" if slug else point.kind
        return f"{parent}-{old_}{name}" if parent else f"{old_}d-{name}"
    slug = slug or fallback
    return f"{parent}-{old_}{slug}" if in_unit else f"{old_ or 'p-'}{slug}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(eq=False)
class _Entry:
    """A pair, or the stub left where a moved unit stood, at its place in the page."""

    what: str
    d: PointDiff
    here: Path | None
    parent: _Entry | None
    uid: str = ""
    children: list[_Entry] = field(default_factory=list)


def _with_stubs(diffs: tuple[PointDiff, ...], here: Path | None,
                outgoing: list[PointDiff]) -> list[tuple[str, PointDiff]]:
    """Reading order, plus a ("stub", d) where each moved unit stood in the old order: units
    moved among these siblings, and the `outgoing` ones that left this parent for another.
    """
    moved = sorted([d for d in diffs if d.status == "moved" and d.old is not None and d.old_parent == here]
                   + outgoing, key=lambda d: d.old_index or 0)
    out: list[tuple[str, PointDiff]] = []
    k = 0
    for d in diffs:
        if d.status != "moved" and d.old_index is not None and d.old_parent == here:
            while k < len(moved) and (moved[k].old_index or 0) < d.old_index:
                out.append(("stub", moved[k]))
                k += 1
        out.append(("pair", d))
    out.extend(("stub", m) for m in moved[k:])
    return out


def _notes(d: PointDiff, ids_by_old: dict[str, str], ids_by_new: dict[str, str]) -> list[tuple[str, str]]:
    """The words shown beside the number, each with the id it links to ("" for none)."""
    notes: list[tuple[str, str]] = []
    if d.renumbered and d.status != "moved":
        notes.append((was(d), ""))
    if d.related and d.status == "split":
        notes.append((f"split from {d.related}", ids_by_old.get(d.related, "")) if d.old is None
                     else (f"split, continued in {d.related}", ids_by_new.get(d.related, "")))
    elif d.related and d.status == "merged":
        notes.append((f"merged into {d.related}", ids_by_new.get(d.related, "")) if d.new is None
                     else (f"merged with {d.related}", ids_by_old.get(d.related, "")))
    return notes


def _unnumbered(d: PointDiff) -> str:
    """What names a pair that has no number: its heading, else "Paragraph" or "Point"."""
    point = d.new or d.old
    return "" if d.heading else "Paragraph" if point is None or point.kind == "para" else "Point"


def _own_change(d: PointDiff) -> bool:
    """True when a division itself changed (renamed, renumbered, added...), not only its contents;
    minor operations in its name or text do not count."""
    return d.status != "changed" or d.renumbered or substantive(d.heading, d.heading_marks) or substantive(
        d.body, d.body_marks)


class _Layout:
    """The template's data for a redline's pairs: ids, the stubs where moved units stood, in
    their old parent when they moved between divisions, and arrows saying which way to look.
    """

    def __init__(self, rl: Redline) -> None:
        self.sides = Sides.of(rl)
        self.ids = Ids()
        self.outgoing: dict[Path, list[PointDiff]] = {}
        self._crossings(rl.points, ())
        self.pairs: dict[int, _Entry] = {}
        self.stubs: dict[int, _Entry] = {}
        entries = self._plan(rl.points, None, ())
        self.position = {id(e): n for n, e in enumerate(_preorder(entries))}
        self.items = self._items(entries, 0)

    def _crossings(self, diffs: tuple[PointDiff, ...], here: Path | None) -> None:
        for d in diffs:
            if self.sides.crossed(d, here):
                self.outgoing.setdefault(d.old_parent, []).append(d)
            self._crossings(d.children, old_path(d))

    def _plan(self, diffs: tuple[PointDiff, ...], parent: _Entry | None, here: Path | None) -> list[_Entry]:
        order = _with_stubs(diffs, here, self.outgoing.get(here, []) if here is not None else [])
        entries = [_Entry(what, d, here, parent) for what, d in order]
        name, in_unit = (parent.uid, not parent.d.is_division) if parent else ("", False)
        for index, e in enumerate(entries):  # pairs first, then stubs: ids stay as they were
            if e.what == "pair":
                point = e.d.new or e.d.old
                assert point is not None
                e.uid = self.ids.make(_id_base(point, name, in_unit, e.d.new is None, f"n{index + 1}"))
                self.pairs[id(e.d)] = e
        for e in entries:
            if e.what == "stub":
                assert e.d.old is not None
                e.uid = self.ids.make(_id_base(e.d.old, name, in_unit, True, "moved"))
                self.stubs[id(e.d)] = e
        for e in entries:
            if e.what == "pair":
                e.children = self._plan(e.d.children, e, old_path(e.d))
        return entries

    def _items(self, entries: list[_Entry], depth: int) -> list[Data]:
        pairs = [e for e in entries if e.what == "pair"]
        by_old = {e.d.old_label: e.uid for e in pairs if e.d.old and e.d.status != "moved"}
        by_new = {e.d.new_label: e.uid for e in pairs if e.d.new}
        return [self._stub(e, depth) if e.what == "stub" else self._pair(e, depth, by_old, by_new)
                for e in entries]

    def _stub(self, e: _Entry, depth: int) -> Data:
        d, pair, lang = e.d, self.pairs[id(e.d)], self.sides.old_language
        assert d.old is not None and d.new is not None
        down = self.position[id(pair)] > self.position[id(e)]
        there = pair.parent.d.new if pair.parent and self.sides.crossed(d, pair.here) else None
        where = (f"{kind_word(there, self.sides.new_language)}, {kind_word(d.new, self.sides.new_language)}"
                 if there else d.new_label)
        return {"stub": True, "id": e.uid, "status": d.status, "depth": depth,
                "old_mark": marker(d.old, lang), "href": "#" + pair.uid,
                "text": f"{_capital(kind_word(d.old, lang))} moved{f' to {where}' if where else ''} "
                        f"{'↓' if down else '↑'}"}

    def _pair(self, e: _Entry, depth: int, by_old: dict[str, str], by_new: dict[str, str]) -> Data:
        d, sides = e.d, self.sides
        point = d.new or d.old
        assert point is not None
        notes = _notes(d, by_old, by_new)
        moved = sides.moved_from(d, e.here)
        if moved:
            stub = self.stubs.get(id(d))
            arrow = "" if stub is None else " ↑" if self.position[id(stub)] < self.position[id(e)] else " ↓"
            notes = [(moved + arrow, stub.uid if stub else "")]
        if d.references_updated:
            notes.append((updated(d), ""))
        division = d.is_division
        name = new_text(d.heading) if d.new else old_text(d.heading)
        return {
            "stub": False, "id": e.uid, "hid": self.ids.make(f"{e.uid}-h") if division else "",
            "division": division, "unit": not division and (e.parent is None or e.parent.d.is_division),
            "kind": point.kind, "status": d.status, "depth": depth, "level": min(3 + depth, 6),
            "change": d.status != "same" and (not division or _own_change(d)),
            "mark": sides.mark(d) or _unnumbered(d), "title": titled(sides.mark(d), name),
            "old_mark": marker(d.old, sides.old_language) if d.old else None,
            "new_mark": marker(d.new, sides.new_language) if d.new else None,
            "heading": _inline(d.heading, d.heading_marks),
            "notes": [(text, "#" + link if link else "") for text, link in notes],
            "brackets": [c.describe() for c in d.brackets],
            "paras": paragraph_data(d.body, d.body_marks), "children": self._items(e.children, depth + 1),
        }


def _preorder(entries: list[_Entry]) -> list[_Entry]:
    out: list[_Entry] = []
    for e in entries:
        out.append(e)
        out.extend(_preorder(e.children))
    return out


def _toc(items: list[Data]) -> list[Data]:
    """Contents: the divisions and the articles, nested as the text nests them."""
    return [{"href": "#" + it["id"], "text": it["title"], "status": "" if it.get("status", "same") == "same"
             else it["status"], "children": _toc(it["children"]) if it["division"] else []}
            for it in items if not it.get("stub") and (it["division"] or it["kind"] == "article")]


def _part(rl: Redline, name: str) -> Data:
    """Title, parties, preamble or closing (`name`) drawn like a pair, with its name as the number;
    minor operations alone leave it "same"."""
    ops: Ops = getattr(rl, name.lower())
    marks = rl.marks_of(name.lower())
    plain = [op for op, _text, mark in marked(ops, marks) if not mark]
    ins, dels = INSERT in plain, DELETE in plain
    status = "changed" if ins and dels or (ins or dels) and any(op == EQUAL for op, _ in ops) else \
        "inserted" if ins else "deleted" if dels else "same"
    return {"stub": False, "id": f"part-{name.lower()}", "status": status, "change": status != "same",
            "division": False, "unit": False, "kind": "", "title": name,
            "depth": 0, "level": 3, "mark": name, "old_mark": None if status == "inserted" else name,
            "new_mark": None if status == "deleted" else name, "heading": [], "notes": [], "brackets": [],
            "paras": paragraph_data(ops, marks), "children": []}


def _version(meta: Meta, fallback: str) -> str:
    source = meta.source.replace("\\", "/").rsplit("/", 1)[-1]
    label = " ".join(p for p in (meta.template or source, meta.version) if p) or fallback
    return f"{label} ({meta.date})" if meta.date else label


def redline(rl: Redline, *, summary_only: bool = False) -> str:
    """The redline as one HTML page: a summary, contents, then the inline view (side by side on demand).

    Divisions are nested sections headed by their name and status; the counts
    are those of `summarize`, units looked for through the divisions. With
    `summary_only`, the page holds the header and the summary and nothing else.
    """
    summary = summarize(rl)
    old, new = _version(rl.old_meta, "old"), _version(rl.new_meta, "new")
    title_text = "".join(t for op, t in rl.title if op != DELETE) or "".join(t for _, t in rl.title)
    versions = [(name, getattr(rl.old_meta, name), getattr(rl.new_meta, name))
                for name in ("version", "date", "status", "template", "source")]
    before: list[Data] = []
    if any(op != EQUAL for op, _ in rl.title):
        before.append(_part(rl, "Title"))
    before += [_part(rl, name) for name, ops in (("Parties", rl.parties), ("Preamble", rl.preamble)) if ops]
    points = [] if summary_only else _Layout(rl).items
    items = [] if summary_only else [*before, *points]
    if rl.closing and not summary_only:
        items.append(_part(rl, "Closing"))
    return environment().get_template("html.j2").render(
        page="redline", summary_only=summary_only, assets=_assets(),
        title=title_text, old=old, new=new, lang=rl.new_meta.language,
        versions=[v for v in versions if v[1] or v[2]],
        counts=list(summary.points), total=len(units(rl.points)), changes=summary.changes,
        words_inserted=summary.words_inserted, words_deleted=summary.words_deleted,
        minor=minor_counts(summary), notes=list(rl.notes), open_places=open_places(summary),
        statuses=STATUSES, items=items, toc=_toc(points),
    )


def _doc_paras(paras: tuple[str, ...], index: Index, part: str, path: Path) -> list[Data]:
    """Paragraphs of a draft as bracket bits, each with the id of the open place it starts and
    the delegation whose alternative it is (for the filter)."""
    out = []
    for k, text in enumerate(paras):
        mark = index.mark(part, path, k)
        out.append({"bits": bits(text, dict(mark.starts)), "id": mark.place, "proposer": mark.proposer})
    return out


def _doc_point(point: Point, ids: Ids, index: Index, language: str, depth: int, path: Path,
               parent: str = "", in_unit: bool = False) -> Data:
    uid = ids.make(_id_base(point, parent, in_unit, False, f"n{path[-1] + 1}"))
    division = point.is_division
    return {"id": uid, "hid": ids.make(f"{uid}-h") if division else "", "kind": point.kind,
            "division": division, "level": min(2 + depth, 6), "mark": marker(point, language),
            "heading": point.heading, "title": heading_line(point, language),
            "paras": _doc_paras(point.paragraphs, index, "body", path),
            "children": [_doc_point(c, ids, index, language, depth + 1, (*path, k), uid, not division)
                         for k, c in enumerate(point.children)]}


def document(doc: Document) -> str:
    """The draft as one HTML page: title, status, contents, parties, preamble, points, closing, annexes.

    Divisions are nested sections labelled by their headings (h2 to h6 by
    depth); the contents list the divisions and articles when there are any.
    """
    ids, language, index = Ids(), doc.meta.language, Index(doc)
    body, attachments = body_and_attachments(doc.points)
    points = [_doc_point(p, ids, index, language, 0, (k,)) for k, p in enumerate(body)]
    annexes = [_doc_point(p, ids, index, language, 0, (len(body) + k,)) for k, p in enumerate(attachments)]
    return environment().get_template("html.j2").render(
        page="document", summary_only=False, assets=_assets(), title=doc.title, lang=language,
        status=status_line(doc.meta), meta=meta_pairs(doc), parties=list(doc.parties),
        preamble=_doc_paras(doc.preamble, index, "preamble", ()), closing=_doc_paras(doc.closing, index, "closing", ()),
        points=points, attachments=annexes, toc=_toc(points + annexes), labels=index.labels(),
        places=[("#" + pid, place.describe()) for pid, place in zip(index.ids, index.places)],
    )
