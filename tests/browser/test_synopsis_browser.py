"""The synopsis page in a real headless Chromium: the sticky header, hiding columns, the status and
flag filters, links to cells, hostile text inert, no network, axe; a screenshot for a person.

Uses the redline page's fixtures (Debian's Chromium through playwright, axe-core); skips as
they do when a tool is missing, except in CI.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from drafting.synopsis._model import Synopsis
from drafting.writers.synopsis.html import synopsis
from tests.browser.test_html_browser import _axe, axe_serious, browser, full_screenshot, open_html
from tests.conftest import need
from tests.synopsis_samples import sample
from tests.writers.test_synopsis_html import CASES, SMUGGLED, hostile, shipped

pytestmark = pytest.mark.browser
__all__ = ["browser"]  # the fixture, imported for pytest

#: Whether each subject row is shown (a collapsed row has no height and is not visible).
ROWS_SHOWN = """() => Object.fromEntries([...document.querySelectorAll('#synopsis tbody tr[data-status]')]
  .map(tr => [tr.id, getComputedStyle(tr).visibility === 'visible' && tr.getBoundingClientRect().height > 0]))"""
#: Whether each element of column `k` (its header and cells) is shown.
COLUMN_SHOWN = """k => [...document.querySelectorAll(`#synopsis [data-col="${k}"]`)]
  .map(el => el.getClientRects().length > 0)"""


def test_the_header_row_stays_at_the_top_after_scrolling(browser: Any, tmp_path: Path) -> None:
    opened = open_html(browser, synopsis(shipped()), tmp_path)
    page = opened.page
    head = page.locator("#synopsis thead tr")
    start = head.bounding_box()
    assert start is not None and start["y"] > 200  # below the summary at first
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight * 0.6)")
    box = head.bounding_box()
    assert box is not None and abs(box["y"]) < 1 and box["height"] > 10
    # It sits over the rows, not beside them: the row under it is one of the subjects'.
    under = page.evaluate("y => document.elementFromPoint(600, y).closest('tr').parentElement.tagName",
                          box["y"] + box["height"] + 4)
    assert under == "TBODY"
    assert page.evaluate("document.elementFromPoint(600, 5).closest('thead') !== null")
    opened.quiet()


def test_hiding_a_column_hides_its_header_and_every_cell(browser: Any, tmp_path: Path) -> None:
    s = sample()
    opened = open_html(browser, synopsis(s), tmp_path)
    page = opened.page
    before = page.evaluate(COLUMN_SHOWN, 1)
    assert len(before) >= 2 and all(before)
    page.uncheck("#columns input[value='1']")
    assert not any(page.evaluate(COLUMN_SHOWN, 1))
    assert all(page.evaluate(COLUMN_SHOWN, 0)) and all(page.evaluate(COLUMN_SHOWN, 2))
    # The division rows span the columns left; the rows below a spanning cell keep their columns.
    assert page.evaluate("document.querySelector('tr.grp > th').colSpan") == len(s.versions)
    left = page.evaluate("document.getElementById('v2-s4').getBoundingClientRect().left")
    assert left == page.evaluate("document.getElementById('v2-s3').getBoundingClientRect().left")
    page.check("#columns input[value='1']")
    assert all(page.evaluate(COLUMN_SHOWN, 1))
    opened.quiet()


def test_the_status_filter_hides_the_rows_of_other_statuses(browser: Any, tmp_path: Path) -> None:
    s = sample()
    opened = open_html(browser, synopsis(s), tmp_path)
    page = opened.page
    assert all(page.evaluate(ROWS_SHOWN).values())
    for status, _ in s.counts():
        if status != "dropped":
            page.uncheck(f"#statuses input[value='{status}']")
    shown = page.evaluate(ROWS_SHOWN)
    assert {k for k, v in shown.items() if v} == {row.subject for row in s.rows if row.status == "dropped"}
    assert page.inner_text("#shown") == f"2 of {len(s.rows)} subjects shown"
    # Chapter 1 has no dropped subject left: its division row goes too; chapter 2's stays.
    assert page.evaluate("[...document.querySelectorAll('tr.grp')].map(tr => getComputedStyle(tr).visibility)") \
        == ["collapse", "visible"]
    # A kept row under a spanning cell still has its cells in their columns, even when the row the
    # spanning cell starts in is filtered out.
    assert page.locator("#v1-s6").is_visible()
    page.uncheck("#statuses input[value='dropped']")
    page.check("#statuses input[value='added later']")
    left = "id => document.getElementById(id).getBoundingClientRect().left"
    assert page.evaluate(left, "v2-s4") == page.evaluate(left, "col-3")
    page.check("#statuses input[value='dropped']")
    page.check("#statuses input[value='unchanged']")
    shown = page.evaluate(ROWS_SHOWN)
    assert {k for k, v in shown.items() if v} == {"s1", "s3", "s4", "s6", "s7"}
    opened.quiet()


def test_the_flag_filter_keeps_the_subjects_with_that_flag(browser: Any, tmp_path: Path) -> None:
    s = sample()
    opened = open_html(browser, synopsis(s), tmp_path)
    page = opened.page
    page.select_option("#flag", "split")
    shown = page.evaluate(ROWS_SHOWN)
    assert {k for k, v in shown.items() if v} == {row.subject for row in s.rows if "split" in row.flags}
    page.select_option("#flag", "")
    assert all(page.evaluate(ROWS_SHOWN).values())
    opened.quiet()


def test_the_subjects_links_reach_the_cells(browser: Any, tmp_path: Path) -> None:
    opened = open_html(browser, synopsis(shipped()), tmp_path)
    page = opened.page
    row = shipped().rows[-1]
    target = next(c.anchor for c in reversed(row.cells) if c.present)
    page.click(f"#{row.subject} th a[href='#{target}']")
    assert page.evaluate("location.hash") == f"#{target}"
    top = page.evaluate(f"document.getElementById('{target}').getBoundingClientRect().top")
    header = page.evaluate("document.querySelector('#synopsis thead').getBoundingClientRect().bottom")
    assert header - 1 <= top < page.viewport_size["height"]  # in view, not under the sticky header
    opened.quiet()


@pytest.mark.parametrize("make", [sample, hostile])
def test_hostile_text_runs_no_script_and_the_page_loads_nothing(browser: Any, tmp_path: Path,
                                                                make: Any) -> None:
    s: Synopsis = make()
    opened = open_html(browser, synopsis(s), tmp_path)
    page = opened.page
    page.hover("#synopsis tbody td")
    assert page.evaluate("document.querySelectorAll('script').length") == 1
    assert page.evaluate("document.querySelectorAll('img, b, [onerror], [onmouseover]').length") == 0
    if make is hostile:
        assert SMUGGLED in page.inner_text("#synopsis")
    opened.quiet()  # no dialog (alert), no request, no script error


@pytest.mark.parametrize("name", ["sample", "shipped"])
def test_without_javascript_the_page_reads_whole_and_shows_no_dead_controls(browser: Any, tmp_path: Path,
                                                                            name: str) -> None:
    s = sample() if name == "sample" else shipped()
    opened = open_html(browser, synopsis(s), tmp_path, java_script_enabled=False)
    page = opened.page
    assert not page.locator("#controls").is_visible()
    assert all(page.evaluate(ROWS_SHOWN).values())
    opened.quiet()


@pytest.mark.parametrize("name", ["sample", "edges", "shipped", "chapters"])
def test_axe_finds_no_serious_accessibility_problem(browser: Any, tmp_path: Path, name: str) -> None:
    axe = _axe()
    need(axe is not None, "axe-core (AXE_CORE_JS or node_modules/axe-core/axe.min.js; `make test` installs it)")
    assert axe is not None
    s = CASES[name]()
    opened = open_html(browser, synopsis(s), tmp_path, bypass_csp=True)
    assert axe_serious(opened.page, axe) == []
    opened.quiet()


def test_it_prints_in_landscape_without_controls_and_with_the_header_on_every_page(browser: Any,
                                                                                  tmp_path: Path) -> None:
    opened = open_html(browser, synopsis(shipped()), tmp_path)
    page = opened.page
    page.emulate_media(media="print")
    assert not page.locator("#controls").is_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('#synopsis thead')).display") \
        == "table-header-group"
    pdf = page.pdf(prefer_css_page_size=True)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert len(boxes) > 1 and all(float(w) > float(h) for w, h in boxes)  # several pages, all landscape
    opened.quiet()


def test_screenshot(browser: Any, tmp_path: Path) -> None:
    """The shipped plans' synopsis, whole, for a person to look at (tests/artifacts/html-synopsis.png)."""
    opened = open_html(browser, synopsis(shipped()), tmp_path)
    path = full_screenshot(opened.page, "html-synopsis.png")
    assert path.stat().st_size > 10_000
    opened.quiet()
