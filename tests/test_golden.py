"""Golden files: the shipped drafts and each redline renderer on a small pair.

Run `pytest --update-golden` to rewrite them; review the change like code.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafting.assemble import assemble
from drafting.diff import diff
from drafting.library import load_library
from drafting.writers import document_writer, redline_writer

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden"
FIXTURE = Path(__file__).parent / "fixtures" / "library"
SHIPPED = ("plan-28-point", "plan-20-point", "europe-counterproposal", "bilateral-security-agreement")


def check(path: Path, actual: str, update: bool) -> None:
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run pytest --update-golden"
    assert actual == path.read_text(encoding="utf-8"), f"{path} differs (pytest --update-golden to accept)"


def small_pair():  # type: ignore[no-untyped-def]
    lib = load_library(FIXTURE / "clauses")
    old = assemble("plan", lib, FIXTURE / "templates").with_meta(version="v1")
    new = assemble("moved", lib, FIXTURE / "templates", position="europe").with_meta(version="v2")
    return old, new


@pytest.mark.parametrize(("fmt", "suffix", "options"), [
    ("term", "term.txt", {"color": False}),
    ("md", "md", {}),
    ("json", "json", {}),
])
def test_redline_renderers(fmt: str, suffix: str, options: dict[str, object], update_golden: bool) -> None:
    redline = diff(*small_pair())
    check(GOLDEN / "redline-small" / f"expected.{suffix}", str(redline_writer(fmt)(redline, **options)),
          update_golden)


@pytest.mark.parametrize("template", SHIPPED)
@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_shipped_drafts(template: str, fmt: str, update_golden: bool) -> None:
    doc = assemble(template, load_library(ROOT / "clauses"), ROOT / "templates")
    check(GOLDEN / "drafts" / f"{template}.{fmt}", str(document_writer(fmt)(doc)), update_golden)


def test_shipped_plans_have_their_point_counts() -> None:
    lib = load_library(ROOT / "clauses")
    assert len(assemble("plan-28-point", lib, ROOT / "templates").points) == 28
    assert len(assemble("plan-20-point", lib, ROOT / "templates").points) == 20
    bilateral = assemble("bilateral-security-agreement", lib, ROOT / "templates",
                         settings={"guarantors": "the United States of America, the French Republic"})
    assert bilateral.preamble and all(p.kind == "article" for p in bilateral.points)
    assert "the French Republic" in " ".join(p.text for p in bilateral.points)
