"""The diff on the hierarchy: articles paired across chapters, divisions paired by their units,
numbers compared by value, and the drafts hashed before divisions existed still hashing the same."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from drafting.assemble import assemble
from drafting.diff import accept_all, diff, reject_all, summarize
from drafting.diff.redline import PointDiff, units
from drafting.library import load_library
from drafting.model import Document, Point
from drafting.readers import read_document
from drafting.readers.text import read_text

ROOT = Path(__file__).resolve().parents[2]
PAIRS = ROOT / "tests" / "golden" / "pairs"


def _walk(diffs: tuple[PointDiff, ...]) -> list[PointDiff]:
    return [x for d in diffs for x in (d, *_walk(d.children))]


def art(label: str, text: str) -> Point:
    return Point(key=f"@article-{label}", label=label, kind="article", paragraphs=(text,))


def chapter(label: str, heading: str, *arts: Point) -> Point:
    return Point(key=f"@chapter-{label}", label=label, kind="chapter", heading=heading, children=arts)


TEXTS = dict(enumerate((
    "The Parties establish a joint commission to supervise this Agreement.",
    "Each Party shall notify the other of any armed attack within two days.",
    "Customs duties on originating goods are eliminated on entry into force.",
    "Observers may visit every crossing point along the line of contact.",
    "Disputes are settled by negotiation or, failing that, by arbitration.",
    "Sanctions may be reimposed by the council if a violation is confirmed.",
    "This Agreement enters into force on the date of the last notification.",
    "Financial services are opened to suppliers of both Parties in stages.",
    "Prisoners of war are exchanged on an all-for-all basis.",
), 1))


def treaty(*chapters: Point) -> Document:
    return Document(title="Agreement", points=chapters)


OLD = treaty(chapter("1", "General", art("1", TEXTS[1]), art("2", TEXTS[2]), art("3", TEXTS[3])),
             chapter("2", "Trade", art("4", TEXTS[4]), art("5", TEXTS[5])),
             chapter("3", "Final Provisions", art("6", TEXTS[6]), art("7", TEXTS[7])))


def test_an_article_moved_to_another_chapter_is_one_move() -> None:
    new = treaty(chapter("1", "General", art("1", TEXTS[1]), art("2", TEXTS[3])),
                 chapter("2", "Trade", art("3", TEXTS[4]), art("4", TEXTS[5])),
                 chapter("3", "Final Provisions", art("5", TEXTS[6]), art("6", TEXTS[2]), art("7", TEXTS[7])))
    redline = diff(OLD, new)
    statuses = [(d.status, d.old_label, d.new_label) for d in units(redline.points)]
    assert statuses.count(("moved", "2", "6")) == 1
    assert [s for s, _, _ in statuses if s not in ("same", "renumbered")] == ["moved"]
    moved = next(d for d in units(redline.points) if d.status == "moved")
    assert moved.old_parent == (0,) and moved.new_parent == (2,)
    assert [d.status for d in redline.points] == ["same", "same", "same"]  # the chapters stay
    assert accept_all(redline) == new and reject_all(redline) == OLD


def test_chapters_renamed_renumbered_inserted_and_deleted() -> None:
    new = treaty(chapter("I", "General Rules", art("1", TEXTS[1]), art("2", TEXTS[2]), art("3", TEXTS[3])),
                 chapter("II", "Services", art("4", TEXTS[8])),
                 chapter("III", "Final Provisions", art("5", TEXTS[6]), art("6", TEXTS[7])))
    redline = diff(OLD, new)
    chapters = [(d.status, d.old_label, d.new_label, d.is_division) for d in redline.points]
    assert chapters == [("changed", "1", "I", True), ("deleted", "2", "", True),
                        ("inserted", "", "II", True), ("same", "3", "III", True)]
    assert accept_all(redline) == new and reject_all(redline) == OLD


def test_a_renamed_chapter_whose_articles_all_moved_there_is_that_chapter() -> None:
    new = treaty(chapter("1", "General", art("1", TEXTS[1]), art("2", TEXTS[2]), art("3", TEXTS[3])),
                 chapter("2", "Commerce and Trade", art("4", TEXTS[4]), art("5", TEXTS[5])),
                 chapter("3", "Final Provisions", art("6", TEXTS[6]), art("7", TEXTS[7])))
    second = diff(OLD, new).points[1]
    assert (second.status, second.old_label, second.new_label) == ("changed", "2", "2")
    assert [op for op, _ in second.heading] == [1, 0]


def test_the_same_number_in_two_notations_is_not_a_renumbering() -> None:
    old = Document(points=(art("IV", TEXTS[1]),))
    new = Document(points=(art("4", TEXTS[1]),))
    assert diff(old, new).points[0].status == "same"


def test_a_draft_with_inline_headings_against_the_signed_text_pairs_article_to_article() -> None:
    """Published pair layout: "ARTICLE I The Parties ..." against "Article 1" alone on its line."""
    draft = read_document(PAIRS / "inline-draft-signed" / "draft.txt")
    signed = read_document(PAIRS / "inline-draft-signed" / "signed.txt")
    assert len(draft.points) == len(signed.points) == 11
    redline = diff(draft, signed)
    assert dict(summarize(redline).points) == {"same": 7, "changed": 4}
    assert [(d.old_label, d.new_label) for d in redline.points] == list(zip(
        ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI"],
        [str(n) for n in range(1, 12)], strict=True))


def test_a_two_level_agreement_diffs_and_rebuilds() -> None:
    text = (ROOT / "tests" / "golden" / "layouts" / "two-level" / "input.txt").read_text(encoding="utf-8")
    old = read_text(text)
    new = read_text(text.replace("ARTICLE 1.2\nRelation to other agreements\n\n"
                                 "The Parties affirm their existing rights under other agreements.\n\n", "")
                    .replace("CHAPTER 3\nRULES OF ORIGIN\n\n", "CHAPTER 3\nRULES OF ORIGIN\n\nARTICLE 3.0\n"
                             "Relation to other agreements\n\nThe Parties affirm their existing rights "
                             "under other agreements.\n\n"))
    redline = diff(old, new)
    moved = [d for d in units(redline.points) if d.status == "moved"]
    assert [(d.old_label, d.new_label) for d in moved] == [("1.2", "3.0")]
    assert accept_all(redline) == new and reject_all(redline) == old


@pytest.mark.corpus
def test_the_korean_draft_pairs_with_the_signed_treaty_by_article() -> None:
    corpus = ROOT.parent / "shared" / "corpus"
    if not corpus.is_dir():
        pytest.skip("corpus not found")
    draft = read_document(corpus / "us-rok-mdt-rok-draft-1953-07.txt")
    signed = read_document(corpus / "us-rok-mutual-defense-treaty-1953.txt")
    pairs = {(d.old_label, d.new_label) for d in diff(draft, signed).points if d.old and d.new}
    assert ("I", "1") in pairs


# --- the drafts hashed before divisions existed ------------------------------------------------


@pytest.mark.parametrize("folder", sorted(p.parent for p in (ROOT / "drafts").glob("*/v1.json")),
                         ids=lambda p: p.name)
def test_committed_drafts_load_and_hash_as_recorded(folder: Path) -> None:
    hashes = set()
    for path in sorted(folder.glob("v*.json")):
        doc = read_document(path)  # refused if the hash no longer matched
        assert doc.content_hash == json.loads(path.read_text(encoding="utf-8"))["hash"]
        hashes.add(doc.content_hash)
    assembled = assemble(folder.name, load_library(ROOT / "clauses"), ROOT / "templates")
    assert assembled.content_hash in hashes  # so `make run` again writes nothing


def test_a_new_field_changes_the_hash_only_when_used() -> None:
    doc = Document(points=(art("1", TEXTS[1]),))
    assert replace(doc, points=(replace(doc.points[0], word=""),)).content_hash == doc.content_hash
    assert replace(doc, points=(replace(doc.points[0], word="ARTICLE"),)).content_hash != doc.content_hash


def test_the_first_json_form_is_still_read(tmp_path: Path) -> None:
    data = json.loads((ROOT / "drafts" / "plan-20-point" / "v1.json").read_text(encoding="utf-8"))
    assert data["format"] == "treaty-drafting/document@1"
    assert read_document(ROOT / "drafts" / "plan-20-point" / "v1.json").points
