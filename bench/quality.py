"""Aligner quality: how well `drafting.diff.diff` tells which old point became which new one.

    .venv/bin/python bench/quality.py --pages 10 100 1000 [--seed 1] [--out bench/quality-results.md]
                                      [--heading TEXT] [--append] [--runs N] [--show KIND [--limit N]]

For each size, `quality_gen.make_pair` builds a hard pair of plans with its truth
(boilerplate runs, rewordings, replacements, splits and merges, references,
block and sub-point moves, a cut-off last point, plain edits as a control);
`diff(old, new)` is timed alone (best of `--runs`) and `quality_score.score`
judges the redline per kind of edit and per status. The tables go to stdout and
to bench/quality-results.md (its own file, never bench/results.md): a fresh file,
or with `--append` a new section after what the file holds. `--show KIND`
(a kind, or `all`) prints that kind's failing instances, expected against
reported, and writes no file unless `--out` is given. Never run in CI; the
numbers are never asserted in tests.
"""

from __future__ import annotations

import argparse
import gc
import os
import shlex
import subprocess
import sys
import time
from datetime import datetime, timezone
from importlib.util import find_spec
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if find_spec("drafting") is None:  # not installed: use the checkout (PYTHONPATH still wins when set)
    sys.path.append(str(ROOT))

import drafting  # noqa: E402
from drafting.diff import STATUSES, Redline, diff  # noqa: E402
from drafting.model import Document  # noqa: E402
from quality_gen import KINDS, make_pair  # noqa: E402
from quality_score import Report, score  # noqa: E402
from run import machine  # noqa: E402

RESULTS = HERE / "quality-results.md"
TITLE = "# Aligner quality: hard plan pairs"


def timed_diff(old: Document, new: Document, runs: int) -> tuple[Redline, float]:
    """The redline and the best wall time of `diff(old, new)` alone over `runs` runs."""
    times = []
    for _ in range(max(1, runs)):
        gc.collect()
        start = time.perf_counter()
        redline = diff(old, new)
        times.append(time.perf_counter() - start)
    return redline, min(times)


def code_version() -> str:
    """Where `drafting` was imported from, the git commit, and uncommitted changes to the diff."""
    source = Path(drafting.__file__).resolve().parent
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "drafting/diff"], cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout.split("\n")
    except (OSError, subprocess.CalledProcessError):
        head, dirty = "unknown", []
    changed = [line[3:] for line in dirty if line.strip()]
    if source != ROOT / "drafting":
        return f"drafting from `{source}`, outside the checkout (a `git archive` of a commit, see README.md); " \
               f"checkout at commit {head}"
    return f"drafting from the checkout at commit {head}" + (
        f", uncommitted changes in {', '.join(changed)}" if changed else "")


def kind_table(report: Report) -> str:
    """Edit instances by kind: how many, and how the redline treated them."""
    lines = ["| kind | n | correct | partly | missed | wrong | % correct |", "|---|---|---|---|---|---|---|"]
    rows = [(k, report.kinds[k]) for k in KINDS if k in report.kinds] + [("**all**", report.total)]
    for name, t in rows:
        lines.append(f"| {name} | {t.n} | {t.correct} | {t.partly} | {t.missed} | {t.wrong} | {t.percent:.0f} |")
    return "\n".join(lines)


def status_table(report: Report) -> str:
    """Every unit of the pair, by status: pairs reported exactly (both units and the status)."""
    lines = ["| status | expected | reported | exact | precision | recall |", "|---|---|---|---|---|---|"]
    for status in STATUSES:
        exact, reported, expected = report.statuses.get(status, (0, 0, 0))
        if not (reported or expected):
            continue
        precision = f"{100 * exact / reported:.0f}%" if reported else "—"
        recall = f"{100 * exact / expected:.0f}%" if expected else "—"
        lines.append(f"| {status} | {expected} | {reported} | {exact} | {precision} | {recall} |")
    return "\n".join(lines)


def section(report: Report, facts: str) -> str:
    """The Markdown of one size."""
    t = report.total
    return "\n".join([
        f"### {report.pages:,} page{'s' if report.pages != 1 else ''}", "", facts, "",
        kind_table(report), "",
        status_table(report), "",
        f"- edit instances correct: {t.correct}/{t.n} ({t.percent:.0f}%); false moves (reported moved, "
        f"not a move in the truth): {report.false_moves}",
        f"- `diff(old, new)` alone: {report.seconds:.3f} s" if report.seconds is not None else "- not timed",
        ""])


def show(report: Report, kind: str, limit: int) -> str:
    """The failing instances of `kind` ("all": every kind), at most `limit`, in words."""
    chosen = [f for f in report.failures if kind in ("all", f.kind)]
    out = [f"== {report.pages:,} pages: {len(chosen)} failing instance(s) of {kind}"]
    for f in chosen[:limit]:
        out.append(f"- {f.kind} ({f.detail}): {f.verdict}")
        out.extend(f.lines)
    if len(chosen) > limit:
        out.append(f"… {len(chosen) - limit} more (--limit)")
    return "\n".join(out)


def run_size(pages: int, seed: int, runs: int) -> tuple[Report, str]:
    """Build, diff and score one size: the report and a line of facts about the pair."""
    old, new, truth = make_pair(pages, seed)
    redline, seconds = timed_diff(old, new, runs)
    report = score(redline, old, new, truth)
    report.seconds = seconds
    words = sum(len(p.text.split()) for p in old.points)
    facts = (f"{words:,} words, {len(old.points):,} -> {len(new.points):,} points, {report.units:,} units "
             f"({report.unchanged:,} same or renumbered in the truth), {len(truth.edits):,} edit instances")
    return report, facts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=0, help="time diff best of N (default 3, 2 from 1,000 pages)")
    parser.add_argument("--out", type=Path, help=f"default {RESULTS.relative_to(ROOT)} (none with --show)")
    parser.add_argument("--heading", default="", help="the section's heading, e.g. 'Before the rework (commit X)'")
    parser.add_argument("--append", action="store_true", help="add a section to --out instead of a fresh file")
    parser.add_argument("--show", metavar="KIND", choices=[*KINDS, "all"], help="print that kind's failures")
    parser.add_argument("--limit", type=int, default=10, help="failures shown per size with --show")
    args = parser.parse_args()
    out = args.out or (None if args.show else RESULTS)
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    path = os.environ.get("PYTHONPATH")
    command = (f"PYTHONPATH={shlex.quote(path)} " if path else "") + f"{os.path.relpath(sys.executable, ROOT)} " \
        f"bench/quality.py {shlex.join(sys.argv[1:])}"
    load = os.getloadavg()[0]
    sections = []
    for pages in args.pages:
        print(f"  {pages:>5} pages ...", file=sys.stderr, flush=True)
        report, facts = run_size(pages, args.seed, args.runs or (2 if pages >= 1000 else 3))
        sections.append(section(report, facts))
        if args.show:
            print(show(report, args.show, args.limit))
    text = "\n".join([
        f"## {args.heading or 'Run of ' + when}", "", f"- date: {when}",
        f"- machine: {machine()}; load average {load:.1f} before the run, {os.getloadavg()[0]:.1f} after"
        " (other work on the machine makes the times noisy)",
        f"- command: `{command}`", f"- code: {code_version()}", f"- generator seed: {args.seed}; "
        "time: best of `--runs` (3, or 2 from 1,000 pages), `time.perf_counter` around `diff` alone", "",
        *sections])
    if not args.show:
        print(text)
    if out is not None:
        before = out.read_text(encoding="utf-8").rstrip() + "\n\n" if args.append and out.exists() else TITLE + "\n\n"
        out.write_text(before + text, encoding="utf-8")
        print(f"wrote {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
