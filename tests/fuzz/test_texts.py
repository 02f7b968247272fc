"""Files a counterpart sends: random bytes and hostile agreements, shown and redlined."""

from __future__ import annotations

from tests.fuzz import texts
from tests.fuzz.harness import Fuzzer


def test_show_random_bytes(fuzzer: Fuzzer) -> None:
    fuzzer.expect_nothing("show-bytes", texts.show_bytes())


def test_show_hostile_text(fuzzer: Fuzzer) -> None:
    fuzzer.expect_nothing("show-text", texts.show_text())


def test_diff_hostile_texts(fuzzer: Fuzzer) -> None:
    fuzzer.expect_nothing("diff-text", texts.diff_texts())
