"""One benchmark worker: runs one tool on one pair, in a fresh process, and prints JSON.

`run.py` starts this file once per (tool, size) with the interpreter the tool
needs (the project venv for treaty and diff-match-patch, bench/.venv for the
`redlines` package and Docxodus) and reads the process's peak resident memory
from `os.wait4` when it exits. Inside, the tool runs up to `--runs` times
(stopping early once `--budget` seconds are spent); each run is timed with
`time.perf_counter`, imports done beforehand so they are not timed.

    python bench/peers.py TOOL DATA_DIR [--runs N] [--budget S] [--profile]

Only the standard library is imported at the top: each tool imports its own
package, so the file runs under either interpreter.
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: The yardstick's tokens: words, whitespace runs, single punctuation marks.
TOKEN = re.compile(r"\w+|\s+|[^\w\s]")

Result = dict[str, Any]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _hunks(ops: list[tuple[int, str]]) -> int:
    """Maximal runs of non-equal operations: what a reader sees as one change."""
    count, inside = 0, False
    for op, _text in ops:
        if op != 0 and not inside:
            count += 1
        inside = op != 0
    return count


# --- tools: each returns (run, describe); run() does the timed work ----------------------


def _redline_result(rl: Any, summary: Any) -> Result:
    """What run.py scores of a treaty redline: the top-level pairs and the summary."""
    return {
        "points": [[d.status, d.old_label or None, d.new_label or None] for d in rl.points],
        "summary": dict(summary.points),
        "words_inserted": summary.words_inserted,
        "words_deleted": summary.words_deleted,
    }


def _treaty_lib(folder: Path) -> tuple[Callable[[], Any], Callable[[Any], Result]]:
    import drafting.readers.text  # noqa: F401  (imported lazily by read_document; keep it out of the timing)
    from drafting.diff import diff, summarize
    from drafting.readers import read_document

    def run() -> Any:
        rl = diff(read_document(folder / "old.txt"), read_document(folder / "new.txt"))
        return rl, summarize(rl)

    return run, lambda out: _redline_result(*out)


def _treaty_diff(folder: Path) -> tuple[Callable[[], Any], Callable[[Any], Result]]:
    """`diff(old, new)` alone: both documents are read here, before the timing."""
    import drafting.readers.text  # noqa: F401
    from drafting.diff import diff, summarize
    from drafting.readers import read_document

    old, new = read_document(folder / "old.txt"), read_document(folder / "new.txt")

    def run() -> Any:
        return diff(old, new)

    return run, lambda rl: _redline_result(rl, summarize(rl))


def _yardstick(folder: Path) -> tuple[Callable[[], Any], Callable[[Any], Result]]:
    def run() -> Any:
        counts = []
        for name in ("old.txt", "new.txt"):
            with open(folder / name, encoding="utf-8") as fh:
                counts.append(len(TOKEN.findall(fh.read())))
        return counts

    return run, lambda out: {"tokens": out}


def _encode(a: str, b: str) -> tuple[str, str, list[str]]:
    """Both texts as strings of one character per word token (diff-match-patch's linesToChars trick)."""
    vocab: dict[str, str] = {}
    table: list[str] = []

    def enc(text: str) -> str:
        out = []
        for tok in TOKEN.findall(text):
            ch = vocab.get(tok)
            if ch is None:
                code = len(table) + 1
                ch = vocab[tok] = chr(code if code < 0xD800 else code + 0x800)
                table.append(tok)
            out.append(ch)
        return "".join(out)

    return enc(a), enc(b), table


def _dmp(folder: Path, timeout: float) -> tuple[Callable[[], Any], Callable[[Any], Result]]:
    from diff_match_patch import diff_match_patch

    old = (folder / "old.txt").read_text(encoding="utf-8")
    new = (folder / "new.txt").read_text(encoding="utf-8")

    def run() -> Any:
        dmp = diff_match_patch()
        dmp.Diff_Timeout = timeout
        ea, eb, _table = _encode(old, new)
        start = time.perf_counter()
        diffs = dmp.diff_main(ea, eb, False)
        took = time.perf_counter() - start
        dmp.diff_cleanupSemantic(diffs)
        return diffs, took, len(ea)

    def describe(out: Any) -> Result:
        diffs, took, tokens = out
        biggest = max((len(t) for op, t in diffs if op == -1), default=0)
        equal = sum(len(t) for op, t in diffs if op == 0)
        return {
            "hunks": _hunks(diffs),
            "core_seconds": took,
            "tokens_old": tokens,
            "equal_tokens": equal,
            "largest_delete_tokens": biggest,
            # diff_bisect returns delete-all/insert-all for whatever is left when the deadline passes.
            "hit_deadline": bool(timeout) and took >= timeout,
            "gave_up": biggest > tokens / 2,
        }

    return run, describe


def _difflib(folder: Path) -> tuple[Callable[[], Any], Callable[[Any], Result]]:
    import difflib

    old = (folder / "old.txt").read_text(encoding="utf-8")
    new = (folder / "new.txt").read_text(encoding="utf-8")

    def run() -> Any:
        matcher = difflib.SequenceMatcher(None, old.split(), new.split())  # autojunk=True, the default
        return matcher.get_opcodes()

    return run, lambda ops: {"hunks": sum(1 for op in ops if op[0] != "equal")}


def _redlines(folder: Path) -> tuple[Callable[[], Any], Callable[[Any], Result]]:
    from redlines import Redlines

    old = (folder / "old.txt").read_text(encoding="utf-8")
    new = (folder / "new.txt").read_text(encoding="utf-8")

    def run() -> Any:
        data = json.loads(Redlines(old, new).output_json())
        return data

    def describe(data: Any) -> Result:
        return {"hunks": len(data.get("changes", [])), "stats": data.get("stats", {})}

    return run, describe


def _docx_counts(data: bytes) -> Result:
    import zipfile
    from io import BytesIO

    with zipfile.ZipFile(BytesIO(data)) as zf:
        xml = zf.read("word/document.xml").decode("utf-8")
    counts = {tag: len(re.findall(rf"<w:{tag}[ >]", xml))
              for tag in ("ins", "del", "moveFrom", "moveTo", "moveFromRangeStart")}
    return {"hunks": counts["ins"] + counts["del"] + counts["moveFromRangeStart"], "xml": counts,
            "bytes": len(data)}


def _docxodus(folder: Path) -> tuple[Callable[[], Any], Callable[[Any], Result]]:
    from python_redlines import DocxodusEngine

    engine = DocxodusEngine(target_path=str(Path(__file__).resolve().parent / ".venv" / "docxodus-bin"))

    def run() -> Any:
        out, _stdout, _stderr = engine.run_redline("bench", folder / "old.docx", folder / "new.docx",
                                                   detect_moves=True)
        return out

    return run, _docx_counts


def _treaty_docx(folder: Path) -> tuple[Callable[[], Any], Callable[[Any], Result]]:
    import drafting.readers.text  # noqa: F401
    from drafting.diff import diff
    from drafting.readers import read_document
    from drafting.writers.docx import redline

    def run() -> Any:
        rl = diff(read_document(folder / "old.txt"), read_document(folder / "new.txt"))
        start = time.perf_counter()
        data = redline(rl)
        return data, time.perf_counter() - start

    def describe(out: Any) -> Result:
        data, writer_seconds = out
        return {**_docx_counts(data), "writer_seconds": writer_seconds}

    return run, describe


def _treaty_docx_read(folder: Path) -> tuple[Callable[[], Any], Callable[[Any], Result]]:
    """Reading a counterpart's .docx back into the tree (new.docx, written by _make_docx)."""
    from drafting.readers import read_document

    def run() -> Any:
        return read_document(folder / "new.docx")

    def describe(doc: Any) -> Result:
        return {"points": len(doc.points), "bytes": (folder / "new.docx").stat().st_size}

    return run, describe


def _make_docx(folder: Path) -> tuple[Callable[[], Any], Callable[[Any], Result]]:
    """Not a tool: writes old.docx and new.docx for Docxodus with our docx document writer."""
    import drafting.readers.text  # noqa: F401
    from drafting.readers import read_document
    from drafting.writers.docx import document

    def run() -> Any:
        for side in ("old", "new"):
            (folder / f"{side}.docx").write_bytes(document(read_document(folder / f"{side}.txt")))
        return None

    return run, lambda _out: {}


TOOLS: dict[str, Callable[[Path], tuple[Callable[[], Any], Callable[[Any], Result]]]] = {
    "treaty-lib": _treaty_lib,
    "treaty-diff": _treaty_diff,
    "yardstick": _yardstick,
    "dmp-1s": lambda folder: _dmp(folder, 1.0),
    "dmp-0": lambda folder: _dmp(folder, 0.0),
    "difflib": _difflib,
    "redlines": _redlines,
    "docxodus": _docxodus,
    "treaty-docx": _treaty_docx,
    "treaty-docx-read": _treaty_docx_read,
    "make-docx": _make_docx,
}


def measure(tool: str, folder: Path, runs: int, budget: float) -> Result:
    """Time `tool` on the pair in `folder`: best of up to `runs`, stopping once `budget` s are spent."""
    run, describe = TOOLS[tool](folder)
    baseline = _rss_mb()
    times: list[float] = []
    out: Any = None
    for _ in range(max(1, runs)):
        out = None
        gc.collect()
        start = time.perf_counter()
        out = run()
        times.append(time.perf_counter() - start)
        if sum(times) >= budget:
            break
    return {"tool": tool, "times": times, "best": min(times), "rss_after_imports_mb": baseline,
            **describe(out)}


def profile(tool: str, folder: Path, top: int = 15) -> str:
    """One run under cProfile: the `top` lines sorted by cumulative time."""
    import cProfile
    import io
    import pstats

    run, _describe = TOOLS[tool](folder)
    prof = cProfile.Profile()
    prof.runcall(run)
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(top)
    return buf.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tool", choices=sorted(TOOLS))
    parser.add_argument("folder", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--budget", type=float, default=20.0, help="stop repeating after this many seconds")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one run instead")
    args = parser.parse_args()
    if args.profile:
        sys.stdout.write(profile(args.tool, args.folder))
        return
    sys.stdout.write(json.dumps(measure(args.tool, args.folder, args.runs, args.budget)) + "\n")


if __name__ == "__main__":
    main()
