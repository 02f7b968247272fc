"""`treaty diff --format amendments` and `treaty consolidate` from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafting.amend import shape
from drafting.readers import read_document
from tests.cli.test_cli import treaty

ROOT = Path(__file__).resolve().parents[2]
DRAFT = ROOT / "tests/golden/pairs/inline-draft-signed/draft.txt"
SIGNED = ROOT / "tests/golden/pairs/inline-draft-signed/signed.txt"


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_markdown_on_stdout_with_a_heading(here: Path) -> None:
    code, out, err = treaty("diff", str(DRAFT), str(SIGNED), "-f", "amendments", "--protocol", "Protocol of 1952")
    assert code == 0, err
    assert out.startswith("# Protocol of 1952\n") and "7. Articles I to XI become Articles 1 to 11." in out


@pytest.mark.parametrize("suffix", [".md", ".txt", ".docx", ".xml"])
def test_written_then_consolidated_gives_the_signed_text(here: Path, suffix: str) -> None:
    protocol = here / f"protocol{suffix}"
    assert treaty("diff", str(DRAFT), str(SIGNED), "-f", "amendments", "-o", str(protocol))[0] == 0
    code, _, err = treaty("consolidate", str(DRAFT), str(protocol), "-o", "consolidated.json")
    assert code == 0, err
    assert "7 instruction(s) applied" in err
    assert shape(read_document(here / "consolidated.json")) == shape(read_document(SIGNED))


def test_the_threshold_replaces_units_whole(here: Path) -> None:
    _, few, _ = treaty("diff", str(DRAFT), str(SIGNED), "-f", "amendments")
    _, none, _ = treaty("diff", str(DRAFT), str(SIGNED), "-f", "amendments", "--word-changes", "0")
    assert "the word “external” is inserted" in few and "Article II is replaced by the following:" not in few
    assert "Article II is replaced by the following:" in none and "the word “external”" not in none


def test_a_draft_of_the_library_keeps_its_consolidated_version(here: Path) -> None:
    drafts = here / "drafts"
    for name in ("plan-28-point", "plan-20-point"):
        (drafts / name).mkdir(parents=True)
        (drafts / name / "v1.json").write_bytes((ROOT / "drafts" / name / "v1.json").read_bytes())
    assert treaty("diff", "plan-28-point/v1", "plan-20-point/v1", "-f", "amendments", "-o", "p.md")[0] == 0
    code, _, err = treaty("consolidate", "plan-28-point/v1", "p.md")
    assert code == 0, err
    kept = read_document(drafts / "plan-28-point" / "v2.json")
    assert shape(kept) == shape(read_document(drafts / "plan-20-point" / "v1.json"))
    assert dict(kept.meta.extra)["consolidated-from"] == "v1"


@pytest.mark.parametrize(("protocol", "says"), [
    ("1. Article XII is deleted.\n", "no Article XII"),
    ("1. In Article IV, the words “ten years” are replaced by “five years”.\n", "are not in Article IV"),
    ("1. Article V is swapped.\n2. Article IV is deleted.\n", "no form known here"),
])
def test_a_protocol_that_cannot_be_applied_writes_nothing(here: Path, protocol: str, says: str) -> None:
    (here / "p.md").write_text(protocol, encoding="utf-8")
    code, out, err = treaty("consolidate", str(DRAFT), "p.md", "-o", "out.md")
    assert code == 2 and says in err and "Traceback" not in err + out
    assert not (here / "out.md").exists()


def test_mistakes_are_said_plainly(here: Path) -> None:
    code, _, err = treaty("diff", str(DRAFT), str(SIGNED), "-f", "amendments", "-o", "p.html")
    assert code == 2 and "not written as '.html'" in err
    code, _, err = treaty("diff", str(DRAFT), str(SIGNED), "--word-changes", "2")
    assert code == 2 and "for --format amendments" in err
    code, _, err = treaty("consolidate", str(DRAFT), "missing.md", "-o", "x.md")
    assert code == 2 and "file not found" in err
    (here / "p.md").write_text("1. Article XI is deleted.\n", encoding="utf-8")
    code, _, err = treaty("consolidate", str(DRAFT), "p.md")
    assert code == 2 and "-o FILE" in err
    code, _, err = treaty("consolidate", str(DRAFT), str(SIGNED), "-o", "x.md")
    assert code == 2 and "no amending instruction" in err


def test_two_texts_that_say_the_same_need_no_protocol(here: Path) -> None:
    code, out, err = treaty("diff", str(DRAFT), str(DRAFT), "-f", "amendments", "-o", "p.md")
    assert code == 0 and "nothing to amend" in err and not (here / "p.md").exists()
