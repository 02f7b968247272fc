"""Akoma Ntoso in: our own output back into the same tree, another system's act into the right tree,
and hostile XML refused with one clear message."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from drafting import budgets
from drafting.budgets import OverBudget
from drafting.cli.main import app
from drafting.errors import DraftingError
from drafting.model import KINDS, Document, Meta, Point
from drafting.readers import read_bytes, read_document
from drafting.readers.akn import read_akn
from drafting.writers.akn import document
from tests.strategies import documents, negotiating_documents, structured
from tests.writers.test_akn import valid

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "akn" / "foreign-act.xml"
AKN = 'xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"'


# -- round trip -----------------------------------------------------------------------------------------
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(documents(), structured(), negotiating_documents()))
def test_our_akn_reads_back_into_the_same_tree(doc: Document) -> None:
    assert read_akn(document(doc)) == doc


# Trees no reader makes but a tree may hold: any kind anywhere, labels with their punctuation,
# heading words, white space that XML would collapse, keys and metadata of any shape.
TEXTS = st.sampled_from(["", " ", "two  spaces", "line\nbreak", "\ttab", "trailing ", "«quoted» — Київ",
                         "a < b & c", "5.", "(a)", "Article 5", "\u00a0no-break", "x\r\ny", "art"])
LABELS = st.sampled_from(["", "1", "5 bis", "(a)", "a)", "3.1", "IV", " 2", "Article", "—", "ii", "1.", "§"])
WORDS = st.sampled_from(["", "ARTICLE", "Art.", "Стаття", "Article", "Chapter", "two words"])


@st.composite
def trees(draw: st.DrawFn, depth: int = 0) -> tuple[Point, ...]:
    return tuple(Point(key=draw(st.sampled_from(["k", "@a/1", "", "clause.x"])), label=draw(LABELS),
                       kind=draw(st.sampled_from(KINDS)), heading=draw(TEXTS),
                       paragraphs=tuple(draw(st.lists(TEXTS, max_size=2))),
                       children=draw(trees(depth + 1)) if depth < 3 else (),
                       meta=tuple(draw(st.lists(st.tuples(TEXTS, TEXTS), max_size=2))), word=draw(WORDS))
                 for _ in range(draw(st.integers(0, 3))))


@st.composite
def odd_documents(draw: st.DrawFn) -> Document:
    return Document(title=draw(TEXTS), parties=tuple(draw(st.lists(TEXTS, max_size=3))),
                    preamble=tuple(draw(st.lists(TEXTS, max_size=2))), points=draw(trees()),
                    closing=tuple(draw(st.lists(TEXTS, max_size=2))),
                    meta=Meta(version=draw(TEXTS), date=draw(st.sampled_from(["", "2026-01-02"])),
                              status=draw(TEXTS), language=draw(st.sampled_from(["", "en", "fr", "uk", "xx"])),
                              clauses=(("c", "1.0"),), extra=(("resolved-from", "v3"),)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(odd_documents())
def test_any_tree_survives_the_round_trip_and_validates(doc: Document) -> None:
    xml = document(doc)
    ids = valid(xml).xpath("//@eId")
    assert len(ids) == len(set(ids))  # units, parties ("art" twice is "art_2") and parts share one space
    assert read_akn(xml) == doc


# -- another system's act -------------------------------------------------------------------------------
Tree = tuple[str, str, str, tuple[str, ...], tuple["Tree", ...]]


def shape(points: tuple[Point, ...]) -> tuple[Tree, ...]:
    return tuple((p.kind, p.label, p.heading, p.paragraphs, shape(p.children)) for p in points)


FOREIGN: tuple[Tree, ...] = (
    ("chapter", "1", "Preliminary", (), (
        ("article", "1", "Definitions", ("In this Act, unless the context shows otherwise—",
                                         '"basin" means the land that drains into either river;',
                                         '"Board" means the board set up by section 3.'), ()),
        ("article", "2", "Application", (), (
            ("paragraph", "1", "", ("This Act applies to every basin district.",), ()),
            ("paragraph", "2", "", ("This Act does not apply to—",), (
                ("sub", "a", "", ("wells dug before this Act began; or",), ()),
                ("sub", "b", "", ("water held in a tank for one household,",), ()),
                ("para", "", "", ("unless the Board decides otherwise.",), ()))))))),
    ("chapter", "2", "The Basin Board", (), (
        ("article", "3", "Establishment", ("A Basin Board is set up, with the powers this Act gives it.",
                                           "The Board must—"), (
            ("sub", "a", "", ("keep a register of wells;",), ()),
            ("sub", "b", "", ("report each year to the districts.",), ()))),
        ("para", "", "Meetings", (), ()),
        ("article", "4", "Meetings of the Board", (), (
            ("paragraph", "1", "", ("The Board meets at least twice a year.",), ()),
            ("paragraph", "2", "", ("A meeting may be called by—",), (
                ("sub", "a", "", ("the chairperson, either—",), (
                    ("sub", "i", "", ("on his or her own motion; or",), ()),
                    ("sub", "ii", "", ("at the request of a district; or",), ()))),
                ("sub", "b", "", ("any three members.",), ()))))))),
    ("schedule", "", "Schedule", (), (
        ("paragraph", "", "", ("The districts of the basin are Arle, Brenne and Cusset.",), ()),)),
)


def test_a_laws_africa_style_act_reads_into_the_right_tree() -> None:
    valid(FIXTURE.read_text(encoding="utf-8"))
    doc = read_document(FIXTURE)
    assert doc.title == ("To provide for the joint care of the Tarn and Ossel rivers; "
                         "and for matters connected with it.")
    assert doc.preamble == ("WHEREAS the Tarn and the Ossel run through the lands of several districts;",
                            "AND WHEREAS their waters are best kept by the districts together;",
                            "BE IT THEREFORE ENACTED as follows:—")
    assert shape(doc.points) == FOREIGN
    assert (doc.meta.language, doc.meta.date, doc.meta.source) == ("en", "2024-03-01", str(FIXTURE))
    article2 = doc.points[0].children[1]
    assert [article2.key, *(c.key for c in article2.children[1].children)] == [
        "@article-2", "@article-2/2/a", "@article-2/2/b", "@article-2/2/para-1"]
    assert len({p.key for p in _all(doc.points)}) == len(_all(doc.points))


def _all(points: tuple[Point, ...]) -> list[Point]:
    return [q for p in points for q in (p, *_all(p.children))]


LEOS = f"""<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso {AKN}><bill name="regulation">
<meta><identification source="#leos"><FRBRWork><FRBRthis value="/akn/eu/bill/2025/1/!main"/>
<FRBRuri value="/akn/eu/bill/2025/1"/><FRBRdate date="2025-01-01" name="x"/><FRBRauthor href="#x"/>
<FRBRcountry value="eu"/></FRBRWork><FRBRExpression><FRBRthis value="/akn/eu/bill/2025/1/deu@/!main"/>
<FRBRuri value="/akn/eu/bill/2025/1/deu@"/><FRBRdate date="2025-01-01" name="x"/><FRBRauthor href="#x"/>
<FRBRlanguage language="deu"/></FRBRExpression><FRBRManifestation><FRBRthis value="/x"/><FRBRuri value="/x"/>
<FRBRdate date="2025-01-01" name="x"/><FRBRauthor href="#x"/></FRBRManifestation></identification></meta>
<preface><longTitle><p><docStage>Vorschlag für eine</docStage> <docType>VERORDNUNG</docType>
<docPurpose>über   gemeinsame Flüsse</docPurpose></p></longTitle></preface>
<preamble><citations><citation><p>gestützt auf den Vertrag,</p></citation></citations>
<recitals><recital><num>(1)</num><p>Flüsse verbinden.</p></recital></recitals></preamble>
<body><article eId="art_1"><num>Artikel 1</num><heading>Gegenstand</heading>
<paragraph eId="art_1__para_1"><num>1.</num><content><p>Diese Verordnung gilt.</p></content></paragraph>
<paragraph eId="art_1__para_2"><num>2.</num><list eId="art_1__para_2__list_1"><intro><p>Sie regelt</p></intro>
<point eId="art_1__para_2__list_1__point_a"><num>a)</num><content><p>die Fischerei;</p></content></point>
<indent eId="art_1__para_2__list_1__indent_1"><num>—</num><content><p>den Verkehr.</p></content></indent>
</list></paragraph></article>
<article eId="art_2"><num>ARTIKEL 2</num><content><p>Inkrafttreten.</p></content></article></body>
<conclusions><p>Geschehen zu Brüssel.</p></conclusions></bill></akomaNtoso>"""


def test_a_leos_style_bill_reads_its_articles_paragraphs_and_lists() -> None:
    doc = read_akn(LEOS, "leos.xml")
    assert doc.title == "Vorschlag für eine VERORDNUNG über gemeinsame Flüsse"
    assert doc.preamble == ("gestützt auf den Vertrag,", "(1) Flüsse verbinden.")
    assert doc.closing == ("Geschehen zu Brüssel.",)
    assert doc.meta.language == "de"
    assert shape(doc.points) == (
        ("article", "1", "Gegenstand", (), (
            ("paragraph", "1", "", ("Diese Verordnung gilt.",), ()),
            ("paragraph", "2", "", ("Sie regelt",), (
                ("sub", "a", "", ("die Fischerei;",), ()),
                ("bullet", "", "", ("den Verkehr.",), ()))))),
        ("article", "2", "", ("Inkrafttreten.",), ()))
    assert [p.word for p in doc.points] == ["", "ARTIKEL"]  # "Artikel" is German's own word


def test_white_space_is_collapsed_unless_preserved() -> None:
    xml = (f'<akomaNtoso {AKN}><act><body><article><content><p>  two\n   lines  </p>'
           '<p xml:space="preserve">  kept\n  as is </p></content></article></body></act></akomaNtoso>')
    assert read_akn(xml).points[0].paragraphs == ("two lines", "  kept\n  as is ")


def test_a_suffixless_akn_file_is_read_as_akn_and_text_stays_text(tmp_path: Path) -> None:
    xml = document(Document(title="Accord", points=(Point("p", "1", paragraphs=("Un.",)),)))
    assert read_bytes(xml.encode("utf-8"), "accord", suffix="").title == "Accord"
    assert read_bytes(b"Accord\n\n1. <b>Un.</b>\n", "a.txt", suffix=".txt").points[0].label == "1"


# -- hostile XML ----------------------------------------------------------------------------------------
LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [\n<!ENTITY l0 "ha">\n'
          + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">\n' for i in range(1, 10))
          + f"]>\n<akomaNtoso {AKN}><act><body><article><content><p>&l9;</p></content></article></body></act></akomaNtoso>")
XXE = ('<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
       f"<akomaNtoso {AKN}><act><body><article><content><p>&x;</p></content></article></body></act></akomaNtoso>")
NETWORK = ('<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso SYSTEM "http://127.0.0.1:9/akn.dtd">\n'
           f"<akomaNtoso {AKN}><act><body/></act></akomaNtoso>")


def nested(depth: int) -> str:
    return f"<akomaNtoso {AKN}><act><body>" + "<point>" * depth + "</point>" * depth + "</body></act></akomaNtoso>"


@pytest.mark.parametrize(("data", "says"), [
    (LAUGHS, "DOCTYPE"),
    (XXE, "DOCTYPE"),
    (NETWORK, "DOCTYPE"),
    (nested(10_000), "XML nesting budget"),
    (nested(150), "XML nesting budget"),
    ("Article 1. Plain text in a file named .xml.", "not well-formed XML"),
    (f"<akomaNtoso {AKN}><act><body><article><num>1", "not well-formed XML"),
    (f"<akomaNtoso {AKN}><act><body><p>&undefined;</p></body></act></akomaNtoso>", "not well-formed XML"),
    ('<html xmlns="http://www.w3.org/1999/xhtml"><body><p>An agreement</p></body></html>', "not Akoma Ntoso"),
    (f"<akomaNtoso {AKN}/>", "holds no act"),
    (bytes(range(256)) * 4, "not well-formed XML"),
], ids=["billion-laughs", "xxe", "external-dtd", "deep-10000", "deep-150", "not-xml", "cut-off",
        "undefined-entity", "xhtml", "no-act", "binary"])
def test_hostile_or_foreign_xml_is_one_clear_error(tmp_path: Path, data: str | bytes, says: str) -> None:
    path = tmp_path / "counterpart.xml"
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    with pytest.raises(DraftingError) as caught:
        read_document(path)
    error = caught.value
    assert says in error.message and error.path == str(path) and error.hint
    assert "root:" not in error.render()  # /etc/passwd never reaches a message


def test_the_size_budget_is_checked_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    small = budgets.Budget("input file size", 100, "bytes", "split it")
    monkeypatch.setattr("drafting.readers.akn.INPUT_BYTES", small)
    with pytest.raises(OverBudget) as caught:
        read_akn(nested(20), "big.xml")
    assert caught.value.budget is small


def test_utf16_and_a_declared_encoding_are_read(tmp_path: Path) -> None:
    body = f'<akomaNtoso {AKN}><act><body><article><num>Article 1</num><content><p>Київ «x»</p></content>' \
           "</article></body></act></akomaNtoso>"
    path = tmp_path / "u16.xml"
    path.write_bytes(('<?xml version="1.0" encoding="UTF-16"?>' + body).encode("utf-16"))
    assert read_document(path).points[0].paragraphs == ("Київ «x»",)
    assert read_akn('<?xml version="1.0" encoding="ISO-8859-1"?>' + body).points[0].paragraphs == ("Київ «x»",)


def test_junk_in_our_namespace_is_not_trusted() -> None:
    xml = (f'<akomaNtoso {AKN} xmlns:td="https://treaty-drafting/ns"><act><body>'
           '<article td:kind="evil"><num>Article 3</num><content><p>Text.</p></content></article>'
           "</body></act></akomaNtoso>")
    point = read_akn(xml).points[0]
    assert (point.kind, point.label) == ("article", "3")


def test_the_cli_refuses_hostile_xml_with_exit_2_and_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "x.xml"
    path.write_text(XXE, encoding="utf-8")
    result = CliRunner().invoke(app, ["show", str(path)])
    assert result.exit_code == 2
    assert "DOCTYPE" in result.stderr and "Traceback" not in result.output + result.stderr
