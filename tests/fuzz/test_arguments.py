"""Careless command lines: labels that are paths, odd -o targets, contradicting formats."""

from __future__ import annotations

from tests.fuzz import arguments
from tests.fuzz.harness import Fuzzer


def test_careless_command_lines(fuzzer: Fuzzer) -> None:
    fuzzer.expect_nothing("arguments", arguments.careless())
