"""The diff driver: a textconv (the draft as text, for `git log -p`, `git show`, `--no-ext-diff`)
and git's seven-argument external diff (the point-level redline, for `git diff`).

Both must print something useful for any file the attributes route here: git stops the
whole diff when a driver fails ("external diff died"), and a file that is not a draft (a
`drafts/**/*.json` of another tool, a damaged .docx) is still a change the user wants to see.
So a file `treaty` cannot read is shown as it is (text) or named with the reason (binary),
and the redline falls back to a line diff of the two texts.
"""

from __future__ import annotations

import difflib
import hashlib
import os
from pathlib import Path, PurePath

from drafting.diff import diff
from drafting.errors import DraftingError
from drafting.gitdrivers._git import NULL, raw, read_as
from drafting.model import Document
from drafting.writers import document_writer, redline_writer
from drafting.writers._shared import visible

#: Width of the redline: git's pager is no terminal we could ask, so COLUMNS or this.
WIDTH = 100


def _as_text(data: bytes, name: str) -> str:
    """The draft in `data` as `treaty show -f txt` prints it; else the file as it is, or why not."""
    if not data:
        return ""
    try:
        return str(document_writer("txt")(read_as(data, name))).rstrip("\n") + "\n"
    except DraftingError as exc:
        if b"\x00" in data[:8192] or data.startswith(b"PK\x03\x04"):  # binary: say what, and which bytes
            digest = hashlib.sha256(data).hexdigest()[:12]
            return f"(treaty cannot read {PurePath(name).name}: {exc.message}; {len(data):,} bytes, sha256 {digest})\n"
        return data.decode("utf-8", errors="replace")


def textconv(file: Path) -> str:
    """The text git diffs instead of the file's bytes (diff.treaty.textconv)."""
    return visible(_as_text(raw(file), str(file)))


#: The arguments GIT_EXTERNAL_DIFF gets (git(1)): path old-file old-hex old-mode new-file new-hex
#: new-mode; a rename or copy adds the new path and git's header lines; an unmerged path comes alone.
_SEVEN, _NINE = 7, 9


def external_diff(args: list[str]) -> str:
    """What `git diff` prints for one file (diff.treaty.command): a header and the redline."""
    if len(args) == 1:
        return f"* Unmerged path {visible(args[0])}\n"
    if len(args) not in (_SEVEN, _NINE):
        raise DraftingError(f"git passes an external diff 1, 7 or 9 arguments, not {len(args)}",
                            hint="this command is for git to call (diff.treaty.command)")
    path, old_file, _old_hex, _old_mode, new_file, _new_hex, _new_mode = args[:_SEVEN]
    new_path = args[_SEVEN] if len(args) == _NINE else path
    head = f"treaty diff a/{path} b/{new_path}\n"
    if len(args) == _NINE and args[8].strip():
        head += args[8].rstrip("\n") + "\n"
    old, new = raw(Path(old_file)), raw(Path(new_file))
    try:
        body = _redline(old, f"a/{path}", new, f"b/{new_path}")
    except DraftingError:
        lines = difflib.unified_diff(_as_text(old, path).splitlines(keepends=True),
                                     _as_text(new, new_path).splitlines(keepends=True),
                                     f"a/{path}" if old_file != NULL else NULL,
                                     f"b/{new_path}" if new_file != NULL else NULL)
        body = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
    return visible(head + body)


def _side(data: bytes, name: str) -> Document:
    """One side of the redline, named `a/...` or `b/...` in its header as git names it (not by
    its version label: both sides of a file changed in place have the same); empty when absent."""
    if not data:
        return Document().with_meta(source=NULL)
    return read_as(data, name[2:]).with_meta(source=name, version="")


def _redline(old: bytes, old_name: str, new: bytes, new_name: str) -> str:
    columns = os.environ.get("COLUMNS", "")
    width = int(columns) if columns.isdigit() and 40 <= int(columns) <= 1000 else WIDTH
    rl = diff(_side(old, old_name), _side(new, new_name))
    return str(redline_writer("term")(rl, color=False, width=width))
