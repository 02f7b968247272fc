"""Writes that never lose a draft and never replace what they should not (issue 11).

Parallel and killed assemblies run as real processes; system errors are simulated in process.
"""

from __future__ import annotations

import errno
import json
import os
import re
import signal
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from drafting import store
from tests.cli.test_cli import treaty, workdir  # noqa: F401  (workdir is a fixture used below)

PYTHON = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "python"
#: A child `treaty` (what `.venv/bin/treaty` runs: `drafting.cli.main.run`) that imports everything, says
#: "ready", and starts only when told: parallel runs then reach their writes together.
START_TOGETHER = """\
import sys
import drafting.assemble, drafting.library, drafting.writers.markdown, drafting.writers.json
from drafting.cli.main import run
print("ready", flush=True)
sys.stdin.readline()
sys.argv = ["treaty", *sys.argv[1:]]
run()
"""
#: A child `treaty` whose `nth` write stops halfway, says "stopped", and waits to be killed.
STOP_IN_WRITE = """\
import os, sys, time
from drafting import store
from drafting.cli.main import run
nth, writes = int(sys.argv[1]), []
real = store._write_all
def half_then_wait(fd, data):
    writes.append(fd)
    if len(writes) < nth:
        return real(fd, data)
    real(fd, data[: len(data) // 2])
    print("stopped", flush=True)
    time.sleep(3600)
store._write_all = half_then_wait
sys.argv = ["treaty", *sys.argv[2:]]
run()
"""


def header(md: Path) -> dict[str, str]:
    """The fields of a Markdown draft's first-line comment (version, hash...)."""
    first = md.read_text(encoding="utf-8").splitlines()[0]
    return dict(re.findall(r"(\w+)=([^;]*?)(?:;| -->)", first))


def agree(folder: Path, label: str) -> dict[str, object]:
    """The label's JSON record, after checking that its Markdown is the same draft."""
    record = json.loads((folder / f"{label}.json").read_text(encoding="utf-8"))
    md = header(folder / f"{label}.md")
    assert record["meta"]["version"] == label == md["version"]
    assert str(record["hash"]).startswith(md["hash"])
    return dict(record)


def visible(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- Parallel and killed runs -----------------------------------------------------------------


def test_parallel_assemblies_keep_every_draft_once(workdir: Path) -> None:
    """Eight runs at once, four drafts each assembled twice: four labels, none lost or mixed."""
    values = [610000, 620000, 630000, 640000] * 2
    children = [subprocess.Popen([str(PYTHON), "-c", START_TOGETHER, "assemble", "plan",
                                  "--set", f"personnel={value}", "-f", "md"],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True, cwd=workdir) for value in values]
    for child in children:
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    errors = [child.communicate(timeout=300)[1] for child in children]
    assert [child.returncode for child in children] == [0] * len(values), errors
    assert sum("identical to" in err for err in errors) == 4
    folder = workdir / "drafts" / "plan"
    labels = sorted(p.stem for p in store.draft_versions(folder))
    assert labels == ["v1", "v2", "v3", "v4"]
    assert visible(folder) == [f"v{n}.{suffix}" for n in range(1, 5) for suffix in ("json", "md")]
    kept = {json.dumps(agree(folder, label)["points"]) for label in labels}
    assert all(sum(f"{value:,}" in points for points in kept) == 1 for value in set(values))
    reported = sorted(m for err in errors for m in re.findall(r"wrote drafts/plan/(v\d+)\.json", err))
    assert reported == labels  # each run that said "wrote vN" kept vN


@pytest.mark.parametrize("nth", [1, 2], ids=["in the record", "in the markdown after the record"])
def test_a_run_killed_in_its_write_leaves_nothing_a_later_run_trips_over(workdir: Path, nth: int) -> None:
    child = subprocess.Popen([str(PYTHON), "-c", STOP_IN_WRITE, str(nth), "assemble", "plan", "-f", "md"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=workdir)
    assert child.stdout is not None and child.stdout.readline() == "stopped\n"
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=60)
    folder = workdir / "drafts" / "plan"
    assert len(leftovers(folder)) == 1  # killed halfway through a temporary file...
    assert visible(folder) == ([] if nth == 1 else ["v1.json"])  # ...and nothing half-written in view
    assert [p.name for p in store.draft_versions(folder)] == ([] if nth == 1 else ["v1.json"])
    assert store.next_label(folder) == f"v{nth}"

    code, _, err = treaty("assemble", "plan", "-f", "md")
    assert code == 0, err
    assert treaty("assemble", "plan", "--set", "personnel=700000", "-f", "md")[0] == 0
    assert leftovers(folder) == []
    assert visible(folder) == ["v1.json", "v1.md", "v2.json", "v2.md"]
    for label in ("v1", "v2"):
        agree(folder, label)
        assert treaty("show", f"plan/{label}")[0] == 0
    code, out, _ = treaty("diff", "plan/v1", "plan", "--summary")
    assert code == 0 and "1 changed" in out


def test_the_next_label_follows_the_newest_and_ignores_hidden_files(workdir: Path) -> None:
    for value in (610000, 620000, 630000):
        assert treaty("assemble", "plan", "--set", f"personnel={value}")[0] == 0
    folder = workdir / "drafts" / "plan"
    for name in ("v2.json", "v2.md"):
        (folder / name).unlink()
    (folder / ".v9.json.abcd1234.tmp").write_text("{", encoding="utf-8")
    (folder / ".v8.json").write_text("{}", encoding="utf-8")
    assert treaty("assemble", "plan", "--set", "personnel=640000")[0] == 0
    assert [p.name for p in store.draft_versions(folder)] == ["v1.json", "v3.json", "v4.json"]
    code, out, _ = treaty("show", "plan", "-f", "txt")
    assert code == 0 and "640,000" in out  # the latest is the one just assembled
    assert not (folder / ".v9.json.abcd1234.tmp").exists() and (folder / ".v8.json").exists()


# --- What is never replaced --------------------------------------------------------------------


def _symlink(path: Path) -> str:
    (path.parent / "target.md").write_text("my own notes", encoding="utf-8")
    path.symlink_to("target.md")
    return "a symbolic link"


def _dangling(path: Path) -> str:
    path.symlink_to("nowhere.md")
    return "a symbolic link"


def _pipe(path: Path) -> str:
    os.mkfifo(path)
    return "a named pipe"


def _device(path: Path) -> str:
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of our own
    except PermissionError:
        pytest.skip("making a device node needs root")
    return "a device"


def _folder(path: Path) -> str:
    path.mkdir()
    return "a folder"


@pytest.mark.parametrize("make", [_symlink, _dangling, _pipe, _device, _folder],
                         ids=["symlink", "dangling symlink", "fifo", "device", "folder"])
@pytest.mark.parametrize("force", [True, False], ids=["force", "no force"])
def test_output_that_is_not_a_regular_file_is_never_replaced(workdir: Path, make: Callable[[Path], str],
                                                             force: bool) -> None:
    out = workdir / "out.md"
    kind = make(out)
    before = out.lstat()
    code, stdout, err = treaty("assemble", "plan", "-o", str(out), *(["--force"] if force else []))
    assert code == 2 and f"this is {kind}" in err and "Traceback" not in stdout + err
    after = out.lstat()
    assert (after.st_mode, after.st_ino, after.st_rdev) == (before.st_mode, before.st_ino, before.st_rdev)
    if kind == "a symbolic link" and (workdir / "target.md").exists():
        assert (workdir / "target.md").read_text(encoding="utf-8") == "my own notes"
        assert str(workdir / "target.md") in err  # the hint names the file it points to
    assert leftovers(workdir) == []


def test_force_replaces_a_regular_file_and_keeps_its_permissions(workdir: Path) -> None:
    out = workdir / "out.md"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    assert treaty("assemble", "plan", "-o", str(out), "--force")[0] == 0
    assert "# Test Plan" in out.read_text(encoding="utf-8") and stat.S_IMODE(out.stat().st_mode) == 0o640


def test_force_on_a_label_leaves_no_file_of_the_draft_it_replaces(workdir: Path) -> None:
    assert treaty("assemble", "plan", "-f", "md", "-f", "html", "-f", "txt")[0] == 0
    folder = workdir / "drafts" / "plan"
    (folder / "v1-notes.txt").write_text("my own notes", encoding="utf-8")
    code, _, err = treaty("assemble", "plan", "--label", "v1", "-f", "md", "--set", "personnel=700000")
    assert code == 2 and "exists" in err and "--force" in err
    assert "600,000" in (folder / "v1.md").read_text(encoding="utf-8")

    code, _, err = treaty("assemble", "plan", "--label", "v1", "-f", "md", "--force", "--set", "personnel=700000")
    assert code == 0 and "removed drafts/plan/v1.html, drafts/plan/v1.txt" in err
    assert visible(folder) == ["v1-notes.txt", "v1.json", "v1.md"]
    assert "700,000" in (folder / "v1.md").read_text(encoding="utf-8")
    agree(folder, "v1")


def test_force_on_a_label_with_a_symlink_among_its_files_changes_nothing(workdir: Path) -> None:
    assert treaty("assemble", "plan", "-f", "md")[0] == 0
    folder = workdir / "drafts" / "plan"
    (workdir / "elsewhere.html").write_text("not a draft", encoding="utf-8")
    (folder / "v1.html").symlink_to(workdir / "elsewhere.html")
    before = {p.name: p.read_bytes() for p in folder.iterdir() if not p.is_symlink()}
    code, _, err = treaty("assemble", "plan", "--label", "v1", "--force", "--set", "personnel=700000")
    assert code == 2 and "v1.html: this is a symbolic link" in err
    assert {p.name: p.read_bytes() for p in folder.iterdir() if not p.is_symlink()} == before
    assert (workdir / "elsewhere.html").read_text(encoding="utf-8") == "not a draft"


def test_a_draft_named_with_its_suffix_is_read_as_named(workdir: Path) -> None:
    assert treaty("assemble", "plan", "-f", "md")[0] == 0
    md = workdir / "drafts" / "plan" / "v1.md"
    md.write_text(md.read_text(encoding="utf-8").replace("1. ", "1. EDITED ", 1), encoding="utf-8")
    assert "EDITED" in treaty("show", "plan/v1.md", "-f", "txt")[1]
    assert "EDITED" not in treaty("show", "plan/v1", "-f", "txt")[1]


# --- System errors: one message with the path, exit 2 -----------------------------------------


def one_error(args: tuple[str, ...], *expected: str) -> str:
    code, out, err = treaty(*args)
    assert code == 2 and err.count("error: ") == 1 and "Traceback" not in out + err, (out, err)
    assert all(text in err for text in expected), err
    return err


def test_a_read_only_drafts_folder(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = workdir / "drafts" / "plan"
    folder.mkdir(parents=True)
    folder.chmod(0o555)
    if os.geteuid() == 0:  # root writes anywhere: refuse new files there as the kernel would
        real_open = os.open

        def refuse(path: str | os.PathLike[str], flags: int, *args: int, **kw: int) -> int:
            if flags & os.O_CREAT and Path(path).resolve().parent == folder.resolve():
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
            return real_open(path, flags, *args, **kw)

        monkeypatch.setattr(os, "open", refuse)
    one_error(("assemble", "plan"), "drafts/plan/v1.json", "Permission denied", "you may not write here")
    folder.chmod(0o755)
    assert visible(folder) == [] and leftovers(folder) == []


def test_a_full_disk(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (workdir / "mine.md").write_text("my own notes", encoding="utf-8")
    real_write = os.write

    def full(fd: int, data: bytes) -> int:
        if fd > 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full)
    one_error(("assemble", "plan"), "drafts/plan/v1.json: No space left on device", "nothing was half-written")
    one_error(("assemble", "plan", "-o", "mine.md", "--force"), "mine.md: No space left on device")
    assert (workdir / "mine.md").read_text(encoding="utf-8") == "my own notes"
    assert visible(workdir / "drafts" / "plan") == [] and leftovers(workdir / "drafts" / "plan") == []
    assert leftovers(workdir) == []


def test_paths_through_files_and_names_too_long(workdir: Path) -> None:
    (workdir / "somefile.txt").write_text("keep", encoding="utf-8")
    one_error(("assemble", "plan", "-o", "somefile.txt/x.md"), "somefile.txt: this is a file, not a folder")
    one_error(("assemble", "plan", "--drafts", "somefile.txt"), "somefile.txt: this is a file, not a folder")
    assert (workdir / "somefile.txt").read_text(encoding="utf-8") == "keep"
    one_error(("assemble", "plan", "-o", "n" * 300 + ".md"), "n" * 300 + ".md", "too long")
    long_but_allowed = "n" * 250 + ".md"  # its temporary file's name must not be longer
    assert treaty("assemble", "plan", "-o", long_but_allowed)[0] == 0
    assert (workdir / long_but_allowed).exists() and leftovers(workdir) == []


# --- File systems without hard links or locks ------------------------------------------------


def test_without_hard_links_or_locks_drafts_are_still_kept_and_nothing_replaced(
        workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(src: object, dst: object) -> None:
        raise PermissionError(errno.EPERM, os.strerror(errno.EPERM), str(src))

    def no_locks(fd: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, os.strerror(errno.ENOLCK))

    monkeypatch.setattr(os, "link", no_links)
    monkeypatch.setattr(store.fcntl, "flock", no_locks)
    assert treaty("assemble", "plan")[0] == 0
    assert treaty("assemble", "plan", "--set", "personnel=700000")[0] == 0
    assert "identical to drafts/plan/v1.json" in treaty("assemble", "plan")[2]
    agree(workdir / "drafts" / "plan", "v2")
    mine = workdir / "mine.md"
    mine.write_text("my own notes", encoding="utf-8")
    with pytest.raises(FileExistsError):
        store._place(mine, b"other", replace=False)  # the gap a racing writer could use
    assert mine.read_text(encoding="utf-8") == "my own notes" and leftovers(workdir) == []

