"""The parent side of the fuzzing: the budget, the worker process, and the findings it keeps.

Hypothesis draws cases here and the worker (`tests.fuzz.sandbox`) runs them; nothing the CLI does
happens in this process. A failing case does not stop the run: each distinct finding (see
`judge`) is kept with its smallest case in a folder per run under tests/fuzz/findings/
(git-ignored), so one long run reports every kind it met, and a test fails at its end when it
met any.
"""

from __future__ import annotations

import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.fuzz.judge import KINDS, judge
from tests.fuzz.sandbox import ROOT, Limits

FINDINGS = Path(__file__).resolve().parent / "findings"
KEEP_RUNS = 5  # run folders kept under FINDINGS, newest first
Case = dict[str, Any]


@dataclass(frozen=True)
class Budget:
    """How long to fuzz: `seconds` 0 is the short CI run of `examples` cases a test; `make fuzz`
    sets TREATY_FUZZ_SECONDS and shares the time between the tests that run."""

    seconds: float = 0.0
    examples: int = 25
    limits: Limits = Limits()

    @classmethod
    def from_env(cls) -> Budget:
        """TREATY_FUZZ_SECONDS, TREATY_FUZZ_EXAMPLES, TREATY_FUZZ_MEMORY_MB, _CPU and _WALL."""
        env = os.environ
        limits = Limits(memory_mb=int(env.get("TREATY_FUZZ_MEMORY_MB", Limits.memory_mb)),
                        cpu_s=int(env.get("TREATY_FUZZ_CPU", Limits.cpu_s)),
                        wall_s=float(env.get("TREATY_FUZZ_WALL", Limits.wall_s)))
        return cls(seconds=float(env.get("TREATY_FUZZ_SECONDS", 0) or 0),
                   examples=int(env.get("TREATY_FUZZ_EXAMPLES", 25)), limits=limits)


class Worker:
    """The sandbox process: started once, restarted when it dies or stops answering."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.log = tempfile.TemporaryFile()
        self.proc: subprocess.Popen[bytes] | None = None

    def _start(self) -> subprocess.Popen[bytes]:
        if self.proc is None or self.proc.poll() is not None:
            self.proc = subprocess.Popen([sys.executable, "-m", "tests.fuzz.sandbox"], cwd=ROOT,
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log)
        return self.proc

    def run(self, case: Case, *, keep: bool = False) -> dict[str, Any]:
        """The case's outcome: `{"base", "work", "steps": [...]}`, or `{"error": why}`."""
        proc = self._start()
        assert proc.stdin is not None and proc.stdout is not None
        request = {"case": case, "limits": asdict(self.limits), "keep": keep}
        patience = (self.limits.wall_s + 10) * max(1, len(case["steps"])) + 60
        try:
            proc.stdin.write(json.dumps(request).encode("utf-8") + b"\n")
            proc.stdin.flush()
            ready = select.select([proc.stdout], [], [], patience)[0]
            line = proc.stdout.readline() if ready else b""
        except BrokenPipeError:
            line = b""
        if not line:
            self._stop()
            self.log.seek(0)
            tail = self.log.read().decode("utf-8", "replace")[-3000:]
            return {"error": f"the fuzzing worker died or hung\n{tail}"}
        return dict(json.loads(line))

    def close(self) -> None:
        """Stop the worker for good."""
        self._stop()
        self.log.close()

    def _stop(self) -> None:
        """Stop the worker process (it ends when its stdin closes; killed when it hangs)."""
        if self.proc is not None:
            if self.proc.stdin:
                self.proc.stdin.close()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            if self.proc.stdout:
                self.proc.stdout.close()
            self.proc = None


@dataclass
class Finding:
    """A distinct bug: the smallest case that showed it, how often it was met, and by which test."""

    kind: str
    signature: str
    detail: str
    test: str
    case: Case
    step: dict[str, Any]
    folder: Path  # the run's folder under FINDINGS
    count: int = 1

    @property
    def file(self) -> Path:
        slug = re.sub(r"[^A-Za-z0-9]+", "-", self.signature).strip("-")[:120]
        return self.folder / f"{slug}.json"

    def replay(self) -> str:
        """The one-line command that runs this finding's case again."""
        return f".venv/bin/python -m tests.fuzz.replay {self.file.relative_to(ROOT)}"

    def line(self) -> str:
        lines = self.detail.strip().splitlines() or [""]
        if self.kind in ("traceback", "memory"):  # the exception's own line
            lines = [line for line in lines if line and not line[0].isspace()][-1:] or lines[-1:]
        first = lines[:1]
        return (f"[{self.kind}] {self.signature} ({self.count}x, {self.test})\n"
                f"    {first[0][:200]}\n    replay: {self.replay()}")


@dataclass
class Fuzzer:
    """Runs cases through the worker, judges them, keeps the findings and counts the cases."""

    budget: Budget
    worker: Worker
    share: float = 0.0  # seconds for each test in a long run
    cases: Counter[str] = field(default_factory=Counter)
    findings: dict[str, Finding] = field(default_factory=dict)
    started: float = field(default_factory=time.monotonic)
    met: set[str] = field(default_factory=set)  # signatures the running test met
    folder: Path | None = None  # where this run keeps its findings, made at the first one

    def check(self, test: str, case: Case) -> None:
        """Run `case` and keep whatever it broke."""
        answer = self.worker.run(case)
        self.cases[test] += 1
        if "error" in answer:
            self._keep(test, case, {"args": case["steps"][0]}, "harness", "harness:worker", answer["error"])
            return
        for step in answer["steps"]:
            for verdict in judge(step, answer["work"]):
                self._keep(test, case, step, verdict.kind, verdict.signature, verdict.detail)

    def _keep(self, test: str, case: Case, step: dict[str, Any], kind: str, signature: str, detail: str) -> None:
        found = self.findings.get(signature)
        if found is None:
            found = self.findings[signature] = Finding(kind, signature, detail, test, case, step, self._folder(), 0)
        found.count += 1
        self.met.add(signature)
        if found.count == 1 or len(json.dumps(case)) < len(json.dumps(found.case)):
            found.case, found.step, found.detail, found.test = case, step, detail, test
            self._save(found)

    def _folder(self) -> Path:
        """tests/fuzz/findings/<date-time>-<short|long>/ (git-ignored); the oldest runs beyond
        KEEP_RUNS are removed."""
        if self.folder is None:
            FINDINGS.mkdir(exist_ok=True)
            (FINDINGS / ".gitignore").write_text("*\n", encoding="utf-8")
            self.folder = FINDINGS / f"{time.strftime('%Y%m%d-%H%M%S')}-{'long' if self.budget.seconds else 'short'}"
            self.folder.mkdir(exist_ok=True)
            for old in sorted(p for p in FINDINGS.iterdir() if p.is_dir() and p.name[:8].isdigit())[:-KEEP_RUNS]:
                shutil.rmtree(old)
        return self.folder

    def _save(self, found: Finding) -> None:
        record = {k: v for k, v in asdict(found).items() if k != "folder"}
        found.file.write_text(json.dumps(record, indent=1, ensure_ascii=True) + "\n", encoding="utf-8")

    def explore(self, test: str, cases: st.SearchStrategy[Case]) -> list[Finding]:
        """Run `cases` for this test's budget; the findings of this test, worst kind first."""
        self.met = set()
        deadline = time.monotonic() + self.share if self.budget.seconds else None

        def one(case: Case) -> None:
            if deadline is None or time.monotonic() < deadline:
                self.check(test, case)

        run: Callable[[], None] = settings(
            max_examples=self.budget.examples if deadline is None else 20, deadline=None, database=None,
            derandomize=deadline is None, phases=(Phase.generate,), suppress_health_check=list(HealthCheck),
        )(given(cases)(one))
        run()
        while deadline is not None and time.monotonic() < deadline:
            run()
        return sorted((self.findings[sig] for sig in self.met), key=lambda f: (KINDS.index(f.kind), f.signature))

    def summary(self) -> str:
        """How many cases ran, and every finding with the command that replays it."""
        total = sum(self.cases.values())
        head = (f"fuzz: {total} cases in {time.monotonic() - self.started:.0f} s "
                f"({', '.join(f'{t} {n}' for t, n in sorted(self.cases.items()))}); "
                f"{len(self.findings)} distinct findings")
        found = sorted(self.findings.values(), key=lambda f: (KINDS.index(f.kind), f.signature))
        if found:
            for f in found:  # the counts are final now
                self._save(f)
            (self._folder() / "SUMMARY.txt").write_text(head + "\n\n" + "\n".join(f.line() for f in found) + "\n",
                                                  encoding="utf-8")
        return "\n".join([head, *(f.line() for f in found)])

    def expect_nothing(self, test: str, cases: st.SearchStrategy[Case]) -> None:
        """Explore `cases` and fail the test with every finding it met, each with its replay."""
        found = self.explore(test, cases)
        if found:
            pytest.fail(f"{len(found)} finding(s):\n" + "\n".join(f.line() for f in found), pytrace=False)
