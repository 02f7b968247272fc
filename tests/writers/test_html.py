"""The HTML writer without a browser: escaping, no network references, ids, statuses, structure.

`sample_pair` is also the browser tests' fixture: two versions of a small plan
whose redline has every status (same, renumbered, changed, moved, inserted,
deleted, split, merged), sub-points, and changed paragraph breaks.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from html import unescape
from html.parser import HTMLParser

import pytest

from drafting.diff import diff
from drafting.diff.redline import STATUSES, summarize
from drafting.model import Document, Meta, Point
from drafting.writers.html import document, redline

HOSTILE = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def _p(key: str, label: str, text: str, heading: str = "", children: tuple[Point, ...] = (),
       kind: str = "point") -> Point:
    return Point(key=key, label=label, kind=kind, heading=heading, paragraphs=tuple(text.split("|")),
                 children=children)


def sample_pair() -> tuple[Document, Document]:
    """A plan and its next version: one pair of every status, sub-points, paragraph breaks."""
    sub = "sub"
    old = Document(
        title="Peace Plan", parties=("Alpha", "Beta"),
        preamble=("The Parties, desiring peace,", "have agreed as follows:"),
        points=(
            _p("sov", "1", "The sovereignty of the Beneficiary is confirmed.", "Sovereignty"),
            _p("arm", "2", "The armed forces of the Beneficiary shall not exceed 600,000 personnel.|"
               "A second paragraph stays.", "Armed forces",
               (_p("arm.a", "a", "The ceiling applies in peacetime;", kind=sub),
                _p("arm.b", "b", "it is reviewed every 5 years.", kind=sub))),
            _p("gone", "3", "Zones: 30 km <demilitarised> & “buffer”."),
            _p("cease", "4", "The ceasefire takes effect once the measures in point 2 are agreed.", "Ceasefire"),
            _p("split", "5", "Sanctions are lifted in stages as agreed by the Council of the parties. "
               "Frozen assets are invested in reconstruction funds under joint supervision."),
            _p("merge", "6", "Elections are held within one hundred days after signature of this agreement."),
            _p("merged", "7", "International observers monitor the elections in every region of the country."),
            _p("amnesty", "8", "All parties receive a full amnesty for acts committed during the conflict."),
        ),
        closing=("Done in two copies.",),
        meta=Meta(version="v1", date="2025-11-20", template="plan", source="plan-v1.json"))
    new = Document(
        title="Peace Plan", parties=("Alpha", "Beta"),
        preamble=("The Parties, desiring a lasting peace, have agreed as follows:",),
        points=(
            _p("sov", "1", "The sovereignty of the Beneficiary is confirmed.", "Sovereignty"),
            _p("cease", "2", "The ceasefire takes effect once the measures in point 3 are agreed.", "Ceasefire"),
            _p("arm", "3", "The armed forces of the Beneficiary shall not exceed 800,000 personnel.|"
               "A second paragraph stays.|A third paragraph is added.", "Armed forces",
               (_p("arm.a", "a", "The ceiling applies in peacetime;", kind=sub),
                _p("arm.b", "b", "it is reviewed every 10 years.", kind=sub),
                _p("arm.c", "c", "and it is published.", kind=sub))),
            _p("split", "4", "Sanctions are lifted in stages as agreed by the Council of the parties."),
            _p("split2", "5", "Frozen assets are invested in reconstruction funds under joint supervision."),
            _p("merge", "6", "Elections are held within one hundred days after signature of this agreement. "
               "International observers monitor the elections in every region of the country."),
            _p("amnesty", "7", "All parties receive a full amnesty for acts committed during the conflict."),
            _p("monitor", "8", "A monitoring mission is established by the guarantors."),
            _p("prisoners", "9", "Prisoners are exchanged all for all."),
        ),
        closing=("Done in two copies.",),
        meta=Meta(version="v2", date="2025-11-25", template="plan", source="plan-v2.json"))
    return old, new


def hostile_pair() -> tuple[Document, Document]:
    """Two versions whose title, parties, headings, text and metadata carry markup."""
    script, img = HOSTILE
    old = Document(title=f"Plan {script}", parties=(img,),
                   points=(_p("a", "1", f"Keep {script} as text.", heading=img),
                           _p("b", "2", "Plain words here.")),
                   meta=Meta(version=script, source=img))
    new = Document(title=f"Plan {script} {img}", parties=(img, "Beta"),
                   points=(_p("a", "1", f"Keep {script} as text, and {img} too.", heading=img),
                           _p("c", "2", f"{img} inserted.")),
                   meta=Meta(version="v2", date=img))
    return old, new


class _Page(HTMLParser):
    """Every start tag with its attributes, in order, and a check that elements nest properly."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def all(self, tag: str | None = None, **attrs: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if (tag is None or t == tag)
                and all(a.get(k.replace("_", "-")) == v for k, v in attrs.items())]


def _top_pairs(page: _Page) -> list[dict[str, str]]:
    return [a for a in page.all("div") if "pair" in a.get("class", "").split()
            and "data-depth" not in a and not a["id"].startswith("part-")]


def test_every_status_appears_once_per_pair_and_matches_the_summary() -> None:
    rl = diff(*sample_pair())
    page = _Page(redline(rl))
    assert not page.errors and not page.stack
    counts = Counter(a["data-status"] for a in _top_pairs(page))
    assert dict(counts) == dict(summarize(rl).points)
    assert set(counts) == set(STATUSES), "the sample pair should cover every status"
    shown = dict(re.findall(r'<tr data-count="(\w+)">.*?<td>(\d+)</td>', redline(rl)))
    assert {k: int(v) for k, v in shown.items()} == dict(summarize(rl).points)


def test_ids_are_unique_and_every_link_has_a_target() -> None:
    page = _Page(redline(diff(*sample_pair())))
    ids = [a["id"] for _, a in page.tags if "id" in a]
    assert len(ids) == len(set(ids))
    hrefs = [a["href"] for a in page.all("a")]
    assert hrefs and all(h.startswith("#") and h[1:] in ids for h in hrefs)


@pytest.mark.parametrize(("element_id", "status", "words"), [
    ("p-1", "same", ()),
    ("p-2", "moved", ("moved from 4",)),
    ("p-3", "changed", ("was 2",)),
    ("p-3-c", "inserted", ()),
    ("old-3", "deleted", ()),
    ("old-4", "moved", ("Point 4 moved to 2",)),
    ("p-4", "split", ("was 5", "split, continued in 5")),
    ("p-5", "split", ("split from 5",)),
    ("p-6", "merged", ("merged with 7",)),
    ("old-7", "merged", ("merged into 6",)),
    ("p-7", "renumbered", ("was 8",)),
])
def test_each_pair_shows_its_status_and_numbers(element_id: str, status: str, words: tuple[str, ...]) -> None:
    html = redline(diff(*sample_pair()))
    start = html.index(f'id="{element_id}"')
    assert f'data-status="{status}"' in html[start:start + 200]
    section = html[start:html.index("</div>\n", start)]
    for word in words:
        assert word in section


def test_a_moved_point_links_its_old_and_new_place_in_old_order() -> None:
    html = redline(diff(*sample_pair()))
    assert '<a href="#old-4">moved from 4 ↓</a>' in html
    assert '<a href="#p-2">Point 4 moved to 2 ↑</a>' in html
    # The stub stands where point 4 stood: after old point 3, before old point 5.
    assert html.index('id="old-3"') < html.index('id="old-4"') < html.index('id="p-4"')


@pytest.mark.parametrize("builder", [redline, document])
def test_text_with_markup_is_escaped(builder) -> None:  # type: ignore[no-untyped-def]
    old, new = hostile_pair()
    html = builder(diff(old, new)) if builder is redline else builder(new)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    page = _Page(html)
    assert not page.all("img")
    assert not [a for _, a in page.tags if any(k.startswith("on") for k in a)]
    scripts = page.all("script")
    assert len(scripts) == (1 if builder is redline else 0)
    assert "alert(1)" not in "".join(re.findall(r"<script>(.*?)</script>", html, re.S))


@pytest.mark.parametrize("html", [
    pytest.param(lambda: redline(diff(*sample_pair())), id="redline"),
    pytest.param(lambda: redline(diff(*sample_pair()), summary_only=True), id="summary"),
    pytest.param(lambda: document(sample_pair()[1]), id="document"),
])
def test_the_page_references_nothing_outside_itself(html) -> None:  # type: ignore[no-untyped-def]
    text = html()
    assert "http://" not in text and "https://" not in text
    assert "url(" not in text and "@import" not in text and "//" not in re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    page = _Page(text)
    assert not [a for _, a in page.tags if "src" in a]
    assert not page.all("link")
    assert all(a["href"].startswith("#") for a in page.all("a"))
    assert page.all("html", lang="en") and page.all("title")


def test_the_policy_allows_only_the_inlined_style_and_script() -> None:
    html = redline(diff(*sample_pair()))
    found = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert found
    policy = unescape(found.group(1))
    assert "default-src 'none'" in policy
    for tag in ("style", "script"):
        body = re.search(rf"<{tag}>(.*?)</{tag}>", html, re.S)
        assert body
        digest = base64.b64encode(hashlib.sha256(body.group(1).encode()).digest()).decode()
        assert f"{tag}-src 'sha256-{digest}'" in policy


def test_paragraph_breaks_in_word_ops_become_paragraphs() -> None:
    html = redline(diff(*sample_pair()))
    arm = html[html.index('id="p-3"'):html.index('id="p-3-a"')]
    assert arm.count("<p") - arm.count('<p class="st"') == 3
    assert '<ins class="pm">¶</ins></p><p class="brk-ins"><ins>A third paragraph is added.</ins></p>' in arm
    preamble = html[html.index('id="part-preamble"'):html.index('id="p-1"')]
    assert '<del class="pm">¶</del></p><p class="brk-del">' in preamble
    assert "\u2029" not in html


def test_summary_only_has_the_header_and_the_counts() -> None:
    rl = diff(*sample_pair())
    html = redline(rl, summary_only=True)
    page = _Page(html)
    assert not _top_pairs(page) and not page.all("script") and not page.all("nav")
    assert page.all("header") and page.all("main")
    assert {a["data-count"] for a in page.all("tr") if "data-count" in a} == {s for s, _ in summarize(rl).points}
    assert f'data-words="inserted">{summarize(rl).words_inserted}<' in html


def test_a_draft_has_its_title_status_parties_and_points() -> None:
    doc = sample_pair()[1].with_meta(status="draft, not agreed")
    html = document(doc)
    page = _Page(html)
    assert not page.errors and not page.stack
    assert "<h1>Peace Plan</h1>" in html and "DRAFT, NOT AGREED; version v2, 2025-11-25" in html
    assert [a["id"] for a in page.all("div") if "point" in a.get("class", "")][:4] == ["p-1", "p-2", "p-3", "p-3-a"]
    assert "<h2 class=\"dh\"><span class=\"mk\">3.</span> Armed forces</h2>" in html
    assert "<li>Alpha</li><li>Beta</li>" in html
    assert "<p><span class=\"mk\">(c)</span> and it is published.</p>" in html
