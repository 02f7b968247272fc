"""`treaty assemble --positions` and `treaty resolve` from the command line, on the shipped library."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafting.brackets import places
from drafting.readers import read_document
from tests.cli.test_cli import treaty

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _lib(*args: str) -> tuple[int, str, str]:
    return treaty(*args, "--library", str(ROOT / "clauses"), "--templates", str(ROOT / "templates")) \
        if args[0] == "assemble" else treaty(*args)


def test_negotiating_text_is_kept_resolved_into_the_next_version_and_not_twice(here: Path) -> None:
    assert _lib("assemble", "plan-28-point", "--positions", "all")[0] == 0
    code, _, err = treaty("resolve", "plan-28-point/v1", "--take", "us-draft")
    assert code == 0, err
    assert "point 6: took US draft (28-point plan)" in err and "0 still open" in err
    record = json.loads((here / "drafts/plan-28-point/v2.json").read_text(encoding="utf-8"))
    assert record["meta"]["extra"]["resolved-from"] == "v1"
    assert places(read_document(here / "drafts/plan-28-point/v2.json")) == []
    code, _, err = treaty("resolve", "plan-28-point/v1", "--take", "us-draft")
    assert code == 0 and "identical to" in err
    assert not (here / "drafts/plan-28-point/v3.json").exists()


def test_a_position_no_place_has_stays_open_and_is_listed(here: Path) -> None:
    _lib("assemble", "plan-28-point", "--positions", "us-draft,europe")
    code, _, err = treaty("resolve", "plan-28-point/v1", "--take", "mutual-defence.us-guarantee=europe",
                          "-o", "out.md")
    assert code == 0, err
    assert "point 10: took European counter-proposal" in err
    assert "still open: point 6: 2 alternatives" in err
    text = (here / "out.md").read_text(encoding="utf-8")
    assert "similar to the commitment in Article 5" in text and "[US draft" in text


def test_mistakes_are_messages_with_exit_2(here: Path) -> None:
    _lib("assemble", "plan-28-point", "--positions", "all")
    code, _, err = treaty("resolve", "plan-28-point/v1")
    assert code == 2 and "nothing to resolve" in err
    code, _, err = treaty("resolve", "plan-28-point/v1", "--take", "mutual-defense.us-guarantee=europe")
    assert code == 2 and "did you mean: mutual-defence.us-guarantee" in err
    (here / "plain.md").write_text("A\n\n1. All [shall] act.\n", encoding="utf-8")
    code, _, err = treaty("resolve", "plain.md", "--agree", "all")
    assert code == 2 and "-o FILE" in err
    code, _, err = _lib("assemble", "plan-28-point", "--positions", "all,ukraine")
    assert code == 2 and "--positions" in err
    code, _, err = _lib("assemble", "plan-28-point", "--positions", "us-draft", "--position", "europe")
    assert code == 2 and "not both" in err


def test_the_main_job_names_the_negotiating_text_and_its_resolution() -> None:
    """`make run` resolves a kept version by its label: it must be the negotiating text, and its
    resolution the US draft, or the README's story is about other texts."""
    import re

    from drafting.assemble import assemble
    from drafting.library import load_library
    from drafting.store import draft_reference

    names = dict(re.findall(r"^(NEGOTIATING|RESOLVED)\s*:=\s*(\S+)", (ROOT / "Makefile").read_text(), re.M))
    library, templates = load_library(ROOT / "clauses"), ROOT / "templates"
    negotiating = read_document(draft_reference(names["NEGOTIATING"], ROOT / "drafts"))  # type: ignore[arg-type]
    resolved = read_document(draft_reference(names["RESOLVED"], ROOT / "drafts"))  # type: ignore[arg-type]
    template = names["NEGOTIATING"].split("/")[0]
    assert negotiating.content_hash == assemble(template, library, templates, positions=("all",)).content_hash
    assert len(places(negotiating)) >= 6
    assert resolved.content_hash == assemble(template, library, templates, position="us-draft").content_hash
    assert places(resolved) == []
