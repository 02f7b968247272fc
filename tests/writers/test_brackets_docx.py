"""Negotiating text in Word (issue 12): bold brackets and character styles that read back
identical, tables of alternatives that LibreOffice opens, and the redline's bracket changes as
Word comments that leave accept-all and reject-all exact."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from drafting.brackets import parse_take, places, resolve
from drafting.diff import diff
from drafting.diff.redline import AGREED, CHOSEN, BracketChange, PointDiff, Redline
from drafting.errors import DraftingError
from drafting.model import Document, Meta, Point
from drafting.readers import read_document
from drafting.writers.docx import document, redline
from tests import lo
from tests.writers.test_docx import DATE, W, body, check_revisions, libreoffice_sides, parts, plan_28_20, same_sides


def P(key: str, label: str, *paras: str, heading: str = "", kind: str = "point",
      children: tuple[Point, ...] = ()) -> Point:
    return Point(key, label, kind, heading, paras, children)


def every_form() -> Document:
    """A draft with each form of negotiating text: bracketed words (nested, doubled), labelled
    alternatives with a remark, `Option A` / `Option B` paragraphs, proposals as sub-points,
    whole-paragraph alternatives, an editor's brackets and stray ones."""
    return Document(
        title="Framework Agreement on Fisheries",
        parties=("The Republic of Arcadia", "The Kingdom of Borealis"),
        preamble=("Recalling the [relevant] commitments signed on [date],",),
        points=(
            P("a", "1", "Each vessel shall report its catch [Alt 1: within 30 days] [Alt 2: within 90 days]"
                        "[Note: the longer period follows the coastal survey.] of landing.", heading="Reporting"),
            P("b", "2", "The Parties [shall [promptly]] consult the Commission.",
              "[[The Commission may invite observers.]]",
              "The text as received [sic] on [Page 12] continues [...] here. [Deleted.]"),
            P("c", "3", "The quota is set as follows.", "Option A", "The quota is shared equally.",
              "Option B: The quota follows the historical catch.", heading="Quota"),
            P("d", "4", "Disputes are settled as the Parties choose.",
              children=(P("d1", "a", "[Proposal of Arcadia: by arbitration under Annex II.]", kind="sub"),
                        P("d2", "b", "[Proposal of Borealis: by the Joint Committee.]",
                          "[Note: Borealis may accept arbitration later.]", kind="sub"))),
            P("e", "5", "[Arcadia: The agreement lasts ten years.]", "[Borealis: The agreement lasts five years.]"),
            P("f", "6", "A stray ] bracket and an open [ one."),
        ),
        closing=("Done at [place] in two copies [in English and French].",),
        meta=Meta(status="draft, not agreed"),
    )


def resolved() -> Document:
    """`every_form` with Arcadia's alternatives taken and the bracketed words of point 2 agreed."""
    return resolve(every_form(), [parse_take("Arcadia,Alt 1,Option A")], ["2"]).document


def bracket_redline() -> Redline:
    """The redline from `every_form` to `resolved`, with bracket changes and counts put on by hand
    (what the lead's `drafting.diff` will compute)."""
    rl = diff(every_form(), resolved())
    told = {"1": (BracketChange(CHOSEN, "Alt 1"),), "2": (BracketChange(AGREED, text="shall promptly"),),
            "4": (BracketChange(CHOSEN, "Proposal of Arcadia"),)}
    points = tuple(replace(d, brackets=told.get(d.old_label, ())) for d in rl.points)
    return replace(rl, points=points, open_places=(len(places(every_form())), len(places(resolved()))))


def shape(points: tuple[Point, ...]) -> list[tuple[object, ...]]:
    return [(p.label, p.kind, p.heading, p.paragraphs, tuple(shape(p.children))) for p in points]


def texts(doc: Document) -> tuple[object, ...]:
    return doc.title, doc.parties, doc.preamble, shape(doc.points), doc.closing


def runs(data: bytes) -> list[tuple[str, str, bool]]:
    """Every run of the body: (character style id or "", text, bold)."""
    out = []
    for r in body(data).iter(f"{W}r"):
        style = r.find(f"{W}rPr/{W}rStyle")
        text = "".join(t.text or "" for t in r.iter(f"{W}t"))
        out.append((style.get(f"{W}val") if style is not None else "", text, r.find(f"{W}rPr/{W}b") is not None))
    return out


def test_the_three_character_styles_are_defined_for_restyling() -> None:
    styles = etree.fromstring(parts(document(every_form()))["word/styles.xml"])
    found = {s.find(f"{W}name").get(f"{W}val"): (s.get(f"{W}type"), s.get(f"{W}styleId"))
             for s in styles.iter(f"{W}style")}
    assert found["Bracketed text"] == ("character", "TreatyBracketedText")
    assert found["Alternative"] == ("character", "TreatyAlternative")
    assert found["Remark"] == ("character", "TreatyRemark")
    remark = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "TreatyRemark")
    assert remark.find(f"{W}rPr/{W}i") is not None


def test_brackets_are_bold_and_each_kind_has_its_style() -> None:
    got = runs(document(every_form()))
    brackets = [r for r in got if r[1] in ("[", "]")]
    assert brackets and all(bold for _, _, bold in brackets)
    assert ("TreatyAlternative", "[Alt 1: ", True) in got  # bracket and label, bold
    assert ("TreatyAlternative", "within 30 days", False) in got
    assert ("TreatyRemark", "Note: the longer period follows the coastal survey.", False) in got
    assert ("TreatyBracketedText", "shall ", False) in got and ("TreatyBracketedText", "promptly", False) in got
    assert ("TreatyAlternative", "Option A", True) in got  # an option without brackets: label bold
    assert ("TreatyAlternative", ": The quota follows the historical catch.", False) in got
    # An editor's brackets and stray ones are plain text.
    assert ("", "The text as received [sic] on [Page 12] continues [...] here. [Deleted.]", False) in got
    assert any(style == "" and text.endswith("A stray ] bracket and an open [ one.") for style, text, _ in got)


def test_a_draft_without_brackets_has_no_styled_runs() -> None:
    plain = Document(title="T", points=(P("a", "1", "Plain words only."),))
    assert all(style == "" for style, _, _ in runs(document(plain)))


@pytest.mark.parametrize("name", ["every-form", "plan-20-point"])
def test_the_text_reads_back_identical(name: str, tmp_path: Path) -> None:
    doc = every_form() if name == "every-form" else plan_28_20()[1]
    assert places(doc), "the case must have open places"
    path = tmp_path / "draft.docx"
    path.write_bytes(document(doc))
    assert texts(read_document(path)) == texts(doc)


def tables(data: bytes) -> list[list[list[str]]]:
    """The body's tables as rows of cells, each cell its paragraphs' texts."""
    return [[["\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in tc.iter(f"{W}p"))
              for tc in tr.iter(f"{W}tc")] for tr in tbl.iter(f"{W}tr")] for tbl in body(data).iter(f"{W}tbl")]


def test_alternatives_as_tables_have_a_column_per_alternative() -> None:
    data = document(every_form(), alternatives="table")
    assert tables(data) == [
        [["Alt 1", "Alt 2"], ["Each vessel shall report its catch within 30 days of landing.",
                              "Each vessel shall report its catch within 90 days of landing.\n"
                              "the longer period follows the coastal survey."]],
        [["Option A", "Option B"], ["The quota is shared equally.", "The quota follows the historical catch."]],
        [["Proposal of Arcadia", "Proposal of Borealis"],
         ["by arbitration under Annex II.", "by the Joint Committee.\nBorealis may accept arbitration later."]],
        [["Arcadia", "Borealis"], ["The agreement lasts ten years.", "The agreement lasts five years."]],
    ]
    got = runs(data)
    assert ("TreatyAlternative", "Proposal of Arcadia", True) in got  # the header row
    assert ("TreatyRemark", "Borealis may accept arbitration later.", False) in got
    text = "".join(t for _, t, _ in got)
    assert "Proposal of Arcadia: " not in text and "Option B:" not in text  # each set is in its table only
    assert body(data)[-2].tag == f"{W}p"  # the body ends with a paragraph, as Word expects
    # Outside the tables the text is as inline: bracketed words keep their brackets and style.
    assert ("TreatyBracketedText", "promptly", False) in got
    assert tables(document(every_form())) == []


def test_table_mode_leaves_bracketed_text_without_alternatives_inline(tmp_path: Path) -> None:
    """What our reader makes of a draft with tables: every cell's paragraphs in reading order
    (labels first, then the texts), the points' own text as written elsewhere."""
    path = tmp_path / "tables.docx"
    path.write_bytes(document(every_form(), alternatives="table"))
    back = read_document(path)
    two = next(p for p in back.points if p.label == "2")
    assert two.paragraphs == every_form().points[1].paragraphs
    four = next(p for p in back.points if p.label == "4")
    assert four.paragraphs[1:3] == ("Proposal of Arcadia", "Proposal of Borealis")


def test_an_unknown_alternatives_option_is_refused() -> None:
    with pytest.raises(DraftingError, match="alternatives"):
        document(every_form(), alternatives="columns")


def cover(data: bytes) -> dict[str, str]:
    """The cover table's rows, name -> value."""
    rows = body(data).find(f"{W}tbl").iter(f"{W}tr")
    cells = (["".join(t.text or "" for t in tc.iter(f"{W}t")) for tc in tr.iter(f"{W}tc")] for tr in rows)
    return {name: value for name, value in cells}


def test_the_redline_lists_bracket_changes_on_its_cover_and_stays_exact() -> None:
    """The cover says what happened to the negotiating text, point by point, not a paragraph in the
    text (it would survive accept-all and reject-all) nor a Word comment (LibreOffice, loading a
    .docx with comments through UNO as tools/uno_accept_reject.py does, drops the connection)."""
    rl = bracket_redline()
    same_sides(rl, every_form(), resolved())  # accept-all gives the new text, reject-all the old
    data = redline(rl, date=DATE)
    rows = cover(data)
    assert rows["Open places"] == "8 → 2 (1 agreed, 2 alternative chosen)"
    assert rows["Point 1"] == "alternative chosen (Alt 1)"
    assert rows["Point 2"] == "brackets removed, text agreed: “shall promptly”"
    assert rows["Point 4"] == "alternative chosen (Proposal of Arcadia)"
    assert "word/comments.xml" not in parts(data) or b"alternative chosen" not in parts(data)["word/comments.xml"]
    check_revisions(data)
    plain = replace(rl, points=tuple(replace(d, brackets=()) for d in rl.points), open_places=(0, 0))
    assert "Open places" not in cover(redline(plain, date=DATE))


@pytest.mark.libreoffice
def test_libreoffice_opens_the_tables_and_the_commented_redline(tmp_path: Path) -> None:
    """Tables of alternatives read in LibreOffice, both files convert to PDF, and accept-all /
    reject-all of the redline of negotiating text give the new / old draft."""
    lo.require()
    tables_docx, noted = tmp_path / "tables.docx", tmp_path / "noted.docx"
    tables_docx.write_bytes(document(every_form(), alternatives="table"))
    noted.write_bytes(redline(bracket_redline(), date=DATE))
    read = [p.text for p in lo.as_paragraphs(tables_docx, "none")]
    for text in ("Proposal of Arcadia", "by the Joint Committee.", "The quota follows the historical catch.",
                 "Each vessel shall report its catch within 90 days of landing."):
        assert text in read
    for pdf in lo.to_pdf([tables_docx, noted], tmp_path / "pdf"):
        assert pdf.exists() and lo.pdf_pages(pdf) >= 1
    libreoffice_sides(every_form(), resolved(), bracket_redline(), tmp_path)


def test_the_bracket_redline_fixture_is_what_it_says() -> None:
    rl = bracket_redline()
    chosen: list[PointDiff] = [d for d in rl.points if d.brackets]
    assert [d.old_label for d in chosen] == ["1", "2", "4"]
    assert rl.open_places[0] > rl.open_places[1] > 0


@pytest.mark.libreoffice
def test_libreoffice_accepts_the_us_resolution_of_the_bilateral_negotiating_text(tmp_path: Path) -> None:
    """The main job's redline: the bilateral agreement's negotiating text against its resolution
    with the US positions; LibreOffice's accept-all gives the resolved text, reject-all the open one."""
    from drafting.assemble import assemble
    from drafting.brackets import Take
    from drafting.library import load_library

    lo.require()
    root = Path(__file__).resolve().parents[2]
    negotiating = assemble("bilateral-security-agreement", load_library(root / "clauses"), root / "templates",
                           positions=("all",))
    settled = resolve(negotiating, [Take(("us-draft",))]).document
    rl = diff(negotiating, settled)
    assert {c.kind for d in rl.points for c in d.brackets} == {CHOSEN}
    libreoffice_sides(negotiating, settled, rl, tmp_path)
