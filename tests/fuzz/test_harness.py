"""The fuzzing harness itself: each limit and each check catches what it is there for, and a
clean run of the CLI is judged clean (so a fuzz test's silence means something)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.fuzz import replay
from tests.fuzz.arguments import FILES
from tests.fuzz.harness import Budget, Worker
from tests.fuzz.judge import judge
from tests.fuzz.sandbox import Limits, check_contained


@pytest.fixture(scope="module")
def worker() -> Iterator[Worker]:
    running = Worker(Limits(memory_mb=1024, cpu_s=1, wall_s=3))
    yield running
    running.close()


def kinds(worker: Worker, *steps: list[str] | dict[str, str], files: dict[str, Any] | None = None) -> list[str]:
    """The kinds of finding each step of a case met, in order."""
    answer = worker.run({"files": files or {}, "steps": list(steps)})
    return [" ".join(v.kind for v in judge(step, answer["work"])) for step in answer["steps"]]


def test_a_clean_run_has_no_findings(worker: Worker) -> None:
    assert kinds(worker, ["assemble", "plan"], ["assemble", "plan", "--set", "personnel=800000"],
                 ["diff", "plan/v1", "plan/v2", "--exit-code"], ["show", "plan", "-o", "out.docx"],
                 ["show", "plan", "-o", "out.json"], ["diff", "plan/v1", "plan/v2", "-o", "r.html"],
                 ["show", "nope"]) == ["", "", "", "", "", "", ""]


@pytest.mark.parametrize(("code", "kind"), [
    ("raise KeyError('x')", "traceback"),
    ("b'x' * 2**32", "memory"),
    ("while True: pass", "cpu-limit"),
    ("import time; time.sleep(60)", "timeout"),
    ("open('../outside/evil', 'w')", "wrote-outside"),
    ("open('.v1.json.x1y2.tmp', 'w')", "stray-temporary-file"),
    ("import os; os.kill(os.getpid(), 11)", "killed"),
    ("def f(): pass\nopen('drafts.md', 'w').write(str(f))", "python-object-in-draft wrote-outside"),
])
def test_each_limit_and_check_catches_its_kind(worker: Worker, code: str, kind: str) -> None:
    assert kinds(worker, {"python": code}) == [kind]


def step(args: list[str], **seen: Any) -> dict[str, Any]:
    """An outcome as the sandbox reports it, clean unless `seen` says otherwise."""
    return {"args": args, "exit": 0, "stdout": "", "stderr": "", "exception": "", "child_exit": 0,
            "signal": "", "timeout": False, "targets": {}, "changes": [], "reprs": [], **seen}


@pytest.mark.parametrize(("outcome", "kind"), [
    (step(["show", "a.md", "-o", "out.md"], targets={"output": "w/out.md"},
          changes=[["w/out.md", "modified", "file"]]), "overwrote-without-force"),
    (step(["show", "a.md", "-o", "out.md", "--force"], targets={"output": "w/out.md"},
          changes=[["w/out.md", "retyped", "file"]]), "replaced-non-regular-file"),
    (step(["show", "a.md", "-o", "out.md", "--force"], targets={"output": "w/out.md"},
          changes=[["w/out.md", "modified", "file"]]), ""),
    (step(["assemble", "plan"], targets={"drafts": "w/drafts/plan"},
          changes=[["w/drafts", "created", "dir"], ["w/drafts/plan", "created", "dir"],
                   ["w/drafts/plan/v1.json", "created", "file"]]), ""),
    (step(["assemble", "plan"], targets={"drafts": "w/drafts/plan"},
          changes=[["w/drafts/evil.json", "created", "file"]]), "wrote-outside"),
    (step(["show", "a.md"], exit=1), "exit-code"),
    (step(["diff", "a", "b", "--exit-code"], exit=1), ""),
    (step(["show", "a.md"], exit=2), "silent-error"),
    (step(["show", "a.md"], exit=2, stderr="error: x\n  File, line 1\nTraceback (most recent call last)",
          traceback_printed=True), "traceback-printed"),
    (step(["show", "a.md"], exit=2, stderr="error: \x1b[31m", stderr_controls=["U+001B"]),
     "control-characters-in-message"),
    (step(["show", "a.md", "-f", "txt"], stdout="\x1b[2J", stdout_controls=["U+001B"]),
     "control-characters-on-terminal"),
    (step(["show", "a.md", "-f", "json"], stdout="\x1b[2J", stdout_controls=["U+001B"]), ""),
    (step(["show", "plan [v2].md"], exit=2, stderr="error: plan .md: file not found"), "markup-eaten"),
    (step(["show", "in.docx"], stdout="root:x:0:0:root"), "external-entity"),
    (step(["show", "a.md", "-o", "x.json"], written_as="text"), "format-mismatch"),
    (step(["diff", "a", "b", "-o", "r.html"], written_as="text"), "format-mismatch"),
    (step(["show", "a.md", "-o", "x.md"], written_as="json"), "format-mismatch"),
    (step(["show", "a.md", "-o", "x.docx"], written_as="zip"), ""),
])
def test_the_judge(outcome: dict[str, Any], kind: str) -> None:
    assert " ".join(v.kind for v in judge(outcome, "w")) == kind


def test_a_case_may_not_name_a_path_outside_its_folder() -> None:
    for args in (["show", "/etc/passwd"], ["show", "a", "--drafts=/tmp"], ["show", "../" * 6 + "x"]):
        with pytest.raises(ValueError, match="may leave its folder"):
            check_contained({"steps": [args]})
    check_contained({"files": FILES, "steps": [["show", "{OUTSIDE}/x", "-o", "../" * 5 + "y"]]})


def test_replay_says_whether_a_finding_still_shows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken, fixed = tmp_path / "broken.json", tmp_path / "fixed.json"
    broken.write_text(json.dumps({"case": {"steps": [{"python": "1/0"}]}}), encoding="utf-8")
    fixed.write_text(json.dumps({"case": {"steps": [["templates", "list"]]}}), encoding="utf-8")
    assert replay.main([str(broken)]) == 1
    assert "ZeroDivisionError" in capsys.readouterr().out
    assert replay.main([str(fixed)]) == 0


def test_the_budget_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TREATY_FUZZ_SECONDS", raising=False)  # `make fuzz` sets it
    assert Budget.from_env().seconds == 0
    monkeypatch.setenv("TREATY_FUZZ_SECONDS", "600")
    monkeypatch.setenv("TREATY_FUZZ_MEMORY_MB", "512")
    budget = Budget.from_env()
    assert budget.seconds == 600 and budget.limits.memory_mb == 512


def test_the_readme_states_the_limits() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    limits = Limits()
    assert (f"({limits.memory_mb / 1024:.1f} GB, {limits.cpu_s} s, {limits.wall_s:.0f} s)"
            in " ".join(readme.split()))
