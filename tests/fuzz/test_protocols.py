"""Amending protocols from a counterpart, consolidated: mutated golden protocols on their texts."""

from __future__ import annotations

import pytest

from tests.fuzz import protocols
from tests.fuzz.harness import Fuzzer
from tests.fuzz.judge import judge


def test_consolidate_hostile_protocols(fuzzer: Fuzzer) -> None:
    fuzzer.expect_nothing("consolidate", protocols.consolidations())


def _step(exit_code: int, changes: list[list[str]]) -> dict[str, object]:
    return {"args": ["consolidate", "base.txt", "protocol.md", "-o", "out.md"], "exit": exit_code, "stdout": "",
            "stderr": "error: x" if exit_code else "", "exception": "", "child_exit": 0, "signal": "",
            "timeout": False, "targets": {"output": "w/out.md"}, "changes": changes, "reprs": []}


@pytest.mark.parametrize(("exit_code", "changes", "kind"), [
    (2, [["w/out.md", "created", "file"]], "wrote-on-error"),
    (2, [], ""),
    (0, [["w/out.md", "created", "file"]], ""),
])
def test_a_mistake_leaves_no_output_file(exit_code: int, changes: list[list[str]], kind: str) -> None:
    """The judge's rule for every command: exit 2 and an -o file written is a finding."""
    assert " ".join(v.kind for v in judge(_step(exit_code, changes), "w")) == kind
