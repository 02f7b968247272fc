"""The `treaty` command in-process: exit codes, messages without tracebacks, help everywhere."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from drafting.cli.main import app

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "library"
runner = CliRunner()


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A delegation's folder with its own clauses/ and templates/."""
    shutil.copytree(FIXTURE / "clauses", tmp_path / "clauses")
    shutil.copytree(FIXTURE / "templates", tmp_path / "templates")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def treaty(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def all_commands() -> list[tuple[str, ...]]:
    root = get_command(app)
    out: list[tuple[str, ...]] = []

    def walk(cmd: Any, path: tuple[str, ...]) -> None:
        out.append(path)
        if hasattr(cmd, "commands"):
            for name, sub in cmd.commands.items():
                walk(sub, (*path, name))

    walk(root, ())
    return out


@pytest.mark.parametrize("path", all_commands(), ids=lambda p: " ".join(p) or "treaty")
def test_every_command_has_help(path: tuple[str, ...]) -> None:
    code, out, _ = treaty(*path, "--help")
    assert code == 0
    assert "Usage" in out
    cmd = get_command(app)
    for name in path:
        cmd = cmd.commands[name]  # type: ignore[attr-defined]
    assert cmd.help or cmd.short_help, f"`treaty {' '.join(path)}` has no help text"


def test_version() -> None:
    code, out, _ = treaty("--version")
    assert code == 0 and out.startswith("treaty ")


def test_assemble_keeps_versions_and_finds_identical(workdir: Path) -> None:
    code, _, err = treaty("assemble", "plan")
    assert code == 0 and "wrote drafts/plan/v1.json, drafts/plan/v1.md" in err
    record = json.loads((workdir / "drafts/plan/v1.json").read_text(encoding="utf-8"))
    assert record["meta"]["version"] == "v1" and len(record["points"]) == 4
    code, _, err = treaty("assemble", "plan")
    assert code == 0 and "identical to drafts/plan/v1.json" in err
    assert not (workdir / "drafts/plan/v2.json").exists()
    code, _, err = treaty("assemble", "plan", "--set", "personnel=800000")
    assert code == 0 and (workdir / "drafts/plan/v2.md").exists()
    code, out, _ = treaty("diff", "plan/v1", "plan/v2", "--format", "json")
    assert code == 0
    assert json.loads(out)["summary"]["points"] == {"same": 3, "changed": 1}


def test_show_json_reads_back_into_the_same_tree(workdir: Path) -> None:
    treaty("assemble", "plan")
    code, out, _ = treaty("show", "plan", "--format", "json")
    assert code == 0
    (workdir / "copy.json").write_text(out, encoding="utf-8")
    code, again, _ = treaty("show", "copy.json", "--format", "json")
    assert again == out


def test_diff_exit_code_is_opt_in(workdir: Path) -> None:
    treaty("assemble", "plan")
    treaty("assemble", "plan", "--set", "personnel=700000")
    assert treaty("diff", "plan/v1", "plan/v2")[0] == 0
    assert treaty("diff", "plan/v1", "plan/v2", "--exit-code")[0] == 1
    assert treaty("diff", "plan/v1", "plan/v1", "--exit-code")[0] == 0


@pytest.mark.parametrize(("args", "message"), [
    (("assemble", "plann"), "unknown template 'plann'"),
    (("assemble", "plan", "--set", "personnel=lots"), "must be a whole number"),
    (("assemble", "plan", "--set", "personnel"), "is not NAME=VALUE"),
    (("assemble", "plan", "--set", "personel=5"), "did you mean: personnel"),
    (("assemble", "plan", "--position", "mars"), "no clause in this draft has a position 'mars'"),
    (("clauses", "list", "--family", "co"), "did you mean: core"),  # an abbreviation is a near match
    (("assemble", "plan", "--position", "eu"), "did you mean: europe"),
    (("assemble", "plan", "--format", "pdf"), "unknown document format 'pdf'"),
    (("assemble", "plan", "--date", "yesterday"), "is not a date"),
    (("clauses", "show", "core.cieling"), "did you mean: core.ceiling"),
    (("clauses", "list", "--family", "cor"), "did you mean: core"),
    (("show", "missing.json"), "file not found"),
    (("diff", "missing.txt", "plan"), "file not found"),
    (("diff", "templates", "templates"), "this is a folder"),
])
def test_user_mistakes_exit_2_without_traceback(workdir: Path, args: tuple[str, ...], message: str) -> None:
    code, out, err = treaty(*args)
    assert code == 2, (out, err)
    assert message in err
    assert "Traceback" not in err + out


def test_library_mistakes_from_the_cli(workdir: Path) -> None:
    path = workdir / "clauses" / "core.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("version: \"1.1\"", "version: [1.1"),
                    encoding="utf-8")
    code, _, err = treaty("clauses", "list")
    assert code == 2 and "core.yaml:" in err and "YAML syntax error" in err


def test_existing_outputs_are_never_overwritten(workdir: Path) -> None:
    (workdir / "mine.md").write_text("my own notes", encoding="utf-8")
    code, _, err = treaty("assemble", "plan", "-o", "mine.md")
    assert code == 2 and "exists" in err
    assert (workdir / "mine.md").read_text(encoding="utf-8") == "my own notes"
    treaty("assemble", "plan")
    code, _, err = treaty("assemble", "plan", "--label", "v1")
    assert code == 2 and "exists" in err
    code, _, _ = treaty("assemble", "plan", "-o", "mine.md", "--force")
    assert code == 0 and "# Test Plan" in (workdir / "mine.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("content", "name", "message"), [
    (b"", "empty.txt", "the file is empty"),
    (b"\x00\x01\x02binary", "blob.txt", "binary file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "old.doc", ".doc"),
    (b"{not json", "bad.json", "not valid JSON"),
    (b'{"format": "other"}', "other.json", "not a treaty-drafting document"),
    (b"some text", "file.pdf", "unknown input format"),
])
def test_bad_input_files(workdir: Path, content: bytes, name: str, message: str) -> None:
    (workdir / name).write_bytes(content)
    code, out, err = treaty("show", name)
    assert code == 2 and message in err and "Traceback" not in err


def test_a_hand_edited_draft_is_caught(workdir: Path) -> None:
    treaty("assemble", "plan")
    record = workdir / "drafts/plan/v1.json"
    record.write_text(record.read_text(encoding="utf-8").replace("600,000", "900,000"), encoding="utf-8")
    code, _, err = treaty("show", "plan/v1")
    assert code == 2 and "does not match its recorded hash" in err


def test_clauses_and_templates_list(workdir: Path) -> None:
    code, out, _ = treaty("clauses", "list")
    assert code == 0 and "core.ceiling" in out and "4 clauses in 1 families" in out
    code, out, _ = treaty("clauses", "show", "core.ceiling")
    assert code == 0 and "personnel (int, default 600000)" in out and "position europe" in out
    code, out, _ = treaty("templates", "list")
    assert code == 0 and "plan" in out and "a four-point test plan" in out


def test_assemble_writes_several_formats_and_fills_in_missing_ones(workdir: Path) -> None:
    code, _, err = treaty("assemble", "plan", "-f", "md", "-f", "docx")
    assert code == 0
    assert (workdir / "drafts/plan/v1.md").exists() and (workdir / "drafts/plan/v1.docx").exists()
    code, _, err = treaty("assemble", "plan", "-f", "txt")
    assert code == 0 and "wrote drafts/plan/v1.txt" in err and "identical" in err
    assert not (workdir / "drafts/plan/v2.json").exists()
    code, _, err = treaty("assemble", "plan", "-f", "md", "-f", "txt", "-o", "x.md")
    assert code == 2 and "one --format" in err


def test_a_tracked_redline_reads_back_accepted_or_rejected(workdir: Path) -> None:
    treaty("assemble", "plan")
    treaty("assemble", "plan", "--set", "personnel=800000")
    assert treaty("diff", "plan/v1", "plan/v2", "-f", "docx", "-o", "red.docx")[0] == 0
    code, out, err = treaty("show", "red.docx", "-f", "txt")
    assert code == 0 and "800,000" in out and "600,000" not in out
    assert "tracked changes; read with all changes accepted" in err
    code, out, err = treaty("show", "red.docx", "-f", "txt", "--as-is-rejected")
    assert code == 0 and "600,000" in out and "800,000" not in out and "rejected" in err


def test_comments_carry_clause_ids_into_word(workdir: Path) -> None:
    import zipfile

    treaty("assemble", "plan")
    assert treaty("export", "plan", "-o", "c.docx", "--comments")[0] == 0
    with zipfile.ZipFile(workdir / "c.docx") as z:
        comments = z.read("word/comments.xml").decode("utf-8")
    assert "core.ceiling" in comments and "1.1" in comments
    code, _, err = treaty("show", "plan", "-f", "md", "--comments")
    assert code == 2 and "--comments is for --format docx" in err


def test_text_in_another_encoding_is_decoded_and_said(workdir: Path) -> None:
    (workdir / "old.txt").write_bytes("1. The Parties’ guarantee — in force.\n\n2. Ceasefire.\n".encode("cp1252"))
    (workdir / "new.txt").write_text("1. The Parties’ guarantee — in force now.\n\n2. Ceasefire.\n", encoding="utf-8")
    code, out, err = treaty("diff", "old.txt", "new.txt", "--summary")
    assert code == 0 and "not UTF-8; decoded as cp1252" in err
    assert "1 changed" in out and "1 same" in out


def test_text_without_points_is_compared_as_paragraphs(workdir: Path) -> None:
    (workdir / "a.txt").write_text("Title\n\nFirst paragraph here.\n\nSecond paragraph.\n", encoding="utf-8")
    (workdir / "b.txt").write_text("Title\n\nFirst paragraph here.\n\nSecond paragraph, changed.\n", encoding="utf-8")
    code, out, err = treaty("diff", "a.txt", "b.txt")
    assert code == 0
    assert "no numbered points found; compared paragraph by paragraph" in err + out
    assert "{+, changed+}" in out


@pytest.mark.parametrize("path", [p for p in all_commands() if p and p[0] not in ("clauses", "templates")]
                         + [p for p in all_commands() if len(p) == 2], ids=lambda p: " ".join(p))
def test_every_command_is_in_the_readme(path: tuple[str, ...]) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"treaty {' '.join(path)}" in readme


@pytest.mark.parametrize("label", ["../../evil", "/tmp/evil", "a/b", "..", ".hidden", "v1 v2", ""])
def test_a_label_is_a_name_not_a_path(workdir: Path, label: str) -> None:
    code, out, err = treaty("assemble", "plan", "--label", label)
    assert code == 2 and "not a plain name" in err
    assert "Traceback" not in out + err
    assert not (workdir / "evil.json").exists() and not Path("/tmp/evil.json").exists()
    assert not (workdir.parent / "evil.json").exists()


def test_summary_as_json_and_exit_code_on_front_matter_only(workdir: Path) -> None:
    (workdir / "a.txt").write_text("Treaty A\n\n1. One.\n", encoding="utf-8")
    (workdir / "b.txt").write_text("Treaty B\n\n1. One.\n", encoding="utf-8")
    code, out, _ = treaty("diff", "a.txt", "b.txt", "--summary", "-f", "json")
    assert code == 0 and json.loads(out)["summary"] == {"points": {"same": 1}, "words_inserted": 1,
                                                        "words_deleted": 1}
    assert treaty("diff", "a.txt", "b.txt", "--exit-code")[0] == 1  # only the title differs
    assert treaty("diff", "a.txt", "a.txt", "--exit-code")[0] == 0


def test_the_output_suffix_picks_the_format_and_a_contradiction_is_refused(workdir: Path) -> None:
    (workdir / "a.txt").write_text("Treaty\n\n1. One.\n\n2. Two.\n", encoding="utf-8")
    (workdir / "b.txt").write_text("Treaty\n\n1. One.\n\n2. Three.\n", encoding="utf-8")
    assert treaty("show", "a.txt", "-o", "a.json")[0] == 0
    assert json.loads((workdir / "a.json").read_text(encoding="utf-8"))["format"].startswith("treaty-drafting/document@")
    assert treaty("diff", "a.txt", "b.txt", "-o", "r.html")[0] == 0
    assert (workdir / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert treaty("diff", "a.txt", "b.txt", "-o", "r.txt")[0] == 0
    assert "\x1b[" not in (workdir / "r.txt").read_text(encoding="utf-8")
    code, _, err = treaty("show", "a.txt", "-f", "md", "-o", "x.json")
    assert code == 2 and "does not match" in err and not (workdir / "x.json").exists()


def test_user_text_is_never_markup_and_a_missing_draft_says_how_to_make_it(workdir: Path) -> None:
    code, out, err = treaty("show", "[/x]")
    assert code == 2 and "[/x]" in err and "Traceback" not in out + err
    code, _, err = treaty("show", "plan")
    assert code == 2 and "treaty assemble plan" in err


def test_a_named_markdown_draft_is_read_as_named(workdir: Path) -> None:
    assert treaty("assemble", "plan", "-f", "md")[0] == 0
    md = workdir / "drafts" / "plan" / "v1.md"
    md.write_text(md.read_text(encoding="utf-8").replace("1. ", "1. EDITED ", 1), encoding="utf-8")
    code, out, _ = treaty("show", str(md), "-f", "txt")
    assert code == 0 and "EDITED" in out


def test_the_library_is_found_from_a_subfolder_and_system_errors_are_messages(workdir: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    sub = workdir / "notes" / "deep"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    code, out, _ = treaty("templates", "list")
    assert code == 0 and "moved" in out  # the fixture library's own template, found above
    (workdir / "afile").write_text("x", encoding="utf-8")
    code, out, err = treaty("assemble", "plan", "-o", str(workdir / "afile" / "x.md"))
    assert code == 2 and "Traceback" not in out + err and "afile" in err


ALIGNMENT = Path(__file__).resolve().parents[1] / "golden" / "alignment"


def test_explain_gives_the_evidence_for_pairs_and_the_reason_for_the_rest(workdir: Path) -> None:
    folder = ALIGNMENT / "unrelated-replacement"
    code, out, _err = treaty("diff", str(folder / "old.txt"), str(folder / "new.txt"), "--explain", "--no-color")
    assert code == 0
    reasons = out.split("Why the points were paired:")[1]
    assert "deleted point 2: " in reasons and "inserted point 2: " in reasons
    assert "below 0.50 for a pair in place" in reasons
    folder = ALIGNMENT / "reworded-in-place"
    code, out, _err = treaty("diff", str(folder / "old.txt"), str(folder / "new.txt"), "--explain", "--summary")
    assert "changed point 2 -> point 2: the same number in the same place" in out
    assert "rare words shared: " in out and "similarity 0." in out


def test_explain_keeps_a_json_redline_parseable(workdir: Path) -> None:
    folder = ALIGNMENT / "reworded-moved"
    result = runner.invoke(app, ["diff", str(folder / "old.txt"), str(folder / "new.txt"), "-f", "json", "--explain"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["summary"]["points"]["moved"] == 1
    assert "moved point 2 -> point 1" in result.stderr


def test_ignore_case_and_typography_make_such_differences_the_same(workdir: Path) -> None:
    folder = ALIGNMENT / "ignore-case-typography"
    args = ("diff", str(folder / "old.txt"), str(folder / "new.txt"), "-f", "json")
    _code, out, _err = treaty(*args)
    assert json.loads(out)["summary"]["points"] == {"changed": 3}
    _code, out, _err = treaty(*args, "--ignore-case", "--ignore-typography")
    data = json.loads(out)
    assert data["summary"]["points"] == {"same": 2, "changed": 1}
    assert data["summary"]["ignored"] == 5
    assert any("ignoring case and typography" in note for note in data["notes"])
    code, _out, _err = treaty(*args[:3], "--ignore-case", "--exit-code")
    assert code == 1  # "three stages" is a real change


def test_clauses_list_never_cuts_an_id(workdir: Path) -> None:
    (workdir / "clauses" / "long.yaml").write_text(
        "family: long\ntitle: Long\nclauses:\n"
        "  - id: long.an-exceptionally-long-clause-identifier-for-the-implementation-guarantees-annex\n"
        "    title: A [bold]title[/bold] with brackets and a long tail of words to wrap around\n"
        '    version: "1.10"\n    text: Text.\n    sources: ["test"]\n', encoding="utf-8")
    code, out, _err = treaty("clauses", "list", "--family", "long")
    assert code == 0
    assert "long.an-exceptionally-long-clause-identifier-for-the-implementation-guarantees-annex" in out
    assert "[bold]title[/bold]" in out.replace("\n", " ")


@pytest.mark.parametrize("path", all_commands())
def test_help_names_values_plainly(path: tuple[str, ...]) -> None:
    """--help says TEMPLATE, FILE, NAME=VALUE, never a Python type (<str>, <list[str]>) or {braces}."""
    code, out, _err = treaty(*path, "--help")
    assert code == 0
    for bad in ("<str>", "<list[str]>", "<path>", "<bool>", "{", "}"):
        assert bad not in out, (path, bad)


def _on_a_terminal(*args: str, cwd: Path) -> bytes:
    """What `treaty ARGS` prints when its standard output is a terminal (a pseudo-terminal)."""
    import os
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-c", "from drafting.cli.main import run; run()", *args], stdout=follower,
                            stderr=subprocess.DEVNULL, cwd=cwd, env={**os.environ, "NO_COLOR": "1"})
    os.close(follower)
    out = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    proc.wait(timeout=60)
    os.close(leader)
    return out


def test_escape_sequences_in_a_text_never_reach_the_terminal(workdir: Path) -> None:
    (workdir / "esc.txt").write_text("Plan \x1b]0;pwned\x07\x1b[2J\n\n1. The Parties \x1b[31mshall\x1b[0m act.\n",
                                     encoding="utf-8")
    (workdir / "esc2.txt").write_text("Plan\n\n1. The Parties shall act now.\n", encoding="utf-8")
    for args in (("show", "esc.txt"), ("show", "esc.txt", "-f", "txt"), ("diff", "esc.txt", "esc2.txt", "--no-color"),
                 ("diff", "esc.txt", "esc2.txt", "-f", "md")):
        out = _on_a_terminal(*args, cwd=workdir)
        assert b"Parties" in out, args
        assert b"\x1b" not in out and b"\x07" not in out, (args, out[:300])
        assert "\u241b".encode() in out, args  # ESC shown as a symbol


def test_a_pipe_or_a_device_is_refused_not_read(workdir: Path) -> None:
    import os

    os.mkfifo(workdir / "pipe.txt")
    code, _out, err = treaty("show", "pipe.txt")
    assert code == 2 and "not a regular file" in err
    code, _out, err = treaty("diff", "/dev/zero", "pipe.txt")
    assert code == 2 and "not a regular file" in err


def test_a_document_past_the_input_budget_is_refused_before_it_is_read(workdir: Path) -> None:
    from drafting.budgets import INPUT_BYTES

    big = workdir / "huge.txt"
    with big.open("wb") as handle:  # sparse: no disk used, no memory if it were read
        handle.truncate(INPUT_BYTES.value + 1)
    code, _out, err = treaty("show", "huge.txt")
    assert code == 2 and "input file size" in err


def test_assemble_and_show_take_the_format_from_the_output_suffix(workdir: Path) -> None:
    code, _out, _err = treaty("assemble", "plan", "-o", "out.json")
    assert code == 0 and json.loads((workdir / "out.json").read_text(encoding="utf-8"))["format"].startswith(
        "treaty-drafting/document")
    code, _out, err = treaty("assemble", "plan", "-f", "docx", "-o", "out.html")
    assert code == 2 and "does not match the output file's suffix" in err and not (workdir / "out.html").exists()
    code, _out, err = treaty("show", "out.json", "--outline", "-o", "outline.json")
    assert code == 2 and not (workdir / "outline.json").exists()
    assert treaty("show", "out.json", "--outline", "-o", "outline.txt")[0] == 0


def test_provenance_lists_clause_version_and_position_and_the_redline_carries_it(workdir: Path) -> None:
    treaty("assemble", "plan", "--position", "europe")
    code, out, _err = treaty("show", "plan", "--provenance")
    assert code == 0
    assert "core.ceiling 1.1, position europe" in out
    treaty("assemble", "plan")
    _code, out, _err = treaty("diff", "plan/v1", "plan/v2", "-f", "json")
    sides = [d["new"] for d in json.loads(out)["points"] if d["new"]]
    assert {"clause": "core.ceiling", "version": "1.1"} in [s.get("provenance") for s in sides]
    (workdir / "plain.txt").write_text("Plan\n\n1. A point.\n", encoding="utf-8")
    _code, out, _err = treaty("show", "plain.txt", "--provenance")
    assert "not assembled from the library" in out
