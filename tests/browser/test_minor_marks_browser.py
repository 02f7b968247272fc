"""Minor changes (reference updates, ignored differences) in the HTML redline, in Chromium: muted
but still marked, hidden on demand, each side-by-side column still whole. axe checks the same
page in tests/browser/test_html_browser.py ("minor-inline", "minor-side")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from drafting.writers.html import redline
from tests.browser.test_html_browser import SHOWN, _cells, browser, open_html  # noqa: F401 (fixture)
from tests.writers.test_minor_marks import marked_pair

pytestmark = pytest.mark.browser

STYLE = "([sel, prop]) => getComputedStyle(document.querySelector(sel))[prop]"


def test_minor_changes_are_muted_but_still_underlined_and_struck(browser: Any, tmp_path: Path) -> None:
    opened = open_html(browser, redline(marked_pair()[2]), tmp_path)
    page = opened.page
    muted = page.evaluate(STYLE, ["#p-3 del.minor", "color"])
    assert muted == page.evaluate(STYLE, ["#p-4 ins.minor", "color"]) == "rgb(75, 85, 99)"
    assert page.evaluate(STYLE, ["#p-4 del:not(.minor)", "color"]) != muted
    assert page.evaluate(STYLE, ["#p-3 del.minor", "textDecorationLine"]) == "line-through"
    assert page.evaluate(STYLE, ["#p-3 ins.minor", "textDecorationLine"]) == "underline"
    before = "sel => getComputedStyle(document.querySelector(sel), '::before').content"
    assert "minor deletion" in page.evaluate(before, "#p-3 del.minor")
    assert "1 reference updated" in page.inner_text("#p-3 .st")
    assert "1 reference updated; 3 ignored differences" in page.inner_text("[data-minor]")
    opened.quiet()


def test_unticking_minor_changes_shows_the_new_text_plain(browser: Any, tmp_path: Path) -> None:
    opened = open_html(browser, redline(marked_pair()[2]), tmp_path)
    page = opened.page
    page.uncheck("#filters input[value=minor]")
    assert page.inner_text("#p-3 .tx") == "The council meets as set out in point 3."
    assert page.evaluate(STYLE, ["#p-3 ins.minor", "textDecorationLine"]) == "none"
    assert page.is_visible("#p-4 del:has-text('yearly')")  # ordinary changes stay
    assert page.evaluate(f"el => ({SHOWN})(el)", page.locator("#p-3").element_handle())  # the pair stays
    page.click("button[data-view=side]")
    row = next(r for r in _cells(page) if r["id"] == "s-p-3")
    assert row["old"] == ["The council meets as set out in point 2."]
    assert row["new"] == ["The council meets as set out in point 3."]
    page.check("#filters input[value=minor]")
    assert page.evaluate(STYLE, ["#s-p-3 .c-new ins.minor", "textDecorationLine"]) == "underline"
    opened.quiet()
