"""Drafts and redlines with parts, chapters, articles and numbered paragraphs, in every text writer.

Three hand-built trees (an English agreement in two parts and three chapters
with an annex, a Ukrainian one with the default words of its language, one
that keeps the words as written) and a redline between two versions of the
first, whose golden files live in tests/golden/hierarchy/. The HTML golden
files keep the page's markup only: the inlined stylesheet, script and policy
are replaced by a placeholder, so a change of style does not touch them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from drafting.diff import PointDiff, Redline, accept_all, diff, reject_all, summarize, word_diff
from drafting.model import Document, Meta, Point
from drafting.readers.text import read_text
from drafting.writers import html, markdown, terminal, text
from drafting.writers._shared import word
from tests.test_golden import check

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "hierarchy"


# --- the trees ---------------------------------------------------------------------------


def div(kind: str, label: str, heading: str, *children: Point, key: str = "", word: str = "") -> Point:
    return Point(key=key or f"{kind}-{label}", label=label, kind=kind, heading=heading,
                 children=children, word=word)


def art(label: str, heading: str, *children: Point, text: str = "", key: str = "", word: str = "") -> Point:
    return Point(key=key or f"art-{label}", label=label, kind="article", heading=heading,
                 paragraphs=tuple(p for p in text.split("|") if p), children=children, word=word)


def para(label: str, text: str, *subs: Point, kind: str = "paragraph") -> Point:
    return Point(key="", label=label, kind=kind, paragraphs=(text,), children=subs)


def sub(label: str, text: str, *subs: Point) -> Point:
    return para(label, text, *subs, kind="sub")


def keyed(points: tuple[Point, ...], parent: str = "") -> tuple[Point, ...]:
    """Sub-units get keys from their parent's and their own number, as a reader derives them."""
    out = []
    for k, p in enumerate(points):
        key = p.key or f"@{parent}/{p.label or k + 1}"
        out.append(replace(p, key=key, children=keyed(p.children, key.lstrip("@"))))
    return tuple(out)


def agreement() -> Document:
    """Two parts, three chapters, decimal articles, paragraphs with (a) and (i), an annex at the end."""
    points = (
        div("part", "I", "General Provisions",
            div("chapter", "1", "Objectives and Definitions",
                art("1.1", "Objectives",
                    para("1", "This Agreement sets up a framework for trade and transit between the Parties."),
                    para("2", "To that end, the Parties shall:",
                         sub("a", "remove the duties listed in Annex I;"),
                         sub("b", "simplify the customs formalities at their common border.")),
                    key="objectives"),
                art("1.2", "Definitions",
                    para("1", "For the purposes of this Agreement:",
                         sub("a", "\u201cgoods in transit\u201d means goods that cross the territory of one "
                                  "Party on their way to a third country;"),
                         sub("b", "\u201cborder post\u201d means any of the following places:",
                             sub("i", "a road crossing open to freight traffic;"),
                             sub("ii", "a railway station where freight is cleared."))),
                    key="definitions"),
                key="ch-objectives"),
            div("chapter", "2", "Rules of Origin",
                art("2.1", "Originating goods", text="Goods originate in a Party when they are wholly "
                    "obtained there or have been sufficiently processed there.", key="originating"),
                art("2.2", "Proof of origin",
                    para("1", "A declaration of origin made out by the exporter proves the origin of goods."),
                    para("2", "The declaration is valid for twelve months from the date it is made out."),
                    key="proof"),
                key="ch-origin"),
            key="part-general"),
        div("part", "II", "Institutional and Final Provisions",
            div("chapter", "3", "Joint Committee",
                art("3.1", "Establishment", text="A Joint Committee made up of representatives of the "
                    "Parties is hereby established.", key="establishment"),
                art("3.2", "Entry into force", text="This Agreement enters into force on the first day of "
                    "the second month after the Parties have exchanged their notifications.", key="force"),
                key="ch-committee"),
            key="part-final"),
        div("annex", "I", "Transit Corridors",
            para("1", "The northern corridor runs from the port of Lindenport to the border post at "
                 "Kessel Gate.", kind="point"),
            para("2", "The southern corridor follows the river road to the bridge at Marrow Ford.",
                 kind="point"),
            key="annex-corridors"),
    )
    return Document(
        title="Agreement on Trade and Transit between the Republic of Aldoria and the Kingdom of Brevania",
        parties=("the Republic of Aldoria", "the Kingdom of Brevania"),
        preamble=("The Republic of Aldoria and the Kingdom of Brevania, hereinafter the Parties,",
                  "Wishing to make the movement of goods between their territories simpler and more "
                  "predictable,", "Have agreed as follows:"),
        points=keyed(points),
        closing=("Done at Lindenport on 3 March 2031, in two originals in the English language.",),
        meta=Meta(version="v1", date="2031-03-03", status="draft, not agreed"))


def ukrainian() -> Document:
    """Розділ > Глава > Стаття with the words left to the language, and a Додаток."""
    points = (
        div("part", "I", "Загальні положення",
            div("chapter", "1", "Мета",
                art("1", "Предмет Угоди",
                    para("1", "Ця Угода визначає умови транзиту вантажів між Сторонами."),
                    para("2", "Сторони співпрацюють, зокрема:",
                         sub("а", "обмінюються відомостями про вантажі;"),
                         sub("б", "узгоджують графіки роботи пунктів пропуску."))),
                key="ch-1"),
            div("chapter", "2", "Митні процедури",
                art("2", "Спрощення формальностей", text="Сторони скорочують перелік документів, "
                    "потрібних для транзиту."),
                key="ch-2"),
            key="part-1"),
        div("part", "II", "Прикінцеві положення",
            div("chapter", "3", "Набрання чинності",
                art("3", "Набрання чинності", text="Ця Угода набирає чинності з дня отримання "
                    "останнього повідомлення."),
                key="ch-3"),
            key="part-2"),
        replace(div("annex", "1", "Перелік пунктів пропуску"),
                paragraphs=("Пункт пропуску «Північний» і пункт пропуску «Річковий».",)),
    )
    return Document(
        title="Угода про співпрацю у сфері транзиту",
        parties=("Республіка Альдорія", "Королівство Бреванія"),
        preamble=("Сторони домовилися про таке:",),
        points=keyed(points),
        closing=("Вчинено у двох примірниках українською мовою.",),
        meta=Meta(version="v1", language="uk"))


def words_kept() -> Document:
    """Heading words as written: "CHAPTER", "ARTICLE", "Art." and an unnumbered "ANNEX"."""
    points = (
        div("chapter", "I", "Scope",
            art("1", "Purpose", text="This Memorandum sets out how vessels of either Party use the "
                "ports of the other.", word="ARTICLE"),
            art("2", "Definitions", text="\u201cVessel\u201d means any ship flying the flag of a Party.",
                word="ARTICLE"),
            word="CHAPTER"),
        div("chapter", "II", "Access",
            art("3", "Berths",
                para("1", "Each Party shall keep berths open to the vessels of the other."),
                para("2", "Fees are those listed in the Annex.", ),
                word="Art."),
            word="CHAPTER"),
        replace(div("annex", "", "Schedule of Fees", key="annex", word="ANNEX"),
                paragraphs=("A flat fee per call, whatever the size of the vessel.",)),
    )
    return Document(title="Memorandum on Port Access", parties=("Aldoria", "Brevania"),
                    points=keyed(points), meta=Meta(version="v1"))


TREES = {"agreement": agreement, "ukrainian": ukrainian, "words-kept": words_kept}


def amended() -> Document:
    """The agreement's next version: a customs chapter inserted as Chapter 2, the origin chapter
    renamed (now 3), its Article 2.2 moved into the committee chapter (now 4), one word changed."""
    old = agreement()
    part1, part2, annex = old.points
    objectives, origin = part1.children
    committee = part2.children[0]
    originating, proof = origin.children
    establishment, force = committee.children
    customs = div("chapter", "2", "Customs Cooperation",
                  art("2.1", "Exchange of information", text="The customs authorities of the Parties "
                      "exchange the information needed to clear goods in transit.", key="exchange"),
                  key="ch-customs")
    proof_paras = (proof.children[0], replace(proof.children[1], paragraphs=(
        "The declaration is valid for ten months from the date it is made out.",)))
    new_origin = replace(origin, label="3", heading="Origin of Goods",
                         children=(replace(originating, label="3.1"),))
    new_committee = replace(committee, label="4", children=(
        replace(proof, label="4.1", children=proof_paras),
        replace(establishment, label="4.2"), replace(force, label="4.3")))
    points = (replace(part1, children=(objectives, keyed((customs,))[0], new_origin)),
              replace(part2, children=(new_committee,)), annex)
    return replace(old, points=points, meta=Meta(version="v2", date="2031-04-10", status="draft, not agreed"))


def hierarchical_redline() -> Redline:
    """The agreement against its amended version: `diff` pairs Article 2.2 across chapters as a move."""
    return diff(agreement(), amended())


# --- golden files ------------------------------------------------------------------------


def _page(page: str) -> str:
    """An HTML page without its inlined stylesheet, script and the policy that pins them."""
    page = re.sub(r"(<style>).*?(</style>)", r"\1/* html.css */\2", page, flags=re.S)
    page = re.sub(r"(<script>).*?(</script>)", r"\1/* html.js */\2", page, flags=re.S)
    return re.sub(r'(http-equiv="Content-Security-Policy" content=")[^"]*', r"\1(pinned)", page)


@pytest.mark.parametrize("name", TREES)
@pytest.mark.parametrize(("suffix", "write"), [("txt", text.document), ("md", markdown.document),
                                               ("html", lambda doc: _page(html.document(doc)))])
def test_hierarchical_drafts(name: str, suffix: str, write, update_golden: bool) -> None:  # type: ignore[no-untyped-def]
    check(GOLDEN / f"{name}.{suffix}", write(TREES[name]()), update_golden)


@pytest.mark.parametrize(("suffix", "write"), [
    ("term.txt", lambda rl: terminal.redline(rl, color=False)),
    ("md", markdown.redline),
    ("html", lambda rl: _page(html.redline(rl))),
])
def test_hierarchical_redline(suffix: str, write, update_golden: bool) -> None:  # type: ignore[no-untyped-def]
    check(GOLDEN / f"redline.{suffix}", write(hierarchical_redline()), update_golden)


def test_the_redline_moves_an_article_across_chapters_and_rebuilds_both_versions() -> None:
    rl = hierarchical_redline()
    assert accept_all(rl) == amended()
    assert reject_all(rl) == agreement()
    proof = next(d for d in _walk(rl.points) if d.key == "proof")
    assert proof.status == "moved" and proof.old_parent != proof.new_parent


def _walk(diffs: tuple[PointDiff, ...]) -> list[PointDiff]:
    return [x for d in diffs for x in (d, *_walk(d.children))]


# --- what each writer says ---------------------------------------------------------------


@pytest.mark.parametrize("write", [text.document, markdown.document, html.document])
@pytest.mark.parametrize(("name", "words"), [
    ("agreement", ("Part I", "Chapter 3", "Article 2.2", "Annex I")),
    ("ukrainian", ("Розділ II", "Глава 1", "Стаття 3", "Додаток 1")),
    ("words-kept", ("CHAPTER II", "ARTICLE 2", "Art. 3", "ANNEX")),
])
def test_every_writer_gives_back_the_heading_words(write, name: str, words: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    out = write(TREES[name]())
    for word in words:
        assert word in out
    assert ("Article" in out) == (name == "agreement")


def test_markdown_headings_nest_by_depth_and_stop_at_six() -> None:
    lines = markdown.document(agreement()).splitlines()
    assert "## Part I: General Provisions" in lines
    assert "### Chapter 3: Joint Committee" in lines
    assert "#### Article 1.2: Definitions" in lines
    assert "## Annex I: Transit Corridors" in lines
    deep = Document(points=(div("part", "1", "P", div("chapter", "1", "C", div("section", "1", "S", div(
        "subsection", "1", "U", art("1", "Deep", text="Text."))))),))
    assert "###### Article 1: Deep" in markdown.document(deep).splitlines()
    deeper = Document(points=(div("part", "1", "P", div("chapter", "1", "C", div("section", "1", "S", div(
        "subsection", "1", "U", div("section", "2", "T", art("1", "Deeper", text="Text.")))))),))
    assert "###### Article 1: Deeper" in markdown.document(deeper).splitlines()


def test_text_puts_the_closing_before_the_annex_and_indents_points() -> None:
    out = text.document(agreement())
    assert out.index("Done at Lindenport") < out.index("Annex I\nTransit Corridors")
    assert "Chapter 2\nRules of Origin\n" in out
    assert "2. To that end, the Parties shall:\n\n   (a) remove the duties" in out
    assert "      (i) a road crossing" in out


class _Tags(HTMLParser):
    """Start tags with their attributes, and for each the chain of open tags around it."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str], tuple[str, ...]]] = []
        self.open: list[tuple[str, dict[str, str]]] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.found.append((tag, values, tuple(a.get("id", "") for _, a in self.open)))
        if tag not in ("meta", "br", "input"):
            self.open.append((tag, values))

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1][0] == tag, f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()


def test_the_html_draft_nests_sections_and_lists_the_contents() -> None:
    page = html.document(agreement())
    tags = _Tags(page)
    sections = {a["id"]: (a, inside) for t, a, inside in tags.found if t == "section" and "dv" in a.get("class", "")}
    assert list(sections) == ["d-part-i", "d-part-i-chapter-1", "d-part-i-chapter-2", "d-part-ii",
                              "d-part-ii-chapter-3", "d-annex-i"]
    assert sections["d-part-i-chapter-2"][1][-1] == "d-part-i"
    headings = {a["id"]: t for t, a, _ in tags.found if t[0] == "h" and a.get("id", "").endswith("-h")}
    for sid, (attrs, _) in sections.items():
        assert headings[attrs["aria-labelledby"]] == ("h2" if sid.count("-") == 2 else "h3")
    assert '<h4 class="dh"><span class="mk">Article 2.2</span> Proof of origin</h4>' in page
    toc = page[page.index('<nav class="toc"'):page.index("</nav>", page.index('<nav class="toc"'))]
    assert 'aria-label="Contents"' in toc
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', toc)
    assert links[:4] == [("d-part-i", "Part I: General Provisions"),
                         ("d-part-i-chapter-1", "Chapter 1: Objectives and Definitions"),
                         ("p-1-1", "Article 1.1: Objectives"), ("p-1-2", "Article 1.2: Definitions")]
    ids = {a["id"] for _, a, _ in tags.found if "id" in a}
    assert all(target in ids for target, _ in links) and len(links) == 12
    assert page.index("Done at Lindenport") < page.index('id="d-annex-i"')


def test_a_ukrainian_page_marks_its_text_as_ukrainian_and_its_labels_as_english() -> None:
    page = html.document(ukrainian())
    assert '<html lang="en"' in page and '<main id="main" class="doc" lang="uk">' in page
    assert '<h2 id="parties-h" lang="en">Parties</h2>' in page
    assert 'lang="uk"' not in html.document(agreement())


def test_a_flat_plan_has_no_contents() -> None:
    plan = Document(points=(Point(key="a", label="1", paragraphs=("One.",)),))
    assert 'class="toc"' not in html.document(plan)


def test_the_html_redline_nests_units_in_division_sections_with_the_counts_of_summarize() -> None:
    rl = hierarchical_redline()
    page = html.redline(rl)
    tags = _Tags(page)
    units = [a for t, a, _ in tags.found if "unit" in a.get("class", "").split()]
    assert Counter(a["data-status"] for a in units) == Counter(dict(summarize(rl).points))
    shown = dict(re.findall(r'<tr data-count="(\w+)">.*?<td>(\d+)</td>', page))
    assert {k: int(v) for k, v in shown.items()} == dict(summarize(rl).points)
    assert f"<td data-count-total>{sum(dict(summarize(rl).points).values())}</td>" in page
    where = {a["id"]: inside for t, a, inside in tags.found if "id" in a}
    assert where["p-4-1"][-1] == "d-part-i-chapter-4" or where["p-4-1"][-1] == "d-part-ii-chapter-4"
    assert '<a href="#old-2-2">moved from Chapter 2, Article 2.2 ↑</a>' in page
    stub = page[page.index('id="old-2-2"'):]
    assert stub.index("Article 2.2 moved to Chapter 4, Article 4.1 ↓") < 200
    assert where["old-2-2"][-1] == "d-part-i-chapter-3"  # in the chapter it left (Chapter 2 then)
    assert 'data-status="inserted" data-new="Chapter 2"' in page
    ids = [a["id"] for _, a, _ in tags.found if "id" in a]
    assert len(ids) == len(set(ids))
    hrefs = [a["href"] for t, a, _ in tags.found if t == "a"]
    assert all(h[1:] in ids for h in hrefs)
    toc = page[page.index('<nav class="toc"'):]
    assert "Chapter 3: Origin of Goods</a> <span class=\"ts\">(changed)</span>" in toc


def test_terminal_and_markdown_redlines_say_where_a_unit_came_from() -> None:
    rl = hierarchical_redline()
    term = terminal.redline(rl)
    assert "    Chapter 3: [-Rules-]{+Origin+} of [-Origin-]{+Goods+} [changed, was 2]\n" in term
    assert "    Chapter 4: Joint Committee [was 3]\n" in term
    assert "    4.1 [moved from Chapter 2, Article 2.2, changed]" in term
    assert "Chapter 2: {+Customs Cooperation+} [inserted]" in term
    md = markdown.redline(rl)
    assert "##### Article 4.1 *(moved from Chapter 2, Article 2.2)*" in md
    assert "#### Chapter 2: {++Customs Cooperation++} *(inserted)*" in md


# --- the defect: empty labels -------------------------------------------------------------


def _unnumbered_redline() -> Redline:
    """Pairs whose old number, or whose partner's number, is empty."""
    def pt(label: str, words: str, kind: str = "point") -> Point:
        return Point(key=f"k{label}{words[:4]}", label=label, kind=kind, paragraphs=(words,))

    def pair(status: str, old: Point | None, new: Point | None, index: int, related: str = "") -> PointDiff:
        return PointDiff(status, old, new, index if old else None, index if new else None,
                         body=word_diff(old.body if old else "", new.body if new else ""), related=related)

    return Redline(old_meta=Meta(), new_meta=Meta(), points=(
        pair("changed", pt("", "Some words here.", "para"), pt("2", "Some words there."), 0),
        pair("renumbered", pt("", "Same words."), pt("3", "Same words."), 1),
        pair("merged", pt("4", "Kept half."), pt("4", "Kept half and more."), 2, related=""),
        pair("merged", pt("", "Absorbed half."), None, 3, related=""),
        pair("split", None, pt("5", "Second half."), 4, related=""),
        pair("moved", pt("", "Moved words."), pt("6", "Moved words."), 5),
    ))


_EMPTY = re.compile(r"(?:was|merged with|merged into|split from|continued in|moved from|moved to)"
                    r"\s*(?:[\]\)<;,*\u2191\u2193]|$)", re.M)


@pytest.mark.parametrize("write", [lambda rl: terminal.redline(rl), markdown.redline, html.redline],
                         ids=["terminal", "markdown", "html"])
def test_no_status_ends_on_an_empty_number(write) -> None:  # type: ignore[no-untyped-def]
    out = write(_unnumbered_redline())
    body = re.sub(r"<(style|script)>.*?</\1>", "", out, flags=re.S)
    assert _EMPTY.findall(body) == []
    assert "was unnumbered" in out and "merged" in out


# --- reading back --------------------------------------------------------------------------


def shape(points: tuple[Point, ...]) -> list[tuple[object, ...]]:
    """The tree without keys and words: kind, number, name and paragraphs, nested."""
    return [(p.kind, p.label, p.heading, p.paragraphs, shape(p.children)) for p in points]


@pytest.mark.parametrize("write", [text.document, markdown.document], ids=["text", "markdown"])
@pytest.mark.parametrize("name", TREES)
def test_the_text_reader_reads_the_tree_back(write, name: str) -> None:  # type: ignore[no-untyped-def]
    doc = TREES[name]()
    back = read_text(write(doc))
    assert shape(back.points) == shape(doc.points)
    assert [word(p) for p in back.points] == [word(p) for p in doc.points] or doc.meta.language
    assert back.closing == doc.closing
