"""Templates and clause libraries from another delegation: assembled and browsed."""

from __future__ import annotations

from tests.fuzz import libraries
from tests.fuzz.harness import Fuzzer


def test_assemble_hostile_templates(fuzzer: Fuzzer) -> None:
    fuzzer.expect_nothing("assemble-template", libraries.assemble_template())


def test_hostile_clause_libraries(fuzzer: Fuzzer) -> None:
    fuzzer.expect_nothing("library", libraries.hostile_library())
