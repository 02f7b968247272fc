"""What counts as a finding: the README's promises, checked on one step's outcome.

Exit 0, 1 (only `diff --exit-code`) or 2 with a message; no traceback; within the limits; no
write but to the -o file or the template's drafts folder, no -o file after exit 2 (a mistake
writes nothing), nothing existing replaced without
--force, never a non-regular file replaced, no temporary file left behind; the -o file in the
format its suffix names; no control character from the input in a message, no Rich markup eaten
from a name, no Python object printed into a draft, no local file pulled in by an external entity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from tests.fuzz.sandbox import option, positionals

#: The kinds of finding, in the order a report lists them.
KINDS = ("harness", "timeout", "cpu-limit", "killed", "memory", "no-report", "traceback",
         "traceback-printed", "exit-code", "silent-error", "wrote-on-error", "wrote-outside", "overwrote-without-force",
         "replaced-non-regular-file", "stray-temporary-file", "python-object-in-draft", "external-entity",
         "markup-eaten", "format-mismatch", "control-characters-in-message", "control-characters-on-terminal")

_TEMPORARY = re.compile(r"(^\..*\.tmp$)|(\.tmp$)|(^tmp[a-z0-9_]{6,}$)")
#: What a file written with -o must hold, by its suffix.
_WRITTEN_AS = {".json": ("json",), ".docx": ("zip",), ".html": ("html",), ".htm": ("html",),
               ".md": ("text",), ".txt": ("text",)}
#: Formats that reach a terminal when no -o is given (JSON escapes its control characters).
_TERMINAL_FORMATS = {"term", "outline", "txt", "md"}


@dataclass(frozen=True)
class Verdict:
    """One thing a step did wrong: its kind, what makes two of them the same bug, what happened."""

    kind: str
    signature: str
    detail: str


def command_of(args: list[str] | dict[str, str]) -> str:
    """`show`, `diff`, `clauses list`, … (or `python` for the harness's own snippets)."""
    if isinstance(args, dict):
        return "python"
    words = positionals(args)
    if words[:1] in (["clauses"], ["templates"]):
        return " ".join(words[:2])
    return words[0] if words else "(no command)"


def _within(rel: str, place: str) -> bool:
    """`rel` is `place`, inside it, or a folder made on the way to it."""
    path, target = PurePosixPath(rel), PurePosixPath(place)
    return path == target or target in path.parents or path in target.parents


def _region(rel: str, work: str) -> str:
    """Where in the case folder an unexpected write landed, in words stable across cases."""
    parts = PurePosixPath(rel).parts
    inside = PurePosixPath(work).parts
    if parts[:len(inside)] == inside:
        rest = parts[len(inside):]
        return f"work/{rest[0]}" + ("/…" if len(rest) > 1 else "") if rest else "work"
    if "outside" in parts:
        return "the user's other folder"
    return "above the working folder"


def _writes(step: dict[str, Any], work: str, cmd: str) -> list[Verdict]:
    out = []
    args = step["args"]
    force = "--force" in args
    places = list(step.get("targets", {}).values())
    output = step.get("targets", {}).get("output")
    if step.get("exit") == 2 and any(rel == output and what != "deleted" for rel, what, _kind in step.get("changes", [])):
        out.append(Verdict("wrote-on-error", f"wrote-on-error:{cmd}", f"exit 2, and {output} was written"))
    for rel, what, kind in step.get("changes", []):
        name = PurePosixPath(rel).name
        if what == "created" and _TEMPORARY.search(name):
            out.append(Verdict("stray-temporary-file", f"stray-temporary-file:{cmd}",
                               f"{rel} was left behind"))
        elif not any(_within(rel, place) for place in places):
            region = _region(rel, work)
            out.append(Verdict("wrote-outside", f"wrote-outside:{cmd}:{region}",
                               f"{what} {rel} ({kind}); allowed: {', '.join(places) or 'nothing'}"))
        elif what != "created" and not force:
            out.append(Verdict("overwrote-without-force", f"overwrote-without-force:{cmd}",
                               f"{what} {rel} without --force"))
        elif what == "retyped":
            out.append(Verdict("replaced-non-regular-file", f"replaced-non-regular-file:{cmd}",
                               f"{rel} is now a {kind}"))
    return out


def _hang(dump: str) -> str:
    """The innermost frame of ours (else of all) in the stack faulthandler dumped at a limit."""
    frames = [(f"{m.group(1).split('/drafting/')[-1] if '/drafting/' in m.group(1) else m.group(1).split('/')[-1]}"
               f":{m.group(2)}", "/drafting/" in m.group(1))
              for m in re.finditer(r'File "([^"]+)", line \d+ in (\S+)', dump)]
    ours = [f"drafting/{name}" for name, mine in frames if mine]
    return ours[0] if ours else frames[0][0] if frames else "?"


def _limits(step: dict[str, Any], cmd: str) -> list[Verdict]:
    where = step.get("frame") or step.get("origin") or "?"
    usage = f"after {step.get('seconds')} s, {step.get('cpu')} s CPU, {step.get('max_rss_mb')} MB"
    if step.get("timeout"):
        return [Verdict("timeout", f"timeout:{cmd}:{_hang(step.get('fd2', ''))}",
                        f"killed at the wall-clock limit {usage}\n{step.get('fd2', '')}")]
    if step.get("signal") in ("SIGXCPU", "SIGKILL"):
        return [Verdict("cpu-limit", f"cpu-limit:{cmd}:{_hang(step.get('fd2', ''))}",
                        f"{step['signal']} {usage}\n{step.get('fd2', '')}")]
    if step.get("signal"):
        return [Verdict("killed", f"killed:{cmd}:{step['signal']}", f"{step['signal']} {usage}\n{step.get('fd2', '')}")]
    if step.get("child_exit") != 0:
        return [Verdict("no-report", f"no-report:{cmd}",
                        f"the child exited {step.get('child_exit')} without reporting (out of memory?) {usage}"
                        f"\n{step.get('fd2', '')}")]
    if step.get("exc_type") == "MemoryError":
        return [Verdict("memory", f"memory:{where}", f"`treaty {cmd}`: MemoryError {usage}\n{step['exception']}")]
    return []


def _messages(step: dict[str, Any], cmd: str) -> list[Verdict]:
    out = []
    args = step["args"]
    code = step["exit"]
    if code not in (0, 1, 2):
        out.append(Verdict("exit-code", f"exit-code:{cmd}:{code}", f"exit {code}\n{step['stderr']}"))
    elif code == 1 and not (cmd == "diff" and "--exit-code" in args) and not step.get("exception"):
        out.append(Verdict("exit-code", f"exit-code:{cmd}:1", f"exit 1 without diff --exit-code\n{step['stderr']}"))
    if code == 2 and not step["stderr"].strip():
        out.append(Verdict("silent-error", f"silent-error:{cmd}", "exit 2 and nothing on stderr"))
    if step.get("traceback_printed"):
        out.append(Verdict("traceback-printed", f"traceback-printed:{cmd}", step["stderr"]))
    if step.get("stderr_controls"):
        out.append(Verdict("control-characters-in-message", f"control-characters-in-message:{cmd}",
                           f"{', '.join(step['stderr_controls'])} in: {step['stderr'][:300]!r}"))
    fmt = "outline" if "--outline" in args else (
        option(args, "-f", "--format") or ("term" if cmd == "diff" else "md" if cmd == "show" else ""))
    to_terminal = option(args, "-o", "--output") is None and (
        fmt in _TERMINAL_FORMATS or cmd.startswith(("clauses", "templates")))
    if to_terminal and step.get("stdout_controls"):
        out.append(Verdict("control-characters-on-terminal", f"control-characters-on-terminal:{cmd}:{fmt}",
                           f"{', '.join(step['stdout_controls'])} printed raw"))
    for arg in args:  # a message about a file starts with its name: "plan [v2].md: …", never "plan .md: …"
        bare = re.sub(r"\[[^\]]*\]", "", arg)
        named = re.search(rf"(?m)^(error: )?{re.escape(bare)}:", step["stderr"]) if bare != arg else None
        if named and arg not in step["stderr"]:
            out.append(Verdict("markup-eaten", f"markup-eaten:{cmd}", f"{arg!r} shown as {bare!r}"))
    written, output = step.get("written_as"), option(args, "-o", "--output")
    expected = _WRITTEN_AS.get(PurePosixPath(output or "").suffix.lower())
    if written and expected and written not in expected:
        out.append(Verdict("format-mismatch", f"format-mismatch:{cmd}:{PurePosixPath(output or '').suffix}",
                           f"-o {output} holds {written}"))
    if "root:x:0:0" in step["stdout"] + step["stderr"]:
        out.append(Verdict("external-entity", f"external-entity:{cmd}", "/etc/passwd in the output"))
    out += [Verdict("python-object-in-draft", f"python-object-in-draft:{cmd}", found)
            for found in step.get("reprs", [])]
    return out


def judge(step: dict[str, Any], work: str) -> list[Verdict]:
    """Every promise one step broke ([] when it kept them all); `work` is the working folder
    relative to the case folder."""
    cmd = command_of(step.get("args", []))
    died = _limits(step, cmd)
    if died and died[0].kind != "memory":
        return died + _writes(step, work, cmd)
    out = died
    if step.get("exception") and not died:
        where = step.get("frame") or step.get("origin") or "?"
        out.append(Verdict("traceback", f"traceback:{step['exc_type']}@{where}", f"`treaty {cmd}`:\n{step['exception']}"))
    return out + _messages(step, cmd) + _writes(step, work, cmd)
