"""The fuzzer shared by the tests of this folder, its time share, and the run's report."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fuzz.harness import Budget, Fuzzer, Worker

_RUNS: list[Fuzzer] = []


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Count the fuzzing tests that will run, so a long run shares its time between them."""
    config.stash[_COUNT] = sum(1 for item in items if "fuzzer" in getattr(item, "fixturenames", ()))


_COUNT = pytest.StashKey[int]()


@pytest.fixture(scope="session")
def fuzzer(pytestconfig: pytest.Config) -> Iterator[Fuzzer]:
    """One worker for the session; the budget comes from TREATY_FUZZ_SECONDS and friends."""
    budget = Budget.from_env()
    worker = Worker(budget.limits)
    run = Fuzzer(budget, worker, share=budget.seconds / max(1, pytestconfig.stash.get(_COUNT, 1)))
    _RUNS.append(run)
    try:
        yield run
    finally:
        worker.close()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """How many cases ran and every finding, with the command that replays it."""
    for run in _RUNS:
        terminalreporter.section("fuzz")
        terminalreporter.write_line(run.summary())
