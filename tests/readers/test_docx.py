"""The Word reader: numbering, tracked changes and tables from tiny packages, then hostile files."""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import docx as python_docx
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from drafting.errors import DraftingError
from drafting.model import Document, Point, iter_points
from drafting.readers import read_bytes
from drafting.readers.docx import _safety, read_docx
from drafting.readers.docx._body import P
from drafting.writers._shared import marker
from tests.conftest import need
from tests.readers.docx_fixtures import (
    CONTENT_TYPES, ROOT_RELS, big_docx, dele, docx, document_xml, ins, lvl, move_from, move_to,
    numbering, p, r, style, styles, table, zip_bomb, zipped,
)
from tests.strategies import documents, edited

ACCEPTED = ("note", "the document has tracked changes; read with all changes accepted")
REJECTED = ("note", "the document has tracked changes; read with all changes rejected")


def shown(doc: Document) -> list[str]:
    """Every unit as a reader sees it: marker, heading, text ("1. text", "(a) text")."""
    return [" ".join(part for part in (marker(pt), pt.heading, pt.body) if part)
            for pt in iter_points(doc.points)]


def python_docx_bytes(*paragraphs: tuple[str, str], title: str = "") -> bytes:
    """A .docx written by python-docx from (style, text) pairs."""
    document = python_docx.Document()
    for style_name, text in paragraphs:
        document.add_paragraph(text, style=style_name or None)
    document.core_properties.title = title
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- text and structure ---------------------------------------------------------------------


def test_literal_numbers_title_style_and_preamble_from_python_docx() -> None:
    data = python_docx_bytes(("Title", "Framework Agreement"), ("", "The Parties agree as follows:"),
                             ("", "1. Ukraine's sovereignty will be confirmed."),
                             ("", "2. Forces are limited to 600,000 personnel."),
                             ("", "(a) within 30 days;"), ("", "(b) under monitoring."))
    doc = read_docx(data, source="plan.docx")
    assert doc.title == "Framework Agreement"
    assert doc.preamble == ("The Parties agree as follows:",)
    assert shown(doc) == ["1. Ukraine's sovereignty will be confirmed.",
                          "2. Forces are limited to 600,000 personnel.",
                          "(a) within 30 days;", "(b) under monitoring."]
    assert [c.key for c in doc.points[1].children] == ["@point-2/a", "@point-2/b"]
    assert doc.meta.source == "plan.docx"
    assert doc.meta.extra == ()


def test_headings_become_articles_and_their_headings() -> None:
    data = python_docx_bytes(("Heading 1", "Article 1"), ("Heading 2", "Collective Defence"),
                             ("", "An attack on one is an attack on all."),
                             ("Heading 1", "Article 2 Consultation"),
                             ("", "The Parties will consult together."))
    doc = read_docx(data)
    assert [(a.kind, a.label, a.heading, a.paragraphs) for a in doc.points] == [
        ("article", "1", "Collective Defence", ("An attack on one is an attack on all.",)),
        ("article", "2", "Consultation", ("The Parties will consult together.",)),
    ]


@pytest.mark.parametrize(("body", "core_title", "want"), [
    (p("Whereas the Parties wish to live in peace,") + p("1. One."), "Core Title", "Core Title"),
    (p("PEACE PLAN") + p("1. One."), "Core Title", "PEACE PLAN"),
    (p("Peace Plan", style="Title") + p("1. One."), "Core Title", "Peace Plan"),
    (p("RESTRICTED") + p("Peace Plan", style="Title") + p("1. One."), "", "Peace Plan"),
], ids=["core-title-as-fallback", "first-line-wins", "title-style-wins", "title-style-moved-up"])
def test_title(body: str, core_title: str, want: str) -> None:
    assert read_docx(docx(body, title=core_title)).title == want


@pytest.mark.parametrize(("runs", "want"), [
    ((r("5.\tTroops"), "<w:r><w:br/><w:t>withdraw</w:t></w:r>"), "5. Troops withdraw"),
    (("1. Non", "<w:r><w:noBreakHyphen/><w:t>aggression.</w:t></w:r>"), "1. Non-aggression."),
    (("1. Visible", r(" hidden", hidden=True), " text."), "1. Visible text."),
    (("1.  Spaces   collapse ", "<w:r><w:tab/><w:tab/></w:r>", " here."), "1. Spaces collapse here."),
    (("1. A ", '<w:hyperlink r:id="x" xmlns:r="urn:r">' + r("linked") + "</w:hyperlink>",
      '<w:sdt><w:sdtContent>' + r(" control") + "</w:sdtContent></w:sdt>", " word."),
     "1. A linked control word."),
    (("1. Field ", '<w:r><w:instrText>PAGE</w:instrText></w:r>', "result."), "1. Field result."),
], ids=["tab-and-break", "non-breaking-hyphen", "hidden-run", "spaces", "wrappers", "field-code"])
def test_run_text(runs: tuple[str, ...], want: str) -> None:
    assert shown(read_docx(docx(p(*runs)))) == [want]


# --- automatic numbering ------------------------------------------------------------------------

DECIMAL = numbering({1: [lvl(0, "decimal", "%1."), lvl(1, "lowerLetter", "(%2)"),
                         lvl(2, "lowerRoman", "(%3)")]}, {1: (1, {}), 2: (1, {0: 5}), 3: (1, {})})
ROMAN = numbering({1: [lvl(0, "upperRoman", "%1."), lvl(1, "lowerLetter", "%2)")]}, {1: (1, {})})
LEGAL = numbering({1: [lvl(0, "decimal", "%1."), lvl(1, "decimal", "%1.%2")]}, {1: (1, {})})
START_3 = numbering({1: [lvl(0, "decimal", "%1.", start=3)]}, {1: (1, {})})
NO_RESTART = numbering({1: [lvl(0, "decimal", "%1."), lvl(1, "lowerLetter", "(%2)", restart=0)]},
                       {1: (1, {})})
BULLETS = numbering({1: [lvl(0, "decimal", "%1."), lvl(1, "bullet", "\uf0b7")]}, {1: (1, {})})
ARTICLES = numbering({1: [lvl(0, "decimal", "Article %1", style="Heading1"),
                          lvl(1, "decimal", "%2.")]}, {1: (1, {})})
STYLED = styles(style("Heading1", "heading 1"), style("ListPoint", "List Point", num=(1, 0)),
                style("ListSub", "List Sub", num=(1, 1)), style("Inherit", "Inherit", based_on="ListPoint"),
                style("Linked", "Linked", num=(1, None)))

NUMBERING_CASES = [
    ("decimal-letters-roman", DECIMAL, "",
     p("First.", num=(1, 0)) + p("sub one;", num=(1, 1)) + p("deeper;", num=(1, 2))
     + p("deeper still;", num=(1, 2)) + p("sub two.", num=(1, 1)) + p("Second.", num=(1, 0)),
     ["1. First.", "(a) sub one;", "(i) deeper;", "(ii) deeper still;", "(b) sub two.",
      "2. Second."]),
    ("lower-levels-restart", DECIMAL, "",
     p("One.", num=(1, 0)) + p("a;", num=(1, 1)) + p("b;", num=(1, 1)) + p("Two.", num=(1, 0))
     + p("again a.", num=(1, 1)),
     ["1. One.", "(a) a;", "(b) b;", "2. Two.", "(a) again a."]),
    ("lvlRestart-0-keeps-counting", NO_RESTART, "",
     p("One.", num=(1, 0)) + p("x;", num=(1, 1)) + p("Two.", num=(1, 0)) + p("y.", num=(1, 1)),
     ["1. One.", "(a) x;", "2. Two.", "(b) y."]),
    ("instances-of-one-list-share-counters", DECIMAL, "",
     p("One.", num=(1, 0)) + p("Two.", num=(3, 0)) + p("Three.", num=(1, 0)),
     ["1. One.", "2. Two.", "3. Three."]),
    ("startOverride-restarts-its-own-instance", DECIMAL, "",
     p("One.", num=(1, 0)) + p("Two.", num=(1, 0)) + p("Five.", num=(2, 0))
     + p("Six.", num=(2, 0)),
     ["1. One.", "2. Two.", "5. Five.", "6. Six."]),
    ("start-value", START_3, "", p("Three.", num=(1, 0)) + p("Four.", num=(1, 0)),
     ["3. Three.", "4. Four."]),
    ("upper-roman-and-bare-letters", ROMAN, "",
     p("First.", num=(1, 0)) + p("alpha;", num=(1, 1)) + p("beta.", num=(1, 1))
     + p("Second.", num=(1, 0)) + p("Third.", num=(1, 0)) + p("Fourth.", num=(1, 0)),
     ["I. First.", "(a) alpha;", "(b) beta.", "II. Second.", "III. Third.", "IV. Fourth."]),
    ("multilevel-decimal", LEGAL, "",
     p("Scope.", num=(1, 0)) + p("Land.", num=(1, 1)) + p("Sea.", num=(1, 1)),
     ["1. Scope.", "1.1. Land.", "1.2. Sea."]),
    ("bullets", BULLETS, "", p("Measures:", num=(1, 0)) + p("sanctions", num=(1, 1))
     + p("monitoring", num=(1, 1)),
     ["1. Measures:", "- sanctions", "- monitoring"]),
    ("numbering-from-the-style", DECIMAL, STYLED,
     p("One.", style="ListPoint") + p("sub;", style="ListSub") + p("Two.", style="Inherit")
     + p("Three.", style="Linked"),
     ["1. One.", "(a) sub;", "2. Two.", "3. Three."]),
    ("own-level-over-the-style", DECIMAL, STYLED,
     p("One.", style="ListPoint") + p("sub.", style="ListPoint", num=(1, 1)),
     ["1. One.", "(a) sub."]),
    ("numId-0-removes-numbering", DECIMAL, STYLED,
     p("One.", style="ListPoint") + p("Plain text.", style="ListPoint", num=(0, 0))
     + p("Two.", style="ListPoint"),
     ["1. One.\u2029Plain text.", "2. Two."]),
    ("article-headings-numbered", ARTICLES, STYLED,
     p("Collective Defence", style="Heading1", num=(1, 0)) + p("Attack on one.", num=(1, 1))
     + p("Consultation", style="Heading1", num=(1, 0)) + p("Consult.", num=(1, 1)),
     ["Article 1 Collective Defence", "1. Attack on one.", "Article 2 Consultation",
      "1. Consult."]),
]


@pytest.mark.parametrize(("numbering_xml", "styles_xml", "body", "want"),
                         [case[1:] for case in NUMBERING_CASES],
                         ids=[case[0] for case in NUMBERING_CASES])
def test_automatic_numbering(numbering_xml: str, styles_xml: str, body: str,
                             want: list[str]) -> None:
    assert shown(read_docx(docx(body, numbering_xml=numbering_xml, styles_xml=styles_xml))) == want


def test_letters_after_z_double_as_word_does() -> None:
    letters = numbering({1: [lvl(0, "decimal", "%1."), lvl(1, "lowerLetter", "(%2)")]},
                        {1: (1, {})})
    body = p("Point.", num=(1, 0)) + "".join(p(f"item {i};", num=(1, 1)) for i in range(1, 29))
    labels = [pt.label for pt in read_docx(docx(body, numbering_xml=letters)).points[0].children]
    assert labels[:3] == ["a", "b", "c"] and labels[25:] == ["z", "aa", "bb"]


def _labels(numbering_xml: str, styles_xml: str, paragraphs: list[tuple[str, str | None, int | None]]
            ) -> list[str]:
    """The numbers `Numbering` gives (style, numId, ilvl) paragraphs in order."""
    from lxml import etree

    from drafting.readers.docx._numbering import Numbering, Styles

    style_set = Styles(etree.fromstring(styles_xml) if styles_xml else None)
    numbers = Numbering(etree.fromstring(numbering_xml), style_set)
    return [numbers.label(*para) for para in paragraphs]


LINKED = numbering({1: [], 2: [lvl(0, "upperRoman", "%1.")]}, {5: (1, {}), 6: (2, {})}).replace(
    '<w:abstractNum w:abstractNumId="1">',
    '<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="LegalList"/>')
LINK_STYLE = styles('<w:style w:type="numbering" w:styleId="LegalList"><w:name w:val="Legal List"/>'
                    '<w:pPr><w:numPr><w:numId w:val="6"/></w:numPr></w:pPr></w:style>'
                    '<w:style w:type="numbering" w:default="1" w:styleId="NoList">'
                    '<w:name w:val="No List"/></w:style>')
LEVEL_OVERRIDE = numbering({1: [lvl(0, "decimal", "%1.")]}, {1: (1, {}), 2: (1, {})}).replace(
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/>',
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0">'
    + lvl(0, "lowerRoman", "(%1)", start=4) + "</w:lvlOverride>")

LABEL_CASES = [
    ("upper-letters", numbering({1: [lvl(0, "upperLetter", "%1.")]}, {1: (1, {})}), "",
     [("", "1", 0)] * 3, ["A.", "B.", "C."]),
    ("zero-padded", numbering({1: [lvl(0, "decimalZero", "%1.", start=9)]}, {1: (1, {})}), "",
     [("", "1", 0)] * 2, ["09.", "10."]),
    ("ordinal", numbering({1: [lvl(0, "ordinal", "%1")]}, {1: (1, {})}), "",
     [("", "1", 0)] * 4, ["1st", "2nd", "3rd", "4th"]),
    ("no-number", numbering({1: [lvl(0, "none", "%1")]}, {1: (1, {})}), "", [("", "1", 0)], [""]),
    ("legal-numbering-shows-digits",
     numbering({1: [lvl(0, "upperRoman", "%1."), lvl(1, "decimal", "%1.%2", legal=True)]},
               {1: (1, {})}), "",
     [("", "1", 0), ("", "1", 1), ("", "1", 0), ("", "1", 1)], ["I.", "1.1", "II.", "2.1"]),
    ("numbering-style-link", LINKED, LINK_STYLE, [("", "5", 0), ("", "6", 0), ("", "5", 0)],
     ["I.", "II.", "III."]),
    ("a-level-replaced-in-one-instance", LEVEL_OVERRIDE, "",
     [("", "1", 0), ("", "2", 0), ("", "2", 0), ("", "1", 0)], ["1.", "(iv)", "(v)", "2."]),
    ("unknown-list-or-level", DECIMAL, "", [("", "99", 0), ("", "1", 7), ("", None, None)],
     ["", "", ""]),
]


@pytest.mark.parametrize(("numbering_xml", "styles_xml", "paragraphs", "want"),
                         [c[1:] for c in LABEL_CASES], ids=[c[0] for c in LABEL_CASES])
def test_number_formats(numbering_xml: str, styles_xml: str,
                        paragraphs: list[tuple[str, str | None, int | None]], want: list[str]) -> None:
    assert _labels(numbering_xml, styles_xml, paragraphs) == want


# --- tables ----------------------------------------------------------------------------------------


def test_a_table_of_points_reads_in_order() -> None:
    body = (p("Annex: the points agreed.")
            + table(("1", "Sovereignty is confirmed."), ("2.", "Forces are limited."),
                    ("(a)", "within 30 days."), ("3", p("Sanctions are lifted.") + p("In stages.")))
            + p("4. After the table."))
    doc = read_docx(docx(body))
    assert doc.preamble == ("Annex: the points agreed.",)
    assert shown(doc) == ["1. Sovereignty is confirmed.", "2. Forces are limited.",
                          "(a) within 30 days.",
                          "3. Sanctions are lifted.\u2029In stages.", "4. After the table."]


def test_a_table_with_numbered_cells_and_text_rows() -> None:
    body = table((p("", num=(1, 0)), "First point."), (p("", num=(1, 0)), "Second point."),
                 ("Closing remark in one cell.",))
    doc = read_docx(docx(body, numbering_xml=DECIMAL))
    assert shown(doc) == ["1. First point.", "2. Second point.\u2029Closing remark in one cell."]


# --- tracked changes -------------------------------------------------------------------------

TRACKED_CASES = [
    ("insert-and-delete",
     p("1. Forces are limited to ", dele("600,000"), ins("800,000"), " personnel."),
     ["1. Forces are limited to 800,000 personnel."],
     ["1. Forces are limited to 600,000 personnel."]),
    ("moved-text",
     p("1. The ", move_from("joint "), "commission reports."),
     ["1. The commission reports."], ["1. The joint commission reports."]),
    ("moved-to-text",
     p("1. The commission ", move_to("jointly "), "reports."),
     ["1. The commission jointly reports."], ["1. The commission reports."]),
    ("deleted-point-with-its-mark",
     p("1. One.") + p(dele("2. Deleted point."), mark="del") + p("3. Three."),
     ["1. One.", "3. Three."], ["1. One.", "2. Deleted point.", "3. Three."]),
    ("inserted-point-with-its-mark",
     p("1. One.") + p(ins("2. New point."), mark="ins") + p("2. Two."),
     ["1. One.", "2. New point.", "2. Two."], ["1. One.", "2. Two."]),
    ("deleted-paragraph-mark-joins-the-next",
     p("1. The first half", mark="del") + p(" and the second half."),
     ["1. The first half and the second half."],
     ["1. The first half\u2029and the second half."]),
    ("inserted-paragraph-mark-splits",
     p("1. One sentence.", ins(" "), mark="ins") + p("2. Then another."),
     ["1. One sentence.", "2. Then another."], ["1. One sentence.2. Then another."]),
    ("moved-point",
     p(move_to("3. Moved here."), mark="moveTo") + p("1. Stays.")
     + p(move_from("3. Moved here."), mark="moveFrom"),
     ["3. Moved here.", "1. Stays."], ["1. Stays.", "3. Moved here."]),
    ("insert-inside-a-deletion-is-gone-both-ways",
     p("1. Text", f'<w:ins w:id="90" w:author="B" w:date="2026-01-01T00:00:00Z">'
       f'{dele(" never")}</w:ins>', " here."),
     ["1. Text here."], ["1. Text here."]),
]


@pytest.mark.parametrize(("body", "accepted", "rejected"), [c[1:] for c in TRACKED_CASES],
                         ids=[c[0] for c in TRACKED_CASES])
def test_tracked_changes(body: str, accepted: list[str], rejected: list[str]) -> None:
    data = docx(body)
    doc = read_docx(data)
    assert [b for d in (doc.preamble, shown(doc)) for b in d] == accepted
    assert doc.meta.extra == (ACCEPTED,)
    old = read_docx(data, rejected=True)
    assert [b for d in (old.preamble, shown(old)) for b in d] == rejected
    assert old.meta.extra == (REJECTED,)


def test_a_deleted_numbered_paragraph_does_not_count() -> None:
    body = (p("One.", num=(1, 0)) + p(dele("Dropped."), num=(1, 0), mark="del")
            + p("Two.", num=(1, 0)))
    data = docx(body, numbering_xml=DECIMAL)
    assert shown(read_docx(data)) == ["1. One.", "2. Two."]
    assert shown(read_docx(data, rejected=True)) == ["1. One.", "2. Dropped.", "3. Two."]


def test_numbering_added_as_a_tracked_property_change() -> None:
    changed = ('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
               '<w:pPrChange w:id="5" w:author="A" w:date="2026-01-01T00:00:00Z"><w:pPr/>'
               "</w:pPrChange></w:pPr>" + r("Now numbered.") + "</w:p>")
    data = docx(p("First.", num=(1, 0)) + changed, numbering_xml=DECIMAL)
    assert shown(read_docx(data)) == ["1. First.", "2. Now numbered."]
    assert shown(read_docx(data, rejected=True)) == ["1. First.\u2029Now numbered."]


def test_table_rows_inserted_and_deleted() -> None:
    rev = 'w:id="7" w:author="A" w:date="2026-01-01T00:00:00Z"'
    body = ("<w:tbl>"
            f"<w:tr><w:tc>{p('1')}</w:tc><w:tc>{p('Kept.')}</w:tc></w:tr>"
            f"<w:tr><w:trPr><w:del {rev}/></w:trPr><w:tc>{p('2')}</w:tc><w:tc>{p(dele('Gone.'))}</w:tc></w:tr>"
            f"<w:tr><w:trPr><w:ins {rev}/></w:trPr><w:tc>{p(ins('2'))}</w:tc><w:tc>{p(ins('New.'))}</w:tc></w:tr>"
            "</w:tbl>")
    data = docx(body)
    assert shown(read_docx(data)) == ["1. Kept.", "2. New."]
    assert shown(read_docx(data, rejected=True)) == ["1. Kept.", "2. Gone."]


def test_no_note_without_revisions() -> None:
    assert read_docx(docx(p("1. One."))).meta.extra == ()


# --- files another program wrote -------------------------------------------------------------

LO_HTML = """<html><body><h1>Framework Agreement</h1><p>The Parties agree as follows:</p>
<ol><li>Sovereignty is confirmed.</li><li>Forces are limited.<ol type="a"><li>within 30 days;</li>
<li>under monitoring.</li></ol></li><li>Sanctions are lifted.</li></ol>
<table><tr><td>4.</td><td>A point in a table.</td></tr></table></body></html>"""
LO_TRACKED = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:body><office:text><text:tracked-changes text:track-changes="true">
<text:changed-region text:id="ct1"><text:insertion><office:change-info><dc:creator>A</dc:creator>
<dc:date>2026-01-01T00:00:00</dc:date></office:change-info></text:insertion></text:changed-region>
<text:changed-region text:id="ct2"><text:deletion><office:change-info><dc:creator>A</dc:creator>
<dc:date>2026-01-01T00:00:00</dc:date></office:change-info><text:p>600,000</text:p></text:deletion>
</text:changed-region></text:tracked-changes>
<text:p>1. Sovereignty is confirmed.</text:p>
<text:p>2. Forces are limited to <text:change text:change-id="ct2"/><text:change-start text:change-id="ct1"/>800,000<text:change-end text:change-id="ct1"/> personnel.</text:p>
</office:text></office:body></office:document>"""


@pytest.mark.libreoffice
def test_files_libreoffice_wrote(tmp_path: Path) -> None:
    """LibreOffice's own numbering.xml and tracked changes, from HTML lists and an .fodt."""
    need(shutil.which("soffice") is not None, "LibreOffice (soffice)")
    (tmp_path / "lists.html").write_text(LO_HTML, encoding="utf-8")
    (tmp_path / "tracked.fodt").write_text(LO_TRACKED, encoding="utf-8")
    profile = tmp_path / "profile"
    run = subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                          "--norestore", "--convert-to", "docx:MS Word 2007 XML", "--outdir",
                          str(tmp_path), str(tmp_path / "lists.html"), str(tmp_path / "tracked.fodt")],
                         capture_output=True, text=True, timeout=240)
    assert run.returncode == 0, run.stderr
    lists = read_docx((tmp_path / "lists.docx").read_bytes())
    assert (lists.title, lists.preamble) == ("Framework Agreement", ("The Parties agree as follows:",))
    assert shown(lists) == ["1. Sovereignty is confirmed.", "2. Forces are limited.",
                            "(a) within 30 days;", "(b) under monitoring.", "3. Sanctions are lifted.",
                            "4. A point in a table."]
    tracked = (tmp_path / "tracked.docx").read_bytes()
    assert shown(read_docx(tracked)) == ["1. Sovereignty is confirmed.",
                                         "2. Forces are limited to 800,000 personnel."]
    assert shown(read_docx(tracked, rejected=True)) == ["1. Sovereignty is confirmed.",
                                                        "2. Forces are limited to 600,000 personnel."]


# --- round trips with the Word writer -------------------------------------------------------------


def _writer() -> object:
    import drafting.writers.docx

    return drafting.writers.docx


def _pt(label: str, text: str, *children: Point, kind: str = "point", heading: str = "") -> Point:
    return Point(key=f"@{kind}-{label}", label=label, kind=kind, heading=heading,
                 paragraphs=(text,), children=children)


OLD = Document(
    title="Peace Plan", parties=("Alpha", "Beta"), preamble=("The Parties agree as follows:",),
    points=(_pt("1", "Sovereignty will be confirmed."),
            _pt("2", "Forces are limited to 600,000 personnel.",
                _pt("a", "within 30 days;", kind="sub"), _pt("b", "under monitoring.", kind="sub")),
            _pt("3", "A point that will be deleted."),
            _pt("4", "A point that will move.", heading="Moves"),
            _pt("5", "Sanctions will be lifted in stages.")),
    closing=("Done at Geneva in two copies.",))
NEW = Document(
    title="Peace Plan", parties=("Alpha", "Beta"), preamble=("The Parties agree as follows:",),
    points=(_pt("1", "A point that will move.", heading="Moves"),
            _pt("2", "Sovereignty will be confirmed."),
            _pt("3", "Forces are limited to 800,000 personnel.",
                _pt("a", "within 30 days;", kind="sub"), _pt("b", "under monitoring.", kind="sub")),
            _pt("4", "An inserted point."),
            _pt("5", "Sanctions will be lifted in stages.")),
    closing=("Done at Geneva in two copies.",))


def _texts(doc: Document) -> list[tuple[str, str, str, tuple[str, ...]]]:
    return [(pt.kind, pt.label, pt.heading, pt.paragraphs) for pt in iter_points(doc.points)]


@pytest.mark.parametrize("doc", [OLD, NEW], ids=["old", "new"])
def test_round_trip_through_the_word_writer(doc: Document) -> None:
    writer = _writer()
    back = read_docx(writer.document(doc))  # type: ignore[attr-defined]
    assert _texts(back) == _texts(doc)
    assert (back.title, back.parties, back.preamble, back.closing) == (
        doc.title, doc.parties, doc.preamble, doc.closing)


def test_a_word_redline_reads_as_the_new_text_accepted_and_the_old_rejected() -> None:
    writer = _writer()
    from drafting.diff import diff

    data = writer.redline(diff(OLD, NEW), date="2026-01-01", cover=False)  # type: ignore[attr-defined]
    assert _texts(read_docx(data)) == _texts(NEW)
    assert _texts(read_docx(data, rejected=True)) == _texts(OLD)
    assert read_docx(data).meta.extra == (ACCEPTED,)


def test_corpus_text_round_trips_through_the_word_writer(corpus: Path) -> None:
    writer = _writer()
    from drafting.readers.text import read_text

    path = corpus / "north-atlantic-treaty-1949.txt"
    doc = read_text(path.read_text(encoding="utf-8"), source=str(path))
    back = read_docx(writer.document(doc))  # type: ignore[attr-defined]
    assert _texts(back) == _texts(doc)
    assert back.title == doc.title and back.preamble == doc.preamble


def _plain(doc: Document) -> Document:
    """A generated document without what plain text cannot tell apart, which the reader goes
    through: "(a)" as a word (a sub-point to the text reader) and a heading with no text."""
    def fix(text: str) -> str:
        return text.replace("(a)", "item")

    def point(pt: Point) -> Point:
        paragraphs = tuple(map(fix, pt.paragraphs)) or (("Text.",) if pt.heading else ())
        return replace(pt, paragraphs=paragraphs, children=tuple(map(point, pt.children)))

    return replace(doc, preamble=tuple(map(fix, doc.preamble)), closing=tuple(map(fix, doc.closing)),
                   points=tuple(map(point, doc.points)))


def _whole(doc: Document, like: Document) -> tuple[object, ...]:
    """What a reader keeps; the title only when `like` has one (else a redline's file title shows)."""
    return (_texts(doc), like.title and doc.title, doc.parties, doc.preamble, doc.closing)


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_generated_documents_and_redlines_round_trip(data: st.DataObject) -> None:
    writer = _writer()
    from drafting.diff import diff

    old = _plain(data.draw(documents()))
    new = _plain(data.draw(edited(old)))
    assume(old.points and new.points)
    assert _whole(read_docx(writer.document(new)), new) == _whole(new, new)  # type: ignore[attr-defined]
    tracked = writer.redline(diff(old, new), date="2026-01-01", cover=False)  # type: ignore[attr-defined]
    assert _whole(read_docx(tracked), new) == _whole(new, new)
    assert _whole(read_docx(tracked, rejected=True), old) == _whole(old, old)


# --- hostile and broken files -------------------------------------------------------------------


def _error(data: bytes, source: str = "agreement.docx") -> DraftingError:
    with pytest.raises(DraftingError) as info:
        read_docx(data, source=source)
    assert info.value.path == source and info.value.hint
    return info.value


def _ole(*streams: str) -> bytes:
    """The start of an OLE compound file naming `streams` in its directory (UTF-16 names)."""
    names = b"".join(name.encode("utf-16-le").ljust(64, b"\0") for name in streams)
    return _safety.OLE_MAGIC + b"\0" * 504 + names + b"\0" * 1024


def _valid() -> bytes:
    return docx(p("Peace Plan", style="Title") + p("1. One.") + p("2. Two."), title="Plan")


def _damaged_crc() -> bytes:
    data = bytearray(_valid())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0xFF
    return bytes(data)


def _many_parts() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("word/document.xml", document_xml(p("1. One.")))
        for i in range(_safety.MAX_ENTRIES - 1):
            z.writestr(f"customXml/item{i}.xml", b"")
    return buffer.getvalue()


def _entity_document(kind: str) -> bytes:
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    if kind == "billion-laughs":
        decls = '<!ENTITY lol "lol">' + "".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
            for i in range(1, 10))
        ref = "&lol9;"
    else:
        decls = '<!ENTITY xxe SYSTEM "file:///etc/passwd">'
        ref = "&xxe;"
    xml = (f'<?xml version="1.0"?><!DOCTYPE w:document [{decls}]><w:document xmlns:w="{ns}">'
           f"<w:body><w:p><w:r><w:t>1. {ref}</w:t></w:r></w:p></w:body></w:document>")
    if kind in ("utf-16", "utf-32"):
        declared = xml.replace('version="1.0"', f'version="1.0" encoding="{kind.upper()}"')
        return docx("", parts={"word/document.xml": declared.encode(kind)})
    if kind == "utf-7":  # "<" written as "+ADw-": no byte pattern to spot, the parsed tree tells
        declared = xml.replace('version="1.0"', 'version="1.0" encoding="UTF-7"')
        head, _, rest = declared.partition("?>")
        prolog, _, body = rest.partition("<w:document")
        prolog = prolog.replace("<", "+ADw-").replace(">", "+AD4-").replace("[", "+AFs-")
        return docx("", parts={"word/document.xml": f"{head}?>{prolog}<w:document{body}"})
    return docx("", parts={"word/document.xml": xml})


ERROR_CASES = [
    ("not-a-zip", lambda: b"Hello, this is plain text saved with a .docx name.\n",
     "named .docx but not a Word file"),
    ("zip-without-a-document", lambda: zipped({"notes.txt": "hello"}),
     "not a Word document"),
    ("excel-workbook", lambda: zipped({"[Content_Types].xml": CONTENT_TYPES, "xl/workbook.xml": "<x/>"}),
     "this is an Excel workbook, not a Word document"),
    ("no-content-types", lambda: zipped({"_rels/.rels": ROOT_RELS, "word/document.xml": document_xml("")}),
     "not a Word document"),
    ("password-protected", lambda: _ole("Root Entry", "EncryptionInfo", "EncryptedPackage"),
     "password-protected"),
    ("old-binary-doc", lambda: _ole("Root Entry", "WordDocument", "1Table"), "old binary Word (.doc)"),
    ("truncated", lambda: _valid()[: len(_valid()) // 2], "damaged"),
    ("bad-crc", _damaged_crc, "damaged"),
    ("malformed-xml", lambda: docx("", parts={"word/document.xml": "<w:document><w:body><w:p>"}),
     "damaged: word/document.xml is not well-formed XML"),
    ("malformed-styles", lambda: docx(p("1. One."), styles_xml="<w:styles"), "damaged"),
    ("billion-laughs", lambda: _entity_document("billion-laughs"), "declares a DOCTYPE or entities"),
    ("external-entity", lambda: _entity_document("xxe"), "declares a DOCTYPE or entities"),
    ("entities-in-utf-16", lambda: _entity_document("utf-16"), "declares a DOCTYPE or entities"),
    ("entities-in-utf-32", lambda: _entity_document("utf-32"), "declares a DOCTYPE or entities"),
    ("entities-in-utf-7", lambda: _entity_document("utf-7"), "declares a DOCTYPE or entities"),
    ("too-many-parts", _many_parts, "10,001 parts"),
    ("strict-open-xml",
     lambda: docx("", parts={"word/document.xml":
                             '<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"/>'}),
     "Strict Open XML"),
]


@pytest.mark.parametrize(("make", "message"), [c[1:] for c in ERROR_CASES],
                         ids=[c[0] for c in ERROR_CASES])
def test_errors(make: Callable[[], bytes], message: str) -> None:
    assert message in _error(make()).message


def test_an_encrypted_docx_is_routed_to_the_password_message() -> None:
    with pytest.raises(DraftingError, match="password-protected"):
        read_bytes(_ole("Root Entry", "EncryptionInfo", "EncryptedPackage"), "secret.docx",
                   suffix=".docx")
    with pytest.raises(DraftingError, match="old binary Word"):
        read_bytes(_ole("Root Entry", "WordDocument"), "old.doc", suffix=".doc")


@pytest.fixture(scope="session")
def bomb() -> bytes:
    """A package whose document.xml inflates to 300 MB of zeros (about 300 KB zipped)."""
    return zip_bomb(300 * 2**20)


def test_a_zip_bomb_is_refused_by_its_declared_size(bomb: bytes) -> None:
    assert len(bomb) < 2 * 2**20
    assert "zip bomb" in _error(bomb).message


def test_a_zip_bomb_that_understates_its_size_is_not_inflated(bomb: bytes) -> None:
    """Headers can lie: the central directory says 1 KB; inflating stops there and the CRC fails."""
    data = bytearray(bomb)
    name = b"word/document.xml"
    at = data.find(b"PK\x01\x02")
    while data[at + 46:at + 46 + len(name)] != name:
        at = data.find(b"PK\x01\x02", at + 1)
    struct.pack_into("<I", data, at + 24, 1024)  # the uncompressed size in the central directory
    assert zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml").file_size == 1024
    error = _error(bytes(data))
    assert "damaged" in error.message and "CRC" in error.message


def test_the_size_limit_holds_while_inflating(monkeypatch: pytest.MonkeyPatch) -> None:
    """The declared sizes passed; the same limit, lowered, stops the streaming read."""
    data = docx(p("1. " + "word " * 50_000))
    package = _safety.Package(data, "agreement.docx")
    monkeypatch.setattr(_safety, "MAX_PART", 64 * 1024)
    with pytest.raises(DraftingError, match="inflates past"):
        package.read("word/document.xml")
    with pytest.raises(DraftingError, match="inflates past"):
        list(package.iterparse("word/document.xml", (P,)))
    monkeypatch.setattr(_safety, "MAX_PART", 2**30)
    monkeypatch.setattr(_safety, "MAX_TOTAL", 300 * 1024)  # the parts declare about 250 KB
    package = _safety.Package(data, "agreement.docx")
    package.read("word/document.xml")
    with pytest.raises(DraftingError, match="in all"):
        package.read("word/document.xml")


def test_a_ratio_bomb_is_refused(monkeypatch: pytest.MonkeyPatch, bomb: bytes) -> None:
    monkeypatch.setattr(_safety, "MAX_PART", 2**40)
    monkeypatch.setattr(_safety, "MAX_TOTAL", 2**40)
    assert "compresses" in _error(bomb).message


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cut=st.integers(0, 4000), flips=st.lists(st.tuples(st.integers(0, 4000), st.integers(1, 255)),
                                                  max_size=3))
def test_damaged_bytes_give_a_document_or_a_drafting_error(cut: int, flips: list[tuple[int, int]]) -> None:
    data = bytearray(_VALID)
    for at, mask in flips:
        if at < len(data):
            data[at] ^= mask
    data = data[: len(data) - cut] if cut else data
    try:
        doc = read_docx(bytes(data), source="fuzz.docx")
    except DraftingError as exc:
        assert exc.path == "fuzz.docx"
    else:
        assert isinstance(doc, Document)


_VALID = _valid()


# --- size --------------------------------------------------------------------------------------


def test_a_long_document_reads_whole() -> None:
    """A generated agreement (the bench uses the same builder with 500,000 words)."""
    data = big_docx(30_000)
    doc = read_docx(data)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert len(doc.points) == xml.count('<w:pStyle w:val="Heading1"/>')
    assert len(iter_points(doc.points)) == xml.count("<w:numPr>")
    assert all(pt.kind == "article" and pt.heading and pt.children for pt in doc.points)
    assert doc.meta.extra == (ACCEPTED,)
