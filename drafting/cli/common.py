"""What every command shares: options, the error funnel, output and document lookup."""

from __future__ import annotations

import errno
import sys
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.text import Text
from typer.core import TyperArgument, TyperGroup

from drafting.errors import DraftingError, near
from drafting.model import Document
from drafting.readers import read_document
from drafting.store import draft_reference, write_atomic
from drafting.writers._shared import visible

#: Exit codes, chosen once: 0 done, 1 differences found (only with `diff --exit-code`), 2 a user's mistake.
EXIT_OK, EXIT_DIFFERENT, EXIT_USAGE = 0, 1, 2

err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def report(exc: DraftingError) -> None:
    """Print a user's mistake to stderr as one clear message, no traceback."""
    first, *rest = visible(exc.render()).splitlines() or [""]
    err_console.print(Text("error: ", style="bold red") + Text(first), highlight=False)
    for line in rest:
        err_console.print(line, markup=False)


def note(message: str) -> None:
    """A remark on stderr that is not an error (progress, warnings, "nothing to do")."""
    err_console.print(visible(message), markup=False)


def progress(message: str) -> AbstractContextManager[object]:
    """A spinner on stderr while long work runs, only when a person is watching a terminal."""
    return err_console.status(Text(visible(message))) if err_console.is_terminal else nullcontext()


#: What an option's value is called in --help, by option name (the default: the name in capitals).
_METAVARS = {"set": "NAME=VALUE", "format": "FORMAT", "position": "NAME", "label": "LABEL", "output": "FILE",
             "library": "DIR", "templates": "DIR", "drafts": "DIR", "date": "DATE", "author": "NAME",
             "family": "FAMILY"}


class Funnel(TyperGroup):
    """The one place a `DraftingError` becomes a message and exit code 2."""

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """The command, its values named plainly in --help (TEMPLATE, FILE, NAME=VALUE), as
        man pages do, not by Python types (`<str>`, `<list[str]>`) nor in braces (`{template}`)."""
        command = super().get_command(ctx, cmd_name)
        for param in command.params if command is not None else ():
            if isinstance(param, TyperArgument):
                name = (param.name or "").upper()
                param.metavar = name
                plain = name + ("..." if param.nargs != 1 else "")
                vars(param).update(_usage_display_name=lambda plain=plain: plain, display_type_rich=lambda ctx: "")
            elif param.metavar is None and not getattr(param, "is_flag", False):
                long_name = max(param.opts, key=len).lstrip("-")
                param.metavar = _METAVARS.get(long_name, long_name.upper())
        return command

    def invoke(self, ctx: typer.Context) -> object:  # type: ignore[override]  # typer's own Context
        try:
            return super().invoke(ctx)
        except DraftingError as exc:
            report(exc)
            raise typer.Exit(EXIT_USAGE) from None
        except OSError as exc:  # a read-only folder, a full disk, a name too long: the system said no
            report(DraftingError(exc.strerror or str(exc), path=exc.filename,
                                 hint=_SYSTEM_HINTS.get(exc.errno or 0, "check the path and its permissions")))
            raise typer.Exit(EXIT_USAGE) from None


#: What to do about the system errors a user meets; the message itself is the system's.
_SYSTEM_HINTS = {
    errno.EACCES: "you may not write here: choose another place (-o, --drafts) or change the permissions",
    errno.EPERM: "the system does not allow this here: choose another place (-o, --drafts)",
    errno.EROFS: "the disk is mounted read-only: choose another place (-o, --drafts)",
    errno.ENOSPC: "the disk is full: free some space and run again; nothing was half-written",
    errno.EDQUOT: "your disk quota is used up: free some space and run again; nothing was half-written",
    errno.ENAMETOOLONG: "the file name is too long for this disk: choose a shorter one",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EISDIR: "this is a folder: give a file name",
}


def new_app(help_text: str) -> typer.Typer:
    """A typer app (or command group) with the error funnel and no rich tracebacks of locals."""
    return typer.Typer(cls=Funnel, help=help_text, no_args_is_help=True, add_completion=False,
                       pretty_exceptions_show_locals=False, rich_markup_mode=None)


Output = Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of to standard output.")]
Force = Annotated[bool, typer.Option("--force", help="Replace an existing output file.")]
Drafts = Annotated[Path, typer.Option("--drafts", help="Folder of assembled drafts.", show_default=True)]
Rejected = Annotated[bool, typer.Option("--as-is-rejected", help="Read a .docx with tracked changes as if all were rejected (default: accepted).")]
Comments = Annotated[bool, typer.Option("--comments", help="docx: attach each point's clause id and version as a Word comment.")]
Alternatives = Annotated[str, typer.Option(
    "--alternatives", metavar="inline|table",
    help="docx: write each set of alternatives in the text (inline) or as a table with one column per delegation (table).")]


#: The format a file's suffix asks for, when --format is not given (as pandoc does).
_BY_SUFFIX = {".md": "md", ".markdown": "md", ".txt": "txt", ".text": "txt", ".json": "json",
              ".html": "html", ".htm": "html", ".docx": "docx", ".xlsx": "xlsx",
              ".xml": "akn"}


def pick_format(given: str | None, output: Path | None, default: str, *, redline: bool = False) -> str:
    """The format to write: --format, else the output file's suffix, else `default`.

    A suffix that contradicts an explicit --format is a mistake (Markdown in a .json file).
    For a redline, .txt is the terminal rendering without colour.
    """
    suffix = output.suffix.lower() if output is not None else ""
    implied = _BY_SUFFIX.get(suffix)
    if implied == "txt" and redline:
        implied = "term"
    if given is None:
        return implied or default
    plain_text = {"txt", "term", "outline", "provenance"}
    if implied is not None and implied != given and not (implied in plain_text and given in plain_text):
        raise DraftingError(f"--format {given} does not match the output file's suffix {suffix!r}",
                            path=output, hint=f"write {given} to a file ending in the format's suffix, "
                                              f"or leave --format out to write {implied}")
    return given


#: How --alternatives may write a draft's sets of alternatives (the docx writer's `alternatives`).
ALTERNATIVES = ("inline", "table")


def writer_options(fmt: str, *, comments: bool, alternatives: str = "inline") -> dict[str, object]:
    """Options only some writers take; asking one that doesn't is a mistake, said so."""
    if comments and fmt != "docx":
        raise DraftingError("--comments is for --format docx")
    if alternatives not in ALTERNATIVES:
        raise DraftingError(f"--alternatives {alternatives!r} is not inline or table",
                            matches=near(alternatives, list(ALTERNATIVES)),
                            hint="--alternatives table writes each set of alternatives as a table (docx)")
    if alternatives != "inline" and fmt != "docx":
        raise DraftingError(f"--alternatives {alternatives} is for --format docx",
                            hint="HTML, Markdown and text write alternatives as they stand in the text")
    options: dict[str, object] = {"comments": True} if comments else {}
    if alternatives != "inline":
        options["alternatives"] = alternatives
    return options


def emit(data: str | bytes, output: Path | None, force: bool, *, binary: bool = False,
         styled: bool = False) -> None:
    """Write to `output` safely, or to standard output; binary data needs a file.

    Control characters of the text (a counterpart's escape sequences) are shown as
    symbols, unless the writer already did and added styles of its own (`styled`, the
    terminal rendering); a file written with `-o` keeps the text as it is.
    """
    if output is not None:
        write_atomic(output, data, force=force)
        note(f"wrote {output}")
        return
    if binary or isinstance(data, bytes):
        raise DraftingError("this format is binary; it cannot go to the terminal",
                            hint="give an output file with -o FILE")
    sys.stdout.write(data if styled else visible(data))
    sys.stdout.flush()


def load(name: str, drafts: Path, *, rejected: bool = False) -> Document:
    """A document from a file path, or from a draft reference such as `plan-28-point/v1`."""
    path = Path(name)
    if not path.exists():
        record = draft_reference(name, drafts)
        if record is not None:
            path = record
        elif not path.suffix and "/" not in name.rstrip("/"):
            known = sorted(p.name for p in drafts.iterdir() if p.is_dir()) if drafts.is_dir() else []
            raise DraftingError(f"no file and no assembled draft named {name!r}", path=drafts / name,
                                matches=near(name, known),
                                hint=f"if {name} is a template, assemble it first: treaty assemble {name}")
    doc = read_document(path, rejected=rejected)  # what the user named, never a file beside it
    for name_, value in doc.meta.extra:
        if name_ in ("warning", "note"):
            note(f"{path}: {value}")
    return doc
