"""Benchmark of `treaty compare` (a synopsis of N versions) against `treaty diff` on each consecutive pair.

    .venv/bin/python bench/synopsis.py --pages 10 100 1000 [--versions 10] [--seed 1] [--rate 0.03]

For each size it makes (or reuses) a seeded chain of versions (bench/chain.py, in
bench/data/chain-<pages>/) and measures, each in a fresh process:

- `treaty compare v01 ... vNN -f json -o FILE`, the whole command (interpreter start included);
- the library: `drafting.synopsis.build(docs)` timed in a worker after imports and after
  reading every version (the reading is timed apart, in the notes);
- `treaty diff vK vK+1 -f json -o FILE` for every consecutive pair, whole commands: times summed,
  peak the largest;
- the library diff: `drafting.diff.diff` on every consecutive pair, summed, documents read first.

Time is the best of N runs (`time.perf_counter`); peak MB is GNU time's `%M` through run.py's
`spawn` (the whole process: interpreter and imports included). The synopsis is also checked
against the chain's truth: subjects, rows that follow exactly one subject through every
version, row statuses. The table goes to stdout and bench/synopsis-results.md; raw numbers to
bench/data/synopsis-results.json. Never run in CI, never asserted in tests.

Issue 13's target: ten versions of a 1,000-page plan in under 10 s and under 1 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import peers
from chain import RATE, version_files, write_chain
from generate import DATA
from run import PROJECT_PY, ROOT, RUNS, TREATY, _fmt_s, machine, spawn

HERE = Path(__file__).resolve().parent
#: Issue 13: a synopsis of ten versions of a 1,000-page plan in under this many seconds and MB.
TARGET_SECONDS, TARGET_MB = 10.0, 1024.0

Result = dict[str, Any]


# --- scoring against the chain's truth --------------------------------------------------------


def score(rows: Sequence[tuple[str, Sequence[str | None]]], truth: dict[str, Any]) -> Result:
    """How well the synopsis rows follow the truth's subjects.

    `rows` are (status, label of the row's unit in each version or None where it has none).
    A row is exact when one subject has exactly those labels (present in the same versions,
    under the same numbers); its status is right when it is the one the truth expects.
    """
    by_labels = {tuple(s["labels"]): s["status"] for s in truth["subjects"].values()}
    exact = right = 0
    wrong: list[Result] = []
    for status, labels in rows:
        expected = by_labels.get(tuple(labels))
        if expected is None:
            wrong.append({"labels": list(labels), "status": status, "why": "no subject has these labels"})
            continue
        exact += 1
        if expected == status:
            right += 1
        else:
            wrong.append({"labels": list(labels), "status": status, "why": f"expected {expected}"})
    return {"subjects": truth["expected"]["subjects"], "rows": len(rows), "exact": exact,
            "status_right": right, "statuses": dict(Counter(status for status, _labels in rows)),
            "expected_statuses": truth["expected"]["statuses"], "wrong": wrong}


def figures(synopsis: Any, truth: dict[str, Any]) -> Result:
    """The synopsis' own figures (rows, subjects per status and flag, changed per version) and its score."""
    rows = [(row.status, [c.label if c.present else None for c in row.cells]) for row in synopsis.rows]
    return {"rows": len(synopsis.rows), "statuses": dict(synopsis.counts()), "flags": dict(synopsis.flag_counts()),
            "changed": [v.changed for v in synopsis.versions], "score": score(rows, truth)}


# --- workers: run inside a fresh process by peers.measure -----------------------------------------


def _read_all(folder: Path) -> tuple[list[Any], float, dict[str, Any]]:
    import drafting.readers.text  # noqa: F401  (imported lazily by read_document; keep it out of the timing)
    from drafting.readers import read_document

    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    start = time.perf_counter()
    docs = [read_document(p) for p in version_files(folder, truth["versions"])]
    return docs, time.perf_counter() - start, truth


def _synopsis_lib(folder: Path) -> tuple[Callable[[], Any], Callable[[Any], Result]]:
    """`build(docs)` alone: every version read before the timing."""
    from drafting.synopsis import build

    docs, read, truth = _read_all(folder)
    return lambda: build(docs), lambda s: {"read_seconds": read, **figures(s, truth)}


def _diffs_lib(folder: Path) -> tuple[Callable[[], Any], Callable[[Any], Result]]:
    """`diff(vK, vK+1)` for every consecutive pair, summed: every version read before the timing."""
    from drafting.diff import diff

    docs, read, _truth = _read_all(folder)

    def describe(redlines: list[Any]) -> Result:
        changes = [sum(1 for d in rl.points if d.status not in ("same", "renumbered")) for rl in redlines]
        return {"read_seconds": read, "pairs": len(redlines), "changes": changes}

    return lambda: [diff(a, b) for a, b in zip(docs, docs[1:])], describe


WORKERS = {"synopsis-lib": _synopsis_lib, "diffs-lib": _diffs_lib}


# --- the runner ----------------------------------------------------------------------------------


def worker(tool: str, folder: Path, runs: int, timeout: float) -> tuple[Result | None, float, str]:
    """Run `tool` in a fresh process: its result (None when it failed), its peak MB, its error."""
    done = spawn([str(PROJECT_PY), str(Path(__file__).resolve()), "--worker", tool, str(folder),
                  "--runs", str(runs)], timeout)
    if done.code != 0:
        return None, done.peak_mb, (done.stderr.strip().splitlines() or ["killed"])[-1][:160]
    return json.loads(done.stdout.strip().splitlines()[-1]), done.peak_mb, ""


def command(cmd: list[str], runs: int, timeout: float) -> tuple[float | None, float, str]:
    """Best wall time of `runs` runs of a whole command, then its peak MB in one more run under GNU time."""
    best: float | None = None
    for k in range(runs + 1):
        done = spawn(cmd, timeout, memory=k == runs)
        if done.code != 0:
            return None, 0.0, f"exit {done.code}: " + (done.stderr.strip().splitlines() or [""])[-1][:160]
        if k == runs:
            return best, done.peak_mb, ""
        best = done.wall if best is None else min(best, done.wall)
    return best, 0.0, ""


def run_size(pages: int, args: argparse.Namespace, log: Callable[[str], None]) -> Result:
    """Every measurement at one size."""
    folder = write_chain(pages, args.versions, args.seed, args.rate)
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    files = [str(p) for p in version_files(folder, args.versions)]
    runs = args.runs or RUNS.get(pages, 2)
    out: Result = {"pages": pages, "truth": {k: v for k, v in truth.items() if k != "subjects"}, "runs": runs}
    for tool in ("synopsis-lib", "diffs-lib"):
        log(f"  {pages:>5} pages  {tool} ...")
        result, peak, err = worker(tool, folder, runs, args.timeout)
        out[tool] = {"seconds": result["best"] if result else None, "peak_mb": peak, "error": err, "raw": result}
    log(f"  {pages:>5} pages  compare-cli ...")
    target = folder / "synopsis.json"
    seconds, peak, err = command([str(TREATY), "compare", *files, "-f", "json", "-o", str(target), "--force"],
                                 runs, args.timeout)
    out["compare-cli"] = {"seconds": seconds, "peak_mb": peak, "error": err}
    if not err:
        summary = json.loads(target.read_text(encoding="utf-8"))["summary"]
        out["compare-cli"].update(summary=summary, bytes=target.stat().st_size)
    log(f"  {pages:>5} pages  diff-cli x {len(files) - 1} ...")
    pairs = [command([str(TREATY), "diff", a, b, "-f", "json", "-o", str(folder / f"diff-{k + 1:02d}.json"),
                      "--force"], runs, args.timeout) for k, (a, b) in enumerate(zip(files, files[1:]))]
    errors = [e for _s, _p, e in pairs if e]
    out["diffs-cli"] = {"seconds": None if errors else sum(s or 0.0 for s, _p, _e in pairs),
                        "peak_mb": max(p for _s, p, _e in pairs), "error": errors[0] if errors else "",
                        "each": [s for s, _p, _e in pairs]}
    return out


# --- the report ----------------------------------------------------------------------------------


def _ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}" if a and b else "—"


def _mb(x: float | None) -> str:
    return f"{x:,.0f}" if x else "—"


def table(sizes: list[Result]) -> str:
    """One line per tool and size, then the ratios."""
    names = {"compare-cli": "(a) treaty compare (CLI, json)", "synopsis-lib": "(b) build(docs) (library)",
             "diffs-cli": "(c) treaty diff (CLI, json), each pair, summed", "diffs-lib": "(d) diff() each pair, summed"}
    lines = ["| row | pages | time (s) | peak MB | notes |", "|---|---|---|---|---|"]
    for size in sizes:
        pairs = size["truth"]["versions"] - 1
        for tool in ("compare-cli", "synopsis-lib", "diffs-cli", "diffs-lib"):
            row = size[tool]
            notes = [f"failed: {row['error']}"] if row["error"] else []
            raw = row.get("raw") or {}
            if "read_seconds" in raw:
                notes.append(f"reading the {pairs + 1} versions first: {_fmt_s(raw['read_seconds'])} s")
            if tool == "compare-cli" and not row["error"]:
                notes.append(f"whole command: start, read {pairs + 1} versions, align, write JSON "
                             f"({row['bytes'] / 2**20:,.1f} MB)")
            if tool == "diffs-cli" and not row["error"]:
                notes.append(f"{pairs} commands; peak = the largest")
            if tool == "diffs-lib" and raw:
                notes.append(f"points changed per pair: {', '.join(map(str, raw['changes']))}")
            lines.append(f"| {names[tool]} | {size['pages']:,} | {_fmt_s(row['seconds'])} | {_mb(row['peak_mb'])} "
                         f"| {'; '.join(notes)} |")
    lines += ["", "| pages | words per version | points v1 → last | compare / diffs (CLI) | build / diffs (library) "
              f"| issue 13 target (< {TARGET_SECONDS:.0f} s, < {TARGET_MB:,.0f} MB) |", "|---|---|---|---|---|---|"]
    for size in sizes:
        t, cli = size["truth"], size["compare-cli"]
        met = cli["seconds"] is not None and cli["seconds"] < TARGET_SECONDS and cli["peak_mb"] < TARGET_MB
        lines.append(f"| {size['pages']:,} | {min(t['words']):,}–{max(t['words']):,} | {t['points'][0]:,} → "
                     f"{t['points'][-1]:,} | {_ratio(cli['seconds'], size['diffs-cli']['seconds'])} | "
                     f"{_ratio(size['synopsis-lib']['seconds'], size['diffs-lib']['seconds'])} | "
                     f"{'met' if met else 'NOT met'}: {_fmt_s(cli['seconds'])} s, {_mb(cli['peak_mb'])} MB |")
    return "\n".join(lines)


def quality(sizes: list[Result]) -> str:
    """The synopsis against the chain's truth: rows, exact rows, statuses, flags."""
    statuses = ("unchanged", "changed", "added later", "dropped", "dropped and restored")
    lines = ["| pages | subjects (truth) | rows | rows exact | status right | "
             + " | ".join(statuses) + " | flags | same as the CLI's |",
             "|---|---|---|---|---|" + "---|" * len(statuses) + "---|---|"]
    for size in sizes:
        raw = size["synopsis-lib"]["raw"]
        if not raw:
            continue
        s = raw["score"]
        cli = size["compare-cli"].get("summary")
        same = "—" if cli is None else "yes" if (cli["subjects"], cli["statuses"]) == (raw["rows"], raw["statuses"]) \
            else "NO"
        cells = [f"{s['statuses'].get(k, 0)} / {s['expected_statuses'].get(k, 0)}" for k in statuses]
        flags = ", ".join(f"{k} {v}" for k, v in raw["flags"].items()) or "—"
        lines.append(f"| {size['pages']:,} | {s['subjects']:,} | {s['rows']:,} | {s['exact']:,} | "
                     f"{s['status_right']:,} | {' | '.join(cells)} | {flags} | {same} |")
    return "\n".join(lines)


def report(sizes: list[Result], args: argparse.Namespace, command_line: str, load: float) -> str:
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    chains = "; ".join(f"{s['pages']:,} pages: " + ", ".join(
        f"{k} {sum(step[k] for step in s['truth']['steps'])}" for k in ("changed", "inserted", "deleted", "moved", "restored"))
        for s in sizes)
    return "\n".join([
        "# Benchmark: treaty compare (a synopsis of N versions) against treaty diff on each pair",
        "",
        f"- date: {when}",
        f"- machine: {machine()}; load average {load:.1f} before the run, {os.getloadavg()[0]:.1f} after"
        " (other work on the machine makes times noisy)",
        f"- command: `{command_line}`",
        f"- chains (bench/chain.py): seed {args.seed}, {args.versions} versions, {args.rate:.0%} of the points"
        f" edited per step, at least one edit of each kind (so more at 10 pages); points dropped earlier"
        f" are restored. Edits over the whole chain: {chains}",
        "- time: best of N runs (by size as run.py: 5 at 10 pages, 3 at 100, 2 at 1,000), `time.perf_counter`;"
        " (a) and (c) whole commands, interpreter start and reading included; (b) and (d) in a worker"
        " after imports and after reading every version.",
        "- peak MB: GNU time's `%M` (the process's `ru_maxrss`), interpreter and imports included;"
        " for (c) the largest of the pairs' commands.",
        "",
        table(sizes),
        "",
        "## The synopsis against the chain's truth",
        "",
        "Rows exact: rows whose unit labels in every version are those of one subject of the truth;"
        " status right: exact rows with the status the truth expects. Statuses: reported / truth.",
        "",
        quality(sizes),
        "",
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--versions", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rate", type=float, default=RATE, help="share of points edited per version")
    parser.add_argument("--runs", type=int, default=0, help="best of N (default by size: 5, 3, 2)")
    parser.add_argument("--timeout", type=float, default=900.0, help="kill a command after this many seconds")
    parser.add_argument("--out", type=Path, default=HERE / "synopsis-results.md")
    parser.add_argument("--worker", nargs=2, metavar=("TOOL", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        peers.TOOLS.update(WORKERS)
        sys.stdout.write(json.dumps(peers.measure(args.worker[0], Path(args.worker[1]), args.runs or 1, 60.0)) + "\n")
        return

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    command_line = f"{os.path.relpath(sys.executable, ROOT)} bench/synopsis.py " + " ".join(map(shlex.quote, sys.argv[1:]))
    load = os.getloadavg()[0]
    sizes = [run_size(pages, args, log) for pages in args.pages]
    text = report(sizes, args, command_line, load)
    print(text)
    args.out.write_text(text, encoding="utf-8")
    DATA.mkdir(parents=True, exist_ok=True)
    raw = DATA / "synopsis-results.json"
    raw.write_text(json.dumps({"command": command_line, "sizes": sizes}, indent=1, default=str) + "\n", encoding="utf-8")
    log(f"wrote {args.out} and {raw}")


if __name__ == "__main__":
    main()
