"""Benchmark of amending protocols: `treaty diff --format amendments` and `treaty consolidate`.

    .venv/bin/python bench/amend.py --pages 10 100 1000 [--seed 1] [--out bench/amend-results.md] [--profile]

OLD is generate.py's old plan (bench/data/<pages>/old.txt); NEW is OLD edited as merge.py
edits its THEIRS (`merge.theirs`: every 25th unit given a word, every 60th deleted, a unit
inserted after every 80th, everything after renumbered). Both go to bench/data/amend-<pages>/.
Rows, each in a fresh process (best of N, peak MB from GNU time's %M as in merge.py and run.py):

- `treaty diff OLD NEW --format amendments -o protocol.md` and
  `treaty consolidate OLD protocol.md -o consolidated.json`, whole commands;
- in workers, after imports and after reading what the step takes in: `diff()`, `amendments()`
  (which applies its protocol once to check it), the Markdown writer, `read_protocol()` of that
  Markdown, `consolidate()`;
- the yardstick: the redline of the same pair, `treaty diff OLD NEW -f md`, whole command.

The consolidated text (the library's and the CLI's) must equal NEW (`drafting.amend.shape`):
the run stops with the first difference otherwise. Never asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import peers  # noqa: E402
from generate import DATA, write_pair  # noqa: E402
from merge import PYTHON, TREATY, theirs  # noqa: E402
from run import RUNS, _fmt_s, machine, spawn  # noqa: E402

Result = dict[str, Any]
#: The library's protocol, written by the "writer" worker and read by the two after it.
LIB_PROTOCOL = "protocol-lib.md"


class Mismatch(Exception):
    """The consolidated text is not NEW: the protocol (or its reading, or its applying) lost something."""


def versions(pages: int, seed: int = 1, root: Path = DATA) -> Path:
    """OLD and NEW in <root>/amend-<pages>/ (OLD is generate.py's old plan, made when missing)."""
    pair = root / str(pages)
    if not (pair / "old.txt").exists():
        write_pair(pages, seed, root=root)
    old_text = (pair / "old.txt").read_text(encoding="utf-8")
    folder = root / f"amend-{pages}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "old.txt").write_text(old_text, encoding="utf-8")
    (folder / "new.txt").write_text(theirs(old_text, seed), encoding="utf-8")
    return folder


def difference(got: Any, want: Any) -> str | None:
    """Where the consolidated document `got` first differs from `want` (None when it does not)."""
    from drafting.amend import shape

    a, b = shape(got), shape(want)
    if a == b:
        return None
    for name, x, y in zip(("title", "parties", "preamble", "closing"), a[:4], b[:4]):
        if x != y:
            return f"the {name} differs"
    units_a, units_b = a[4], b[4]
    assert isinstance(units_a, tuple) and isinstance(units_b, tuple)
    for k, (x, y) in enumerate(zip(units_a, units_b)):
        if x != y:
            return f"top-level unit {k + 1} is {str(x)[:160]!r}, NEW has {str(y)[:160]!r}"
    return f"{len(units_a)} top-level units, NEW has {len(units_b)}"


def facts(protocol: Any) -> Result:
    """How many instructions, how many on words inside a text, how many units renumbered."""
    from drafting.amend import RENUMBERING

    instructions = protocol.instructions
    return {"instructions": len(instructions), "words": sum(1 for i in instructions if i.words),
            "renumbered": sum(len(i.others) for i in instructions if i.action == RENUMBERING)}


def check(folder: Path, markdown: str) -> Result:
    """Read the protocol `markdown`, apply it to OLD and compare with NEW; raise Mismatch if they differ."""
    from drafting.amend import consolidate, read_protocol

    old, new = _read(folder)
    if difference(old, new) is None:  # a plan of under 25 units: nothing to amend (and nothing to read)
        return {"instructions": 0, "words": 0, "renumbered": 0}
    protocol = read_protocol(markdown, source=LIB_PROTOCOL)
    wrong = difference(consolidate(old, protocol), new)
    if wrong:
        raise Mismatch(f"{folder.name}: consolidate(OLD, protocol) is not NEW: {wrong}")
    return facts(protocol)


def protocol_of(folder: Path) -> str:
    """The library's protocol from OLD to NEW, as Markdown (as `treaty diff --format amendments` writes it)."""
    from drafting.amend import amendments
    from drafting.diff import diff
    from drafting.writers import protocol_writer

    return str(protocol_writer("md")(amendments(diff(*_read(folder)))))


# --- workers: run inside a fresh process by peers.measure -----------------------------------------


def _read(folder: Path) -> tuple[Any, Any]:
    import drafting.readers.text  # noqa: F401  (imported lazily by read_document; keep it out of the timing)
    from drafting.readers import read_document

    return read_document(folder / "old.txt"), read_document(folder / "new.txt")


def _diff(folder: Path) -> tuple[Callable[[], Any], Callable[[Any], Result]]:
    """`diff(old, new)` alone."""
    from drafting.diff import diff

    old, new = _read(folder)
    return lambda: diff(old, new), lambda rl: {
        "points": [len(old.points), len(new.points)],
        "changed": sum(1 for d in rl.points if d.status not in ("same", "renumbered"))}


def _amendments(folder: Path) -> tuple[Callable[[], Any], Callable[[Any], Result]]:
    """`amendments(redline)` alone: the redline made before the timing."""
    from drafting.amend import amendments
    from drafting.diff import diff

    rl = diff(*_read(folder))
    return lambda: amendments(rl), facts


def _writer(folder: Path) -> tuple[Callable[[], Any], Callable[[Any], Result]]:
    """The Markdown writer alone; it leaves its protocol for the reader and consolidate workers."""
    from drafting.amend import amendments
    from drafting.diff import diff
    from drafting.writers import protocol_writer

    protocol, write = amendments(diff(*_read(folder))), protocol_writer("md")

    def describe(text: Any) -> Result:
        (folder / LIB_PROTOCOL).write_text(text, encoding="utf-8")
        return {"bytes": len(text.encode("utf-8")), "lines": text.count("\n")}

    return lambda: write(protocol), describe


def _reader(folder: Path) -> tuple[Callable[[], Any], Callable[[Any], Result]]:
    """`read_protocol(markdown)` alone, of the writer worker's Markdown."""
    from drafting.amend import read_protocol

    text = (folder / LIB_PROTOCOL).read_text(encoding="utf-8")
    return lambda: read_protocol(text, source=LIB_PROTOCOL), facts


def _consolidate(folder: Path) -> tuple[Callable[[], Any], Callable[[Any], Result]]:
    """`consolidate(old, protocol)` alone: OLD, NEW and the protocol read before the timing."""
    from drafting.amend import consolidate, read_protocol

    old, new = _read(folder)
    protocol = read_protocol((folder / LIB_PROTOCOL).read_text(encoding="utf-8"), source=LIB_PROTOCOL)
    return lambda: consolidate(old, protocol), lambda doc: {"difference": difference(doc, new)}


WORKERS = {"diff": _diff, "amendments": _amendments, "writer": _writer, "read": _reader,
           "consolidate": _consolidate}
#: Library rows, in the order the protocol travels; the commands are timed around them.
NAMES = {
    "cli-amendments": "`treaty diff OLD NEW --format amendments -o protocol.md` (CLI)",
    "diff": "`diff()` alone",
    "amendments": "`amendments()` alone",
    "writer": "Markdown writer",
    "read": "`read_protocol()` of that Markdown",
    "consolidate": "`consolidate()`",
    "cli-consolidate": "`treaty consolidate OLD protocol.md -o consolidated.json` (CLI)",
    "yardstick": "yardstick: `treaty diff OLD NEW -f md` (CLI, the redline)",
}


# --- the runner ----------------------------------------------------------------------------------


def _command(cmd: list[str], runs: int) -> Result:
    """Best wall time of `runs` runs of a whole command and its largest peak MB; exit 2 stops the run."""
    done = [spawn(cmd, 900) for _ in range(runs)]
    if any(d.code != 0 for d in done):
        failed = next(d for d in done if d.code != 0)
        raise SystemExit(f"{' '.join(cmd[1:3])} failed (exit {failed.code}): {failed.stderr.strip()[-400:]}")
    return {"seconds": min(d.wall for d in done), "peak_mb": max(d.peak_mb for d in done)}


def _worker(step: str, folder: Path, runs: int) -> Result:
    """Time a library step in a fresh process: best of `runs`, its peak MB, what it reported."""
    done = spawn([str(PYTHON), __file__, "--worker", step, str(folder), "--runs", str(runs)], 900)
    if done.code != 0:
        raise SystemExit(f"worker {step} failed: {done.stderr.strip()[-400:]}")
    raw = json.loads(done.stdout.strip().splitlines()[-1])
    return {"seconds": raw["best"], "peak_mb": done.peak_mb, "raw": raw}


def run_size(pages: int, seed: int, runs: int) -> Result:
    """Every row at one size; SystemExit when a consolidated text is not NEW."""
    from drafting.readers import read_document

    folder = versions(pages, seed)
    old, new, protocol = (str(folder / n) for n in ("old.txt", "new.txt", "protocol.md"))
    rows: Result = {"cli-amendments": _command([str(TREATY), "diff", old, new, "--format", "amendments",
                                                "-o", protocol, "--force"], runs)}
    for step in WORKERS:
        rows[step] = _worker(step, folder, runs)
    rows["cli-consolidate"] = _command([str(TREATY), "consolidate", old, protocol, "-o",
                                        str(folder / "consolidated.json"), "--force"], runs)
    rows["yardstick"] = _command([str(TREATY), "diff", old, new, "-f", "md", "-o", str(folder / "redline.md"),
                                  "--force"], runs)
    wrong = rows["consolidate"]["raw"]["difference"]
    cli_wrong = difference(read_document(folder / "consolidated.json"), read_document(folder / "new.txt"))
    if wrong or cli_wrong:
        raise SystemExit(f"{pages} pages: the consolidated text is not NEW: "
                         f"{'consolidate(): ' + wrong if wrong else ''} {'CLI: ' + cli_wrong if cli_wrong else ''}")
    same = (folder / "protocol.md").read_text(encoding="utf-8") == (folder / LIB_PROTOCOL).read_text(encoding="utf-8")
    return {"pages": pages, "rows": rows, "same_protocol": same}


def table(sizes: list[Result]) -> str:
    """One line per row and size with its ratio to the redline; then the protocols' figures."""
    lines = ["| row | pages | time (s) | peak MB | × redline CLI |", "|---|---|---|---|---|"]
    for size in sizes:
        yard = size["rows"]["yardstick"]["seconds"]
        for step, name in NAMES.items():
            row = size["rows"][step]
            seconds = _fmt_s(row["seconds"]) if row["seconds"] >= 0.0001 else "< 0.0001"
            lines.append(f"| {name} | {size['pages']:,} | {seconds} | {row['peak_mb']:.0f} | "
                         f"{row['seconds'] / yard:.2f} |")
    lines += ["", "| pages | units OLD / NEW | top-level units changed | instructions | of them on words | "
              "units renumbered | protocol | consolidated = NEW | CLI's protocol = library's |",
              "|---|---|---|---|---|---|---|---|---|"]
    for size in sizes:
        rows = size["rows"]
        d, a, w = rows["diff"]["raw"], rows["amendments"]["raw"], rows["writer"]["raw"]
        lines.append(f"| {size['pages']:,} | {' / '.join(f'{n:,}' for n in d['points'])} | {d['changed']:,} | "
                     f"{a['instructions']:,} | {a['words']:,} | {a['renumbered']:,} | "
                     f"{w['lines']:,} lines, {w['bytes']:,} bytes | yes (library and CLI) | "
                     f"{'yes' if size['same_protocol'] else 'NO'} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=HERE / "amend-results.md")
    parser.add_argument("--runs", type=int, default=0)
    parser.add_argument("--profile", action="store_true",
                        help="print a cProfile of amendments() and consolidate() at the largest size; no file written")
    parser.add_argument("--worker", nargs=2, metavar=("STEP", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    peers.TOOLS.update(WORKERS)
    if args.worker:
        sys.stdout.write(json.dumps(peers.measure(args.worker[0], Path(args.worker[1]), args.runs or 1, 60.0)) + "\n")
        return
    if args.profile:
        folder = versions(max(args.pages), args.seed)
        (folder / LIB_PROTOCOL).write_text(protocol_of(folder), encoding="utf-8")
        for step in ("amendments", "consolidate"):
            print(f"## {step}, {max(args.pages):,} pages\n\n{peers.profile(step, folder, 25)}")
        return
    sizes = []
    for pages in args.pages:
        print(f"  {pages:>5} pages ...", file=sys.stderr, flush=True)
        sizes.append(run_size(pages, args.seed, args.runs or RUNS.get(pages, 2)))
    report = "\n".join([
        "# Benchmark: amending protocols (treaty diff --format amendments, treaty consolidate)", "",
        f"- date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        f"- machine: {machine()}",
        f"- command: `.venv/bin/python bench/amend.py --pages {' '.join(map(str, args.pages))}`",
        "- OLD: generate.py's old plan; NEW: OLD with every 25th unit given a word, every 60th deleted, "
        "a unit inserted after every 80th, the rest renumbered (merge.py's THEIRS; see the module docstring).",
        "- time: best of N runs (5 at 10 pages, 3 at 100, 2 at 1,000); CLI rows are whole commands "
        "(interpreter start and reading included), library rows are timed in a worker after imports and "
        "after reading what the step takes in. `amendments()` applies its protocol to OLD once to check it.",
        "- peak MB: GNU time's `%M` of the process (interpreter, imports and the step's inputs included).",
        "- consolidated = NEW: `drafting.amend.shape` of `consolidate()`'s result and of the CLI's "
        "consolidated.json equal NEW's (the run stops otherwise).", "",
        table(sizes), ""])
    print(report)
    args.out.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
