"""Properties of `check` on generated documents: it never fails, and a report agrees with itself."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drafting.check import CODES, check, to_text
from drafting.model import Document
from tests.strategies import documents, edited, structured


@st.composite
def versions(draw: st.DrawFn) -> tuple[Document, Document]:
    old = draw(st.one_of(documents(), structured()))
    return old, draw(edited(old))


@settings(max_examples=60, deadline=None)
@given(versions())
def test_check_reads_any_document_and_counts_what_it_lists(pair: tuple[Document, Document]) -> None:
    old, new = pair
    report = check(new, against=old)
    assert all(f.code in CODES and f.where and f.message for f in report.findings)
    assert sum(n for _code, n in report.counts) == len(report.findings)
    assert len(to_text(report).splitlines()) == len(report.findings) + 1


@settings(max_examples=30, deadline=None)
@given(st.one_of(documents(), structured()))
def test_a_version_against_itself_adds_no_finding(doc: Document) -> None:
    assert check(doc, against=doc) == check(doc)
