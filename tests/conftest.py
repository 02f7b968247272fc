"""Shared test fixtures: the published corpus, tool checks, golden-file updates."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="Rewrite the golden files under tests/golden/ (review the change like code).")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def need(available: bool, what: str) -> None:
    """Skip when a system tool is absent, but fail in CI (TREATY_REQUIRE_TOOLS=1), which installs it."""
    if available:
        return
    if os.environ.get("TREATY_REQUIRE_TOOLS"):
        pytest.fail(f"{what} is required here (TREATY_REQUIRE_TOOLS is set) but missing")
    pytest.skip(f"{what} not installed")


def has_libreoffice() -> bool:
    if not shutil.which("soffice") or not Path("/usr/bin/python3").exists():
        return False
    return subprocess.run(["/usr/bin/python3", "-c", "import uno"], capture_output=True).returncode == 0


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The folder of published texts; tests that use it skip cleanly when it is absent."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus not found")
    return CORPUS
