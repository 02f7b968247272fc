"""The Word writers: styled drafts, and redlines whose tracked changes LibreOffice can accept or
reject to give exactly the new or the old draft."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from drafting.diff import diff, summarize
from drafting.diff.redline import PointDiff, Redline
from drafting.errors import DraftingError
from drafting.model import Document, Meta, Point
from drafting.writers import document_writer, redline_writer
from drafting.writers.docx import document, redline
from tests import lo
from tests.conftest import CORPUS, ROOT, need
from tests.strategies import documents, edited, edited_structure, structured

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REVISIONS = ("ins", "del", "moveFrom", "moveTo", "pPrChange")
GONE = {"accept": {"del", "moveFrom"}, "reject": {"ins", "moveTo"}, "none": set()}
DATE = "2026-11-25T14:00:00Z"


# --- reading what we wrote -------------------------------------------------------------------

def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def body(data: bytes) -> etree._Element:
    return etree.fromstring(parts(data)["word/document.xml"]).find(f"{W}body")


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def run_text(p: etree._Element, gone: set[str]) -> str:
    out = []
    for el in p.iter(f"{W}t", f"{W}delText", f"{W}tab", f"{W}br"):
        run = el.getparent()
        if run.tag != f"{W}r" or local(run.getparent().tag) in gone:
            continue
        out.append("\t" if el.tag == f"{W}tab" else "\n" if el.tag == f"{W}br" else el.text or "")
    return "".join(out)


def _look(p: etree._Element, mode: str) -> str:
    """A paragraph's style id and direct indent ("TreatyPoint", "TreatySubpoint+2160/720") as it
    is once every change is accepted, or rejected (the style a `w:pPrChange` recorded)."""
    ppr = p.find(f"{W}pPr")
    if ppr is None:
        return "Normal"
    change = ppr.find(f"{W}pPrChange/{W}pPr")
    props = change if mode == "reject" and change is not None else ppr
    style = props.find(f"{W}pStyle")
    ind = props.find(f"{W}ind")
    indent = f"+{ind.get(f'{W}left', '0')}/{ind.get(f'{W}hanging', '0')}" if ind is not None else ""
    return (style.get(f"{W}val") if style is not None else "Normal") + indent


def styled(data: bytes, mode: str) -> list[tuple[str, str]]:
    """The body's paragraphs after accepting/rejecting every change, as (look, text), done on the
    XML: removed runs vanish, a removed paragraph mark joins its paragraph to the next, and the
    document's last mark can never be removed. Tables (the cover) are skipped.

    Joined paragraphs must agree on their look: LibreOffice keeps the first one with text,
    Word's model the one whose mark survives; a redline that depends on which is wrong."""
    gone = GONE[mode]
    paras = [p for p in body(data) if p.tag == f"{W}p"]
    out: list[tuple[str, str]] = []
    group: list[tuple[str, str]] = []
    for k, p in enumerate(paras):
        group.append((_look(p, mode), run_text(p, gone)))
        mark = p.find(f"{W}pPr/{W}rPr")
        if mark is not None and k < len(paras) - 1 and any(local(c.tag) in gone for c in mark):
            continue
        text = "".join(t for _, t in group)
        first = next((look for look, t in group if t), group[-1][0])
        assert first == group[-1][0], f"{mode}: {text!r} joins a {first} paragraph to a {group[-1][0]} mark"
        out.append((group[-1][0], text))
        group = []
    return out


def paragraphs(data: bytes, mode: str) -> list[str]:
    """The texts of `styled`."""
    return [text for _, text in styled(data, mode)]


def same_sides(rl: Redline, old: Document, new: Document) -> bytes:
    """The redline of `rl` as .docx, checked: its revisions well formed, and accepting (rejecting)
    every change gives the paragraphs and styles of the new (old) draft."""
    data = redline(rl, date=DATE, cover=False)
    check_revisions(data)
    assert styled(data, "accept") == styled(document(new), "none")
    assert styled(data, "reject") == styled(document(old), "none")
    return data


def check_revisions(data: bytes, author: str = "treaty-drafting", date: str = DATE) -> Counter[str]:
    """The structural rules every redline must keep; the count of revisions by kind."""
    for name, xml in parts(data).items():
        if name.endswith(".xml") or name.endswith(".rels"):
            etree.fromstring(xml)  # well-formed, or this raises
    root = body(data)
    kinds: Counter[str] = Counter()
    ids: list[str] = []
    for el in root.iter(*(f"{W}{k}" for k in REVISIONS)):
        kinds[local(el.tag)] += 1
        # Reference updates and ignored differences carry authors of their own, for Word's reviewer filter.
        assert el.get(f"{W}author") in (author, "reference updates", "case and typography"), etree.tostring(el)
        assert el.get(f"{W}date") == date, etree.tostring(el)
        ids.append(el.get(f"{W}id", ""))
    starts = {k: root.findall(f".//{W}{k}RangeStart") for k in ("moveFrom", "moveTo")}
    ids += [el.get(f"{W}id", "") for els in starts.values() for el in els]
    ids += [el.get(f"{W}id", "") for el in root.iter(f"{W}commentRangeStart", f"{W}bookmarkStart")]
    assert "" not in ids and len(ids) == len(set(ids)), "every w:id present and unique"
    assert not root.findall(f".//{W}del//{W}t"), "deleted text must be w:delText"
    assert all(el.getparent().getparent().tag == f"{W}del" for el in root.iter(f"{W}delText"))
    names = {k: sorted(el.get(f"{W}name", "") for el in els) for k, els in starts.items()}
    assert names["moveFrom"] == names["moveTo"] and len(set(names["moveFrom"])) == len(names["moveFrom"])
    for k, els in starts.items():
        ends = sorted(el.get(f"{W}id", "") for el in root.iter(f"{W}{k}RangeEnd"))
        assert ends == sorted(el.get(f"{W}id", "") for el in els)
    paras = [p for p in root if p.tag == f"{W}p"]
    for p, q in zip(paras, paras[1:]):
        mark = p.find(f"{W}pPr/{W}rPr")
        if mark is None or not any(local(c.tag) in REVISIONS for c in mark):
            runs_p, runs_q = p.findall(f".//{W}r"), q.findall(f".//{W}r")
            assert not (runs_p and runs_p[-1].getparent().tag == f"{W}ins" and runs_q
                        and runs_q[0].getparent().tag == f"{W}ins"), (
                "insertions touching across an unchanged paragraph mark: LibreOffice would join them")
    return kinds


def statuses(diffs: tuple[PointDiff, ...]) -> set[str]:
    return {s for d in diffs for s in (d.status, *statuses(d.children))}


# --- hand-built pairs ------------------------------------------------------------------------

def P(key: str, label: str, *paras: str, heading: str = "", kind: str = "point",
      children: tuple[Point, ...] = ()) -> Point:
    return Point(key, label, kind, heading, paras, children)


def plan(revised: bool = False) -> Document:
    """A 5-point plan, and a version with a number changed, a point deleted, one inserted,
    one moved to the top, sub-points swapped, the rest renumbered."""
    subs = (P("s1", "a", "first sub", kind="sub"), P("s2", "b", "second sub", kind="sub"))
    army = "The armed forces of Ukraine will be limited to {} personnel."
    if not revised:
        pts = (P("sov", "1", "The sovereignty of Ukraine will be confirmed.", heading="Sovereignty"),
               P("army", "2", army.format("600,000"), "Second paragraph.", heading="Armed forces", children=subs),
               P("nato", "3", "Ukraine agrees not to join NATO."),
               P("amnesty", "4", "All parties get amnesty.", heading="Amnesty"),
               P("vote", "5", "Elections will be held in 100 days.", heading="Elections"))
    else:
        swapped = (replace(subs[1], label="a"), replace(subs[0], label="b"))
        pts = (P("nato", "1", "Ukraine agrees not to join NATO."),
               P("sov", "2", "The sovereignty of Ukraine will be confirmed.", heading="Sovereignty"),
               P("army", "3", army.format("800,000"), "Second paragraph.", "A new third paragraph.",
                 heading="Armed forces", children=swapped),
               P("vote", "4", "Elections will be held in 100 days.", heading="Elections"),
               P("guarantee", "5", "The United States will provide guarantees.", heading="Guarantees"))
    meta = Meta(version="v2" if revised else "v1", date="2025-11-20", status="draft, not agreed")
    return Document("Peace Plan" + (" (revised)" if revised else ""), ("Ukraine", "Russia", "United States"),
                    ("Recalling the Charter of the United Nations.",), pts, ("Done at Geneva.",), meta)


_LONG = ("The parties agree to an immediate ceasefire along the current line of contact",
         "and to the withdrawal of heavy weapons to a distance of fifty kilometres.")
_MON = "A monitoring mission under the OSCE will verify the ceasefire."
_VOTE = "Elections will be held within one hundred days of signature of this agreement."


def split_merge() -> tuple[Document, Document]:
    old = Document("T", points=(P("@1", "1", " ".join(_LONG)), P("@2", "2", "Sanctions will be lifted in stages."),
                                P("@3", "3", _MON), P("@4", "4", _VOTE), P("@5", "5", "Prisoners: all for all.")))
    new = Document("T", points=(P("@1", "1", _LONG[0]), P("@1b", "2", _LONG[1]),
                                P("@2", "3", "Sanctions will be lifted in stages."), P("@3", "4", f"{_MON} {_VOTE}"),
                                P("@5", "5", "Prisoners: all for all.")))
    return old, new


def articles() -> tuple[Document, Document]:
    """Articles: title lines added and removed, a body added, renumbering, a kind change."""
    def A(key: str, label: str, *paras: str, heading: str = "", children: tuple[Point, ...] = ()) -> Point:
        return P(key, label, *paras, heading=heading, kind="article", children=children)

    old = Document("Treaty", ("A", "B"), ("Desiring peace,",), (
        A("first", "I", "Text one.", heading="Purpose"),
        A("second", "II", heading="Scope"),
        A("third", "III", "Para one.", "Para two.", children=(P("t1", "1", "Numbered inside."),)),
        A("fourth", "IV", "Becomes a point."),
        P("tail", "5", "A point after the articles."),
    ), ("In witness whereof.",))
    new = Document("Treaty", ("A", "B", "C"), ("Desiring peace,", "Recalling the Charter,"), (
        A("zero", "I", "A new first article.", heading="New"),
        A("first", "II", "Text one.\tWith a tab & <angle> \"quotes\"."),
        A("second", "III", "Now has a body.", heading="Scope"),
        A("third", "IV", "Para one.", children=(P("t1", "1", "Numbered inside, changed."),)),
        P("fourth", "5", "Becomes a point."),
    ), ())
    return old, new


def edges_last(deleted: bool) -> tuple[Document, Document]:
    """The document's final paragraph mark: the last point deleted, or a point added last."""
    short = Document("Plan", points=(P("a", "1", "Alpha."), P("b", "2", "Beta.", "Beta two.")))
    longer = replace(short, points=(*short.points, P("c", "3", "Gamma.", heading="Last")))
    return (longer, short) if deleted else (short, longer)


def last_sub_deleted() -> tuple[Document, Document]:
    """Regression (28 -> 20-point redline): the last sub-point deleted and a point added after it.
    Both were run into one paragraph, so rejecting gave the sub-point the point style."""
    subs = (P("ba", "a", "The first sub-point stays;", kind="sub"),
            P("bb", "b", "the second sub-point goes.", kind="sub"))
    old = Document("Plan", points=(P("a", "1", "Alpha."), P("b", "2", "Beta:", children=subs)))
    new = Document("Plan", points=(P("a", "1", "Alpha."), P("b", "2", "Beta:", children=subs[:1]),
                                   P("c", "3", "A point added at the end.")))
    return old, new


def closing_for_paragraph() -> tuple[Document, Document]:
    """Regression: a plain last paragraph that the new text has as its closing line. Rejecting
    gave the old paragraph the closing style."""
    old = Document("Plan", points=(P("a", "1", "Alpha."), P("@p", "", "Done in two copies.", kind="para")))
    return old, replace(old, points=old.points[:1], closing=("Done in two copies.",))


def emptied() -> tuple[Document, Document]:
    old, _ = edges_last(True)
    return old, Document()


def plain_paragraphs() -> tuple[Document, Document]:
    """Unnumbered paragraphs (kind "para"), line breaks, an XML-illegal control character."""
    old = Document("", points=(P("@p1", "", "First line\nsecond line.", kind="para"),
                               P("@p2", "", "Page\x0cbreak & more.", kind="para")))
    new = Document("", points=(P("@p1", "", "First line\nsecond, changed line.", kind="para"),
                               P("@p3", "", "", kind="para"), P("@p2", "", "Page\x0cbreak & more.", kind="para")))
    return old, new


def numbering_added() -> tuple[Document, Document]:
    """Unnumbered paragraphs that become numbered points: the number and the style change."""
    old = Document("Plan", points=(P("@p1", "", "Ceasefire now.", "Then talks.", kind="para"),
                                   P("@p2", "", "Elections later.", kind="para")))
    new = Document("Plan", points=(P("@p1", "1", "Ceasefire now.", "Then talks."),
                                   P("@p2", "", "Elections later.", kind="para")))
    return old, new


CASES = {
    "plan": ((plan(), plan(True)), {"moved", "renumbered", "changed", "inserted", "deleted"}),
    "split-merge": (split_merge(), {"split", "merged", "same", "renumbered"}),
    "articles": (articles(), {"inserted", "changed", "deleted"}),
    "last-deleted": (edges_last(True), {"deleted"}),
    "last-inserted": (edges_last(False), {"inserted"}),
    "emptied": (emptied(), {"deleted"}),
    "last-sub-deleted": (last_sub_deleted(), {"deleted", "inserted"}),
    "closing-for-paragraph": (closing_for_paragraph(), {"deleted"}),
    "plain": (plain_paragraphs(), {"changed", "inserted"}),
    "numbering-added": (numbering_added(), {"renumbered", "same"}),
}


def corpus_pairs() -> dict[str, tuple[Document, Document]]:
    from drafting.readers.text import read_text

    def read(name: str) -> Document:
        return read_text((CORPUS / name).read_text(encoding="utf-8"), source=name)

    nat = read("north-atlantic-treaty-1949.txt")
    five = next(i for i, p in enumerate(nat.points) if p.label in ("5", "V"))
    moved = replace(nat, points=(*nat.points[:five], *nat.points[five + 1:], nat.points[five]))
    return {"nat-article-5-last": (nat, moved),
            "us-rok": (read("us-rok-mdt-rok-draft-1953-07.txt"), read("us-rok-mutual-defense-treaty-1953.txt")),
            "plan-vs-europe": (read("plan-28-point-2025-11-afp.txt"), read("plan-europe-counterproposal-2025-11-23.txt")),
            "budapest": (read("budapest-memorandum-1994.txt"), read("budapest-memorandum-1994-worldjpn.txt"))}


CORPUS_CASES = ["nat-article-5-last", "us-rok", "plan-vs-europe", "budapest"]


def pair_named(name: str) -> tuple[Document, Document]:
    """A hand-built pair by name, or a corpus pair (skipping when the corpus is absent)."""
    if name in CASES:
        return CASES[name][0]
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus not found")
    return corpus_pairs()[name]


# --- drafts ----------------------------------------------------------------------------------

def test_draft_paragraphs_use_the_treaty_styles() -> None:
    data = document(plan())
    styles = etree.fromstring(parts(data)["word/styles.xml"])
    names = {s.get(f"{W}styleId"): s.find(f"{W}name").get(f"{W}val") for s in styles.iter(f"{W}style")}
    used = [p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") for p in body(data).iter(f"{W}p")]
    assert set(used) <= set(names)
    assert [names[u] for u in used] == [
        "Title", "Treaty Parties", "Treaty Parties", "Treaty Parties", "Treaty Preamble",
        "Treaty Point", "Treaty Point", "Treaty Point Text", "Treaty Sub-point", "Treaty Sub-point",
        "Treaty Point", "Treaty Point", "Treaty Point", "Treaty Closing"]
    assert paragraphs(data, "none")[5:8] == [
        "1.\tSovereignty. The sovereignty of Ukraine will be confirmed.",
        "2.\tArmed forces. The armed forces of Ukraine will be limited to 600,000 personnel.",
        "Second paragraph."]
    bold = [t.text for t in body(data).iter(f"{W}t") if t.getparent().find(f"{W}rPr/{W}b") is not None]
    assert bold == ["Sovereignty.", "Armed forces.", "Amnesty.", "Elections."]


def test_articles_get_a_heading_line_and_a_title_line() -> None:
    old, _ = articles()
    assert paragraphs(document(old), "none")[4:9] == ["Article I", "Purpose", "Text one.", "Article II", "Scope"]


def test_draft_header_footer_and_properties() -> None:
    files = parts(document(plan(True)))
    header = b"".join(v for k, v in files.items() if k.startswith("word/header"))
    footer = b"".join(v for k, v in files.items() if k.startswith("word/footer"))
    assert b"DRAFT, NOT AGREED; version v2, 2025-11-20" in header
    assert b" PAGE " in footer and b" NUMPAGES " in footer and b"Page " in footer
    core = files["docProps/core.xml"].decode()
    assert "<dc:title>Peace Plan (revised)</dc:title>" in core
    assert "<cp:version>v2</cp:version>" in core and "2025-11-20T00:00:00Z" in core
    assert "docProps/thumbnail.jpeg" not in files


def test_same_draft_gives_the_same_bytes() -> None:
    assert document(plan(), comments=True) == document(plan(), comments=True)
    assert redline(diff(plan(), plan(True)), date=DATE) == redline(diff(plan(), plan(True)), date=DATE)


def test_comments_carry_clause_and_version() -> None:
    doc = plan()
    clauses = (("clause", "ceasefire.immediate"), ("version", "3"))
    doc = replace(doc, points=(replace(doc.points[0], meta=clauses), *doc.points[1:]))
    data = document(doc, comments=True)
    comments = etree.fromstring(parts(data)["word/comments.xml"])
    texts = {c.get(f"{W}id"): "".join(t.text for t in c.iter(f"{W}t")) for c in comments.iter(f"{W}comment")}
    assert sorted(texts.values()) == sorted(["clause ceasefire.immediate, version 3", "key army",
                                             "key nato", "key amnesty", "key vote"])
    root = body(data)
    for tag in ("commentRangeStart", "commentRangeEnd", "commentReference"):
        assert sorted(el.get(f"{W}id") for el in root.iter(f"{W}{tag}")) == sorted(texts)
    assert paragraphs(data, "none") == paragraphs(document(doc), "none")
    assert "word/comments.xml" not in parts(document(doc))


def test_registry_finds_the_docx_writers() -> None:
    assert document_writer("docx") is document and redline_writer("docx") is redline


# --- redlines: the XML ---------------------------------------------------------------------

@pytest.mark.parametrize("name", list(CASES))
def test_redline_accepts_to_new_and_rejects_to_old(name: str) -> None:
    (old, new), expected = CASES[name]
    rl = diff(old, new)
    assert expected <= statuses(rl.points), "the pair no longer exercises what it is for"
    same_sides(rl, old, new)


def test_a_deleted_last_sub_point_and_an_added_last_point_keep_their_paragraphs() -> None:
    """Regression: the redline of the 28-point plan to the 20-point plan ran an added last point
    into the paragraph of a deleted last sub-point; rejecting gave the sub-point the point style."""
    old, new = last_sub_deleted()
    data = same_sides(diff(old, new), old, new)
    texts = [run_text(p, set()) for p in body(data).iter(f"{W}p")]
    assert "(b)\tthe second sub-point goes." in texts and "3.\tA point added at the end." in texts
    assert styled(data, "reject")[-1] == ("TreatySubpoint", "(b)\tthe second sub-point goes.")


def test_the_shipped_plans_redline_exactly() -> None:
    old, new = plan_28_20()
    same_sides(diff(old, new), old, new)


def test_redline_marks_each_kind_of_change() -> None:
    data = redline(diff(plan(), plan(True)), author="Legal Adviser", date=DATE, cover=False)
    kinds = check_revisions(data, author="Legal Adviser")
    assert kinds["moveFrom"] and kinds["moveTo"] and kinds["ins"] and kinds["del"]
    root = body(data)
    deleted = [t.text for t in root.iter(f"{W}delText")]
    inserted = [t.text for ins in root.iter(f"{W}ins") for t in ins.iter(f"{W}t")]
    assert "600,000" in deleted and "800,000" in inserted
    # "Sovereignty" went from 1 to 2: the number alone changes, the full stop and tab stay.
    sov = next(p for p in root.iter(f"{W}p") if "Sovereignty" in run_text(p, set()))
    assert [local(el.tag) for el in sov if el.tag != f"{W}pPr"][:3] == ["del", "ins", "r"]
    assert run_text(sov, {"ins"}).startswith("1.\t") and run_text(sov, {"del"}).startswith("2.\t")
    # The inserted point's paragraph mark is tracked; so is the deleted point's.
    marks = Counter(local(m.tag) for m in root.iter(f"{W}rPr") if m.getparent().tag == f"{W}pPr" for m in m)
    assert marks["ins"] >= 2 and marks["del"] >= 1 and marks["moveFrom"] and marks["moveTo"]


def test_moved_point_leaves_its_copy_where_it_stood() -> None:
    old = Document("T", points=tuple(P(k, str(i + 1), f"Point {k}.") for i, k in enumerate("abcde")))
    moved = (old.points[1], old.points[2], old.points[3], old.points[0], old.points[4])
    new = replace(old, points=tuple(replace(p, label=str(i + 1)) for i, p in enumerate(moved)))
    data = redline(diff(old, new), date=DATE, cover=False)
    check_revisions(data)
    order = []
    for p in body(data).iter(f"{W}p"):
        tag = next((local(el.tag) for el in p if local(el.tag) in ("moveFrom", "moveTo")), "")
        order.append(f"{tag}:{run_text(p, set())}".strip(":"))
    assert [text.replace("\t", " ") for text in order[1:]] == [
        "moveFrom:1. Point a.", "21. Point b.", "32. Point c.", "43. Point d.", "moveTo:4. Point a.", "5. Point e."]


def test_a_number_that_appears_is_a_tracked_style_change() -> None:
    data = redline(diff(*numbering_added()), date=DATE, cover=False)
    check_revisions(data)
    changes = [(p.find(f"{W}pPr/{W}pStyle").get(f"{W}val"),
                p.find(f"{W}pPr/{W}pPrChange/{W}pPr/{W}pStyle").get(f"{W}val"))
               for p in body(data).iter(f"{W}p") if p.find(f"{W}pPr/{W}pPrChange") is not None]
    assert changes == [("TreatyPoint", "TreatyParagraph"), ("TreatyPointText", "TreatyParagraph")]


def test_redline_date_defaults_to_now_in_utc() -> None:
    before = datetime.now(timezone.utc).replace(microsecond=0)
    data = redline(diff(plan(), plan(True)), cover=False)
    stamps = {el.get(f"{W}date") for el in body(data).iter(f"{W}ins")}
    assert len(stamps) == 1
    stamp = stamps.pop()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", stamp)
    assert 0 <= (datetime.fromisoformat(stamp.replace("Z", "+00:00")) - before).total_seconds() < 120


@pytest.mark.parametrize(("given_date", "stamp"), [("2026-11-25", "2026-11-25T00:00:00Z"),
                                                   ("2026-11-25T16:00:00+02:00", "2026-11-25T14:00:00Z")])
def test_redline_date_is_normalised_to_utc(given_date: str, stamp: str) -> None:
    check_revisions(redline(diff(plan(), plan(True)), date=given_date), date=stamp)


def test_a_bad_date_is_the_users_mistake() -> None:
    with pytest.raises(DraftingError, match="ISO 8601"):
        redline(diff(plan(), plan(True)), date="25 Nov")


def _cells(data: bytes) -> dict[str, str]:
    rows = body(data).find(f"{W}tbl").findall(f"{W}tr")
    return {"".join(r[0].itertext()): "".join(r[1].itertext()) for r in rows}


def test_cover_table_counts_match_the_summary() -> None:
    rl = diff(plan(), plan(True))
    s = summarize(rl)
    with_cover = redline(rl, date=DATE)
    cells = _cells(with_cover)
    assert cells["Points moved"] == str(s.count("moved")) == "1"
    assert cells["Points deleted"] == "1" and cells["Points inserted"] == "1"
    assert cells["Words inserted"] == str(s.words_inserted) and cells["Words deleted"] == str(s.words_deleted)
    assert "version v1" in cells["Old version"] and "version v2" in cells["New version"]
    assert local(body(with_cover)[1].tag) == "tbl"
    assert paragraphs(with_cover, "accept")[2:] == paragraphs(document(plan(True)), "none")
    only = redline(rl, date=DATE, summary_only=True)
    assert _cells(only) == cells
    assert check_revisions(only) == Counter()


@pytest.mark.parametrize(("make", "edit"), [(documents, edited), (structured, edited_structure)],
                         ids=["points", "chapters"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_generated_redlines_accept_and_reject_exactly(
        make: Callable[[], st.SearchStrategy[Document]],
        edit: Callable[[Document], st.SearchStrategy[Document]], data: st.DataObject) -> None:
    old = data.draw(make())
    new = data.draw(edit(old))
    same_sides(diff(old, new), old, new)


@pytest.mark.corpus
@pytest.mark.parametrize("name", CORPUS_CASES)
def test_corpus_redlines_accept_and_reject_exactly(name: str, corpus: Path) -> None:
    old, new = corpus_pairs()[name]
    kinds = check_revisions(same_sides(diff(old, new), old, new))
    if name == "nat-article-5-last":
        assert kinds["moveFrom"] and kinds["moveTo"]


def assert_schema_valid(outputs: dict[str, bytes], tmp_path: Path) -> None:
    """Each .docx of `outputs` (by file stem) passes the Open XML schema checks."""
    import openxml_audit as audit  # a test dependency: a failed import must fail, not skip
    validator = audit.OpenXmlValidator(max_errors=0)
    for stem, data in outputs.items():
        path = tmp_path / f"{stem}.docx"
        path.write_bytes(data)
        errors = [e for e in validator.validate(str(path)).errors if e.error_type == audit.ValidationErrorType.SCHEMA]
        assert not errors, f"{stem}: " + "; ".join(f"{e.description} at {e.path}" for e in errors[:5])


@pytest.mark.parametrize("name", list(CASES))
def test_outputs_are_schema_valid(name: str, tmp_path: Path) -> None:
    (old, new), _ = CASES[name]
    rl = diff(old, new)
    assert_schema_valid({"old": document(old, comments=True), "new": document(new), "redline": redline(rl, date=DATE),
                         "bare": redline(rl, date=DATE, cover=False),
                         "summary": redline(rl, date=DATE, summary_only=True)}, tmp_path)


# --- LibreOffice -----------------------------------------------------------------------------

#: Word's built-in style names as LibreOffice shows them; other names come through as they are.
_LO_NAMES = {"Normal": "Standard"}


def style_names(data: bytes) -> dict[str, str]:
    """Style id -> the name LibreOffice shows for it, from the package's styles part."""
    root = etree.fromstring(parts(data)["word/styles.xml"])
    names = {s.get(f"{W}styleId"): s.find(f"{W}name").get(f"{W}val") for s in root.iter(f"{W}style")}
    return {sid: _LO_NAMES.get(name, name[:1].upper() + name[1:] if name.startswith("heading ") else name)
            for sid, name in names.items()}


def libreoffice_sides(old: Document, new: Document, rl: Redline, tmp_path: Path) -> None:
    """Accept all (reject all) in LibreOffice gives the paragraphs of the new (old) draft as
    LibreOffice reads it: text, style and outline level, paragraph by paragraph."""
    files = {"old": document(old), "new": document(new), "redline": redline(rl, date=DATE, cover=False)}
    for stem, data in files.items():
        (tmp_path / f"{stem}.docx").write_bytes(data)
    old_lo, new_lo, accepted, rejected = lo.paragraphs_of(
        [(tmp_path / "old.docx", "none"), (tmp_path / "new.docx", "none"),
         (tmp_path / "redline.docx", "accept"), (tmp_path / "redline.docx", "reject")])
    assert accepted == new_lo
    assert rejected == old_lo
    names = style_names(files["new"])
    meant = [(names[look.split("+")[0]], text) for look, text in styled(files["new"], "none")]
    assert [(p.style, p.text) for p in new_lo] == meant  # LibreOffice reads the draft as we meant it


def plan_28_20() -> tuple[Document, Document]:
    """The shipped 28-point and 20-point plans, assembled from the repository's library."""
    from drafting.assemble import assemble
    from drafting.library import load_library

    library = load_library(ROOT / "clauses")
    return (assemble("plan-28-point", library, ROOT / "templates"),
            assemble("plan-20-point", library, ROOT / "templates"))


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", [*CASES, "plan-28-20", *CORPUS_CASES])
def test_libreoffice_accepts_to_new_and_rejects_to_old(name: str, tmp_path: Path) -> None:
    lo.require()
    old, new = plan_28_20() if name == "plan-28-20" else pair_named(name)
    libreoffice_sides(old, new, diff(old, new), tmp_path)


@pytest.mark.libreoffice
def test_every_docx_converts_to_pdf(tmp_path: Path) -> None:
    lo.require()
    need(shutil.which("pdfinfo") is not None, "pdfinfo (poppler-utils)")
    rl = diff(plan(), plan(True))
    outputs = {"draft": document(plan()), "draft-comments": document(plan(), comments=True),
               "redline": redline(rl, date=DATE), "redline-bare": redline(rl, date=DATE, cover=False),
               "summary": redline(rl, date=DATE, summary_only=True),
               "articles": redline(diff(*articles()), date=DATE), "empty": document(Document())}
    docs = []
    for stem, data in outputs.items():
        docs.append(tmp_path / f"{stem}.docx")
        docs[-1].write_bytes(data)
    for pdf in lo.to_pdf(docs, tmp_path / "pdf"):
        assert pdf.exists() and pdf.stat().st_size > 0, pdf.name
        assert lo.pdf_pages(pdf) >= 1, pdf.name


# --- insertions touching across an unchanged paragraph mark (a LibreOffice quirk) -------------

def touching() -> list:  # type: ignore[type-arg]
    """Four places where an insertion ends a paragraph and another starts the next one, one for
    each way `untangle` rewrites them: a token borrowed, deletion first, marks swapped, and an
    empty paragraph put between."""
    from drafting.writers.docx._revisions import DEL, EQUAL, INS, Para

    def keep() -> Para:
        return Para("Normal", [(EQUAL, "Keep ", False), (INS, "added", False)])

    return [keep(), Para("Normal", [(INS, "New ", False), (EQUAL, "rest", False)]),
            keep(), Para("Normal", [(INS, "New", False), (DEL, "Old", False), (EQUAL, " rest", False)]),
            keep(), Para("Normal", [(INS, "Whole new", True)], INS), Para("Normal", [(EQUAL, "Tail", False)]),
            keep(), Para("Normal", [(INS, "Only new", False)]), Para("Normal", [(EQUAL, "End", False)])]


def touching_docx(untangled: bool) -> bytes:
    from drafting.writers.docx._parts import Core, package
    from drafting.writers.docx._marks import untangle
    from drafting.writers.docx._revisions import Stream, body_xml

    stream = Stream("treaty-drafting", DATE)
    stream.paras = touching()
    if untangled:
        untangle(stream.paras)
    return package(body_xml(stream), header="", core=Core())


def test_untangle_keeps_both_texts_and_removes_every_contact() -> None:
    before, after = touching_docx(False), touching_docx(True)
    with pytest.raises(AssertionError, match="LibreOffice would join them"):
        check_revisions(before)
    check_revisions(after)
    for mode in ("accept", "reject"):
        assert paragraphs(after, mode) == paragraphs(before, mode)
    assert paragraphs(before, "reject") == ["Keep ", "rest", "Keep ", "Old rest", "Keep ", "Tail", "Keep ", "", "End"]


@pytest.mark.libreoffice
def test_libreoffice_keeps_untangled_insertions_apart(tmp_path: Path) -> None:
    lo.require()
    path = tmp_path / "touching.docx"
    path.write_bytes(touching_docx(True))
    accepted, rejected = lo.paragraphs_of([(path, "accept"), (path, "reject")])
    before = touching_docx(False)
    names = style_names(before)
    for got, mode in ((accepted, "accept"), (rejected, "reject")):
        assert [(p.style, p.text) for p in got] == [(names[look], text) for look, text in styled(before, mode)]
