"""The plain-text / Markdown reader: small inline inputs with their exact trees, then the corpus."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from drafting.errors import DraftingError
from drafting.model import Document, Point, is_derived_key, iter_points
from drafting.readers.text import read_text

NOTE = ("note", "no numbered points found; compared paragraph by paragraph")


def pt(key: str, label: str, kind: str, *paras: str, heading: str = "",
       children: tuple[Point, ...] = ()) -> Point:
    """A point in one line: key, label, kind, then its paragraphs."""
    return Point(key=key, label=label, kind=kind, heading=heading, paragraphs=paras,
                 children=children)


def point(n: str, *paras: str, children: tuple[Point, ...] = ()) -> Point:
    return pt(f"@point-{n}", n, "point", *paras, children=children)


def article(n: str, *paras: str, heading: str = "", children: tuple[Point, ...] = (),
            word: str = "") -> Point:
    return replace(pt(f"@article-{n}", n, "article", *paras, heading=heading, children=children),
                   word=word)


def sub(parent: str, label: str, *paras: str, children: tuple[Point, ...] = ()) -> Point:
    return pt(f"{parent}/{label}", label, "sub", *paras, children=children)


# Each row: an id, the input, and the Document fields it must give (the rest stay empty).
CASES: list[tuple[str, str, dict[str, Any]]] = [
    ("comments-skipped-markdown-title-kept",
     "# source: https://example.org\n# Note: a fragment\n\n# Peace Plan\n\n1. One.\n",
     {"title": "Peace Plan", "points": (point("1", "One."),)}),
    ("capitalised-heading-with-colon-is-not-a-comment",
     "# Memorandum: Security Assurances\n\n1. One.\n",
     {"title": "Memorandum: Security Assurances", "points": (point("1", "One."),)}),
    ("all-caps-title-preamble-points",
     "A FRAMEWORK AGREEMENT\n\nRecalling the past,\n\nHave agreed as follows:\n\n"
     "1. One.\n\n2) Two.\n\n3 . Three.\n",
     {"title": "A FRAMEWORK AGREEMENT",
      "preamble": ("Recalling the past,", "Have agreed as follows:"),
      "points": (point("1", "One."), point("2", "Two."), point("3", "Three."))}),
    ("first-line-recital-is-not-a-title",
     "Welcoming the accession of Ukraine,\n\n1. One.\n",
     {"preamble": ("Welcoming the accession of Ukraine,",), "points": (point("1", "One."),)}),
    ("roman-points",
     "I. First.\n\nII) Second.\n\nIV. Fourth.\n",
     {"points": (point("I", "First."), point("II", "Second."), point("IV", "Fourth."))}),
    ("consecutive-points-without-blank-lines",
     "1. One.\n2. Two,\ncontinued here.\n3. Three.\n",
     {"points": (point("1", "One."), point("2", "Two, continued here."), point("3", "Three."))}),
    ("articles-alone-on-a-line",
     "TREATY\n\nARTICLE I\n\nFirst text.\n\nSecond paragraph.\n\nARTICLE II\n\nMore text.\n",
     {"title": "TREATY",
      "points": (article("I", "First text.", "Second paragraph.", word="ARTICLE"),
                 article("II", "More text.", word="ARTICLE"))}),
    ("articles-with-text-on-the-same-line",
     "Article 1. The Parties shall consult.\n\nARTICLE 2: Each Party may withdraw.\n",
     {"points": (article("1", "The Parties shall consult."),
                 article("2", "Each Party may withdraw.", word="ARTICLE"))}),
    ("article-headings",
     "Article 1 \u2013 Definitions\n\nIn this Treaty, words mean things.\n\n"
     "Article 2\nEntry into Force\n\nThis Treaty enters into force.\n\n"
     "Article 3\n\nFinal provisions\n\nDone well.\n",
     {"points": (article("1", "In this Treaty, words mean things.", heading="Definitions"),
                 article("2", "This Treaty enters into force.", heading="Entry into Force"),
                 article("3", "Done well.", heading="Final provisions"))}),
    ("a-lone-short-line-after-an-article-is-its-text",
     "Article 1\n\nIn order more effect\n",
     {"points": (article("1", "In order more effect"),)}),
    ("markdown-article-headings",
     "# Treaty\n\n## Article 1\n\n### Purpose\n\nText one.\n\n## Article 2: Scope\n\nText two.\n",
     {"title": "Treaty",
      "points": (article("1", "Text one.", heading="Purpose"),
                 article("2", "Text two.", heading="Scope"))}),
    ("article-mentioned-in-text-is-not-an-article",
     "Article 1\n\nAs set out in\nArticle 51 of the Charter, the Parties act.\n",
     {"points": (article("1", "As set out in Article 51 of the Charter, the Parties act."),)}),
    ("sub-point-forms",
     "1. The Parties shall:\na. consult;\nb) act;\n(c) report.\n\n"
     "2. Each Party:\n(1) first;\n(2) second.\n",
     {"points": (point("1", "The Parties shall:", children=(
                     sub("@point-1", "a", "consult;"), sub("@point-1", "b", "act;"),
                     sub("@point-1", "c", "report."))),
                 point("2", "Each Party:", children=(
                     sub("@point-2", "1", "first;"), sub("@point-2", "2", "second."))))}),
    ("roman-sub-points-without-a-space",
     "Article 6\n\nAn armed attack\n\n(i)on the territory;\n\n(ii)on the forces.\n",
     {"points": (article("6", "An armed attack", children=(
         sub("@article-6", "i", "on the territory;"),
         sub("@article-6", "ii", "on the forces."))),)}),
    ("letter-i-in-a-run-of-letters",
     "1. List:\n(g) gee;\n(h) aitch;\n(i) eye;\n(j) jay.\n",
     {"points": (point("1", "List:", children=tuple(
         sub("@point-1", c, w) for c, w in
         (("g", "gee;"), ("h", "aitch;"), ("i", "eye;"), ("j", "jay.")))),)}),
    ("roman-under-a-letter",
     "1. List:\n(a) first:\n(i) one;\n(ii) two;\n(b) second.\n",
     {"points": (point("1", "List:", children=(
         sub("@point-1", "a", "first:", children=(
             sub("@point-1/a", "i", "one;"), sub("@point-1/a", "ii", "two;"))),
         sub("@point-1", "b", "second."))),)}),
    ("numbered-paragraphs-inside-articles",
     "Article 1\n\n1. Each Party shall:\n(a) act.\n\n2. Second.\n\nArticle 2\n\nText.\n",
     {"points": (article("1", children=(
                     pt("@article-1/1", "1", "paragraph", "Each Party shall:", children=(
                         sub("@article-1/1", "a", "act."),)),
                     pt("@article-1/2", "2", "paragraph", "Second."))),
                 article("2", "Text."))}),
    ("decimal-points",
     "1. General.\n1.1 First detail.\n1.2 Second detail.\n2. Next.\n",
     {"points": (point("1", "General.", children=(
                     pt("@point-1/1.1", "1.1", "point", "First detail."),
                     pt("@point-1/1.2", "1.2", "point", "Second detail."))),
                 point("2", "Next."))}),
    ("bullets-inside-a-point",
     "1. Measures:\n- sanctions;\n* tariffs;\n\u2022 embargoes.\n2. Next.\n",
     {"points": (point("1", "Measures:", children=(
                     pt("@point-1/bullet-1", "", "bullet", "sanctions;"),
                     pt("@point-1/bullet-2", "", "bullet", "tariffs;"),
                     pt("@point-1/bullet-3", "", "bullet", "embargoes."))),
                 point("2", "Next."))}),
    ("bullets-are-the-points-when-nothing-is-numbered",
     "Key Principles\n\nThe parties agree:\n\n- Ukraine is sovereign.\n- Peace\n  holds.\n",
     {"title": "Key Principles", "preamble": ("The parties agree:",),
      "points": (pt("@bullet-1", "", "bullet", "Ukraine is sovereign."),
                 pt("@bullet-2", "", "bullet", "Peace holds."))}),
    ("hard-wrapped-lines-are-joined-and-spaces-collapsed",
     "1. The Parties\n   agree  that\tthis\nis one paragraph.\n\n   And   this another.\n",
     {"points": (point("1", "The Parties agree that this is one paragraph.",
                       "And this another."),)}),
    ("lines-ending-in-commas-stay-apart",
     "TREATY\n\nThe Parties to this Treaty,\nReaffirming their desire,\nHave agreed as follows:\n\n"
     "Article 1\n\nText.\n",
     {"title": "TREATY",
      "preamble": ("The Parties to this Treaty,", "Reaffirming their desire,",
                   "Have agreed as follows:"),
      "points": (article("1", "Text."),)}),
    ("a-number-starting-a-wrapped-line-is-not-a-point",
     "1. The Treaty was signed in\n1949. It was amended in\n2. Next.\n",
     {"points": (point("1", "The Treaty was signed in 1949. It was amended in"),
                 point("2", "Next."))}),
    ("a-list-may-start-without-a-colon-in-a-narrow-text",
     "1. It applies to\n(a) land;\n(b) sea.\n",
     {"points": (point("1", "It applies to", children=(
         sub("@point-1", "a", "land;"), sub("@point-1", "b", "sea."))),)}),
    ("a-marker-after-a-line-broken-for-width-is-running-text",
     "1. The Treaty as amended applies to the matters listed in paragraph\n"
     "(a) of the Annex and to nothing else, whatever the Parties may say.\n",
     {"points": (point("1", "The Treaty as amended applies to the matters listed in paragraph "
                       "(a) of the Annex and to nothing else, whatever the Parties may say."),)}),
    ("editors-remarks-are-kept-page-markers-dropped",
     "Recalling the past,\n\n[Page 1360]\n\nHave agreed:\n\n1. One.\n2. Two.\n"
     "(Point 3 is excluded)\n\n- 4 -\n\n4. Four.\n",
     {"preamble": ("Recalling the past,", "Have agreed:"),
      "points": (point("1", "One."), point("2", "Two.", "(Point 3 is excluded)"),
                 point("4", "Four.")),
      "extra": (("note", "2 page marker line(s) such as '[Page 12]' dropped"),)}),
    ("closing-lines-and-the-parties-who-sign",
     "Article 1\n\nText.\n\nIN WITNESS WHEREOF the undersigned have signed.\n\n"
     "For Ukraine:\n\nFor the United States:\n",
     {"points": (article("1", "Text."),), "parties": ("Ukraine", "the United States"),
      "closing": ("IN WITNESS WHEREOF the undersigned have signed.", "For Ukraine:",
                  "For the United States:")}),
    ("done-at-that-is-not-the-end-stays-in-its-point",
     "1. One.\n\nDone at the first meeting, the review continues.\n\n2. Two.\n\n"
     "Done at Geneva, 1 May 2025.\n",
     {"points": (point("1", "One.", "Done at the first meeting, the review continues."),
                 point("2", "Two.")),
      "closing": ("Done at Geneva, 1 May 2025.",)}),
    ("a-sub-point-in-the-preamble-keeps-its-marker",
     "Considering that:\n(a) peace matters;\n\nArticle 1\n\nText.\n",
     {"preamble": ("Considering that:", "(a) peace matters;"), "points": (article("1", "Text."),)}),
    ("duplicate-numbers-get-unique-keys",
     "1. One.\n\n2. Two.\n\n2. Two again.\n",
     {"points": (point("1", "One."), point("2", "Two."),
                 pt("@point-2~2", "2", "point", "Two again."))}),
    ("a-draft-title-is-a-title",
     "DRAFT AGREEMENT ON SECURITY\n\nDRAFT, NOT AGREED\n\n1. One.\n",
     {"title": "DRAFT AGREEMENT ON SECURITY", "status": "draft, not agreed",
      "points": (point("1", "One."),)}),
    ("parties-line",
     "# Security Agreement\n\nParties: Ukraine; the French Republic\n\nRecalling,\n\n1. One.\n",
     {"title": "Security Agreement", "parties": ("Ukraine", "the French Republic"),
      "preamble": ("Recalling,",), "points": (point("1", "One."),)}),
    ("no-numbered-units-paragraph-by-paragraph",
     "JOINT STATEMENT\n\nThe leaders met.\nThey talked.\n\n"
     "## Next steps\n\nThey will meet again.\n",
     {"title": "JOINT STATEMENT",
      "points": (pt("@para-1", "", "para", "The leaders met."),
                 pt("@para-2", "", "para", "They talked."),
                 pt("@para-3", "", "para", "Next steps"),
                 pt("@para-4", "", "para", "They will meet again.")),
      "extra": (NOTE,)}),
    ("odd-line-breaks-never-reach-a-paragraph",
     "1. One\u2029two\u2028three\r\nfour\x85five.\n",
     {"points": (point("1", "One two three four five."),)}),
    ("our-markdown-drafts-read-back",
     "<!-- treaty-drafting: version=v2; date=2025-12-01; status=draft, not agreed; hash=ab -->\n\n"
     "# Framework Agreement\n\n*DRAFT, NOT AGREED; version v2, 2025-12-01*\n\n"
     "Parties: Ukraine; the United States of America\n\nRecognising the need for peace,\n\n"
     "## Article 1: Purpose and Scope\n\nThe Parties establish a framework.\n\n"
     "1. **Consultation.** Each Party shall consult.\n\n   A second paragraph.\n\n"
     "   (a) in a crisis;\n\n       (i) at once;\n\n   (b) otherwise.\n\n"
     "## Article 2\n\nText of two.\n\nDone at Paris, 1 December 2025.\n",
     {"title": "Framework Agreement", "parties": ("Ukraine", "the United States of America"),
      "preamble": ("Recognising the need for peace,",),
      "points": (article("1", "The Parties establish a framework.", heading="Purpose and Scope",
                         children=(pt("@article-1/1", "1", "paragraph", "Each Party shall consult.",
                                      "A second paragraph.", heading="Consultation", children=(
                                          sub("@article-1/1", "a", "in a crisis;", children=(
                                              sub("@article-1/1/a", "i", "at once;"),)),
                                          sub("@article-1/1", "b", "otherwise."))),)),
                 article("2", "Text of two.")),
      "closing": ("Done at Paris, 1 December 2025.",),
      "version": "v2", "date": "2025-12-01", "status": "draft, not agreed"}),
    ("our-plain-text-drafts-read-back",
     "Framework Agreement\n\nDRAFT, NOT AGREED; version v2, 2025-12-01\n\n"
     "Parties: Ukraine; the United States of America\n\n"
     "Article 1\nPurpose and Scope\n\n"
     "The Parties establish a framework for guarantees. The Parties establish a\n"
     "framework for guarantees.\n\n"
     "1. Each Party shall consult.\n\n   (a) in a crisis;\n\n   (b) otherwise.\n",
     {"title": "Framework Agreement", "parties": ("Ukraine", "the United States of America"),
      "points": (article("1", "The Parties establish a framework for guarantees. The Parties "
                         "establish a framework for guarantees.", heading="Purpose and Scope",
                         children=(pt("@article-1/1", "1", "paragraph", "Each Party shall consult.",
                                      children=(sub("@article-1/1", "a", "in a crisis;"),
                                                sub("@article-1/1", "b", "otherwise."))),)),),
      "version": "v2", "date": "2025-12-01", "status": "draft, not agreed"}),
]

META_FIELDS = ("version", "date", "status", "extra")


@pytest.mark.parametrize(("text", "want"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_reads_the_exact_tree(text: str, want: dict[str, Any]) -> None:
    doc = read_text(text, source="in.txt")
    got = {"title": doc.title, "parties": doc.parties, "preamble": doc.preamble,
           "points": doc.points, "closing": doc.closing,
           **{name: getattr(doc.meta, name) for name in META_FIELDS}}
    blank = Document()
    expected = {"title": "", "parties": (), "preamble": (), "points": (), "closing": (),
                **{name: getattr(blank.meta, name) for name in META_FIELDS}, **want}
    assert got == expected
    assert doc.meta.source == "in.txt"


@pytest.mark.parametrize("text", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_paragraphs_are_single_lines_and_keys_derived_and_unique(text: str) -> None:
    doc = read_text(text)
    points = iter_points(doc.points)
    keys = [p.key for p in points]
    assert len(keys) == len(set(keys))
    assert all(is_derived_key(k) for k in keys)
    texts = [doc.title, *doc.parties, *doc.preamble, *doc.closing]
    texts += [t for p in points for t in (p.heading, *p.paragraphs)]
    for t in texts:
        assert "\n" not in t and "\u2029" not in t and t == t.strip() and "  " not in t


@pytest.mark.parametrize("text", ["", "   \n\n\t\n", "# source: somewhere\n# note: nothing\n\n"])
def test_an_empty_text_is_a_user_error(text: str) -> None:
    with pytest.raises(DraftingError) as info:
        read_text(text, source="plan.txt")
    assert info.value.message == "the document is empty"
    assert info.value.path == "plan.txt"
    assert info.value.hint


def test_an_empty_text_without_a_source_names_no_path() -> None:
    with pytest.raises(DraftingError) as info:
        read_text("")
    assert info.value.path is None


def test_a_long_text_reads_whole() -> None:
    """A 250,000-word text comes back whole (its timing belongs in bench/, not in CI)."""
    para = "The Parties shall consult together whenever the security of any Party is threatened."
    block = f"Article {{n}}\n\n{para} {para}\n\n1. {para}\n(a) {para}\n(b) {para}\n\n"
    doc = read_text("".join(block.format(n=n) for n in range(1, 1800)))
    assert [p.label for p in doc.points] == [str(n) for n in range(1, 1800)]
    assert all([c.key for c in iter_points(p.children)] == [
        f"@article-{p.label}/1", f"@article-{p.label}/1/a", f"@article-{p.label}/1/b"]
        for p in doc.points)


# --- the published corpus ---------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_dir() -> Path:
    found = Path(__file__).resolve().parents[3] / "shared" / "corpus"
    if not found.is_dir():
        pytest.skip("corpus not found")
    return found


def read(corpus_dir: Path, name: str) -> Document:
    path = corpus_dir / name
    return read_text(path.read_text(encoding="utf-8"), source=str(path))


@pytest.mark.corpus
def test_north_atlantic_treaty(corpus_dir: Path) -> None:
    doc = read(corpus_dir, "north-atlantic-treaty-1949.txt")
    assert doc.title == "NORTH ATLANTIC TREATY"
    assert len(doc.preamble) == 1
    assert doc.preamble[0].startswith("The Parties to this Treaty reaffirm their faith")
    assert doc.preamble[0].endswith("They therefore agree to this North Atlantic Treaty:")
    assert [p.label for p in doc.points] == [str(n) for n in range(1, 15)]
    assert {p.kind for p in doc.points} == {"article"}
    assert all(p.heading == "" and len(p.paragraphs) == 1 for p in doc.points)
    art6 = doc.points[5]
    assert art6.paragraphs[0].startswith("For the purpose of Article 5, an armed attack")
    assert [(c.label, c.kind, c.key) for c in art6.children] == [
        ("i", "sub", "@article-6/i"), ("ii", "sub", "@article-6/ii")]
    assert art6.children[0].paragraphs[0].startswith("on the territory of any of the Parties")
    assert art6.children[1].paragraphs[0].startswith("on the forces, vessels or aircraft")
    assert all(not p.children for p in doc.points if p.label != "6")
    assert doc.closing == ("In witness whereof, the undersigned plenipotentiaries have signed "
                           "this Treaty.Done at Washington, the fourth day of April, 1949.",)
    assert not any(line.startswith("# ") for line in (doc.title, *doc.preamble))


@pytest.mark.corpus
def test_plan_28_points_afp(corpus_dir: Path) -> None:
    doc = read(corpus_dir, "plan-28-point-2025-11-afp.txt")
    assert doc.title == "" and doc.preamble == () and doc.closing == ()
    assert [p.label for p in doc.points] == [str(n) for n in range(1, 11)]
    assert doc.points[0].paragraphs == ("Ukraine\u2019s sovereignty will be confirmed.",)
    assert len(doc.points[9].paragraphs) == 2  # the cut-off last paragraph stays in point 10
    assert doc.points[9].paragraphs[1].startswith("If Russia invades Ukraine")


@pytest.mark.corpus
def test_european_counterproposal(corpus_dir: Path) -> None:
    doc = read(corpus_dir, "plan-europe-counterproposal-2025-11-23.txt")
    assert [p.label for p in doc.points] == ["1", "2", *(str(n) for n in range(4, 13))]
    assert doc.points[1].paragraphs[1].startswith("(Point 3 of the American plan is excluded.")
    ten = doc.points[8]
    assert [(c.key, c.kind) for c in ten.children] == [
        ("@point-10/a", "sub"), ("@point-10/b", "sub"), ("@point-10/c", "sub")]


@pytest.mark.corpus
def test_us_rok_draft(corpus_dir: Path) -> None:
    doc = read(corpus_dir, "us-rok-mdt-rok-draft-1953-07.txt")
    assert doc.title == ("Republic of Korea Draft of Mutual Defense Treaty Between the "
                         "United States and the Republic of Korea")
    recitals = ("The ROK and USA, the parties", "Remembering", "Recalling", "Desiring to declare",
                "Desiring further", "Agreeing")
    assert doc.preamble[0] == "secret priority"  # FRUS markers, one wrapped paragraph
    assert len(doc.preamble) == 8
    assert all(got.startswith(want) for got, want in zip(doc.preamble[1:7], recitals, strict=True))
    assert doc.preamble[7:] == ("Have agreed as follows:",)  # "[Page 1360]" dropped, with a note
    assert doc.meta.extra == (("note", "1 page marker line(s) such as '[Page 12]' dropped"),)
    assert doc.parties == ("the United States", "the Republic of Korea")
    assert [(p.label, p.kind) for p in doc.points] == [
        ("I", "article"), ("II", "article"), ("III", "article")]
    assert doc.points[1].paragraphs[0].endswith("northward to Yalu and Tumen Rivers.")
    assert doc.points[2].paragraphs == ("In order more effect",)
    assert doc.points[2].heading == ""


@pytest.mark.corpus
def test_us_rok_signed_treaty(corpus_dir: Path) -> None:
    doc = read(corpus_dir, "us-rok-mutual-defense-treaty-1953.txt")
    assert doc.title == ("MUTUAL DEFENSE TREATY BETWEEN THE REPUBLIC OF KOREA AND THE "
                         "UNITED STATES OF AMERICA")
    assert doc.closing[:2] == ("Signed at Washington October 1, 1953",  # datelines: the closing
                               "Entered into force November 18, 1954")
    assert doc.parties == ("the Republic of Korea", "the United States of America")
    assert doc.preamble == (
        "The Parties to this Treaty,",
        "Reaffirming their desire to live in peace with all governments, and desiring to "
        "strengthen the fabric of peace in the Pacific area,",
        doc.preamble[2], doc.preamble[3], "Have agreed as follows:")
    assert doc.preamble[2].startswith("Desiring to declare publicly")
    assert doc.preamble[3].startswith("Desiring further")
    assert [p.label for p in doc.points] == ["1", "2", "3"]


@pytest.mark.corpus
def test_budapest_memorandum(corpus_dir: Path) -> None:
    doc = read(corpus_dir, "budapest-memorandum-1994.txt")
    assert doc.title == ""
    assert [p.split(" ")[0] for p in doc.preamble] == ["Welcoming", "Taking", "Noting", "Confirm"]
    assert doc.preamble[3] == "Confirm the following:"
    assert [p.label for p in doc.points] == ["1", "2", "3", "4"]
    assert doc.points[3].paragraphs[0].endswith("if Uk")


@pytest.mark.corpus
def test_budapest_memorandum_other_wording(corpus_dir: Path) -> None:
    doc = read(corpus_dir, "budapest-memorandum-1994-worldjpn.txt")
    assert doc.title.startswith("Memorandum on security assurances in connection with Ukraine")
    assert doc.title.endswith("(Budapest Memorandum on Security Assurances)")
    assert doc.preamble[0].startswith("Ukraine, the Russian Federation, the United Kingdom")
    assert [p.split(" ")[0] for p in doc.preamble[1:]] == [
        "Welcoming", "Taking", "Noting", "Confirm"]
    assert [p.label for p in doc.points] == ["1", "2", "3"]


@pytest.mark.corpus
def test_every_corpus_text_reads_with_numbered_units(corpus_dir: Path) -> None:
    for path in sorted(corpus_dir.glob("*.txt")):
        doc = read(corpus_dir, path.name)
        assert doc.points, path.name
        assert all(k == "note" and "page marker" in v for k, v in doc.meta.extra), path.name
        assert all(p.kind in ("article", "point") for p in doc.points), path.name
        assert doc.meta.source == str(path)


def test_plans_longer_than_999_points_keep_their_numbers() -> None:
    text = "TITLE\n\n" + "\n\n".join(f"{i}. Point {i} of a long plan." for i in range(1, 1203)) + "\n"
    doc = read_text(text)
    assert [p.label for p in doc.points[-3:]] == ["1200", "1201", "1202"]
    assert doc.points[-1].paragraphs == ("Point 1202 of a long plan.",)


def test_a_line_of_a_hundred_thousand_closing_brackets_is_read_in_one_pass() -> None:
    """Found by the fuzzer: a regular expression backtracked through every ']' of such a line
    (minutes for 200 KB). Without a time limit here, a regression shows as a hang in CI."""
    from drafting.readers.text import read_text

    doc = read_text("Title\n\n1. The Parties " + "[" * 100_000 + "]" * 100_000 + ",\n\n2. Second point.\n")
    assert [p.label for p in doc.points] == ["1", "2"]


@pytest.mark.parametrize(("line", "ends"), [
    ("The Parties agree.", True), ("as follows:", True), ("the Parties (the \u201cGuarantors\u201d)", True),
    ("resolution 2202 (2015).\u201d", True), ("see (a)", False), ("[bracketed text]", True),
    ("shall", False), ("", False), ("the text \u00bb", False), ("end.)]\"", True),
])
def test_the_end_of_a_sentence(line: str, ends: bool) -> None:
    from drafting.readers.text._scan import ends_a_sentence

    assert ends_a_sentence(line) is ends
