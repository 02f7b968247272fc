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
