"""What the drivers share: running git, and reading a file git handed over under another name."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path, PurePosixPath

from drafting.budgets import INPUT_BYTES
from drafting.errors import DraftingError
from drafting.model import Document
from drafting.readers import read_bytes

#: The file git passes for the side of a diff that does not exist (an added or deleted file).
NULL = "/dev/null"


def git(*args: str, cwd: Path | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run git; its own complaint, when it fails and `check`, as a `DraftingError`."""
    exe = shutil.which("git")
    if exe is None:
        raise DraftingError("git is not installed (or not on PATH)", hint="install git, then run this again")
    run = subprocess.run([exe, *args], cwd=cwd, capture_output=True, text=True, check=False)
    if check and run.returncode != 0:
        said = (run.stderr or run.stdout).strip().splitlines()
        raise DraftingError(f"git {' '.join(args[:2])} failed: {said[-1] if said else run.returncode}",
                            hint="run it inside a git repository, or use --global")
    return run


def raw(file: Path) -> bytes:
    """The bytes of `file` ("" for /dev/null), within the input budget."""
    if str(file) == NULL:
        return b""
    if not file.is_file():
        raise DraftingError("git passed a file that is not there", path=file)
    INPUT_BYTES.check(file.stat().st_size, "the file", path=file)
    return file.read_bytes()


def read_as(data: bytes, name: str) -> Document:
    """The document in `data`, which git keeps under a temporary name: `name`, the file's path in
    the repository, picks the reader by its suffix and names the file in messages."""
    return read_bytes(data, name, suffix=PurePosixPath(name).suffix.lower())
