"""`treaty git setup [--global] [--undo]`: the attributes and config that route drafts to treaty.

Setup is idempotent and writes nothing over what a user set: a `diff.treaty.*` or
`merge.treaty.*` key that holds something else stops it before it writes anything. Its
attribute lines go in a block under a marker line, so `--undo` removes exactly them (a
line the user had written elsewhere in the file stays) and only the config values that
are ours (recognised by the helper command they end with, wherever `treaty` lived then).
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from drafting.errors import DraftingError
from drafting.gitdrivers._git import git
from drafting.store import write_atomic

MARK = "# treaty git setup: drafts diff and merge point by point (`treaty git setup --undo` removes this block)"
ATTRIBUTES = ("*.docx diff=treaty merge=treaty", "drafts/**/*.json diff=treaty merge=treaty")
NAME = "treaty: drafts merged point by point, conflicts as bracketed alternatives"
#: Each key setup writes, and the helper command its value ends with (None: the value is NAME).
HELPERS = {"diff.treaty.textconv": "git textconv", "diff.treaty.command": "git external-diff",
           "merge.treaty.name": None, "merge.treaty.driver": "git merge-driver %O %A %B %L %P"}


@dataclass(frozen=True, slots=True)
class Setup:
    """What setup or undo did (or found done), one line each, as a user would type or read it."""

    scope: str
    attributes: Path
    done: tuple[str, ...]


def executable(argv0: str | None = None) -> str:
    """How git is to call `treaty`, quoted for git's shell: the absolute path of the `treaty`
    script running now (a venv's `bin/treaty` starts the venv's Python, activated or not, and
    a pipx link keeps working across upgrades, so the link is not resolved), else this Python
    with the entry point."""
    argv0 = sys.argv[0] if argv0 is None else argv0
    script = Path(argv0) if os.sep in argv0 else Path(shutil.which(argv0) or argv0)
    if script.name.startswith("treaty") and script.is_file() and os.access(script, os.X_OK):
        return shlex.quote(str(script.absolute()))
    return f"{shlex.quote(sys.executable)} -c {shlex.quote('from drafting.cli.main import run; run()')}"


def _values(exe: str) -> dict[str, str]:
    return {key: f"{exe} {helper}" if helper else NAME for key, helper in HELPERS.items()}


def _ours(key: str, value: str) -> bool:
    """Whether a config value is one `treaty git setup` writes (at any install path)."""
    helper = HELPERS[key]
    if helper is None:
        return value == NAME
    return value.endswith(f" {helper}") and ("treaty" in value or "drafting.cli.main" in value)


def _scope(is_global: bool, cwd: Path) -> tuple[str, Path]:
    """The `git config` scope flag and the attributes file it goes with."""
    if is_global:
        given = git("config", "--global", "--path", "--get", "core.attributesFile", cwd=cwd, check=False)
        if given.stdout.strip():
            return "--global", Path(given.stdout.strip()).expanduser()
        config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
        return "--global", config / "git" / "attributes"
    run = git("rev-parse", "--show-toplevel", cwd=cwd, check=False)
    if run.returncode != 0 or not run.stdout.strip():
        raise DraftingError("this folder is not in a git repository", path=cwd,
                            hint="run it inside the repository of your drafts, or use --global for all of them")
    return "--local", Path(run.stdout.strip()) / ".gitattributes"


def _get(scope: str, key: str, cwd: Path) -> str | None:
    run = git("config", scope, "--get", key, cwd=cwd, check=False)
    return run.stdout.rstrip("\n") if run.returncode == 0 else None


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.is_file() else []


def setup(*, is_global: bool, cwd: Path, exe: str) -> Setup:
    """Write the attribute lines and the config, those not there yet; refuse to replace a user's."""
    scope, attributes = _scope(is_global, cwd)
    wanted = _values(exe)
    current = {key: _get(scope, key, cwd) for key in wanted}
    for key, value in current.items():
        if value is not None and value != wanted[key] and not _ours(key, value):
            raise DraftingError(f"git config {key} is already set to {value!r}, which treaty did not write; "
                                "nothing was changed", hint=f"to let treaty drive it: git config {scope} --unset {key}")
    done = []
    for key, value in wanted.items():
        if current[key] == value:
            done.append(f"already set: {key} = {value}")
        else:
            git("config", scope, key, value, cwd=cwd)
            done.append(f"git config {scope} {key} {shlex.quote(value)}")
    lines = _lines(attributes)
    have = {line.strip() for line in lines}
    missing = [line for line in ATTRIBUTES if line not in have]
    if missing:
        if MARK in lines:
            at = lines.index(MARK) + 1
            lines[at:at] = missing
        else:
            lines += [MARK, *missing]
        write_atomic(attributes, "\n".join(lines) + "\n", force=True)
    done += [f"{attributes}: {line}" for line in missing]
    done += [f"already in {attributes}: {line}" for line in ATTRIBUTES if line not in missing]
    return Setup(scope, attributes, tuple(done))


def undo(*, is_global: bool, cwd: Path) -> Setup:
    """Remove what setup wrote: its config values and its block of attribute lines, nothing else."""
    scope, attributes = _scope(is_global, cwd)
    done = []
    for key in HELPERS:
        value = _get(scope, key, cwd)
        if value is not None and _ours(key, value):
            git("config", scope, "--unset", key, cwd=cwd)
            done.append(f"git config {scope} --unset {key}")
    for section in ("diff.treaty", "merge.treaty"):
        left = git("config", scope, "--get-regexp", f"^{section}\\.", cwd=cwd, check=False)
        if left.returncode == 1 and not left.stdout.strip():  # git leaves an empty section behind
            git("config", scope, "--remove-section", section, cwd=cwd, check=False)
    lines = _lines(attributes)
    if MARK in lines:
        at = lines.index(MARK)
        end, ours = at + 1, set(ATTRIBUTES)
        while end < len(lines) and lines[end].strip() in ours:  # each once: a copy after it is the user's
            ours.discard(lines[end].strip())
            end += 1
        done += [f"{attributes}: removed {line.strip()}" for line in lines[at + 1:end]]
        del lines[at:end]
        if any(line.strip() for line in lines):
            write_atomic(attributes, "\n".join(lines) + "\n", force=True)
        else:
            attributes.unlink()
            done.append(f"{attributes}: removed (it held nothing else)")
    return Setup(scope, attributes, tuple(done) or ("nothing to undo: treaty git setup was not run here",))
