"""JSON documents with wrong types and depths, shown and redlined."""

from __future__ import annotations

from tests.fuzz import jsondocs
from tests.fuzz.harness import Fuzzer


def test_show_mutated_json(fuzzer: Fuzzer) -> None:
    fuzzer.expect_nothing("show-json", jsondocs.show_json())


def test_diff_mutated_json(fuzzer: Fuzzer) -> None:
    fuzzer.expect_nothing("diff-json", jsondocs.diff_json())
