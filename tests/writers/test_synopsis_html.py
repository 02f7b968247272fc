"""The synopsis page without a browser: table structure (rowspans, sticky header, division rows),
anchors and links, summary counts, the policy, printing, and hostile text kept inert."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from functools import cache

import pytest

from drafting.diff.redline import DELETE, EQUAL, INSERT, new_text, old_text
from drafting.readers import read_document
from drafting.synopsis import build
from drafting.synopsis._model import ABSENT, COVERED, NOT_IN_EXCERPT, PRESENT, Cell, Row, Synopsis, Version
from drafting.writers import synopsis_writer
from drafting.writers.synopsis.html import synopsis
from tests.conftest import ROOT
from tests.synopsis_samples import HOSTILE, sample
from tests.writers.test_hierarchy import agreement, amended
from tests.writers.test_html import _Page

PLANS = ("plan-28-point", "europe-counterproposal", "plan-20-point")
#: Markup a counterpart's text could smuggle in; none of these may appear as an element.
SMUGGLED = '<script>alert(2)</script><img src=x onerror=alert(3)><a href="javascript:alert(4)">x</a>'


@cache
def shipped() -> Synopsis:
    """The synopsis of the three shipped plans, as `treaty compare` builds it."""
    return build([read_document(ROOT / "drafts" / name / "v1.json") for name in PLANS],
                 labels=("US draft", "Europe", "Framework"))


@cache
def chapters() -> Synopsis:
    """A real synopsis in parts, chapters and an annex: an agreement, its amended version, and
    the agreement again (a chapter dropped, an article moved and moved back)."""
    return build([agreement(), amended(), agreement()], labels=("Signed", "Amended", "Reverted"))


def edges() -> Synopsis:
    """Nested divisions; a merge that a division row interrupts (its covered cell cannot be
    spanned); a change that adds and removes line breaks."""
    ops = ((EQUAL, "Heading\nFirst line"), (DELETE, " old\nsecond"), (INSERT, " new\nthird"), (EQUAL, "."))
    return Synopsis(
        (Version("One", "a.json", 2), Version("Two", "b.json", 2, 1)),
        (Row("s1", "k.one", "Opening", ("PART I", "Chapter 1"), (
            Cell(PRESENT, "Article 1", "1", "Heading", old_text(ops), (), None, "", 2, "a1"),
            Cell(PRESENT, "Article 1", "1", "Heading", new_text(ops), ops, 0, "changed", 1, "b1")), "changed"),
         Row("s2", "k.two", "Second", ("PART I", "Chapter 2"), (
             Cell(COVERED), Cell(PRESENT, "Article 2", "2", "", "Text.", (), None, "inserted", 1, "b2")),
             "added later")))


def hostile() -> Synopsis:
    """Markup in every string a counterpart or a user controls: labels, sources, titles, keys,
    divisions, numbers, texts, notes, anchors; control characters in a label and a title."""
    text = f"Start {SMUGGLED} end."
    controls = "\x1b]0;owned\x07\x1b[2J\x9b31m"
    return Synopsis(
        (Version(SMUGGLED, SMUGGLED, 1), Version("B" + SMUGGLED + controls, "b", 1, 1, excerpt=True)),
        (Row(SMUGGLED, SMUGGLED, SMUGGLED + controls, (SMUGGLED,), (
            Cell(PRESENT, SMUGGLED, "1", SMUGGLED, text, (), None, "", 1, SMUGGLED),
            Cell(PRESENT, SMUGGLED, "1", "", text + HOSTILE, ((EQUAL, text), (INSERT, HOSTILE)), 0, "changed", 1,
                 '" onmouseover="alert(5)')), "changed"),
         Row("s2", "k", "Gone", (SMUGGLED,), (Cell(ABSENT), Cell(NOT_IN_EXCERPT)), "dropped")),
        None, (SMUGGLED,))


class Page(_Page):
    """The page's tags and text as the redline tests parse them, the text of its style and script
    apart, and the table as a list of row groups."""

    def __init__(self, html: str) -> None:
        self.scripts: list[str] = []
        self.styles: list[str] = []
        super().__init__(html)

    def handle_data(self, data: str) -> None:
        inside = self.stack[-1] if self.stack else ""
        {"script": self.scripts, "style": self.styles}.get(inside, self.text).append(data)

    def groups(self) -> list[list[list[dict[str, str]]]]:
        """The table#synopsis bodies: per tbody, per tr, its th and td cells' attributes (each
        with "row": the tr's id)."""
        out: list[list[list[dict[str, str]]]] = []
        row = ""
        inside = False
        for tag, a in self.tags:
            if tag == "table":
                inside = a.get("id") == "synopsis"
            elif inside and tag == "tbody":
                out.append([])
            elif inside and tag == "tr" and out:
                out[-1].append([])
                row = a.get("id", "")
            elif inside and tag in ("td", "th") and out and out[-1]:
                out[-1][-1].append({"tag": tag, "row": row, **a})
        return out


def parsed(s: Synopsis) -> Page:
    page = Page(synopsis(s))
    assert not page.errors and not page.stack, (page.errors, page.stack)
    return page


CASES: dict[str, Callable[[], Synopsis]] = {"sample": sample, "edges": edges, "hostile": hostile, "shipped": shipped,
                                             "chapters": chapters}


@pytest.mark.parametrize("name", list(CASES))
def test_every_row_group_fills_the_grid_exactly(name: str) -> None:
    """With the rowspans laid out, each row of each group has one slot per column, none twice:
    a covered cell is absorbed by the cell above or drawn, never both, never neither."""
    s = CASES[name]()
    width = 1 + len(s.versions)
    for group in parsed(s).groups():
        taken: dict[tuple[int, int], int] = {}
        for r, cells in enumerate(group):
            col = 0
            for cell in cells:
                while (r, col) in taken:
                    col += 1
                span = int(cell.get("colspan", "1"))
                for dr in range(int(cell.get("rowspan", "1"))):
                    for dc in range(span):
                        assert (r + dr, col + dc) not in taken
                        taken[(r + dr, col + dc)] = 1
                col += span
        assert sorted(taken) == [(r, c) for r in range(len(group)) for c in range(width)]


def test_covered_cells_are_absorbed_by_the_rowspan_of_the_covering_cell() -> None:
    page = parsed(sample())
    cells = {a["id"]: a for a in page.all("td") if "id" in a}
    assert cells["v0-s3"]["rowspan"] == "2" and cells["v1-s6"]["rowspan"] == "2"
    rows = {row[0]["row"]: row for group in page.groups() for row in group}
    # th (subject) + one td per version, less the cells the rows above span.
    assert [len(rows[s]) for s in ("s3", "s4", "s5", "s6", "s7")] == [4, 3, 4, 4, 3]
    assert [c["data-col"] for c in rows["s4"][1:]] == ["1", "2"]
    assert [c["data-col"] for c in rows["s7"][1:]] == ["0", "2"]


def test_a_covered_cell_past_a_division_row_says_which_cell_covers_it() -> None:
    html = synopsis(edges())
    page = parsed(edges())
    assert "rowspan=" not in html
    covered = [a for a in page.all("td") if a.get("data-state") == COVERED]
    assert len(covered) == 1 and covered[0]["data-col"] == "0"
    assert '<a href="#a1">↑ covered by Article 1 above</a>' in html


def test_divisions_are_full_width_rows_nested_and_only_where_they_change() -> None:
    page = parsed(edges())
    heads = [(a["data-depth"], a["colspan"], a["scope"]) for a in page.all("th") if "data-depth" in a]
    assert heads == [("0", "3", "colgroup"), ("1", "3", "colgroup"), ("1", "3", "colgroup")]
    text = "".join(page.text)
    assert text.count("PART I") == 1 and "Chapter 1" in text and "Chapter 2" in text
    html = synopsis(chapters())
    named = re.findall(r'<tr class="grp"><th [^>]*data-depth="(\d)">([^<]*)</th>', html)
    assert named == [("0", "Part I: General Provisions"), ("1", "Chapter 1: Objectives and Definitions"),
                     ("1", "Chapter 2: Customs Cooperation"), ("1", "Chapter 2: Rules of Origin"),
                     ("0", "Part II: Institutional and Final Provisions"), ("1", "Chapter 3: Joint Committee"),
                     ("0", "Annex I: Transit Corridors")]


def test_the_header_row_of_versions_is_sticky_and_names_each_version() -> None:
    html = synopsis(sample())
    page = parsed(sample())
    assert page.all("thead")[-1]["class"] == "sticky"
    head = re.search(r'<thead class="sticky">(.*?)</thead>', html, re.S)
    assert head is not None
    for v in sample().versions:
        assert v.label in head.group(1) and v.source in head.group(1)
    assert "excerpt" in head.group(1)
    assert "table.syn > thead.sticky { position: sticky; top: 0;" in "".join(page.styles)


@pytest.mark.parametrize("name", list(CASES))
def test_ids_are_unique_every_link_has_a_target_and_each_cell_has_its_anchor(name: str) -> None:
    s = CASES[name]()
    page = parsed(s)
    ids = [a["id"] for _, a in page.tags if "id" in a]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"[\w-]+", i) for i in ids)
    hrefs = [a["href"] for a in page.all("a")]
    assert hrefs and all(h.startswith("#") and h[1:] in ids for h in hrefs)
    present = [a for a in page.all("td") if a.get("class") == "cell"]
    assert len(present) == sum(c.present for row in s.rows for c in row.cells)
    if name != "hostile":  # hostile anchors are made unique and safe, so they differ
        assert [a["id"] for a in present] == [c.anchor for row in s.rows for c in row.cells if c.present]


def test_the_subject_cell_links_to_the_cells_of_its_row() -> None:
    html = synopsis(sample())
    row = html[html.index('<tr id="s2"'):html.index('<tr id="s3"')]
    subject = row[:row.index("</th>")]
    assert re.findall(r'<a href="#([^"]+)">', subject) == ["v0-s2", "v1-s2", "v2-s2"]
    assert "Framework: point 3" in subject


def test_cells_show_numbers_changes_and_empty_states_in_words() -> None:
    html = synopsis(sample())
    assert "<del>600,000</del><ins>800,000</ins>" in html
    assert html.count(">not in the excerpt<") == 2 and html.count(">not present<") == 4
    assert '<span class="nt">(split; against US draft)</span>' in html
    # A line break the version added is drawn as a marked paragraph break, and both texts survive.
    edge = synopsis(edges())
    assert "<ins> new</ins>" in edge and "<del> old</del>" in edge
    assert '<del class="pm">¶</del>' in edge and '<ins class="pm">¶</ins>' in edge


def test_the_summary_gives_subjects_per_status_and_each_versions_points_and_changes() -> None:
    s = shipped()
    html = synopsis(s)
    counts = dict(re.findall(r'<tr data-count="([^"]+)"><th scope="row">[^<]*</th><td>(\d+)</td>', html))
    assert {k: int(v) for k, v in counts.items()} == dict(s.counts())
    flags = dict(re.findall(r'<tr data-flag-count="([^"]+)"><th scope="row">[^<]*</th><td>(\d+)</td>', html))
    assert {k: int(v) for k, v in flags.items()} == dict(s.flag_counts())
    points = re.findall(r"<td data-points>(\d+)</td><td data-changed>(\d*)</td>", html)
    assert points == [(str(v.points), str(v.changed) if k else "") for k, v in enumerate(s.versions)]
    rows = re.findall(r'<tr id="[^"]+" data-status="([^"]+)"', html)
    assert len(rows) == len(s.rows)


def test_the_page_loads_nothing_and_its_policy_allows_only_its_own_style_and_script() -> None:
    html = synopsis(sample())
    page = parsed(sample())
    policy = next(a["content"] for a in page.all("meta") if a.get("http-equiv") == "Content-Security-Policy")
    assert policy.startswith("default-src 'none';")
    for body in ("".join(page.styles), "".join(page.scripts)):
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert not re.search(r'\b(src|srcset|action)=|href="(?!#)|url\(|@import', html)


def test_the_page_prints_in_landscape_without_its_controls() -> None:
    css = "".join(parsed(sample()).styles)
    assert "@page { size: landscape;" in css
    printed = css[css.rindex("@media print"):]
    assert "#controls, [data-js] { display: none !important; }" in printed
    assert "display: table-header-group" in printed


def test_controls_are_hidden_without_the_script_and_name_every_column_status_and_flag() -> None:
    s = sample()
    page = parsed(s)
    nav = next(a for a in page.all("nav") if a.get("id") == "controls")
    assert "hidden" in nav and "data-js" in nav
    boxes = [a["value"] for a in page.all("input")]
    assert boxes == [str(k) for k in range(len(s.versions))] + [status for status, _ in s.counts()]
    assert [a["value"] for a in page.all("option")] == [""] + [flag for flag, _ in s.flag_counts()]


def test_hostile_text_stays_text_everywhere() -> None:
    s = hostile()
    page = parsed(s)
    assert [t for t, _ in page.tags if t in ("script", "img", "b")] == ["script"]
    assert all(not k.startswith("on") for _, a in page.tags for k in a)
    assert all(not a.get("href", "#").lower().startswith("javascript") for a in page.all("a"))
    text = "".join(page.text)
    assert text.count(SMUGGLED) >= 8  # label, source, title, key, division, number, text, note
    assert HOSTILE in text
    assert "alert" not in "".join(page.scripts)


def test_the_registry_returns_this_writer() -> None:
    assert synopsis_writer("html")(sample()) == synopsis(sample())
