"""`check()`: each code finds its planted fault in faulty.md and nothing in clean.md; --against."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafting.check import CODES, Finding, check
from drafting.errors import DraftingError
from drafting.model import Document
from drafting.readers import read_document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "check"

#: code -> (where, words) of the one fault faulty.md plants for it.
PLANTED = {
    "term-undefined": ("Article 6", "Monitoring Comission"),
    "term-unused": ("Article 1", "Buffer Zone"),
    "ref-missing": ("Article 4", "Article 9"),
    "bracket-unbalanced": ("Article 6", "…of crossings shall be agreed [in the first month after…"),
    "bracket-open": ("Article 3", "after the first phase"),
    "alternative-open": ("Article 6", "Arcadia; Borealia"),
    "quantity-conflict": ("Article 5", "50,000 personnel"),
    "time-conflict": ("Article 5", "within 60 days"),
    "party-unknown": ("Article 4", "Republic of Caledonia"),
    "point-duplicate": ("Article 8", "Any dispute between the Parties about the interpretation…"),
}
#: code -> (where, words) of what new.md gets wrong against old.md.
AGAINST = {
    "term-undefined": ("Article 1", "Line of Contact"),
    "term-changed": ("Article 1", "Buffer Zone"),
    "ref-stale": ("Article 1", "Article 3"),
}


def doc(name: str) -> Document:
    return read_document(FIXTURES / f"{name}.md")


def of(findings: tuple[Finding, ...], code: str) -> list[tuple[str, str]]:
    return [(f.where, f.words) for f in findings if f.code == code]


@pytest.fixture(scope="module")
def faulty() -> tuple[Finding, ...]:
    return check(doc("faulty")).findings


@pytest.mark.parametrize("code", sorted(PLANTED))
def test_each_check_finds_its_planted_fault(faulty: tuple[Finding, ...], code: str) -> None:
    assert of(faulty, code) == [PLANTED[code]]


def test_faulty_has_nothing_else(faulty: tuple[Finding, ...]) -> None:
    assert sorted({f.code for f in faulty}) == sorted(PLANTED)
    assert len(faulty) == len(PLANTED)


def test_the_clean_draft_is_clean() -> None:
    report = check(doc("clean"))
    assert report.findings == () and report.clean and report.counts == ()


@pytest.mark.parametrize("code", sorted(AGAINST))
def test_against_finds_what_only_two_versions_show(code: str) -> None:
    findings = check(doc("new"), against=doc("old")).findings
    assert of(findings, code) == [AGAINST[code]]


def test_against_adds_nothing_to_a_version_checked_against_itself() -> None:
    assert check(doc("old"), against=doc("old")).findings == ()
    assert check(doc("new")).findings == ()  # alone, new.md shows no fault


def test_stale_message_names_the_new_number() -> None:
    (finding,) = [f for f in check(doc("new"), against=doc("old")).findings if f.code == "ref-stale"]
    assert "now Article 4" in finding.message


def test_ignore_leaves_a_code_out_and_counts_follow(faulty: tuple[Finding, ...]) -> None:
    report = check(doc("faulty"), ignore=["point-duplicate", "party-unknown"])
    assert {f.code for f in report.findings} == set(PLANTED) - {"point-duplicate", "party-unknown"}
    assert dict(report.counts) == {code: 1 for code in PLANTED if code not in ("point-duplicate", "party-unknown")}


def test_an_unknown_code_is_refused_with_near_matches() -> None:
    with pytest.raises(DraftingError) as caught:
        check(doc("clean"), ignore=["term-unsued"])
    assert "term-unused" in caught.value.matches


def test_findings_are_in_reading_order(faulty: tuple[Finding, ...]) -> None:
    articles = [int(f.where.split()[1]) for f in faulty]
    assert articles == sorted(articles)


def test_every_code_is_planted_somewhere() -> None:
    assert set(PLANTED) | set(AGAINST) == set(CODES)
