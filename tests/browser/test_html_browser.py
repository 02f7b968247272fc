"""The HTML redline in a real headless Chromium: keys, views, links, filters, escaping, no network, axe.

Uses Debian's /usr/bin/chromium through playwright (never `playwright install`).
Skips when either is missing, except in CI (TREATY_REQUIRE_TOOLS=1), which
installs both. The accessibility test also needs axe-core: `AXE_CORE_JS` or
node_modules/axe-core/axe.min.js (`npm install --no-save axe-core`); it skips
without it. Screenshots of both views go to tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from drafting.diff import diff
from drafting.diff.redline import Redline, summarize
from drafting.model import Document
from drafting.writers import json as json_writer
from drafting.writers.html import document, redline
from tests.conftest import CORPUS, need
from tests.writers.test_hierarchy import agreement, amended
from tests.writers.test_html import HOSTILE, hostile_pair, sample_pair
from tests.writers.test_minor_marks import marked_pair

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1200, "height": 800}

#: The element's top is in the window, below the sticky bar and (side by side) the sticky column heads.
IN_VIEW = """el => { const r = el.getBoundingClientRect();
  const cols = document.querySelector('#side:not([hidden]) .cols');
  const top = Math.max(document.getElementById('nav').getBoundingClientRect().bottom,
                       cols ? cols.getBoundingClientRect().bottom : 0);
  return r.top >= top - 2 && r.top < window.innerHeight && r.height > 0; }"""
#: Whether an element is shown; a pair counts by its own number and text, not its sub-points.
SHOWN = "el => (el.matches('.pair') ? el.querySelector(':scope > .ph') : el).getClientRects().length > 0"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need(False, "playwright (Python)")
    need(CHROMIUM.exists(), "Chromium at /usr/bin/chromium")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@dataclass
class Opened:
    """A page opened from a file, with every request other than the file itself blocked and kept."""

    page: Any
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def quiet(self) -> None:
        assert self.blocked == [], f"the page made network requests: {self.blocked}"
        assert self.errors == [], f"script errors: {self.errors}"
        assert self.dialogs == [], f"dialogs opened: {self.dialogs}"

    def active(self) -> str:
        return str(self.page.evaluate("document.activeElement.id"))


def open_html(browser: Any, html: str, folder: Path, name: str = "page.html", **options: Any) -> Opened:
    path = folder / name
    path.write_text(html, encoding="utf-8")
    context = browser.new_context(viewport=VIEWPORT, **options)
    opened = Opened(context.new_page())
    url = path.as_uri()

    def route(r: Any) -> None:
        if r.request.url == url:
            r.continue_()
        else:
            opened.blocked.append(r.request.url)
            r.abort()

    opened.page.route("**/*", route)
    opened.page.on("pageerror", lambda e: opened.errors.append(str(e)))
    def dialog(d: Any) -> None:
        opened.dialogs.append(d.message)
        d.dismiss()

    opened.page.on("dialog", dialog)
    opened.page.goto(url)
    if options.get("java_script_enabled", True) and "<script>" in html:
        opened.page.wait_for_selector("html[data-ready]", state="attached")
    return opened


def open_view(browser: Any, html: str, folder: Path, view: str) -> tuple[Opened, str]:
    """A redline opened in `view` ("inline" or "side"), and the prefix of that view's ids ("" or "s-")."""
    opened = open_html(browser, html, folder)
    if view == "side":
        opened.page.click("button[data-view=side]")
    return opened, "s-" if view == "side" else ""


def full_screenshot(page: Any, name: str) -> Path:
    """The whole page as one picture; the viewport grows to the page so lazily drawn rows are drawn."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    height = page.evaluate("document.documentElement.scrollHeight")
    page.set_viewport_size({"width": VIEWPORT["width"], "height": min(height, 16000)})
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    path = ARTIFACTS / name
    page.screenshot(path=str(path))
    page.set_viewport_size(VIEWPORT)
    return path


def _latest(folder: Path) -> Path | None:
    found = [p for p in folder.glob("v*.json") if re.fullmatch(r"v\d+", p.stem)]
    return max(found, key=lambda p: int(p.stem[1:])) if found else None


def _plan_pair() -> tuple[Document, Document]:
    """The assembled 28-point and 20-point plans: the latest drafts, else assembled from the repo's templates."""
    drafts = ROOT / "drafts"
    old, new = _latest(drafts / "plan-28-point"), _latest(drafts / "plan-20-point")
    if old and new:
        from drafting.readers import read_document

        return read_document(old), read_document(new)
    templates = ROOT / "templates"  # shipped with the project: never a reason to skip
    from drafting.assemble import assemble
    from drafting.library import load_library

    library = load_library(ROOT / "clauses")
    return assemble("plan-28-point", library, templates), assemble("plan-20-point", library, templates)


def _corpus_pair() -> tuple[Document, Document]:
    """Two published texts: the 28-point plan and the European counter-proposal, as read from text."""
    old, new = CORPUS / "plan-28-point-2025-11-afp.txt", CORPUS / "plan-europe-counterproposal-2025-11-23.txt"
    if not old.is_file() or not new.is_file():
        pytest.skip("../shared/corpus not found")
    from drafting.readers import read_document

    return read_document(old), read_document(new)


def _hierarchy_pair() -> tuple[Document, Document]:
    """Two versions of an agreement in parts and chapters: a chapter added, one renamed, an article moved."""
    return agreement(), amended()


CASES = {"sample": sample_pair, "plan-28-20": _plan_pair, "corpus-28-europe": _corpus_pair,
         "hierarchy": _hierarchy_pair}


@pytest.fixture(params=["sample", "plan-28-20", "hierarchy",
                        pytest.param("corpus-28-europe", marks=pytest.mark.corpus)])
def case(request: pytest.FixtureRequest) -> tuple[str, Redline]:
    return request.param, diff(*CASES[request.param]())


def test_summary_shows_the_counts_of_summarize_and_the_json_writer(browser: Any, tmp_path: Path,
                                                                   case: tuple[str, Redline]) -> None:
    name, rl = case
    opened = open_html(browser, redline(rl), tmp_path)
    page = opened.page
    shown = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('tr[data-count]')]
        .map(tr => [tr.dataset.count, Number(tr.querySelector('td').textContent)]))""")
    summary = summarize(rl)
    from_json = json.loads(json_writer.redline(rl))["summary"]
    assert shown == dict(summary.points) == from_json["points"]
    words = page.evaluate("""() => [...document.querySelectorAll('[data-words]')]
        .map(e => [e.dataset.words, Number(e.textContent)])""")
    assert dict(words) == {"inserted": summary.words_inserted, "deleted": summary.words_deleted}
    assert summary.words_inserted == from_json["words_inserted"]
    statuses = page.evaluate("""() => [...document.querySelectorAll('#inline > .pair')]
        .filter(e => !e.id.startsWith('part-')).map(e => e.dataset.status)""")
    assert Counter(statuses) == Counter(d.status for d in rl.points)
    units = page.evaluate("[...document.querySelectorAll('#inline .unit')].map(e => e.dataset.status)")
    assert Counter(units) == Counter(dict(summary.points))
    assert page.inner_text("[data-count-total]") == str(len(units))
    opened.quiet()


def test_n_and_p_focus_the_next_and_previous_change(browser: Any, tmp_path: Path,
                                                    case: tuple[str, Redline]) -> None:
    _, rl = case
    opened = open_html(browser, redline(rl), tmp_path)
    page = opened.page
    changes = page.evaluate("[...document.querySelectorAll('#inline .chg')].map(e => e.id)")
    assert len(changes) >= 3
    for expected in changes[:3]:
        page.keyboard.press("n")
        assert opened.active() == expected
        assert page.evaluate(IN_VIEW, page.locator(f"#{expected}").element_handle())
    page.keyboard.press("p")
    assert opened.active() == changes[1]
    assert page.evaluate(IN_VIEW, page.locator(f"#{changes[1]}").element_handle())
    page.click("#next")
    assert opened.active() == changes[2]
    assert "Change 3 of" in page.inner_text("#pos")
    for _ in range(len(changes) + 2):
        page.keyboard.press("n")
    assert opened.active() == changes[-1]
    assert page.evaluate(IN_VIEW, page.locator(f"#{changes[-1]}").element_handle())
    opened.quiet()


def _cells(page: Any) -> list[dict[str, Any]]:
    """Each side-by-side row: its id, status, cells, and the paragraphs and heading of each column."""
    rows: list[dict[str, Any]] = page.evaluate("""() => [...document.querySelectorAll('#side .rows .row')].map(r => ({
        id: r.id, status: r.dataset.status, depth: r.dataset.depth || '0', stub: r.classList.contains('stub'),
        cells: r.querySelectorAll('[role=cell]').length,
        old: [...r.querySelectorAll('.c-old .tx > p')].map(p => p.textContent),
        new: [...r.querySelectorAll('.c-new .tx > p')].map(p => p.textContent),
        oldHead: (r.querySelector('.c-old .hd') || {textContent: null}).textContent,
        newHead: (r.querySelector('.c-new .hd') || {textContent: null}).textContent,
        oldBox: r.children[0].getBoundingClientRect().toJSON(),
        newBox: r.children[1].getBoundingClientRect().toJSON()}))""")
    return rows


def test_side_by_side_shows_each_side_whole_in_aligned_rows(browser: Any, tmp_path: Path,
                                                           case: tuple[str, Redline]) -> None:
    name, rl = case
    opened = open_html(browser, redline(rl), tmp_path)
    page = opened.page
    full_screenshot(page, f"html-{name}-inline.png")
    assert page.is_visible("#inline") and not page.is_visible("#side")
    page.click("button[data-view=side]")
    assert page.is_visible("#side") and not page.is_visible("#inline")
    assert page.get_attribute("button[data-view=side]", "aria-pressed") == "true"
    rows = _cells(page)
    assert len(rows) == page.evaluate("document.querySelectorAll('#inline .pair, #inline .stub').length")
    assert all(r["cells"] == 2 for r in rows)
    for r in rows[:12]:  # both columns of a row start on the same line, old on the left
        assert r["oldBox"]["top"] == r["newBox"]["top"] and r["oldBox"]["x"] < r["newBox"]["x"]
    # Each column shows exactly its version's text: reject-all on the left, accept-all on the right.
    points = [r for r in rows if r["depth"] == "0" and not r["stub"] and not r["id"].startswith("s-part-")]
    assert len(points) == len(rl.points)
    for r, d in zip(points, rl.points, strict=True):
        assert r["old"] == (list(d.old.paragraphs) if d.old else [])
        assert r["new"] == (list(d.new.paragraphs) if d.new else [])
        assert r["oldHead"] == (d.old.heading if d.old else None)
        assert r["newHead"] == (d.new.heading if d.new else None)
    page.keyboard.press("n")
    first = page.evaluate("document.querySelector('#side .chg').id")
    assert opened.active() == first
    assert page.evaluate(IN_VIEW, page.locator(f"#{first}").element_handle())
    full_screenshot(page, f"html-{name}-side.png")
    page.click("button[data-view=inline]")
    assert opened.active() == first.removeprefix("s-")  # the same change stays focused
    opened.quiet()


def test_the_text_before_and_after_joins_paragraphs_by_version(browser: Any, tmp_path: Path) -> None:
    rl = diff(*sample_pair())
    opened = open_html(browser, redline(rl), tmp_path)
    opened.page.click("button[data-view=side]")
    preamble = next(r for r in _cells(opened.page) if r["id"] == "s-part-preamble")
    old, new = sample_pair()
    assert preamble["old"] == list(old.preamble) and preamble["new"] == list(new.preamble)
    opened.quiet()


@pytest.mark.parametrize("view", ["inline", "side"])
def test_a_moved_points_links_join_its_old_and_new_place(browser: Any, tmp_path: Path, view: str) -> None:
    opened, prefix = open_view(browser, redline(diff(*sample_pair())), tmp_path, view)
    page = opened.page
    page.click(f"#{prefix}p-2 a:has-text('moved from 4')")
    assert opened.active() == f"{prefix}old-4"
    assert page.evaluate(IN_VIEW, page.locator(f"#{prefix}old-4").element_handle())
    page.click(f"#{prefix}old-4 a:has-text('Point 4 moved to 2')")
    assert opened.active() == f"{prefix}p-2"
    assert page.evaluate(IN_VIEW, page.locator(f"#{prefix}p-2").element_handle())
    opened.quiet()


def test_a_status_filter_hides_its_pairs_and_next_skips_them(browser: Any, tmp_path: Path) -> None:
    opened = open_html(browser, redline(diff(*sample_pair())), tmp_path)
    page = opened.page
    shown = f"s => [...document.querySelectorAll(`#inline [data-status=${{s}}]`)].map({SHOWN})"
    assert all(page.evaluate(shown, "changed"))
    page.uncheck("#filters input[value=changed]")
    assert not any(page.evaluate(shown, "changed"))
    assert all(page.evaluate(shown, "moved")) and all(page.evaluate(shown, "inserted"))  # (c) in point 3 too
    visited = set()
    for _ in range(12):
        page.keyboard.press("n")
        visited.add(page.evaluate("document.activeElement.dataset.status"))
    assert "changed" not in visited and {"moved", "deleted", "split", "merged"} <= visited
    page.check("#filters input[value=changed]")
    assert all(page.evaluate(shown, "changed"))
    page.uncheck("#filters input[value=same]")
    page.click("button[data-view=side]")
    assert not any(page.evaluate("[...document.querySelectorAll('#side [data-status=same]')]"
                                 f".map({SHOWN})"))
    opened.quiet()


@pytest.mark.parametrize("what", ["redline", "document"])
def test_markup_in_the_text_shows_as_text_and_never_runs(browser: Any, tmp_path: Path, what: str) -> None:
    old, new = hostile_pair()
    html = redline(diff(old, new)) if what == "redline" else document(new)
    opened = open_html(browser, html, tmp_path)
    page = opened.page
    if what == "redline":
        page.click("button[data-view=side]")
    page.wait_for_timeout(300)  # let an injected onerror handler fire, if there were one
    text = page.inner_text("body")
    for hostile in HOSTILE:
        assert hostile in text
    assert page.evaluate("document.querySelectorAll('main img, main script, [onerror]').length") == 0
    assert HOSTILE[0] in page.title()
    opened.quiet()


def test_without_javascript_the_inline_view_shows_the_changes(browser: Any, tmp_path: Path) -> None:
    opened = open_html(browser, redline(diff(*sample_pair())), tmp_path, java_script_enabled=False)
    page = opened.page
    assert page.get_attribute("html", "data-ready") is None
    assert page.is_visible("#inline") and not page.is_visible("#side")
    assert page.is_visible("#p-3 del:has-text('600,000')") and page.is_visible("#p-3 ins:has-text('800,000')")
    assert page.is_visible("#old-3") and page.is_visible("#old-4 a")
    assert not page.is_visible("#filters") and not page.is_visible("#next")
    assert page.is_visible("tr[data-count=moved]")
    opened.quiet()


def test_markings_survive_without_colour_and_in_print(browser: Any, tmp_path: Path) -> None:
    opened = open_html(browser, redline(diff(*sample_pair())), tmp_path)
    page = opened.page
    style = "sel => getComputedStyle(document.querySelector(sel)).textDecorationLine"
    for media in ("screen", "print"):
        page.emulate_media(media=media)
        assert page.evaluate(style, "#p-3 ins") == "underline"
        assert page.evaluate(style, "#p-3 del") == "line-through"
    assert not page.is_visible("nav") and not page.is_visible("#next")
    # The hidden words a screen reader hears around each marking.
    before = "sel => getComputedStyle(document.querySelector(sel), '::before').content"
    assert "insertion" in page.evaluate(before, "#p-3 ins") and "deletion" in page.evaluate(before, "#p-3 del")
    opened.quiet()


def test_a_draft_page_renders_its_points(browser: Any, tmp_path: Path) -> None:
    doc = sample_pair()[1].with_meta(status="draft, not agreed")
    opened = open_html(browser, document(doc), tmp_path)
    page = opened.page
    assert page.inner_text("h1") == "Peace Plan"
    assert page.evaluate("[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])")[:3] == [1, 2, 2]
    assert "800,000" in page.inner_text("#p-3")
    full_screenshot(page, "html-document.png")
    opened.quiet()


def _axe() -> Path | None:
    env = os.environ.get("AXE_CORE_JS")
    for candidate in (Path(env) if env else None, ROOT / "node_modules" / "axe-core" / "axe.min.js"):
        if candidate and candidate.is_file():
            return candidate
    return None


#: Each division's heading level: h2 at the top of a draft, one more per division around it.
LEVELS = """() => [...document.querySelectorAll('section[aria-labelledby]')].map(s => {
  const h = document.getElementById(s.getAttribute('aria-labelledby'));
  let depth = 0;
  for (let p = s.parentElement.closest('section.dv, section.div'); p; p = p.parentElement.closest('section.dv, section.div')) depth++;
  return [s.id, h ? h.tagName : null, depth]; })"""


def test_a_draft_in_parts_and_chapters_has_nested_regions_and_contents(browser: Any, tmp_path: Path) -> None:
    opened = open_html(browser, document(agreement()), tmp_path)
    page = opened.page
    levels = [(sid, tag, depth) for sid, tag, depth in page.evaluate(LEVELS) if sid.startswith("d-")]
    assert [sid for sid, _, _ in levels] == ["d-part-i", "d-part-i-chapter-1", "d-part-i-chapter-2",
                                            "d-part-ii", "d-part-ii-chapter-3", "d-annex-i"]
    assert all(tag == f"H{2 + depth}" for _, tag, depth in levels)
    assert page.get_by_role("region", name="Chapter 2 Rules of Origin").count() == 1
    region = page.get_by_role("region", name="Part II Institutional and Final Provisions")
    assert region.get_by_role("region", name="Chapter 3 Joint Committee").count() == 1
    contents = page.get_by_role("navigation", name="Contents")
    assert contents.get_by_role("link").count() == 12
    contents.get_by_role("link", name="Article 2.2: Proof of origin").click()
    assert page.evaluate("location.hash") == "#p-2-2"
    assert page.evaluate("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }",
                         page.locator("#p-2-2").element_handle())
    full_screenshot(page, "html-hierarchy-document.png")
    opened.quiet()


@pytest.mark.parametrize("view", ["inline", "side"])
def test_a_redline_in_chapters_links_contents_and_moves_across_chapters(browser: Any, tmp_path: Path,
                                                                        view: str) -> None:
    opened, prefix = open_view(browser, redline(diff(*_hierarchy_pair())), tmp_path, view)
    page = opened.page
    page.get_by_role("navigation", name="Contents").get_by_role("link", name="Chapter 4: Joint Committee").click()
    assert opened.active() == f"{prefix}d-part-ii-chapter-4"
    assert page.evaluate(IN_VIEW, page.locator(f"#{prefix}d-part-ii-chapter-4").element_handle())
    page.click(f"#{prefix}p-4-1 a:has-text('moved from Chapter 2, Article 2.2')")
    assert opened.active() == f"{prefix}old-2-2"
    if view == "inline":  # the stub stands in the chapter the article left
        assert page.evaluate("document.getElementById('old-2-2').closest('section').id") == "d-part-i-chapter-3"
    page.click(f"#{prefix}old-2-2 a")
    assert opened.active() == f"{prefix}p-4-1"
    full_screenshot(page, f"html-hierarchy-{view}.png")
    opened.quiet()


def test_filters_and_next_reach_units_nested_in_chapters(browser: Any, tmp_path: Path) -> None:
    opened = open_html(browser, redline(diff(*_hierarchy_pair())), tmp_path)
    page = opened.page
    shown = f"s => [...document.querySelectorAll(`#inline [data-status=${{s}}]`)].map({SHOWN})"
    page.uncheck("#filters input[value=renumbered]")
    assert not any(page.evaluate(shown, "renumbered"))
    assert all(page.evaluate(shown, "moved")) and all(page.evaluate(shown, "inserted"))
    visited = []
    for _ in range(6):
        page.keyboard.press("n")
        visited.append(opened.active())
    # Divisions stop `n` only when they changed themselves (added, renamed, renumbered).
    assert visited == ["d-part-i-chapter-2", "p-2-1", "d-part-i-chapter-3", "p-4-1", "p-4-1-2", "p-4-1-2"]
    opened.quiet()


@pytest.mark.parametrize("what", ["inline", "side", "summary", "document", "hierarchy-document",
                                  "hierarchy-redline", "minor-inline", "minor-side"])
def test_axe_finds_no_serious_accessibility_problem(browser: Any, tmp_path: Path, what: str) -> None:
    axe = _axe()
    need(axe is not None, "axe-core (AXE_CORE_JS or node_modules/axe-core/axe.min.js; `make test` installs it)")
    assert axe is not None
    rl = diff(*sample_pair())
    html = {"document": lambda: document(sample_pair()[1]),
            "summary": lambda: redline(rl, summary_only=True),
            "hierarchy-document": lambda: document(agreement()),
            "hierarchy-redline": lambda: redline(diff(*_hierarchy_pair())),
            "minor-inline": lambda: redline(marked_pair()[2]),
            "minor-side": lambda: redline(marked_pair()[2])}.get(what, lambda: redline(rl))()
    # The page's own policy forbids any script but its own, so axe goes in with the policy bypassed.
    opened = open_html(browser, html, tmp_path, bypass_csp=True)
    page = opened.page
    if what.endswith("side"):
        page.click("button[data-view=side]")
    assert axe_serious(page, axe) == []
    opened.quiet()


def axe_serious(page: Any, axe: Path) -> list[tuple[str, str, list[Any]]]:
    """The serious and critical axe-core violations on `page` (after checking axe really ran)."""
    page.add_script_tag(path=str(axe))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    assert result["testEngine"]["name"] == "axe-core" and result["passes"]
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in result["violations"] if v["impact"] in ("serious", "critical")]
