"""Benchmark of `treaty merge`: a three-way merge of a generated plan's pair with a third version.

    .venv/bin/python bench/merge.py --pages 10 100 1000 [--seed 1] [--out bench/merge-results.md]

BASE and OURS are `generate.py`'s pair (bench/data/<pages>/old.txt and new.txt: a few percent of
the points changed, inserted, deleted, moved). THEIRS is BASE edited apart, seeded: every 25th
point gets a word of its own (a change OURS may have touched too: a conflict when it did), every
60th is deleted (a conflict where OURS changed it), and a point is inserted after every 80th.
Rows, each in a fresh process: the whole `treaty merge BASE OURS THEIRS -f json -o FILE`
command, and `drafting.merge.merge` alone in a worker after reading (best of N, peak MB from
GNU time's %M as in run.py). Never asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from generate import DATA, write_pair  # noqa: E402
from run import RUNS, _fmt_s, machine, spawn  # noqa: E402

PYTHON = HERE.parent / ".venv" / "bin" / "python"
TREATY = HERE.parent / ".venv" / "bin" / "treaty"


def theirs(base_text: str, seed: int) -> str:
    """BASE edited apart from OURS, as text the reader reads back (`treaty show -f txt`)."""
    from drafting.model import Point
    from drafting.readers.text import read_text
    from drafting.writers import document_writer

    rng = random.Random(f"treaty-merge-{seed}")
    doc = read_text(base_text, source="base.txt")
    out: list[Point] = []
    for n, point in enumerate(doc.points, 1):
        if n % 60 == 0:
            continue
        if n % 25 == 0 and point.paragraphs:
            words = point.paragraphs[0].split(" ")
            words.insert(rng.randrange(len(words)), rng.choice(["jointly", "promptly", "in good faith"]))
            point = replace(point, paragraphs=(" ".join(words), *point.paragraphs[1:]))
        out.append(point)
        if n % 80 == 0:
            out.append(Point(key=f"@theirs-{n}", label="", kind=point.kind,
                             paragraphs=(f"The Parties shall review clause {n} of this plan every {rng.randint(2, 9)} years.",)))
    labelled = tuple(replace(p, label=str(k)) for k, p in enumerate(out, 1))
    return str(document_writer("txt")(replace(doc, points=labelled)))


def worker(folder: Path, runs: int) -> None:
    """In a fresh process: read the three versions, then time `merge` alone; print JSON."""
    from drafting.merge import merge
    from drafting.readers import read_document

    docs = [read_document(folder / name) for name in ("old.txt", "new.txt", "theirs.txt")]
    best = float("inf")
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = merge(*docs, names=("ours", "theirs"))
        best = min(best, time.perf_counter() - start)
    assert result is not None
    print(json.dumps({"seconds": best, "conflicts": len(result.conflicts), "ours": len(result.ours),
                      "theirs": len(result.theirs), "both": len(result.both),
                      "points": [len(d.points) for d in docs]}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=HERE / "merge-results.md")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=0)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.runs or 1)
        return
    rows = []
    for pages in args.pages:
        folder = DATA / str(pages)
        if not (folder / "old.txt").exists():
            write_pair(pages, args.seed)
        (folder / "theirs.txt").write_text(theirs((folder / "old.txt").read_text(encoding="utf-8"), args.seed),
                                           encoding="utf-8")
        runs = args.runs or RUNS.get(pages, 2)
        cli = [spawn([str(TREATY), "merge", *(str(folder / n) for n in ("old.txt", "new.txt", "theirs.txt")),
                      "-f", "json", "-o", str(folder / "merged.json"), "--force"], 900) for _ in range(runs)]
        lib = spawn([str(PYTHON), __file__, "--worker", str(folder), "--runs", str(runs)], 900)
        facts = json.loads(lib.stdout.strip().splitlines()[-1])
        rows.append(f"| {pages:,} | {' / '.join(f'{n:,}' for n in facts['points'])} | {_fmt_s(min(c.wall for c in cli))} | "
                    f"{max(c.peak_mb for c in cli):.0f} | {_fmt_s(facts['seconds'])} | {lib.peak_mb:.0f} | "
                    f"{facts['conflicts']} | {facts['ours']} / {facts['theirs']} / {facts['both']} | "
                    f"{'1 (conflicts)' if cli[0].code == 1 else cli[0].code} |")
    report = "\n".join([
        "# Benchmark: treaty merge (three-way)", "",
        f"- date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        f"- machine: {machine()}",
        f"- command: `.venv/bin/python bench/merge.py --pages {' '.join(map(str, args.pages))}`",
        "- BASE, OURS: generate.py's pair; THEIRS: BASE with every 25th point given a word, every 60th deleted, "
        "a point inserted after every 80th (see the module docstring).", "",
        "| pages | points base / ours / theirs | treaty merge CLI (s) | CLI peak MB | merge() alone (s) | "
        "merge() peak MB | conflicts | taken from ours / theirs / both | exit |",
        "|---|---|---|---|---|---|---|---|---|", *rows, ""])
    print(report)
    args.out.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
