"""HTML: one self-contained page for a draft or a redline, readable with JavaScript off.

The page makes no network request: the stylesheet and the small script are
inlined and pinned by hash in a Content-Security-Policy, so even text that slips
past escaping could not run. Python builds plain data (lists of dicts); the
Jinja2 template, with autoescape on, is the only place that writes markup.
The inline view is the page itself; the script builds the side-by-side view
from it on first use, which keeps a 1,000-page redline small and quick to open.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from importlib.resources import files
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from drafting.diff.redline import DELETE, EQUAL, INSERT, STATUSES, Ops, PointDiff, Redline, summarize
from drafting.model import PARA_SEP, Document, Meta, Point
from drafting.writers._shared import kind_word, marker, meta_pairs, status_line

#: A run of text as the template draws it: (op, text, class); class "pm" marks a changed paragraph break.
Seg = tuple[int, str, str]
Data = dict[str, Any]

_BREAK = {INSERT: "ins", DELETE: "del", EQUAL: ""}


@cache
def _env() -> Environment:
    return Environment(loader=PackageLoader("drafting", "writers"), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


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


def _paragraphs(ops: Ops) -> list[Data]:
    """Word operations cut at `PARA_SEP` into paragraphs of runs.

    A paragraph's `brk` says whether the break before it was inserted or deleted;
    the script merges such paragraphs when it builds one side's column. A changed
    break also shows as a marked pilcrow, unless the whole text is one-sided.
    """
    mixed = any(op == EQUAL for op, _ in ops)
    paras: list[Data] = [{"brk": "", "segs": []}]
    for op, text in ops:
        for k, piece in enumerate(text.split(PARA_SEP)):
            if k:
                if op != EQUAL and mixed:
                    paras[-1]["segs"].append((op, "¶", "pm"))
                paras.append({"brk": _BREAK[op] if mixed else "", "segs": []})
            if piece:
                paras[-1]["segs"].append((op, piece, ""))
    return paras if any(p["segs"] for p in paras) else []


def _inline(ops: Ops) -> list[Seg]:
    """Runs for a one-line text (a heading): paragraph breaks become spaces."""
    return [(op, text.replace(PARA_SEP, " "), "") for op, text in ops if text]


def _slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


class _Ids:
    """Readable, unique element ids: "p-3" for new point 3, "old-7" for old point 7."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, base: str) -> str:
        name, n = base, 2
        while name in self.used:
            name, n = f"{base}-{n}", n + 1
        self.used.add(name)
        return name


def _pair_id(ids: _Ids, d: PointDiff, parent: str, index: int) -> str:
    point = d.new or d.old
    assert point is not None
    slug = _slug(point.label) or f"n{index + 1}"
    side = "p" if d.new else "old"
    return ids.make(f"{side}-{slug}" if not parent else f"{parent}-{'' if d.new else 'old-'}{slug}")


def _with_stubs(diffs: tuple[PointDiff, ...]) -> list[tuple[str, PointDiff]]:
    """Reading order, plus a ("stub", d) for each moved point where the old order had it."""
    moved = sorted((d for d in diffs if d.status == "moved" and d.old_index is not None),
                   key=lambda d: d.old_index or 0)
    out: list[tuple[str, PointDiff]] = []
    k = 0
    for d in diffs:
        if d.status != "moved" and d.old_index is not None:
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
        notes.append((f"was {d.old_label}", ""))
    if d.status == "split":
        notes.append((f"split from {d.related}", ids_by_old.get(d.related, "")) if d.old is None
                     else (f"split, continued in {d.related}", ids_by_new.get(d.related, "")))
    elif d.status == "merged":
        notes.append((f"merged into {d.related}", ids_by_new.get(d.related, "")) if d.new is None
                     else (f"merged with {d.related}", ids_by_old.get(d.related, "")))
    return notes


def _unnumbered(d: PointDiff) -> str:
    """What names a pair that has no number: its heading, else "Paragraph" or "Point"."""
    point = d.new or d.old
    return "" if d.heading else "Paragraph" if point is None or point.kind == "para" else "Point"


def _items(diffs: tuple[PointDiff, ...], ids: _Ids, parent: str, depth: int) -> list[Data]:
    """The template's data for one list of sibling pairs, moved stubs included."""
    order = _with_stubs(diffs)
    pair_ids: dict[int, str] = {}
    stub_ids: dict[int, str] = {}
    for index, (what, d) in enumerate(order):
        if what == "pair":
            pair_ids[id(d)] = _pair_id(ids, d, parent, index)
    for what, d in order:
        if what == "stub":
            stub_ids[id(d)] = ids.make(f"{parent + '-' if parent else ''}old-{_slug(d.old_label) or 'moved'}")
    ids_by_old = {d.old_label: pair_ids[id(d)] for w, d in order if w == "pair" and d.old and d.status != "moved"}
    ids_by_new = {d.new_label: pair_ids[id(d)] for w, d in order if w == "pair" and d.new}
    where = {(w, id(d)): n for n, (w, d) in enumerate(order)}
    items: list[Data] = []
    for n, (what, d) in enumerate(order):
        point = d.new or d.old
        assert point is not None
        if what == "stub":
            assert d.old is not None and d.new is not None
            down = where[("pair", id(d))] > n
            items.append({"stub": True, "id": stub_ids[id(d)], "status": d.status, "depth": depth,
                          "old_mark": marker(d.old), "href": "#" + pair_ids[id(d)],
                          "text": f"{kind_word(d.old).capitalize()} moved to {d.new_label} {'↓' if down else '↑'}"})
            continue
        notes = _notes(d, ids_by_old, ids_by_new)
        if d.status == "moved":
            up = where[("stub", id(d))] < n
            notes = [(f"moved from {d.old_label} {'↑' if up else '↓'}", stub_ids[id(d)])]
        mark = marker(point)
        uid = pair_ids[id(d)]
        items.append({
            "stub": False, "id": uid, "status": d.status, "change": d.status != "same", "depth": depth,
            "level": min(3 + depth, 6), "mark": mark or _unnumbered(d),
            "old_mark": marker(d.old) if d.old else None, "new_mark": marker(d.new) if d.new else None,
            "heading": _inline(d.heading), "notes": [(text, "#" + link if link else "") for text, link in notes],
            "paras": _paragraphs(d.body), "children": _items(d.children, ids, uid, depth + 1),
        })
    return items


def _part(name: str, ops: Ops) -> Data:
    """Title, parties, preamble or closing drawn like a pair, with its name as the number."""
    ins = any(op == INSERT for op, _ in ops)
    dels = any(op == DELETE for op, _ in ops)
    status = "changed" if ins and dels or (ins or dels) and any(op == EQUAL for op, _ in ops) else \
        "inserted" if ins else "deleted" if dels else "same"
    return {"stub": False, "id": f"part-{name.lower()}", "status": status, "change": status != "same",
            "depth": 0, "level": 3, "mark": name, "old_mark": None if status == "inserted" else name,
            "new_mark": None if status == "deleted" else name, "heading": [], "notes": [],
            "paras": _paragraphs(ops), "children": []}


def _version(meta: Meta, fallback: str) -> str:
    source = meta.source.replace("\\", "/").rsplit("/", 1)[-1]
    label = " ".join(p for p in (meta.template or source, meta.version) if p) or fallback
    return f"{label} ({meta.date})" if meta.date else label


def redline(rl: Redline, *, summary_only: bool = False) -> str:
    """The redline as one HTML page: a summary, then the inline view (side by side on demand).

    With `summary_only`, the page holds the header and the summary and nothing else.
    """
    summary = summarize(rl)
    old, new = _version(rl.old_meta, "old"), _version(rl.new_meta, "new")
    title_text = "".join(t for op, t in rl.title if op != DELETE) or "".join(t for _, t in rl.title)
    versions = [(name, getattr(rl.old_meta, name), getattr(rl.new_meta, name))
                for name in ("version", "date", "status", "template", "source")]
    before: list[Data] = []
    if any(op != EQUAL for op, _ in rl.title):
        before.append(_part("Title", rl.title))
    before += [_part(name, ops) for name, ops in (("Parties", rl.parties), ("Preamble", rl.preamble)) if ops]
    items = [] if summary_only else [*before, *_items(rl.points, _Ids(), "", 0)]
    if rl.closing and not summary_only:
        items.append(_part("Closing", rl.closing))
    return _env().get_template("html.j2").render(
        page="redline", summary_only=summary_only, assets=_assets(),
        title=title_text, old=old, new=new,
        versions=[v for v in versions if v[1] or v[2]],
        counts=list(summary.points), total=len(rl.points), changes=summary.changes,
        words_inserted=summary.words_inserted, words_deleted=summary.words_deleted,
        notes=list(rl.notes), statuses=STATUSES, items=items,
    )


def _doc_point(point: Point, ids: _Ids, parent: str, index: int, depth: int) -> Data:
    uid = ids.make(f"{parent + '-' if parent else 'p-'}{_slug(point.label) or f'n{index + 1}'}")
    return {"id": uid, "kind": point.kind, "level": min(2 + depth, 6), "mark": marker(point),
            "heading": point.heading, "paras": list(point.paragraphs),
            "children": [_doc_point(c, ids, uid, k, depth + 1) for k, c in enumerate(point.children)]}


def document(doc: Document) -> str:
    """The draft as one HTML page: title, status line, parties, preamble, points, closing."""
    ids = _Ids()
    return _env().get_template("html.j2").render(
        page="document", summary_only=False, assets=_assets(), title=doc.title,
        status=status_line(doc.meta), meta=meta_pairs(doc), parties=list(doc.parties),
        preamble=list(doc.preamble), closing=list(doc.closing),
        points=[_doc_point(p, ids, "", k, 0) for k, p in enumerate(doc.points)],
    )
