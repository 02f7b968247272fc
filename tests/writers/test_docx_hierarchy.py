"""The Word writers on treaties in parts, chapters and annexes: divisions as headings Word's
navigation pane lists, articles below them, and redlines of divisions renamed, inserted,
deleted and of articles moved between chapters that LibreOffice accepts into the new draft
and rejects into the old one, paragraph by paragraph with their styles."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from drafting.diff import diff
from drafting.diff.redline import EQUAL, Ops, PointDiff, Redline, accept_all, reject_all
from drafting.model import Document, Meta, Path as TreePath, Point
from drafting.writers.docx import document, redline
from tests import lo
from tests.writers.test_docx import (
    DATE, W, assert_schema_valid, body, check_revisions, libreoffice_sides, local, parts, run_text, same_sides,
    statuses, styled,
)

# --- a treaty in parts and chapters, and its versions -----------------------------------------


def A(key: str, label: str, heading: str, *paras: str, children: tuple[Point, ...] = ()) -> Point:
    return Point(key, label, "article", heading, paras, children)


def N(key: str, label: str, text: str, *children: Point) -> Point:
    return Point(key, label, "paragraph", "", (text,), children)


def S(key: str, label: str, text: str) -> Point:
    return Point(key, label, "sub", "", (text,))


def D(key: str, label: str, heading: str, *children: Point, kind: str = "chapter") -> Point:
    return Point(key, label, kind, heading, (), children)


def treaty() -> Document:
    """Two parts of three chapters of articles with numbered paragraphs, closing, an annex."""
    general = D("general", "1", "General Provisions",
                A("aims", "1", "Aims", children=(
                    N("aims/1", "1", "The Parties set up an area of open trade between them."),
                    N("aims/2", "2", "The aims of this Agreement are to:",
                      S("aims/a", "a", "widen the trade in goods;"), S("aims/b", "b", "keep competition fair.")))),
                A("terms", "2", "Terms", "In this Agreement a day is a calendar day."))
    origin = D("origin", "2", "Rules of Origin",
               A("origin-goods", "3", "Goods of origin", children=(
                   N("og/1", "1", "Goods grown or made wholly in a Party come from that Party."),
                   N("og/2", "2", "Goods made there from outside inputs come from it when Annex I says so."))),
               A("margin", "4", "Margin", "Inputs worth no more than a tenth of the price are left out of account."))
    final = D("final", "3", "Final Provisions",
              A("force", "5", "Entry into force", "This Agreement takes effect two months after the last note."),
              A("leaving", "6", "Leaving", "Either Party may leave it by notice in writing."))
    annex = Point("annex-1", "I", "annex", "Rules by Product", ("Goods of heading 01 need only a change of chapter.",))
    return Document("Agreement on Trade and Cooperation", ("the Republic of Alpha", "the Kingdom of Beta"),
                    ("The Parties,", "Wishing to deepen their economic ties,", "Have agreed as follows:"),
                    (D("trade", "I", "Trade", general, origin, kind="part"),
                     D("institutions", "II", "Institutions", final, kind="part"), annex),
                    ("Done at Geneva on 1 March 2026, in two originals.",), Meta(version="v1"))


def _relabel(articles: tuple[Point, ...], first: int) -> tuple[Point, ...]:
    return tuple(replace(a, label=str(first + k)) for k, a in enumerate(articles))


def _parts(doc: Document) -> tuple[Point, Point, Point, Point, Point, Point]:
    trade, institutions, annex = doc.points
    general, origin = trade.children
    return trade, institutions, annex, general, origin, institutions.children[0]


def renamed(doc: Document) -> Document:
    """Chapter 2 gets another name."""
    trade, institutions, annex, general, origin, _ = _parts(doc)
    origin = replace(origin, heading="Origin of the Goods")
    return replace(doc, points=(replace(trade, children=(general, origin)), institutions, annex))


def moved(doc: Document) -> Document:
    """Article 2 leaves Chapter 1 for the head of Chapter 3; the articles between renumber."""
    trade, institutions, annex, general, origin, final = _parts(doc)
    terms = general.children[1]
    general = replace(general, children=general.children[:1])
    origin = replace(origin, children=_relabel(origin.children, 2))
    final = replace(final, children=_relabel((terms, *final.children), 4))
    return replace(doc, points=(replace(trade, children=(general, origin)),
                                replace(institutions, children=(final,)), annex))


def inserted(doc: Document) -> Document:
    """A chapter on disputes comes before the final provisions, which become Chapter 4."""
    trade, institutions, annex, general, origin, final = _parts(doc)
    disputes = D("disputes", "3", "Disputes",
                 A("talks", "5", "Talks", "A Party may ask the other for talks on any matter under this Agreement."))
    final = replace(final, label="4", children=_relabel(final.children, 6))
    return replace(doc, points=(trade, replace(institutions, children=(disputes, final)), annex))


def deleted(doc: Document) -> Document:
    """Chapter 2 goes, with its articles; the final provisions become Chapter 2."""
    trade, institutions, annex, general, origin, final = _parts(doc)
    final = replace(final, label="2", children=_relabel(final.children, 3))
    return replace(doc, points=(replace(trade, children=(general,)),
                                replace(institutions, children=(final,)), annex))


def paragraphs_edited(doc: Document) -> Document:
    """Article 3 gets a new first paragraph and a reworded last one; a sub-point of Article 1 goes."""
    trade, institutions, annex, general, origin, final = _parts(doc)
    aims, terms = general.children
    first, second = aims.children
    aims = replace(aims, children=(first, replace(second, children=second.children[:1])))
    goods, margin = origin.children
    kept, reworded = goods.children
    goods = replace(goods, children=(
        N("og/0", "1", "Each Party applies these rules to all goods."), replace(kept, label="2"),
        replace(reworded, label="3", paragraphs=("Goods made there from outside inputs come from it when "
                                                 "the rules of Annex I are met.",))))
    trade = replace(trade, children=(replace(general, children=(aims, terms)),
                                     replace(origin, children=(goods, margin))))
    return replace(doc, points=(trade, institutions, annex))


def annex_dropped(doc: Document) -> Document:
    """The annex goes and a part is added after the closing's place: the end of the body moves."""
    trade, institutions, _annex, *_ = _parts(doc)
    extra = D("extra", "III", "Other Matters", D("other", "4", "Cooperation",
              A("coop", "7", "Cooperation", "The Parties work together on customs matters.")), kind="part")
    return replace(doc, points=(trade, institutions, extra))


def reshaped(doc: Document) -> Document:
    """Part II loses its name, the annex gets another, Chapter 3 becomes a section."""
    trade, institutions, annex, general, origin, final = _parts(doc)
    institutions = replace(institutions, heading="", children=(replace(final, kind="section"),))
    return replace(doc, points=(trade, institutions, replace(annex, heading="Rules for Each Product")))


EDITS = {"renamed": (renamed, {"changed"}), "moved": (moved, {"moved", "renumbered"}),
         "inserted": (inserted, {"inserted", "renumbered"}), "deleted": (deleted, {"deleted", "renumbered"}),
         "paragraphs-edited": (paragraphs_edited, {"inserted", "deleted", "changed"}),
         "annex-dropped": (annex_dropped, {"inserted", "deleted"}),
         "reshaped": (reshaped, {"changed"})}


# --- an article moved between chapters, the redline built by hand ---------------------------------


def _eq(text: str) -> Ops:
    return ((EQUAL, text),) if text else ()


def _kept(old: Point, new: Point, at: tuple[TreePath, int], to: tuple[TreePath, int], status: str = "same",
          children: tuple[PointDiff, ...] | None = None) -> PointDiff:
    """A pair with the same words on both sides; sub-units paired one to one under it."""
    if children is None:
        children = tuple(_kept(o, n, ((*at[0], at[1]), k), ((*to[0], to[1]), k))
                         for k, (o, n) in enumerate(zip(old.children, new.children, strict=True)))
    return PointDiff(status, old, new, at[1], to[1], _eq(old.heading), _eq(old.body), children,
                     old_parent=at[0], new_parent=to[0])


def moved_by_hand() -> tuple[Document, Document, Redline]:
    """Chapter 1 [Article 1, Article 2], Chapter 2 [Article 3] -> Chapter 1 [Article 1],
    Chapter 2 [Article 2, Article 3]: the redline as a cross-chapter aligner gives it."""
    one = A("one", "1", "Scope", children=(N("one/1", "1", "This Agreement covers trade in goods."),))
    two = A("two", "2", "Customs", "Each Party keeps its customs law.")
    three = A("three", "3", "Review", "The Parties review this Agreement every five years.")
    old = Document("Agreement", points=(D("c1", "1", "Basics", one, two), D("c2", "2", "Closing Rules", three)))
    new = Document("Agreement", points=(D("c1", "1", "Basics", one), D("c2", "2", "Closing Rules", two, three)))
    c1 = _kept(old.points[0], new.points[0], ((), 0), ((), 0), children=(_kept(one, one, ((0,), 0), ((0,), 0)),))
    c2 = _kept(old.points[1], new.points[1], ((), 1), ((), 1), children=(
        _kept(two, two, ((0,), 1), ((1,), 0), status="moved"), _kept(three, three, ((1,), 0), ((1,), 1))))
    rl = Redline(old.meta, new.meta, _eq(old.title), points=(c1, c2))
    assert (accept_all(rl), reject_all(rl)) == (new, old), "the hand-built redline is not that pair's"
    return old, new, rl


def _pair(name: str) -> tuple[Document, Document, Redline]:
    if name == "moved-by-hand":
        return moved_by_hand()
    edit, expected = EDITS[name]
    old = treaty()
    new = edit(old)
    rl = diff(old, new)
    assert expected <= statuses(rl.points), "the pair no longer exercises what it is for"
    return old, new, rl


# --- reading what was written ------------------------------------------------------------------


def heading_paragraphs(data: bytes) -> list[tuple[str, str]]:
    """(style id, text with tracked changes shown as [-old-]{+new+}) of the headings and
    article headings, in order."""
    out = []
    for p in body(data).iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        sid = style.get(f"{W}val") if style is not None else ""
        if not (sid.startswith("Heading") or sid == "TreatyArticleHeading"):
            continue
        text = []
        for el in p:
            tag = local(el.tag)
            shown = run_text(el, set()) if tag in ("r", "ins", "del", "moveFrom", "moveTo") else ""
            text.append({"ins": "{+%s+}", "del": "[-%s-]"}.get(tag, "%s") % shown)
        out.append((sid, "".join(text)))
    return out


# --- drafts ---------------------------------------------------------------------------------------


def test_divisions_are_headings_and_articles_sit_one_level_below() -> None:
    data = document(treaty())
    assert heading_paragraphs(data) == [
        ("Heading1", "Part I\nTrade"), ("Heading2", "Chapter 1\nGeneral Provisions"),
        ("TreatyArticleHeading", "Article 1"), ("TreatyArticleHeading", "Article 2"),
        ("Heading2", "Chapter 2\nRules of Origin"), ("TreatyArticleHeading", "Article 3"),
        ("TreatyArticleHeading", "Article 4"), ("Heading1", "Part II\nInstitutions"),
        ("Heading2", "Chapter 3\nFinal Provisions"), ("TreatyArticleHeading", "Article 5"),
        ("TreatyArticleHeading", "Article 6"), ("Heading1", "Annex I\nRules by Product")]
    styles = etree.fromstring(parts(data)["word/styles.xml"])
    outline = {s.get(f"{W}styleId"): s.find(f"{W}pPr/{W}outlineLvl").get(f"{W}val")
               for s in styles.iter(f"{W}style") if s.find(f"{W}pPr/{W}outlineLvl") is not None}
    assert {k: outline[k] for k in ("Heading1", "Heading2", "Heading3", "Heading4", "TreatyArticleHeading")} == {
        "Heading1": "0", "Heading2": "1", "Heading3": "2", "Heading4": "3", "TreatyArticleHeading": "4"}


def test_numbered_paragraphs_and_sub_points_have_their_styles() -> None:
    shown = styled(document(treaty()), "none")
    article_one = shown[shown.index(("TreatyArticleHeading", "Article 1")):][:6]
    assert article_one == [
        ("TreatyArticleHeading", "Article 1"), ("TreatyArticleTitle", "Aims"),
        ("TreatyNumberedParagraph", "1.\tThe Parties set up an area of open trade between them."),
        ("TreatyNumberedParagraph", "2.\tThe aims of this Agreement are to:"),
        ("TreatySubpoint", "(a)\twiden the trade in goods;"), ("TreatySubpoint", "(b)\tkeep competition fair.")]


def test_the_closing_stands_between_the_body_and_the_annexes() -> None:
    shown = [text for _, text in styled(document(treaty()), "none")]
    assert shown[-3:] == ["Done at Geneva on 1 March 2026, in two originals.", "Annex I\nRules by Product",
                          "Goods of heading 01 need only a change of chapter."]


def test_heading_words_come_from_the_document_language_or_as_written() -> None:
    doc = treaty()
    ukrainian = replace(doc, meta=replace(doc.meta, language="uk"))
    assert heading_paragraphs(document(ukrainian))[:3] == [
        ("Heading1", "Розділ I\nTrade"), ("Heading2", "Глава 1\nGeneral Provisions"),
        ("TreatyArticleHeading", "Стаття 1")]
    trade = doc.points[0]
    general = replace(trade.children[0], word="CHAPTER")
    trade = replace(trade, word="TITLE", children=(general, *trade.children[1:]))
    written = replace(doc, points=(trade, *doc.points[1:]))
    assert heading_paragraphs(document(written))[:2] == [("Heading1", "TITLE I\nTrade"),
                                                          ("Heading2", "CHAPTER 1\nGeneral Provisions")]


# --- redlines -------------------------------------------------------------------------------------

NAMES = [*EDITS, "moved-by-hand"]


@pytest.mark.parametrize("name", NAMES)
def test_hierarchical_redlines_accept_and_reject_exactly(name: str) -> None:
    old, new, rl = _pair(name)
    same_sides(rl, old, new)
    same_sides(diff(new, old), new, old)


def test_a_renamed_chapter_changes_word_by_word() -> None:
    old, new, rl = _pair("renamed")
    headings = heading_paragraphs(redline(rl, date=DATE, cover=False))
    chapter = next(text for sid, text in headings if "Origin" in text)
    assert chapter.startswith("Chapter 2\n") and " of " in chapter  # untouched words stay plain
    assert "[-Rules-]" in chapter and "Goods+}" in chapter


def test_an_inserted_chapter_renumbers_the_next_by_its_number_alone() -> None:
    old, new, rl = _pair("inserted")
    data = redline(rl, date=DATE, cover=False)
    headings = heading_paragraphs(data)
    assert ("Heading2", "{+Chapter 3\nDisputes+}") in headings
    assert ("Heading2", "Chapter [-3-]{+4+}\nFinal Provisions") in headings
    inserted = next(p for p in body(data).iter(f"{W}p") if "Disputes" in run_text(p, set()))
    assert inserted.find(f"{W}pPr/{W}rPr/{W}ins") is not None, "the heading's paragraph mark is tracked"


def test_a_deleted_chapter_goes_with_its_paragraph_marks() -> None:
    old, new, rl = _pair("deleted")
    data = redline(rl, date=DATE, cover=False)
    assert ("Heading2", "[-Chapter 2\nRules of Origin-]") in heading_paragraphs(data)
    gone = [p for p in body(data).iter(f"{W}p") if p.find(f"{W}pPr/{W}rPr/{W}del") is not None]
    assert [run_text(p, set()) for p in gone][:3] == ["Chapter 2\nRules of Origin", "Article 3", "Goods of origin"]


@pytest.mark.parametrize(("name", "was", "now", "chapters"), [
    ("moved", "Article 2", "Article 4", ("Chapter 1", "Chapter 3")),
    ("moved-by-hand", "Article 2", "Article 2", ("Chapter 1", "Chapter 2"))])
def test_an_article_moved_between_chapters_leaves_its_copy_in_the_old_chapter(
        name: str, was: str, now: str, chapters: tuple[str, str]) -> None:
    old, new, rl = _pair(name)
    data = redline(rl, date=DATE, cover=False)
    kinds = check_revisions(data)
    assert kinds["moveFrom"] and kinds["moveTo"]
    place = []
    for p in body(data).iter(f"{W}p"):
        sid = p.find(f"{W}pPr/{W}pStyle").get(f"{W}val")
        tags = {local(el.tag) for el in p} & {"moveFrom", "moveTo"}
        if sid.startswith("Heading") or tags:
            place.append(f"{'/'.join(sorted(tags))}:{run_text(p, set())}".strip(":").split("\n")[0])
    # The old copy is the second paragraph marked as moved in the old chapter (after "Article 1"
    # and its text), the new one in the new chapter.
    start = place.index(chapters[0])
    assert place[start + 1] == f"moveFrom:{was}" and place.index(f"moveTo:{now}") > place.index(chapters[1])


@pytest.mark.parametrize("name", NAMES)
def test_hierarchical_outputs_are_schema_valid(name: str, tmp_path: Path) -> None:
    old, new, rl = _pair(name)
    assert_schema_valid({"old": document(old, comments=True), "new": document(new),
                         "redline": redline(rl, date=DATE)}, tmp_path)


# --- LibreOffice -----------------------------------------------------------------------------------


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", NAMES)
def test_libreoffice_accepts_and_rejects_hierarchical_redlines(name: str, tmp_path: Path) -> None:
    lo.require()
    old, new, rl = _pair(name)
    libreoffice_sides(old, new, rl, tmp_path)


@pytest.mark.libreoffice
def test_libreoffice_lists_parts_chapters_and_articles_in_its_navigator(tmp_path: Path) -> None:
    lo.require()
    path = tmp_path / "treaty.docx"
    path.write_bytes(document(treaty()))
    outline = [(p.outline, p.text.split("\n")[0]) for p in lo.as_paragraphs(path, "none") if p.outline]
    assert outline[:5] == [(1, "Part I"), (2, "Chapter 1"), (5, "Article 1"), (5, "Article 2"), (2, "Chapter 2")]
    assert outline[-1] == (1, "Annex I")
