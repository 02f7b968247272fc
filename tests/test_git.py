"""Drafts in git (issue 14): `treaty git setup`, the diff driver and the merge driver, each fact
tested with the real git in a throwaway repository, the way a delegation's repository uses it."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from drafting.model import Document, Point
from drafting.readers import read_document
from drafting.writers import document_writer
from tests import lo
from tests.conftest import need

TREATY = Path(sys.executable).parent / "treaty"
RECORD, EXPORT = "drafts/lighthouse/v2.json", "drafts/lighthouse/v2.docx"


def draft(passage: str = "by day", fee: str = "40", review: str = "five") -> Document:
    """A three-article draft; each argument is the words one delegation may change."""
    def art(label: str, heading: str, text: str) -> Point:
        return Point(f"art-{label}", label, "article", heading, (text,), ())

    return Document(title="Agreement on the Lighthouse Channel", points=(
        art("1", "Passage", f"Vessels of both Parties may pass through the channel {passage}."),
        art("2", "Fees", f"A fee of {fee} units shall be paid for each passage."),
        art("3", "Review", f"The Parties shall review this Agreement every {review} years.")))


class Repo:
    """A git repository in a temporary folder, with `treaty git setup` run, and git's and treaty's
    output at hand; HOME is the test's own, so no one's global config takes part."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.env = {**os.environ, "HOME": str(root.parent), "GIT_CONFIG_NOSYSTEM": "1",
                    "XDG_CONFIG_HOME": str(root.parent / ".config"), "GIT_PAGER": "cat", "PAGER": "cat",
                    "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                    "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def run(self, *args: str, ok: tuple[int, ...] = (0,)) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(args, cwd=self.root, env=self.env, capture_output=True, text=True, timeout=60)
        assert done.returncode in ok, f"{args} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
        return done

    def git(self, *args: str, ok: tuple[int, ...] = (0,)) -> subprocess.CompletedProcess[str]:
        return self.run("git", *args, ok=ok)

    def treaty(self, *args: str, ok: tuple[int, ...] = (0,)) -> subprocess.CompletedProcess[str]:
        return self.run(str(TREATY), *args, ok=ok)

    def put(self, path: str, doc: Document, fmt: str = "") -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        data = document_writer(fmt or target.suffix[1:])(doc)
        target.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))

    def commit(self, message: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)

    def text(self, path: str) -> str:
        """The document at `path` as plain text, through the reader its suffix names."""
        return str(document_writer("txt")(read_document(self.root / path)))


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    need(shutil.which("git") is not None, "git")
    made = Repo(tmp_path / "drafts-repo")
    made.treaty("git", "setup")
    return made


def branches(repo: Repo, paths: tuple[str, ...], ours: Document, theirs: Document, *,
             base: Document = draft(), added: bool = True) -> None:
    """`paths` in `base` on main; branch US changes them to `ours`, branch Ukraine to `theirs`,
    both from main; US checked out. `added`: each branch adds the next version (the paths hold
    v2, main has v1), as two assemblies do; else the branches edit the files in place."""
    for path in paths:
        repo.put(path.replace("v2", "v1") if added else path, base)
    repo.commit("the chair's text")
    for name, doc in (("US", ours), ("Ukraine", theirs)):
        repo.git("checkout", "-q", "-b", name, "main")
        for path in paths:
            repo.put(path, doc)
        repo.commit(f"{name}'s version")
    repo.git("checkout", "-q", "US")


# --- setup ------------------------------------------------------------------------------------


def test_setup_writes_the_attributes_and_config_once_and_undo_removes_only_them(repo: Repo) -> None:
    config = repo.git("config", "--local", "--get-regexp", r"^(diff|merge)\.treaty\.").stdout
    exe = str(TREATY.absolute())
    assert f"diff.treaty.textconv {exe} git textconv" in config
    assert f"diff.treaty.command {exe} git external-diff" in config
    assert f"merge.treaty.driver {exe} git merge-driver %O %A %B %L %P" in config
    assert "merge.treaty.name " in config
    assert repo.git("check-attr", "diff", "merge", "--", "a/b.docx", RECORD, "notes.json").stdout.splitlines() == [
        "a/b.docx: diff: treaty", "a/b.docx: merge: treaty", f"{RECORD}: diff: treaty", f"{RECORD}: merge: treaty",
        "notes.json: diff: unspecified", "notes.json: merge: unspecified"]
    attributes = (repo.root / ".gitattributes").read_text()
    again = repo.treaty("git", "setup").stdout
    assert "already set: diff.treaty.textconv" in again and "git config" not in again
    assert (repo.root / ".gitattributes").read_text() == attributes  # idempotent
    assert repo.git("config", "--local", "--get-regexp", r"^(diff|merge)\.treaty\.").stdout == config
    # What the user wrote stays through undo: a line of theirs (also one setup writes) and a key of theirs.
    (repo.root / ".gitattributes").write_text("*.pdf binary\n" + attributes + "*.docx diff=treaty merge=treaty\n")
    repo.git("config", "merge.treaty.recursive", "binary")
    undone = repo.treaty("git", "setup", "--undo").stdout
    assert "--unset diff.treaty.textconv" in undone
    assert (repo.root / ".gitattributes").read_text() == "*.pdf binary\n*.docx diff=treaty merge=treaty\n"
    left = repo.git("config", "--local", "--get-regexp", r"^(diff|merge)\.treaty\.").stdout
    assert left == "merge.treaty.recursive binary\n"
    assert "[diff \"treaty\"]" not in (repo.root / ".git" / "config").read_text()
    assert "nothing to undo" in repo.treaty("git", "setup", "--undo").stdout


def test_setup_undo_removes_a_gitattributes_it_created(repo: Repo) -> None:
    repo.treaty("git", "setup", "--undo")
    assert not (repo.root / ".gitattributes").exists()
    assert repo.git("config", "--local", "--get-regexp", r"treaty", ok=(1,)).stdout == ""


def test_setup_never_replaces_a_users_driver_nor_runs_outside_a_repository(repo: Repo, tmp_path: Path) -> None:
    repo.treaty("git", "setup", "--undo")
    repo.git("config", "diff.treaty.textconv", "my-own-tool")
    refused = repo.treaty("git", "setup", ok=(2,))
    assert "already set to 'my-own-tool'" in refused.stderr and "Traceback" not in refused.stderr
    assert not (repo.root / ".gitattributes").exists()  # nothing written
    assert repo.git("config", "diff.treaty.command", ok=(1,)).stdout == ""
    outside = tmp_path / "not-a-repo"
    outside.mkdir()
    done = subprocess.run([str(TREATY), "git", "setup"], cwd=outside, capture_output=True, text=True,
                          env={**repo.env, "GIT_CEILING_DIRECTORIES": str(tmp_path)}, timeout=60)
    assert done.returncode == 2 and "not in a git repository" in done.stderr and "--global" in done.stderr


def test_setup_global_writes_the_users_config_and_attributes_file(repo: Repo) -> None:
    home = repo.root.parent
    repo.treaty("git", "setup", "--global")
    assert "merge-driver %O %A %B %L %P" in (home / ".gitconfig").read_text()
    assert "drafts/**/*.json diff=treaty merge=treaty" in (home / ".config" / "git" / "attributes").read_text()
    repo.treaty("git", "setup", "--global", "--undo")
    assert "treaty" not in (home / ".gitconfig").read_text()
    assert not (home / ".config" / "git" / "attributes").exists()


# --- the diff driver -----------------------------------------------------------------------------


def test_git_diff_prints_the_redline_and_the_textconv_serves_log_show_and_no_ext_diff(repo: Repo) -> None:
    paths = ("text.docx", RECORD)
    for path in paths:
        repo.put(path, draft())
    repo.commit("v1")
    for path in paths:
        repo.put(path, draft(fee="55"))
    redline = repo.git("diff").stdout
    for path in paths:
        assert f"treaty diff a/{path} b/{path}" in redline
    assert "2 [changed]" in redline and "A fee of [-40-]{+55+} units" in redline and "1 [same]" in redline
    plain = repo.git("diff", "--no-ext-diff").stdout
    assert "-A fee of 40 units shall be paid for each passage." in plain
    assert "+A fee of 55 units shall be paid for each passage." in plain and "treaty diff" not in plain
    repo.commit("the fee")
    for shown in (repo.git("log", "-p", "-1").stdout, repo.git("show", "HEAD").stdout):
        assert "+A fee of 55 units" in shown and "treaty diff" not in shown  # the textconv
    for shown in (repo.git("log", "-p", "-1", "--ext-diff").stdout, repo.git("show", "--ext-diff").stdout):
        assert "A fee of [-40-]{+55+} units" in shown
    everything = repo.git("log", "-p").stdout + repo.git("diff", "HEAD~1", "--no-ext-diff").stdout
    assert "Binary files" not in everything
    assert "+Vessels of both Parties" in repo.git("show", "HEAD~1", "--", "text.docx").stdout  # added: the text


def test_the_external_diff_handles_added_deleted_and_renamed_drafts(repo: Repo) -> None:
    repo.put("old.docx", draft())
    repo.commit("v1")
    repo.git("mv", "old.docx", "new.docx")
    repo.put("new.docx", draft(review="ten"))
    repo.put("drafts/added.json", draft(passage="at night"))
    repo.git("add", "-A")
    shown = repo.git("diff", "--cached", "-M50%").stdout
    assert "treaty diff a/old.docx b/new.docx" in shown and "rename from old.docx" in shown
    assert "every [-five-]{+ten+} years" in shown
    assert "/dev/null -> b/drafts/added.json" in shown and "{+Vessels of both Parties may pass" in shown
    repo.commit("renamed")
    repo.git("rm", "-q", "new.docx")
    assert "[-The Parties shall review this Agreement every ten years.-]" in repo.git("diff", "--cached").stdout


def test_files_treaty_cannot_read_still_diff_as_text_or_say_why(repo: Repo) -> None:
    (repo.root / "drafts").mkdir()
    (repo.root / "drafts" / "settings.json").write_text('{"zoom": 1}\n')
    (repo.root / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    repo.commit("v1")
    (repo.root / "drafts" / "settings.json").write_text('{"zoom": 2}\n')
    (repo.root / "broken.docx").write_bytes(b"PK\x03\x04 still not a zip")
    for shown in (repo.git("diff").stdout, repo.git("diff", "--no-ext-diff").stdout):
        assert '+{"zoom": 2}' in shown and "treaty cannot read broken.docx" in shown
        assert "Binary files" not in shown


# --- the merge driver ----------------------------------------------------------------------------


def test_edits_of_different_points_merge_cleanly_in_the_record_and_the_export(repo: Repo) -> None:
    branches(repo, (RECORD, EXPORT), draft(passage="by day and by night"), draft(review="ten"))
    merged = repo.git("merge", "--no-edit", "Ukraine")
    assert "Merge made by" in merged.stdout and "merged cleanly" in merged.stderr
    assert "against drafts/lighthouse/v1.json (both added the file)" in merged.stderr  # add/add: v1 is the base
    want = str(document_writer("txt")(draft(passage="by day and by night", review="ten")))
    assert repo.text(RECORD) == want and repo.text(EXPORT) == want
    assert repo.git("status", "--porcelain").stdout == ""


def test_edits_of_the_same_point_conflict_as_alternatives_named_after_the_branches(repo: Repo) -> None:
    branches(repo, (RECORD, EXPORT), draft(fee="55"), draft(fee="25"))
    merged = repo.git("merge", "--no-edit", "Ukraine", ok=(1,))
    assert f"CONFLICT (add/add): Merge conflict in {RECORD}" in merged.stdout
    assert "conflict in Article 2: the same words changed differently" in merged.stderr
    assert sorted(repo.git("diff", "--name-only", "--diff-filter=U").stdout.split()) == sorted((RECORD, EXPORT))
    for path in (RECORD, EXPORT):
        assert "A fee of [US: 55] [Ukraine: 25] units shall be paid for each passage." in repo.text(path)
        assert "by day." in repo.text(path)  # the rest as both had it
    check = repo.treaty("check", RECORD, ok=(1,))
    assert "alternative-open" in check.stdout and "US, Ukraine" in check.stdout


def test_a_file_edited_in_place_merges_against_gits_base(repo: Repo) -> None:
    branches(repo, ("negotiation/text.docx", "negotiation/text.md"), draft(fee="55"), draft(passage="at dawn"),
             added=False)
    (repo.root / ".gitattributes").write_text((repo.root / ".gitattributes").read_text() + "*.md merge=treaty\n")
    repo.commit("markdown too")
    merged = repo.git("merge", "--no-edit", "Ukraine")
    assert "both added" not in merged.stderr
    for path in ("negotiation/text.docx", "negotiation/text.md"):
        assert repo.text(path) == str(document_writer("txt")(draft(fee="55", passage="at dawn")))


def _resaved(data: bytes, change: Callable[[str, bytes], bytes]) -> bytes:
    """A copy of a .docx with each part passed through `change` (as another program would save it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, change(info.filename, zin.read(info.filename)))
    return out.getvalue()


def test_a_docx_saved_by_word_is_left_as_it_is_and_the_merged_text_written_beside_it(repo: Repo) -> None:
    branches(repo, (EXPORT,), draft(fee="55"), draft(review="ten"))
    word = repo.root / EXPORT
    word.write_bytes(_resaved(word.read_bytes(), lambda name, data: data.replace(
        b"<cp:lastModifiedBy>treaty-drafting<", b"<cp:lastModifiedBy>A. Delegate<") if name == "docProps/core.xml"
        else data))
    repo.commit("US saved it in Word")
    ours = word.read_bytes()
    merged = repo.git("merge", "--no-edit", "Ukraine", ok=(1,))
    assert "US's copy was not written by treaty" in merged.stderr
    assert "the merged text is in drafts/lighthouse/v2.merged.docx" in merged.stderr
    assert word.read_bytes() == ours  # the delegation's file, untouched
    assert repo.git("diff", "--name-only", "--diff-filter=U").stdout.split() == [EXPORT]
    assert repo.text("drafts/lighthouse/v2.merged.docx") == str(document_writer("txt")(draft(fee="55", review="ten")))


def test_a_docx_with_tracked_changes_is_not_rebuilt(repo: Repo, tmp_path: Path) -> None:
    branches(repo, ("text.docx",), draft(fee="55"), draft(review="ten"), added=False)
    repo.git("checkout", "-q", "Ukraine")
    for name, doc in (("v1.md", draft()), ("v2.md", draft(review="ten"))):
        (tmp_path / name).write_text(str(document_writer("md")(doc)))
    repo.treaty("diff", str(tmp_path / "v1.md"), str(tmp_path / "v2.md"), "-o", "text.docx", "--force")
    repo.commit("Ukraine's version as tracked changes")
    repo.git("checkout", "-q", "US")
    merged = repo.git("merge", "--no-edit", "Ukraine", ok=(1,))
    assert "Ukraine's copy has tracked changes" in merged.stderr and "text.merged.docx" in merged.stderr
    assert repo.text("text.docx") == str(document_writer("txt")(draft(fee="55")))


def test_a_json_file_that_is_no_draft_merges_line_by_line(repo: Repo) -> None:
    base = "{\n  \"a\": 1,\n  \"b\": 1,\n  \"c\": 1\n}\n"
    (repo.root / "drafts").mkdir()
    (repo.root / "drafts" / "state.json").write_text(base)
    repo.commit("base")
    for name, text in (("US", base.replace('"a": 1', '"a": 2')), ("Ukraine", base.replace('"c": 1', '"c": 3'))):
        repo.git("checkout", "-q", "-b", name, "main")
        (repo.root / "drafts" / "state.json").write_text(text)
        repo.commit(name)
    repo.git("checkout", "-q", "US")
    merged = repo.git("merge", "--no-edit", "Ukraine")
    assert "merged line by line" in merged.stderr
    both = base.replace('"a": 1', '"a": 2').replace('"c": 1', '"c": 3')
    assert (repo.root / "drafts" / "state.json").read_text() == both


def test_a_merged_sha_names_its_alternatives_by_the_short_sha(repo: Repo) -> None:
    branches(repo, (RECORD,), draft(fee="55"), draft(fee="25"))
    sha = repo.git("rev-parse", "Ukraine").stdout.strip()
    repo.git("merge", "--no-edit", sha, ok=(1,))
    assert "[US: 55] [" in repo.text(RECORD) and f"{sha[:7]}: 25]" in repo.text(RECORD)
    assert sha[:8] not in repo.text(RECORD)


@pytest.mark.libreoffice
def test_libreoffice_opens_the_merged_negotiating_text_with_the_alternatives_marked(repo: Repo) -> None:
    lo.require()
    branches(repo, (EXPORT,), draft(fee="55"), draft(fee="25"))
    repo.git("merge", "--no-edit", "Ukraine", ok=(1,))
    merged = repo.root / EXPORT
    texts = [p.text for p in lo.as_paragraphs(merged, "none")]
    assert "A fee of [US: 55] [Ukraine: 25] units shall be paid for each passage." in texts
    with zipfile.ZipFile(merged) as package:
        body = package.read("word/document.xml").decode()
    assert body.count('<w:rStyle w:val="TreatyAlternative"/>') >= 2  # each alternative in its style
