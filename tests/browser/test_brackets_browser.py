"""Negotiating text in a draft page, in Chromium: brackets and alternatives marked without colour,
the list of open places linking to each, the delegation filter dimming other proposals, no
network, and axe finding no serious problem. Screenshots go to tests/artifacts/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from drafting.writers.html import document, redline
from tests.browser.test_html_browser import _axe, axe_serious, browser, full_screenshot, open_html  # noqa: F401 (fixture)
from tests.conftest import need
from tests.writers.test_brackets_docx import bracket_redline, every_form

pytestmark = pytest.mark.browser

STYLE = "([sel, prop]) => getComputedStyle(document.querySelector(sel))[prop]"
DIMMED = "() => [...document.querySelectorAll('[data-dimmed]')].map(el => el.getAttribute('data-proposer'))"
PROPOSERS = "() => [...document.querySelectorAll('[data-proposer]')].map(el => el.getAttribute('data-proposer'))"


def test_brackets_and_alternatives_are_marked_without_colour(browser: Any, tmp_path: Path) -> None:
    opened = open_html(browser, document(every_form()), tmp_path)
    page = opened.page
    assert page.evaluate(STYLE, ["#place-3 > .bk", "fontWeight"]) == "700"
    assert page.evaluate(STYLE, ["#place-3", "textDecorationStyle"]) == "dotted"
    assert page.evaluate(STYLE, ["#place-2", "borderTopStyle"]) == "solid"
    assert page.evaluate(STYLE, ["#place-2 > .lb", "fontVariantCaps"]) == "small-caps"
    assert page.evaluate(STYLE, [".b-remark", "fontStyle"]) == "italic"
    assert page.inner_text("#p-2").endswith("The text as received [sic] on [Page 12] continues [...] here. [Deleted.]")
    full_screenshot(page, "html-brackets-document.png")
    opened.quiet()


def test_a_link_in_the_open_places_goes_to_its_place(browser: Any, tmp_path: Path) -> None:
    opened = open_html(browser, document(every_form()), tmp_path)
    page = opened.page
    assert page.inner_text("#places-h") == "Open places (8)"
    page.get_by_role("link", name="point 4: 2 alternatives (Proposal of Arcadia, Proposal of Borealis)").click()
    assert page.evaluate("location.hash") == "#place-6"
    assert page.evaluate("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }",
                         page.locator("#place-6").element_handle())
    opened.quiet()


def test_choosing_a_delegation_dims_the_others_proposals(browser: Any, tmp_path: Path) -> None:
    opened = open_html(browser, document(every_form()), tmp_path)
    page = opened.page
    assert page.is_visible("#proposer")  # shown once the script runs
    everyone = page.evaluate(PROPOSERS)
    page.select_option("#proposer", "Arcadia")  # "Proposal of Arcadia" and "Arcadia": one delegation
    dimmed = page.evaluate(DIMMED)
    assert sorted(dimmed) == sorted(p for p in everyone if p != "Arcadia")
    assert "Borealis" in dimmed and "Option A" in dimmed and "Arcadia" not in dimmed
    # Dimmed: grey and dashed (not colour alone); the chosen delegation's proposal stays as it was.
    assert page.evaluate(STYLE, ["#p-4-b .b-alternative", "borderTopStyle"]) == "dashed"
    assert page.evaluate(STYLE, ["#place-6 .b-alternative", "borderTopStyle"]) == "solid"
    assert page.evaluate(STYLE, ["#p-4-b .b-alternative", "color"]) != page.evaluate(
        STYLE, ["#place-6 .b-alternative", "color"])
    assert "dimmed" in page.inner_text("#shown")
    full_screenshot(page, "html-brackets-filtered.png")
    page.select_option("#proposer", "")
    assert page.evaluate(DIMMED) == []
    opened.quiet()


def test_without_javascript_the_filter_stays_hidden_and_the_text_is_whole(browser: Any, tmp_path: Path) -> None:
    opened = open_html(browser, document(every_form()), tmp_path, java_script_enabled=False)
    page = opened.page
    assert not page.is_visible("#proposer")
    assert "[Alt 1: within 30 days]" in page.inner_text("#p-1")
    opened.quiet()


def test_the_redline_badges_show_in_the_page(browser: Any, tmp_path: Path) -> None:
    opened = open_html(browser, redline(bracket_redline()), tmp_path)
    page = opened.page
    assert page.locator("[data-bracket]").count() == 3
    assert "Open places: 8 → 2" in page.inner_text("[data-open-places]")
    full_screenshot(page, "html-brackets-redline.png")
    opened.quiet()


@pytest.mark.parametrize("what", ["document", "filtered", "redline"])
def test_axe_finds_no_serious_problem_in_negotiating_text(browser: Any, tmp_path: Path, what: str) -> None:
    axe = _axe()
    need(axe is not None, "axe-core (AXE_CORE_JS or node_modules/axe-core/axe.min.js; `make test` installs it)")
    html = redline(bracket_redline()) if what == "redline" else document(every_form())
    opened = open_html(browser, html, tmp_path, bypass_csp=True)
    page = opened.page
    if what == "filtered":
        page.select_option("#proposer", "Borealis")
    assert axe_serious(page, axe) == []
    opened.quiet()
