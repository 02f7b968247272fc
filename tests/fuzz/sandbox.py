"""The fuzzing worker: every step of a case runs in a forked child with its own limits.

Started once by the harness (`python -m tests.fuzz.sandbox`), it imports the whole CLI, then
reads one request a line (JSON) on stdin and answers one outcome a line on stdout. A forked
child per step is what makes time and memory measurable per case (RLIMIT_AS, RLIMIT_CPU and a
wall clock), and a child killed by a limit costs only a fork. A case may name only paths inside
its own folder: relative ones climbing at most five `..` (the padding below never lets them
out) or ones starting with {WORK} / {OUTSIDE}; anything else is refused before it runs.

A case is `{"files": {path: spec}, "steps": [args, ...], "limits": {...}}`: `files` are laid over
a copy of tests/fixtures/library in the working folder (spec `{"text": str}`, `{"data": base64}`,
`{"link": target}`, `{"fifo": true}` or `{"dir": true}`); `{WORK}` / `{OUTSIDE}` in a path or an
argument name the working folder and a sibling folder of the user's own files, which only an
explicit -o or --drafts may touch; `limits` may lower the step limits (a 1 KB file size plays a
full disk). A step is a command line, or `{"python": code}` for the harness's own tests.
"""

from __future__ import annotations

import base64
import faulthandler
import hashlib
import json
import os
import re
import resource
import select
import shutil
import signal
import stat
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = ROOT / "tests" / "fixtures" / "library"
PAD = ("1", "2", "3", "4", "5")  # the working folder's depth below the case folder
MAX_UP = 5  # `..` a generated path may climb
TEXT_MAX = 4000  # characters of stdout/stderr kept in an outcome
#: A Python object printed into a draft instead of its value.
PYTHON_REPR = re.compile(r"<(?:function|bound method|built-in|class|generator|module|jinja2\.)[^>]{0,80}>"
                         r"|object at 0x[0-9a-f]+>")


@dataclass(frozen=True)
class Limits:
    """What one step may use: address space, CPU seconds and wall-clock seconds."""

    memory_mb: int = 1536
    cpu_s: int = 20
    wall_s: float = 30.0
    fsize_kb: int = 256 * 1024  # a case may lower it to play a full disk


def expand(text: str, work: Path, outside: Path) -> str:
    """`text` with {WORK} and {OUTSIDE} replaced by the case's folders."""
    return text.replace("{WORK}", str(work)).replace("{OUTSIDE}", str(outside))


def check_contained(case: dict[str, Any]) -> None:
    """Refuse a case whose paths could leave its folder: the worker runs as whoever started it."""
    names = [*case.get("files", {}), *(spec["link"] for spec in case.get("files", {}).values()
                                       if "link" in spec and spec["link"] != "/dev/null")]
    names += [arg for step in case["steps"] if isinstance(step, list) for arg in step]
    for name in names:
        values = [name, name.partition("=")[2]] if name.startswith("--") else [name]
        if any(v.startswith(("/", "~")) for v in values) or re.split(r"[/\\]", name).count("..") > MAX_UP:
            raise ValueError(f"the case names a path that may leave its folder: {name!r}")


# --- the case folder -----------------------------------------------------------------------


def _lay_out(base: Path, files: dict[str, dict[str, Any]]) -> tuple[Path, Path]:
    root = base.joinpath(*PAD)
    work, outside = root / "work", root / "outside"
    shutil.copytree(LIBRARY, work)
    outside.mkdir()
    (outside / "notes.md").write_text("The user's own notes: never to be touched.\n", encoding="utf-8")
    for name, spec in files.items():
        path = Path(expand(name, work, outside))
        path = path if path.is_absolute() else work / path
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir() and not path.is_symlink() and not spec.get("dir"):
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()
        if "link" in spec:
            path.symlink_to(expand(spec["link"], work, outside))
        elif spec.get("fifo"):
            os.mkfifo(path)
        elif spec.get("dir"):
            path.mkdir(exist_ok=True)
        else:
            path.write_bytes(base64.b64decode(spec["data"]) if "data" in spec
                             else str(spec.get("text", "")).encode("utf-8"))
    return work, outside


def _snapshot(base: Path) -> dict[str, tuple[str, int, int, str]]:
    """Every entry under `base`: kind, size, mtime and a digest of a regular file's bytes."""
    out: dict[str, tuple[str, int, int, str]] = {}
    for folder, dirs, names in os.walk(base):
        for name in dirs + names:
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, base)
            if rel in (".result", ".stderr"):
                continue
            info = os.lstat(path)
            kind = ("link" if stat.S_ISLNK(info.st_mode) else "dir" if stat.S_ISDIR(info.st_mode)
                    else "file" if stat.S_ISREG(info.st_mode) else "fifo" if stat.S_ISFIFO(info.st_mode)
                    else "other")
            digest = ""
            if kind == "file" and info.st_size <= 16 * 2**20:
                with open(path, "rb") as handle:
                    digest = hashlib.sha1(handle.read()).hexdigest()
            elif kind == "link":
                digest = os.readlink(path)
            out[rel] = (kind, info.st_size, info.st_mtime_ns, digest)
    return out


def _changes(before: dict[str, tuple[str, int, int, str]],
             after: dict[str, tuple[str, int, int, str]]) -> list[list[str]]:
    out = []
    for rel in sorted(before.keys() | after.keys()):
        old, new = before.get(rel), after.get(rel)
        if old == new or (old and new and old[0] == new[0] == "dir"):
            continue
        what = ("created" if old is None else "deleted" if new is None
                else "retyped" if old[0] != new[0] else "modified")
        out.append([rel, what, new[0] if new else old[0] if old else ""])
    return out


def _python_reprs(base: Path, changes: list[list[str]]) -> list[str]:
    found = []
    for rel, what, kind in changes:
        path = base / rel
        if what in ("created", "modified") and kind == "file" and path.stat().st_size < 4 * 2**20:
            match = PYTHON_REPR.search(path.read_bytes().decode("utf-8", "ignore"))
            if match:
                found.append(f"{rel}: {match.group(0)}")
    return found


def option(args: list[str], *names: str) -> str | None:
    """The value of the last of `names` in `args` (`-o X`, `--output X` or `--output=X`)."""
    value = None
    for i, arg in enumerate(args):
        if arg in names and i + 1 < len(args):
            value = args[i + 1]
        elif "=" in arg and arg.partition("=")[0] in names:
            value = arg.partition("=")[2]
    return value


#: Options of `treaty` that take a value (the rest are flags).
VALUE_OPTIONS = {"--set", "--position", "--label", "--format", "-f", "--output", "-o", "--library",
                 "--templates", "--drafts", "--date", "--author", "--family"}


def positionals(args: list[str]) -> list[str]:
    """The arguments that are not options or option values: command words, files, names."""
    out, skip = [], False
    for arg in args:
        if skip:
            skip = False
        elif arg.startswith("-") and arg != "-":
            skip = arg in VALUE_OPTIONS
        else:
            out.append(arg)
    return out


def _targets(args: list[str], work: Path, base: Path) -> dict[str, str]:
    """Where the step may write, relative to the case folder, symbolic links followed as the
    command will follow them: the -o file, or the template's folder of drafts."""
    out: dict[str, str] = {}
    words = positionals(args)
    output = option(args, "-o", "--output")
    drafts = option(args, "--drafts") or "drafts"
    places = {"output": output}
    if words[:1] == ["assemble"] and output is None and len(words) > 1:
        places["drafts"] = os.path.join(drafts, words[1])
    for key, value in places.items():
        if value:
            try:
                out[key] = os.path.relpath(os.path.realpath(work / value), base)
            except ValueError:  # a NUL in the name: nothing can be written there
                pass
    return out


def _sniff(base: Path, rel: str | None, changes: list[list[str]]) -> str:
    """What the step wrote to its -o file: "zip", "json", "html" or "text" ("" if it wrote none)."""
    if rel is None or [rel, "created", "file"] not in changes and [rel, "modified", "file"] not in changes:
        return ""
    data = (base / rel).read_bytes()
    if data.startswith(b"PK"):
        return "zip"
    try:
        if isinstance(json.loads(data), (dict, list)):
            return "json"
    except ValueError:
        pass
    return "html" if data.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")) else "text"


# --- one step in a child -------------------------------------------------------------------


def _limit(limits: Limits) -> None:
    memory = limits.memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_s, limits.cpu_s + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits.fsize_kb * 1024, limits.fsize_kb * 1024))


def _frames(tb: Any) -> tuple[str, str]:
    """The deepest frame in drafting/ and the deepest frame of all, as `path:function`."""
    frames = traceback.extract_tb(tb)
    ours = [f for f in frames if f"{os.sep}drafting{os.sep}" in f.filename and "tests" not in f.filename]

    def name(frame: traceback.FrameSummary) -> str:
        parts = Path(frame.filename).parts
        keep = parts[parts.index("drafting"):] if "drafting" in parts else parts[-2:]
        return f"{'/'.join(keep)}:{frame.name}"

    return (name(ours[-1]) if ours else "", name(frames[-1]) if frames else "")


def _clip(text: str, limit: int = TEXT_MAX) -> str:
    return text if len(text) <= limit else f"{text[:limit // 2]}\n[… {len(text) - limit} characters …]\n{text[-limit // 2:]}"


def _invoke(step: list[str] | dict[str, str]) -> dict[str, Any]:
    """Run one step here (in the child): the CLI in process, or a harness self-test snippet."""
    from typer.testing import CliRunner

    from drafting.cli.main import app

    out: dict[str, Any] = {"exit": 0, "stdout": "", "stderr": "", "exception": "", "exc_type": "",
                           "frame": "", "origin": ""}
    exc_info: Any = None
    if isinstance(step, dict):
        try:
            exec(step["python"], {"__name__": "__fuzz__"})  # noqa: S102 - the harness's own tests
        except BaseException:
            out["exit"], exc_info = 1, sys.exc_info()
    else:
        result = CliRunner().invoke(app, step, env={"COLUMNS": "100"}, catch_exceptions=True)
        out.update(exit=result.exit_code, stdout=result.stdout, stderr=result.stderr)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            exc_info = result.exc_info
    if exc_info is not None:
        out["exc_type"] = exc_info[0].__name__
        out["exception"] = _clip("".join(traceback.format_exception(*exc_info)), 8000)
        out["frame"], out["origin"] = _frames(exc_info[2])
    for stream in ("stdout", "stderr"):
        text = out[stream]
        out[f"{stream}_size"] = len(text)
        out[f"{stream}_controls"] = sorted({f"U+{ord(c):04X}" for c in text
                                            if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) < 0xA0})
        out[stream] = _clip(text)
    out["traceback_printed"] = "Traceback (most recent call last)" in out["stderr"]
    return out


def _child(step: list[str] | dict[str, str], work: Path, base: Path, limits: Limits) -> NoReturn:
    code = 70  # died before reporting (memory, most likely)
    try:
        os.setsid()
        report = os.open(base / ".result", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        errors = os.open(base / ".stderr", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        null = os.open(os.devnull, os.O_RDWR)
        os.dup2(null, 0)
        os.dup2(null, 1)
        os.dup2(errors, 2)
        faulthandler.enable()
        faulthandler.dump_traceback_later(max(0.5, limits.wall_s - 1))  # where a hang was, before the kill
        faulthandler.register(signal.SIGXCPU)  # likewise at the CPU limit; the hard limit kills
        _limit(limits)
        os.chdir(work)
        os.write(report, json.dumps(_invoke(step)).encode("utf-8"))
        code = 0
    finally:
        os._exit(code)


def _run_step(step: list[str] | dict[str, str], work: Path, base: Path, limits: Limits) -> dict[str, Any]:
    for name in (".result", ".stderr"):
        (base / name).unlink(missing_ok=True)
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        _child(step, work, base, limits)
    pidfd = os.pidfd_open(pid)
    try:
        timed_out = not select.select([pidfd], [], [], limits.wall_s)[0]
    finally:
        os.close(pidfd)
    try:
        os.killpg(pid, signal.SIGKILL if timed_out else signal.SIGTERM)  # the child and anything it started
    except (ProcessLookupError, PermissionError):
        pass
    _, status, usage = os.wait4(pid, 0)
    out: dict[str, Any] = {"timeout": timed_out, "signal": "", "child_exit": None,
                           "seconds": round(time.monotonic() - started, 3),
                           "cpu": round(usage.ru_utime + usage.ru_stime, 3), "max_rss_mb": usage.ru_maxrss // 1024}
    if os.WIFSIGNALED(status):
        out["signal"] = signal.Signals(os.WTERMSIG(status)).name
    else:
        out["child_exit"] = os.WEXITSTATUS(status)
    result = base / ".result"
    if out["child_exit"] == 0 and result.exists() and result.stat().st_size:
        out.update(json.loads(result.read_text(encoding="utf-8")))
    errors = base / ".stderr"
    out["fd2"] = _clip(errors.read_text(encoding="utf-8", errors="replace"), 2000) if errors.exists() else ""
    return out


def run_case(case: dict[str, Any], limits: Limits, *, keep: bool = False) -> dict[str, Any]:
    """Lay out the case's folder, run its steps one child each, and say what each did."""
    check_contained(case)
    base = Path(tempfile.mkdtemp(prefix="treaty-fuzz-"))
    try:
        work, outside = _lay_out(base, case.get("files", {}))
        steps = []
        for step in case["steps"]:
            step = ([expand(arg, work, outside) for arg in step] if isinstance(step, list)
                    else {"python": expand(step["python"], work, outside)})
            targets = _targets(step, work, base) if isinstance(step, list) else {}
            before = _snapshot(base)
            outcome = _run_step(step, work, base, limits)
            outcome["args"], outcome["targets"] = step, targets
            outcome["changes"] = _changes(before, _snapshot(base))
            outcome["reprs"] = _python_reprs(base, outcome["changes"])
            outcome["written_as"] = _sniff(base, targets.get("output"), outcome["changes"])
            steps.append(outcome)
        return {"base": str(base), "work": os.path.relpath(work, base), "steps": steps}
    finally:
        if not keep:
            shutil.rmtree(base, ignore_errors=True)


def _warm() -> None:
    """Import everything the CLI may import lazily, once, before any fork."""
    import importlib
    import pkgutil

    import drafting
    from typer.main import get_command
    from typer.testing import CliRunner  # noqa: F401

    for module in pkgutil.walk_packages(drafting.__path__, "drafting."):
        importlib.import_module(module.name)
    from drafting.cli.main import app

    get_command(app)


def main() -> None:
    """Serve requests `{"case": ..., "limits": {...}, "keep": bool}` one a line until stdin ends."""
    _warm()
    for line in sys.stdin:
        request = json.loads(line)
        limits = Limits(**{**request.get("limits", {}), **request["case"].get("limits", {})})
        try:
            answer = run_case(request["case"], limits, keep=bool(request.get("keep")))
        except Exception:
            answer = {"error": traceback.format_exc()}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()

