"""`treaty git setup`, and the hidden helpers git calls once it is set up: the diff driver's
textconv and external diff, and the merge driver. The work is in `drafting.gitdrivers`."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from drafting.cli.common import EXIT_DIFFERENT, emit, new_app, note

git_app = new_app(
    "Drafts in git: `git diff` prints the redline, `git log -p` the text, and `git merge` merges "
    "drafts point by point, a conflict left as bracketed alternatives named after the branches.")

def _print(text: str) -> None:
    """Print for git's pager; a pager closed early (`git diff | head`) ends us quietly, as it does git."""
    try:
        emit(text, None, False)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing left to flush at exit
        raise typer.Exit(0) from None


#: git may pass a path that begins with "-": take it as an argument, never as an option.
_RAW = {"ignore_unknown_options": True}


@git_app.command("setup")
def setup_command(
    is_global: Annotated[bool, typer.Option("--global", help="For every repository of this user "
                                            "(~/.gitconfig and git's global attributes file).")] = False,
    remove: Annotated[bool, typer.Option("--undo", help="Remove what setup wrote, and nothing else.")] = False,
) -> None:
    """Tell git to diff and merge drafts (*.docx, drafts/**/*.json) with treaty: writes the
    .gitattributes lines and the diff.treaty / merge.treaty config; run again, it changes nothing."""
    from drafting.gitdrivers import setup, undo  # the drivers and what they read: only when git calls
    from drafting.gitdrivers._setup import executable

    done = undo(is_global=is_global, cwd=Path.cwd()) if remove else \
        setup(is_global=is_global, cwd=Path.cwd(), exe=executable())
    emit("".join(f"{line}\n" for line in done.done), None, False)


@git_app.command("textconv", hidden=True, context_settings=_RAW)
def textconv_command(file: Annotated[str, typer.Argument(help="The file git wants as text.")]) -> None:
    """diff.treaty.textconv: the draft as text, as `treaty show -f txt` prints it."""
    from drafting.gitdrivers import textconv

    _print(textconv(Path(file)))


@git_app.command("external-diff", hidden=True, context_settings=_RAW)
def external_diff_command(
    args: Annotated[list[str], typer.Argument(help="path old-file old-hex old-mode new-file new-hex new-mode")],
) -> None:
    """diff.treaty.command: git's external diff; prints the point-level redline."""
    from drafting.gitdrivers import external_diff

    _print(external_diff(args))


@git_app.command("merge-driver", hidden=True, context_settings=_RAW)
def merge_driver_command(
    base: Annotated[str, typer.Argument(help="%O: the base (empty when both sides added the file).")],
    ours: Annotated[str, typer.Argument(help="%A: ours; the result is written over it.")],
    theirs: Annotated[str, typer.Argument(help="%B: theirs.")],
    marker_size: Annotated[str, typer.Argument(help="%L: the conflict marker size.")],
    path: Annotated[str, typer.Argument(help="%P: the path in the repository; its suffix is the format.")],
) -> None:
    """merge.treaty.driver: a three-way merge of drafts; exit 1 when conflicts remain (git then
    reports the file as conflicted, holding the bracketed alternatives)."""
    from drafting.cli.merge import report
    from drafting.gitdrivers import merge_driver

    done = merge_driver(Path(base), Path(ours), Path(theirs), marker_size, path,
                        environ=os.environ, cwd=Path.cwd())
    base_from = f", against {done.base_from} (both added the file)" if done.base_from else ""
    note(f"treaty: merging {path}: {done.names[0]} and {done.names[1]}{base_from}")
    if done.merge is not None:
        report(done.merge, done.names)
    for message in done.messages:
        note(f"{path}: {message}")
    if not done.clean:
        raise typer.Exit(EXIT_DIFFERENT)
