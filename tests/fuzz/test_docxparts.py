"""Word packages from a counterpart: hostile numbering, bodies and package parts, damaged zips."""

from __future__ import annotations

from tests.fuzz import docxparts
from tests.fuzz.harness import Fuzzer


def test_show_hostile_docx(fuzzer: Fuzzer) -> None:
    fuzzer.expect_nothing("show-docx", docxparts.show_docx())


def test_diff_hostile_docx(fuzzer: Fuzzer) -> None:
    fuzzer.expect_nothing("diff-docx", docxparts.diff_docx())
