"""Minor word operations in every redline writer: a reference that only follows a renumbering,
and differences of case or typography the user chose to ignore.

`marked_pair` builds a redline by hand: a point inserted at the top renumbers the rest, the
reference "point 2" in one of them becomes "point 3" (marked "reference"), another differs in
case (marked "case") and also has an ordinary change, and the title's quotes differ (marked
"typography"). Each writer must show the marked operations muted, count them apart, and keep
both texts whole; the Word redline puts them under authors of their own.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from drafting.diff import diff
from drafting.diff.redline import (
    CASE,
    DELETE,
    EQUAL,
    INSERT,
    REFERENCE,
    TYPOGRAPHY,
    Marks,
    Ops,
    PointDiff,
    Redline,
    accept_all,
    reject_all,
    summarize,
)
from drafting.model import Document, Meta, Point
from drafting.writers import redline_writer
from tests.writers.test_docx import DATE, W, assert_schema_valid, body, document, libreoffice_sides, local, styled
from tests.writers.test_html import _Page, sample_pair

AUTHOR = "Legal Adviser"


def _point(key: str, label: str, text: str, heading: str = "") -> Point:
    return Point(key=key, label=label, kind="point", heading=heading, paragraphs=(text,))


def _marks(ops: Ops, **by_text: str) -> Marks:
    """A mark for each inserted or deleted op whose text is a key of `by_text` ("" for the rest)."""
    return tuple(by_text.get(text, "") if op != EQUAL else "" for op, text in ops)


def marked_pair() -> tuple[Document, Document, Redline]:
    """Two versions and their redline, built by hand with marked operations."""
    old = Document(
        title="Agreement on “Peace”", parties=("Alpha", "Beta"),
        points=(_point("scope", "1", "This agreement covers the ceasefire."),
                _point("council", "2", "The council meets as set out in point 2.", heading="Council"),
                _point("meet", "3", "The Council shall meet yearly.")),
        meta=Meta(version="v1"))
    new = Document(
        title='Agreement on "Peace"', parties=("Alpha", "Beta"),
        points=(_point("defs", "1", "Terms are defined in the annex."),
                _point("scope", "2", "This agreement covers the ceasefire."),
                _point("council", "3", "The council meets as set out in point 3.", heading="Council"),
                _point("meet", "4", "The council shall meet monthly.")),
        meta=Meta(version="v2"))
    title: Ops = ((EQUAL, "Agreement on "), (DELETE, "“"), (INSERT, '"'), (EQUAL, "Peace"),
                  (DELETE, "”"), (INSERT, '"'))
    reference: Ops = ((EQUAL, "The council meets as set out in point "), (DELETE, "2"), (INSERT, "3"), (EQUAL, "."))
    case: Ops = ((EQUAL, "The "), (DELETE, "Council"), (INSERT, "council"), (EQUAL, " shall meet "),
                 (DELETE, "yearly"), (INSERT, "monthly"), (EQUAL, "."))
    points = (
        PointDiff("inserted", None, new.points[0], None, 0, body=((INSERT, "Terms are defined in the annex."),)),
        PointDiff("renumbered", old.points[0], new.points[1], 0, 1,
                  body=((EQUAL, "This agreement covers the ceasefire."),)),
        PointDiff("renumbered", old.points[1], new.points[2], 1, 2, heading=((EQUAL, "Council"),), body=reference,
                  body_marks=_marks(reference, **{"2": REFERENCE, "3": REFERENCE})),
        PointDiff("changed", old.points[2], new.points[3], 2, 3, body=case,
                  body_marks=_marks(case, Council=CASE, council=CASE)),
    )
    rl = Redline(old.meta, new.meta, title=title, parties=((EQUAL, "Alpha\u2029Beta"),), points=points,
                 front_marks=(("title", _marks(title, **{"“": TYPOGRAPHY, "”": TYPOGRAPHY, '"': TYPOGRAPHY})),))
    return old, new, rl


def moved_pair() -> tuple[Document, Document, Redline]:
    """The HTML tests' sample pair, whose moved "Ceasefire" point's reference to point 2 became
    point 3: that reference marked, as the engine marks it, inside a move."""
    old, new = sample_pair()
    rl = diff(old, new)
    points = tuple(replace(d, body_marks=_marks(d.body, **{"2": REFERENCE, "3": REFERENCE}))
                   if d.key == "cease" else d for d in rl.points)
    return old, new, replace(rl, points=points)


def _unmarked(rl: Redline) -> Redline:
    return replace(rl, front_marks=(), points=tuple(replace(d, heading_marks=(), body_marks=()) for d in rl.points))


def test_the_hand_built_redline_rebuilds_both_versions_and_counts_its_minor_changes() -> None:
    old, new, rl = marked_pair()
    assert accept_all(rl) == new and reject_all(rl) == old
    s = summarize(rl)
    assert (s.references_updated, s.ignored) == (1, 3)
    assert (s.words_inserted, s.words_deleted) == (7, 1)  # the inserted point and "monthly"; "yearly"
    assert rl.points[2].references_updated == 1 and not rl.points[2].text_changed
    _, _, moved = moved_pair()
    assert accept_all(moved) == sample_pair()[1] and summarize(moved).references_updated == 1


# --- JSON ----------------------------------------------------------------------------------

def test_json_writes_marked_ops_with_their_mark_and_counts_them() -> None:
    _, _, rl = marked_pair()
    data = json.loads(redline_writer("json")(rl))
    council = data["points"][2]
    assert council["body"] == [[0, "The council meets as set out in point "], [-1, "2", "reference"],
                               [1, "3", "reference"], [0, "."]]
    assert council["references_updated"] == 1 and council["status"] == "renumbered"
    assert "references_updated" not in data["points"][3]
    assert data["points"][3]["body"][1:6] == [[-1, "Council", "case"], [1, "council", "case"], [0, " shall meet "],
                                             [-1, "yearly"], [1, "monthly"]]
    assert data["title"][1:3] == [[-1, "“", "typography"], [1, '"', "typography"]]
    assert data["parties"] == [[0, "Alpha\u2029Beta"]]
    assert data["summary"] == {"points": {"inserted": 1, "renumbered": 2, "changed": 1}, "words_inserted": 7,
                               "words_deleted": 1, "references_updated": 1, "ignored": 3}


def test_json_of_a_redline_without_marks_has_no_minor_fields() -> None:
    data = json.loads(redline_writer("json")(_unmarked(marked_pair()[2])))
    assert "references_updated" not in data["summary"] and "ignored" not in data["summary"]
    assert all(len(op) == 2 for d in data["points"] for op in d["body"]) and "references_updated" not in data["points"][2]


# --- terminal ------------------------------------------------------------------------------

def test_terminal_without_colour_marks_minor_ops_apart_and_counts_them() -> None:
    _, _, rl = marked_pair()
    out = redline_writer("term")(rl, color=False)
    first = out.splitlines()[0]
    assert first.endswith("; 1 reference updated; 3 ignored differences")
    assert "7 words inserted, 1 deleted" in first
    assert "minor changes, not counted as words, are [~old~]{~new~}" in out
    assert "\n3 [was 2; 1 reference updated]\n" in out
    assert "The council meets as set out in point [~2~]{~3~}." in out  # a renumbered pair shows its update
    assert "The [~Council~]{~council~} shall meet [-yearly-]{+monthly+}." in out
    assert 'Agreement on [~“~]{~"~}Peace[~”~]{~"~}' in out
    assert "[~" not in redline_writer("term")(_unmarked(rl), color=False)


def _sgr(out: str, text: str) -> set[str]:
    """The ANSI style parameters the terminal writer put on `text`."""
    found = re.search(rf"\x1b\[([\d;]+)m{re.escape(text)}\x1b\[0m", out)
    assert found, f"{text!r} is not styled on its own"
    return set(found.group(1).split(";"))


def test_terminal_in_colour_draws_minor_ops_dim_and_ordinary_ones_red_and_green() -> None:
    out = redline_writer("term")(marked_pair()[2], color=True)
    for minor in ("Council", "council", "2", "3"):
        codes = _sgr(out, minor)
        assert "2" in codes and not codes & {"31", "32"}, (minor, codes)  # dim, neither red nor green
    assert "31" in _sgr(out, "yearly") and "32" in _sgr(out, "monthly")


# --- Markdown ------------------------------------------------------------------------------

def test_markdown_keeps_both_numbers_and_comments_on_each_minor_change() -> None:
    out = redline_writer("md")(marked_pair()[2])
    assert "point {~~2~>3~~}{>>reference update<<}." in out
    assert "The {~~Council~>council~~}{>>ignored: case<<} shall meet {~~yearly~>monthly~~} " not in out
    assert "The {~~Council~>council~~}{>>ignored: case<<} shall meet {~~yearly~>monthly~~}." in out
    assert 'Agreement on {~~“~>"~~}{>>ignored: typography<<}Peace' in out
    assert "### Point 3 *(was 2; 1 reference updated)*" in out
    assert "Not counted: 1 reference updated; 3 ignored differences." in out
    plain = redline_writer("md")(_unmarked(marked_pair()[2]))
    assert "{>>" not in plain and "Not counted" not in plain


# --- HTML ----------------------------------------------------------------------------------

def _pair_html(html: str, pid: str) -> str:
    """The markup of the pair `pid` up to its text's end."""
    start = html.index(f'id="{pid}"')
    return html[start:html.index("</div>\n</div>", start)]


def test_html_gives_minor_ops_their_classes_a_count_and_a_filter() -> None:
    html = redline_writer("html")(marked_pair()[2])
    assert '<del class="minor reference">2</del><ins class="minor reference">3</ins>' in html
    assert '<del class="minor case">Council</del><ins class="minor case">council</ins>' in html
    assert "<del>yearly</del><ins>monthly</ins>" in html
    page = _Page(html)
    assert page.errors == []
    assert page.all("input", value="minor")  # the "minor changes" filter
    title = page.all("div", id="part-title")[0]
    assert title["data-status"] == "same"  # only ignored differences: not a change
    text = " ".join(" ".join(page.text).split())
    assert "Minor changes, not counted above: 1 reference updated; 3 ignored differences." in text
    assert "<span>was 2</span>; <span>1 reference updated</span>" in _pair_html(html, "p-3")
    plain = redline_writer("html")(_unmarked(marked_pair()[2]))
    assert "minor" not in plain.split("<style>")[0] + plain.split("</style>")[1]


# --- Word ----------------------------------------------------------------------------------

def authors(data: bytes) -> dict[str, list[str]]:
    """The texts of the body's tracked insertions and deletions (paragraph marks aside), by author."""
    out: dict[str, list[str]] = {}
    for el in body(data).iter(f"{W}ins", f"{W}del"):
        if el.getparent().tag != f"{W}rPr":
            text = "".join(t.text or "" for t in el.iter(f"{W}t", f"{W}delText"))
            out.setdefault(el.get(f"{W}author", ""), []).append(f"{local(el.tag)}:{text}")
    return out


@pytest.mark.parametrize("make", [marked_pair, moved_pair], ids=["marked", "moved"])
def test_word_tracks_reference_updates_under_their_own_author_and_rebuilds_both_texts(make) -> None:  # type: ignore[no-untyped-def]
    old, new, rl = make()
    data = redline_writer("docx")(rl, author=AUTHOR, date=DATE, cover=False)
    found = authors(data)
    assert sorted(found["reference updates"]) == ["del:2", "ins:3"]
    assert set(found) <= {AUTHOR, "reference updates", "case and typography"}
    assert styled(data, "accept") == styled(document(new), "none")
    assert styled(data, "reject") == styled(document(old), "none")
    unmarked = redline_writer("docx")(_unmarked(rl), author=AUTHOR, date=DATE, cover=False)
    assert set(authors(unmarked)) == {AUTHOR}


def test_word_case_and_typography_have_their_author_and_ordinary_changes_keep_theirs() -> None:
    _, _, rl = marked_pair()
    found = authors(redline_writer("docx")(rl, author=AUTHOR, date=DATE, cover=False))
    assert found["case and typography"] == ["del:“", 'ins:"', "del:”", 'ins:"', "del:Council", "ins:council"]
    assert "del:yearly" in found[AUTHOR] and "ins:monthly" in found[AUTHOR]
    assert "ins:1.Terms are defined in the annex." in found[AUTHOR]


def test_word_revision_ids_stay_unique_and_the_cover_counts_minor_changes(tmp_path: Path) -> None:
    _, _, rl = marked_pair()
    data = redline_writer("docx")(rl, author=AUTHOR, date=DATE)
    root = body(data)
    ids = [el.get(f"{W}id") for el in root.iter() if local(el.tag) in ("ins", "del", "moveFrom", "moveTo")]
    assert len(ids) == len(set(ids))
    assert all(el.get(f"{W}date") == DATE for el in root.iter(f"{W}ins", f"{W}del"))
    rows = {"".join(r[0].itertext()): "".join(r[1].itertext()) for r in root.find(f"{W}tbl").findall(f"{W}tr")}
    assert rows["References updated"] == "1" and rows["Ignored differences (case, typography)"] == "3"
    assert rows["Minor changes marked by"] == "reference updates; case and typography"
    assert "References updated" not in "".join(body(redline_writer("docx")(_unmarked(rl), date=DATE)).itertext())
    assert_schema_valid({"marked": data}, tmp_path)


@pytest.mark.libreoffice
@pytest.mark.parametrize("make", [marked_pair, moved_pair], ids=["marked", "moved"])
def test_libreoffice_accepts_and_rejects_minor_changes_exactly(make, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests import lo

    lo.require()
    old, new, rl = make()
    libreoffice_sides(old, new, rl, tmp_path)
