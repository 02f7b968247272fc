"""Run a saved finding (or any case file) again: `python -m tests.fuzz.replay FILE [--keep]`.

Prints each step's command, exit code, stderr and traceback, and the verdicts; with --keep the
case folder is left on disk for a look (its path is printed). The limits are the fuzzing ones
(TREATY_FUZZ_MEMORY_MB, TREATY_FUZZ_CPU, TREATY_FUZZ_WALL).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from tests.fuzz.harness import Budget, Worker
from tests.fuzz.judge import judge


def main(argv: list[str] | None = None) -> int:
    """Replay each file; exit 1 when a finding still shows, 0 when none does."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--keep", action="store_true", help="keep the case folder")
    options = parser.parse_args(argv)
    worker = Worker(Budget.from_env().limits)
    still = 0
    try:
        for path in options.files:
            case = json.loads(path.read_text(encoding="utf-8"))["case"]
            answer = worker.run(case, keep=options.keep)
            print(f"== {path}")
            if "error" in answer:
                print(answer["error"])
                still += 1
                continue
            if options.keep:
                print(f"case folder: {answer['base']}")
            for step in answer["steps"]:
                print(f"$ treaty {' '.join(map(repr, step['args'])) if isinstance(step['args'], list) else step['args']}")
                print(f"  exit {step.get('exit')}, {step['seconds']} s, {step['cpu']} s CPU, "
                      f"{step['max_rss_mb']} MB{', TIMEOUT' if step['timeout'] else ''}"
                      f"{', ' + step['signal'] if step['signal'] else ''}")
                for stream in ("stderr", "exception"):
                    if step.get(stream):
                        print("  " + step[stream].rstrip().replace("\n", "\n  "))
                for verdict in judge(step, answer["work"]):
                    still += 1
                    print(f"  FINDING [{verdict.kind}] {verdict.signature}")
    finally:
        worker.close()
    return 1 if still else 0


if __name__ == "__main__":
    raise SystemExit(main())
