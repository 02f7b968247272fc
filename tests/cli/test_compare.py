"""`treaty compare` from the command line: formats by suffix, options, mistakes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pytest

from tests.cli.test_cli import treaty

ROOT = Path(__file__).resolve().parents[2]
PLANS = [str(ROOT / f"drafts/{n}/v1.json") for n in ("plan-28-point", "europe-counterproposal", "plan-20-point")]


def test_each_format_is_written_and_the_labels_name_the_columns(tmp_path: Path) -> None:
    for suffix in ("html", "docx", "xlsx", "md", "json"):
        out = tmp_path / f"s.{suffix}"
        code, _, err = treaty("compare", *PLANS, "--labels", "US,Europe,Framework", "-o", str(out))
        assert code == 0, err
        assert out.stat().st_size > 0
    data = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert [v["label"] for v in data["versions"]] == ["US", "Europe", "Framework"]
    book = openpyxl.load_workbook(io.BytesIO((tmp_path / "s.xlsx").read_bytes()))
    assert book["Synopsis"].max_row == 1 + len(data["rows"])
    code, out, _ = treaty("compare", *PLANS, "--no-color")
    assert code == 0 and "subjects in 3 versions" in out


def test_base_and_excerpt_reach_the_synopsis(tmp_path: Path) -> None:
    out = tmp_path / "s.json"
    assert treaty("compare", *PLANS, "--base", "1", "--excerpt", "2", "-o", str(out))[0] == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["base"] == 0 and [v["excerpt"] for v in data["versions"]] == [False, True, False]


@pytest.mark.parametrize("args, words", [
    (["--base", "4"], "--base 4"), (["--excerpt", "0"], "--excerpt 0"), (["--labels", "a,b"], "--labels"),
    (["-f", "txt"], "not 'txt'"), (["--marks", "plain"], "--marks is for"), (["-f", "docx", "--marks", "x"], "tracked or plain"),
])
def test_mistakes_are_messages_with_exit_2(args: list[str], words: str) -> None:
    code, _, err = treaty("compare", *PLANS, *args)
    assert code == 2 and words in err, err


def test_one_version_is_not_a_synopsis() -> None:
    code, _, err = treaty("compare", PLANS[0])
    assert code == 2 and "at least two" in err
