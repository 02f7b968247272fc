"""Hypothesis strategies for documents and edited versions of them (pandoc's Arbitrary, for us)."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import strategies as st

from drafting.model import Document, Meta, Point

WORDS = ("the", "Parties", "shall", "guarantee", "armed", "attack", "within", "days", "600,000",
         "800,000", "ceasefire", "monitoring", "line", "of", "contact", "sanctions", "Council",
         "territory", "and", "not", "(a)", "—", "«quoted»", "Київ", "each", "Party")

sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(lambda ws: " ".join(ws) + ".")
paragraphs = st.lists(sentence, min_size=0, max_size=3).map(tuple)


@st.composite
def points(draw: st.DrawFn, depth: int = 0) -> tuple[Point, ...]:
    n = draw(st.integers(0, 7 if depth == 0 else 3))
    out = []
    for i in range(n):
        children = draw(points(depth + 1)) if depth == 0 and draw(st.booleans()) else ()
        kind = "point" if depth == 0 else "sub"
        label = str(i + 1) if depth == 0 else "abcdefgh"[i]
        out.append(Point(key=f"@{kind}-{label}", label=label, kind=kind,
                         heading=draw(st.sampled_from(("", "Guarantee", "Ceasefire"))),
                         paragraphs=draw(paragraphs), children=children))
    return tuple(out)


@st.composite
def documents(draw: st.DrawFn) -> Document:
    return Document(title=draw(st.sampled_from(("", "Peace Plan", "Treaty"))),
                    parties=tuple(draw(st.lists(st.sampled_from(("Alpha", "Beta", "Gamma")), max_size=3))),
                    preamble=draw(paragraphs), points=draw(points()),
                    closing=draw(st.lists(sentence, max_size=1).map(tuple)), meta=Meta(source="a"))


def _renumber(pts: list[Point]) -> tuple[Point, ...]:
    return tuple(replace(p, label=str(i + 1)) for i, p in enumerate(pts))


@st.composite
def edited(draw: st.DrawFn, doc: Document) -> Document:
    """`doc` with random edits: changed words, inserts, deletes, moves, splits, merges, renumbering."""
    pts = list(doc.points)
    for _ in range(draw(st.integers(0, 5))):
        action = draw(st.sampled_from(("change", "insert", "delete", "move", "split", "merge", "child")))
        if action == "insert" or not pts:
            pts.insert(draw(st.integers(0, len(pts))),
                       Point(key="@point-new", label="", paragraphs=(draw(sentence),)))
            continue
        i = draw(st.integers(0, len(pts) - 1))
        p = pts[i]
        if action == "change":
            pts[i] = replace(p, paragraphs=draw(paragraphs))
        elif action == "delete":
            del pts[i]
        elif action == "move":
            pts.insert(draw(st.integers(0, len(pts) - 1)), pts.pop(i))
        elif action == "split" and len(p.paragraphs) >= 2:
            pts[i:i + 1] = [replace(p, paragraphs=p.paragraphs[:1]), replace(p, paragraphs=p.paragraphs[1:], children=())]
        elif action == "merge" and i + 1 < len(pts):
            nxt = pts.pop(i + 1)
            pts[i] = replace(p, paragraphs=p.paragraphs + nxt.paragraphs)
        elif action == "child":
            pts[i] = replace(p, children=draw(points(1)))
    return replace(doc, title=draw(st.sampled_from((doc.title, "Revised Plan"))),
                   preamble=draw(st.sampled_from((doc.preamble, doc.preamble[1:], ("New recital.",)))),
                   points=_renumber(pts), meta=Meta(source="b"))


# --- documents with divisions: chapters (some inside parts) of articles with numbered paragraphs ---

HEADINGS = ("", "General Provisions", "Cooperation", "Final Provisions", "Rules of Origin")


@st.composite
def articles(draw: st.DrawFn, first: int) -> list[Point]:
    out = []
    for i in range(draw(st.integers(0, 4))):
        label = str(first + i)
        paras = tuple(Point(key=f"@article-{label}/{k}", label=str(k), kind="paragraph",
                            paragraphs=(draw(sentence),),
                            children=draw(points(1)) if draw(st.booleans()) else ())
                      for k in range(1, draw(st.integers(0, 3)) + 1))
        out.append(Point(key=f"@article-{label}", label=label, kind="article",
                         heading=draw(st.sampled_from(("", "Scope", "Definitions"))),
                         paragraphs=() if paras else draw(paragraphs), children=paras,
                         word=draw(st.sampled_from(("", "ARTICLE")))))
    return out


@st.composite
def structured(draw: st.DrawFn) -> Document:
    """A treaty in parts and chapters, with an annex after the body."""
    body: list[Point] = []
    n = 1
    for c in range(1, draw(st.integers(1, 4)) + 1):
        arts = draw(articles(n))
        n += len(arts)
        body.append(Point(key=f"@chapter-{c}", label=str(c), kind="chapter",
                          heading=draw(st.sampled_from(HEADINGS)), children=tuple(arts)))
    if len(body) > 2 and draw(st.booleans()):
        body = [Point(key="@part-I", label="I", kind="part", heading="General", children=tuple(body[:2])),
                *body[2:]]
    if draw(st.booleans()):
        body.append(Point(key="@annex-1", label="I", kind="annex", heading="Measures",
                          children=draw(points())))
    return Document(title="Treaty", preamble=draw(paragraphs), points=tuple(body),
                    closing=draw(st.lists(sentence, max_size=1).map(tuple)), meta=Meta(source="a"))


def _containers(points: tuple[Point, ...], path: tuple[int, ...] = ()) -> list[tuple[int, ...]]:
    out: list[tuple[int, ...]] = []
    for i, p in enumerate(points):
        if p.is_division:
            out.append((*path, i))
            out.extend(_containers(p.children, (*path, i)))
    return out


def _get(points: tuple[Point, ...], path: tuple[int, ...]) -> Point:
    node = points[path[0]]
    for i in path[1:]:
        node = node.children[i]
    return node


def _set(points: tuple[Point, ...], path: tuple[int, ...], node: Point | None,
         insert: bool = False) -> tuple[Point, ...]:
    """`points` with the node at `path` replaced (None: removed; insert: put before it)."""
    items = list(points)
    if len(path) == 1:
        if insert:
            assert node is not None
            items.insert(path[0], node)
        elif node is None:
            del items[path[0]]
        else:
            items[path[0]] = node
        return tuple(items)
    parent = items[path[0]]
    items[path[0]] = replace(parent, children=_set(parent.children, path[1:], node, insert))
    return tuple(items)


@st.composite
def edited_structure(draw: st.DrawFn, doc: Document) -> Document:
    """`doc` with structural edits: articles moved between chapters, chapters renamed, inserted,
    deleted or moved, paragraphs changed."""
    pts = doc.points
    for _ in range(draw(st.integers(0, 5))):
        chapters = _containers(pts)
        action = draw(st.sampled_from(("move-article", "rename", "insert-chapter", "delete-chapter",
                                       "move-chapter", "change", "renumber")))
        if not chapters:
            pts = (Point(key="@chapter-new", label="9", kind="chapter", heading="New"), *pts)
            continue
        c = draw(st.sampled_from(chapters))
        node = _get(pts, c)
        if action == "rename":
            pts = _set(pts, c, replace(node, heading=draw(st.sampled_from(HEADINGS))))
        elif action == "renumber":
            pts = _set(pts, c, replace(node, label=draw(st.sampled_from(("1", "2", "7", "IV")))))
        elif action == "insert-chapter":
            pts = _set(pts, c, Point(key="@chapter-x", label="X", kind="chapter", heading="Inserted",
                                     children=tuple(draw(articles(90)))), insert=True)
        elif action == "delete-chapter":
            pts = _set(pts, c, None)
        elif action == "move-chapter" and len(c) == 1 and len(pts) > 1:
            items = list(pts)
            moved = items.pop(c[0])
            items.insert(draw(st.integers(0, len(items))), moved)
            pts = tuple(items)
        elif action in ("move-article", "change"):
            arts = [k for k, a in enumerate(node.children) if not a.is_division]
            if not arts:
                continue
            k = draw(st.sampled_from(arts))
            art = node.children[k]
            if action == "change":
                pts = _set(pts, (*c, k), replace(art, paragraphs=draw(paragraphs), children=()))
                continue
            pts = _set(pts, (*c, k), None)
            chapters = _containers(pts)
            target = draw(st.sampled_from(chapters))
            dest = _get(pts, target)
            at = draw(st.integers(0, len(dest.children)))
            pts = _set(pts, target, replace(dest, children=(*dest.children[:at], art, *dest.children[at:])))
    return replace(doc, points=pts, meta=Meta(source="b"))


# -- negotiating text: brackets and alternatives planted in generated documents ----------------------
PROPOSERS = ("Alpha", "Beta", "Proposal of Gamma", "Alt 1", "Alt 2")
_plain = st.lists(st.sampled_from([w for w in WORDS if w != "(a)"]), min_size=1, max_size=8).map(" ".join)


@st.composite
def negotiating_sentence(draw: st.DrawFn) -> str:
    """A sentence with at most one open place in it, in one of the forms negotiators write."""
    head, tail = draw(_plain), draw(_plain)
    form = draw(st.sampled_from(("plain", "bracket", "nested", "alternatives", "editorial")))
    if form == "bracket":
        return f"{head} [{draw(_plain)}] {tail}."
    if form == "nested":
        return f"{head} [{draw(_plain)} [[{draw(_plain)}]]] {tail}."
    if form == "alternatives":
        labels = draw(st.lists(st.sampled_from(PROPOSERS), min_size=1, max_size=3, unique=True))
        return f"{head} " + " ".join(f"[{label}: {draw(_plain)}]" for label in labels) + f" {tail}."
    if form == "editorial":
        return f"{head} [{draw(st.sampled_from(('sic', 'date', '...', 'Deleted.', 'Page 12')))}] {tail}."
    return f"{head} {tail}."


@st.composite
def negotiating_documents(draw: st.DrawFn) -> Document:
    """A document whose paragraphs hold brackets, alternatives and editor's marks, and whose points
    may hold `Option A` / `Option B` paragraphs or sub-points that are one proposal each."""
    pts = []
    for i in range(draw(st.integers(1, 6))):
        paras = list(draw(st.lists(negotiating_sentence(), max_size=3)))
        if draw(st.booleans()):
            paras += [f"Option {c}: {draw(_plain)}." for c in "AB"[:draw(st.integers(1, 2))]]
        kids: tuple[Point, ...] = ()
        if draw(st.booleans()):
            labels = draw(st.lists(st.sampled_from(PROPOSERS), min_size=1, max_size=3, unique=True))
            kids = tuple(Point(key=f"@p{i}/{c}", label=c, kind="sub", paragraphs=(f"[{label}: {draw(_plain)}.]",))
                         for c, label in zip("abc", labels))
        pts.append(Point(key=f"@p{i}", label=str(i + 1), paragraphs=tuple(paras), children=kids))
    return Document(title="Negotiating Text", parties=("Alpha", "Beta"), points=tuple(pts), meta=Meta(source="n"))
