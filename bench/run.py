"""Side-by-side benchmark: treaty's diff against diff-match-patch, difflib, redlines, git and Docxodus.

    .venv/bin/python bench/run.py --pages 1 10 100 1000 [--big] [--docx] [--seed 1]

For each size it makes (or reuses) the seeded pair in bench/data/<pages>/,
runs every tool in a fresh process and records:

- time: the best of N runs (`time.perf_counter`). In-process tools are timed
  inside their worker, imports done first; the CLI and git are timed as whole
  commands, interpreter start included.
- peak memory: the peak resident set of the tool's process, from GNU time's
  `%M` (the `ru_maxrss` of that one child, which takes in any process it
  waited for, such as the Docxodus binary). The whole process: interpreter and
  imports included, not tracemalloc. The CLI and git are timed without the
  wrapper and measured in one extra run.
- changes reported, and for treaty the score against truth.json.

The table goes to stdout and to bench/results.md; raw numbers to
bench/data/results.json. Never run in CI, never asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from generate import DATA, generator_version, write_pair

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PROJECT_PY = ROOT / ".venv" / "bin" / "python"
TREATY = ROOT / ".venv" / "bin" / "treaty"
BENCH_PY = HERE / ".venv" / "bin" / "python"
PEERS = HERE / "peers.py"
GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else shutil.which("gtime") or ""

#: Best of this many runs, by size (fewer for big sizes); --runs overrides.
RUNS = {1: 7, 10: 5, 100: 3, 1000: 2}
#: Peers too slow for 1,000 pages unless --big is given.
SLOW = {"dmp-0", "difflib", "redlines", "docxodus", "treaty-docx", "treaty-docx-read"}
BIG = 1000
#: The CLI should take at most this many times the yardstick (read + tokenize both files).
CLI_TARGET = 6.0
#: `diff(old, new)` alone (documents already read) should take at most this many times the
#: yardstick at 1,000 pages.
DIFF_TARGET = 1.5
#: treaty-lib slower than this at 1,000 pages is profiled.
SLOW_SECONDS = 1.0

LABELS = {
    "treaty-lib": "treaty (library)",
    "treaty-diff": "treaty diff() alone",
    "treaty-cli": "treaty diff (CLI, json)",
    "yardstick": "yardstick: read + tokenize",
    "dmp-1s": "diff-match-patch words, 1 s timeout",
    "dmp-0": "diff-match-patch words, no timeout",
    "difflib": "difflib.SequenceMatcher words",
    "redlines": "redlines (PyPI)",
    "git": "git diff --word-diff",
    "docxodus": "Docxodus (python-redlines) .docx",
    "treaty-docx": "treaty docx redline",
    "treaty-docx-read": "treaty reads new.docx",
}


@dataclass
class Row:
    """One tool at one size."""

    tool: str
    pages: int
    seconds: float | None = None
    peak_mb: float | None = None
    reported: int | str = ""
    score: str = ""
    notes: list[str] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass
class Spawned:
    stdout: str
    stderr: str
    code: int
    peak_mb: float
    wall: float


def spawn(cmd: list[str], timeout: float, *, memory: bool = True) -> Spawned:
    """Run `cmd`, timing it; with `memory`, read its peak resident memory too.

    The peak comes from GNU time (`%M`: the child's `ru_maxrss`, which takes in any
    process it waited for). Started straight from this runner, a child's `ru_maxrss`
    would also count the runner's own peak, which Linux keeps across the child's exec;
    `time` is a small process, so it adds next to nothing. Without GNU time the
    child's own `os.wait4` figure is used, runner included.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile(suffix=".rss") as rss:
        wrapped = [GNU_TIME, "-f", "%M", "-o", rss.name, *cmd] if memory and GNU_TIME else cmd
        start = time.perf_counter()
        proc = subprocess.Popen(wrapped, stdout=out, stderr=err, start_new_session=True)
        timer = threading.Timer(timeout, os.killpg, (proc.pid, signal.SIGKILL))  # our own group only
        timer.start()
        try:
            _pid, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here; keep Popen from waiting again
        peak = usage.ru_maxrss / 1024
        if memory and GNU_TIME:
            lines = Path(rss.name).read_text().split()
            peak = int(lines[-1]) / 1024 if lines and lines[-1].isdigit() else 0.0
        out.seek(0)
        err.seek(0)
        return Spawned(out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                       proc.returncode, peak, wall)


def worker(python: Path, tool: str, folder: Path, runs: int, timeout: float) -> tuple[dict[str, Any] | None, Spawned]:
    """Start peers.py for `tool`; its JSON result (None when it failed) and the process facts."""
    done = spawn([str(python), str(PEERS), tool, str(folder), "--runs", str(runs)], timeout)
    if done.code != 0:
        return None, done
    return json.loads(done.stdout.strip().splitlines()[-1]), done


# --- scoring ----------------------------------------------------------------------------


def score(points: list[list[str | None]], truth: dict[str, Any]) -> dict[str, Any]:
    """Compare treaty's top-level statuses with the truth: found, moves found, false positives."""
    expected = {(e["old"], e["new"]): e for e in truth["edits"]}
    by_old = {e["old"]: e for e in truth["edits"] if e["old"]}
    by_new = {e["new"]: e for e in truth["edits"] if e["new"]}

    def truly(old: str | None, new: str | None) -> str:
        if (old, new) in expected:
            return str(expected[(old, new)]["kind"])
        sides = [f"old {old} {by_old[old]['kind'] if old in by_old else 'kept'}" if old else "",
                 f"new {new} {by_new[new]['kind'] if new in by_new else 'kept'}" if new else ""]
        return ", ".join(x for x in sides if x)

    found: list[dict[str, Any]] = []
    wrong: list[dict[str, Any]] = []
    reported: dict[str, int] = {}
    renumbered = 0
    for status, old, new in points:
        if status == "renumbered":
            renumbered += 1
        if status in ("same", "renumbered"):
            continue
        reported[str(status)] = reported.get(str(status), 0) + 1
        edit = expected.get((old, new))
        if edit is not None and edit["kind"] == status:
            found.append(edit)
        else:
            wrong.append({"status": status, "old": old, "new": new, "truth": truly(old, new)})
    hit = {(e["old"], e["new"]) for e in found}
    missed = [e for e in truth["edits"] if (e["old"], e["new"]) not in hit]
    return {
        "reported": reported,
        "reported_total": sum(reported.values()),
        "renumbered": renumbered,
        "found": len(found),
        "moves_found": sum(1 for e in found if e["kind"] == "moved"),
        "false_positives": len(wrong),
        "wrong": wrong,
        "missed": missed,
    }


def _score_text(s: dict[str, Any], truth: dict[str, Any]) -> str:
    c = truth["counts"]
    return f"{s['found']}/{c['edits']} · {s['moves_found']}/{c['moved']} · {s['false_positives']}"


def _treaty_notes(s: dict[str, Any], truth: dict[str, Any]) -> list[str]:
    r = s["reported"]
    parts = ", ".join(f"{r.get(k, 0)} {k}" for k in ("changed", "moved", "inserted", "deleted"))
    extra = {k: v for k, v in r.items() if k not in ("changed", "moved", "inserted", "deleted")}
    if extra:
        parts += ", " + ", ".join(f"{v} {k}" for k, v in extra.items())
    return [parts, f"renumbered {s['renumbered']} (truth {truth['counts']['renumbered']})"]


def git_runs(porcelain: str) -> int:
    """Changed word runs in `git diff --word-diff=porcelain`: consecutive -/+ lines count once."""
    runs, inside, body = 0, False, False
    for line in porcelain.splitlines():
        if line.startswith("@@"):
            body, inside = True, False
            continue
        if not body:
            continue
        changed = line[:1] in "-+" and line != ""
        if changed and not inside:
            runs += 1
        inside = changed
    return runs


# --- one size ---------------------------------------------------------------------------


def run_size(pages: int, args: argparse.Namespace, log: Any) -> tuple[list[Row], dict[str, Any]]:
    folder = DATA / str(pages)
    truth_path = folder / "truth.json"
    truth = json.loads(truth_path.read_text()) if truth_path.exists() else None
    if (truth is None or truth["seed"] != args.seed or truth.get("generator") != generator_version()
            or (args.layout != "auto" and truth["layout"] != args.layout)):
        write_pair(pages, args.seed, args.layout)
        truth = json.loads(truth_path.read_text())
    runs = args.runs or RUNS.get(pages, 2 if pages >= 1000 else 3)
    big_ok = pages < BIG or args.big
    rows: list[Row] = []
    bench_ready = BENCH_PY.exists()

    def want(tool: str) -> bool:
        return not args.tools or tool in args.tools

    def add_worker(tool: str, python: Path) -> Row:
        log(f"  {pages:>5} pages  {tool} ...")
        row = Row(tool, pages)
        result, done = worker(python, tool, folder, runs, args.timeout)
        row.peak_mb = done.peak_mb
        if result is None:
            tail = (done.stderr.strip().splitlines() or ["killed"])[-1]
            row.notes.append(f"failed: {tail[:160]}" if done.code > 0 or done.wall < args.timeout
                             else f"stopped after {args.timeout:.0f} s")
        else:
            row.seconds = result["best"]
            row.raw = result
            if len(result["times"]) < runs:
                row.notes.append(f"{len(result['times'])} run(s)")
        rows.append(row)
        return row

    # 1. treaty as a library call.
    lib = add_worker("treaty-lib", PROJECT_PY) if want("treaty-lib") else None
    if lib and lib.raw:
        s = score(lib.raw["points"], truth)
        lib.raw["score"] = s
        lib.reported, lib.score = s["reported_total"], _score_text(s, truth)
        lib.notes[:0] = _treaty_notes(s, truth)
    # 2. treaty as the CLI, and the yardstick.
    yard = add_worker("yardstick", PROJECT_PY) if any(map(want, ("treaty-cli", "treaty-diff", "yardstick"))) else None
    if yard and yard.raw:
        yard.notes.append(f"{sum(yard.raw['tokens']):,} tokens, in process")
    if want("treaty-diff"):
        row = add_worker("treaty-diff", PROJECT_PY)
        if row.raw:
            s = score(row.raw["points"], truth)
            row.reported, row.score = s["reported_total"], _score_text(s, truth)
            if yard and yard.seconds and row.seconds:
                row.raw["yardstick_ratio"] = ratio = row.seconds / yard.seconds
                row.notes.append(f"{ratio:.1f} × yardstick (target ≤ {DIFF_TARGET} at 1,000 pages)")
            if lib and lib.raw and row.raw["points"] != lib.raw["points"]:
                row.notes.append("DIFFERS from the library result")
        row.notes.append("diff(old, new) only: both documents read before the timing")
    if want("treaty-cli"):
        log(f"  {pages:>5} pages  treaty-cli ...")
        row = Row("treaty-cli", pages)
        out = folder / "out.json"
        cmd = [str(TREATY), "diff", str(folder / "old.txt"), str(folder / "new.txt"),
               "--format", "json", "-o", str(out), "--force"]
        best, peak, code, err = None, 0.0, 0, ""
        for k in range(runs + 1):  # timed runs, then one under GNU time for the memory
            done = spawn(cmd, args.timeout, memory=k == runs)
            code, err = done.code, done.stderr
            if done.code != 0:
                break
            if k == runs:
                peak = done.peak_mb
            else:
                best = done.wall if best is None else min(best, done.wall)
        row.seconds, row.peak_mb = best, peak
        if code != 0:
            row.notes.append(f"failed (exit {code}): {err.strip().splitlines()[-1][:160] if err.strip() else ''}")
        else:
            data = json.loads(out.read_text(encoding="utf-8"))
            points = [[p["status"], (p["old"] or {}).get("label") or None, (p["new"] or {}).get("label") or None]
                      for p in data["points"]]
            s = score(points, truth)
            row.reported, row.score = s["reported_total"], _score_text(s, truth)
            if yard and yard.seconds and best is not None:
                ratio = best / yard.seconds
                row.raw["yardstick_ratio"] = ratio
                row.notes.append(f"{ratio:.1f} × yardstick (target ≤ {CLI_TARGET:.0f})")
            row.notes.append("whole command: start, imports, read, diff, write JSON")
            if lib and lib.raw and points != lib.raw["points"]:
                row.notes.append("DIFFERS from the library result")
        rows.append(row)
    # 3-5. Peers that see words, not points.
    if want("dmp-1s"):
        row = add_worker("dmp-1s", PROJECT_PY)
        _dmp_notes(row)
    if want("dmp-0"):
        if big_ok:
            row = add_worker("dmp-0", PROJECT_PY)
            _dmp_notes(row)
        else:
            rows.append(Row("dmp-0", pages, notes=["skipped at 1,000 pages (minutes); --big runs it"]))
    for tool, python, note in (("difflib", PROJECT_PY, "autojunk=True (the default)"),
                               ("redlines", BENCH_PY, "Redlines(old, new).output_json()")):
        if not want(tool):
            continue
        if not big_ok:
            rows.append(Row(tool, pages, notes=["skipped at 1,000 pages; --big runs it"]))
        elif tool == "redlines" and not bench_ready:
            rows.append(Row(tool, pages, notes=["bench/.venv missing: run bench/setup.sh"]))
        else:
            row = add_worker(tool, python)
            if row.raw:
                row.reported = row.raw["hunks"]
            row.notes.append(note)
    # 6. git.
    if want("git"):
        log(f"  {pages:>5} pages  git ...")
        row = Row("git", pages)
        cmd = ["git", "diff", "--no-index", "--no-color", "--word-diff=porcelain",
               str(folder / "old.txt"), str(folder / "new.txt")]
        best, peak = None, 0.0
        last: Spawned | None = None
        for k in range(runs + 1):  # timed runs, then one under GNU time for the memory
            last = spawn(cmd, args.timeout, memory=k == runs)
            if k == runs:
                peak = last.peak_mb
            else:
                best = last.wall if best is None else min(best, last.wall)
        assert last is not None
        row.seconds, row.peak_mb = best, peak
        if last.code not in (0, 1):
            row.notes.append(f"failed (exit {last.code})")
        else:
            row.reported = git_runs(last.stdout)
            row.notes.append("changed word runs (porcelain); whole command")
        rows.append(row)
    # 7. Word: Docxodus against our docx redline writer.
    if args.docx:
        rows.extend(_docx_rows(pages, folder, runs, big_ok, bench_ready, args, log, want))
    # Ratios to treaty-lib.
    base = lib.seconds if lib else None
    for row in rows:
        if row.tool != "treaty-lib" and row.seconds and base:
            row.raw["ratio"] = row.seconds / base
        for key in ("hunks",):
            if row.raw.get(key) is not None and row.reported == "":
                row.reported = row.raw[key]
    return rows, truth


def _dmp_notes(row: Row) -> None:
    r = row.raw
    if not r:
        return
    row.reported = r["hunks"]
    if r["gave_up"]:
        row.notes.append(f"GAVE UP at the 1 s deadline: one deletion of {r['largest_delete_tokens']:,} "
                         f"of {r['tokens_old']:,} tokens (delete-all/insert-all)")
    elif r["hit_deadline"]:
        row.notes.append(f"hit the 1 s deadline (coarse where it stopped; largest deletion "
                         f"{r['largest_delete_tokens']:,} tokens)")
    row.notes.append("hunks of word changes")


DOCX_TOOLS = ("docxodus", "treaty-docx", "treaty-docx-read")


def _docx_rows(pages: int, folder: Path, runs: int, big_ok: bool, bench_ready: bool,
               args: argparse.Namespace, log: Any, want: Any) -> list[Row]:
    rows: list[Row] = []
    if not big_ok:
        return [Row(t, pages, notes=["skipped at 1,000 pages; --big runs it"]) for t in DOCX_TOOLS]
    probe = spawn([str(PROJECT_PY), "-c", "import drafting.writers.docx as d; d.document; d.redline"], 60)
    if probe.code != 0:
        note = "drafting.writers.docx not importable yet: " + (probe.stderr.strip().splitlines() or [""])[-1][:120]
        return [Row(t, pages, notes=[note]) for t in DOCX_TOOLS]
    log(f"  {pages:>5} pages  make-docx ...")
    made, done = worker(PROJECT_PY, "make-docx", folder, 1, args.timeout)
    if made is None:
        note = "could not write old/new.docx: " + (done.stderr.strip().splitlines() or [""])[-1][:120]
        return [Row(t, pages, notes=[note]) for t in DOCX_TOOLS]
    for tool, python in (("docxodus", BENCH_PY), ("treaty-docx", PROJECT_PY), ("treaty-docx-read", PROJECT_PY)):
        if not want(tool):
            continue
        if tool == "docxodus" and not bench_ready:
            rows.append(Row(tool, pages, notes=["bench/.venv missing: run bench/setup.sh"]))
            continue
        log(f"  {pages:>5} pages  {tool} ...")
        row = Row(tool, pages)
        result, done = worker(python, tool, folder, runs, args.timeout)
        row.peak_mb = done.peak_mb
        if result is None:
            row.notes.append("failed: " + (done.stderr.strip().splitlines() or ["killed"])[-1][:160])
        else:
            row.seconds, row.raw = result["best"], result
            if tool == "treaty-docx-read":
                row.notes.append(f"{result['points']:,} points read from {result['bytes'] / 1024:,.0f} KB")
                rows.append(row)
                continue
            x = result["xml"]
            row.reported = result["hunks"]
            row.notes.append(f"w:ins {x['ins']}, w:del {x['del']}, moves {x['moveFromRangeStart']} "
                             f"(w:moveFrom {x['moveFrom']}); {result['bytes'] / 1024:,.0f} KB out")
            if tool == "treaty-docx":
                row.notes.append(f"read + diff + writer; writer alone {result['writer_seconds']:.3f} s")
            else:
                row.notes.append("docx in, docx out, --detect-moves; .NET process start included")
        rows.append(row)
    return rows


# --- output -----------------------------------------------------------------------------


def _fmt_s(x: float | None) -> str:
    if x is None:
        return "—"
    return f"{x:.4f}" if x < 0.01 else f"{x:.3f}" if x < 10 else f"{x:.1f}"


def table(rows: list[Row]) -> str:
    head = ("| tool | pages | time (s) | peak MB | × treaty-lib | changes reported | "
            "found · moves · false pos. | notes |")
    lines = [head, "|" + "---|" * 8]
    for r in rows:
        ratio = r.raw.get("ratio")
        lines.append("| " + " | ".join([
            LABELS.get(r.tool, r.tool), f"{r.pages:,}", _fmt_s(r.seconds),
            f"{r.peak_mb:.0f}" if r.peak_mb else "—",
            "1" if r.tool == "treaty-lib" and r.seconds else (f"{ratio:.1f}" if ratio else "—"),
            f"{r.reported:,}" if isinstance(r.reported, int) else r.reported or "—",
            r.score or ("n/a" if r.seconds else "—"),
            "; ".join(r.notes),
        ]) + " |")
    return "\n".join(lines)


def linearity(rows: list[Row], truths: dict[int, dict[str, Any]]) -> str:
    lines = ["| pages | words (old) | treaty-lib (s) | ms per 1,000 words | CLI (s) | CLI × yardstick "
             f"| diff() alone (s) | diff() × yardstick (target ≤ {DIFF_TARGET} at 1,000 pages) |",
             "|---|---|---|---|---|---|---|---|"]
    for pages, truth in truths.items():
        lib, cli, alone = (next((r for r in rows if r.pages == pages and r.tool == tool and r.seconds), None)
                           for tool in ("treaty-lib", "treaty-cli", "treaty-diff"))
        if lib is None:
            continue
        per = lib.seconds / (truth["words_old"] / 1000) * 1000 if lib.seconds else 0.0
        cells = [f"{pages:,}", f"{truth['words_old']:,}", _fmt_s(lib.seconds), f"{per:.2f}"]
        for row in (cli, alone):
            ratio = row.raw.get("yardstick_ratio") if row else None
            cells += [_fmt_s(row.seconds) if row else "—", f"{ratio:.1f}" if ratio else "—"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def accuracy(rows: list[Row], truths: dict[int, dict[str, Any]], limit: int = 12) -> str:
    out: list[str] = []
    for r in rows:
        if r.tool != "treaty-lib" or "score" not in r.raw:
            continue
        s = r.raw["score"]
        truth = truths[r.pages]
        c = truth["counts"]
        out.append(f"- **{r.pages:,} page{'s' if r.pages != 1 else ''}** ({truth['layout']} layout, {truth['points_old']:,} points): "
                   f"{s['found']}/{c['edits']} true edits found, {s['moves_found']}/{c['moved']} moves "
                   f"found as moves, {s['false_positives']} false positives; renumbered reported "
                   f"{s['renumbered']}, truth {c['renumbered']}.")
        for w in s["wrong"][:limit]:
            out.append(f"  - reported **{w['status']}** for old {w['old'] or '—'} / new {w['new'] or '—'}; "
                       f"truth: {w['truth']}")
        for m in s["missed"][:limit]:
            detail = f" ({m['detail']})" if m.get("detail") else ""
            out.append(f"  - missed: {m['kind']} old {m['old'] or '—'} / new {m['new'] or '—'}{detail}")
        more = max(0, len(s["wrong"]) - limit) + max(0, len(s["missed"]) - limit)
        if more:
            out.append(f"  - … {more} more in bench/data/results.json")
    return "\n".join(out)


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores (nproc {len(os.sched_getaffinity(0))}), {cpu}, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, nargs="+", default=[1, 10, 100, 1000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--layout", choices=["auto", "points", "articles"], default="auto",
                        help="text form of the generated pairs (see generate.py)")
    parser.add_argument("--runs", type=int, default=0, help="best of N (default by size: 7, 5, 3, 2)")
    parser.add_argument("--big", action="store_true",
                        help="also run the slow peers (dmp without timeout, difflib, redlines, docx) at 1,000 pages")
    parser.add_argument("--docx", action="store_true", help="also compare .docx: Docxodus vs our docx redline")
    parser.add_argument("--tools", nargs="*", default=[], help="only these tools (names as in peers.py, "
                        "plus treaty-cli and git)")
    parser.add_argument("--timeout", type=float, default=900.0, help="kill a tool after this many seconds")
    parser.add_argument("--profile", action="store_true", help="profile treaty-lib at the largest size anyway")
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    args = parser.parse_args()

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    command = f"{os.path.relpath(sys.executable, ROOT)} bench/run.py " + " ".join(shlex.quote(a) for a in sys.argv[1:])
    load_before = os.getloadavg()[0]
    rows: list[Row] = []
    truths: dict[int, dict[str, Any]] = {}
    for pages in args.pages:
        got, truth = run_size(pages, args, log)
        rows.extend(got)
        truths[pages] = truth
    startup = None
    if TREATY.exists():
        startup = min(spawn([str(TREATY), "diff", "--help"], 60, memory=False).wall for _ in range(5))
    prof = ""
    biggest = max(args.pages)
    lib_big = next((r for r in rows if r.tool == "treaty-lib" and r.pages == biggest), None)
    if lib_big and (args.profile or (lib_big.seconds or 0) > SLOW_SECONDS):
        log(f"  profiling treaty-lib at {biggest} pages ...")
        prof = spawn([str(PROJECT_PY), str(PEERS), "treaty-lib", str(DATA / str(biggest)), "--profile"],
                     args.timeout).stdout
    base_mb = max((r.raw.get("rss_after_imports_mb", 0.0) for r in rows if r.tool == "treaty-lib"), default=0.0)
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    sizes = ", ".join(f"{p:,} page{'s' if p != 1 else ''} = {t['words_old']:,} words, {t['counts']['edits']} "
                      f"edits ({t['counts']['moved']} moves)" for p, t in truths.items())
    report = "\n".join([
        "# Benchmark: treaty diff against its peers",
        "",
        f"- date: {when}",
        f"- machine: {machine()}; load average {load_before:.1f} before the run, "
        f"{os.getloadavg()[0]:.1f} after (other work on the machine makes times noisy)",
        f"- command: `{command}`",
        f"- pairs: seed {args.seed}; {sizes}",
        f"- fixed cost of the CLI: `treaty diff --help` takes {_fmt_s(startup)} s (interpreter start and"
        " imports), so the CLI's target of at most 6 × the yardstick (Python reading and tokenizing"
        " both files) only means something where reading dominates, at 100 pages and up.",
        f"- `treaty diff() alone` times `diff(old, new)` on documents read before the timing; its target"
        f" is at most {DIFF_TARGET} × the yardstick at 1,000 pages.",
        "- time: best of N runs (7/5/3/2 by size), `time.perf_counter`; library tools timed in their",
        "  worker process after imports; the CLI and git timed as whole commands.",
        "- peak MB: the tool's peak resident memory from GNU time's `%M` (its process's `ru_maxrss`,",
        "  with any process it waited for, e.g. the Docxodus binary), interpreter and imports included",
        f"  ({base_mb:.0f} MB for the project venv with drafting imported); not tracemalloc. The CLI and",
        "  git are timed without the wrapper and measured in one extra run.",
        "- changes reported: for treaty, top-level points not `same` or `renumbered`; for the peers,",
        "  which know no points, change hunks (dmp: runs of non-equal ops; difflib/redlines: opcodes;",
        "  git: runs of changed words; Docxodus: w:ins + w:del + moves).",
        "- found · moves · false pos.: true edits reported with the right kind / moves reported as",
        "  moves / points reported changed, moved, inserted or deleted that the truth does not list so.",
        "",
        table(rows),
        "",
        "## Linearity (treaty)",
        "",
        linearity(rows, truths),
        "",
        "## Treaty against the truth",
        "",
        accuracy(rows, truths),
        "",
    ])
    if prof:
        report += f"\n## Profile: treaty-lib at {biggest:,} pages (cProfile, by cumtime)\n\n```\n{prof.strip()}\n```\n"
    print(report)
    args.out.write_text(report, encoding="utf-8")
    raw = {"command": command, "date": when, "machine": machine(),
           "rows": [{"tool": r.tool, "pages": r.pages, "seconds": r.seconds, "peak_mb": r.peak_mb,
                     "reported": r.reported, "notes": r.notes, "raw": r.raw} for r in rows]}
    DATA.mkdir(parents=True, exist_ok=True)
    (DATA / "results.json").write_text(json.dumps(raw, indent=1, default=str) + "\n", encoding="utf-8")
    log(f"wrote {args.out} and {DATA / 'results.json'}")


if __name__ == "__main__":
    main()
